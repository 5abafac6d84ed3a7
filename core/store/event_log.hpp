#pragma once
/// The event log as columns, sorted by time, with a per-lead index.
///
/// Memory per event: id 8, lead id 8, time 8, type 1, content/sequence/service dictionary
/// codes 3 × 4, step 2, seconds 4, amount 8, generic properties span 8, deleted flag 1 = 60
/// bytes, plus 4 bytes in the per-lead index (and ~45 bytes per lead with events for its
/// slot). There is deliberately no id → position hash (it would cost ~40 bytes per event):
/// lookups by event id are rare (tombstones, undo) and scan the id column.
///
/// Ordering: by time, ties in insertion order. Appends that are not earlier than the last
/// event stay O(batch); an out-of-order batch is merged (O(n)).
///
/// The per-lead index is compressed (CSR: a slot per lead, offsets, positions) and covers a
/// prefix of the log; events appended after it are scanned linearly until that tail grows
/// past an eighth of the log, when the index is rebuilt in one O(n) pass. So appends never pay
/// for the index, and queries stay fast. A merge or removal reorders positions and drops it.

#include <cstdint>
#include <optional>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "core/model/lead_types.hpp"
#include "core/store/columns.hpp"
#include "core/store/lead_store.hpp"
#include "core/sync/hlc.hpp"

namespace nurture {

class EventLog {
 public:
  void reserve(std::size_t events);
  /// Adds `events` (already validated: unique new ids) keeping time order.
  void add(const std::vector<Event>& events);
  /// Removes the events with these ids entirely (undo of `add`, not a deletion).
  void remove(const std::unordered_set<std::uint64_t>& ids);
  /// Marks the event deleted with the stamp of that decision. False when the id is unknown.
  bool set_deleted(EventId id, const Stamp& stamp);
  /// Marks every event of `tombstones` deleted with its stamp in one scan of the log (set_deleted
  /// scans once per id). Returns how many ids were found; unknown ids are skipped.
  std::size_t set_deleted_batch(const std::vector<std::pair<EventId, Stamp>>& tombstones);

  /// Positions including tombstones: [0, size()).
  [[nodiscard]] std::size_t size() const { return m_id.size(); }
  [[nodiscard]] Event get(std::uint32_t pos) const;
  /// The event at `pos` without copies, for writers: the texts point into the log and stay
  /// valid until the log changes. Properties through property_count()/property().
  struct View {
    EventId id;
    LeadId lead;
    UnixMillis at = 0;
    EventType type{};
    std::string_view content;
    std::string_view sequence;
    std::uint16_t step = 0;
    std::uint32_t seconds = 0;
    std::int64_t amount_cents = 0;
    std::string_view service;
  };
  [[nodiscard]] View view(std::uint32_t pos) const;
  [[nodiscard]] std::size_t property_count(std::uint32_t pos) const { return m_props.size(pos); }
  /// Precondition: i < property_count(pos).
  [[nodiscard]] std::pair<std::string_view, std::string_view> property(std::uint32_t pos,
                                                                       std::size_t i) const;
  [[nodiscard]] EventId id(std::uint32_t pos) const { return EventId{m_id[pos]}; }
  [[nodiscard]] LeadId lead(std::uint32_t pos) const { return LeadId{m_lead[pos]}; }
  [[nodiscard]] UnixMillis at(std::uint32_t pos) const { return m_at[pos]; }
  [[nodiscard]] EventType type(std::uint32_t pos) const { return static_cast<EventType>(m_type[pos]); }
  [[nodiscard]] bool is_deleted(std::uint32_t pos) const { return m_deleted[pos] != 0; }
  /// Single numeric columns for hot paths (segment scans) that would otherwise build a View.
  [[nodiscard]] std::uint16_t step(std::uint32_t pos) const { return m_step[pos]; }
  [[nodiscard]] std::uint32_t seconds(std::uint32_t pos) const { return m_seconds[pos]; }
  [[nodiscard]] std::int64_t amount_cents(std::uint32_t pos) const { return m_amount[pos]; }
  /// Dictionary codes of the content, sequence and service columns, so metrics can key by integer: the
  /// code of `pos` and the dictionary it indexes (code 0 is the empty string).
  [[nodiscard]] std::uint32_t content_code(std::uint32_t pos) const { return m_content[pos]; }
  [[nodiscard]] const Dictionary& content_dictionary() const { return m_content_dict; }
  [[nodiscard]] std::uint32_t sequence_code(std::uint32_t pos) const { return m_sequence[pos]; }
  [[nodiscard]] const Dictionary& sequence_dictionary() const { return m_sequence_dict; }
  [[nodiscard]] std::uint32_t service_code(std::uint32_t pos) const { return m_service[pos]; }
  [[nodiscard]] const Dictionary& service_dictionary() const { return m_service_dict; }
  /// The deletion stamp of a tombstoned event; zero when live.
  [[nodiscard]] Stamp deleted_stamp(EventId id) const;

