#pragma once
/// What the scheduler knows about one lead during one schedule() call (internal to
/// core/sequence/scheduler.cpp, in its own file to keep that one readable): the contact fields
/// the rules read, the lead's events up to `now` (read on first use), and the goals checked on
/// them. The appointment-cancellation rule (cancel_booking) is shared with template_render.cpp.

#include <cstddef>
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
  std::vector<Appointment> appointments;  // live bookings (cancel_booking), by appointment time
  std::optional<RecipientClock> clock;
};

/// The cancellation rule, shared with template_render.cpp ({appointment_date}): removes from
/// `booked` (the live bookings, in booking order, all logged before the cancellation; any type
/// with a UnixMillis `at`, the appointment's time) the booking an appointment_cancelled event
/// cancels:
/// - with an "appointment_at" property (`named`, read as bookings read it): the latest
///   booking whose appointment is at that instant; when none is, nothing is removed (the log
///   never saw that appointment booked);
/// - without one: the most recent booking, whatever its appointment time.
/// A booking logged after the cancellation is a new appointment, even for the same time.
template <class Booking>
void cancel_booking(std::vector<Booking>& booked, std::optional<UnixMillis> named) {
  if (booked.empty()) return;
  if (!named) {
    booked.pop_back();
    return;
  }
  // From the back: a slot booked twice and cancelled once is still booked once.
  for (std::size_t i = booked.size(); i-- > 0;) {
    if (booked[i].at == *named) {
      booked.erase(booked.begin() + static_cast<std::ptrdiff_t>(i));
      return;
    }
  }
}

/// The first time in (after, upto] of sorted `v`, if any.
std::optional<UnixMillis> first_after(const std::vector<UnixMillis>& v, UnixMillis after, UnixMillis upto);

/// Reads into f.lead the fields the rules read (not consent: read when a check needs it).
void read_lead_fields(const LeadStore& leads, std::uint32_t row, LeadFacts& f);

/// Fills the event vectors from `log` on first use (events after `now` are not known yet) and
/// merges in the touch-record replies and bookings. `appointments` are the bookings no
/// appointment_cancelled event known by `now` has cancelled (cancel_booking, in log order);
/// `bookings` keeps every booking (a booking goal or wait was met even if it was cancelled later).
/// Returns `f`.
const LeadFacts& read_events(const EventLog& log, UnixMillis now, LeadFacts& f);

/// The earliest goal of `sequence` met after the enrolment and by `now` (the first goal in the
/// list on a tie), as an exit; nullopt when none is.
std::optional<EnrollmentExit> goal_exit(const Workspace& ws, UnixMillis now, const Enrollment& e,
                                        const Sequence& s, LeadFacts& f);

}  // namespace nurture
