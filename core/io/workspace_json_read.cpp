// The streaming workspace reader: a state machine driven by the SAX events of our own scanner
// (json_scanner.hpp). Leads go
// straight into the LeadStore and events in batches into the EventLog; no DOM is built except
// for the text of unknown top-level members, which is re-serialised compactly (R13). Every value
// is type-checked as it arrives and the first problem stops the parse with a path such as
// "leads[12].email" (see docs/schema.md for the rules).

#include <algorithm>
#include <array>
#include <charconv>
#include <cstring>
#include <optional>

#include "core/io/json_scanner.hpp"
#include "core/io/json_text.hpp"
#include "core/io/workspace_json.hpp"
#include "core/model/contact.hpp"

namespace nurture {

namespace {

enum class Ctx : std::uint8_t {
  root,
  not_object,  // the document is not an object: reported at the end (after the depth check)
  practice,
  hours,
  hours_day,
  counts,
  catalog,       // an array of catalog items
  catalog_item,  // one item; m_catalog says which catalog
  leads,
  lead,
  lead_list,  // interests or tags (the lead's current key says which)
  lead_custom,
  lead_stamps,
  stage_history,
  stage_item,
  consent_list,
  consent_item,
  dnc_list,
  dnc_item,
  events,
  event,
  event_props,
  seen,     // the per-device summary of merged stamps: an array of stamps, ascending devices
  skip,     // an unknown member inside a known object: read and dropped
  capture,  // an unknown top-level member: re-serialised and kept
};

struct Frame {
  Ctx ctx = Ctx::root;
  bool array = false;
  std::uint32_t count = 0;  // arrays: elements finished; objects: members seen
  std::uint64_t seen = 0;   // objects: known keys seen, one bit per key
  int key = -1;             // objects: index of the current key in the context's key table
  std::string name;         // objects: the current key, for paths and free-form maps
};

struct Value {
  enum class Kind : std::uint8_t { null, boolean, integer, floating, string };
  Kind kind = Kind::null;
  bool b = false;
  bool is_signed = false;  // integer: `i` holds it; else `u`
  std::int64_t i = 0;
  std::uint64_t u = 0;
  const std::string* s = nullptr;  // string text, or a floating number's raw text
};

constexpr const char* k_root_keys[] = {"format",         "version", "minor_version", "revision", "practice",
                                       "practice_stamp", "counts",  "treatments",    "sources",  "content",
                                       "leads",          "events",  "seen"};
constexpr int k_root_v1_keys = 5;  // format … practice: the members version 1 knew
constexpr const char* k_practice_keys[] = {"name",      "street", "city",  "state",   "zip",  "country",
                                           "time_zone", "phone",  "email", "website", "hours"};
constexpr const char* k_count_keys[] = {"leads", "events"};
constexpr const char* k_treatment_keys[] = {"id",          "name",  "category", "retreatment_days",
                                            "price_cents", "stamp", "deleted"};
constexpr const char* k_source_keys[] = {"id", "name", "kind", "monthly_cost_cents", "stamp", "deleted"};
constexpr const char* k_content_keys[] = {"id",  "title",   "kind",  "stage",  "treatment",
                                          "url", "minutes", "stamp", "deleted"};
constexpr const char* k_consent_keys[] = {"channel", "purpose", "granted", "at",
                                          "method",  "text",    "reason",  "stamp"};
constexpr const char* k_dnc_keys[] = {"channel", "at", "reason", "stamp", "cleared"};
// Lead keys: the k_lead_field_count field names first (index == LeadField), then these.
constexpr const char* k_lead_extra_keys[] = {"id",     "stamp",   "stage_history",
                                             "stamps", "deleted", "deleted_stamp"};
constexpr int k_lead_id = k_lead_field_count;
constexpr int k_lead_stamp = k_lead_id + 1;
constexpr int k_lead_stage_history = k_lead_id + 2;
constexpr int k_lead_stamps = k_lead_id + 3;
constexpr int k_lead_deleted = k_lead_id + 4;
constexpr int k_lead_deleted_stamp = k_lead_id + 5;

template <std::size_t N>
int find_key(const char* const (&keys)[N], std::string_view key, int limit = static_cast<int>(N)) {
  for (int i = 0; i < limit; ++i) {
    if (key == keys[i]) return i;
  }
  return -1;
}

int find_lead_field(std::string_view key) {
  for (std::size_t f = 0; f < k_lead_field_count; ++f) {
    if (key == to_string(static_cast<LeadField>(f))) return static_cast<int>(f);
  }
  return -1;
}

constexpr std::size_t k_event_batch = 8192;
constexpr std::size_t k_progress_every = 16384;

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

// The lead ids of the file in a flat open-addressing table, for the one lookup per event: the
// LeadStore's node-based index costs a cache miss or two each, about 12% of an import. Id 0 is
// never a lead's, so it marks an empty slot.
class LeadIdSet {
 public:
  [[nodiscard]] bool built() const { return !m_slots.empty(); }
  void build(const LeadStore& leads) {
    std::size_t size = 16;
    while (size < 2 * leads.rows()) size <<= 1;
    m_slots.assign(size, 0);
    m_mask = size - 1;
    for (std::uint32_t row = 0; row < leads.rows(); ++row) {
      const std::uint64_t id = leads.id(row).value;
      if (id == 0) continue;
      std::size_t i = slot(id);
      while (m_slots[i] != 0 && m_slots[i] != id) i = (i + 1) & m_mask;
      m_slots[i] = id;
    }
  }
  [[nodiscard]] bool contains(std::uint64_t id) const {
    if (id == 0) return false;
    for (std::size_t i = slot(id);; i = (i + 1) & m_mask) {
      if (m_slots[i] == id) return true;
      if (m_slots[i] == 0) return false;
    }
  }

