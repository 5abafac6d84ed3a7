#pragma once
/// A workspace being edited: the single command entry point with undo. Front ends (the web UI,
/// the CLI) hold a Session, read `workspace()` and change it only through `execute()`.

#include <cstddef>
#include <deque>

#include "core/commands/command.hpp"
#include "core/model/workspace.hpp"

namespace nurture {

class Session {
 public:
  Session() = default;
  explicit Session(Workspace ws) : m_ws(std::move(ws)) {}

  [[nodiscard]] const Workspace& workspace() const { return m_ws; }
  [[nodiscard]] std::uint64_t revision() const { return m_ws.revision; }

  /// Applies `command`; on success the previous state becomes an undo point.
  CommandResult execute(const Command& command);

  [[nodiscard]] bool can_undo() const { return !m_undo.empty(); }
  /// Restores the state before the last successful command (the revision still moves forward,
  /// so the restored state is saved like any other change). Returns false when there is none.
  bool undo();

  /// Replaces the state without an undo point (loading from storage). Keeps the given revision.
  void reset(Workspace ws);

  static constexpr std::size_t k_undo_depth = 20;

 private:
  Workspace m_ws;
  std::deque<Workspace> m_undo;
};

}  // namespace nurture
