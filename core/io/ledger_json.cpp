#include "core/io/ledger_json.hpp"

#include <limits>

#include <nlohmann/json.hpp>

#include "core/crypto/sha256.hpp"
#include "core/export/leads_csv.hpp"
#include "core/io/json_decoder.hpp"
#include "core/io/json_text.hpp"
#include "core/io/workspace_json.hpp"
#include "core/util/civil_time.hpp"
#include "core/util/text.hpp"

namespace nurture {

namespace {

using json_decode::Decoder;
using json_decode::Json;

// An upper bound that keeps a hostile file from asking for unbounded memory: three consent
// records and three opt-outs changing every day for years, for 100,000 leads, stays below it.
constexpr std::size_t k_max_entries = 20'000'000;

std::string ledger_hex16(std::uint64_t v) {
  std::string out;
  json_text::append_hex_id(out, 'D', v);
  return out.substr(2, 16);  // without the quotes and the prefix
}

std::optional<std::uint64_t> parse_ledger_hex16(std::string_view s) {
  if (s.size() != 16) return std::nullopt;
  std::uint64_t v = 0;
  for (const char c : s) {
    int d = 0;
    if (c >= '0' && c <= '9') {
      d = c - '0';
    } else if (c >= 'a' && c <= 'f') {
      d = c - 'a' + 10;
    } else {
      return std::nullopt;
    }
    v = (v << 4) | static_cast<std::uint64_t>(d);
  }
  return v;
}

bool is_hash(std::string_view s) {
  return s.size() == 64 && std::all_of(s.begin(), s.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

LedgerEntry read_entry(Decoder& d, const Json& j, const std::string& path) {
  LedgerEntry e;
  if (!d.object(j, path,
                {"lead", "device", "seq", "at", "recorded", "channel", "purpose", "change", "source",
                 "method", "wording", "reason", "prev", "hash"}))
    return e;
  const auto lead = parse_lead_id(d.text(j, path, "lead"));
  if (!d.failed() && !lead) d.fail(json_decode::join(path, "lead"), "is not a lead id");
  e.lead = lead.value_or(LeadId{});
  const auto device = parse_ledger_hex16(d.text(j, path, "device"));
  if (!d.failed() && !device) d.fail(json_decode::join(path, "device"), "is not 16 lowercase hex digits");
  e.device = device.value_or(0);
  e.seq = static_cast<std::uint64_t>(d.integer(j, path, "seq", 1, std::int64_t{1} << 53, 0, true));
  e.at = d.integer(j, path, "at", -k_max_json_millis, k_max_json_millis, 0, true);
  const auto recorded = parse_stamp(d.text(j, path, "recorded"));
  if (!d.failed() && !recorded) d.fail(json_decode::join(path, "recorded"), "is not a change stamp");
  e.recorded = recorded.value_or(Stamp{});
  e.channel = d.name(j, path, "channel", parse_channel, Channel::email);
  const std::string purpose = d.text(j, path, "purpose");
  if (!purpose.empty()) e.purpose = d.name(j, path, "purpose", parse_purpose, Purpose::marketing);
  e.change = d.name(j, path, "change", parse_consent_change, ConsentChange::granted);
  e.source = d.name(j, path, "source", parse_ledger_source, LedgerSource::manual);
  e.method = d.text(j, path, "method");
  e.wording = d.text(j, path, "wording");
  e.reason = d.text(j, path, "reason");
  e.prev_hash = d.text(j, path, "prev");
  e.hash = d.text(j, path, "hash");
  if (!d.failed() && !is_hash(e.prev_hash))
    d.fail(json_decode::join(path, "prev"), "is not a SHA-256 in hex");
  if (!d.failed() && !is_hash(e.hash)) d.fail(json_decode::join(path, "hash"), "is not a SHA-256 in hex");
  return e;
}

std::vector<LedgerEntry> read_entries(Decoder& d, const Json& list, const std::string& path) {
  std::vector<LedgerEntry> out;
  if (!list.is_array()) {
    d.fail(path, "must be an array");
    return out;
  }
  if (list.size() > k_max_entries) {
    d.fail(path, "has more than " + std::to_string(k_max_entries) + " entries");
    return out;
  }
  out.reserve(list.size());
  for (std::size_t i = 0; i < list.size() && !d.failed(); ++i)
    out.push_back(read_entry(d, list[i], json_decode::item_path(path, i)));
  return out;
}

std::string header_value(const Workspace& ws, std::optional<LeadId> lead,
                         const std::vector<LedgerEntry>& entries, UnixMillis exported_at,
                         std::string_view name) {
  if (name == "practice") return ws.practice.name;
  if (name == "exported_at") return format_iso8601_utc(exported_at);
  if (name == "lead") return lead ? to_string(*lead) : std::string("all");
  if (name == "entry_count") return std::to_string(entries.size());
  return ledger_digest(entries);
}

}  // namespace

std::string ledger_entry_json(const LedgerEntry& e) {
  using namespace json_text;
  std::string out = "{";
  append_key(out, "lead");
  append_hex_id(out, 'L', e.lead.value);
  out.append(R"(,"device":")").append(ledger_hex16(e.device)).append(R"(",)");
  append_key(out, "seq");
  append_int(out, e.seq);
  out.append(",\"at\":");
  append_int(out, e.at);
  out.append(R"(,"recorded":")").append(to_string(e.recorded)).append(R"(","channel":")");
  out.append(to_string(e.channel)).append(R"(","purpose":")");
  if (e.purpose) out.append(to_string(*e.purpose));
  out.append(R"(","change":")").append(to_string(e.change)).append(R"(","source":")");
  out.append(to_string(e.source)).append("\",");
  append_key(out, "method");
  append_string(out, e.method);
  out.push_back(',');
  append_key(out, "wording");
  append_string(out, e.wording);
  out.push_back(',');
  append_key(out, "reason");
  append_string(out, e.reason);
  out.append(R"(,"prev":")").append(e.prev_hash).append(R"(","hash":")").append(e.hash).append(R"("})");
  return out;
}

void append_ledger_member(std::string& out, const Workspace& ws) {
  if (ws.ledger.empty()) return;
  out.append(",\n  \"consent_ledger\": [");
  bool first = true;
  for (const auto& [key, chain] : ws.ledger.chains()) {
    for (const auto& e : chain) {
      out.append(first ? "\n    " : ",\n    ");
      first = false;
      out.append(ledger_entry_json(e));
    }
  }
  out.append("\n  ]");
}

Status take_ledger_member(Workspace& ws) {
  auto& members = ws.unknown_members;
  const auto it =
      std::find_if(members.begin(), members.end(), [](const auto& m) { return m.first == "consent_ledger"; });
  if (it == members.end()) return Status::success();
  const Json j = Json::parse(it->second, nullptr, false);
  members.erase(it);
  if (j.is_discarded()) return Status::failure("consent_ledger: is not valid JSON");
  Decoder d;
  auto entries = read_entries(d, j, "consent_ledger");
  if (d.failed()) return Status::failure(d.error());
  auto ledger = ledger_from_entries(std::move(entries), "consent_ledger");
  if (!ledger) return Status::failure(ledger.error().message);
  ws.ledger = std::move(ledger).value();
  return Status::success();
}

Expected<ConsentLedger> ledger_from_entries(std::vector<LedgerEntry> entries, std::string_view list) {
  // Writers emit chains in key order, each numbered from 1: anything else was edited.
  ConsentLedger ledger;
  std::vector<LedgerEntry> chain;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    LedgerEntry& e = entries[i];
    const bool same = !chain.empty() && chain.back().lead == e.lead && chain.back().device == e.device;
    if (!same && !chain.empty()) {
      const ConsentLedger::Key key{chain.back().lead.value, chain.back().device};
      if (ledger.chains().count(key) != 0 || ConsentLedger::Key{e.lead.value, e.device} < key)
        return Error{json_decode::item_path(std::string(list), i) + ": entries are not in order"};
      ledger.put_chain(key, std::move(chain));
      chain.clear();
    }
    if (e.seq != chain.size() + 1) {
      return Error{json_decode::item_path(std::string(list), i) + ".seq: expected " +
                   std::to_string(chain.size() + 1)};
    }
    chain.push_back(std::move(e));
  }
  if (!chain.empty()) {
    // The key first: the argument moved into put_chain may be evaluated before it.
    const ConsentLedger::Key key{chain.back().lead.value, chain.back().device};
    ledger.put_chain(key, std::move(chain));
  }
  return ledger;
}

std::vector<LedgerEntry> ledger_export_entries(const Workspace& ws, std::optional<LeadId> lead) {
  if (!lead) return ws.ledger.entries();
  std::vector<LedgerEntry> out;
  const auto& chains = ws.ledger.chains();
  for (auto it = chains.lower_bound({lead->value, 0}); it != chains.end() && it->first.first == lead->value;
       ++it)
    out.insert(out.end(), it->second.begin(), it->second.end());
  return out;
}

std::string ledger_digest(const std::vector<LedgerEntry>& entries) {
  Sha256 sha;
  for (const auto& e : entries) {
    sha.update(e.hash);
    sha.update("\n");
  }
  const auto digest = sha.finish();
  static constexpr char k_hex[] = "0123456789abcdef";
  std::string out;
  for (const auto b : digest) {
    out.push_back(k_hex[b >> 4]);
    out.push_back(k_hex[b & 0xF]);
  }
  return out;
}

std::string ledger_export_json(const Workspace& ws, std::optional<LeadId> lead, UnixMillis exported_at) {
  // One pass of the sliced writer, so the file's layout is written in one place.
  std::string out;
  LedgerJsonWriter writer(ws, lead, exported_at);
  while (!writer.write(out, std::numeric_limits<std::size_t>::max())) {
  }
  return out;
}

std::string ledger_export_csv(const Workspace& ws, std::optional<LeadId> lead, UnixMillis exported_at) {
  const auto entries = ledger_export_entries(ws, lead);
  std::string out;
  for (const char* name : {"practice", "exported_at", "lead", "entry_count", "digest"}) {
    out.append("# ").append(name).append(": ");
    out.append(header_value(ws, lead, entries, exported_at, name)).append("\n");
  }
  out.append(
      "lead,device,seq,at,recorded,channel,purpose,change,source,method,wording,reason,prev_hash,hash\n");
  for (const auto& e : entries) {
    const std::string cells[] = {to_string(e.lead),
                                 ledger_hex16(e.device),
                                 std::to_string(e.seq),
                                 format_iso8601_utc(e.at),
                                 to_string(e.recorded),
                                 std::string(to_string(e.channel)),
                                 e.purpose ? std::string(to_string(*e.purpose)) : std::string(),
                                 std::string(to_string(e.change)),
                                 std::string(to_string(e.source)),
                                 csv_text_cell(e.method),
                                 csv_text_cell(e.wording),
                                 csv_text_cell(e.reason),
                                 e.prev_hash,
                                 e.hash};
    for (std::size_t i = 0; i < std::size(cells); ++i) {
      if (i > 0) out.push_back(',');
      out.append(cells[i]);
    }
    out.push_back('\n');
  }
  return out;
}

Expected<LedgerVerdict> verify_ledger_export(std::string_view text) {
  const Json j = Json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return Error{"not a consent ledger export (not a JSON object)"};
  Decoder d;
  if (d.text(j, "", "format") != k_ledger_export_format)
    return Error{R"(not a consent ledger export (no "format": "nurture.consent_ledger"))"};
  const auto version = d.integer(j, "", "version", 1, 1000, 0, true);
  if (d.failed()) return Error{d.error()};
  if (version > k_ledger_export_version)
    return Error{"this ledger export was made by a newer version of Nurture"};
  const auto count = d.integer(j, "", "entry_count", 0, static_cast<std::int64_t>(k_max_entries), 0, true);
  const std::string digest = d.text(j, "", "digest");
  const auto it = j.find("entries");
  if (it == j.end()) d.fail("entries", "is missing");
  if (d.failed()) return Error{d.error()};
  auto entries = read_entries(d, *it, "entries");
  if (d.failed()) return Error{d.error()};

  LedgerVerdict v;
  v.entries = entries.size();
  v.digest = ledger_digest(entries);
  if (auto problem = verify_entries(entries)) {
    v.message = "entries[" + std::to_string(problem->index) + "] (" + problem->describe() + ")";
    v.problem = std::move(problem);
    return v;
  }
  if (static_cast<std::size_t>(count) != entries.size()) {
    v.message = "the header says " + std::to_string(count) + " entries, the file holds " +
                std::to_string(entries.size()) + " (entries were added or removed whole)";
    return v;
  }
  if (digest != v.digest) {
    v.message = "the final digest does not match the entries (they were changed, added, removed or moved)";
    return v;
  }
  v.ok = true;
  v.message = count_noun(entries.size(), "entry", "entries") + ", digest " + v.digest + ": intact";
  return v;
}

}  // namespace nurture
