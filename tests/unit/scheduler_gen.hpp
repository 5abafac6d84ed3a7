#pragma once
// Random small workspaces for the scheduler's property tests (seeded, SplitMix64): a few
// sequences of random steps, a few leads in known and unknown zones with random consent, and,
// unless `ticking`, events, records and segment exits around k_t0. Shared by
// scheduler_property_test.cpp and schedule_cache_test.cpp.

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
};

inline Lead random_lead(SplitMix64& rng, std::uint64_t id, bool ticking) {
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
  const Place& p = k_places[rng.below(ticking ? 5 : k_places.size())];
  Lead l = person(id, p.zone, p.state, p.phone);
  if (rng.chance(10)) l.email.clear();
  if (rng.chance(10)) l.street.clear();
  std::erase_if(l.consent, [&](const ConsentRecord&) { return rng.chance(30); });
  for (const Channel c : {Channel::email, Channel::sms, Channel::call}) {
    if (rng.chance(10)) l.do_not_contact.push_back(DoNotContact{c, "stop", 1, {}});
  }
  if (rng.chance(20)) l.stage = Stage::patient;
  return l;
}

// A target for a jump from step `i` of `n`: forward only (the scheduler also stops loops, but
// forward jumps keep sequences meaningful), the next step, or the end.
inline std::string random_target(SplitMix64& rng, std::size_t i, std::size_t n) {
  const std::size_t r = rng.below(4);
  if (r == 0) return "";
  if (r == 1 || i + 1 >= n) return std::string(k_end_step);
  return "s" + std::to_string(i + 1 + rng.below(n - i - 1));
}

inline Sequence random_sequence(SplitMix64& rng, std::string id, const GenOptions& g) {
  Sequence s;
  s.id = std::move(id);
  s.name = s.id;
  s.status = rng.chance(90) ? SequenceStatus::active : SequenceStatus::paused;
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
      if (rng.chance(30)) at = static_cast<std::uint16_t>(rng.below(24 * 60));
      Step st = message(sid, ch, static_cast<std::int64_t>(rng.below(4 * 24)) * 60, purpose, anchor, at);
      if (rng.chance(20)) st.next = random_target(rng, i, n);
      s.steps.push_back(std::move(st));
    } else if (kind < 9) {
      s.steps.push_back(wait(sid, static_cast<WaitFor>(rng.below(k_wait_for_count)),
                             static_cast<std::uint16_t>(1 + rng.below(4)), random_target(rng, i, n),
                             random_target(rng, i, n)));
    } else {
      const auto p = static_cast<std::uint8_t>(1 + rng.below(99));
      s.steps.push_back(
          split(sid, {SplitArm{"A", p, random_target(rng, i, n)},
                      SplitArm{"B", static_cast<std::uint8_t>(100 - p), random_target(rng, i, n)}}));
    }
  }
  s.window = always();
  if (!g.ticking && rng.chance(50)) {
    s.window.start_minute = static_cast<std::uint16_t>((6 + rng.below(7)) * 60);
    s.window.end_minute = static_cast<std::uint16_t>(
        std::min<std::size_t>(24 * 60, s.window.start_minute + (2 + rng.below(10)) * 60));
    for (auto& d : s.window.days) d = rng.chance(70);
    s.window.days[rng.below(7)] = true;
  }
  if (rng.chance(30)) {
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

inline Builder random_world(SplitMix64& rng, const GenOptions& g) {
  Builder b;
  const std::size_t sequences = 1 + rng.below(3);
  for (std::size_t i = 0; i < sequences; ++i)
    b.ws.sequences.push_back(random_sequence(rng, "q" + std::to_string(i), g));
  const std::size_t leads = 1 + rng.below(6);
  for (std::size_t i = 0; i < leads; ++i) {
    Lead l = random_lead(rng, i + 1, g.ticking);
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
