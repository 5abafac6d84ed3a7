#pragma once
/// What the measurement figures read, indexed once per workspace revision and reused while only
/// the range or the filter changes (the dashboard recomputes on every such change; issue 6's
/// target is that recompute): live events of live leads by type in time order with their lead's
/// row (segment::SegmentCache's index), the sends parsed from the touch records, every lead's
/// stage path in time order, and every lead's visit days. Figures computed with a cache equal
/// those computed without one (tests/unit/metrics_cache_test.cpp).
///
/// Owned by the caller, one per open workspace. It starts over when the workspace, its revision or
/// its sizes change; code that edits the stores directly without bumping Workspace::revision must
/// call invalidate(). refresh() builds it at once; MetricsCacheBuilder
/// (metrics_cache_builder.hpp) builds the same cache in bounded slices.

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "core/model/workspace.hpp"
#include "core/segment/engine.hpp"

namespace nurture::metrics {

class MetricsCacheBuilder;

class MetricsCache {
 public:
  /// What followed a send (docs/metrics.md "Sequences and steps"), as bits of Send::flags.
  enum SendFlag : std::uint8_t {
    k_opened = 1,
    k_opened_human = 2,
    k_clicked = 4,
    k_replied = 8,  ///< a reply event or the record's own outcome
    k_unsubscribed = 16,
    k_booked = 32,  ///< a booking event or the record's own outcome
  };
  /// A send: a touch record of a live lead with outcome sent, replied or booked, with every
  /// response attributed to it. Attribution does not depend on the range or the filter: an event
  /// goes to its lead's latest matching send within the window before it, whichever period that
  /// send counts in, and every event attributed to a send in [from, to) falls in
  /// [from, to + window), the events compute_step_metrics reads.
  struct Send {
    std::uint32_t row = 0;
    std::uint32_t group_flags = 0;  ///< group << 8 | SendFlag bits
    /// Index into groups(): its (sequence, step).
    [[nodiscard]] std::uint32_t group() const { return group_flags >> 8U; }
    [[nodiscard]] std::uint8_t flags() const { return static_cast<std::uint8_t>(group_flags & 0xFFU); }
  };
  /// A visit (docs/metrics.md "Retention"): a practice-local day with an appointment_attended or
  /// purchase event of a live lead; `first_at` is the earliest such event that day.
  struct Visit {
    std::uint32_t row = 0;
    std::int64_t day = 0;
    UnixMillis first_at = 0;
  };

  /// Makes the cache describe `ws`, rebuilding everything when it is stale.
  void refresh(const Workspace& ws);
  void invalidate() { m_ws = nullptr; }
  /// True when the cache describes `ws` as it is now (refresh() would not rebuild).
  [[nodiscard]] bool describes(const Workspace& ws) const;

  /// Live events of live leads of type `t`, ascending time (segment::SegmentCache::of_type).
  [[nodiscard]] const segment::SegmentCache::TypeIndex& of_type(EventType t) const {
    return m_by_type[static_cast<std::size_t>(t)];
  }
  /// Positions [first, last) of of_type(t) with from <= at < to.
  [[nodiscard]] std::pair<std::size_t, std::size_t> type_range(EventType t, UnixMillis from,
                                                               UnixMillis to) const;

  /// Every send by ascending time, their times, and the positions [first, last) of those with
  /// from <= at < to.
  [[nodiscard]] const std::vector<Send>& sends() const { return m_sends; }
  [[nodiscard]] const std::vector<UnixMillis>& send_times() const { return m_send_times; }
  [[nodiscard]] std::pair<std::size_t, std::size_t> send_range(UnixMillis from, UnixMillis to) const;
  /// Running counts for the unfiltered step figures: sends come in blocks of k_send_block (in
  /// time order); block_counts(b) holds, per group, the sent, opened, opened_human, clicked,
  /// replied, unsubscribed and booked counts (k_send_figures each) of the sends before block b,
  /// for b in [0, sends().size() / k_send_block]. A range's counts are then two block rows apart
  /// plus at most two partial blocks.
  static constexpr std::size_t k_send_block = 1024;
  static constexpr std::size_t k_send_figures = 7;
  [[nodiscard]] std::span<const std::uint32_t> block_counts(std::size_t block) const {
    const std::size_t width = m_groups.size() * k_send_figures;
    return std::span<const std::uint32_t>(m_block_counts).subspan(block * width, width);
  }
  /// Every live lead (what filter_leads keeps without a filter).
  [[nodiscard]] const segment::LeadSet& live() const { return m_live; }

