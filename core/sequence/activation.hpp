#pragma once
/// What stands between a sequence and being switched on, and whether a lead may enter it.

#include <optional>
#include <string>
#include <vector>

#include "core/model/workspace.hpp"
#include "core/sequence/sequence.hpp"

namespace nurture {

/// Why `sequence` cannot be activated in `ws` (empty: it can): validate()'s problems, then
/// every segment named by a trigger or goal must be a live saved segment, a treatment named by a
/// trigger a live treatment, every linked content item a live one (fields are the paths
/// validate() uses: "triggers[1].segment"); then the template lint's errors, with fields
/// "lint: step “id” body" (variants for treatments the practice lacks never block: they just
/// never match).
std::vector<FieldError> activation_problems(const Workspace& ws, const Sequence& sequence);

/// Why `lead` may not be enrolled in `sequence` at `at` under its re-entry policy, worded to
/// follow "1 was" / "2 were" ("already in it"), or nullopt when it may:
/// - never: any earlier enrolment in this sequence;
/// - after_exit: a running one (ended_at == 0; goals are the scheduler's business);
/// - after_cooldown: one enrolled less than `reentry_days` days before or after `at`.
std::optional<std::string> reentry_problem(const Workspace& ws, const Sequence& sequence, LeadId lead,
                                           UnixMillis at);

/// The same rule against one earlier enrolment `e` of the lead in `sequence`.
std::optional<std::string> reentry_problem(const Sequence& sequence, const Enrollment& e, UnixMillis at);

}  // namespace nurture
