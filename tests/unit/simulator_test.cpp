// Golden simulations worked out by hand (each expected time is derived in the comments), and the
// observed step rates behind the projected bookings.

#include "core/sequence/simulator.hpp"

#include <catch_amalgamated.hpp>

#include <chrono>

#include "core/sequence/simulation_summary.hpp"
#include "scheduler_build.hpp"

namespace simulator_test {

using namespace nurture;
using namespace nurture::test::sched;

namespace {

// US daylight saving ended on Sunday 1 November 2026, so New York is UTC−5 below.
// Friday 2026-11-06 20:00 in New York.
const UnixMillis k_friday_evening = utc(2026, 11, 7, 1);

SendWindow office_hours() {
  return SendWindow{9 * 60, 17 * 60, {true, true, true, true, true, false, false}};
}

// Email now; a text a day later; wait two days for an open; if none, another email.
Builder welcome_world() {
  Builder b;
  b.lead(person(1));
  b.sequence("welcome",
             {message("s1", StepChannel::email, 0, MessagePurpose::promotion),
              message("s2", StepChannel::text, 24 * 60), wait("s3", WaitFor::open, 2, "end", ""),
              message("s4", StepChannel::email, 0, MessagePurpose::promotion)},
             office_hours());
  b.enroll("welcome", LeadId{1}, k_friday_evening);
  return b;
}

std::int64_t day_of(int y, unsigned m, unsigned d) { return days_from_civil(CivilDate{y, m, d}); }

}  // namespace

TEST_CASE("a welcome sequence enrolled on a Friday evening waits for Monday, then runs its course",
          "[simulator]") {
  const Builder b = welcome_world();
  const std::string enrolment = b.ws.enrollments.front().key;
  const Simulation sim = simulate(b.ws, SimulationOptions{k_friday_evening, 7, {}, LeadId{1}});
  // s1 is due at once but 20:00 is after the 17:00 window: held until Monday 09:00 New York =
  // 14:00Z on 9 November. s2 is a day after s1 was sent: Tuesday 14:00Z, inside the window and
  // New York's quiet hours (08:00–21:00). The wait starts then and ends two days later without
  // an open (Thursday 14:00Z), when s4 goes at once; the sequence then finishes.
  const UnixMillis monday = utc(2026, 11, 9, 14);
  const UnixMillis tuesday = utc(2026, 11, 10, 14);
  const UnixMillis thursday = utc(2026, 11, 12, 14);
  REQUIRE(sim.touches.size() == 3);
  CHECK(sim.touches[0].touch.step == "s1");
  CHECK(sim.touches[0].sent_at == monday);
  CHECK(sim.touches[0].touch.planned_at == k_friday_evening);
  CHECK(sim.touches[1].touch.step == "s2");
  CHECK(sim.touches[1].sent_at == tuesday);
  CHECK(sim.touches[1].touch.first_text);
  CHECK(sim.touches[2].touch.step == "s4");
  CHECK(sim.touches[2].sent_at == thursday);
  REQUIRE(sim.exits.size() == 1);
  CHECK(sim.exits[0] == EnrollmentExit{enrolment, "finished", thursday});
  // Per local day in the practice's zone.
  const std::vector<SimulatedCount> counts = {{day_of(2026, 11, 9), "welcome", StepChannel::email, 1},
                                              {day_of(2026, 11, 10), "welcome", StepChannel::text, 1},
                                              {day_of(2026, 11, 12), "welcome", StepChannel::email, 1}};
  CHECK(sim.counts == counts);
  CHECK(sim.stuck.empty());
  CHECK(sim.enrolled.empty());

  // The timeline explains the weekend: held with the window's reason and when it tries again.
  REQUIRE(sim.timeline.size() == 5);
  const TimelineEntry& held = sim.timeline[0];
  CHECK(held.kind == TimelineKind::held);
  CHECK(held.at == k_friday_evening);
  CHECK(held.step == "s1");
  CHECK(held.retry_at == monday);
  CHECK(held.reason == "outside the sequence's send window in America/New_York (after 17:00)");
  CHECK(sim.timeline[1].kind == TimelineKind::sent);
  CHECK(sim.timeline[1].at == monday);
  CHECK(sim.timeline[1].planned_at == k_friday_evening);
  CHECK(sim.timeline[2].kind == TimelineKind::sent);
  CHECK(sim.timeline[3].kind == TimelineKind::sent);
  CHECK(sim.timeline[4].kind == TimelineKind::exited);
  CHECK(sim.timeline[4].reason == "finished");

  // The summary: the local days from Friday 6 to Friday 13 November, Monday's email on day 3.
  const SimulationSummary sum = summarize(b.ws, sim);
  REQUIRE(sum.days.size() == 8);
  CHECK(sum.days.front() == day_of(2026, 11, 6));
  CHECK(sum.per_day[3] == ChannelCounts{1, 0, 0, 0, 0});
  CHECK(sum.per_day[4] == ChannelCounts{0, 1, 0, 0, 0});
  CHECK(sum.total == 3);
  CHECK(sum.peak == 1);
  REQUIRE(sum.sequences.size() == 1);
  CHECK(sum.sequences[0].name == "welcome");
  CHECK(sum.sequences[0].touches == ChannelCounts{2, 1, 0, 0, 0});
  CHECK(sum.sequences[0].finished == 1);
  CHECK(sum.sequences[0].goals == 0);

  // The workspace is untouched; applying the result records the three sends and the end.
  Workspace after = b.ws;
  apply_simulation(after, sim);
  REQUIRE(after.touches.size() == 3);
  CHECK(after.touches[0].key == touch_key(enrolment, "s1"));
  CHECK(after.touches[0].at == monday);
  CHECK(after.enrollments.front().ended_at == thursday);
  CHECK(b.ws.touches.empty());
}

TEST_CASE("a short simulation stops at its end; a touch it cannot send is reported stuck", "[simulator]") {
  Builder b = welcome_world();
  Lead no_consent = person(2);
  no_consent.consent.clear();
  no_consent.email.clear();
  b.lead(no_consent);
  b.enroll("welcome", LeadId{2}, k_friday_evening);
  b.ws.practice.street.clear();  // marketing email cannot go without the postal address
  // Two days end on Sunday 01:00Z: nothing goes over the weekend.
  const Simulation sim = simulate(b.ws, SimulationOptions{k_friday_evening, 2, {}, LeadId{2}});
  CHECK(sim.touches.empty());
  CHECK(sim.exits.empty());
  // Lead 1's s1 is a marketing email: held until the address is added, so it is stuck.
  REQUIRE(sim.stuck.size() == 1);
  CHECK(sim.stuck[0].touch.lead == LeadId{1});
  CHECK(sim.stuck[0].touch.step == "s1");
  CHECK(sim.stuck[0].reason.find("postal address") != std::string::npos);
  // Lead 2 has no email address: s1 is passed over at its time and s2 (a text without consent)
  // too, on Saturday 01:00Z; the wait then runs to Monday 01:00Z, after the end.
  REQUIRE(sim.timeline.size() == 2);
  CHECK(sim.timeline[0].kind == TimelineKind::passed_over);
  CHECK(sim.timeline[0].reason == "passed over: the lead has no email address");
  CHECK(sim.timeline[1].kind == TimelineKind::passed_over);
  CHECK(sim.timeline[1].at == k_friday_evening + k_day);
  CHECK(sim.timeline[1].reason == "passed over: no consent to texts: record the lead's consent first");
}

TEST_CASE("a birthday in the simulated days enrols the lead and sends the greeting", "[simulator]") {
  Builder b;
  Lead l = person(7);
  l.birth_date = CivilDate{1990, 11, 10};
  b.lead(l);
  Sequence& s = b.sequence("birthday", {message("hello", StepChannel::email, 0, MessagePurpose::reminder)});
  Trigger t;
  t.kind = TriggerKind::birthday;
  s.triggers.push_back(t);
  s.activated_at = k_friday_evening - 10 * k_day;
  const Simulation sim = simulate(b.ws, SimulationOptions{k_friday_evening, 7, {}, LeadId{7}});
  // Birthdays fire at 09:00 UTC on the day: 2026-11-10 09:00Z, and the window is always open.
  const UnixMillis at = utc(2026, 11, 10, 9);
  REQUIRE(sim.enrolled.size() == 1);
  CHECK(sim.enrolled[0].key == enrollment_key("birthday", LeadId{7}, at));
  CHECK(sim.enrolled[0].reason == "birthday");
  REQUIRE(sim.touches.size() == 1);
  CHECK(sim.touches[0].sent_at == at);
  REQUIRE(sim.timeline.size() == 3);
  CHECK(sim.timeline[0].kind == TimelineKind::enrolled);
  CHECK(sim.timeline[1].kind == TimelineKind::sent);
  CHECK(sim.timeline[2].kind == TimelineKind::exited);
}

TEST_CASE("step rates attribute each booking to the last touch within 14 days", "[simulator]") {
  Builder b;
  b.sequence("welcome", {message("s1", StepChannel::email), message("s2", StepChannel::email, 24 * 60),
                         message("s3", StepChannel::email, 24 * 60)});
  const UnixMillis t0 = utc(2026, 6, 1, 12);
  std::vector<std::string> keys;
  for (std::uint64_t id = 1; id <= 25; ++id) {
    b.lead(person(id));
    keys.push_back(b.enroll("welcome", LeadId{id}, t0));
    b.record(touch_key(keys.back(), "s1"), TouchOutcome::sent, t0);
  }
  // Leads 1–5 book two days after s1; lead 6 books 20 days after (outside the window); lead 7
  // gets s2 a day later and books the day after that (s2 is its last touch).
  for (std::uint64_t id = 1; id <= 5; ++id)
    b.event(LeadId{id}, EventType::appointment_booked, t0 + 2 * k_day);
  b.event(LeadId{6}, EventType::appointment_booked, t0 + 20 * k_day);
  b.record(touch_key(keys[6], "s2"), TouchOutcome::sent, t0 + k_day);
  b.record(touch_key(keys[7], "s2"), TouchOutcome::skipped, t0 + k_day);  // not counted
  b.event(LeadId{7}, EventType::appointment_booked, t0 + 2 * k_day);
  const std::vector<StepRate> rates = observed_step_rates(b.ws);
  REQUIRE(rates.size() == 3);
  // s1: 25 touches, 5 bookings (leads 1–5): its own rate 0.2.
  CHECK(rates[0].touches == 25);
  CHECK(rates[0].bookings == 5);
  CHECK(rates[0].basis == RateBasis::step);
  CHECK(rates[0].rate == Catch::Approx(0.2));
  // s2: 1 touch (the skip does not count), 1 booking: too few, so the sequence's 6 / 26.
  CHECK(rates[1].touches == 1);
  CHECK(rates[1].bookings == 1);
  CHECK(rates[1].basis == RateBasis::sequence);
  CHECK(rates[1].rate == Catch::Approx(6.0 / 26.0));
  CHECK(rates[2].touches == 0);
  CHECK(rates[2].rate == Catch::Approx(6.0 / 26.0));
}

TEST_CASE("without records of its own, a step borrows the practice's rate from the event log",
          "[simulator]") {
  Builder b;
  b.sequence("welcome", {message("s1", StepChannel::email)});
  const UnixMillis t0 = utc(2026, 6, 1, 12);
  // History from another tool: 30 emails and 10 texts to 40 leads; leads 1–3 book 5 days after
  // their email, lead 4 books 15 days after (outside the window), lead 40 books with no message
  // before it. The practice's rate: 3 bookings / 40 touches.
  for (std::uint64_t id = 1; id <= 40; ++id) {
    b.lead(person(id));
    b.event(LeadId{id}, id <= 30 ? EventType::email_sent : EventType::text_sent, t0);
  }
  for (std::uint64_t id = 1; id <= 3; ++id)
    b.event(LeadId{id}, EventType::appointment_booked, t0 + 5 * k_day);
  b.event(LeadId{4}, EventType::appointment_booked, t0 + 15 * k_day);
  b.lead(person(41));
  b.event(LeadId{41}, EventType::appointment_booked, t0);
  const std::vector<StepRate> rates = observed_step_rates(b.ws);
  REQUIRE(rates.size() == 1);
  CHECK(rates[0].touches == 0);
  CHECK(rates[0].basis == RateBasis::practice);
  CHECK(rates[0].rate == Catch::Approx(3.0 / 40.0));
}

TEST_CASE("projected bookings add each simulated touch's step rate", "[simulator]") {
  Builder b;
  b.sequence("welcome", {message("s1", StepChannel::email), message("s2", StepChannel::email, 24 * 60)});
  const UnixMillis t0 = utc(2026, 6, 1, 12);
  for (std::uint64_t id = 1; id <= 20; ++id) {
    b.lead(person(id));
    const std::string key = b.enroll("welcome", LeadId{id}, t0);
    b.record(touch_key(key, "s1"), TouchOutcome::sent, t0);
    b.record(touch_key(key, "s2"), TouchOutcome::sent, t0 + k_day);
    if (id <= 4) b.event(LeadId{id}, EventType::appointment_booked, t0 + k_day + k_hour);
  }
  // s2 has 20 touches and 4 bookings (0.2); s1 has 20 and none (its bookings went to s2).
  b.lead(person(100));
  b.enroll("welcome", LeadId{100}, k_friday_evening);
  const Simulation sim = simulate(b.ws, SimulationOptions{k_friday_evening, 3, {}, {}});
  REQUIRE(sim.touches.size() == 2);  // lead 100's s1 and s2, within the three days
  CHECK(sim.touches[0].booking_rate == Catch::Approx(0.0));
  CHECK(sim.touches[1].booking_rate == Catch::Approx(0.2));
  CHECK(sim.projected_bookings == Catch::Approx(0.2));
}

TEST_CASE("days are clamped to 1 … 366", "[simulator]") {
  const Builder b = welcome_world();
  CHECK(simulate(b.ws, SimulationOptions{k_friday_evening, 0, {}, {}}).to == k_friday_evening + k_day);
  CHECK(simulate(b.ws, SimulationOptions{k_friday_evening, 5000, {}, {}}).to ==
        k_friday_evening + 366 * k_day);
}

// A size check by hand (not run by default): M = 20,000 leads, each enrolled in a four-step
// drip with a wait, simulated for 90 days. bench/ has the measured figure.
TEST_CASE("a 90-day simulation of 20,000 enrolments", "[.][simulator-perf]") {
  Builder b;
  b.sequence(
      "drip",
      {message("e1", StepChannel::email, 60, MessagePurpose::promotion), wait("w", WaitFor::open, 3, "", ""),
       message("t1", StepChannel::text, 24 * 60), message("e2", StepChannel::email, 7 * 24 * 60),
       message("e3", StepChannel::email, 14 * 24 * 60, MessagePurpose::promotion)},
      office_hours());
  constexpr std::uint64_t k_n = 20'000;
  for (std::uint64_t i = 1; i <= k_n; ++i) {
    b.ws.leads.append_row(person(i), Stamp{1, 0, 1});
    Enrollment e;
    e.sequence = "drip";
    e.lead = LeadId{i};
    e.enrolled_at = k_friday_evening - static_cast<UnixMillis>(i % 240) * k_hour;
    e.key = enrollment_key("drip", e.lead, e.enrolled_at);
    b.ws.enrollments.push_back(e);
  }
  std::sort(b.ws.enrollments.begin(), b.ws.enrollments.end(),
            [](const Enrollment& x, const Enrollment& y) { return x.key < y.key; });
  const auto start = std::chrono::steady_clock::now();
  const Simulation sim = simulate(b.ws, SimulationOptions{k_friday_evening, 90, {}, {}});
  const auto ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count();
  WARN("simulated " << k_n << " enrolments for 90 days in " << ms << " ms: " << sim.touches.size()
                    << " touches, " << sim.instants << " per-lead schedules");
  CHECK(sim.touches.size() > k_n);
}

}  // namespace simulator_test
