#include "core/session.hpp"

#include "core/sync/merge.hpp"

namespace nurture {

Session::Session(Workspace ws) : m_ws(std::move(ws)) { m_clock.observe(max_stamp(m_ws)); }

Session::Session(Workspace ws, std::uint64_t device) : m_ws(std::move(ws)), m_clock(device) {
  m_clock.observe(max_stamp(m_ws));
}

CommandResult Session::execute(const Command& command) {
  const auto before = m_ws.revision;
  UndoStep step;
  auto result = apply(m_ws, command, m_clock, &step);
  if (result.ok && m_ws.revision != before) {
    m_undo.push_back(std::move(step));
    if (m_undo.size() > k_undo_depth) m_undo.pop_front();
  }
  return result;
}

CommandResult Session::record(const Command& command) { return apply(m_ws, command, m_clock, nullptr); }

bool Session::undo() {
  if (m_undo.empty()) return false;
  const auto next_revision = m_ws.revision + 1;
  revert(m_ws, std::move(m_undo.back()));
  m_undo.pop_back();
  m_ws.revision = next_revision;
  return true;
}

void Session::set_device(std::uint64_t device) {
  HybridClock next(device);
  next.observe(m_clock.last());
  m_clock = next;
}

void Session::reset(Workspace ws) {
  m_ws = std::move(ws);
  m_undo.clear();
  // A stored workspace may hold stamps from a device whose clock ran ahead (R12).
  m_clock.observe(max_stamp(m_ws));
}

}  // namespace nurture
