#pragma once
/// A workspace being edited: the single command entry point with undo. Front ends (the web UI,
/// the CLI) hold a Session, read `workspace()` and change it only through `execute()`.

#include <cstddef>
#include <cstdint>
#include <deque>

#include "core/commands/command.hpp"
#include "core/model/workspace.hpp"
#include "core/sync/hlc.hpp"

namespace nurture {

class Session {
 public:
  Session() = default;
  /// The clock observes the workspace's stamps, as in reset().
  explicit Session(Workspace ws);
  /// `device` identifies this device in change stamps (random, chosen once per install).
  explicit Session(std::uint64_t device) : m_clock(device) {}
  Session(Workspace ws, std::uint64_t device);

  [[nodiscard]] const Workspace& workspace() const { return m_ws; }
  [[nodiscard]] std::uint64_t revision() const { return m_ws.revision; }
  /// The clock that stamps this session's changes.
  [[nodiscard]] const HybridClock& clock() const { return m_clock; }

  /// Applies `command`; on success its inverse becomes an undo point.
  CommandResult execute(const Command& command);
  /// The same, moving what the command carries into the workspace (apply(Command&&)).
  CommandResult execute(Command&& command);

  /// Applies `command` without an undo point: for changes the app makes on its own (membership
  /// records, score thresholds) that Undo should step over. Commands applied this way must not
  /// touch what the inverses on the undo stack restore by position (lead rows, catalog
  /// indexes); RecordMemberships, LeadBatch changes of existing rows, and Enroll,
  /// EndEnrollments and RecordTouches (their inverses work by key) qualify: the app enrols by
  /// triggers on its own this way.
  CommandResult record(const Command& command);
  [[nodiscard]] bool can_undo() const { return !m_undo.empty(); }
  /// Restores the state before the last successful command (the revision still moves forward,
  /// so the restored state is saved like any other change). Returns false when there is none.
  /// Restored fields get their old stamps back: the undone change never happened. The consent
  /// ledger is append-only, so consent or opt-outs the undo changes get compensating entries
  /// (source "undo") stamped at `now` (0: the clock's last time).
  bool undo(UnixMillis now = 0);

  /// Sets this device's id for the stamps of later changes (chosen once per install); the
  /// clock keeps everything it has issued or seen, so stamps still never go backwards.
  void set_device(std::uint64_t device);

  /// Replaces the state without an undo point (loading from storage). Keeps the given revision.
  /// The clock observes the workspace's largest stamp, so edits made after loading a
  /// workspace that holds stamps from a clock running ahead still win (R12).
  void reset(Workspace ws);

  static constexpr std::size_t k_undo_depth = 20;

 private:
  /// An applied command's inverse becomes an undo point when it succeeded and changed something.
  CommandResult keep_undo(CommandResult result, std::uint64_t before, UndoStep&& step);
  Workspace m_ws;
  HybridClock m_clock{0};
  // Inverses of the last commands (not workspace copies): cheap with 100,000 leads.
  std::deque<UndoStep> m_undo;
};

}  // namespace nurture
