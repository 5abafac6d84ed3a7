#pragma once
/// The scheduler: from the workspace and `now`, which touches are due, which are coming, which
/// are held and why, and which enrolments have ended (docs/scheduling.md, "The scheduler").
///
/// Contract:
/// - Only running enrolments (ended_at == 0) of active sequences schedule anything; draft,
///   paused and deleted sequences, and enrolments of deleted leads, schedule nothing.
/// - Each enrolment is walked from its first step. A message step's planned time comes from its
///   timing: after_previous counts from the previous step's completion (a handled touch completes
///   at its record's `at`, a wait at its yes/no moment, the enrolment for the first step);
///   after_enrolment from enrolled_at; before_appointment from the next booked appointment after
///   the previous step's completion (an appointment_booked event known by `now` and not taken
///   back by an appointment_cancelled one known by `now`: cancel_booking in lead_facts.hpp; its
///   time is the event's "appointment_at" property, else the event time); after_appointment from
///   the last appointment_attended at or before `now`. No appointment: the enrolment waits. An at_minute
///   moves the time to that local time (the recipient's first zone), the next day if passed.
/// - A record sent/skipped/replied/booked/no_answer/wrong_number moves the walk on; snoozed makes
///   the touch pending again at `until`; no record makes it the enrolment's one pending touch.
/// - Waits: yes at the first matching event (open → email_opened, click → email_clicked,
///   reply → email_replied/text_replied or a touch recorded replied, booking →
///   appointment_booked or a touch recorded booked) with start < at <= start + wait_days and
///   at <= now; no at start + wait_days once now has reached it; otherwise the enrolment waits.
/// - Splits: the arm is fixed by a hash of "<enrolment key>/<step id>" (FNV-1a, mixed) against
///   the arms' cumulative percentages; DueTouch::arm is the label of the last arm taken.
/// - "end", running off the list or coming back to a step already taken ends the enrolment with
///   the exit "finished".
/// - Goals are checked before the walk, on facts after enrolled_at up to now (booked, replied:
///   events or touch outcomes; unsubscribed: an unsubscribed event, or do-not-contact on every
///   channel; reached_stage: the lead's stage; left_segment: a recorded exit) → an exit with the
///   reason and the fact's time; no touch.
/// - A pending touch whose planned time has come (planned_at <= now) is checked in this order;
///   the first failure puts it in `held`: the appointment has passed (before_appointment; the walk
///   then moves on, counting the step done at the appointment), consent (the step is passed over
///   at its planned time, so later steps still come, and listed in held as "passed over: …" for
///   k_passed_over_shown with retry_at 0), the practice's postal address for marketing email (retry_at 0),
///   more than 14 days late for promotion/sponsored (retry_at 0), the windows (SendRules: held only when
///   `now` itself is not allowed, retry_at the next allowed instant; never allowed: retry_at 0), the
///   frequency caps and the state's 24-hour cap (retry_at when enough counted touches leave the window).
///   Otherwise it is due with due_at = the first allowed instant at or after planned_at.
/// - Caps count, per lead, touches recorded sent/replied/booked/no_answer within the last
///   caps.days days (any enrolment, any sequence) plus touches put in `due` earlier in this same
///   call; each lead's candidates are admitted in (due_at, key) order. A cap of 0 is no cap.
/// - A touch planned after now whose first allowed instant is <= horizon is `upcoming`
///   (consent and caps are checked when it comes due).
/// - Each touch key appears at most once across due, upcoming and held. The result depends
///   only on the workspace, now and the options.
/// - Cost: per lead with a running enrolment, a few packed columns; its events (one pass, through
///   the log's per-lead index) only when a wait, an event goal or an appointment timing needs
///   them; one binary search of the touch records per enrolment. 100,000 enrolments take about
///   0.1 s (few due) to 0.3 s (87,000 due) natively at -O2.

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "core/model/workspace.hpp"
#include "core/sequence/sequence.hpp"

namespace nurture {

/// Per-lead frequency caps: at most per_channel[c] touches on channel c (email, text, call,
/// social, letter) and `overall` touches in any `days` days. 0: no cap.
struct FrequencyCaps {
  std::array<std::uint8_t, k_step_channel_count> per_channel{3, 2, 2, 2, 1};
  std::uint8_t overall = 5;
  int days = 7;
  friend bool operator==(const FrequencyCaps&, const FrequencyCaps&) = default;
};

struct ScheduleOptions {
  UnixMillis horizon = 0;  ///< also list touches due up to here (0: now)
  FrequencyCaps caps;
};

struct DueTouch {
  std::string key;  ///< touch_key(enrollment, step)
  std::string enrollment, sequence, step;
  std::size_t step_index = 0;
  LeadId lead;
  StepChannel channel = StepChannel::email;
  UnixMillis due_at = 0;      ///< when it may go, after windows
  UnixMillis planned_at = 0;  ///< the step's own time
  bool first_text = false;    ///< a text, and no earlier text of this enrolment was sent
  std::string arm;            ///< the label of the last split arm taken ("" when none)
  friend bool operator==(const DueTouch&, const DueTouch&) = default;
};

struct HeldTouch {
  DueTouch touch;
  std::string reason;       ///< a sentence for the practitioner
  UnixMillis retry_at = 0;  ///< 0: until something changes
  friend bool operator==(const HeldTouch&, const HeldTouch&) = default;
};

struct EnrollmentExit {
  std::string enrollment;
  std::string reason;  ///< "finished", "goal met: booked an appointment", …
  UnixMillis at = 0;
  friend bool operator==(const EnrollmentExit&, const EnrollmentExit&) = default;
};

struct Schedule {
  std::vector<DueTouch> due;          ///< due_at <= now, ordered by due_at then key
  std::vector<DueTouch> upcoming;     ///< now < due_at <= horizon, ordered by due_at then key
  std::vector<HeldTouch> held;        ///< ordered by key
  std::vector<EnrollmentExit> exits;  ///< goals met, sequence finished; ordered by enrolment key
  friend bool operator==(const Schedule&, const Schedule&) = default;
};

/// How long a step passed over for want of consent stays listed in `held` ("passed over: …").
inline constexpr UnixMillis k_passed_over_shown = 86'400'000;
/// How late a promotion or sponsored touch may be before it waits for a person (14 days).
inline constexpr UnixMillis k_late_limit = 14LL * 86'400'000;

/// The schedule of `ws` at `now` (see the contract above).
Schedule schedule(const Workspace& ws, UnixMillis now, const ScheduleOptions& options = {});

/// The split arm index for `enrollment` at `step` (exposed for tests): stable, from
/// fmix64(fnv1a64("<enrollment>/<step id>")) % 100 against the cumulative percentages.
std::size_t split_arm(std::string_view enrollment, const Step& step);

}  // namespace nurture
