#pragma once
/// What sequences need across pages, kept current as the workspace changes and time passes: the
/// enrolments the triggers call for (recorded through Session::record, like segment memberships:
/// facts, not edits), the ends of enrolments whose goal was met or whose steps ran out, and the
/// schedule — touches due now, later today, and held back with their reasons — with per-sequence
/// numbers for the Sequences page.
///
/// Work happens when the revision changes or the minute turns, never every frame; a turn of the
/// minute with the same revision reschedules only the leads whose wake has come (ScheduleCache),
/// a new revision or a new local day everything.

#include <cstdint>
#include <string>
#include <vector>

#include "core/sequence/schedule_cache.hpp"
#include "core/sequence/scheduler.hpp"
#include "web/ui/ui_context.hpp"

namespace nurture::ui {

class SequenceRuntime {
 public:
  /// Brings everything up to date (once per frame, after the segment runtime's update, so that
  /// segment entries are recorded before the triggers look at them).
  void update(Ui& ui);

  /// The moment answers are for: the wall clock, rounded down to the minute.
  [[nodiscard]] UnixMillis now() const { return m_now; }
  /// Touches due now, later today (until local midnight), and held back.
  [[nodiscard]] const Schedule& schedule() const { return m_cache.schedule(); }
  /// Bumped whenever the schedule changes (pages cache on it).
  [[nodiscard]] std::uint64_t generation() const { return m_generation; }

  /// Live numbers of one sequence.
  struct Numbers {
    std::size_t running = 0;   ///< enrolments not ended
    std::size_t due = 0;       ///< touches due now
    std::size_t later = 0;     ///< touches due later today
    std::size_t held = 0;      ///< touches held back
    std::size_t handled = 0;   ///< touches handled (sent, skipped, replied…) ever
    std::size_t enrolled = 0;  ///< enrolments ever
  };
  /// The numbers of sequence `id` (zeros when it has none).
  [[nodiscard]] Numbers numbers(const std::string& id) const;

 private:
  void recompute(Ui& ui);
  /// Records planned enrolments and the ends of finished ones; true when anything changed.
  bool bookkeeping(Ui& ui);
  /// The schedule at m_now for the current revision (the horizon: the end of the local day).
  const Schedule& tick(Ui& ui);

  std::uint64_t m_revision = ~std::uint64_t{0};
  UnixMillis m_now = 0;
  std::uint64_t m_generation = 0;
  ScheduleCache m_cache;  ///< keyed by the session's revision (Session::revision)
  std::vector<std::pair<std::string, Numbers>> m_numbers;  ///< sorted by sequence id
  std::vector<std::pair<std::string, Numbers>> m_base;     ///< enrolled/running/handled of m_revision
};

}  // namespace nurture::ui
