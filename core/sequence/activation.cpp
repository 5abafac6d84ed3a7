#include "core/sequence/activation.hpp"

#include <algorithm>

#include "core/model/catalog.hpp"
#include "core/sequence/template_lint.hpp"
#include "core/util/time_units.hpp"

namespace nurture {

namespace {

bool live_segment(const Workspace& ws, const std::string& id) {
  return std::any_of(ws.segments.begin(), ws.segments.end(),
                     [&](const SavedSegment& s) { return !s.deleted && s.id == id; });
}

std::string quoted(const std::string& id) { return "\"" + id + "\""; }

}  // namespace

std::vector<FieldError> activation_problems(const Workspace& ws, const Sequence& sequence) {
  std::vector<FieldError> problems = validate(sequence);
  // References are only worth checking on a sequence that is well-formed.
  if (!problems.empty()) return problems;
  for (std::size_t i = 0; i < sequence.triggers.size(); ++i) {
    const Trigger& t = sequence.triggers[i];
    const std::string at = "triggers[" + std::to_string(i) + "]";
    if (t.kind == TriggerKind::segment_entry && !live_segment(ws, t.segment))
      problems.push_back({at + ".segment", quoted(t.segment) + " is not one of the saved segments"});
    if (t.kind == TriggerKind::retreatment_due && !t.treatment.empty() &&
        find_item(ws.treatments, t.treatment) == nullptr)
      problems.push_back(
          {at + ".treatment", quoted(t.treatment) + " is not one of the practice's treatments"});
  }
  for (std::size_t i = 0; i < sequence.goals.size(); ++i) {
    const Goal& g = sequence.goals[i];
    if (g.kind == GoalKind::left_segment && !live_segment(ws, g.segment))
      problems.push_back({"goals[" + std::to_string(i) + "].segment",
                          quoted(g.segment) + " is not one of the saved segments"});
  }
  for (std::size_t i = 0; i < sequence.steps.size(); ++i) {
    const Step& s = sequence.steps[i];
    if (s.kind != StepKind::message) continue;
    // A variant for a treatment the practice does not offer never matches and does no harm (a
    // playbook written for many practices), so it does not block; missing content would send a
    // dead link, so it does.
    if (!s.message.content.empty() && find_item(ws.content, s.message.content) == nullptr)
      problems.push_back({"steps[" + std::to_string(i) + "].content",
                          quoted(s.message.content) + " is not one of the content items"});
  }
  // The template lint's errors block too (sponsored content without an authorisation among
  // them); the field names the step and the field the finding is in.
  for (const LintMessage& m : lint_sequence(sequence, ws)) {
    if (!m.error) continue;
    problems.push_back({"lint: step " + quoted(m.step) + (m.field.empty() ? "" : " " + m.field), m.message});
  }
  return problems;
}

std::optional<std::string> reentry_problem(const Sequence& sequence, const Enrollment& e, UnixMillis at) {
  switch (sequence.reentry) {
    case ReentryPolicy::never:
      return e.ended_at == 0 ? "already in it" : "in it before (it is once per lead)";
    case ReentryPolicy::after_exit:
      if (e.ended_at == 0) return "already in it";
      break;
    case ReentryPolicy::after_cooldown: {
      const std::int64_t since = at > e.enrolled_at ? at - e.enrolled_at : e.enrolled_at - at;
      if (since < std::int64_t{sequence.reentry_days} * k_day_ms)
        return "enrolled in the last " + std::to_string(sequence.reentry_days) + " days";
      break;
    }
  }
  return std::nullopt;
}

std::optional<std::string> reentry_problem(const Workspace& ws, const Sequence& sequence, LeadId lead,
                                           UnixMillis at) {
  // Enrolments are sorted by key, and every key of this sequence and lead starts with the same
  // prefix: one binary search finds them all.
  std::string prefix = enrollment_key(sequence.id, lead, 0);
  prefix.pop_back();  // "<sequence>/<lead>/"
  auto it = std::lower_bound(ws.enrollments.begin(), ws.enrollments.end(), prefix,
                             [](const Enrollment& e, const std::string& p) { return e.key < p; });
  for (; it != ws.enrollments.end() && it->key.compare(0, prefix.size(), prefix) == 0; ++it) {
    if (it->sequence != sequence.id || it->lead != lead) continue;
    if (auto why = reentry_problem(sequence, *it, at)) return why;
  }
  return std::nullopt;
}

}  // namespace nurture
