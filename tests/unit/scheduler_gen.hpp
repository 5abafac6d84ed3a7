#pragma once
// Random small workspaces for the scheduler's property tests (seeded, SplitMix64): a few
// sequences of random steps, a few leads in known and unknown zones with random consent, and,
// unless `ticking`, events, records and segment exits around k_t0. Shared by
// scheduler_property_test.cpp and schedule_cache_test.cpp; with `simulator`, the worlds of
// simulator_property_test.cpp (every time on a quarter hour, triggers and re-entry).

#include <algorithm>
#include <string>
#include <vector>

#include "core/util/splitmix.hpp"
#include "scheduler_build.hpp"

namespace nurture::test::sched {

inline const UnixMillis k_t0 = utc(2026, 3, 2, 16);  // Monday; ticks at 16:00Z are daytime in every zone used

struct GenOptions {
  bool ticking = false;  // only what keeps the walk independent of when touches are recorded
  bool dated = false;    // opt-outs and stage changes dated around k_t0 rather than long before
  // The simulator's worlds: every time (enrolments, offsets, windows, events, birthdays, waits)
  // on a quarter hour around `from`, known zones only, triggers of every kind with re-entry
  // policies, a "botox" treatment with a short re-treatment interval, birthdays and stage
  // changes near `from`, and purchases and form submissions among the events. No segment
  // exits. `ticking` and `dated` do not apply.
  bool simulator = false;
  UnixMillis from = 0;
};

inline constexpr UnixMillis k_quarter = 15 * k_minute;

/// A random multiple of 15 minutes below max quarters.
inline UnixMillis quarters(SplitMix64& rng, std::uint64_t max) {
  return static_cast<UnixMillis>(rng.below(max)) * k_quarter;
}

inline Lead random_lead(SplitMix64& rng, std::uint64_t id, const GenOptions& g) {
  struct Place {
    const char* zone;
    const char* state;
    const char* phone;
  };
  // Known zones only when ticking: an unknown zone spans the whole mainland, whose combined
  // quiet hours leave 16:00Z outside on some days. TX is left out there too (no calls before
  // noon on Sundays).
  static const std::vector<Place> k_places = {{"America/New_York", "NY", "+12125550100"},
                                              {"America/New_York", "FL", "+13055550100"},
                                              {"America/Chicago", "IL", "+13125550100"},
                                              {"America/Los_Angeles", "CA", "+14155550100"},
                                              {"Europe/London", "", "+442079460958"},
                                              {"", "TX", "+12145550100"},
                                              {"", "", ""}};
  const Place& p = k_places[rng.below(g.ticking || g.simulator ? 5 : k_places.size())];
  Lead l = person(id, p.zone, p.state, p.phone);
  if (rng.chance(10)) l.email.clear();
  if (!g.simulator && rng.chance(10)) l.street.clear();
  std::erase_if(l.consent, [&](const ConsentRecord&) { return rng.chance(g.simulator ? 25 : 30); });
  for (const Channel c : {Channel::email, Channel::sms, Channel::call}) {
    if (rng.chance(g.simulator ? 8 : 10)) l.do_not_contact.push_back(DoNotContact{c, "stop", 1, {}});
  }
  if (g.simulator) {
    if (rng.chance(40)) {
      // A birthday near the simulated days, some years ago.
      const CivilDate d =
          civil_from_days(days_from_civil(utc_date(g.from)) + static_cast<int>(rng.below(12)) - 2);
      l.birth_date = CivilDate{1980 + static_cast<int>(rng.below(20)), d.month, d.day};
    }
    if (rng.chance(30)) {
      l.stage_history.push_back({Stage::consideration, g.from - quarters(rng, 4 * 24 * 20)});
      l.stage = Stage::consideration;
    }
    return l;
  }
  if (rng.chance(20)) l.stage = Stage::patient;
  return l;
}

inline Lead random_lead(SplitMix64& rng, std::uint64_t id, bool ticking) {
  GenOptions g;
  g.ticking = ticking;
  return random_lead(rng, id, g);
}

// A target for a jump from step `i` of `n`: forward only (the scheduler also stops loops, but
// forward jumps keep sequences meaningful), the next step, or the end.
inline std::string random_target(SplitMix64& rng, std::size_t i, std::size_t n) {
  const std::size_t r = rng.below(4);
  if (r == 0) return "";
  if (r == 1 || i + 1 >= n) return std::string(k_end_step);
  return "s" + std::to_string(i + 1 + rng.below(n - i - 1));
}

// The simulator's worlds: up to two triggers and a re-entry policy.
inline void add_triggers(SplitMix64& rng, Sequence& s) {
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
}

inline Sequence random_sequence(SplitMix64& rng, std::string id, const GenOptions& g) {
  Sequence s;
  s.id = std::move(id);
  s.name = s.id;
  s.status = rng.chance(90) ? SequenceStatus::active : SequenceStatus::paused;
  if (g.simulator) s.activated_at = g.from - 40 * k_day;
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
      if (!g.ticking && a == 9) anchor = TimingAnchor::before_appointment;
      if (!g.ticking && a == 8) anchor = TimingAnchor::after_appointment;
      std::optional<std::uint16_t> at;
      std::int64_t offset = 0;
      if (g.simulator) {
        if (rng.chance(25)) at = static_cast<std::uint16_t>(rng.below(24 * 4) * 15);
        offset = static_cast<std::int64_t>(rng.below(3 * 24 * 4)) * 15;
      } else {
        if (rng.chance(30)) at = static_cast<std::uint16_t>(rng.below(24 * 60));
        offset = static_cast<std::int64_t>(rng.below(4 * 24)) * 60;
      }
      Step st = message(sid, ch, offset, purpose, anchor, at);
      if (rng.chance(20)) st.next = random_target(rng, i, n);
      s.steps.push_back(std::move(st));
    } else if (kind < 9) {
      s.steps.push_back(wait(sid, static_cast<WaitFor>(rng.below(k_wait_for_count)),
                             static_cast<std::uint16_t>(1 + rng.below(g.simulator ? 3 : 4)),
                             random_target(rng, i, n), random_target(rng, i, n)));
    } else {
      const auto p = static_cast<std::uint8_t>(1 + rng.below(99));
      s.steps.push_back(
          split(sid, {SplitArm{"A", p, random_target(rng, i, n)},
                      SplitArm{"B", static_cast<std::uint8_t>(100 - p), random_target(rng, i, n)}}));
    }
  }
  s.window = always();
  if (g.simulator ? rng.chance(60) : !g.ticking && rng.chance(50)) {
    s.window.start_minute = static_cast<std::uint16_t>((6 + rng.below(7)) * 60);
    if (g.simulator)
      s.window.start_minute = static_cast<std::uint16_t>(s.window.start_minute + rng.below(4) * 15);
    s.window.end_minute = static_cast<std::uint16_t>(
        std::min<std::size_t>(24 * 60, s.window.start_minute + (2 + rng.below(10)) * 60));
    for (auto& d : s.window.days) d = rng.chance(70);
    s.window.days[rng.below(7)] = true;
  }
  if (g.simulator) add_triggers(rng, s);
  if (rng.chance(g.simulator ? 40 : 30)) {
    Goal goal;
    goal.kind = static_cast<GoalKind>(rng.below(k_goal_kind_count));
    goal.stage = Stage::patient;
    goal.segment = "vip";
    if (g.ticking && (goal.kind == GoalKind::booked || goal.kind == GoalKind::replied))
      goal.kind = GoalKind::reached_stage;
    s.goals.push_back(goal);
  }
  return s;
}

