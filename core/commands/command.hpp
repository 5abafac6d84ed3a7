#pragma once
/// The one entry point through which anything changes a workspace. The UI and the CLI build a
/// Command, call apply(), and read the result; they never mutate the workspace directly.

#include <string>
#include <variant>
#include <vector>

#include "core/model/practice.hpp"
#include "core/model/workspace.hpp"

namespace nurture {

/// Replace the practice profile (validated as a whole).
struct SetPracticeProfile {
  PracticeProfile profile;
};

/// Replace the whole workspace, e.g. restoring a backup or starting over. The revision keeps
/// counting up so persistence notices the change.
struct ReplaceWorkspace {
  Workspace workspace;
};

using Command = std::variant<SetPracticeProfile, ReplaceWorkspace>;

struct CommandResult {
  bool ok = true;
  std::string message;                   ///< a summary for the status bar, or the error
  std::vector<FieldError> field_errors;  ///< per-field problems, for inline display
};

/// Validates and applies `command`. On success the revision is bumped; on failure `ws` is
/// unchanged. Never throws.
CommandResult apply(Workspace& ws, const Command& command);

}  // namespace nurture
