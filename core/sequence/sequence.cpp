#include "core/sequence/sequence.hpp"

#include <set>

#include "core/model/catalog.hpp"
#include "core/model/field_checks.hpp"
#include "core/util/enum_names.hpp"
#include "core/util/text.hpp"

namespace nurture {

namespace {

constexpr std::array<std::string_view, k_step_channel_count> k_step_channels = {"email", "text", "call",
                                                                                "social", "letter"};
constexpr std::array<std::string_view, k_message_purpose_count> k_purposes = {"reminder", "promotion",
                                                                              "sponsored"};
constexpr std::array<std::string_view, k_timing_anchor_count> k_anchors = {
    "after_previous", "after_enrolment", "before_appointment", "after_appointment"};
constexpr std::array<std::string_view, k_step_kind_count> k_step_kinds = {"message", "wait", "split"};
constexpr std::array<std::string_view, k_wait_for_count> k_wait_fors = {"open", "click", "reply", "booking"};
constexpr std::array<std::string_view, k_trigger_kind_count> k_trigger_kinds = {
    "segment_entry", "stage_change", "event", "birthday", "retreatment_due", "manual"};
constexpr std::array<std::string_view, k_goal_kind_count> k_goal_kinds = {"booked", "replied", "unsubscribed",
                                                                          "reached_stage", "left_segment"};
constexpr std::array<std::string_view, k_reentry_policy_count> k_reentries = {"never", "after_exit",
                                                                              "after_cooldown"};
constexpr std::array<std::string_view, k_sequence_status_count> k_statuses = {"draft", "active", "paused"};
constexpr std::array<std::string_view, k_touch_outcome_count> k_outcomes = {
    "sent", "skipped", "replied", "booked", "no_answer", "wrong_number", "snoozed"};

constexpr std::int64_t k_max_offset_minutes = 366LL * 24 * 60;

bool is_step_id(std::string_view id) {
  if (id.empty() || id.size() > 32) return false;
  for (const char c : id) {
    const bool ok =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    if (!ok) return false;
  }
  return true;
}

// A jump target: empty (the next step in the list), "end", or a step id of this sequence.
void check_target(std::vector<FieldError>& errors, const std::string& field, const std::string& target,
                  const std::set<std::string, std::less<>>& ids) {
  if (target.empty() || target == k_end_step || ids.count(target) != 0) return;
  errors.push_back({field, "goes to \"" + target + "\", which is not a step of this sequence"});
}

void check_message(std::vector<FieldError>& errors, const std::string& at, const Step& step) {
  const auto& m = step.message;
  if (step.channel == StepChannel::email) check_text(errors, at + ".subject", m.subject, 200, true);
  check_text(errors, at + ".body", m.body, 5000, true);
  for (std::size_t v = 0; v < m.variants.size(); ++v) {
    const std::string vat = at + ".variants[" + std::to_string(v) + "]";
    if (!is_catalog_id(m.variants[v].treatment))
      errors.push_back({vat + ".treatment", "must be a treatment id"});
    if (step.channel == StepChannel::email)
      check_text(errors, vat + ".subject", m.variants[v].subject, 200, true);
    check_text(errors, vat + ".body", m.variants[v].body, 5000, true);
  }
  if (step.timing.offset_minutes < 0 || step.timing.offset_minutes > k_max_offset_minutes) {
    errors.push_back({at + ".timing", "the delay must be between 0 and 366 days"});
  }
  if (step.timing.at_minute && *step.timing.at_minute >= 24 * 60) {
    errors.push_back({at + ".timing", "the time of day must be before 24:00"});
  }
}

void check_step(std::vector<FieldError>& errors, std::size_t i, const Step& step,
                const std::set<std::string, std::less<>>& ids) {
  const std::string at = "steps[" + std::to_string(i) + "]";
  check_target(errors, at + ".next", step.next, ids);
  switch (step.kind) {
    case StepKind::message:
      check_message(errors, at, step);
      break;
    case StepKind::wait:
      if (step.wait_days < 1 || step.wait_days > 90)
        errors.push_back({at + ".wait_days", "must be 1 to 90 days"});
      check_target(errors, at + ".yes_next", step.yes_next, ids);
      check_target(errors, at + ".no_next", step.no_next, ids);
      break;
    case StepKind::split: {
      unsigned total = 0;
      for (std::size_t a = 0; a < step.arms.size(); ++a) {
        total += step.arms[a].percent;
        check_target(errors, at + ".arms[" + std::to_string(a) + "]", step.arms[a].next, ids);
      }
      if (step.arms.size() < 2) errors.push_back({at + ".arms", "a split needs at least two arms"});
      if (total != 100)
        errors.push_back({at + ".arms", "the arms add up to " + std::to_string(total) + "%, not 100%"});
      break;
    }
  }
}

void check_trigger(std::vector<FieldError>& errors, std::size_t i, const Trigger& t) {
  const std::string at = "triggers[" + std::to_string(i) + "]";
  if (t.kind == TriggerKind::segment_entry && !is_catalog_id(t.segment)) {
    errors.push_back({at + ".segment", "choose a saved segment"});
  }
  if (t.kind == TriggerKind::retreatment_due && !t.treatment.empty() && !is_catalog_id(t.treatment)) {
    errors.push_back({at + ".treatment", "must be a treatment id"});
  }
  if (t.kind == TriggerKind::birthday && t.days_before > 60) {
    errors.push_back({at + ".days_before", "must be 0 to 60 days"});
  }
}

}  // namespace

std::string_view to_string(StepChannel v) { return enum_name(k_step_channels, v); }
std::string_view to_string(MessagePurpose v) { return enum_name(k_purposes, v); }
std::string_view to_string(TimingAnchor v) { return enum_name(k_anchors, v); }
std::string_view to_string(StepKind v) { return enum_name(k_step_kinds, v); }
std::string_view to_string(WaitFor v) { return enum_name(k_wait_fors, v); }
std::string_view to_string(TriggerKind v) { return enum_name(k_trigger_kinds, v); }
std::string_view to_string(GoalKind v) { return enum_name(k_goal_kinds, v); }
std::string_view to_string(ReentryPolicy v) { return enum_name(k_reentries, v); }
std::string_view to_string(SequenceStatus v) { return enum_name(k_statuses, v); }
std::string_view to_string(TouchOutcome v) { return enum_name(k_outcomes, v); }

std::optional<StepChannel> parse_step_channel(std::string_view t) {
  return parse_enum_name<StepChannel>(k_step_channels, t);
}
std::optional<MessagePurpose> parse_message_purpose(std::string_view t) {
  return parse_enum_name<MessagePurpose>(k_purposes, t);
}
std::optional<TimingAnchor> parse_timing_anchor(std::string_view t) {
  return parse_enum_name<TimingAnchor>(k_anchors, t);
}
std::optional<StepKind> parse_step_kind(std::string_view t) {
  return parse_enum_name<StepKind>(k_step_kinds, t);
}
std::optional<WaitFor> parse_wait_for(std::string_view t) { return parse_enum_name<WaitFor>(k_wait_fors, t); }
std::optional<TriggerKind> parse_trigger_kind(std::string_view t) {
  return parse_enum_name<TriggerKind>(k_trigger_kinds, t);
}
std::optional<GoalKind> parse_goal_kind(std::string_view t) {
  return parse_enum_name<GoalKind>(k_goal_kinds, t);
}
std::optional<ReentryPolicy> parse_reentry_policy(std::string_view t) {
  return parse_enum_name<ReentryPolicy>(k_reentries, t);
}
std::optional<SequenceStatus> parse_sequence_status(std::string_view t) {
  return parse_enum_name<SequenceStatus>(k_statuses, t);
}
std::optional<TouchOutcome> parse_touch_outcome(std::string_view t) {
  return parse_enum_name<TouchOutcome>(k_outcomes, t);
}

std::string_view channel_label(StepChannel v) {
  static constexpr std::array<std::string_view, k_step_channel_count> k_labels = {"Email", "Text", "Call",
                                                                                  "Social message", "Letter"};
  return k_labels[static_cast<std::size_t>(v)];
}

std::optional<Channel> consent_channel(StepChannel channel) {
  switch (channel) {
    case StepChannel::email:
      return Channel::email;
    case StepChannel::text:
      return Channel::sms;
    case StepChannel::call:
      return Channel::call;
    case StepChannel::social:
    case StepChannel::letter:
      break;
  }
  return std::nullopt;
}

std::vector<FieldError> validate(const Sequence& sequence) {
  std::vector<FieldError> errors;
  if (!is_catalog_id(sequence.id))
    errors.push_back({"id", "must be 1–64 lowercase letters, digits, '-' or '_'"});
  check_text(errors, "name", sequence.name, 80, true);
  check_text(errors, "description", sequence.description, 1000, false);
  check_text(errors, "sponsor_authorization", sequence.sponsor_authorization, 1000, false);
  std::set<std::string, std::less<>> ids;
  for (std::size_t i = 0; i < sequence.steps.size(); ++i) {
    const auto& id = sequence.steps[i].id;
    if (!is_step_id(id) || id == k_end_step) {
      errors.push_back(
          {"steps[" + std::to_string(i) + "].id", "must be 1–32 letters, digits, '-' or '_' (not \"end\")"});
    } else if (!ids.insert(id).second) {
      errors.push_back({"steps[" + std::to_string(i) + "].id", "\"" + id + "\" is used by another step"});
    }
  }
  if (sequence.steps.empty()) errors.push_back({"steps", "a sequence needs at least one step"});
  if (sequence.steps.size() > 100) errors.push_back({"steps", "a sequence has at most 100 steps"});
  for (std::size_t i = 0; i < sequence.steps.size(); ++i) check_step(errors, i, sequence.steps[i], ids);
  for (std::size_t i = 0; i < sequence.triggers.size(); ++i) check_trigger(errors, i, sequence.triggers[i]);
  for (std::size_t i = 0; i < sequence.goals.size(); ++i) {
    if (sequence.goals[i].kind == GoalKind::left_segment && !is_catalog_id(sequence.goals[i].segment)) {
      errors.push_back({"goals[" + std::to_string(i) + "].segment", "choose a saved segment"});
    }
  }
  if (sequence.reentry == ReentryPolicy::after_cooldown && sequence.reentry_days == 0) {
    errors.push_back({"reentry_days", "a cool-down needs at least one day"});
  }
  const auto& w = sequence.window;
  if (w.start_minute >= w.end_minute || w.end_minute > 24 * 60) {
    errors.push_back({"window", "the send window must start before it ends, within the day"});
  }
  bool any_day = false;
  for (const bool d : w.days) any_day = any_day || d;
  if (!any_day) errors.push_back({"window.days", "choose at least one day"});
  return errors;
}

std::optional<std::size_t> step_index(const Sequence& sequence, std::string_view id) {
  for (std::size_t i = 0; i < sequence.steps.size(); ++i) {
    if (sequence.steps[i].id == id) return i;
  }
  return std::nullopt;
}

std::string enrollment_key(std::string_view sequence, LeadId lead, UnixMillis enrolled_at) {
  std::string key(sequence);
  key += '/';
  key += to_string(lead);
  key += '/';
  key += std::to_string(enrolled_at);
  return key;
}

std::string touch_key(std::string_view enrollment, std::string_view step) {
  std::string key(enrollment);
  key += '/';
  key += step;
  return key;
}

}  // namespace nurture
