#pragma once
// Seeded random sequences for the property tests (JSON round trips, the image, merges): always
// valid (validate() is empty), and they also fill the members a step's kind does not use, so a
// codec that drops them is caught.

#include <cstdint>
#include <string>

#include "core/sequence/sequence.hpp"
#include "core/util/splitmix.hpp"

namespace nurture::test {

/// Some text, sometimes with quotes, escapes, braces and multi-byte UTF-8.
inline std::string random_text(SplitMix64& rng, bool may_be_empty) {
  static const char* const k_words[] = {"Hello", "{first_name}", "\"quoted\"",  "line\nbreak", "tab\t",
                                        "café",  "日本",         "back\\slash", "{{brace}}",   "ok"};
  std::string out;
  const std::size_t n = rng.below(4) + (may_be_empty ? 0 : 1);
  for (std::size_t i = 0; i < n; ++i) {
    if (i != 0) out.push_back(' ');
    out += k_words[rng.below(std::size(k_words))];
  }
  return out;
}

template <class E>
E random_enum(SplitMix64& rng, std::size_t count) {
  return static_cast<E>(rng.below(count));
}

inline std::string random_target(SplitMix64& rng, std::size_t steps) {
  switch (rng.below(3)) {
    case 0:
      return "";
    case 1:
      return std::string(k_end_step);
    default:
      return "s" + std::to_string(rng.below(steps));
  }
}

inline Step random_step(SplitMix64& rng, std::size_t index, std::size_t steps) {
  Step s;
  s.id = "s" + std::to_string(index);
  s.kind = random_enum<StepKind>(rng, k_step_kind_count);
  // Members of other kinds are filled now and then: the codec must keep them too.
  const auto uses = [&](StepKind k) { return s.kind == k || rng.chance(20); };
  if (uses(StepKind::message)) {
    s.channel = random_enum<StepChannel>(rng, k_step_channel_count);
    s.message.purpose = random_enum<MessagePurpose>(rng, k_message_purpose_count);
    s.message.subject = random_text(rng, s.channel != StepChannel::email);
    s.message.body = random_text(rng, false);
    for (std::size_t v = rng.below(3); v > 0; --v) {
      s.message.variants.push_back({rng.pick({std::string("botox"), std::string("filler-2")}),
                                    s.channel == StepChannel::email ? random_text(rng, false) : std::string(),
                                    random_text(rng, false)});
    }
    s.message.review_request = rng.chance(30);
    if (rng.chance(30)) s.message.content = "guide-1";
    s.timing.anchor = random_enum<TimingAnchor>(rng, k_timing_anchor_count);
    s.timing.offset_minutes = static_cast<std::int64_t>(rng.below(366 * 24 * 60 + 1));
    if (rng.chance(50)) s.timing.at_minute = static_cast<std::uint16_t>(rng.below(24 * 60));
  }
  if (s.kind == StepKind::message && s.channel == StepChannel::email && s.message.subject.empty())
    s.message.subject = "Subject";
  if (uses(StepKind::wait)) {
    s.wait_for = random_enum<WaitFor>(rng, k_wait_for_count);
    s.wait_days = static_cast<std::uint16_t>(1 + rng.below(90));
    s.yes_next = random_target(rng, steps);
    s.no_next = random_target(rng, steps);
  }
  if (s.kind == StepKind::split) {
    const auto first = static_cast<std::uint8_t>(rng.below(101));
    s.arms.push_back({"A", first, random_target(rng, steps)});
    if (rng.chance(50)) {
      s.arms.push_back({"B", static_cast<std::uint8_t>(100 - first), random_target(rng, steps)});
    } else {
      const auto second = static_cast<std::uint8_t>(rng.below(101U - first));
      s.arms.push_back({"B", second, random_target(rng, steps)});
      s.arms.push_back({"", static_cast<std::uint8_t>(100 - first - second), random_target(rng, steps)});
    }
  }
  if (rng.chance(40)) s.next = random_target(rng, steps);
  return s;
}

inline Trigger random_trigger(SplitMix64& rng) {
  Trigger t;
  t.kind = random_enum<TriggerKind>(rng, k_trigger_kind_count);
  if (t.kind == TriggerKind::segment_entry || rng.chance(10)) t.segment = "vip";
  if (t.kind == TriggerKind::stage_change || rng.chance(10)) t.stage = random_enum<Stage>(rng, k_stage_count);
  if (t.kind == TriggerKind::event || rng.chance(10))
    t.event = random_enum<EventType>(rng, k_event_type_count);
  if (rng.chance(40)) t.treatment = "botox";
  if (t.kind == TriggerKind::birthday || rng.chance(10))
    t.days_before = static_cast<std::uint16_t>(rng.below(61));
  return t;
}

inline Goal random_goal(SplitMix64& rng) {
  Goal g;
  g.kind = random_enum<GoalKind>(rng, k_goal_kind_count);
  if (g.kind == GoalKind::reached_stage || rng.chance(10)) g.stage = random_enum<Stage>(rng, k_stage_count);
  if (g.kind == GoalKind::left_segment || rng.chance(10)) g.segment = "vip";
  return g;
}

/// A valid random sequence with id `id` and a stamp at `millis`.
inline Sequence random_sequence(SplitMix64& rng, const std::string& id, std::int64_t millis) {
  Sequence s;
  s.id = id;
  s.name = "Sequence " + id + (rng.chance(30) ? " “curly” é" : "");
  s.description = random_text(rng, true);
  s.status = random_enum<SequenceStatus>(rng, k_sequence_status_count);
  if (rng.chance(50))
    s.activated_at = 1'780'000'000'000 + static_cast<std::int64_t>(rng.below(1'000'000'000));
  for (std::size_t n = rng.below(4); n > 0; --n) s.triggers.push_back(random_trigger(rng));
  const std::size_t steps = 1 + rng.below(6);
  for (std::size_t i = 0; i < steps; ++i) s.steps.push_back(random_step(rng, i, steps));
  for (std::size_t n = rng.below(4); n > 0; --n) s.goals.push_back(random_goal(rng));
  s.reentry = random_enum<ReentryPolicy>(rng, k_reentry_policy_count);
  if (s.reentry == ReentryPolicy::after_cooldown || rng.chance(20))
    s.reentry_days = static_cast<std::uint16_t>(1 + rng.below(400));
  s.window.start_minute = static_cast<std::uint16_t>(rng.below(23 * 60));
  s.window.end_minute =
      static_cast<std::uint16_t>(s.window.start_minute + 1 + rng.below(24 * 60 - s.window.start_minute));
  for (auto& d : s.window.days) d = rng.chance(60);
  s.window.days[rng.below(7)] = true;
  if (rng.chance(30)) s.sponsor_authorization = random_text(rng, false);
  s.stamp = Stamp{millis, static_cast<std::uint32_t>(rng.below(5)), 1 + rng.below(3)};
  s.deleted = rng.chance(15);
  return s;
}

}  // namespace nurture::test
