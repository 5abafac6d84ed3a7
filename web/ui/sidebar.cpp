#include "web/ui/sidebar.hpp"

#include <string>

#include <imgui_internal.h>

#include "core/util/text.hpp"
#include "web/ui/widgets.hpp"

namespace nurture::ui {

namespace {

void brand(Ui& ui) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 pos = ImGui::GetCursorScreenPos();
  const float m = ui.px(32);
  // The mark: a rounded teal tile holding a sprouting leaf (nurture, growth).
  dl->AddRectFilled(pos, ImVec2(pos.x + m, pos.y + m), col(ui.pal.accent), ui.px(9));
  const ImU32 on = col(ui.pal.accent_text);
  const ImVec2 c(pos.x + m * 0.5F, pos.y + m * 0.5F);
  const float w = ui.px(2);
  dl->AddLine(ImVec2(c.x, c.y + m * 0.28F), ImVec2(c.x, c.y - m * 0.05F), on, w);
  dl->AddBezierCubic(ImVec2(c.x, c.y - m * 0.02F), ImVec2(c.x - m * 0.02F, c.y - m * 0.3F),
                     ImVec2(c.x - m * 0.26F, c.y - m * 0.28F), ImVec2(c.x - m * 0.26F, c.y - m * 0.28F), on,
                     w);
  dl->AddBezierCubic(ImVec2(c.x - m * 0.26F, c.y - m * 0.28F), ImVec2(c.x - m * 0.26F, c.y - m * 0.02F),
                     ImVec2(c.x - m * 0.1F, c.y + m * 0.02F), ImVec2(c.x, c.y - m * 0.02F), on, w);
  dl->AddBezierCubic(ImVec2(c.x, c.y + m * 0.08F), ImVec2(c.x + m * 0.04F, c.y - m * 0.16F),
                     ImVec2(c.x + m * 0.24F, c.y - m * 0.14F), ImVec2(c.x + m * 0.26F, c.y - m * 0.12F), on,
                     w);
  dl->AddBezierCubic(ImVec2(c.x + m * 0.26F, c.y - m * 0.12F), ImVec2(c.x + m * 0.24F, c.y + m * 0.08F),
                     ImVec2(c.x + m * 0.1F, c.y + m * 0.12F), ImVec2(c.x, c.y + m * 0.08F), on, w);

  const float text_x = pos.x + m + ui.px(12);
  ImGui::SetCursorScreenPos(ImVec2(text_x, pos.y - ui.px(2)));
  ImGui::PushFont(ui.fonts.h2);
  ImGui::TextUnformatted("Nurture");
  ImGui::PopFont();
  const std::string& name = ui.session.workspace().practice.name;
  const bool named = !trim(name).empty();
  ImGui::SetCursorScreenPos(ImVec2(text_x, ImGui::GetCursorScreenPos().y - ui.px(8)));
  ImGui::PushFont(ui.fonts.small);
  ImGui::PushStyleColor(ImGuiCol_Text, ui.pal.muted);
  // Long names are clipped to the sidebar rather than wrapped under the logo.
  const float right = ImGui::GetWindowPos().x + ImGui::GetWindowWidth() - ui.px(16);
  const ImVec2 tp = ImGui::GetCursorScreenPos();
  ImGui::RenderTextEllipsis(dl, tp, ImVec2(right, tp.y + ImGui::GetTextLineHeight()), right, right,
                            named ? name.c_str() : "Your practice", nullptr, nullptr);
  ImGui::Dummy(ImVec2(1, ImGui::GetTextLineHeight()));
  ImGui::PopStyleColor();
  ImGui::PopFont();
  ImGui::SetCursorScreenPos(ImVec2(pos.x, pos.y + m + ui.px(28)));
}

bool nav_item(Ui& ui, const PageInfo& info, bool selected, float w) {
  const float h = ui.px(38);
  const ImVec2 pos = ImGui::GetCursorScreenPos();
  const bool pressed = ImGui::InvisibleButton(info.mark, ImVec2(w, h));
  const bool hovered = ImGui::IsItemHovered();
  if (hovered) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
  ui.marks.mark(info.mark);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 max(pos.x + w, pos.y + h);
  const float r = ui.px(8);
  if (selected) {
    dl->AddRectFilled(pos, max, col(ui.pal.accent_soft), r);
    dl->AddRectFilled(ImVec2(pos.x, pos.y + ui.px(9)), ImVec2(pos.x + ui.px(3), max.y - ui.px(9)),
                      col(ui.pal.accent), ui.px(2));
  } else if (hovered) {
    dl->AddRectFilled(pos, max, col(ui.pal.hover), r);
  }
  const ImU32 fg = col(selected ? ui.pal.accent : ui.pal.muted);
  draw_icon(dl, info.icon, ImVec2(pos.x + ui.px(22), pos.y + h * 0.5F), ui.px(17), fg);
  ImGui::PushFont(selected ? ui.fonts.strong : ui.fonts.body);
  const float th = ImGui::GetTextLineHeight();
  dl->AddText(ImVec2(pos.x + ui.px(42), pos.y + (h - th) * 0.5F), col(selected ? ui.pal.text : ui.pal.muted),
              info.label);
  ImGui::PopFont();
  return pressed;
}

}  // namespace

