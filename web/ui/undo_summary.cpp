#include "web/ui/undo_summary.hpp"

#include "web/ui/widgets.hpp"

namespace nurture::ui {

void UndoSummary::record(Ui& ui, std::string summary) {
  m_summary = std::move(summary);
  m_revision_after = ui.session.revision();
  ui.announce(m_summary);
}

bool UndoSummary::draw(Ui& ui, const char* undo_label, const std::string& undone, Marks marks) {
  icon_badge(ui, Icon::check, 40);
  gap(ui, 4);
  label(ui, m_summary.c_str());
  ui.marks.mark(marks.summary);
  gap(ui, 6);
  const bool can_undo =
      ui.session.can_undo() && m_revision_after != 0 && ui.session.revision() == m_revision_after;
  if (!button(ui, undo_label, ButtonKind::secondary, marks.undo, can_undo && ui.editable())) return false;
  ui.mutable_session.undo();
  m_summary = undone;
  m_revision_after = 0;
  ui.announce(m_summary);
  return true;
}

}  // namespace nurture::ui
