#pragma once
// Internal to core/commands: the lead and event command implementations, called by apply().

#include "core/commands/command.hpp"

namespace nurture::detail {

CommandResult run(Workspace& ws, const AddLead& c, HybridClock& clock, UndoStep* undo);
CommandResult run(Workspace& ws, const UpdateLead& c, HybridClock& clock, UndoStep* undo);
CommandResult run(Workspace& ws, const DeleteLead& c, HybridClock& clock, UndoStep* undo);
CommandResult run(Workspace& ws, const RestoreLead& c, HybridClock& clock, UndoStep* undo);
CommandResult run(Workspace& ws, const SetStage& c, HybridClock& clock, UndoStep* undo);
CommandResult run(Workspace& ws, const SetConsent& c, HybridClock& clock, UndoStep* undo);
CommandResult run(Workspace& ws, const SetDoNotContact& c, HybridClock& clock, UndoStep* undo);
CommandResult run(Workspace& ws, const AddEvents& c, HybridClock& clock, UndoStep* undo);

}  // namespace nurture::detail
