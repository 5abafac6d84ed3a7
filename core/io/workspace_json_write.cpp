// The workspace writer: text written directly, keys in a fixed order, one lead / event / catalog
// item per line. See docs/schema.md for the format and why events are tuples.

#include <algorithm>
#include <array>

#include "core/io/json_text.hpp"
#include "core/io/ledger_json.hpp"
#include "core/io/settings_json.hpp"
#include "core/io/workspace_json.hpp"

namespace nurture {

namespace {

using json_text::append_hex_id;
using json_text::append_int;
using json_text::append_key;
using json_text::append_string;

void append_stamp(std::string& out, const Stamp& s) { append_string(out, to_string(s)); }

void write_practice(std::string& out, const PracticeProfile& p) {
  const std::pair<const char*, const std::string*> fields[] = {
      {"name", &p.name},   {"street", &p.street},   {"city", &p.city},           {"state", &p.state},
      {"zip", &p.zip},     {"country", &p.country}, {"time_zone", &p.time_zone}, {"phone", &p.phone},
      {"email", &p.email}, {"website", &p.website}};
  out.append("  \"practice\": {\n");
  for (const auto& [key, value] : fields) {
    out.append("    \"").append(key).append("\": ");
    append_string(out, *value);
    out.append(",\n");
  }
  out.append("    \"hours\": [");
  for (std::size_t d = 0; d < p.hours.size(); ++d) {
    if (d > 0) out.push_back(',');
    out.push_back('[');
    append_int(out, p.hours[d].open);
    out.push_back(',');
    append_int(out, p.hours[d].close);
    out.push_back(']');
  }
  out.append("]\n  },\n");
}

void write_header(std::string& out, const Workspace& ws, bool with_stores) {
  out.append("{\n  \"format\": \"").append(k_workspace_format).append("\",\n");
  out.append("  \"version\": ");
  append_int(out, k_workspace_version);
  out.append(",\n  \"minor_version\": ");
  append_int(out, k_workspace_minor_version);
  out.append(",\n  \"revision\": ");
  append_int(out, ws.revision);
  out.append(",\n");
  write_practice(out, ws.practice);
  out.append("  \"practice_stamp\": ");
  append_stamp(out, ws.practice_stamp);
  // What this workspace has merged, per device (docs/sync.md): a merge tells sequential edits
  // from concurrent ones by it.
  out.append(",\n  \"seen\": [");
  const auto& seen = ws.seen;
  for (std::size_t i = 0; i < seen.size(); ++i) {
    if (i > 0) out.append(", ");
    append_stamp(out, seen[i]);
  }
  out.append("],\n  \"counts\": {\"leads\": ");
  append_int(out, with_stores ? ws.leads.rows() : 0);
  out.append(", \"events\": ");
  append_int(out, with_stores ? ws.events.size() : 0);
  out.append("},\n");
}

// One member of a catalog item: a text or an integer (every catalog has this shape).
struct ItemMember {
  const char* key;
  std::string_view text;
  std::int64_t number = 0;
  bool is_number = false;
};

ItemMember text_member(const char* key, std::string_view text) { return {key, text}; }
ItemMember number_member(const char* key, std::int64_t n) { return {key, {}, n, true}; }

// Writes `{"k":v,…,"stamp":…[,"deleted":true]}`: treatments, sources and content all share it.
void write_catalog_item(std::string& out, std::initializer_list<ItemMember> members, const Stamp& stamp,
                        bool deleted) {
  out.push_back('{');
  for (const ItemMember& m : members) {
    append_key(out, m.key);
    if (m.is_number) {
      append_int(out, m.number);
    } else {
      append_string(out, m.text);
    }
    out.push_back(',');
  }
  append_key(out, "stamp");
  append_stamp(out, stamp);
  if (deleted) out.append(",\"deleted\":true");
  out.push_back('}');
}

void write_item(std::string& out, const Treatment& t) {
  write_catalog_item(
      out,
      {text_member("id", t.id), text_member("name", t.name), text_member("category", t.category),
       number_member("retreatment_days", t.retreatment_days), number_member("price_cents", t.price_cents)},
      t.stamp, t.deleted);
}

void write_item(std::string& out, const LeadSource& s) {
  write_catalog_item(
      out,
      {text_member("id", s.id), text_member("name", s.name), text_member("kind", to_string(s.kind)),
       number_member("monthly_cost_cents", s.monthly_cost_cents)},
      s.stamp, s.deleted);
}

void write_item(std::string& out, const ContentItem& c) {
  write_catalog_item(
      out,
      {text_member("id", c.id), text_member("title", c.title), text_member("kind", to_string(c.kind)),
       text_member("stage", to_string(c.stage)), text_member("treatment", c.treatment),
       text_member("url", c.url), number_member("minutes", c.minutes)},
      c.stamp, c.deleted);
}

void write_string_list(std::string& out, const std::vector<std::string>& list) {
  out.push_back('[');
  for (std::size_t i = 0; i < list.size(); ++i) {
    if (i > 0) out.push_back(',');
    append_string(out, list[i]);
  }
  out.push_back(']');
}

// Writes the value of one set field (the key is written by the caller).
// A record's stamp is written only where it differs from its field's (`field_stamp`); the
// reader gives records without one the field's stamp.
void write_record_stamp(std::string& out, const Stamp& stamp, const Stamp& field_stamp) {
  if (stamp == field_stamp || stamp.is_zero()) return;
  out.append(",\"stamp\":");
  append_stamp(out, stamp);
}

void write_field_value(std::string& out, const Lead& l, LeadField f, const Stamp& field_stamp) {
  switch (f) {
    case LeadField::first_name:
      return append_string(out, l.first_name);
    case LeadField::last_name:
      return append_string(out, l.last_name);
    case LeadField::email:
      return append_string(out, l.email);
    case LeadField::phone:
      return append_string(out, l.phone);
    case LeadField::birth_date:
      return append_string(out, l.birth_date ? format_date(*l.birth_date) : std::string());
    case LeadField::age:
      return append_int(out, l.age.value_or(0));
    case LeadField::gender:
      return append_string(out, to_string(l.gender));
    case LeadField::street:
      return append_string(out, l.street);
    case LeadField::city:
      return append_string(out, l.city);
    case LeadField::state:
      return append_string(out, l.state);
    case LeadField::zip:
      return append_string(out, l.zip);
    case LeadField::country:
      return append_string(out, l.country);
    case LeadField::time_zone:
      return append_string(out, l.time_zone);
    case LeadField::source:
      return append_string(out, l.source);
    case LeadField::campaign:
      return append_string(out, l.campaign);
    case LeadField::ad:
      return append_string(out, l.ad);
    case LeadField::form:
      return append_string(out, l.form);
    case LeadField::interests:
      return write_string_list(out, l.interests);
    case LeadField::tags:
      return write_string_list(out, l.tags);
    case LeadField::custom_fields: {
      out.push_back('{');
      bool first = true;
      for (const auto& [k, v] : l.custom_fields) {
        if (!first) out.push_back(',');
        first = false;
        append_string(out, k);
        out.push_back(':');
        append_string(out, v);
      }
      out.push_back('}');
      return;
    }
    case LeadField::notes:
      return append_string(out, l.notes);
    case LeadField::stage: {
      append_string(out, to_string(l.stage));
      if (l.stage_history.empty()) return;
      out.append(",\"stage_history\":[");
      for (std::size_t i = 0; i < l.stage_history.size(); ++i) {
        if (i > 0) out.push_back(',');
        out.push_back('[');
        append_string(out, to_string(l.stage_history[i].stage));
        out.push_back(',');
        append_int(out, l.stage_history[i].at);
        // Written only when it says more than "came that way", so older files stay as they were.
        if (l.stage_history[i].cause != StageCause::imported) {
          out.push_back(',');
          append_string(out, to_string(l.stage_history[i].cause));
        }
        out.push_back(']');
      }
      out.push_back(']');
      return;
    }
    case LeadField::consent: {
      out.push_back('[');
      for (std::size_t i = 0; i < l.consent.size(); ++i) {
        const auto& c = l.consent[i];
        if (i > 0) out.push_back(',');
        out.append("{\"channel\":");
        append_string(out, to_string(c.channel));
        out.append(",\"purpose\":");
        append_string(out, to_string(c.purpose));
        out.append(c.granted ? R"(,"granted":true,"at":)" : R"(,"granted":false,"at":)");
        append_int(out, c.at);
        if (!c.method.empty()) out.append(",\"method\":"), append_string(out, c.method);
        if (!c.text.empty()) out.append(",\"text\":"), append_string(out, c.text);
        if (!c.reason.empty()) out.append(",\"reason\":"), append_string(out, c.reason);
        write_record_stamp(out, c.stamp, field_stamp);
        out.push_back('}');
      }
      out.push_back(']');
      return;
    }
    case LeadField::do_not_contact: {
      // Cleared records (tombstones, minor version 1) follow the live ones.
      out.push_back('[');
      bool first = true;
      for (const bool cleared : {false, true}) {
        for (const auto& d : cleared ? l.do_not_contact_cleared : l.do_not_contact) {
          if (!first) out.push_back(',');
          first = false;
          out.append("{\"channel\":");
          append_string(out, to_string(d.channel));
          out.append(",\"at\":");
          append_int(out, d.at);
          if (!d.reason.empty()) out.append(",\"reason\":"), append_string(out, d.reason);
          write_record_stamp(out, d.stamp, field_stamp);
          if (cleared) out.append(",\"cleared\":true");
          out.push_back('}');
        }
      }
      out.push_back(']');
      return;
    }
    case LeadField::created_at:
      return append_int(out, l.created_at);
  }
}

void write_lead(std::string& out, const LeadStore& store, std::uint32_t row) {
  const Lead lead = store.get(row);
  std::array<Stamp, k_lead_field_count> stamps;
  std::array<bool, k_lead_field_count> set{};
  // The lead's `stamp` is the most common stamp among its set fields (ties: the larger), so a
  // lead added by one command needs no per-field stamps at all.
  std::array<std::uint8_t, k_lead_field_count> votes{};
  std::size_t best = k_lead_field_count;
  for (std::size_t f = 0; f < k_lead_field_count; ++f) {
    const auto field = static_cast<LeadField>(f);
    stamps[f] = store.stamp(row, field);
    set[f] = field_is_set(lead, field);
    if (!set[f]) continue;
    for (std::size_t g = 0; g <= f; ++g) {
      if (set[g] && stamps[g] == stamps[f]) {
        ++votes[g];
        if (best == k_lead_field_count || votes[g] > votes[best] ||
            (votes[g] == votes[best] && stamps[g] > stamps[best]))
          best = g;
        break;
      }
    }
  }
  const Stamp lead_stamp = best == k_lead_field_count ? Stamp{} : stamps[best];

  out.append(R"({"id":")");
  out.append(to_string(lead.id));
  out.push_back('"');
  if (best != k_lead_field_count) {
    out.append(",\"stamp\":");
    append_stamp(out, lead_stamp);
  }
  for (std::size_t f = 0; f < k_lead_field_count; ++f) {
    if (!set[f]) continue;
    out.push_back(',');
    append_key(out, to_string(static_cast<LeadField>(f)));
    write_field_value(out, lead, static_cast<LeadField>(f), stamps[f]);
  }
  bool any_override = false;
  for (std::size_t f = 0; f < k_lead_field_count; ++f) {
    const Stamp implied = set[f] ? lead_stamp : Stamp{};
    if (stamps[f] == implied) continue;
    out.append(any_override ? "," : ",\"stamps\":{");
    any_override = true;
    append_key(out, to_string(static_cast<LeadField>(f)));
    append_stamp(out, stamps[f]);
  }
  if (any_override) out.push_back('}');
  if (store.is_deleted(row)) out.append(",\"deleted\":true");
  if (const Stamp d = store.deleted_stamp(row); !d.is_zero()) {
    out.append(",\"deleted_stamp\":");
    append_stamp(out, d);
  }
  out.push_back('}');
}

// An event is a tuple; positions 4.. are optional and trailing defaults are left out.
void write_event(std::string& out, const EventLog& log, std::uint32_t pos) {
  // A view, not log.get(): no per-event strings or property vector are built.
  const EventLog::View e = log.view(pos);
  const std::size_t properties = log.property_count(pos);
  const bool deleted = log.is_deleted(pos);
  std::size_t last = 3;
  if (!e.content.empty()) last = 4;
  if (!e.sequence.empty()) last = 5;
  if (e.step != 0) last = 6;
  if (e.seconds != 0) last = 7;
  if (e.amount_cents != 0) last = 8;
  if (!e.service.empty()) last = 9;
  if (properties != 0) last = 10;
  if (deleted) last = 11;

  out.push_back('[');
  append_hex_id(out, 'E', e.id.value);
  out.push_back(',');
  append_hex_id(out, 'L', e.lead.value);
  out.push_back(',');
  append_int(out, e.at);
  out.push_back(',');
  append_string(out, to_string(e.type));
  if (last < 4) return out.push_back(']');
  out.push_back(',');
  append_string(out, e.content);
  if (last < 5) return out.push_back(']');
  out.push_back(',');
  append_string(out, e.sequence);
  if (last < 6) return out.push_back(']');
  out.push_back(',');
  append_int(out, e.step);
  if (last < 7) return out.push_back(']');
  out.push_back(',');
  append_int(out, e.seconds);
  if (last < 8) return out.push_back(']');
  out.push_back(',');
  append_int(out, e.amount_cents);
  if (last < 9) return out.push_back(']');
  out.push_back(',');
  append_string(out, e.service);
  if (last < 10) return out.push_back(']');
  out.append(",{");
  for (std::size_t i = 0; i < properties; ++i) {
    if (i > 0) out.push_back(',');
    const auto [key, value] = log.property(pos, i);
    append_string(out, key);
    out.push_back(':');
    append_string(out, value);
  }
  out.push_back('}');
  if (last < 11) return out.push_back(']');
  out.push_back(',');
  append_stamp(out, log.deleted_stamp(e.id));
  out.push_back(']');
}

// Writes items [index, end) of one array until `budget` bytes were added; returns the new index.
template <class WriteOne>
std::size_t write_array(std::string& out, std::string_view key, std::size_t index, std::size_t count,
                        std::size_t budget, WriteOne&& write_one) {
  const std::size_t start_size = out.size();
  if (index == 0) {
    out.append("  \"").append(key).append(count == 0 ? "\": []" : "\": [\n");
  }
  const std::size_t first = index;
  while (index < count && (index == first || out.size() - start_size < budget)) {
    out.append("    ");
    write_one(index);
    out.append(index + 1 < count ? ",\n" : "\n  ]");
    ++index;
  }
  return index;
}

// Writes items [index, …) of one catalog until `budget` bytes were added; returns the new index.
template <class Item>
std::size_t write_catalog(std::string& out, std::string_view key, const std::vector<Item>& items,
                          std::size_t index, std::size_t budget) {
  return write_array(out, key, index, items.size(), budget,
                     [&](std::size_t i) { write_item(out, items[i]); });
}

}  // namespace

bool WorkspaceJsonWriter::step(std::string& out, std::size_t budget) {
  const std::size_t start = out.size();
  const auto spent = [&] { return out.size() - start; };
  while (m_phase != Phase::done && (spent() < budget || spent() == 0)) {
    const std::size_t left = budget > spent() ? budget - spent() : 1;
    std::size_t count = 0;
    std::size_t before = m_index;
    switch (m_phase) {
      case Phase::header:
        write_header(out, m_ws, with_stores());
        m_phase = Phase::treatments;
        continue;
      case Phase::treatments:
        count = m_ws.treatments.size();
        m_index = write_catalog(out, "treatments", m_ws.treatments, m_index, left);
        break;
      case Phase::sources:
        count = m_ws.sources.size();
        m_index = write_catalog(out, "sources", m_ws.sources, m_index, left);
        break;
      case Phase::content:
        count = m_ws.content.size();
        m_index = write_catalog(out, "content", m_ws.content, m_index, left);
        break;
      case Phase::leads:
        count = with_stores() ? m_ws.leads.rows() : 0;
        m_index = write_array(out, "leads", m_index, count, left, [&](std::size_t i) {
          write_lead(out, m_ws.leads, static_cast<std::uint32_t>(i));
        });
        break;
      case Phase::events:
        count = with_stores() ? m_ws.events.size() : 0;
        m_index = write_array(out, "events", m_index, count, left, [&](std::size_t i) {
          write_event(out, m_ws.events, static_cast<std::uint32_t>(i));
        });
        break;
      case Phase::settings:
        if (m_settings.step(out, left)) m_phase = Phase::tail;
        continue;
      case Phase::tail:
        if (with_stores()) append_ledger_member(out, m_ws);
        for (const auto& [key, raw] : m_ws.unknown_members) {
          out.append(",\n  ");
          append_string(out, key);
          out.append(": ");
          out.append(raw);
        }
        out.append("\n}\n");
        m_phase = Phase::done;
        continue;
      case Phase::done:
        break;
    }
    m_written += m_index - before;
    if (m_index >= count) {
      if (m_phase != Phase::events) out.append(",\n");
      m_phase = static_cast<Phase>(static_cast<int>(m_phase) + 1);
      m_index = 0;
    }
  }
  return m_phase == Phase::done;
}

double WorkspaceJsonWriter::progress() const {
  if (m_phase == Phase::done) return 1.0;
  const std::size_t stores = with_stores() ? m_ws.leads.rows() + m_ws.events.size() : 0;
  const std::size_t total = m_ws.treatments.size() + m_ws.sources.size() + m_ws.content.size() + stores;
  if (total == 0) return 0.0;
  return std::min(1.0, static_cast<double>(m_written) / static_cast<double>(total));
}

std::string workspace_to_json(const Workspace& ws) {
  std::string out;
  // One allocation up front (the bench's L file averages about 100 bytes per event with the
  // leads included); a low guess only costs a regrowth.
  out.reserve(4096 + ws.events.size() * 96 + ws.leads.rows() * 320);
  WorkspaceJsonWriter writer(ws);
  while (!writer.step(out, std::size_t{1} << 30)) {
  }
  return out;
}

}  // namespace nurture
