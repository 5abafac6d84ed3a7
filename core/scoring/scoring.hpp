#pragma once
/// The scoring engine: from the workspace, the model and `now`, every lead's points per score
/// group (ScoreTable), one lead's explanation (which rules gave how many points), and the
/// threshold actions that are due. Rules in docs/scoring.md.
///
/// Event points: each live event of a rule's type at or before `now` that matches its `where`
/// gives the rule's points times the decay factor of its age (half-life: 0.5^(age/days);
/// expiry: 1 until `days`, then 0); a rule's total per lead is capped at ±max_points when set.
/// Events after `now` (a booking for next week logged early) do not count yet.
/// Fit points: every live lead matching a fit rule's condition gets its points.

#include <cstdint>
#include <string>
#include <vector>

#include "core/commands/lead_commands.hpp"
#include "core/model/workspace.hpp"
#include "core/scoring/score_table.hpp"
#include "core/scoring/scoring_model.hpp"
#include "core/segment/ast.hpp"
#include "core/segment/engine.hpp"
#include "core/segment/event_filter.hpp"
#include "core/util/expected.hpp"

namespace nurture {

/// A model with its texts parsed, ready to run.
struct CompiledScoring {
  ScoringModel model;
  std::vector<std::vector<segment::BoundFilter>> where;  ///< per event rule, bound
  std::vector<segment::Node> fit;                        ///< per fit rule
};

/// Checks the model (validate()) and parses every `where` and `condition`. Fit conditions may
/// not use `score` or in_segment() (a segment may itself use scores: no cycles). Errors name
/// the rule and the position: "fit_rules[1].condition: 1:5: expected a value after '='".
Expected<CompiledScoring> compile_scoring(const ScoringModel& model);

/// Every lead's score per group at `now`; `utc_offset_minutes` as in segment::EvalContext (fit
/// conditions may use ages and dates).
/// `cache` (optional) is the caller's segment cache for `ws`, reused by the fit conditions.
ScoreTable compute_scores(const CompiledScoring& scoring, const Workspace& ws, UnixMillis now,
                          int utc_offset_minutes = 0, segment::SegmentCache* cache = nullptr);

/// One rule's contribution to one lead's score.
struct ScoreLine {
  std::string group;
  std::string label;
  double points = 0;
  std::size_t events = 0;  ///< matching events counted (0 for a fit rule)
  bool fit = false;
  bool capped = false;  ///< the rule's cap cut the total
};

/// Why a lead has its score: a line per rule that gave points (in model order), and the
/// totals. The totals equal compute_scores' for that lead.
struct ScoreExplanation {
  std::vector<ScoreLine> lines;
  std::vector<double> group_totals;  ///< in the model's group order
  double total = 0;
};
ScoreExplanation explain_score(const CompiledScoring& scoring, const Workspace& ws, std::uint32_t row,
                               UnixMillis now, int utc_offset_minutes = 0,
                               segment::SegmentCache* cache = nullptr);

/// The changes the thresholds call for now: stage moves forward and tags to add, one command
/// per lead (UpdateLead for tags, SetStage for stages), each lead at most once per kind.
/// Thresholds that enrol into a sequence are left to the sequence engine. Empty when every
/// lead already reflects its scores, so applying the result and asking again gives nothing.
std::vector<LeadCommand> due_threshold_actions(const CompiledScoring& scoring, const Workspace& ws,
                                               const ScoreTable& scores, UnixMillis now);

}  // namespace nurture
