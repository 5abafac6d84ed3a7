#pragma once
// Internal to core/commands: the catalog command implementations, called by apply().

#include "core/commands/command.hpp"

namespace nurture::detail {

CommandResult run(Workspace& ws, const PutTreatment& c, HybridClock& clock, UndoStep* undo);
CommandResult run(Workspace& ws, const PutLeadSource& c, HybridClock& clock, UndoStep* undo);
CommandResult run(Workspace& ws, const PutContentItem& c, HybridClock& clock, UndoStep* undo);
CommandResult run(Workspace& ws, const PutSegment& c, HybridClock& clock, UndoStep* undo);
CommandResult run(Workspace& ws, const DeleteCatalogItem& c, HybridClock& clock, UndoStep* undo);
CommandResult run(Workspace& ws, const PutSequence& c, HybridClock& clock, UndoStep* undo);
CommandResult run(Workspace& ws, const SetSequenceStatus& c, HybridClock& clock, UndoStep* undo);

}  // namespace nurture::detail
