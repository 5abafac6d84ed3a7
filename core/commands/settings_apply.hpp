#pragma once
// Internal to core/commands: the scoring-model and membership-record commands, called by
// apply() and revert().

#include <vector>

#include "core/commands/command.hpp"

namespace nurture::detail {

CommandResult run(Workspace& ws, const SetScoringModel& c, HybridClock& clock, UndoStep* undo);
CommandResult run(Workspace& ws, const RecordMemberships& c, HybridClock& clock, UndoStep* undo);
// funnel_commands.cpp
CommandResult run(Workspace& ws, const SetFunnelModel& c, HybridClock& clock, UndoStep* undo);
CommandResult run(Workspace& ws, const ApplyStageMoves& c, HybridClock& clock, UndoStep* undo);

}  // namespace nurture::detail

namespace nurture {

/// Removes exactly `records` from the workspace's membership record (undo of RecordMemberships).
void remove_records(Workspace& ws, const std::vector<MembershipChange>& records);

}  // namespace nurture
