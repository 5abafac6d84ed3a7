#include "core/commands/command.hpp"

#include <algorithm>

#include "core/commands/lead_apply.hpp"

namespace nurture {

namespace {

CommandResult run(Workspace& ws, const SetPracticeProfile& c, HybridClock& /*clock*/, UndoStep* undo) {
  auto errors = validate(c.profile);
  if (!errors.empty()) {
    return {false, "The practice profile has " + std::to_string(errors.size()) + " problem(s)",
            std::move(errors)};
  }
  if (ws.practice == c.profile) return {true, "Nothing changed", {}};
  if (undo != nullptr) undo->inverse = ws.practice;
  ws.practice = c.profile;
  ++ws.revision;
  return {true, "Practice profile saved", {}};
}

CommandResult run(Workspace& ws, const ReplaceWorkspace& c, HybridClock& /*clock*/, UndoStep* undo) {
  const auto next_revision = std::max(ws.revision, c.workspace.revision) + 1;
  // The replaced workspace is the inverse; it is moved, never copied.
  if (undo != nullptr) undo->inverse = std::move(ws);
  ws = c.workspace;
  ws.revision = next_revision;
  return {true, "Workspace replaced", {}};
}

template <class C>
CommandResult run(Workspace& ws, const C& c, HybridClock& clock, UndoStep* undo) {
  return detail::run(ws, c, clock, undo);
}

}  // namespace

CommandResult apply(Workspace& ws, const Command& command, HybridClock& clock, UndoStep* undo) {
  return std::visit([&](const auto& c) { return run(ws, c, clock, undo); }, command);
}

CommandResult apply(Workspace& ws, const Command& command) {
  HybridClock clock(0);
  return apply(ws, command, clock, nullptr);
}

void revert(Workspace& ws, UndoStep&& step) {
  struct Visitor {
    Workspace& ws;
    void operator()(std::monostate) const {}
    void operator()(PracticeProfile& p) const { ws.practice = std::move(p); }
    void operator()(Workspace& w) const { ws = std::move(w); }
    void operator()(UndoStep::LeadRow& r) const {
      if (r.appended) {
        ws.leads.pop_row();
      } else {
        ws.leads.restore_row(r.row, r.before);
      }
    }
    void operator()(UndoStep::Events& e) const { ws.events.remove(e.added); }
    void operator()(UndoStep::LeadRows& rows) const {
      for (std::size_t i = rows.size(); i-- > 0;) (*this)(rows[i]);  // last change first
    }
  };
  std::visit(Visitor{ws}, step.inverse);
}

}  // namespace nurture
