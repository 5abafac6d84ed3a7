#pragma once
/// The enrolment triggers: which leads the active sequences' triggers enrol, and when. The
/// planner only proposes; the caller turns each PlannedEnrollment into an Enrollment (key
/// enrollment_key(sequence, lead, at)) through a command. Because each occurrence of a trigger
/// has a fixed time, the same occurrence always gives the same key, so planning again after the
/// tab was closed, or twice in a row, never enrols a lead twice for one occurrence.
/// docs/scheduling.md, "Enrolment triggers", describes the rules for users.

#include <string>
#include <vector>

#include "core/model/workspace.hpp"

namespace nurture {

struct PlannedEnrollment {
  std::string sequence;  ///< Sequence::id
  LeadId lead;
  UnixMillis at = 0;   ///< the trigger occurrence: becomes Enrollment::enrolled_at
  std::string reason;  ///< "segment: VIP", "stage: patient", "event: form_submitted", "birthday",
                       ///< "retreatment: Botox", "score: engagement ≥ 30"
  friend bool operator==(const PlannedEnrollment&, const PlannedEnrollment&) = default;
};

/// Enrolments the active sequences' triggers call for at `now` that are not in ws.enrollments yet,
/// sorted by (at, sequence, lead). Only occurrences at or after the sequence's activated_at and
/// within `lookback_days` of now count (catch-up after the tab was closed, never years of
/// history); nothing after `now`. One enrolment per occurrence: the key
/// enrollment_key(sequence, lead, at) makes re-planning idempotent (two triggers firing for the
/// same lead at the same millisecond give one enrolment, with the first trigger's reason).
///
/// Occurrences, for live leads only:
/// - segment_entry: each entry into the saved segment recorded in ws.segment_history, at its time
///   (none for a deleted segment);
/// - stage_change: each StageChange in the lead's stage history reaching the stage;
/// - event: each live event of that type;
/// - birthday: 09:00 UTC, `days_before` days before each birthday (29 February: 28 February in
///   other years), from the first birthday on;
/// - retreatment_due: each appointment_attended or purchase of a treatment with a re-treatment
///   interval (the trigger's treatment, or each such treatment when empty) plus that interval,
///   unless the lead visited for that treatment again by then: once per visit that was the last
///   when its recall came due;
/// - manual: none;
/// - a scoring threshold with action enrol_sequence naming the sequence: each moment the lead's
///   score crossed it from below (score_crossings.hpp), reason "score: GROUP ≥ N" (GROUP
///   "total" when the threshold is on the total). A lead that stays over the threshold crosses
///   once; one already over it when the sequence was activated is not enrolled by it.
/// The sequence's re-entry policy then applies, in time order, to the lead's enrolments in
/// ws.enrollments and those planned before in the same call: never — no other enrolment of the
/// lead in the sequence; after_exit — none still running (ended_at == 0); after_cooldown —
/// none within reentry_days (either side) of the occurrence. Against ws.enrollments this is the
/// Enroll command's own check (reentry_problem, activation.hpp), so enrolling the plan in the
/// returned (time) order succeeds.
/// A negative `lookback_days` counts as 0 (only what happens exactly at `now`).
std::vector<PlannedEnrollment> plan_enrollments(const Workspace& ws, UnixMillis now, int lookback_days = 30);

/// Every occurrence of the active sequences' triggers in [from, to] (each sequence's window also
/// starts no earlier than its activated_at), by the rules above, one per enrolment key, BEFORE
/// the re-entry policy and the "already enrolled" check; sorted by (sequence, lead, at). The
/// simulator replays these over days it has not lived yet; plan_enrollments is these within its
/// lookback with the policy applied. Empty when to < from.
std::vector<PlannedEnrollment> trigger_occurrences(const Workspace& ws, UnixMillis from, UnixMillis to);

}  // namespace nurture
