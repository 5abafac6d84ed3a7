#include "web/ui/leads_page.hpp"

#include <imgui_stdlib.h>

#include "web/ui/empty_state.hpp"
#include "web/ui/widgets.hpp"

namespace nurture::ui {

void LeadsPage::draw(Ui& ui) {
  const float width = content_width(ui);
  if (ui.focus_search) {
    // Takes effect on the next frame; the host draws a few frames after every key press.
    ImGui::SetKeyboardFocusHere();
    ui.focus_search = false;
  }
  ImGui::SetNextItemWidth(width);
  ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(ui.px(14), ui.px(10)));
  ImGui::InputTextWithHint("##search", "Search leads by name, email, phone or tag   (Ctrl+F)", &m_search);
  ImGui::PopStyleVar();
  ui.marks.mark_input("leads.search");
  if (ImGui::IsItemActive()) {
    ImGui::GetWindowDrawList()->AddRect(ImGui::GetItemRectMin(), ImGui::GetItemRectMax(), col(ui.pal.accent),
                                        ImGui::GetStyle().FrameRounding, 0, ui.px(1.5F));
  }
  gap(ui, 8);

  if (!m_search.empty()) {
    const std::string msg = "No leads match “" + m_search + "”. There are no leads in this workspace yet.";
    caption(ui, msg.c_str());
    gap(ui, 8);
  }
  EmptyState st;
  st.icon = Icon::leads;
  st.title = "No leads yet";
  st.what =
      "Everyone who has shown interest in your practice, with their contact details, source, treatment "
      "interests, consent and where they are in the funnel.";
  st.why =
      "Leads scattered across lead-ad exports, inboxes and spreadsheets go cold. In one place, each gets the "
      "right follow-up at the right time.";
  st.steps = {"Export your leads from Meta lead ads, Mailchimp, HubSpot or your booking system as CSV.",
              "Import the file: Nurture shows a preview and keeps an undo point.",
              "Check consent: only leads who agreed are messaged on each channel."};
  st.primary = "See supported files";
  st.primary_mark = "leads.import";
  if (draw_empty_state(ui, st, width) == EmptyAction::primary) ui.go_to = Page::import_export;
}

}  // namespace nurture::ui
