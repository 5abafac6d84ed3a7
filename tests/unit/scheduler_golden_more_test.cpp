// Golden schedules, continued: first texts (per lead, across sequences), letters without an
// address, loops, and cancelled appointments. Expected instants are worked out by hand next to
// each check, as in scheduler_golden_test.cpp. 2026-06-01 is a Monday.

#include <catch_amalgamated.hpp>

#include <algorithm>

#include "core/sequence/scheduler.hpp"
#include "scheduler_build.hpp"

namespace scheduler_golden_more_test {

using namespace nurture;
using namespace nurture::test::sched;

TEST_CASE("first texts, letters without an address, and loops", "[scheduler][golden]") {
  Builder b;
  const UnixMillis t = utc(2026, 6, 1, 14);  // Monday 10:00 EDT
  b.sequence("texts", {message("t1", StepChannel::text), message("t2", StepChannel::text)});
  b.sequence("post", {message("l", StepChannel::letter)});
  Step back = message("again", StepChannel::email);
  back.next = "first";  // jumps back: the walk ends instead of looping
  b.sequence("loop", {message("first", StepChannel::email), back});
  Lead no_street = person(1);
  no_street.street.clear();
  const LeadId l = b.lead(no_street);
  const auto texts = b.enroll("texts", l, t);
  const auto post = b.enroll("post", l, t);
  const auto loop = b.enroll("loop", l, t);
  b.record(touch_key(loop, "first"), TouchOutcome::sent, t + k_hour);
  b.record(touch_key(loop, "again"), TouchOutcome::sent, t + 2 * k_hour);

  const Schedule s = schedule(b.ws, t + 3 * k_hour);
  const DueTouch* t1 = find_touch(s.due, touch_key(texts, "t1"));
  REQUIRE(t1 != nullptr);
  CHECK(t1->first_text);
  REQUIRE(s.held.size() == 1);
  CHECK(s.held[0].touch.key == touch_key(post, "l"));
  CHECK(s.held[0].reason == "passed over: the lead has no street address");
  // Exits by enrolment key: the loop ended at its last send; the letter, passed over at its
  // planned time, was the post sequence's only step.
  REQUIRE(s.exits.size() == 2);
  CHECK(s.exits[0].enrollment == loop);
  CHECK(s.exits[0].reason == "finished");
  CHECK(s.exits[0].at == t + 2 * k_hour);
  CHECK(s.exits[1].enrollment == post);
  CHECK(s.exits[1].at == t);

  b.record(touch_key(texts, "t1"), TouchOutcome::sent, t + 3 * k_hour);
  const Schedule later = schedule(b.ws, t + 4 * k_hour);
  const DueTouch* t2 = find_touch(later.due, touch_key(texts, "t2"));
  REQUIRE(t2 != nullptr);
  CHECK_FALSE(t2->first_text);  // t1 went out
}

TEST_CASE("a cancelled appointment gets no reminder; a rebooking does", "[scheduler][golden]") {
  Builder b;
  const UnixMillis t = utc(2026, 6, 1, 12);
  b.sequence("appt", {message("r1", StepChannel::email, 24 * 60, MessagePurpose::reminder,
                              TimingAnchor::before_appointment)});
  const auto scheduled = [&](const Schedule& s, const std::string& key) {
    return find_touch(s.due, key) != nullptr || find_touch(s.upcoming, key) != nullptr ||
           std::any_of(s.held.begin(), s.held.end(), [&](const HeldTouch& h) { return h.touch.key == key; });
  };
  // Lead 1 books 06-04 12:00Z, cancels it (naming it) on 06-02, rebooks 06-05 12:00Z that day.
  const LeadId l1 = b.lead(person(1));
  b.event(l1, EventType::appointment_booked, t + k_hour, {{"appointment_at", "2026-06-04T12:00:00Z"}});
  b.event(l1, EventType::appointment_cancelled, t + k_day, {{"appointment_at", "2026-06-04T12:00:00Z"}});
  b.event(l1, EventType::appointment_booked, t + k_day + 3 * k_hour,
          {{"appointment_at", "2026-06-05T12:00:00Z"}});
  const auto r1 = touch_key(b.enroll("appt", l1, t), "r1");
  // Lead 2 books 06-10 then 06-04, and cancels without naming one: the 06-04 booking, the most
  // recent, goes; the reminder is for 06-10 (minus 24 h: 06-09 12:00Z).
  const LeadId l2 = b.lead(person(2));
  b.event(l2, EventType::appointment_booked, t + k_hour, {{"appointment_at", "2026-06-10T12:00:00Z"}});
  b.event(l2, EventType::appointment_booked, t + 2 * k_hour, {{"appointment_at", "2026-06-04T12:00:00Z"}});
  b.event(l2, EventType::appointment_cancelled, t + k_day);
  const auto r2 = touch_key(b.enroll("appt", l2, t), "r1");
  // Lead 3 cancels an appointment the log never saw booked (06-08): its 06-04 booking stands.
  const LeadId l3 = b.lead(person(3));
  b.event(l3, EventType::appointment_booked, t + k_hour, {{"appointment_at", "2026-06-04T12:00:00Z"}});
  b.event(l3, EventType::appointment_cancelled, t + k_day, {{"appointment_at", "2026-06-08T12:00:00Z"}});
  const auto r3 = touch_key(b.enroll("appt", l3, t), "r1");

  // 06-01 18:00Z: no cancellation is known yet, so lead 1's reminder is planned for 06-03 12:00Z.
  const Schedule early = schedule(b.ws, t + 6 * k_hour, with_horizon(utc(2026, 6, 11)));
  const DueTouch* early1 = find_touch(early.upcoming, r1);
  REQUIRE(early1 != nullptr);
  CHECK(early1->planned_at == utc(2026, 6, 3, 12));

  // 06-03 13:00Z: the 06-04 appointment was cancelled, so nothing is due for it; the rebooking
  // (06-05 12:00Z) brings the reminder back for 06-04 12:00Z.
  const Schedule s = schedule(b.ws, utc(2026, 6, 3, 13), with_horizon(utc(2026, 6, 11)));
  CHECK(find_touch(s.due, r1) == nullptr);
  const DueTouch* later1 = find_touch(s.upcoming, r1);
  REQUIRE(later1 != nullptr);
  CHECK(later1->planned_at == utc(2026, 6, 4, 12));
  const DueTouch* later2 = find_touch(s.upcoming, r2);
  REQUIRE(later2 != nullptr);
  CHECK(later2->planned_at == utc(2026, 6, 9, 12));
  const DueTouch* due3 = find_touch(s.due, r3);
  REQUIRE(due3 != nullptr);
  CHECK(due3->planned_at == utc(2026, 6, 3, 12));

  // Booked and cancelled, nothing else: no appointment at all, so the enrolment waits (not
  // held, not finished); a moment before the cancellation the reminder was still upcoming.
  Builder lone;
  lone.sequence("appt", {message("r1", StepChannel::email, 24 * 60, MessagePurpose::reminder,
                                 TimingAnchor::before_appointment)});
  const LeadId l = lone.lead(person(1));
  lone.event(l, EventType::appointment_booked, t + k_hour, {{"appointment_at", "2026-06-04T12:00:00Z"}});
  lone.event(l, EventType::appointment_cancelled, t + 2 * k_hour);
  const auto k = touch_key(lone.enroll("appt", l, t), "r1");
  const Schedule before = schedule(lone.ws, t + 90 * k_minute, with_horizon(utc(2026, 6, 11)));
  CHECK(scheduled(before, k));
  const Schedule after = schedule(lone.ws, t + 3 * k_hour, with_horizon(utc(2026, 6, 11)));
  CHECK_FALSE(scheduled(after, k));
  CHECK(after.exits.empty());
}

TEST_CASE("the first text is the lead's first, whichever sequence sent it", "[scheduler][golden]") {
  Builder b;
  const UnixMillis t = utc(2026, 6, 1, 14);  // Monday 10:00 EDT
  b.sequence("welcome", {message("hi", StepChannel::text)});
  b.sequence("offer", {message("deal", StepChannel::text, 60)});
  const LeadId l = b.lead(person(1));
  const auto welcome = b.enroll("welcome", l, t);
  const auto offer = b.enroll("offer", l, t);
  // Before anything went out, both texts would be the lead's first.
  Schedule s = schedule(b.ws, t + 2 * k_hour);
  REQUIRE(find_touch(s.due, touch_key(welcome, "hi")) != nullptr);
  CHECK(find_touch(s.due, touch_key(welcome, "hi"))->first_text);
  // Once the welcome text has reached the lead, the offer's text (another sequence) is not.
  b.record(touch_key(welcome, "hi"), TouchOutcome::sent, t + k_hour);
  s = schedule(b.ws, t + 2 * k_hour);
  const DueTouch* deal = find_touch(s.due, touch_key(offer, "deal"));
  REQUIRE(deal != nullptr);
  CHECK_FALSE(deal->first_text);
  // A skipped text never reached the lead: the next one still carries the opt-out wording.
  b.record(touch_key(welcome, "hi"), TouchOutcome::skipped, t + k_hour);
  s = schedule(b.ws, t + 2 * k_hour);
  REQUIRE(find_touch(s.due, touch_key(offer, "deal")) != nullptr);
  CHECK(find_touch(s.due, touch_key(offer, "deal"))->first_text);
}

}  // namespace scheduler_golden_more_test
