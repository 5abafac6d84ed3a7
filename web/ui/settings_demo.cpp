// Settings: the demo practice card. Loading the demo or starting over empty replaces the whole
// workspace, so each asks first and says exactly what goes; both stay undoable (Ctrl+Z).
#include <algorithm>
#include <string>

#include "core/demo/demo_practice.hpp"
#include "core/util/text.hpp"
#include "web/ui/settings_catalog.hpp"
#include "web/ui/settings_page.hpp"
#include "web/ui/welcome.hpp"
#include "web/ui/widgets.hpp"

namespace nurture::ui {

namespace {

std::string what_goes(const Workspace& ws) {
  if (ws.is_empty()) return "Your workspace is empty, so nothing is lost.";
  const std::string name =
      ws.practice.name.empty() ? std::string("your practice") : "“" + ws.practice.name + "”";
  return "This replaces " + name + ": " + count_noun(ws.leads.size(), "lead", "leads") + ", " +
         count_noun(ws.events.size(), "event", "events") +
         ", the practice profile, treatments, lead sources and "
         "content. You can undo it right after with Ctrl+Z; to keep a copy, export first.";
}

}  // namespace

void SettingsPage::demo_card(Ui& ui, float width) {
  Card card(ui, width);
  heading(ui, "Demo practice");
  caption(ui,
          "Lumen Aesthetics & Laser is a fictional practice with 2,000 invented leads and a year of history, "
          "for trying Nurture without real patient data.");
  gap(ui, 6);
  const bool editable = ui.editable();
  if (button(ui, "Load the demo practice", ButtonKind::secondary, "settings.demo.load", editable)) {
    m_demo_confirm = DemoAction::load;
  }
  ImGui::SameLine(0, ui.px(10));
  if (button(ui, "Start over with an empty practice", ButtonKind::secondary, "settings.demo.empty",
             editable && !ui.session.workspace().is_empty())) {
    m_demo_confirm = DemoAction::empty;
  }
  if (!m_demo_result.empty()) {
    caption(ui, m_demo_result.c_str(), &ui.pal.success);
    ui.marks.mark("settings.demo.result");
  }
  if (m_demo_confirm != DemoAction::none && !ImGui::IsPopupOpen("demo_confirm"))
    ImGui::OpenPopup("demo_confirm");
}

void SettingsPage::demo_modal(Ui& ui) {
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(ui.px(28), ui.px(24)));
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(vp->GetCenter(), ImGuiCond_Always, ImVec2(0.5F, 0.5F));
  ImGui::SetNextWindowSize(ImVec2(std::min(ui.px(480), vp->Size.x - ui.px(40)), 0));
  if (ImGui::BeginPopupModal("demo_confirm", nullptr,
                             ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoMove)) {
    const bool load = m_demo_confirm == DemoAction::load;
    heading(ui, load ? "Load the demo practice?" : "Start over with an empty practice?");
    const std::string msg = what_goes(ui.session.workspace());
    paragraph(ui, msg.c_str(), true);
    gap(ui, 8);
    if (button(ui, load ? "Load the demo" : "Start over empty",
               load ? ButtonKind::primary : ButtonKind::danger, "settings.demo.confirm")) {
      m_demo_result = load ? load_demo(ui) : start_empty(ui);
      m_demo_confirm = DemoAction::none;
      ImGui::CloseCurrentPopup();
    }
    ImGui::SameLine(0, ui.px(10));
    if (button(ui, "Cancel", ButtonKind::secondary, "settings.demo.cancel") ||
        ImGui::IsKeyPressed(ImGuiKey_Escape)) {
      m_demo_confirm = DemoAction::none;
      ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
  }
  ImGui::PopStyleVar();
}

}  // namespace nurture::ui
