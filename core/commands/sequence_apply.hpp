#pragma once
// Internal to core/commands: the enrolment and touch commands, called by apply() and revert().

#include "core/commands/command.hpp"

namespace nurture::detail {

CommandResult run(Workspace& ws, const Enroll& c, HybridClock& clock, UndoStep* undo);
CommandResult run(Workspace& ws, const EndEnrollments& c, HybridClock& clock, UndoStep* undo);
CommandResult run(Workspace& ws, const RecordTouches& c, HybridClock& clock, UndoStep* undo);

}  // namespace nurture::detail

namespace nurture {

/// Puts back what `undo` recorded, by key. Precondition: later commands were reverted already
/// (records applied since without an undo point, by Session::record, are left alone).
void revert_sequence_records(Workspace& ws, SequenceRecordsUndo&& undo);

}  // namespace nurture