 private:
  [[nodiscard]] std::size_t slot(std::uint64_t id) const {
    return static_cast<std::size_t>((id * 0x9E3779B97F4A7C15ULL) >> 32) & m_mask;
  }
  std::vector<std::uint64_t> m_slots;
  std::size_t m_mask = 0;
};

class Reader {
 public:
  Reader(std::string_view text, const WorkspaceReadOptions& options) : m_text(text), m_options(options) {}

  Expected<Workspace> run();

  // The scanner's handler interface (json_scan::scan).
  bool null() { return value(Value{}); }
  bool boolean(bool b) {
    Value v{Value::Kind::boolean};
    v.b = b;
    return value(v);
  }
  bool number_integer(std::int64_t i) {
    Value v{Value::Kind::integer};
    v.is_signed = true;
    v.i = i;
    return value(v);
  }
  bool number_unsigned(std::uint64_t u) {
    Value v{Value::Kind::integer};
    v.u = u;
    return value(v);
  }
  bool number_float(const std::string& raw) {
    Value v{Value::Kind::floating};
    v.s = &raw;
    return value(v);
  }
  bool string(std::string& s) {
    if (s.size() > k_max_json_string_bytes) {
      return fail("a text of " + std::to_string(s.size()) + " bytes is longer than the limit of " +
                  std::to_string(k_max_json_string_bytes));
    }
    Value v{Value::Kind::string};
    v.s = &s;
    return value(v);
  }
  bool start_object() { return start(false); }
  bool start_array() { return start(true); }
  bool end_object() { return end(); }
  bool end_array() { return end(); }
  bool key(std::string& k);

 private:
  Frame& top() { return m_stack[m_depth - 1]; }
  bool start(bool array);
  bool end();
  bool value(const Value& v);
  bool push(Ctx ctx, bool array);
  /// Records the first problem at the current path (plus `field` when given); returns false.
  bool fail(std::string what, std::string_view field = {});
  [[nodiscard]] std::string path() const;

  // Typed accessors: each fails with a message naming the expected type.
  bool get_string(const Value& v, std::string& out);
  bool get_int(const Value& v, std::int64_t lo, std::int64_t hi, std::int64_t& out);
  bool get_bool(const Value& v, bool& out);
  bool get_stamp(const Value& v, Stamp& out);
  template <class Enum>
  bool get_enum(const Value& v, std::optional<Enum> (*parse)(std::string_view), Enum& out);

  bool root_value(const Value& v);
  bool practice_value(const Value& v);
  bool catalog_value(const Value& v);
  bool lead_value(const Value& v);
  bool consent_value(const Value& v);
  bool finish_dnc_item();
  bool event_value(const Value& v);
  void capture_separator();
  bool capture_value(const Value& v);

  bool finish_catalog_item();
  bool finish_lead();
  bool finish_event(std::uint32_t members);
  bool flush_events();
  bool report_progress();

  std::string_view m_text;
  const WorkspaceReadOptions& m_options;
  Workspace m_ws;
  std::array<Frame, k_max_json_depth + 1> m_stack;
  int m_depth = 0;
  std::string m_error;

  bool m_root_not_object = false;
  bool m_has_format = false;
  std::int64_t m_version = 0;  // 0: not seen yet (members are then read by the newest rules)
  std::uint64_t m_count_hint = 0;
  LeadIdSet m_lead_ids;  // the leads known when the first event arrived
  std::uint64_t m_items = 0;

  int m_catalog = 0;  // 0 treatments, 1 sources, 2 content
  Treatment m_treatment;
  LeadSource m_source;
  ContentItem m_content;

  Lead m_lead;
  Stamp m_lead_stamp;
  std::array<std::optional<Stamp>, k_lead_field_count> m_lead_stamps;
  bool m_lead_deleted = false;
  bool m_dnc_cleared = false;  // the do-not-contact record being read is a cleared one
  Stamp m_lead_deleted_stamp;

  Event m_event;
  std::optional<Stamp> m_event_deleted;
  std::vector<Event> m_batch;
  std::vector<std::uint64_t> m_event_ids;
  std::vector<std::pair<EventId, Stamp>> m_event_tombstones;

