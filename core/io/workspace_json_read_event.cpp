// The workspace reader: events (tuples, added in batches) and the checks only the end of the
// file can make.

#include <algorithm>
#include <array>
#include <functional>

#include "core/io/ledger_json.hpp"
#include "core/io/settings_json.hpp"
#include "core/io/workspace_json_reader.hpp"

namespace nurture::workspace_json_detail {

// Turns a byte offset into a 1-based line and column (in characters) for the error message.
Error position_error(std::string_view text, std::size_t byte, std::string what) {
  std::uint32_t line = 1;
  std::uint32_t column = 1;
  for (std::size_t i = 0; i < byte && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      ++column;
    }
  }
  return Error{std::move(what), line, column};
}

void sort_ids(std::vector<std::uint64_t>& ids) {
  const std::size_t n = ids.size();
  if (n < 1024) {
    std::sort(ids.begin(), ids.end());
    return;
  }
  // Least significant byte first, each pass a stable counting sort. A byte's histogram does not
  // depend on the order, so all eight are counted in one pass; a byte every id shares (the
  // high bytes of small ids) needs no pass.
  std::array<std::array<std::uint32_t, 256>, 8> counts{};
  for (const std::uint64_t id : ids) {
    for (std::size_t b = 0; b < 8; ++b) ++counts[b][(id >> (8 * b)) & 0xFF];
  }
  std::vector<std::uint64_t> other(n);
  std::uint64_t* src = ids.data();
  std::uint64_t* dst = other.data();
  for (std::size_t b = 0; b < 8; ++b) {
    auto& count = counts[b];
    const unsigned shift = 8 * static_cast<unsigned>(b);
    if (count[(src[0] >> shift) & 0xFF] == n) continue;
    std::uint32_t sum = 0;
    for (auto& c : count) {
      const std::uint32_t here = c;
      c = sum;
      sum += here;
    }
    for (std::size_t i = 0; i < n; ++i) {
      const std::uint64_t id = src[i];
      dst[count[(id >> shift) & 0xFF]++] = id;
    }
    std::swap(src, dst);
  }
  if (src != ids.data()) std::copy(src, src + n, ids.data());
}

bool Reader::event_value(const Value& v) {
  const std::uint32_t pos = top().count;
  Event& e = m_event;
  std::int64_t n = 0;
  switch (pos) {
    case 0: {
      if (v.kind != Value::Kind::string) return fail("must be an event id (a string)");
      const auto id = parse_event_id(v.s);
      if (!id) return fail("\"" + std::string(v.s.substr(0, 40)) + "\" is not an event id");
      e.id = *id;
      return true;
    }
    case 1: {
      if (v.kind != Value::Kind::string) return fail("must be a lead id (a string)");
      const auto id = parse_lead_id(v.s);
      if (!id) return fail("\"" + std::string(v.s.substr(0, 40)) + "\" is not a lead id");
      if (!m_lead_ids.built()) m_lead_ids.build(m_ws.leads);
      const std::less<> before;
      if (!before(v.s.data(), m_text.data()) &&
          !before(m_text.data() + m_text.size(), v.s.data() + v.s.size())) {
        // The text is in the file (it had no escapes): checked later, in a batch.
        m_pending_leads.push_back(
            {id->value, m_stack[m_depth - 2].count, static_cast<std::size_t>(v.s.data() - m_text.data())});
      } else if (!m_lead_ids.contains(id->value) && !m_ws.leads.find_any(*id)) {
        // The set misses leads read after the first event; the store has them.
        return fail("no lead has the id " + std::string(v.s));
      }
      e.lead = *id;
      return true;
    }
    case 2:
      return get_int(v, 0, k_max_json_millis, e.at);
    case 3:
      return get_enum(v, parse_event_type, e.type);
    case 4:
      return get_string(v, e.content);
    case 5:
      return get_string(v, e.sequence);
    case 6:
      if (!get_int(v, 0, UINT16_MAX, n)) return false;
      e.step = static_cast<std::uint16_t>(n);
      return true;
    case 7:
      if (!get_int(v, 0, UINT32_MAX, n)) return false;
      e.seconds = static_cast<std::uint32_t>(n);
      return true;
    case 8:
      return get_int(v, INT64_MIN, INT64_MAX, e.amount_cents);
    case 9:
      return get_string(v, e.service);
    case 10:
      return fail("must be an object of strings");
    case 11: {
      Stamp s;
      if (!get_stamp(v, s)) return false;
      m_event_deleted = s;
      return true;
    }
    default:
      return true;  // a newer minor version's addition
  }
}

