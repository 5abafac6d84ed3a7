#pragma once
/// What the scheduler knows about one lead during one schedule() call (internal to
/// core/sequence/scheduler.cpp, in its own file to keep that one readable): the contact fields
/// the rules read, the lead's events up to `now` (read on first use), and the goals checked on
/// them.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/model/workspace.hpp"
#include "core/sequence/recipient_clock.hpp"
#include "core/sequence/scheduler.hpp"

namespace nurture {

/// A booked appointment: when it is and when it was booked.
struct Appointment {
  UnixMillis at = 0;      // when the appointment is
  UnixMillis booked = 0;  // when it was booked (the event's time)
};

/// What the rules read about one lead, gathered once per schedule() call. Event times are sorted
/// and <= now.
struct LeadFacts {
  std::uint32_t row = 0;
  Lead lead;  // only the fields the rules read; consent is read when a check needs it
  bool consent_read = false;
  bool events_read = false;                               // the event vectors below are filled on first use
  std::vector<UnixMillis> touch_replies, touch_bookings;  // from touch records, merged in then
  std::vector<UnixMillis> opens, clicks, replies, bookings, unsubscribes, attended;
  std::vector<Appointment> appointments;  // by appointment time
  std::optional<RecipientClock> clock;
};

/// The first time in (after, upto] of sorted `v`, if any.
std::optional<UnixMillis> first_after(const std::vector<UnixMillis>& v, UnixMillis after, UnixMillis upto);

/// Reads into f.lead the fields the rules read (not consent: read when a check needs it).
void read_lead_fields(const LeadStore& leads, std::uint32_t row, LeadFacts& f);

/// Fills the event vectors from `log` on first use (events after `now` are not known yet) and
/// merges in the touch-record replies and bookings. Returns `f`.
const LeadFacts& read_events(const EventLog& log, UnixMillis now, LeadFacts& f);

/// The earliest goal of `sequence` met after the enrolment and by `now` (the first goal in the
/// list on a tie), as an exit; nullopt when none is.
std::optional<EnrollmentExit> goal_exit(const Workspace& ws, UnixMillis now, const Enrollment& e,
                                        const Sequence& s, LeadFacts& f);

}  // namespace nurture
