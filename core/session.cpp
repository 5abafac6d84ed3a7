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
  return keep_undo(std::move(result), before, std::move(step));
}

CommandResult Session::execute(Command&& command) {
  const auto before = m_ws.revision;
  UndoStep step;
  auto result = apply(m_ws, std::move(command), m_clock, &step);
  return keep_undo(std::move(result), before, std::move(step));
}

CommandResult Session::keep_undo(CommandResult result, std::uint64_t before, UndoStep&& step) {
  if (result.ok && m_ws.revision != before) {
    m_undo.push_back(std::move(step));
    if (m_undo.size() > k_undo_depth) m_undo.pop_front();
  }
  return result;
}

CommandResult Session::record(const Command& command) { return apply(m_ws, command, m_clock, nullptr); }

namespace {

// The lead rows an undo step restores or removes: their consent may change.
std::vector<std::uint32_t> rows_of(const Workspace& ws, const UndoStep& step) {
  std::vector<std::uint32_t> rows;
  if (const auto* row = std::get_if<UndoStep::LeadRow>(&step.inverse)) {
    rows.push_back(row->row);
  } else if (const auto* batch = std::get_if<UndoStep::Batch>(&step.inverse)) {
    for (const auto& part : batch->steps) {
      if (const auto* r = std::get_if<UndoStep::LeadRow>(&part)) rows.push_back(r->row);
    }
  } else if (const auto* merge = std::get_if<MergeUndo>(&step.inverse)) {
    for (const auto& [merged_row, state] : merge->rows) rows.push_back(merged_row);
    for (auto r = merge->lead_rows; r < ws.leads.rows(); ++r) rows.push_back(static_cast<std::uint32_t>(r));
  }
  return rows;
}

}  // namespace

bool Session::undo(UnixMillis now) {
  if (m_undo.empty()) return false;
  const auto next_revision = m_ws.revision + 1;
  // Consent before the undo, for the leads it touches (rows may vanish: keep ids).
  std::vector<Lead> before;
  for (const auto row : rows_of(m_ws, m_undo.back())) {
    if (row >= m_ws.leads.rows()) continue;
    before.push_back(m_ws.leads.get(row));
  }
  revert(m_ws, std::move(m_undo.back()));
  std::vector<std::pair<const Lead*, Lead>> changed;
  for (const auto& was : before) {
    Lead after;
    after.id = was.id;
    if (const auto row = m_ws.leads.find_any(was.id)) after = m_ws.leads.get(*row);
    if (!field_equal(was, after, LeadField::consent) || !field_equal(was, after, LeadField::do_not_contact))
      changed.emplace_back(&was, std::move(after));
  }
  if (!changed.empty()) {
    // One stamp for the whole undo, like a command's.
    const Stamp stamp = m_clock.tick(now != 0 ? now : m_clock.last().millis);
    for (const auto& [was, after] : changed)
      m_ws.ledger.record_changes(*was, after, stamp, LedgerSource::undo);
  }
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