bool Reader::finish_event(std::uint32_t members) {
  if (members < 4) return fail("needs at least an id, a lead, a time and a type");
  if (!m_event_ids.empty() && m_event.id.value <= m_event_ids.back()) m_event_ids_ascending = false;
  m_event_ids.push_back(m_event.id.value);
  if (m_event_deleted) m_event_tombstones.emplace_back(m_event.id, *m_event_deleted);
  m_batch.push_back(std::move(m_event));
  if (m_batch.size() >= k_event_batch && (!check_event_leads() || !flush_events())) return false;
  ++m_items;
  return report_progress();
}

bool Reader::check_event_leads() {
  if (m_pending_leads.empty()) return true;
  // No early exit inside the loop's body but the rare failure: the CPU runs ahead into the
  // next lookups while one waits for memory.
  for (const PendingLead& pending : m_pending_leads) {
    // The set misses leads read after the first event; the store has them.
    if (m_lead_ids.contains(pending.id) || m_ws.leads.find_any(LeadId{pending.id})) continue;
    if (m_error.empty()) {
      m_error = "events[" + std::to_string(pending.event) + "][1]: no lead has the id " +
                std::string(m_text.substr(pending.text_offset, 17));
    }
    m_pending_leads.clear();
    return false;
  }
  m_pending_leads.clear();
  return true;
}

bool Reader::flush_events() {
  m_ws.events.add(m_batch);
  m_batch.clear();
  return true;
}

bool Reader::report_progress() {
  if (!m_options.progress || m_items % k_progress_every != 0) return true;
  if (!check_event_leads()) return false;
  const double fraction =
      m_count_hint == 0 ? 0.0
                        : std::min(1.0, static_cast<double>(m_items) / static_cast<double>(m_count_hint));
  if (m_options.progress(fraction)) return true;
  m_error = "the import was cancelled";
  return false;
}

// The scan has ended: the error it met, or the checks only the end of the file can make.
Expected<Workspace> Reader::conclude(json_scan::ScanStatus status) {
  // An unknown lead comes before whatever stopped the scan later in the file.
  if (!check_event_leads()) return Error{m_error};
  if (status == json_scan::ScanStatus::failed) {
    const json_scan::ScanError& err = m_scanner.error();
    if (err.reason.empty()) return Error{m_error};
    if (err.giant) {
      return position_error(
          m_text, err.offset,
          "a text is longer than the limit of " + std::to_string(k_max_json_string_bytes) + " bytes");
    }
    if (err.utf8) return position_error(m_text, err.offset, "the file is not valid UTF-8 text");
    return position_error(m_text, err.offset, "malformed JSON: " + err.reason);
  }
  if (m_root_not_object) return Error{"a workspace file must be a JSON object"};
  if (!m_has_format) {
    return Error{R"(this is not a Nurture workspace file (its "format" is not "nurture.workspace"))"};
  }
  if (m_version == 0) return Error{"the workspace file has no integer \"version\""};
  flush_events();
  // Files whose ids were handed out in order need no sort: strictly ascending ids are distinct.
  if (!m_event_ids_ascending) sort_ids(m_event_ids);
  if (const auto dup = std::adjacent_find(m_event_ids.begin(), m_event_ids.end()); dup != m_event_ids.end()) {
    return Error{"events: the event id " + to_string(EventId{*dup}) + " appears twice"};
  }
  m_ws.events.set_deleted_batch(m_event_tombstones);
  // Version 1 files predate the settings members: such keys stay unknown members there.
  if (m_version >= 2) {
    if (auto settings = take_settings_members(m_ws); !settings.ok()) return Error{settings.message};
    if (auto ledger = take_ledger_member(m_ws); !ledger.ok()) return Error{ledger.message};
  }
  return std::move(m_ws);
}

}  // namespace nurture::workspace_json_detail