// The simulator's worlds (GenOptions::simulator).
inline Builder random_simulator_world(SplitMix64& rng, const GenOptions& g) {
  Builder b;
  Treatment botox;
  botox.id = "botox";
  botox.name = "Botox";
  botox.retreatment_days = static_cast<std::uint16_t>(3 + rng.below(10));
  b.ws.treatments.push_back(botox);
  const std::size_t sequences = 1 + rng.below(3);
  for (std::size_t i = 0; i < sequences; ++i)
    b.ws.sequences.push_back(random_sequence(rng, "q" + std::to_string(i), g));
  const std::size_t leads = 1 + rng.below(6);
  for (std::size_t i = 0; i < leads; ++i) {
    const LeadId id = b.lead(random_lead(rng, i + 1, g));
    for (const Sequence& s : b.ws.sequences) {
      if (rng.chance(50)) b.enroll(s.id, id, g.from - quarters(rng, 4 * 24 * 3));
    }
    const std::size_t events = rng.below(7);
    for (std::size_t e = 0; e < events; ++e) {
      const auto type = rng.pick({EventType::email_opened, EventType::email_clicked, EventType::email_replied,
                                  EventType::appointment_booked, EventType::appointment_attended,
                                  EventType::purchase, EventType::form_submitted, EventType::unsubscribed});
      // From 12 days before the start to 8 days into it: some facts arrive during the run.
      const UnixMillis at = g.from - 12 * k_day + quarters(rng, 4 * 24 * 20);
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
        const UnixMillis at = std::min(g.from, e.enrolled_at + quarters(rng, 4 * 24 * 2));
        b.record(touch_key(e.key, st.id), outcome, at, at + quarters(rng, 4 * 48));
      }
    }
  }
  return b;
}

