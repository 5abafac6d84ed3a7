#pragma once
// Internal to core/demo: the demo's past with its sequences — enrolments and touch records
// written while the generator simulates each lead, so that per-step metrics have sends to count
// and the scheduler finds every past step already handled.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/model/workspace.hpp"

namespace nurture::demo {

/// The demo's sequence and step ids (assets/playbooks; the playbooks test checks they exist).
inline constexpr std::string_view k_welcome_sequence = "welcome-inquiry";
inline constexpr std::string_view k_reminder_sequence = "consultation-reminders";

class History {
 public:
  explicit History(Stamp stamp) : m_stamp(stamp) {}

  /// Starts an enrolment of `lead` in `sequence` at `at` (the trigger's time); returns its index.
  std::size_t enrol(std::string_view sequence, LeadId lead, UnixMillis at, std::string reason);
  /// Records that step `step` of enrolment `index` was handled with `outcome` at `at`.
  void touch(std::size_t index, std::string_view step, TouchOutcome outcome, UnixMillis at);
  /// Ends enrolment `index` at `at` (as the scheduler's exits would have ended it).
  void end(std::size_t index, UnixMillis at, std::string reason);
  [[nodiscard]] std::size_t touch_count() const { return m_touches.size(); }

  /// Moves everything into `ws`, sorted by key as the workspace keeps them.
  void put_into(Workspace& ws);

 private:
  Stamp m_stamp;
  std::vector<Enrollment> m_enrollments;
  std::vector<TouchRecord> m_touches;
};

/// The first instant at or after `at` within local hours [start_hour, end_hour) on the allowed
/// days (Monday to Friday when `weekdays_only`), with local time UTC − `offset_hours`.
UnixMillis next_in_window(UnixMillis at, int start_hour, int end_hour, bool weekdays_only,
                          std::int64_t offset_hours);

/// The first instant at or after `at` at local `hour`:00 (an at_minute timing).
UnixMillis next_at_hour(UnixMillis at, int hour, std::int64_t offset_hours);

}  // namespace nurture::demo