  /// (sequence id, step id) per group, and the groups in report order: the workspace's sequences
  /// and steps first, unknown ids after them by name.
  [[nodiscard]] const std::vector<std::pair<std::string, std::string>>& groups() const { return m_groups; }
  [[nodiscard]] const std::vector<std::uint32_t>& group_order() const { return m_group_order; }

  /// Per row, ascending: the times of its live events, of its appointment_booked events, and of
  /// its touches (sends and email_sent / text_sent events; equal times once), for the nurtured
  /// versus not figures.
  [[nodiscard]] std::span<const UnixMillis> event_times(std::uint32_t row) const {
    return m_events_of.of(row);
  }
  [[nodiscard]] std::span<const UnixMillis> booking_times(std::uint32_t row) const {
    return m_bookings_of.of(row);
  }
  [[nodiscard]] std::span<const UnixMillis> touch_times(std::uint32_t row) const {
    return m_touches_of.of(row);
  }

  /// Per row, the time of its latest live event (segment::SegmentCache::k_none without one).
  [[nodiscard]] const std::vector<UnixMillis>& last_event() const { return m_last_event; }
  /// Per row, its latest touch time (segment::SegmentCache::k_none without one).
  [[nodiscard]] const std::vector<UnixMillis>& last_touch() const { return m_last_touch; }

  /// A row's stage path (funnel_metrics.hpp stage_path()).
  [[nodiscard]] std::span<const StageChange> path_of(std::uint32_t row) const;
  /// Visits sorted by (row, day), one per row and day.
  [[nodiscard]] const std::vector<Visit>& visits() const { return m_visits; }

  /// How many times refresh() built the cache (tests check reuse).
  [[nodiscard]] std::size_t builds() const { return m_builds; }

 private:
  friend class MetricsCacheBuilder;
  const Workspace* m_ws = nullptr;
  std::uint64_t m_revision = 0;
  std::size_t m_rows = 0;
  std::size_t m_events = 0;
  std::size_t m_touches = 0;
  std::size_t m_builds = 0;
  // Live rows, and live events of live leads by type (as segment::SegmentCache builds them).
  segment::LeadSet m_live;
  std::array<segment::SegmentCache::TypeIndex, k_event_type_count> m_by_type;
  std::vector<UnixMillis> m_last_event;
  // Times grouped by row (compressed: offsets per row into one array).
  struct RowTimes {
    std::vector<std::uint32_t> offsets;  // rows + 1
    std::vector<UnixMillis> times;
    [[nodiscard]] std::span<const UnixMillis> of(std::uint32_t row) const {
      if (row + std::size_t{1} >= offsets.size()) return {};
      return std::span<const UnixMillis>(times).subspan(offsets[row], offsets[row + 1] - offsets[row]);
    }
  };
  std::vector<Send> m_sends;
  std::vector<UnixMillis> m_send_times;
  std::vector<std::uint32_t> m_block_counts;
  std::vector<std::pair<std::string, std::string>> m_groups;
  std::vector<std::uint32_t> m_group_order;
  std::vector<std::uint32_t> m_path_offsets;  // rows + 1
  std::vector<StageChange> m_paths;
  std::vector<Visit> m_visits;
  RowTimes m_events_of;
  RowTimes m_bookings_of;
  RowTimes m_touches_of;
  std::vector<UnixMillis> m_last_touch;
};

}  // namespace nurture::metrics
