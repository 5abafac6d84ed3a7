#pragma once
/// When leads' scores rose to a threshold. due_threshold_actions (scoring.hpp) only asks "is the
/// score at or over the threshold now", which is enough for actions that leave a mark on the lead
/// (a stage, a tag). Enrolling into a sequence leaves no such mark that a later enrolment could
/// not repeat, so the sequence engine needs the *moment* a score went over: a stable time that
/// makes the enrolment key the same every time the schedule is recomputed, and a lead that stays
/// over the threshold crosses once, not on every look.

#include <cstddef>
#include <vector>

#include "core/model/workspace.hpp"
#include "core/scoring/scoring.hpp"

namespace nurture {

struct ScoreCrossing {
  std::size_t threshold = 0;  ///< index into the model's thresholds
  LeadId lead;
  UnixMillis at = 0;
};

/// Every upward crossing, at a moment in [from, now], of the model's thresholds whose indexes are
/// in `thresholds`: a moment at which a live lead's score in the threshold's group (its total
/// when the group is empty; 0 for an unknown group) went from below `at` to `at` or more.
///
/// Scores are followed through each lead's history: an event adds its rule's points when it
/// happens, half-life decay runs between events, an expiring event drops out when its lifetime
/// ends, caps apply to each rule's running total, and the fit points are those at `now`
/// throughout (fit conditions are attributes that rarely change). The score is looked at just
/// before and at each of those moments, so a crossing happens at an event or an expiry. A score
/// that creeps up between them (a negative half-life penalty fading) is noticed at the lead's
/// next event. At `now` the followed score equals compute_scores' up to rounding.
/// Sorted by (lead, at, threshold).
std::vector<ScoreCrossing> score_crossings(const CompiledScoring& scoring, const Workspace& ws,
                                           const std::vector<std::size_t>& thresholds, UnixMillis from,
                                           UnixMillis now, int utc_offset_minutes = 0);

}  // namespace nurture
