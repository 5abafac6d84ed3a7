#pragma once
// Internal to core/io: the streaming workspace reader's state machine, shared by the
// workspace_json_read*.cpp files. Not public API (see workspace_json.hpp for that).
//
// A state machine driven by the SAX events of our own scanner (json_scanner.hpp). Leads go
// straight into the LeadStore and events in batches into the EventLog; no DOM is built except
// for the text of unknown top-level members, which is re-serialised compactly (R13). Every value
// is type-checked as it arrives and the first problem stops the parse with a path such as
// "leads[12].email" (see docs/schema.md for the rules).

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/io/json_scanner.hpp"
#include "core/io/workspace_json.hpp"

namespace nurture::workspace_json_detail {

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
  std::string_view s = {};  // string text, or a floating number's raw text (valid during the call)
};

inline constexpr const char* k_root_keys[] = {
    "format",  "version", "minor_version", "revision", "practice", "practice_stamp", "counts", "treatments",
    "sources", "content", "leads",         "events",   "seen"};
inline constexpr int k_root_v1_keys = 5;  // format … practice: the members version 1 knew
inline constexpr const char* k_practice_keys[] = {
    "name", "street", "city", "state", "zip", "country", "time_zone", "phone", "email", "website", "hours"};
inline constexpr const char* k_count_keys[] = {"leads", "events"};
inline constexpr const char* k_treatment_keys[] = {"id",          "name",  "category", "retreatment_days",
                                                   "price_cents", "stamp", "deleted"};
inline constexpr const char* k_source_keys[] = {"id",    "name",   "kind", "monthly_cost_cents",
                                                "stamp", "deleted"};
inline constexpr const char* k_content_keys[] = {"id",  "title",   "kind",  "stage",  "treatment",
                                                 "url", "minutes", "stamp", "deleted"};
inline constexpr const char* k_consent_keys[] = {"channel", "purpose", "granted", "at",
                                                 "method",  "text",    "reason",  "stamp"};
inline constexpr const char* k_dnc_keys[] = {"channel", "at", "reason", "stamp", "cleared"};
// Lead keys: the k_lead_field_count field names first (index == LeadField), then these.
inline constexpr const char* k_lead_extra_keys[] = {"id",     "stamp",   "stage_history",
                                                    "stamps", "deleted", "deleted_stamp"};
inline constexpr int k_lead_id = k_lead_field_count;
inline constexpr int k_lead_stamp = k_lead_id + 1;
inline constexpr int k_lead_stage_history = k_lead_id + 2;
inline constexpr int k_lead_stamps = k_lead_id + 3;
inline constexpr int k_lead_deleted = k_lead_id + 4;
inline constexpr int k_lead_deleted_stamp = k_lead_id + 5;

template <std::size_t N>
int find_key(const char* const (&keys)[N], std::string_view key, int limit = static_cast<int>(N)) {
  for (int i = 0; i < limit; ++i) {
    if (key == keys[i]) return i;
  }
  return -1;
}

/// The LeadField named `key`, or -1.
int find_lead_field(std::string_view key);

/// Turns a byte offset into a 1-based line and column (in characters) for the error message.
Error position_error(std::string_view text, std::size_t byte, std::string what);

/// Sorts `ids` ascending, as std::sort would: a radix sort from 1024 ids up (the duplicate
/// check of a large import sorts millions of random ids; std::sort took ~4% of it).
void sort_ids(std::vector<std::uint64_t>& ids);

inline constexpr std::size_t k_event_batch = 8192;
inline constexpr std::size_t k_progress_every = 16384;

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

// A \uXXXX escape is 6 bytes for at most 3 bytes of text: a literal longer than this cannot
// hold an accepted value, and is refused before it is copied.
inline constexpr std::size_t k_max_raw_string = 6 * k_max_json_string_bytes;

class Reader {
 public:
  Reader(std::string_view text, const WorkspaceReadOptions& options)
      : m_text(text), m_options(options), m_scanner(text, k_max_raw_string) {}

  /// Reads about `budget` more bytes; true when reading has finished (take() then holds the
  /// workspace or the error).
  bool step(std::size_t budget);
  /// Fraction of the text read, 0..1 (1 once finished).
  [[nodiscard]] double progress() const;
  /// The outcome, once step() has returned true.
  Expected<Workspace> take() {
    if (!m_outcome) return Error{"the workspace file has not been read to the end yet"};
    return std::move(*m_outcome);
  }
  Expected<Workspace> run() {
    while (!step(m_text.size())) {
    }
    return take();
  }

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
    v.s = raw;
    return value(v);
  }
  bool string(std::string_view s) {
    if (s.size() > k_max_json_string_bytes) {
      return fail("a text of " + std::to_string(s.size()) + " bytes is longer than the limit of " +
                  std::to_string(k_max_json_string_bytes));
    }
    Value v{Value::Kind::string};
    v.s = s;
    return value(v);
  }
  bool start_object() { return start(false); }
  bool start_array() { return start(true); }
  bool end_object() { return end(); }
  bool end_array() { return end(); }
  bool key(std::string_view k);

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
  /// Checks the leads of the events read since the last call, in file order; on the first
  /// unknown one records its error (as if found when read) and returns false. Called before any
  /// later problem is recorded, at the end of the events array and before each batch is added,
  /// so errors are reported exactly as with an immediate check.
  bool check_event_leads();
  bool report_progress();
  Expected<Workspace> conclude(json_scan::ScanStatus status);

  std::string_view m_text;
  const WorkspaceReadOptions& m_options;
  json_scan::Scanner m_scanner;
  std::optional<Expected<Workspace>> m_outcome;
  Workspace m_ws;
  std::array<Frame, k_max_json_depth + 1> m_stack;
  int m_depth = 0;
  std::string m_error;

  bool m_root_not_object = false;
  bool m_has_format = false;
  std::int64_t m_version = 0;  // 0: not seen yet (members are then read by the newest rules)
  std::uint64_t m_count_hint = 0;
  LeadIdSet m_lead_ids;  // the leads known when the first event arrived
  // Event leads not checked yet: one lookup per event waits for a cache miss of the lead set,
  // while a batch of independent lookups overlaps them (check_event_leads()).
  struct PendingLead {
    std::uint64_t id = 0;
    std::uint32_t event = 0;      // the event's index in "events"
    std::size_t text_offset = 0;  // the id's text in the file, for the message
  };
  std::vector<PendingLead> m_pending_leads;
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
  bool m_event_ids_ascending = true;  // strictly: then there is no repeat and no need to sort
  std::vector<std::pair<EventId, Stamp>> m_event_tombstones;

  std::string m_capture_key;
  std::string m_capture;
};

template <class Enum>
bool Reader::get_enum(const Value& v, std::optional<Enum> (*parse)(std::string_view), Enum& out) {
  if (v.kind != Value::Kind::string) return fail("must be a string");
  const auto e = parse(v.s);
  if (!e) return fail("\"" + std::string(v.s.substr(0, 60)) + "\" is not a known value");
  out = *e;
  return true;
}

}  // namespace nurture::workspace_json_detail
