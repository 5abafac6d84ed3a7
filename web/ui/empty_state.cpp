#include "web/ui/empty_state.hpp"

#include <algorithm>
#include <string>

#include "web/ui/widgets.hpp"

namespace nurture::ui {

float content_width(Ui& ui) { return std::min(ImGui::GetContentRegionAvail().x, ui.px(760)); }

EmptyAction draw_empty_state(Ui& ui, const EmptyState& state, float width,
                             const std::function<void(float)>& extra) {
  EmptyAction action = EmptyAction::none;
  Card card(ui, width);
  icon_badge(ui, state.icon, 48);
  gap(ui, 4);
  heading(ui, state.title);
  paragraph(ui, state.what);
  gap(ui, 2);
  paragraph(ui, state.why, true);
  if (!state.steps.empty()) {
    gap(ui, 6);
    label(ui, "First steps");
    int n = 1;
    for (const char* step : state.steps) {
      // Numbered circles read as a sequence, unlike bullets.
      const ImVec2 pos = ImGui::GetCursorScreenPos();
      const float d = ui.px(22);
      ImDrawList* dl = ImGui::GetWindowDrawList();
      const ImVec2 c(pos.x + d * 0.5F, pos.y + ImGui::GetTextLineHeight() * 0.5F);
      dl->AddCircleFilled(c, d * 0.5F, col(ui.pal.accent_soft), 24);
      ImGui::PushFont(ui.fonts.small);
      const std::string num = std::to_string(n++);
      const ImVec2 ts = ImGui::CalcTextSize(num.c_str());
      dl->AddText(ImVec2(c.x - ts.x * 0.5F, c.y - ts.y * 0.5F), col(ui.pal.accent), num.c_str());
      ImGui::PopFont();
      ImGui::SetCursorScreenPos(ImVec2(pos.x + d + ui.px(10), pos.y));
      ImGui::TextWrapped("%s", step);
    }
  }
  if (extra) {
    gap(ui, 6);
    extra(card.inner_width());
  }
  if (state.primary != nullptr || state.secondary != nullptr) {
    gap(ui, 8);
    if (state.primary != nullptr && button(ui, state.primary, ButtonKind::primary, state.primary_mark)) {
      action = EmptyAction::primary;
    }
    if (state.secondary != nullptr) {
      if (state.primary != nullptr) ImGui::SameLine(0, ui.px(10));
      if (button(ui, state.secondary, ButtonKind::secondary, state.secondary_mark))
        action = EmptyAction::secondary;
    }
  }
  return action;
}

}  // namespace nurture::ui
