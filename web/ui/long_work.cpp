#include "web/ui/long_work.hpp"

#include <algorithm>
#include <cmath>

#include "web/ui/widgets.hpp"

namespace nurture::ui {

std::string percent_text(double fraction) {
  const double clamped = std::clamp(std::isfinite(fraction) ? fraction : 0.0, 0.0, 1.0);
  return std::to_string(static_cast<int>(std::floor(clamped * 100.0))) + " %";
}

void progress_bar(Ui& ui, double fraction, float width, const char* mark) {
  const double clamped = std::clamp(std::isfinite(fraction) ? fraction : 0.0, 0.0, 1.0);
  const std::string text = percent_text(clamped);
  ImGui::ProgressBar(static_cast<float>(clamped), ImVec2(width, ui.px(20)), text.c_str());
  ui.marks.mark(mark);
}

bool progress_dialog(Ui& ui, const ProgressDialog& d, bool open, bool running) {
  if (open) ImGui::OpenPopup(d.popup_id);
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(ImVec2(vp->Pos.x + vp->Size.x * 0.5F, vp->Pos.y + vp->Size.y * 0.4F),
                          ImGuiCond_Always, ImVec2(0.5F, 0.5F));
  ImGui::SetNextWindowSize(ImVec2(std::min(ui.px(440), vp->Size.x - ui.px(32)), 0));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(ui.px(24), ui.px(20)));
  const bool shown = ImGui::BeginPopupModal(d.popup_id, nullptr,
                                            ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize |
                                                ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings);
  ImGui::PopStyleVar();
  if (!shown) return false;
  bool cancelled = false;
  if (!running) {
    ImGui::CloseCurrentPopup();
  } else {
    heading(ui, d.title.c_str());
    caption(ui, d.text.c_str());
    gap(ui, 6);
    progress_bar(ui, d.fraction, ImGui::GetContentRegionAvail().x, d.progress_mark);
    gap(ui, 8);
    if (button(ui, "Cancel", ButtonKind::secondary, d.cancel_mark) || ImGui::IsKeyPressed(ImGuiKey_Escape)) {
      cancelled = true;
      ImGui::CloseCurrentPopup();
    }
  }
  ImGui::EndPopup();
  return cancelled;
}

}  // namespace nurture::ui
