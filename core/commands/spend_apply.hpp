#pragma once
// Internal to core/commands: the ad-spend command, called by apply().

#include "core/commands/command.hpp"

namespace nurture::detail {

CommandResult run(Workspace& ws, const SetAdSpend& c, HybridClock& clock, UndoStep* undo);

}  // namespace nurture::detail