inline Builder random_world(SplitMix64& rng, const GenOptions& g) {
  if (g.simulator) return random_simulator_world(rng, g);
  Builder b;
  const std::size_t sequences = 1 + rng.below(3);
  for (std::size_t i = 0; i < sequences; ++i)
    b.ws.sequences.push_back(random_sequence(rng, "q" + std::to_string(i), g));
  const std::size_t leads = 1 + rng.below(6);
  for (std::size_t i = 0; i < leads; ++i) {
    Lead l = random_lead(rng, i + 1, g);
    if (g.dated) {
      for (DoNotContact& d : l.do_not_contact)
        d.at = k_t0 + static_cast<UnixMillis>(rng.below(10 * 24)) * k_hour;
      if (l.stage == Stage::patient && rng.chance(70))
        l.stage_history.push_back(
            {Stage::patient, k_t0 + static_cast<UnixMillis>(rng.below(10 * 24)) * k_hour});
    }
    const LeadId id = b.lead(l);
    for (const Sequence& s : b.ws.sequences) {
      if (rng.chance(60)) b.enroll(s.id, id, k_t0 + static_cast<UnixMillis>(rng.below(3 * 24)) * k_hour);
    }
    if (g.ticking) continue;  // events after enrolment would make waits depend on record times
    const std::size_t events = rng.below(6);
    for (std::size_t e = 0; e < events; ++e) {
      const auto type =
          rng.pick({EventType::email_opened, EventType::email_clicked, EventType::email_replied,
                    EventType::appointment_booked, EventType::appointment_attended, EventType::unsubscribed});
      const UnixMillis at = k_t0 + static_cast<UnixMillis>(rng.below(12 * 24)) * k_hour - 2 * k_day;
      std::vector<std::pair<std::string, std::string>> props;
      if (type == EventType::appointment_booked) {
        props.emplace_back("appointment_at",
                           format_iso8601_utc(at + static_cast<UnixMillis>(1 + rng.below(5)) * k_day));
      }
      b.event(id, type, at, props);
    }
    if (rng.chance(20))
      b.ws.segment_history.push_back(
          {"vip", id, k_t0 + static_cast<UnixMillis>(rng.below(5)) * k_day, false});
  }
  std::sort(b.ws.segment_history.begin(), b.ws.segment_history.end());
  // Random records for random steps (the oracle checks below do not depend on them).
  if (!g.ticking) {
    for (const Enrollment& e : std::vector<Enrollment>(b.ws.enrollments)) {
      for (const Sequence& s : b.ws.sequences) {
        if (s.id != e.sequence) continue;
        for (const Step& st : s.steps) {
          if (st.kind != StepKind::message || !rng.chance(30)) continue;
          const auto outcome = static_cast<TouchOutcome>(rng.below(k_touch_outcome_count));
          const UnixMillis at = e.enrolled_at + static_cast<UnixMillis>(rng.below(6 * 24)) * k_hour;
          b.record(touch_key(e.key, st.id), outcome, at,
                   at + static_cast<UnixMillis>(rng.below(72)) * k_hour);
        }
      }
    }
  }
  return b;
}

}  // namespace nurture::test::sched
