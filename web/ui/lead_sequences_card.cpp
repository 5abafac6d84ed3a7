// The lead view's Sequences card: where this lead is in the practice's sequences, enrolment by
// hand ("by hand from a lead"), and ending an enrolment. Both go through commands (Ctrl+Z).
#include <imgui.h>

#include "core/commands/command.hpp"
#include "web/ui/format.hpp"
#include "web/ui/lead_view.hpp"
#include "web/ui/widgets.hpp"

namespace nurture::ui {

void LeadView::sequences_card(Ui& ui, float width) {
  const Workspace& ws = ui.session.workspace();
  Card card(ui, width);
  heading(ui, "Sequences");
  const float inner = card.inner_width();
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + inner);
  bool any = false;
  for (const auto& e : ws.enrollments) {
    if (e.lead != m_id) continue;
    const Sequence* seq = find_item(ws.sequences, e.sequence);
    if (seq == nullptr) continue;
    any = true;
    ImGui::PushID(e.key.c_str());
    const int offset = ui.platform.local_utc_offset_minutes(e.enrolled_at);
    std::string line = seq->name + "  ·  since " + format_day(e.enrolled_at, offset);
    if (e.ended_at != 0)
      line += "  ·  ended: " + (e.end_reason.empty() ? std::string("by hand") : e.end_reason);
    label(ui, line.c_str());
    caption(ui, e.reason.c_str());
    if (e.ended_at == 0 && !m_deleted &&
        button(ui, "End", ButtonKind::quiet, ("lead.sequence.end." + e.sequence).c_str(), ui.editable())) {
      const CommandResult r =
          ui.mutable_session.execute(EndEnrollments{{e.key}, "ended by hand", ui.platform.now_ms()});
      report(ui, r, "Enrolment ended. Undo with Ctrl+Z.");
      ImGui::PopID();
      break;  // the enrolments changed under the loop
    }
    ImGui::PopID();
  }
  if (!any) caption(ui, "Not in any sequence yet.");
  ImGui::PopTextWrapPos();
  if (m_deleted) return;

  gap(ui, 6);
  const Sequence* chosen = find_item(ws.sequences, m_enrol_sequence);
  ImGui::SetNextItemWidth(std::min(inner, ui.px(240)));
  if (ImGui::BeginCombo("##enrol", chosen != nullptr ? chosen->name.c_str() : "Choose a sequence")) {
    for (const auto& s : ws.sequences) {
      if (s.deleted) continue;
      if (ImGui::Selectable(s.name.c_str(), s.id == m_enrol_sequence)) m_enrol_sequence = s.id;
      ui.marks.mark("lead.enrol_sequence." + s.id);
    }
    ImGui::EndCombo();
  }
  ui.marks.mark("lead.enrol_sequence");
  ImGui::SameLine();
  if (button(ui, "Enrol", ButtonKind::secondary, "lead.enrol", ui.editable() && chosen != nullptr)) {
    const UnixMillis now = ui.platform.now_ms();
    const CommandResult r = ui.mutable_session.execute(Enroll{chosen->id, {m_id}, now, "manual", now});
    m_result_ok = r.ok;
    m_result = r.ok ? r.message + ". Undo with Ctrl+Z." : r.message;
    ui.announce(m_result);
  }
}

}  // namespace nurture::ui