void draw_sidebar(Ui& ui, Page current) {
  const ImVec2 wp = ImGui::GetWindowPos();
  const ImVec2 ws = ImGui::GetWindowSize();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(wp, ImVec2(wp.x + ws.x, wp.y + ws.y), col(ui.pal.sidebar));
  dl->AddLine(ImVec2(wp.x + ws.x - 1, wp.y), ImVec2(wp.x + ws.x - 1, wp.y + ws.y), col(ui.pal.border),
              std::max(1.0F, ui.px(1)));

  const float pad = ui.px(16);
  // Layout starts from the cursor, not the window, so it moves when the sidebar scrolls.
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  ImGui::SetCursorScreenPos(ImVec2(wp.x + pad + ui.px(4), origin.y + ui.px(22)));
  brand(ui);

  ImGui::SetCursorScreenPos(ImVec2(wp.x + pad, ImGui::GetCursorScreenPos().y));
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(0, ui.px(2)));
  ImGui::BeginGroup();
  ImGui::PushItemWidth(ws.x - 2 * pad);
  for (const Page page : k_pages) {
    if (page == Page::settings) {
      // Settings sits apart from the daily work pages.
      gap(ui, 10);
      dl->AddLine(ImVec2(wp.x + pad, ImGui::GetCursorScreenPos().y - ui.px(6)),
                  ImVec2(wp.x + ws.x - pad, ImGui::GetCursorScreenPos().y - ui.px(6)), col(ui.pal.border));
    }
    ImGui::SetCursorScreenPos(ImVec2(wp.x + pad, ImGui::GetCursorScreenPos().y));
    if (nav_item(ui, page_info(page), page == current, ws.x - 2 * pad)) ui.go_to = page;
  }
  ImGui::PopItemWidth();
  ImGui::EndGroup();
  ImGui::PopStyleVar();

  // The privacy promise, always in view.
  const float foot_y = wp.y + ws.y - ui.px(64);
  if (ImGui::GetCursorScreenPos().y < foot_y) {
    ImGui::SetCursorScreenPos(ImVec2(wp.x + pad + ui.px(4), foot_y));
    draw_icon(dl, Icon::lock, ImVec2(wp.x + pad + ui.px(11), foot_y + ui.px(9)), ui.px(13),
              col(ui.pal.faint));
    ImGui::SetCursorScreenPos(ImVec2(wp.x + pad + ui.px(26), foot_y));
    ImGui::PushTextWrapPos(ws.x - pad);
    caption(ui, "Stored only in this browser. Nothing is sent anywhere.", &ui.pal.faint);
    ImGui::PopTextWrapPos();
  }
}

}  // namespace nurture::ui
