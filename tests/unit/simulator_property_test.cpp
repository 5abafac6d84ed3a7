// Properties of the simulator over random small workspaces (seeded):
// - it equals a naive oracle: the app's own loop written out plainly — every 15 minutes, the
//   whole schedule(), every due touch recorded sent, every exit ended, plan_enrollments()
//   enrolled, repeated at the same minute until nothing changes. Every time in these worlds
//   (enrolments, offsets, windows, events, birthdays, waits) falls on a quarter hour, and the
//   rules' boundaries (quiet hours, business hours, daylight saving) are on whole hours, so a
//   15-minute tick sees every instant the simulator does;
// - simulating day by day, applying each day to the workspace, equals one long run.
// The worlds come from scheduler_gen.hpp (GenOptions::simulator).

#include <catch_amalgamated.hpp>

#include <set>
#include <sstream>
#include <tuple>

#include "core/sequence/enrollment_planner.hpp"
#include "core/sequence/simulator.hpp"
#include "core/util/splitmix.hpp"
#include "scheduler_gen.hpp"

namespace simulator_property_test {

using namespace nurture;
using namespace nurture::test::sched;

namespace {

// Friday 2026-10-30 14:00Z: a weekend and the end of US daylight saving (1 November) follow.
const UnixMillis k_from = utc(2026, 10, 30, 14);

GenOptions simulator_world() {
  GenOptions g;
  g.simulator = true;
  g.from = k_from;
  return g;
}

Builder random_world(SplitMix64& rng) { return test::sched::random_world(rng, simulator_world()); }

struct Outcome {
  std::set<std::pair<std::string, UnixMillis>> sent;      // (touch key, when)
  std::set<std::pair<std::string, UnixMillis>> enrolled;  // (enrolment key, enrolled_at)
  std::set<std::pair<std::string, std::string>> exits;    // (enrolment key, reason)
};

// The app's loop, plainly: a tick every 15 minutes over the whole workspace.
Outcome naive(Workspace ws, UnixMillis from, UnixMillis to, const FrequencyCaps& caps) {
  Outcome o;
  Builder b;
  b.ws = std::move(ws);
  for (UnixMillis now = from; now < to; now += k_quarter) {
    for (int round = 0; round < 100; ++round) {
      const Schedule s = schedule(b.ws, now, ScheduleOptions{now, caps});
      bool changed = false;
      for (const DueTouch& t : s.due) {
        b.record(t.key, TouchOutcome::sent, now);
        o.sent.emplace(t.key, now);
        changed = true;
      }
      for (const EnrollmentExit& x : s.exits) {
        for (Enrollment& e : b.ws.enrollments) {
          if (e.key != x.enrollment || e.ended_at != 0) continue;
          e.ended_at = std::max<UnixMillis>(x.at, 1);
          o.exits.emplace(x.enrollment, x.reason);
          changed = true;
        }
      }
      for (const PlannedEnrollment& p : plan_enrollments(b.ws, now, 30)) {
        const std::string key = b.enroll(p.sequence, p.lead, p.at);
        o.enrolled.emplace(key, p.at);
        changed = true;
      }
      if (!changed) break;
    }
  }
  return o;
}

Outcome outcome_of(const Simulation& sim) {
  Outcome o;
  for (const SimulatedTouch& t : sim.touches) o.sent.emplace(t.touch.key, t.sent_at);
  for (const Enrollment& e : sim.enrolled) o.enrolled.emplace(e.key, e.enrolled_at);
  for (const EnrollmentExit& x : sim.exits) o.exits.emplace(x.enrollment, x.reason);
  return o;
}

template <class A, class B>
std::string show(const std::pair<A, B>& p) {
  std::ostringstream o;
  o << p.first << " @ " << p.second;
  return o.str();
}

// What is only in `a` and only in `b`, for failure messages ("" when equal).
template <class T>
std::string diff(const std::set<T>& a, const std::set<T>& b) {
  std::string out;
  for (const T& x : a) {
    if (!b.contains(x)) out += "only in the first: " + show(x) + "\n";
  }
  for (const T& x : b) {
    if (!a.contains(x)) out += "only in the second: " + show(x) + "\n";
  }
  return out;
}

FrequencyCaps random_caps(SplitMix64& rng) {
  FrequencyCaps caps;
  if (rng.chance(30)) {
    caps.per_channel = {0, 0, 0, 0, 0};
    caps.overall = 0;
  } else if (rng.chance(50)) {
    caps.per_channel = {1, 1, 1, 1, 1};
    caps.overall = 2;
    caps.days = 2;
  }
  return caps;
}

}  // namespace

TEST_CASE("the simulator equals the app's loop ticking every 15 minutes", "[simulator][property]") {
  std::size_t touches = 0;
  std::size_t enrolled = 0;
  std::size_t exits = 0;
  for (std::uint64_t seed = 1; seed <= 40; ++seed) {
    SplitMix64 rng(seed * 6151);
    const Builder b = random_world(rng);
    const FrequencyCaps caps = random_caps(rng);
    const int days = 4;
    const Simulation sim = simulate(b.ws, SimulationOptions{k_from, days, caps, {}});
    const Outcome expected = naive(b.ws, k_from, k_from + days * k_day, caps);
    const Outcome got = outcome_of(sim);
    INFO("seed " << seed);
    CHECK(diff(got.sent, expected.sent) == "");
    CHECK(diff(got.enrolled, expected.enrolled) == "");
    CHECK(diff(got.exits, expected.exits) == "");
    CHECK(sim.touches.size() == got.sent.size());  // no touch sent twice
    touches += got.sent.size();
    enrolled += got.enrolled.size();
    exits += got.exits.size();
  }
  // Not vacuous: the worlds send, enrol and finish.
  CHECK(touches > 60);
  CHECK(enrolled > 10);
  CHECK(exits > 20);
}

TEST_CASE("in steps, or for one lead only, the simulation is the same", "[simulator][property]") {
  std::size_t timeline = 0;
  for (std::uint64_t seed = 1; seed <= 40; ++seed) {
    SplitMix64 rng(seed * 3571);
    const Builder b = random_world(rng);
    const SimulationOptions options{k_from, 6, random_caps(rng), LeadId{1}};
    const Simulation whole = simulate(b.ws, options);
    Simulator stepped(b.ws, options);
    double progress = -1;
    while (!stepped.step(1)) {
      CHECK(stepped.progress() > progress);  // every step moves on
      progress = stepped.progress();
    }
    INFO("seed " << seed);
    CHECK(stepped.progress() == 1.0);
    CHECK(stepped.take() == whole);
    SimulationOptions only = options;
    only.only_follow = true;
    const Simulation one = simulate(b.ws, only);
    CHECK(one.timeline == whole.timeline);
    std::vector<SimulatedTouch> mine;
    for (const SimulatedTouch& t : whole.touches) {
      if (t.touch.lead == LeadId{1}) mine.push_back(t);
    }
    CHECK(one.touches == mine);
    timeline += whole.timeline.size();
  }
  CHECK(timeline > 40);
}

TEST_CASE("simulating day by day equals one long simulation", "[simulator][property]") {
  std::size_t touches = 0;
  for (std::uint64_t seed = 1; seed <= 60; ++seed) {
    SplitMix64 rng(seed * 7907);
    const Builder b = random_world(rng);
    const FrequencyCaps caps = random_caps(rng);
    const int days = 9;
    const Simulation whole = simulate(b.ws, SimulationOptions{k_from, days, caps, {}});
    Workspace ws = b.ws;
    Outcome daily;
    std::map<std::tuple<std::int64_t, std::string, StepChannel>, std::uint32_t> counts;
    for (int d = 0; d < days; ++d) {
      const Simulation one = simulate(ws, SimulationOptions{k_from + d * k_day, 1, caps, {}});
      const Outcome o = outcome_of(one);
      daily.sent.insert(o.sent.begin(), o.sent.end());
      daily.enrolled.insert(o.enrolled.begin(), o.enrolled.end());
      daily.exits.insert(o.exits.begin(), o.exits.end());
      for (const SimulatedCount& c : one.counts) counts[{c.day, c.sequence, c.channel}] += c.touches;
      apply_simulation(ws, one);
    }
    const Outcome long_run = outcome_of(whole);
    INFO("seed " << seed);
    CHECK(diff(daily.sent, long_run.sent) == "");
    CHECK(diff(daily.enrolled, long_run.enrolled) == "");
    CHECK(diff(daily.exits, long_run.exits) == "");
    std::map<std::tuple<std::int64_t, std::string, StepChannel>, std::uint32_t> whole_counts;
    for (const SimulatedCount& c : whole.counts) whole_counts[{c.day, c.sequence, c.channel}] += c.touches;
    CHECK(counts == whole_counts);
    touches += long_run.sent.size();
  }
  CHECK(touches > 200);
}

}  // namespace simulator_property_test
