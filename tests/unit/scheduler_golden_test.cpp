// Golden schedules for hand-built workspaces. Every expected instant is worked out by hand in the
// comment next to it (UTC offsets: New York EST -5 / EDT -4 from 2026-03-08 07:00Z; London GMT /
// BST +1 from 2026-03-29 01:00Z; Chicago CDT -5). 2026-06-01 is a Monday.

#include <catch_amalgamated.hpp>

#include <algorithm>

#include "core/sequence/scheduler.hpp"
#include "scheduler_build.hpp"

namespace scheduler_golden_test {

using namespace nurture;
using namespace nurture::test::sched;

TEST_CASE("a 09:00 local touch follows daylight saving time", "[scheduler][golden]") {
  Builder b;
  const LeadId ny1 = b.lead(person(1));
  const LeadId ny2 = b.lead(person(2));
  const LeadId lon1 = b.lead(person(3, "Europe/London", "", "+442079460958"));
  const LeadId lon2 = b.lead(person(4, "Europe/London", "", "+442079460959"));
  b.sequence("nine", {message("m", StepChannel::email, 0, MessagePurpose::reminder,
                              TimingAnchor::after_enrolment, std::uint16_t{540})});
  // 2026-03-09 05:00Z is 01:00 EDT; 09:00 EDT that day is 13:00Z.
  const auto after = b.enroll("nine", ny1, utc(2026, 3, 9, 5));
  // 2026-03-07 06:00Z is 01:00 EST; 09:00 EST is 14:00Z.
  const auto before = b.enroll("nine", ny2, utc(2026, 3, 7, 6));
  // London: 2026-03-28 00:30Z is 00:30 GMT, 09:00 GMT = 09:00Z; 2026-03-30 00:30Z is 01:30 BST,
  // 09:00 BST = 08:00Z.
  const auto lon_before = b.enroll("nine", lon1, utc(2026, 3, 28, 0, 30));
  const auto lon_after = b.enroll("nine", lon2, utc(2026, 3, 30, 0, 30));
  const Schedule s = schedule(b.ws, utc(2026, 3, 31));
  REQUIRE(s.due.size() == 4);
  CHECK(s.held.empty());
  CHECK(s.due[0].key == touch_key(before, "m"));
  CHECK(s.due[0].planned_at == utc(2026, 3, 7, 14));
  CHECK(s.due[1].key == touch_key(after, "m"));
  CHECK(s.due[1].planned_at == utc(2026, 3, 9, 13));
  CHECK(s.due[2].key == touch_key(lon_before, "m"));
  CHECK(s.due[2].planned_at == utc(2026, 3, 28, 9));
  CHECK(s.due[3].key == touch_key(lon_after, "m"));
  CHECK(s.due[3].planned_at == utc(2026, 3, 30, 8));
  for (const auto& t : s.due) CHECK(t.due_at == t.planned_at);  // the window is always open
}

TEST_CASE("texts move out of quiet hours in the recipient's zone and state", "[scheduler][golden]") {
  Builder b;
  const LeadId ny = b.lead(person(1));
  const LeadId fl = b.lead(person(2, "America/New_York", "FL", "+13055550142"));
  const LeadId chi = b.lead(person(3, "America/Chicago", "IL", "+13125550142"));
  b.sequence("late", {message("t", StepChannel::text, 0, MessagePurpose::reminder,
                              TimingAnchor::after_enrolment, std::uint16_t{22 * 60})});
  b.sequence("evening", {message("t", StepChannel::text, 0, MessagePurpose::reminder,
                                 TimingAnchor::after_enrolment, std::uint16_t{20 * 60 + 30})});
  b.sequence("early", {message("t", StepChannel::text, 0, MessagePurpose::reminder,
                               TimingAnchor::after_enrolment, std::uint16_t{7 * 60})});
  const UnixMillis enrolled = utc(2026, 6, 1, 12);  // 08:00 EDT, 07:00 CDT
  const auto late = touch_key(b.enroll("late", ny, enrolled), "t");
  const auto fl_evening = touch_key(b.enroll("evening", fl, enrolled), "t");
  const auto ny_evening = touch_key(b.enroll("evening", ny, enrolled), "t");
  const auto early = touch_key(b.enroll("early", chi, enrolled), "t");

  SECTION("upcoming: 22:00 EDT moves to 08:00 the next day; FL 20:30 moves, NY 20:30 does not") {
    const Schedule s = schedule(b.ws, enrolled, with_horizon(utc(2026, 6, 3)));
    CHECK(s.due.empty());
    const DueTouch* t = find_touch(s.upcoming, late);
    REQUIRE(t != nullptr);
    CHECK(t->planned_at == utc(2026, 6, 2, 2));  // 22:00 EDT on 1 June
    CHECK(t->due_at == utc(2026, 6, 2, 12));     // 08:00 EDT on 2 June
    const DueTouch* f = find_touch(s.upcoming, fl_evening);
    REQUIRE(f != nullptr);
    CHECK(f->planned_at == utc(2026, 6, 2, 0, 30));  // 20:30 EDT
    CHECK(f->due_at == utc(2026, 6, 2, 12));         // FL ends at 20:00 → 08:00 next day
    const DueTouch* n = find_touch(s.upcoming, ny_evening);
    REQUIRE(n != nullptr);
    CHECK(n->due_at == utc(2026, 6, 2, 0, 30));       // federal window ends at 21:00
    CHECK(find_touch(s.upcoming, early) == nullptr);  // planned at `now`: held, not upcoming
  }
  SECTION("held with the reason while now is inside quiet hours") {
    const Schedule s = schedule(b.ws, utc(2026, 6, 2, 3));  // 23:00 EDT
    const auto it =
        std::find_if(s.held.begin(), s.held.end(), [&](const HeldTouch& h) { return h.touch.key == late; });
    REQUIRE(it != s.held.end());
    CHECK(it->reason == "outside quiet hours in America/New_York (after 21:00)");
    CHECK(it->retry_at == utc(2026, 6, 2, 12));
  }
  SECTION("07:00 in Chicago is before 08:00") {
    const Schedule s = schedule(b.ws, utc(2026, 6, 1, 12, 30));  // 07:30 CDT
    const auto it =
        std::find_if(s.held.begin(), s.held.end(), [&](const HeldTouch& h) { return h.touch.key == early; });
    REQUIRE(it != s.held.end());
    CHECK(it->reason == "outside quiet hours in America/Chicago (before 08:00)");
    CHECK(it->retry_at == utc(2026, 6, 1, 13));  // 08:00 CDT
  }
  SECTION("due once allowed, with due_at the first allowed moment") {
    const Schedule s = schedule(b.ws, utc(2026, 6, 2, 13));
    const DueTouch* t = find_touch(s.due, late);
    REQUIRE(t != nullptr);
    CHECK(t->due_at == utc(2026, 6, 2, 12));
    CHECK(t->first_text);
  }
}

TEST_CASE("calls wait for business days; a Mon-Fri window skips the weekend", "[scheduler][golden]") {
  Builder b;
  const LeadId ny = b.lead(person(1));
  b.sequence("call", {message("c", StepChannel::call, 0, MessagePurpose::reminder,
                              TimingAnchor::after_enrolment, std::uint16_t{18 * 60})});
  b.sequence("mail",
             {message("e", StepChannel::email, 0, MessagePurpose::reminder, TimingAnchor::after_enrolment,
                      std::uint16_t{19 * 60})},
             SendWindow{});                       // 09:00-18:00 Monday to Friday
  const UnixMillis friday = utc(2026, 6, 5, 12);  // 08:00 EDT, Friday 5 June
  const auto call = touch_key(b.enroll("call", ny, friday), "c");
  const auto mail = touch_key(b.enroll("mail", ny, friday), "e");
  const Schedule up = schedule(b.ws, friday, with_horizon(utc(2026, 6, 9)));
  const DueTouch* c = find_touch(up.upcoming, call);
  REQUIRE(c != nullptr);
  CHECK(c->planned_at == utc(2026, 6, 5, 22));  // 18:00 EDT Friday, after closing at 17:00
  CHECK(c->due_at == utc(2026, 6, 8, 13));      // Monday 09:00 EDT, opening time
  const DueTouch* m = find_touch(up.upcoming, mail);
  REQUIRE(m != nullptr);
  CHECK(m->planned_at == utc(2026, 6, 5, 23));  // 19:00 EDT Friday
  CHECK(m->due_at == utc(2026, 6, 8, 13));      // Monday 09:00 EDT

  const Schedule saturday = schedule(b.ws, utc(2026, 6, 6, 15));  // Saturday 11:00 EDT
  REQUIRE(saturday.held.size() == 2);
  CHECK(saturday.held[0].touch.key == call);
  CHECK(saturday.held[0].reason ==
        "outside the practice's business hours in America/New_York (nothing allowed on Saturday)");
  CHECK(saturday.held[1].touch.key == mail);
  CHECK(saturday.held[1].reason ==
        "outside the sequence's send window in America/New_York (nothing allowed on Saturday)");
  CHECK(saturday.held[1].retry_at == utc(2026, 6, 8, 13));
}

TEST_CASE("frequency caps hold the touch until the oldest counted one leaves the window",
          "[scheduler][golden]") {
  Builder b;
  const UnixMillis now = utc(2026, 6, 1, 18);  // Monday 14:00 EDT
  const auto one = [](std::string id, StepChannel ch) {
    return std::vector<Step>{
        message(std::move(id), ch, 0, MessagePurpose::reminder, TimingAnchor::after_enrolment)};
  };
  b.sequence("s1", one("e", StepChannel::email));
  b.sequence("s2", one("e", StepChannel::email));
  b.sequence("s3", one("e", StepChannel::email));
  b.sequence("old", {message("a", StepChannel::email), message("b", StepChannel::email)});
  b.sequence("t1", one("t", StepChannel::text));
  b.sequence("t2", one("t", StepChannel::text));
  b.sequence("t3", one("t", StepChannel::text));
  b.sequence("t4", one("t", StepChannel::text));
  b.sequence("c1", one("c", StepChannel::call));

  SECTION("per channel, counting touches due earlier in the same computation") {
    const LeadId l = b.lead(person(1));
    const auto k1 = touch_key(b.enroll("s1", l, now - 3 * k_hour), "e");
    const auto k2 = touch_key(b.enroll("s2", l, now - 2 * k_hour), "e");
    const auto k3 = touch_key(b.enroll("s3", l, now - 1 * k_hour), "e");
    ScheduleOptions o;
    o.caps.per_channel[0] = 2;
    const Schedule s = schedule(b.ws, now, o);
    REQUIRE(s.due.size() == 2);
    CHECK(s.due[0].key == k1);
    CHECK(s.due[1].key == k2);
    REQUIRE(s.held.size() == 1);
    CHECK(s.held[0].touch.key == k3);
    CHECK(s.held[0].reason == "frequency cap: already 2 emails to this lead in 7 days");
    CHECK(s.held[0].retry_at == now + 7 * k_day);  // both counted touches go at `now`
  }
  SECTION("handled touches of a finished enrolment count") {
    const LeadId l = b.lead(person(1));
    const auto old = b.enroll("old", l, now - 8 * k_day);
    b.record(touch_key(old, "a"), TouchOutcome::sent, now - 6 * k_day);
    b.record(touch_key(old, "b"), TouchOutcome::replied, now - 1 * k_day);
    const auto k1 = touch_key(b.enroll("s1", l, now - k_hour), "e");
    ScheduleOptions o;
    o.caps.per_channel[0] = 2;
    const Schedule s = schedule(b.ws, now, o);
    CHECK(s.due.empty());
    REQUIRE(s.held.size() == 1);
    CHECK(s.held[0].touch.key == k1);
    CHECK(s.held[0].retry_at == now + k_day);  // (now - 6 days) + 7 days
    REQUIRE(s.exits.size() == 1);
    CHECK(s.exits[0].reason == "finished");
    CHECK(s.exits[0].at == now - k_day);
  }
  SECTION("overall cap across channels") {
    const LeadId l = b.lead(person(1));
    const auto old = b.enroll("s1", l, now - 3 * k_day);
    b.record(touch_key(old, "e"), TouchOutcome::sent, now - 2 * k_day);
    const auto text = touch_key(b.enroll("t1", l, now - 2 * k_hour), "t");
    const auto call = touch_key(b.enroll("c1", l, now - 1 * k_hour), "c");
    ScheduleOptions o;
    o.caps.overall = 2;
    const Schedule s = schedule(b.ws, now, o);
    REQUIRE(s.due.size() == 1);
    CHECK(s.due[0].key == text);  // earlier due_at goes first
    REQUIRE(s.held.size() == 1);
    CHECK(s.held[0].touch.key == call);
    CHECK(s.held[0].reason == "frequency cap: already 2 touches to this lead in 7 days");
    CHECK(s.held[0].retry_at == now + 5 * k_day);  // (now - 2 days) + 7 days
  }
  SECTION("Florida's three texts and calls in 24 hours") {
    const LeadId l = b.lead(person(1, "America/New_York", "FL", "+13055550142"));
    for (const char* id : {"t1", "t2", "t3", "t4"}) b.enroll(id, l, now - k_hour);
    ScheduleOptions o;
    o.caps.per_channel = {0, 0, 0, 0, 0};
    o.caps.overall = 0;
    const Schedule s = schedule(b.ws, now, o);
    CHECK(s.due.size() == 3);
    REQUIRE(s.held.size() == 1);
    CHECK(s.held[0].touch.sequence == "t4");  // keys "t1/…" < … < "t4/…" at equal due_at
    CHECK(s.held[0].reason == "FL allows at most 3 texts and calls to a lead in 24 hours");
    CHECK(s.held[0].retry_at == now + k_day);
  }
}

TEST_CASE("consent and the practice address hold touches with a reason", "[scheduler][golden]") {
  Builder b;
  const UnixMillis now = utc(2026, 6, 1, 18);
  Lead no_text = person(1);
  std::erase_if(no_text.consent, [](const ConsentRecord& c) {
    return c.channel == Channel::sms && c.purpose == Purpose::marketing;
  });
  Lead no_mail = person(2);
  no_mail.do_not_contact.push_back(DoNotContact{Channel::email, "asked", 5, {}});
  const LeadId a = b.lead(no_text);
  const LeadId c = b.lead(no_mail);
  b.sequence("promo", {message("t", StepChannel::text, 0, MessagePurpose::promotion)});
  b.sequence("remind", {message("t", StepChannel::text, 0, MessagePurpose::reminder)});
  b.sequence("mail", {message("e", StepChannel::email, 0, MessagePurpose::reminder)});
  b.sequence("news", {message("e", StepChannel::email, 0, MessagePurpose::promotion)});
  const auto promo = touch_key(b.enroll("promo", a, now - k_hour), "t");
  const auto remind = touch_key(b.enroll("remind", a, now - k_hour), "t");
  const auto mail = touch_key(b.enroll("mail", c, now - k_hour), "e");
  const auto news = touch_key(b.enroll("news", a, now - k_hour), "e");

  const Schedule s = schedule(b.ws, now);
  REQUIRE(s.due.size() == 2);
  CHECK(find_touch(s.due, remind) != nullptr);  // treatment consent is enough for a reminder
  CHECK(find_touch(s.due, news) != nullptr);
  REQUIRE(s.held.size() == 2);
  CHECK(s.held[0].touch.key == mail);
  CHECK(s.held[0].reason == "passed over: the lead asked not to be emailed");
  CHECK(s.held[0].retry_at == 0);
  CHECK(s.held[1].touch.key == promo);
  CHECK(s.held[1].reason == "passed over: no consent to marketing texts: record the lead's consent first");
  // Passed over, not waited on: a day later it is no longer listed.
  const Schedule next_day = schedule(b.ws, now + k_day);
  CHECK(std::none_of(next_day.held.begin(), next_day.held.end(),
                     [&](const HeldTouch& h) { return h.touch.key == promo || h.touch.key == mail; }));

  b.ws.practice.street.clear();
  const Schedule no_address = schedule(b.ws, now);
  const auto it = std::find_if(no_address.held.begin(), no_address.held.end(),
                               [&](const HeldTouch& h) { return h.touch.key == news; });
  REQUIRE(it != no_address.held.end());
  CHECK(it->reason.find("postal address") != std::string::npos);
  CHECK(find_touch(no_address.due, remind) != nullptr);  // reminders need no address
}

TEST_CASE("a step the lead has no consent for is passed over; the next step still comes",
          "[scheduler][golden]") {
  Builder b;
  const UnixMillis now = utc(2026, 6, 1, 18);
  Lead no_text = person(1);
  std::erase_if(no_text.consent, [](const ConsentRecord& c) { return c.channel == Channel::sms; });
  const LeadId a = b.lead(no_text);
  // A text two hours after enrolment, then an email an hour after it.
  b.sequence("drip", {message("t", StepChannel::text, 120, MessagePurpose::promotion),
                      message("e", StepChannel::email, 60, MessagePurpose::promotion)});
  const auto key = b.enroll("drip", a, now - 4 * k_hour);
  const Schedule s = schedule(b.ws, now);
  // The text was planned at now - 2 h and passed over then; the email came 1 h later.
  REQUIRE(s.due.size() == 1);
  CHECK(s.due[0].key == touch_key(key, "e"));
  CHECK(s.due[0].planned_at == now - k_hour);
  REQUIRE(s.held.size() == 1);
  CHECK(s.held[0].touch.key == touch_key(key, "t"));
  CHECK(s.held[0].reason.rfind("passed over: ", 0) == 0);
}

TEST_CASE("every goal ends the enrolment at the fact's time", "[scheduler][golden]") {
  Builder b;
  const UnixMillis t = utc(2026, 6, 1, 12);
  const UnixMillis now = t + 10 * k_day;
  SavedSegment vip;
  vip.id = "vip";
  vip.name = "VIP";
  b.ws.segments.push_back(vip);
  const auto goal_seq = [&](std::string id, Goal g) {
    Sequence& s = b.sequence(std::move(id), {message("m", StepChannel::email, 30 * 24 * 60)});
    s.goals.push_back(std::move(g));
  };
  goal_seq("booked", Goal{GoalKind::booked, Stage::conversion, ""});
  goal_seq("replied", Goal{GoalKind::replied, Stage::conversion, ""});
  goal_seq("unsub", Goal{GoalKind::unsubscribed, Stage::conversion, ""});
  goal_seq("stage", Goal{GoalKind::reached_stage, Stage::conversion, ""});
  goal_seq("segment", Goal{GoalKind::left_segment, Stage::conversion, "vip"});

  const LeadId l1 = b.lead(person(1));
  b.event(l1, EventType::appointment_booked, t + 1 * k_day);
  const auto booked = b.enroll("booked", l1, t);
  const LeadId l2 = b.lead(person(2));
  b.event(l2, EventType::text_replied, t + 2 * k_day);
  const auto replied = b.enroll("replied", l2, t);
  const LeadId l3 = b.lead(person(3));
  b.event(l3, EventType::unsubscribed, t + 3 * k_day);
  const auto unsub = b.enroll("unsub", l3, t);
  Lead dnc = person(4);
  for (const Channel c : {Channel::email, Channel::sms, Channel::call}) {
    dnc.do_not_contact.push_back(DoNotContact{c, "stop", t + 4 * k_day, {}});
  }
  const LeadId l4 = b.lead(dnc);
  const auto unsub_dnc = b.enroll("unsub", l4, t);
  Lead patient = person(5);
  patient.stage = Stage::patient;
  patient.stage_history = {{Stage::consideration, t - 10 * k_day}, {Stage::patient, t + 5 * k_day}};
  const LeadId l5 = b.lead(patient);
  const auto stage = b.enroll("stage", l5, t);
  const LeadId l6 = b.lead(person(6));
  b.ws.segment_history = {{"vip", l6, t - 5 * k_day, true}, {"vip", l6, t + 6 * k_day, false}};
  const auto segment = b.enroll("segment", l6, t);
  // A booking before the enrolment is no goal.
  const LeadId l7 = b.lead(person(7));
  b.event(l7, EventType::appointment_booked, t - k_day);
  const auto earlier = b.enroll("booked", l7, t);

  const Schedule s = schedule(b.ws, now);
  std::vector<EnrollmentExit> expected = {
      {booked, "goal met: booked an appointment", t + 1 * k_day},
      {replied, "goal met: replied", t + 2 * k_day},
      {segment, "goal met: left the segment VIP", t + 6 * k_day},
      {stage, "goal met: reached the conversion stage", t + 5 * k_day},
      {unsub, "goal met: unsubscribed", t + 3 * k_day},
      {unsub_dnc, "goal met: asked not to be contacted at all", t + 4 * k_day},
  };
  std::sort(expected.begin(), expected.end(),
            [](const EnrollmentExit& a, const EnrollmentExit& b2) { return a.enrollment < b2.enrollment; });
  CHECK(s.exits == expected);
  CHECK(s.due.empty());
  CHECK(s.held.empty());
  const Schedule later = schedule(b.ws, t + 31 * k_day);
  CHECK(find_touch(later.due, touch_key(earlier, "m")) != nullptr);
}

TEST_CASE("a wait branches on the lead's events", "[scheduler][golden]") {
  Builder b;
  const UnixMillis t = utc(2026, 6, 1, 12);
  Step yes = message("yes1", StepChannel::email);
  yes.next = std::string(k_end_step);
  b.sequence("w", {message("e1", StepChannel::email), wait("w", WaitFor::open, 3, "yes1", "no1"), yes,
                   message("no1", StepChannel::email)});
  const LeadId a = b.lead(person(1));
  const LeadId c = b.lead(person(2));
  const LeadId d = b.lead(person(3));
  const auto ka = b.enroll("w", a, t);
  const auto kc = b.enroll("w", c, t);
  const auto kd = b.enroll("w", d, t);
  for (const auto& k : {ka, kc, kd}) b.record(touch_key(k, "e1"), TouchOutcome::sent, t + k_hour);
  b.event(a, EventType::email_opened, t + k_day);
  b.event(d, EventType::email_opened, t + 30 * k_minute);  // before the wait started: not counted

  const Schedule two = schedule(b.ws, t + 2 * k_day);
  REQUIRE(two.due.size() == 1);  // c and d are still waiting
  CHECK(two.due[0].key == touch_key(ka, "yes1"));
  CHECK(two.due[0].planned_at == t + k_day);  // the open completes the wait
  CHECK(two.exits.empty());

  const Schedule four = schedule(b.ws, t + 4 * k_day);
  REQUIRE(four.due.size() == 3);
  CHECK(four.due[0].key == touch_key(ka, "yes1"));
  CHECK(four.due[1].key == touch_key(kc, "no1"));
  CHECK(four.due[1].planned_at == t + k_hour + 3 * k_day);  // the wait's end
  CHECK(four.due[2].key == touch_key(kd, "no1"));

  b.record(touch_key(ka, "yes1"), TouchOutcome::sent, t + 4 * k_day);
  const Schedule done = schedule(b.ws, t + 4 * k_day);
  REQUIRE(done.exits.size() == 1);  // yes1 goes to "end"
  CHECK(done.exits[0].enrollment == ka);
  CHECK(done.exits[0].reason == "finished");
  CHECK(done.exits[0].at == t + 4 * k_day);
}

TEST_CASE("A/B splits are stable per enrolment and roughly proportional", "[scheduler][golden]") {
  Step s = split("ab", {SplitArm{"A", 30, "a1"}, SplitArm{"B", 70, "b1"}});
  std::size_t a = 0;
  constexpr std::size_t k_n = 10'000;
  for (std::size_t i = 0; i < k_n; ++i) {
    const std::string key = enrollment_key("promo", LeadId{i + 1}, 1'700'000'000'000);
    const std::size_t arm = split_arm(key, s);
    CHECK(arm == split_arm(key, s));
    if (arm == 0) ++a;
  }
  // 30% of 10,000 with a binomial sd of sqrt(10000 * 0.3 * 0.7) ≈ 46: 2,750..3,250 is > 5 sd.
  CHECK(a > 2'750);
  CHECK(a < 3'250);

  Builder b;
  const UnixMillis t = utc(2026, 6, 1, 12);
  Step a1 = message("a1", StepChannel::email);
  a1.next = std::string(k_end_step);
  b.sequence("promo", {s, a1, message("b1", StepChannel::email)});
  for (std::uint64_t i = 1; i <= 20; ++i) b.enroll("promo", b.lead(person(i)), t);
  const Schedule sch = schedule(b.ws, t + k_hour);
  REQUIRE(sch.due.size() == 20);
  for (const auto& d : sch.due) {
    const std::size_t arm = split_arm(d.enrollment, s);
    CHECK(d.arm == s.arms[arm].label);
    CHECK(d.step == s.arms[arm].next);
  }
}

TEST_CASE("catch-up: a closed tab gives one touch, never several steps at once", "[scheduler][golden]") {
  Builder b;
  const UnixMillis t = utc(2026, 6, 1, 12);
  b.sequence("drip", {message("e1", StepChannel::email, 24 * 60), message("e2", StepChannel::email, 24 * 60),
                      message("e3", StepChannel::email, 24 * 60)});
  const LeadId l = b.lead(person(1));
  const auto k = b.enroll("drip", l, t);
  const UnixMillis now = t + 5 * k_day;
  const Schedule s = schedule(b.ws, now);
  REQUIRE(s.due.size() == 1);
  CHECK(s.due[0].key == touch_key(k, "e1"));
  CHECK(s.due[0].planned_at == t + k_day);
  b.record(touch_key(k, "e1"), TouchOutcome::sent, now);
  const Schedule after = schedule(b.ws, now, with_horizon(now + 2 * k_day));
  CHECK(after.due.empty());
  REQUIRE(after.upcoming.size() == 1);
  CHECK(after.upcoming[0].key == touch_key(k, "e2"));
  CHECK(after.upcoming[0].planned_at == now + k_day);  // counts from when e1 was handled
}

TEST_CASE("catch-up: passed appointments and stale promotions are not sent silently", "[scheduler][golden]") {
  Builder b;
  const UnixMillis t = utc(2026, 6, 1, 12);
  b.sequence("appt", {message("r1", StepChannel::email, 24 * 60, MessagePurpose::reminder,
                              TimingAnchor::before_appointment),
                      message("r2", StepChannel::email)});
  b.sequence("promo",
             {message("p", StepChannel::email, 0, MessagePurpose::promotion, TimingAnchor::after_enrolment)});
  const LeadId l = b.lead(person(1));
  b.event(l, EventType::appointment_booked, t + k_hour, {{"appointment_at", "2026-06-04T12:00:00Z"}});
  const auto appt = b.enroll("appt", l, t);
  const auto promo = b.enroll("promo", b.lead(person(2)), t);

  const Schedule before = schedule(b.ws, t + 2 * k_day + k_hour);
  const DueTouch* r1 = find_touch(before.due, touch_key(appt, "r1"));
  REQUIRE(r1 != nullptr);
  CHECK(r1->planned_at == utc(2026, 6, 3, 12));  // the appointment minus 24 hours

  const Schedule s = schedule(b.ws, t + 15 * k_day);
  REQUIRE(s.held.size() == 2);
  CHECK(s.held[0].touch.key == touch_key(appt, "r1"));
  CHECK(s.held[0].reason == "the appointment has passed");
  CHECK(s.held[0].retry_at == 0);
  CHECK(s.held[1].touch.key == touch_key(promo, "p"));
  CHECK(s.held[1].reason == "more than 14 days late: skip or send by hand");
  REQUIRE(s.due.size() == 1);  // the walk moved on past the passed reminder
  CHECK(s.due[0].key == touch_key(appt, "r2"));
  CHECK(s.due[0].planned_at == utc(2026, 6, 4, 12));  // counts from the appointment

  const Schedule thirteen = schedule(b.ws, t + 13 * k_day);
  CHECK(find_touch(thirteen.due, touch_key(promo, "p")) != nullptr);
}

TEST_CASE("a snoozed touch comes back at its time; paused sequences schedule nothing",
          "[scheduler][golden]") {
  Builder b;
  const UnixMillis t = utc(2026, 6, 1, 12);
  b.sequence("one", {message("m", StepChannel::email)});
  Sequence& paused = b.sequence("paused", {message("m", StepChannel::email)});
  paused.status = SequenceStatus::paused;
  const LeadId l = b.lead(person(1));
  const auto k = touch_key(b.enroll("one", l, t), "m");
  b.enroll("paused", l, t);
  b.record(k, TouchOutcome::snoozed, t + k_hour, t + 2 * k_day);

  const Schedule s = schedule(b.ws, t + k_day, with_horizon(t + 3 * k_day));
  CHECK(s.due.empty());
  REQUIRE(s.upcoming.size() == 1);
  CHECK(s.upcoming[0].key == k);
  CHECK(s.upcoming[0].planned_at == t + 2 * k_day);
  const Schedule later = schedule(b.ws, t + 2 * k_day + k_hour);
  REQUIRE(later.due.size() == 1);
  CHECK(later.due[0].key == k);
  CHECK(later.due[0].due_at == t + 2 * k_day);
  CHECK(later.exits.empty());
}

}  // namespace scheduler_golden_test