  std::string m_capture_key;
  std::string m_capture;
};

bool Reader::fail(std::string what, std::string_view field) {
  if (m_error.empty()) {
    auto p = path();
    if (!field.empty()) p += (p.empty() ? "" : ".") + std::string(field);
    m_error = p.empty() ? std::move(what) : p + ": " + what;
  }
  return false;
}

std::string Reader::path() const {
  std::string p;
  for (int d = 0; d < m_depth; ++d) {
    const Frame& f = m_stack[d];
    if (f.ctx == Ctx::not_object) break;
    if (f.array) {
      p += "[" + std::to_string(f.count) + "]";
    } else if (f.key >= 0 || !f.name.empty()) {
      if (!p.empty()) p += '.';
      p += f.name;
    }
  }
  return p;
}

bool Reader::push(Ctx ctx, bool array) {
  if (m_depth > k_max_json_depth) {
    m_error = "the file is nested more than " + std::to_string(k_max_json_depth) + " levels deep";
    return false;
  }
  Frame& f = m_stack[m_depth++];
  f.ctx = ctx;
  f.array = array;
  f.count = 0;
  f.seen = 0;
  f.key = -1;
  f.name.clear();
  return true;
}

bool Reader::get_string(const Value& v, std::string& out) {
  if (v.kind != Value::Kind::string) return fail("must be a string");
  out.assign(*v.s);
  return true;
}

bool Reader::get_int(const Value& v, std::int64_t lo, std::int64_t hi, std::int64_t& out) {
  const auto range = [&] {
    return "must be an integer from " + std::to_string(lo) + " to " + std::to_string(hi);
  };
  if (v.kind != Value::Kind::integer) return fail(range());
  if (v.is_signed) {
    out = v.i;
  } else {
    if (v.u > static_cast<std::uint64_t>(hi)) return fail(range());
    out = static_cast<std::int64_t>(v.u);
  }
  if (out < lo || out > hi) return fail(range());
  return true;
}

bool Reader::get_bool(const Value& v, bool& out) {
  if (v.kind != Value::Kind::boolean) return fail("must be true or false");
  out = v.b;
  return true;
}

bool Reader::get_stamp(const Value& v, Stamp& out) {
  if (v.kind != Value::Kind::string) return fail("must be a change stamp (a string)");
  const auto s = parse_stamp(*v.s);
  if (!s) return fail("\"" + v.s->substr(0, 60) + "\" is not a change stamp");
  out = *s;
  return true;
}

template <class Enum>
bool Reader::get_enum(const Value& v, std::optional<Enum> (*parse)(std::string_view), Enum& out) {
  if (v.kind != Value::Kind::string) return fail("must be a string");
  const auto e = parse(*v.s);
  if (!e) return fail("\"" + v.s->substr(0, 60) + "\" is not a known value");
  out = *e;
  return true;
}

bool Reader::key(std::string& k) {
  Frame& f = top();
  if (k.size() > k_max_json_key_bytes) return fail("a member name is longer than the limit");
  f.name.assign(k);
  ++f.count;
  int id = -1;
  switch (f.ctx) {
    case Ctx::root:
      id = find_key(k_root_keys, k,
                    m_version == 1 ? k_root_v1_keys : static_cast<int>(std::size(k_root_keys)));
      // A version 1 file cannot hold a later version's members: kept as unknown members they
      // would be written back beside the real ones and make the file unreadable.
      if (id < 0 && m_version == 1 && find_key(k_root_keys, k) >= 0) {
        return fail("is a member of later format versions, not of version 1");
      }
      if (id < 0) {
        for (const auto& [name, raw] : m_ws.unknown_members) {
          if (name == k) return fail("the member appears twice");
        }
      }
      break;
    case Ctx::practice:
      id = find_key(k_practice_keys, k);
      break;
    case Ctx::counts:
      id = find_key(k_count_keys, k);
      break;
    case Ctx::catalog_item:
      id = m_catalog == 0   ? find_key(k_treatment_keys, k)
           : m_catalog == 1 ? find_key(k_source_keys, k)
                            : find_key(k_content_keys, k);
      break;
    case Ctx::lead:
      id = find_lead_field(k);
      if (id < 0) {
        id = find_key(k_lead_extra_keys, k);
        if (id >= 0) id += k_lead_id;
      }
      break;
    case Ctx::lead_stamps:
      id = find_lead_field(k);
      break;
    case Ctx::consent_item:
      id = find_key(k_consent_keys, k);
      break;
    case Ctx::dnc_item:
      id = find_key(k_dnc_keys, k);
      break;
    case Ctx::lead_custom:
      if (m_lead.custom_fields.count(k) != 0) return fail("the member appears twice");
      break;
    case Ctx::event_props:
      for (const auto& [name, value] : m_event.properties) {
        if (name == k) return fail("the member appears twice");
      }
      break;
    case Ctx::capture:
      if (f.count > 1) m_capture.push_back(',');
      json_text::append_string(m_capture, k);
      m_capture.push_back(':');
      break;
    default:
      break;
  }
  f.key = id;
  if (id >= 0) {
    const std::uint64_t bit = std::uint64_t{1} << id;
    if ((f.seen & bit) != 0) return fail("the member appears twice");
    f.seen |= bit;
  }
  return true;
}

bool Reader::start(bool array) {
  if (m_depth == 0) {
    m_root_not_object = array;
    return push(array ? Ctx::not_object : Ctx::root, array);
  }
  Frame& f = top();
  const auto wrong = [&](const char* what) { return fail(std::string("must be ") + what); };
  switch (f.ctx) {
    case Ctx::root:
      switch (f.key) {
        case 4:
          return array ? wrong("an object") : push(Ctx::practice, false);
        case 6:
          return array ? wrong("an object") : push(Ctx::counts, false);
        case 7:
        case 8:
        case 9:
          m_catalog = f.key - 7;
          return array ? push(Ctx::catalog, true) : wrong("an array");
        case 10:
          return array ? push(Ctx::leads, true) : wrong("an array");
        case 11:
          return array ? push(Ctx::events, true) : wrong("an array");
        case 12:
          return array ? push(Ctx::seen, true) : wrong("an array of change stamps");
        case -1:
          m_capture_key = f.name;
          m_capture.clear();
          m_capture.push_back(array ? '[' : '{');
          return push(Ctx::capture, array);
        default:
          return wrong("a single value");
      }
    case Ctx::practice:
      if (f.key == 10) return array ? push(Ctx::hours, true) : wrong("an array of 7 [open, close] pairs");
      if (f.key < 0) return push(Ctx::skip, array);
      return wrong("a string");
    case Ctx::hours:
      if (f.count >= 7) return fail("there are only 7 weekdays");
      return array ? push(Ctx::hours_day, true) : wrong("an [open, close] pair of minutes");
    case Ctx::catalog:
      if (array) return wrong("an object");
      m_treatment = Treatment{};
      m_source = LeadSource{};
      m_content = ContentItem{};
      return push(Ctx::catalog_item, false);
    case Ctx::leads:
      if (array) return wrong("an object");
      m_lead = Lead{};
      m_lead_stamp = Stamp{};
      m_lead_stamps.fill(std::nullopt);
      m_lead_deleted = false;
      m_lead_deleted_stamp = Stamp{};
      return push(Ctx::lead, false);
    case Ctx::lead:
      switch (f.key) {
        case static_cast<int>(LeadField::interests):
        case static_cast<int>(LeadField::tags):
          return array ? push(Ctx::lead_list, true) : wrong("an array of strings");
        case static_cast<int>(LeadField::custom_fields):
          return array ? wrong("an object of strings") : push(Ctx::lead_custom, false);
        case static_cast<int>(LeadField::consent):
          return array ? push(Ctx::consent_list, true) : wrong("an array");
        case static_cast<int>(LeadField::do_not_contact):
          return array ? push(Ctx::dnc_list, true) : wrong("an array");
        case k_lead_stage_history:
          return array ? push(Ctx::stage_history, true) : wrong("an array");
        case k_lead_stamps:
          return array ? wrong("an object") : push(Ctx::lead_stamps, false);
        case -1:
          return push(Ctx::skip, array);
        default:
          return wrong("a single value");
      }
    case Ctx::stage_history:
      return array ? push(Ctx::stage_item, true) : wrong("a [stage, time] pair");
    case Ctx::consent_list:
      if (array) return wrong("an object");
      m_lead.consent.emplace_back();
      return push(Ctx::consent_item, false);
    case Ctx::dnc_list:
      if (array) return wrong("an object");
      m_lead.do_not_contact.emplace_back();
      m_dnc_cleared = false;
      return push(Ctx::dnc_item, false);
    case Ctx::events:
      if (!array) return wrong("an array [id, lead, time, type, …]");
      m_event = Event{};
      m_event_deleted.reset();
      return push(Ctx::event, true);
    case Ctx::event:
      if (f.count == 10) return array ? wrong("an object of strings") : push(Ctx::event_props, false);
      if (f.count > 11) return push(Ctx::skip, array);  // a newer minor version's addition
      return wrong("a single value");
    case Ctx::consent_item:
    case Ctx::dnc_item:
    case Ctx::catalog_item:
    case Ctx::counts:
      if (f.key < 0) return push(Ctx::skip, array);
      return wrong("a single value");
    case Ctx::lead_stamps:
      if (f.key < 0) return push(Ctx::skip, array);
      return wrong("a change stamp (a string)");
    case Ctx::capture:
      capture_separator();
      m_capture.push_back(array ? '[' : '{');
      return push(Ctx::capture, array);
    case Ctx::skip:
    case Ctx::not_object:
      return push(f.ctx, array);
    default:
      return wrong("a single value");
  }
}

bool Reader::end() {
  const Frame& done = top();
  --m_depth;  // problems found now are reported at the element's own path
  switch (done.ctx) {
    case Ctx::hours_day:
      if (done.count != 2) return fail("must be an [open, close] pair of minutes");
      break;
    case Ctx::hours:
      if (done.count != 7) return fail("must have 7 days, Monday first");
      break;
    case Ctx::catalog_item:
      if (!finish_catalog_item()) return false;
      break;
    case Ctx::lead:
      if (!finish_lead()) return false;
      break;
    case Ctx::stage_item:
      if (done.count != 2) return fail("must be a [stage, time] pair");
      break;
    case Ctx::consent_item:
      if ((done.seen & 0x3) != 0x3) return fail("a consent record needs a channel and a purpose");
      for (std::size_t i = 0; i + 1 < m_lead.consent.size(); ++i) {
        const auto& c = m_lead.consent.back();
        if (m_lead.consent[i].channel == c.channel && m_lead.consent[i].purpose == c.purpose)
          return fail("a second consent record for the same channel and purpose");
      }
      break;
    case Ctx::dnc_item:
      if ((done.seen & 0x1) == 0) return fail("a do-not-contact record needs a channel");
      if (!finish_dnc_item()) return false;
      break;
    case Ctx::event:
      if (!finish_event(done.count)) return false;
      break;
    case Ctx::capture:
      m_capture.push_back(done.array ? ']' : '}');
      break;
    default:
      break;
  }
  if (m_depth == 0) return true;
  Frame& parent = top();
  if (parent.array) ++parent.count;
  if (parent.ctx == Ctx::root && done.ctx == Ctx::capture) {
    m_ws.unknown_members.emplace_back(std::move(m_capture_key), std::move(m_capture));
    m_capture = std::string();
  }
  return true;
}

void Reader::capture_separator() {
  Frame& f = top();
  if (f.array && f.count > 0) m_capture.push_back(',');
}

bool Reader::capture_value(const Value& v) {
  switch (v.kind) {
    case Value::Kind::null:
      m_capture.append("null");
      break;
    case Value::Kind::boolean:
      m_capture.append(v.b ? "true" : "false");
      break;
    case Value::Kind::integer:
      if (v.is_signed) {
        json_text::append_int(m_capture, v.i);
      } else {
        json_text::append_int(m_capture, v.u);
      }
      break;
    case Value::Kind::floating:
      m_capture.append(*v.s);
      break;
    case Value::Kind::string:
      json_text::append_string(m_capture, *v.s);
      break;
  }
  return true;
}

bool Reader::value(const Value& v) {
  if (m_depth == 0) {
    m_root_not_object = true;
    return true;
  }
  Frame& f = top();
  bool ok = true;
  switch (f.ctx) {
    case Ctx::root:
      ok = root_value(v);
      break;
    case Ctx::practice:
      ok = practice_value(v);
      break;
    case Ctx::hours:
      ok = fail("must be an [open, close] pair of minutes");
      break;
    case Ctx::hours_day: {
      std::int64_t minutes = 0;
      if (f.count >= 2) return fail("must be an [open, close] pair of minutes");
      ok = get_int(v, 0, 1440, minutes);
      DayHours& day = m_ws.practice.hours[m_stack[m_depth - 2].count];
      (f.count == 0 ? day.open : day.close) = static_cast<std::uint16_t>(minutes);
      if (ok && f.count == 1 && day.close < day.open) ok = fail("closes before it opens");
      break;
    }
    case Ctx::counts: {
      std::int64_t n = 0;
      if (f.key >= 0 && get_int(v, 0, INT64_MAX, n)) {
        m_count_hint += static_cast<std::uint64_t>(n);
        // Reserve from the hint, capped by what the file can hold (an event takes more than 32
        // bytes, a lead more than 16), so a lying "counts" cannot demand unbounded memory.
        const auto rows = static_cast<std::uint64_t>(n);
        if (f.key == 0) {
          m_ws.leads.reserve(static_cast<std::size_t>(std::min<std::uint64_t>(rows, m_text.size() / 16)));
        } else {
          const auto events = static_cast<std::size_t>(std::min<std::uint64_t>(rows, m_text.size() / 32));
          m_ws.events.reserve(events);
          m_event_ids.reserve(events);
        }
      }
      ok = m_error.empty();
      break;
    }
    case Ctx::catalog_item:
      ok = catalog_value(v);
      break;
    case Ctx::lead:
      ok = lead_value(v);
      break;
    case Ctx::seen: {
      Stamp stamp;
      ok = get_stamp(v, stamp);
      if (ok && !m_ws.seen.empty() && m_ws.seen.back().device >= stamp.device) {
        ok = fail("must list each device once, in ascending order of device");
      }
      if (ok) m_ws.seen.push_back(stamp);
      break;
    }
    case Ctx::lead_list: {
      auto& list =
          m_stack[m_depth - 2].key == static_cast<int>(LeadField::interests) ? m_lead.interests : m_lead.tags;
      ok = get_string(v, list.emplace_back());
      break;
    }
    case Ctx::lead_custom:
      ok = get_string(v, m_lead.custom_fields[f.name]);
      break;
    case Ctx::lead_stamps:
      if (f.key >= 0) {
        Stamp s;
        ok = get_stamp(v, s);
        m_lead_stamps[static_cast<std::size_t>(f.key)] = s;
      }
      break;
    case Ctx::stage_history:
      ok = fail("must be a [stage, time] pair");
      break;
    case Ctx::stage_item: {
      if (f.count == 0) {
        ok = get_enum(v, parse_stage, m_lead.stage_history.emplace_back().stage);
      } else if (f.count == 1) {
        ok = get_int(v, 0, k_max_json_millis, m_lead.stage_history.back().at);
      } else {
        ok = fail("must be a [stage, time] pair");
      }
      break;
    }
    case Ctx::consent_list:
    case Ctx::dnc_list:
      ok = fail("must be an object");
      break;
    case Ctx::consent_item:
    case Ctx::dnc_item:
      ok = consent_value(v);
      break;
    case Ctx::catalog:
    case Ctx::leads:
      ok = fail("must be an object");
      break;
    case Ctx::events:
      ok = fail("must be an array [id, lead, time, type, …]");
      break;
    case Ctx::event:
      ok = event_value(v);
      break;
    case Ctx::event_props: {
      auto& prop = m_event.properties.emplace_back();
      prop.first = f.name;
      ok = get_string(v, prop.second);
      break;
    }
    case Ctx::capture:
      capture_separator();
      ok = capture_value(v);
      break;
    case Ctx::skip:
    case Ctx::not_object:
      break;
  }
  if (f.array) ++f.count;
  return ok;
}

bool Reader::root_value(const Value& v) {
  const Frame& f = top();
  std::int64_t n = 0;
  switch (f.key) {
    case 0:
      if (v.kind != Value::Kind::string || *v.s != k_workspace_format) {
        return fail(R"(this is not a Nurture workspace file (its "format" is not "nurture.workspace"))");
      }
      m_has_format = true;
      return true;
    case 1:
      if (v.kind != Value::Kind::integer) {
        m_error = "the workspace file has no integer \"version\"";
        return false;
      }
      if (!v.is_signed && v.u > static_cast<std::uint64_t>(k_workspace_version)) {
        m_error = "this file was made by a newer version of Nurture (format version " + std::to_string(v.u) +
                  "); update the app to open it";
        return false;
      }
      if (v.is_signed || v.u < 1) {
        m_error = "unsupported workspace format version " + (v.is_signed ? std::to_string(v.i) : "0");
        return false;
      }
      m_version = static_cast<std::int64_t>(v.u);
      return true;
    case 2:
      return get_int(v, 0, INT64_MAX, n);
    case 3:
      if (v.kind != Value::Kind::integer || v.is_signed) return fail("must be a non-negative integer");
      m_ws.revision = v.u;
      return true;
    case 4:
      return fail("must be an object");
    case 5:
      return get_stamp(v, m_ws.practice_stamp);
    case 6:
      return fail("must be an object");
    case 7:
    case 8:
    case 9:
    case 10:
    case 11:
    case 12:
      return fail("must be an array");
    default:
      m_capture.clear();
      capture_value(v);
      m_ws.unknown_members.emplace_back(f.name, std::move(m_capture));
      m_capture = std::string();
      return true;
  }
}

bool Reader::practice_value(const Value& v) {
  PracticeProfile& p = m_ws.practice;
  std::string* const fields[] = {&p.name,    &p.street,    &p.city,  &p.state, &p.zip,
                                 &p.country, &p.time_zone, &p.phone, &p.email, &p.website};
  const int k = top().key;
  if (k < 0) return true;
  if (k == 10) return fail("must be an array of 7 [open, close] pairs");
  return get_string(v, *fields[k]);
}

bool Reader::catalog_value(const Value& v) {
  const int k = top().key;
  if (k < 0) return true;
  std::int64_t n = 0;
  if (m_catalog == 0) {
    Treatment& t = m_treatment;
    switch (k) {
      case 0:
        return get_string(v, t.id);
      case 1:
        return get_string(v, t.name);
      case 2:
        return get_string(v, t.category);
      case 3:
        if (!get_int(v, 0, UINT16_MAX, n)) return false;
        t.retreatment_days = static_cast<std::uint16_t>(n);
        return true;
      case 4:
        return get_int(v, INT64_MIN, INT64_MAX, t.price_cents);
      case 5:
        return get_stamp(v, t.stamp);
      default:
        return get_bool(v, t.deleted);
    }
  }
  if (m_catalog == 1) {
    LeadSource& s = m_source;
    switch (k) {
      case 0:
        return get_string(v, s.id);
      case 1:
        return get_string(v, s.name);
      case 2:
        return get_enum(v, parse_source_kind, s.kind);
      case 3:
        return get_int(v, INT64_MIN, INT64_MAX, s.monthly_cost_cents);
      case 4:
        return get_stamp(v, s.stamp);
      default:
        return get_bool(v, s.deleted);
    }
  }
  ContentItem& c = m_content;
  switch (k) {
    case 0:
      return get_string(v, c.id);
    case 1:
      return get_string(v, c.title);
    case 2:
      return get_enum(v, parse_content_kind, c.kind);
    case 3:
      return get_enum(v, parse_stage, c.stage);
    case 4:
      return get_string(v, c.treatment);
    case 5:
      return get_string(v, c.url);
    case 6:
      if (!get_int(v, 0, UINT16_MAX, n)) return false;
      c.minutes = static_cast<std::uint16_t>(n);
      return true;
    case 7:
      return get_stamp(v, c.stamp);
    default:
      return get_bool(v, c.deleted);
  }
}

template <class Item>
std::optional<FieldError> check_item(const std::vector<Item>& items, const Item& item) {
  auto errors = validate(item);
  if (!errors.empty()) return std::move(errors.front());
  if (!item.deleted && find_item(items, item.id) != nullptr) {
    return FieldError{"id", "the id \"" + item.id + "\" is used twice"};
  }
  return std::nullopt;
}

bool Reader::finish_catalog_item() {
  std::optional<FieldError> problem;
  if (m_catalog == 0) {
    problem = check_item(m_ws.treatments, m_treatment);
    if (!problem) m_ws.treatments.push_back(std::move(m_treatment));
  } else if (m_catalog == 1) {
    problem = check_item(m_ws.sources, m_source);
    if (!problem) m_ws.sources.push_back(std::move(m_source));
  } else {
    problem = check_item(m_ws.content, m_content);
    if (!problem) m_ws.content.push_back(std::move(m_content));
  }
  return !problem || fail(problem->message, problem->field);
}

bool Reader::lead_value(const Value& v) {
  const int k = top().key;
  Lead& l = m_lead;
  std::int64_t n = 0;
  if (k < 0) return true;
  if (k == k_lead_id) {
    if (v.kind != Value::Kind::string) return fail("must be a lead id (a string)");
    const auto id = parse_lead_id(*v.s);
    if (!id) return fail("\"" + v.s->substr(0, 40) + "\" is not a lead id");
    l.id = *id;
    return true;
  }
  if (k == k_lead_stamp) return get_stamp(v, m_lead_stamp);
  if (k == k_lead_deleted) return get_bool(v, m_lead_deleted);
  if (k == k_lead_deleted_stamp) return get_stamp(v, m_lead_deleted_stamp);
  if (k == k_lead_stage_history || k == k_lead_stamps) return fail("must not be a single value");
  switch (static_cast<LeadField>(k)) {
    case LeadField::first_name:
      return get_string(v, l.first_name);
    case LeadField::last_name:
      return get_string(v, l.last_name);
    case LeadField::email:
      if (!get_string(v, l.email)) return false;
      if (!l.email.empty() && normalize_email(l.email) != l.email)
        return fail("\"" + l.email.substr(0, 80) + "\" is not a normalised email address");
      return true;
    case LeadField::phone:
      if (!get_string(v, l.phone)) return false;
      if (!l.phone.empty() && (l.phone[0] != '+' || normalize_phone(l.phone) != l.phone))
        return fail("\"" + l.phone.substr(0, 80) + "\" is not an E.164 phone number");
      return true;
    case LeadField::birth_date: {
      if (v.kind != Value::Kind::string) return fail("must be a date YYYY-MM-DD");
      const auto d = parse_date(*v.s);
      if (!d || format_date(*d) != *v.s)
        return fail("\"" + v.s->substr(0, 40) + "\" is not a date YYYY-MM-DD");
      l.birth_date = *d;
      return true;
    }
    case LeadField::age:
      if (!get_int(v, 0, UINT8_MAX, n)) return false;
      l.age = static_cast<std::uint8_t>(n);
      return true;
    case LeadField::gender:
      return get_enum(v, parse_gender, l.gender);
    case LeadField::street:
      return get_string(v, l.street);
    case LeadField::city:
      return get_string(v, l.city);
    case LeadField::state:
      return get_string(v, l.state);
    case LeadField::zip:
      return get_string(v, l.zip);
    case LeadField::country:
      return get_string(v, l.country);
    case LeadField::time_zone:
      return get_string(v, l.time_zone);
    case LeadField::source:
      return get_string(v, l.source);
    case LeadField::campaign:
      return get_string(v, l.campaign);
    case LeadField::ad:
      return get_string(v, l.ad);
    case LeadField::form:
      return get_string(v, l.form);
    case LeadField::notes:
      return get_string(v, l.notes);
    case LeadField::stage:
      return get_enum(v, parse_stage, l.stage);
    case LeadField::created_at:
      return get_int(v, 0, k_max_json_millis, l.created_at);
    case LeadField::interests:
    case LeadField::tags:
    case LeadField::consent:
    case LeadField::do_not_contact:
      return fail("must be an array");
    case LeadField::custom_fields:
      return fail("must be an object");
  }
  return true;
}

bool Reader::consent_value(const Value& v) {
  const Frame& f = top();
  if (f.key < 0) return true;
  if (f.ctx == Ctx::dnc_item) {
    DoNotContact& d = m_lead.do_not_contact.back();
    switch (f.key) {
      case 0:
        return get_enum(v, parse_channel, d.channel);
      case 1:
        return get_int(v, 0, k_max_json_millis, d.at);
      case 3:
        return get_stamp(v, d.stamp);
      case 4:
        return get_bool(v, m_dnc_cleared);
      default:
        return get_string(v, d.reason);
    }
  }
  ConsentRecord& c = m_lead.consent.back();
  switch (f.key) {
    case 0:
      return get_enum(v, parse_channel, c.channel);
    case 1:
      return get_enum(v, parse_purpose, c.purpose);
    case 2:
      return get_bool(v, c.granted);
    case 3:
      return get_int(v, 0, k_max_json_millis, c.at);
    case 4:
      return get_string(v, c.method);
    case 5:
      return get_string(v, c.text);
    case 7:
      return get_stamp(v, c.stamp);
    default:
      return get_string(v, c.reason);
  }
}

// A cleared record (minor version 1) moves to the tombstones; live or cleared, one per channel.
bool Reader::finish_dnc_item() {
  auto& live = m_lead.do_not_contact;
  auto& cleared = m_lead.do_not_contact_cleared;
  const Channel channel = live.back().channel;
  const auto same = [&](const DoNotContact& d) { return d.channel == channel; };
  if (std::any_of(live.begin(), live.end() - 1, same) || std::any_of(cleared.begin(), cleared.end(), same))
    return fail("a second do-not-contact record for the same channel");
  if (m_dnc_cleared) {
    cleared.push_back(std::move(live.back()));
    live.pop_back();
  }
  return true;
}

bool Reader::finish_lead() {
  if (m_lead.id.value == 0) return fail("missing", "id");
  if (m_ws.leads.find_any(m_lead.id))
    return fail("the lead id " + to_string(m_lead.id) + " appears twice", "id");
  std::array<Stamp, k_lead_field_count> stamps;
  for (std::size_t f = 0; f < k_lead_field_count; ++f) {
    if (m_lead_stamps[f]) {
      stamps[f] = *m_lead_stamps[f];
    } else {
      stamps[f] = field_is_set(m_lead, static_cast<LeadField>(f)) ? m_lead_stamp : Stamp{};
    }
  }
  m_ws.leads.append_row(m_lead, stamps, m_lead_deleted, m_lead_deleted_stamp);
  ++m_items;
  return report_progress();
}

bool Reader::event_value(const Value& v) {
  const std::uint32_t pos = top().count;
  Event& e = m_event;
  std::int64_t n = 0;
  switch (pos) {
    case 0: {
      if (v.kind != Value::Kind::string) return fail("must be an event id (a string)");
      const auto id = parse_event_id(*v.s);
      if (!id) return fail("\"" + v.s->substr(0, 40) + "\" is not an event id");
      e.id = *id;
      return true;
    }
    case 1: {
      if (v.kind != Value::Kind::string) return fail("must be a lead id (a string)");
      const auto id = parse_lead_id(*v.s);
      if (!id) return fail("\"" + v.s->substr(0, 40) + "\" is not a lead id");
      if (!m_lead_ids.built()) m_lead_ids.build(m_ws.leads);
      // The set misses leads read after the first event; the store has them.
      if (!m_lead_ids.contains(id->value) && !m_ws.leads.find_any(*id)) {
        return fail("no lead has the id " + *v.s);
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
  m_event_ids.push_back(m_event.id.value);
  if (m_event_deleted) m_event_tombstones.emplace_back(m_event.id, *m_event_deleted);
  m_batch.push_back(std::move(m_event));
  if (m_batch.size() >= k_event_batch && !flush_events()) return false;
  ++m_items;
  return report_progress();
}

bool Reader::flush_events() {
  m_ws.events.add(m_batch);
  m_batch.clear();
  return true;
}

bool Reader::report_progress() {
  if (!m_options.progress || m_items % k_progress_every != 0) return true;
  const double fraction =
      m_count_hint == 0 ? 0.0
                        : std::min(1.0, static_cast<double>(m_items) / static_cast<double>(m_count_hint));
  if (m_options.progress(fraction)) return true;
  m_error = "the import was cancelled";
  return false;
}

Expected<Workspace> Reader::run() {
  if (m_text.size() > k_max_workspace_bytes) {
    return Error{"the file is larger than " + std::to_string(k_max_workspace_bytes >> 20) + " MB"};
  }
  // A \uXXXX escape is 6 bytes for at most 3 bytes of text: a literal longer than this cannot
  // hold an accepted value, and is refused before it is copied.
  constexpr std::size_t k_max_raw = 6 * k_max_json_string_bytes;
  json_scan::ScanError err;
  bool scanned = false;
#if defined(__cpp_exceptions)
  try {
    scanned = json_scan::scan(m_text, *this, err, k_max_raw);
  } catch (const std::exception& e) {
    // Only allocation failure can get here: the scanner reports errors as values.
    return Error{std::string("the file could not be read: ") + e.what()};
  }
#else
  // The wasm build compiles this file without exceptions (see core/CMakeLists.txt).
  scanned = json_scan::scan(m_text, *this, err, k_max_raw);
#endif
  if (!scanned) {
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
  std::sort(m_event_ids.begin(), m_event_ids.end());
  if (const auto dup = std::adjacent_find(m_event_ids.begin(), m_event_ids.end()); dup != m_event_ids.end()) {
    return Error{"events: the event id " + to_string(EventId{*dup}) + " appears twice"};
  }
  m_ws.events.set_deleted_batch(m_event_tombstones);
  return std::move(m_ws);
}

}  // namespace

Expected<Workspace> workspace_from_json(std::string_view text, const WorkspaceReadOptions& options) {
  Reader reader(text, options);
  return reader.run();
}

// Interim: parses the whole text in the first step. The scanner becomes resumable next, so each
// step then reads only its budget.
struct WorkspaceJsonReader::State {
  std::string_view text;
  std::optional<Expected<Workspace>> result;
};

WorkspaceJsonReader::WorkspaceJsonReader(std::string_view text) : m_state(std::make_unique<State>()) {
  m_state->text = text;
}
WorkspaceJsonReader::~WorkspaceJsonReader() = default;
WorkspaceJsonReader::WorkspaceJsonReader(WorkspaceJsonReader&&) noexcept = default;
WorkspaceJsonReader& WorkspaceJsonReader::operator=(WorkspaceJsonReader&&) noexcept = default;

bool WorkspaceJsonReader::step(std::size_t /*budget_bytes*/) {
  if (!m_state->result) m_state->result = workspace_from_json(m_state->text);
  return true;
}

double WorkspaceJsonReader::progress() const { return m_state->result ? 1.0 : 0.0; }

Expected<Workspace> WorkspaceJsonReader::take() { return std::move(*m_state->result); }

}  // namespace nurture
