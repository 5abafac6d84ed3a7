// The consent ledger's audit export in slices (LedgerJsonWriter), a few thousand entries at a
// time, so a 100,000-lead ledger does not freeze the tab for half a second (docs/long-work.md).
// ledger_export_json is one pass of it, so the file's layout lives only here.
#include <algorithm>

#include "core/io/json_text.hpp"
#include "core/io/ledger_json.hpp"
#include "core/util/civil_time.hpp"

namespace nurture {

LedgerJsonWriter::LedgerJsonWriter(const Workspace& ws, std::optional<LeadId> lead, UnixMillis exported_at)
    : m_ws(ws), m_lead(lead), m_exported_at(exported_at) {
  const Chains& chains = ws.ledger.chains();
  if (lead) {
    // Every chain of one lead (all its devices) lies together in key order.
    m_begin = chains.lower_bound({lead->value, 0});
    m_end = m_begin;
    while (m_end != chains.end() && m_end->first.first == lead->value) {
      m_count += m_end->second.size();
      ++m_end;
    }
  } else {
    m_begin = chains.begin();
    m_end = chains.end();
    m_count = ws.ledger.size();
  }
  m_hash_at = {m_begin, 0};
  m_write_at = {m_begin, 0};
}

const LedgerEntry* LedgerJsonWriter::next(Cursor& c) const {
  while (c.chain != m_end && c.index >= c.chain->second.size()) {
    ++c.chain;
    c.index = 0;
  }
  if (c.chain == m_end) return nullptr;
  return &c.chain->second[c.index++];
}

bool LedgerJsonWriter::write(std::string& out, std::size_t max_entries) {
  using namespace json_text;
  if (m_done) return true;
  std::size_t budget = std::max<std::size_t>(max_entries, 1);
  // First pass: the digest, which the header carries before the entries.
  if (m_digest.empty()) {
    for (; budget > 0 && m_hashed < m_count; --budget) {
      const LedgerEntry* e = next(m_hash_at);
      if (e == nullptr) break;
      m_sha.update(e->hash);
      m_sha.update("\n");
      ++m_hashed;
    }
    if (m_hashed < m_count) return false;
    static constexpr char k_hex[] = "0123456789abcdef";
    for (const auto b : m_sha.finish()) {
      m_digest.push_back(k_hex[b >> 4]);
      m_digest.push_back(k_hex[b & 0xF]);
    }
    if (budget == 0) return false;  // this call's share is used up
  }
  if (!m_header_done) {
    out.append("{\n  \"format\": \"");
    out.append(k_ledger_export_format).append("\",\n  \"version\": ");
    append_int(out, k_ledger_export_version);
    out.append(",\n  \"practice\": ");
    append_string(out, m_ws.practice.name);
    out.append(",\n  \"exported_at\": \"")
        .append(format_iso8601_utc(m_exported_at))
        .append("\",\n  \"lead\": \"");
    out.append(m_lead ? to_string(*m_lead) : std::string("all")).append("\",\n  \"entry_count\": ");
    append_int(out, m_count);
    out.append(",\n  \"digest\": \"").append(m_digest).append("\",\n  \"entries\": [");
    m_header_done = true;
  }
  for (; budget > 0 && m_written < m_count; --budget) {
    const LedgerEntry* e = next(m_write_at);
    if (e == nullptr) break;
    out.append(m_written == 0 ? "\n    " : ",\n    ");
    out.append(ledger_entry_json(*e));
    ++m_written;
  }
  if (m_written < m_count) return false;
  out.append(m_count == 0 ? "]\n}\n" : "\n  ]\n}\n");
  m_done = true;
  return true;
}

double LedgerJsonWriter::progress() const {
  if (m_done) return 1.0;
  if (m_count == 0) return 0.0;
  const auto n = static_cast<double>(m_count);
  return 0.1 * static_cast<double>(m_hashed) / n + 0.9 * static_cast<double>(m_written) / n;
}

}  // namespace nurture
