// The funnel model and its automatic moves: SetFunnelModel, ApplyStageMoves.

#include <map>

#include "core/commands/settings_apply.hpp"
#include "core/util/text.hpp"

namespace nurture::detail {

CommandResult run(Workspace& ws, const SetFunnelModel& c, HybridClock& clock, UndoStep* undo) {
  if (auto errors = validate(c.model, ws.treatments); !errors.empty()) {
    return {false, "The funnel has " + count_noun(errors.size(), "problem", "problems"), std::move(errors)};
  }
  if (c.model == ws.funnel) return {true, "Nothing changed", {}};
  if (undo != nullptr) undo->inverse = UndoStep::Funnel{ws.funnel, ws.funnel_stamp};
  ws.funnel = c.model;
  ws.funnel_stamp = clock.tick(c.now);
  ++ws.revision;
  return {true, "Funnel saved", {}};
}

CommandResult run(Workspace& ws, const ApplyStageMoves& c, HybridClock& clock, UndoStep* undo) {
  // Group by lead, keeping each lead's moves in the order given (time order from the plan).
  std::map<std::uint64_t, std::vector<const StageMove*>> by_lead;
  for (const auto& m : c.moves) by_lead[m.lead.value].push_back(&m);
  UndoStep::Batch batch;
  std::vector<StageMove> applied;
  Stamp stamp{};
  for (const auto& [id, moves] : by_lead) {
    const auto row = ws.leads.find(LeadId{id});
    if (!row) continue;
    Lead lead;
    ws.leads.read(*row, LeadField::stage, lead);
    const std::size_t before = lead.stage_history.size();
    for (const StageMove* m : moves) {
      if (static_cast<std::size_t>(m->stage) >= k_stage_count || m->stage <= lead.stage) continue;
      lead.stage = m->stage;
      lead.stage_history.push_back({m->stage, m->at, StageCause::rule});
      applied.push_back(*m);
    }
    if (lead.stage_history.size() == before) continue;
    if (stamp == Stamp{}) stamp = clock.tick(c.now);
    batch.steps.emplace_back(UndoStep::LeadRow{*row, false, ws.leads.save_row(*row)});
    ws.leads.set_field(*row, LeadField::stage, lead, stamp);
  }
  if (applied.empty()) return {true, "Nothing changed", {}};
  if (undo != nullptr) undo->inverse = std::move(batch);
  ++ws.revision;
  return {true, describe_stage_moves(ws, applied), {}};
}

}  // namespace nurture::detail
