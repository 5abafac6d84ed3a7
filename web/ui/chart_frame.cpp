#include "web/ui/chart_frame.hpp"

#include <algorithm>

#include "web/ui/widgets.hpp"

namespace nurture::ui {

void chart_gridline(Ui& ui, float plot_x, float plot_w, float y, bool base, const char* label) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddLine(ImVec2(plot_x, y), ImVec2(plot_x + plot_w, y), col(base ? ui.pal.control : ui.pal.border),
              ui.px(1));
  const ImVec2 ts = ImGui::CalcTextSize(label);
  dl->AddText(ImVec2(plot_x - ui.px(8) - ts.x, y - ts.y * 0.5F), col(ui.pal.muted), label);
}

void chart_tooltip(Ui& ui, ImVec2 item_min, ImVec2 item_max, ImVec2 area_min, ImVec2 area_max,
                   const std::vector<TipLine>& lines, const char* mark) {
  ImDrawList* fg = ImGui::GetForegroundDrawList();
  const float pad = ui.px(10);
  const float line_h = ImGui::GetTextLineHeightWithSpacing();
  float w = 0;
  for (std::size_t k = 0; k < lines.size(); ++k) {
    ImGui::PushFont(k == 0 ? ui.fonts.strong : ui.fonts.body);
    w = std::max(w, ImGui::CalcTextSize(lines[k].text.c_str()).x);
    ImGui::PopFont();
  }
  const ImVec2 size(w + 2 * pad, line_h * static_cast<float>(lines.size()) + 2 * pad - ui.px(4));
  ImVec2 p(item_max.x + ui.px(10), item_min.y);
  if (p.x + size.x > area_max.x) p.x = item_min.x - size.x - ui.px(10);
  if (p.x < area_min.x)
    p.x = std::max(area_min.x, std::min(area_max.x - size.x, ImGui::GetIO().MousePos.x + ui.px(14)));
  p.y = std::clamp(p.y, area_min.y, std::max(area_min.y, area_max.y - size.y));
  fg->AddRectFilled(ImVec2(p.x + ui.px(2), p.y + ui.px(3)),
                    ImVec2(p.x + size.x + ui.px(2), p.y + size.y + ui.px(3)), IM_COL32(0, 0, 0, 28),
                    ui.px(8));
  fg->AddRectFilled(p, ImVec2(p.x + size.x, p.y + size.y), col(ui.pal.card), ui.px(8));
  fg->AddRect(p, ImVec2(p.x + size.x, p.y + size.y), col(ui.pal.control), ui.px(8));
  float y = p.y + pad;
  for (std::size_t k = 0; k < lines.size(); ++k) {
    ImGui::PushFont(k == 0 ? ui.fonts.strong : ui.fonts.body);
    fg->AddText(ImVec2(p.x + pad, y), col(lines[k].colour), lines[k].text.c_str());
    ImGui::PopFont();
    y += line_h;
  }
  ui.marks.mark_rect(mark, p, ImVec2(p.x + size.x, p.y + size.y));
}

}  // namespace nurture::ui
