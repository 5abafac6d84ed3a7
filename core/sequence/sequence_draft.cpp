// Draft operations on a sequence's steps. Removing a step retargets the jumps that pointed at
// it rather than refusing: a practitioner removing a step means "skip it", and sending its
// leads on to where it led keeps the rest of the flow as they built it.
#include "core/sequence/sequence_draft.hpp"

#include <algorithm>

namespace nurture {

std::string fresh_step_id(const Sequence& seq) {
  for (std::size_t n = seq.steps.size() + 1;; ++n) {
    std::string id = "step-" + std::to_string(n);
    if (!step_index(seq, id)) return id;
  }
}

Step new_step(const Sequence& seq, StepKind kind) {
  Step step;
  step.id = fresh_step_id(seq);
  step.kind = kind;
  switch (kind) {
    case StepKind::message:
      step.channel = StepChannel::email;
      step.message.purpose = MessagePurpose::promotion;
      step.message.subject = "A note from {practice_name}";
      step.message.body = "Hi {first_name},\n\n\n\n{practice_name}\n{practice_phone}";
      step.timing.anchor = TimingAnchor::after_previous;
      step.timing.offset_minutes = std::int64_t{24} * 60;
      break;
    case StepKind::wait:
      step.wait_for = WaitFor::open;
      step.wait_days = 3;
      break;
    case StepKind::split:
      step.arms = {SplitArm{"A", 50, ""}, SplitArm{"B", 50, ""}};
      break;
  }
  return step;
}

std::size_t insert_step(Sequence& seq, Step step, std::optional<std::size_t> after) {
  const std::size_t at = after && *after < seq.steps.size() ? *after + 1 : seq.steps.size();
  seq.steps.insert(seq.steps.begin() + static_cast<std::ptrdiff_t>(at), std::move(step));
  return at;
}

bool move_step(Sequence& seq, std::size_t index, int direction) {
  if (index >= seq.steps.size() || direction == 0) return false;
  if (direction < 0 && index == 0) return false;
  if (direction > 0 && index + 1 >= seq.steps.size()) return false;
  const std::size_t other = direction < 0 ? index - 1 : index + 1;
  std::swap(seq.steps[index], seq.steps[other]);
  return true;
}

std::string successor_of(const Sequence& seq, std::size_t index) {
  const Step& step = seq.steps[index];
  if (step.kind == StepKind::message && !step.next.empty() && step.next != step.id) return step.next;
  return index + 1 < seq.steps.size() ? seq.steps[index + 1].id : std::string(k_end_step);
}

std::optional<std::size_t> remove_step(Sequence& seq, std::size_t index) {
  if (index >= seq.steps.size()) return std::nullopt;
  const std::string gone = seq.steps[index].id;
  const std::string to = successor_of(seq, index);
  seq.steps.erase(seq.steps.begin() + static_cast<std::ptrdiff_t>(index));
  std::size_t count = 0;
  for (auto& step : seq.steps) {
    const auto retarget = [&](std::string& target) {
      if (target != gone) return;
      // A step sent on to itself would loop: "the next step in the list" is what was meant.
      target = to == step.id ? std::string() : to;
      ++count;
    };
    retarget(step.next);
    retarget(step.yes_next);
    retarget(step.no_next);
    for (auto& arm : step.arms) retarget(arm.next);
  }
  return count;
}

DayHourMinute split_offset(std::int64_t minutes) {
  const std::int64_t m = std::max<std::int64_t>(minutes, 0);
  return {m / (std::int64_t{24} * 60), (m / 60) % 24, m % 60};
}

std::int64_t join_offset(const DayHourMinute& parts) {
  return std::max<std::int64_t>(parts.days, 0) * 24 * 60 + std::max<std::int64_t>(parts.hours, 0) * 60 +
         std::max<std::int64_t>(parts.minutes, 0);
}

std::string clock_text(std::uint16_t minute_of_day) {
  const unsigned h = minute_of_day / 60U;
  const unsigned m = minute_of_day % 60U;
  std::string out;
  out += static_cast<char>('0' + (h / 10U) % 10U);
  out += static_cast<char>('0' + h % 10U);
  out += ':';
  out += static_cast<char>('0' + m / 10U);
  out += static_cast<char>('0' + m % 10U);
  return out;
}

std::optional<std::size_t> step_of_field(std::string_view field) {
  constexpr std::string_view k_prefix = "steps[";
  if (field.substr(0, k_prefix.size()) != k_prefix) return std::nullopt;
  std::size_t i = k_prefix.size();
  std::size_t value = 0;
  bool digits = false;
  for (; i < field.size() && field[i] >= '0' && field[i] <= '9'; ++i) {
    if (value > 100000) return std::nullopt;
    value = value * 10 + static_cast<std::size_t>(field[i] - '0');
    digits = true;
  }
  if (!digits || i >= field.size() || field[i] != ']') return std::nullopt;
  return value;
}

bool same_steps_apart_from_wording(const std::vector<Step>& a, const std::vector<Step>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    Step x = a[i];
    Step y = b[i];
    for (Step* s : {&x, &y}) {
      s->message.subject.clear();
      s->message.body.clear();
      s->message.variants.clear();
    }
    if (!(x == y)) return false;
  }
  return true;
}

}  // namespace nurture