  /// The position of the event with this id (live or not). Scans: O(size()).
  [[nodiscard]] std::optional<std::uint32_t> find(EventId id) const;
  /// True when any of `ids` is already in the log. One scan.
  [[nodiscard]] bool contains_any(const std::unordered_set<std::uint64_t>& ids) const;
  /// Live events of `lead`, in time order.
  [[nodiscard]] std::vector<std::uint32_t> of_lead(LeadId lead) const;
  /// Live events of `type` with from <= at < to, in time order (binary search on time).
  [[nodiscard]] std::vector<std::uint32_t> of_type(EventType type, UnixMillis from, UnixMillis to) const;
  /// Positions with from <= at < to (including tombstones).
  [[nodiscard]] std::pair<std::uint32_t, std::uint32_t> time_range(UnixMillis from, UnixMillis to) const;

  [[nodiscard]] MemoryUse memory() const;

  /// Writes the columns, dictionaries and deletion stamps to a binary image (event_log_image.cpp).
  void serialize(ImageWriter& out) const;
  /// serialize() a column (or a small group) at a time, for the sliced image encoder
  /// (core/storage/image_encoder.hpp): pieces 0 .. serialize_pieces() − 1 written in order give
  /// exactly serialize()'s bytes.
  [[nodiscard]] std::size_t serialize_pieces() const;
  void serialize_piece(ImageWriter& out, std::size_t i) const;
  /// Replaces this log with what serialize() wrote, checking lengths, spans, dictionary codes,
  /// types, time order and id uniqueness. The per-lead index is left to be built by the first
  /// query that needs it. False (the reason in `in`, this log unchanged) on any problem.
  bool deserialize(ImageReader& in);

  /// Logical equality: same events in the same order with the same tombstones.
  friend bool operator==(const EventLog& a, const EventLog& b);

 private:
  template <class Fn>
  void for_each_column(Fn&& fn) {
    fn(m_id);
    fn(m_lead);
    fn(m_at);
    fn(m_type);
    fn(m_content);
    fn(m_sequence);
    fn(m_step);
    fn(m_seconds);
    fn(m_amount);
    fn(m_service);
    fn(m_props.spans());
    fn(m_deleted);
  }
  void push(const Event& e);
  void ensure_lead_index() const;

  std::vector<std::uint64_t> m_id;
  std::vector<std::uint64_t> m_lead;
  std::vector<UnixMillis> m_at;
  std::vector<std::uint8_t> m_type;
  std::vector<std::uint32_t> m_content;
  std::vector<std::uint32_t> m_sequence;
  std::vector<std::uint16_t> m_step;
  std::vector<std::uint32_t> m_seconds;
  std::vector<std::int64_t> m_amount;
  std::vector<std::uint32_t> m_service;
  ListColumn<std::pair<std::uint32_t, std::uint32_t>> m_props;  // (key, value) codes in m_prop_dict
  std::vector<std::uint8_t> m_deleted;
  Dictionary m_content_dict;
  Dictionary m_sequence_dict;
  Dictionary m_service_dict;
  Dictionary m_prop_dict;
  std::unordered_map<std::uint64_t, Stamp> m_deleted_stamps;  // sparse: few events are deleted
  // The per-lead index, built on demand: `mutable` because a const query may (re)build it.
  // It covers positions [0, m_indexed); later positions are scanned.
  void drop_lead_index();
  mutable std::unordered_map<std::uint64_t, std::uint32_t> m_lead_slot;
  mutable std::vector<std::uint32_t> m_slot_offsets;    // slots + 1
  mutable std::vector<std::uint32_t> m_slot_positions;  // grouped by slot, ascending
  mutable std::uint32_t m_indexed = 0;
};

}  // namespace nurture
