// Properties of the simulator over random small workspaces (seeded):
// - it equals a naive oracle: the app's own loop written out plainly — every 15 minutes, the
//   whole schedule(), every due touch recorded sent, every exit ended, plan_enrollments()
//   enrolled, repeated at the same minute until nothing changes. Every time in these worlds
//   (enrolments, offsets, windows, events, birthdays, waits) falls on a quarter hour, and the
//   rules' boundaries (quiet hours, business hours, daylight saving) are on whole hours, so a
//   15-minute tick sees every instant the simulator does;
// - simulating day by day, applying each day to the workspace, equals one long run.

#include <catch_amalgamated.hpp>

#include <set>
#include <sstream>
#include <tuple>

#include "core/sequence/enrollment_planner.hpp"
#include "core/sequence/simulator.hpp"
#include "core/util/splitmix.hpp"
#include "scheduler_build.hpp"

using namespace nurture;
using namespace nurture::test::sched;

namespace {

constexpr UnixMillis k_quarter = 15 * k_minute;
// Friday 2026-10-30 14:00Z: a weekend and the end of US daylight saving (1 November) follow.
const UnixMillis k_from = utc(2026, 10, 30, 14);

UnixMillis quarters(SplitMix64& rng, std::uint64_t max) {
  return static_cast<UnixMillis>(rng.below(max)) * k_quarter;
}

Lead random_lead(SplitMix64& rng, std::uint64_t id) {
  struct Place {
    const char* zone;
    const char* state;
    const char* phone;
  };
  static const std::vector<Place> k_places = {{"America/New_York", "NY", "+12125550100"},
                                              {"America/New_York", "FL", "+13055550100"},
                                              {"America/Chicago", "IL", "+13125550100"},
                                              {"America/Los_Angeles", "CA", "+14155550100"},
                                              {"Europe/London", "", "+442079460958"}};
  const Place& p = k_places[rng.below(k_places.size())];
  Lead l = person(id, p.zone, p.state, p.phone);
  if (rng.chance(10)) l.email.clear();
  std::erase_if(l.consent, [&](const ConsentRecord&) { return rng.chance(25); });
  for (const Channel c : {Channel::email, Channel::sms, Channel::call}) {
    if (rng.chance(8)) l.do_not_contact.push_back(DoNotContact{c, "stop", 1, {}});
  }
  if (rng.chance(40)) {
    // A birthday near the simulated days, some years ago.
    const CivilDate d =
        civil_from_days(days_from_civil(utc_date(k_from)) + static_cast<int>(rng.below(12)) - 2);
    l.birth_date = CivilDate{1980 + static_cast<int>(rng.below(20)), d.month, d.day};
  }
  if (rng.chance(30)) {
    l.stage_history.push_back({Stage::consideration, k_from - quarters(rng, 4 * 24 * 20)});
    l.stage = Stage::consideration;
  }
  return l;
}

std::string random_target(SplitMix64& rng, std::size_t i, std::size_t n) {
  const std::size_t r = rng.below(4);
  if (r == 0) return "";
  if (r == 1 || i + 1 >= n) return std::string(k_end_step);
  return "s" + std::to_string(i + 1 + rng.below(n - i - 1));
}

Sequence random_sequence(SplitMix64& rng, std::string id) {
  Sequence s;
  s.id = std::move(id);
  s.name = s.id;
  s.status = rng.chance(90) ? SequenceStatus::active : SequenceStatus::paused;
  s.activated_at = k_from - 40 * k_day;
  const std::size_t n = 1 + rng.below(5);
  for (std::size_t i = 0; i < n; ++i) {
    const std::string sid = "s" + std::to_string(i);
    const std::size_t kind = rng.below(10);
    if (kind < 7) {
      const auto ch = static_cast<StepChannel>(rng.below(k_step_channel_count));
      const auto purpose = static_cast<MessagePurpose>(rng.below(k_message_purpose_count));
      auto anchor = TimingAnchor::after_previous;
      const std::size_t a = rng.below(10);
      if (a >= 6) anchor = TimingAnchor::after_enrolment;
      if (a == 9) anchor = TimingAnchor::before_appointment;
      if (a == 8) anchor = TimingAnchor::after_appointment;
      std::optional<std::uint16_t> at;
      if (rng.chance(25)) at = static_cast<std::uint16_t>(rng.below(24 * 4) * 15);
      Step st = message(sid, ch, static_cast<std::int64_t>(rng.below(3 * 24 * 4)) * 15, purpose, anchor, at);
      if (rng.chance(20)) st.next = random_target(rng, i, n);
      s.steps.push_back(std::move(st));
    } else if (kind < 9) {
      s.steps.push_back(wait(sid, static_cast<WaitFor>(rng.below(k_wait_for_count)),
                             static_cast<std::uint16_t>(1 + rng.below(3)), random_target(rng, i, n),
                             random_target(rng, i, n)));
    } else {
      const auto p = static_cast<std::uint8_t>(1 + rng.below(99));
      s.steps.push_back(
          split(sid, {SplitArm{"A", p, random_target(rng, i, n)},
                      SplitArm{"B", static_cast<std::uint8_t>(100 - p), random_target(rng, i, n)}}));
    }
  }
  s.window = always();
  if (rng.chance(60)) {
    s.window.start_minute = static_cast<std::uint16_t>((6 + rng.below(7)) * 60 + rng.below(4) * 15);
    s.window.end_minute = static_cast<std::uint16_t>(
        std::min<std::size_t>(24 * 60, s.window.start_minute + (2 + rng.below(10)) * 60));
    for (auto& d : s.window.days) d = rng.chance(70);
    s.window.days[rng.below(7)] = true;
  }
  const std::size_t triggers = rng.below(3);
  for (std::size_t i = 0; i < triggers; ++i) {
    Trigger t;
    switch (rng.below(4)) {
      case 0:
        t.kind = TriggerKind::birthday;
        t.days_before = static_cast<std::uint16_t>(rng.below(3));
        break;
      case 1:
        t.kind = TriggerKind::retreatment_due;
        t.treatment = rng.chance(50) ? "botox" : "";
        break;
      case 2:
        t.kind = TriggerKind::event;
        t.event = EventType::form_submitted;
        break;
      default:
        t.kind = TriggerKind::stage_change;
        t.stage = Stage::consideration;
        break;
    }
    s.triggers.push_back(t);
  }
  s.reentry = static_cast<ReentryPolicy>(rng.below(k_reentry_policy_count));
  s.reentry_days = static_cast<std::uint16_t>(1 + rng.below(5));
  if (rng.chance(40)) {
    Goal goal;
    goal.kind = static_cast<GoalKind>(rng.below(k_goal_kind_count));
    goal.stage = Stage::patient;
    goal.segment = "vip";
    s.goals.push_back(goal);
  }
  return s;
}

Builder random_world(SplitMix64& rng) {
  Builder b;
  Treatment botox;
  botox.id = "botox";
  botox.name = "Botox";
  botox.retreatment_days = static_cast<std::uint16_t>(3 + rng.below(10));
  b.ws.treatments.push_back(botox);
  const std::size_t sequences = 1 + rng.below(3);
  for (std::size_t i = 0; i < sequences; ++i)
    b.ws.sequences.push_back(random_sequence(rng, "q" + std::to_string(i)));
  const std::size_t leads = 1 + rng.below(6);
  for (std::size_t i = 0; i < leads; ++i) {
    const LeadId id = b.lead(random_lead(rng, i + 1));
    for (const Sequence& s : b.ws.sequences) {
      if (rng.chance(50)) b.enroll(s.id, id, k_from - quarters(rng, 4 * 24 * 3));
    }
    const std::size_t events = rng.below(7);
    for (std::size_t e = 0; e < events; ++e) {
      const auto type = rng.pick({EventType::email_opened, EventType::email_clicked, EventType::email_replied,
                                  EventType::appointment_booked, EventType::appointment_attended,
                                  EventType::purchase, EventType::form_submitted, EventType::unsubscribed});
      // From 12 days before the start to 8 days into it: some facts arrive during the run.
      const UnixMillis at = k_from - 12 * k_day + quarters(rng, 4 * 24 * 20);
      std::vector<std::pair<std::string, std::string>> props;
      if (type == EventType::appointment_booked)
        props.emplace_back("appointment_at", format_iso8601_utc(at + quarters(rng, 4 * 24 * 5) + k_hour));
      Event ev;
      ev.id = EventId{b.next_event++};
      ev.lead = id;
      ev.at = at;
      ev.type = type;
      ev.properties = std::move(props);
      if (type == EventType::appointment_attended || type == EventType::purchase) ev.service = "botox";
      b.ws.events.add({ev});
    }
  }
  for (const Enrollment& e : std::vector<Enrollment>(b.ws.enrollments)) {
    for (const Sequence& s : b.ws.sequences) {
      if (s.id != e.sequence) continue;
      for (const Step& st : s.steps) {
        if (st.kind != StepKind::message || !rng.chance(25)) continue;
        const auto outcome = static_cast<TouchOutcome>(rng.below(k_touch_outcome_count));
        const UnixMillis at = std::min(k_from, e.enrolled_at + quarters(rng, 4 * 24 * 2));
        b.record(touch_key(e.key, st.id), outcome, at, at + quarters(rng, 4 * 48));
      }
    }
  }
  return b;
}

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
