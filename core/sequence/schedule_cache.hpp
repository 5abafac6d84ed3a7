#pragma once
/// The schedule kept current tick after tick: schedule() recomputes every lead, which at 100,000
/// enrolments costs a tenth of a second or more; between two ticks of an unchanged workspace only
/// the leads whose *wake* (lead_scheduler.hpp) has come can have a different part, so a tick
/// recomputes those leads alone and splices their entries into the kept, sorted lists.
///
/// Contract:
/// - tick(ws, revision, now, options) returns exactly schedule(ws, now, options): the same lists
///   in the same order.
/// - `revision` identifies the content of `ws`: the caller must pass a different value whenever
///   anything in `ws` changed since the last tick (Session::revision() does this; the web UI
///   passes it). The cache keeps pointers into `ws` (its enrolments, touch records and sequences)
///   between ticks, so `ws` must stay alive and unchanged while the revision stays the same.
///   As a guard against a workspace replaced under the same revision (Session::reset keeps the
///   stored revision), a different address of `ws` or of its enrolment, touch-record or sequence
///   arrays, or a different size of any of them, also recomputes everything.
/// - Everything is recomputed on the first tick, after clear(), and when the revision, the
///   workspace (as above), options.horizon or options.caps differ from the last tick, or when
///   `now` is earlier than the last tick's. Otherwise only the leads whose wake is <= now are.
/// - Cost of a warm tick: O(woken leads × their enrolments) scheduling, plus, for each list a
///   woken lead's entries changed in, one pass from the first change to the end of the list in
///   which each entry moves at most once (only those with unequal numbers of entries removed and
///   inserted before them). Leads whose part did not change cost a few binary searches and no
///   moves. At 100,000 enrolments with 14,000 due and 32,000 held, a tick a minute after a tick
///   takes under a millisecond in wasm (bench/README.md, "Due touches at one tick").

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <queue>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/model/workspace.hpp"
#include "core/sequence/lead_scheduler.hpp"
#include "core/sequence/scheduler.hpp"

namespace nurture {

class ScheduleCache {
 public:
  ScheduleCache();
  ~ScheduleCache();
  ScheduleCache(const ScheduleCache&) = delete;
  ScheduleCache& operator=(const ScheduleCache&) = delete;

  /// The schedule of `ws` at `now` (see the contract above); valid until the next tick or clear().
  const Schedule& tick(const Workspace& ws, std::uint64_t revision, UnixMillis now,
                       const ScheduleOptions& options = {});

  /// The last tick's schedule (empty before the first).
  [[nodiscard]] const Schedule& schedule() const { return m_schedule; }
  /// Forgets everything: the next tick recomputes every lead.
  void clear();

  /// What the last tick did (for tests and benchmarks).
  struct Stats {
    bool full = false;           ///< every lead was recomputed
    std::size_t recomputed = 0;  ///< leads scheduled again
    std::size_t changed = 0;     ///< of those, leads whose part changed
    std::size_t moved = 0;       ///< list entries moved or inserted while splicing
  };
  [[nodiscard]] const Stats& stats() const { return m_stats; }
  /// The earliest wake among the leads (k_no_wake, lead_scheduler.hpp, when none): a tick
  /// before it, with the same revision and options, recomputes nothing.
  [[nodiscard]] UnixMillis next_wake() const;

 private:
  /// Where one entry of a lead's part sits: enough to find it by binary search in its list.
  struct Locator {
    UnixMillis due_at = 0;  // due and upcoming are ordered by it first
    const Enrollment* enrollment = nullptr;
    std::uint32_t step = 0;  // step index (not used for exits)
    std::uint8_t list = 0;   // 0 due, 1 upcoming, 2 held, 3 exits
  };
  struct LeadState {
    LeadId lead;
    std::uint32_t group_begin = 0, group_end = 0;  // in m_groups
    std::uint32_t loc_begin = 0, loc_count = 0;    // in m_locators
    UnixMillis wake = 0;
  };
  using Wake = std::pair<UnixMillis, std::uint32_t>;  // (wake, index in m_leads)

  [[nodiscard]] bool same_input(const Workspace& ws, std::uint64_t revision, UnixMillis now,
                                const ScheduleOptions& options) const;
  void recompute_all(const Workspace& ws, std::uint64_t revision, UnixMillis now,
                     const ScheduleOptions& options);
  void recompute_woken(UnixMillis now);
  /// Appends to m_locators the locators of `st`'s entries in `s` from `from` on (per list:
  /// due, upcoming, held, exits), and points st at them.
  void locate(LeadState& st, const Schedule& s, const std::array<std::size_t, 4>& from);
  [[nodiscard]] const Enrollment* enrollment_of(const LeadState& st, std::string_view key) const;
  [[nodiscard]] std::string key_of(const Locator& l) const;
  /// The position of the entry `l` points at in its list.
  /// The position of the entry `l` points at in its list, or npos when it is not there (a broken
  /// invariant: the tick then recomputes everything rather than guess).
  [[nodiscard]] std::size_t position(const Locator& l) const;
  void compact_locators();

  // What the kept state was computed from.
  const Workspace* m_ws = nullptr;
  std::uint64_t m_revision = 0;
  const void* m_enrollments_data = nullptr;
  const void* m_touches_data = nullptr;
  const void* m_sequences_data = nullptr;
  std::size_t m_enrollments_size = 0, m_touches_size = 0, m_sequences_size = 0, m_leads_size = 0;
  ScheduleOptions m_options;
  UnixMillis m_now = 0;
  bool m_valid = false;

  std::unique_ptr<LeadScheduler> m_scheduler;
  std::unordered_map<std::string_view, const Sequence*> m_sequences;  // active, by id
  std::vector<LeadEnrollment> m_groups;  // every enrolment, grouped by lead (key order within)
  std::vector<LeadState> m_leads;        // leads with a running enrolment
  std::vector<Locator> m_locators;       // per lead, a range; dead ranges until compaction
  std::size_t m_dead_locators = 0;
  std::priority_queue<Wake, std::vector<Wake>, std::greater<>> m_wakes;
  Schedule m_schedule;
  Schedule m_part;  // scratch: one lead's new part
  Stats m_stats;
};

}  // namespace nurture
