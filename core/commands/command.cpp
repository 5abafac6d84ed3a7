#include "core/commands/command.hpp"

#include <algorithm>

namespace nurture {

namespace {

CommandResult run(Workspace& ws, const SetPracticeProfile& c) {
  auto errors = validate(c.profile);
  if (!errors.empty()) {
    return {false, "The practice profile has " + std::to_string(errors.size()) + " problem(s)",
            std::move(errors)};
  }
  if (ws.practice == c.profile) return {true, "Nothing changed", {}};
  ws.practice = c.profile;
  ++ws.revision;
  return {true, "Practice profile saved", {}};
}

CommandResult run(Workspace& ws, const ReplaceWorkspace& c) {
  const auto next_revision = std::max(ws.revision, c.workspace.revision) + 1;
  ws = c.workspace;
  ws.revision = next_revision;
  return {true, "Workspace replaced", {}};
}

}  // namespace

CommandResult apply(Workspace& ws, const Command& command) {
  return std::visit([&ws](const auto& c) { return run(ws, c); }, command);
}

}  // namespace nurture
