#pragma once
/// The funnel's automatic stage rules (core/model/funnel_model.hpp) evaluated over the event
/// log. Semantics (docs/funnel.md):
/// - A lead is judged by the rules of its pipeline (pipeline_of), from its current stage.
/// - A condition counts the lead's qualifying events over its whole history; it holds at a
///   qualifying event once the count has reached `count`.
/// - A rule fires at a qualifying event that makes one of its conditions hold, when that event
///   is not earlier than the lead's latest stage change (the anchor). So what happened before a
///   stage was set (by hand, an import, an earlier rule) does not move the lead again by itself,
///   but counts toward the next event that does.
/// - A rule moves the lead only forward: to its slot, or the next used slot after it when that
///   slot is unused (no used slot: the rule is idle). When one event fires several rules, the
///   lead moves once, to the furthest slot.
/// - Each move is dated by the event that fired it and becomes the new anchor, so one pass may
///   move a lead several steps (awareness → consideration → … each dated).
/// Deleted leads and deleted events take no part.

#include <string>
#include <vector>

#include "core/model/workspace.hpp"

namespace nurture {

struct StageMove {
  LeadId lead;
  Stage stage = Stage::awareness;
  UnixMillis at = 0;  ///< the time of the event that satisfied the rule
  friend bool operator==(const StageMove&, const StageMove&) = default;
};

/// The moves the rules of `model` would make now, in LeadStore row order and, per lead, in time
/// order. One pass over the event log. Precondition: validate_structure(model) is empty.
std::vector<StageMove> plan_stage_moves(const Workspace& ws, const FunnelModel& model);
/// plan_stage_moves(ws, ws.funnel).
std::vector<StageMove> plan_stage_moves(const Workspace& ws);

/// "3 leads moved: 2 to Consideration, 1 to Patient": how many leads `moves` move and where they
/// end, by the stage names of each lead's pipeline (slot order). Empty for no moves.
std::string describe_stage_moves(const Workspace& ws, const std::vector<StageMove>& moves);

}  // namespace nurture
