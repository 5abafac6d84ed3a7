#include "web/ui/widgets.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include <imgui_internal.h>
#include <imgui_stdlib.h>

namespace nurture::ui {

const std::string& error_for(const std::map<std::string, std::string>& errors, const char* key) {
  static const std::string none;
  const auto it = errors.find(key);
  return it == errors.end() ? none : it->second;
}

bool button(Ui& ui, const char* label_text, ButtonKind kind, const char* mark, bool enabled) {
  const Palette& p = ui.pal;
  int colors = 0;
  auto push = [&colors](ImGuiCol slot, ImVec4 c) {
    ImGui::PushStyleColor(slot, c);
    ++colors;
  };
  switch (kind) {
    case ButtonKind::primary:
      push(ImGuiCol_Button, p.accent);
      push(ImGuiCol_ButtonHovered, p.accent_hover);
      push(ImGuiCol_ButtonActive, p.accent_hover);
      push(ImGuiCol_Text, p.accent_text);
      push(ImGuiCol_Border, p.accent);
      break;
    case ButtonKind::secondary:
      break;
    case ButtonKind::quiet:
      push(ImGuiCol_Button, ImVec4(0, 0, 0, 0));
      push(ImGuiCol_ButtonHovered, p.accent_soft);
      push(ImGuiCol_ButtonActive, p.accent_soft);
      push(ImGuiCol_Text, p.accent);
      push(ImGuiCol_Border, ImVec4(0, 0, 0, 0));
      break;
    case ButtonKind::subtle:
      push(ImGuiCol_Button, ImVec4(0, 0, 0, 0));
      push(ImGuiCol_ButtonHovered, p.accent_soft);
      push(ImGuiCol_ButtonActive, p.accent_soft);
      push(ImGuiCol_Text, p.muted);
      push(ImGuiCol_Border, ImVec4(0, 0, 0, 0));
      break;
    case ButtonKind::danger:
      push(ImGuiCol_Button, p.danger);
      push(ImGuiCol_ButtonHovered, p.danger);
      push(ImGuiCol_ButtonActive, p.danger);
      push(ImGuiCol_Text, p.dark ? p.bg : ImVec4(1, 1, 1, 1));
      push(ImGuiCol_Border, p.danger);
      break;
  }
  ImGui::PushFont(ui.fonts.strong);
  const bool slim = kind == ButtonKind::quiet || kind == ButtonKind::subtle;
  const ImVec2 pad = slim ? ImVec2(ui.px(8), ui.px(6)) : ImVec2(ui.px(16), ui.px(9));
  ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, pad);
  if (!enabled) ImGui::BeginDisabled();
  const bool pressed = ImGui::Button(label_text);
  if (!enabled) ImGui::EndDisabled();
  if (enabled && ImGui::IsItemHovered()) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
  if (mark != nullptr) ui.marks.mark(mark);
  ImGui::PopStyleVar();
  ImGui::PopFont();
  ImGui::PopStyleColor(colors);
  return pressed && enabled;
}

Card::Card(Ui& ui, float width, const ImVec4* fill, const ImVec4* border)
    : m_ui(ui),
      m_start(ImGui::GetCursorScreenPos()),
      m_width(width),
      m_pad(ui.px(24)),
      m_fill(col(fill != nullptr ? *fill : ui.pal.card)),
      m_border(col(border != nullptr ? *border : ui.pal.border)) {
  // Content goes to channel 1 so the background, whose height is known only at the end, can
  // be drawn under it in channel 0 within the same frame.
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->ChannelsSplit(2);
  dl->ChannelsSetCurrent(1);
  ImGui::SetCursorScreenPos(ImVec2(m_start.x + m_pad, m_start.y + m_pad));
  ImGui::BeginGroup();
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + inner_width());
  ImGui::PushItemWidth(inner_width());
}

Card::~Card() {
  ImGui::PopItemWidth();
  ImGui::PopTextWrapPos();
  ImGui::EndGroup();
  const float bottom = ImGui::GetItemRectMax().y + m_pad;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->ChannelsSetCurrent(0);
  const ImVec2 max(m_start.x + m_width, bottom);
  const float r = m_ui.px(12);
  dl->AddRectFilled(m_start, max, m_fill, r);
  dl->AddRect(m_start, max, m_border, r, 0, std::max(1.0F, m_ui.px(1)));
  dl->ChannelsMerge();
  ImGui::SetCursorScreenPos(m_start);
  ImGui::Dummy(ImVec2(m_width, bottom - m_start.y));
}

void title_text(Ui& ui, const char* text) {
  ImGui::PushFont(ui.fonts.title);
  ImGui::TextUnformatted(text);
  ImGui::PopFont();
}

void heading(Ui& ui, const char* text) {
  ImGui::PushFont(ui.fonts.h2);
  ImGui::TextWrapped("%s", text);
  ImGui::PopFont();
}

void paragraph(Ui& ui, const char* text, bool muted) {
  ImGui::PushStyleColor(ImGuiCol_Text, muted ? ui.pal.muted : ui.pal.text);
  ImGui::TextWrapped("%s", text);
  ImGui::PopStyleColor();
}

void caption(Ui& ui, const char* text, const ImVec4* color) {
  ImGui::PushFont(ui.fonts.small);
  ImGui::PushStyleColor(ImGuiCol_Text, color != nullptr ? *color : ui.pal.muted);
  ImGui::TextWrapped("%s", text);
  ImGui::PopStyleColor();
  ImGui::PopFont();
}

void small_text(Ui& ui, const char* text, const ImVec4* color) {
  ImGui::PushFont(ui.fonts.small);
  ImGui::PushStyleColor(ImGuiCol_Text, color != nullptr ? *color : ui.pal.muted);
  ImGui::TextUnformatted(text);
  ImGui::PopStyleColor();
  ImGui::PopFont();
}

void field_label(Ui& ui, const char* text) {
  small_text(ui, text);
  ImGui::SetCursorPosY(ImGui::GetCursorPosY() - ui.px(4));
}

void label(Ui& ui, const char* text) {
  ImGui::PushFont(ui.fonts.strong);
  ImGui::TextUnformatted(text);
  ImGui::PopFont();
}

void gap(Ui& ui, float design_px) { ImGui::Dummy(ImVec2(1, ui.px(design_px))); }

bool text_field(Ui& ui, const char* label_text, const char* mark, std::string& value,
                const std::string& error, float width, const char* hint, bool enabled, bool* left,
                bool secret) {
  ImGui::BeginGroup();
  field_label(ui, label_text);
  ImGui::PushID(mark);
  ImGui::SetNextItemWidth(width);
  if (!error.empty()) ImGui::PushStyleColor(ImGuiCol_Border, ui.pal.danger);
  if (!enabled) ImGui::BeginDisabled();
  // Secret fields (passphrases) are masked and ImGui refuses to copy them to the clipboard.
  const bool changed =
      ImGui::InputTextWithHint("##field", hint, &value, secret ? ImGuiInputTextFlags_Password : 0);
  if (!enabled) ImGui::EndDisabled();
  if (!error.empty()) ImGui::PopStyleColor();
  ui.marks.mark_input(mark);
  if (left != nullptr) *left = ImGui::IsItemDeactivatedAfterEdit();
  // A focused field gets an accent outline, so the place where typing goes is never in doubt.
  if (ImGui::IsItemActive() || (ImGui::IsItemFocused() && ImGui::GetIO().NavVisible)) {
    ImGui::GetWindowDrawList()->AddRect(ImGui::GetItemRectMin(), ImGui::GetItemRectMax(), col(ui.pal.accent),
                                        ImGui::GetStyle().FrameRounding, 0, ui.px(1.5F));
  }
  ImGui::PopID();
  // The error line is reserved even when empty: an error appearing as the user leaves a field
  // must not move the button they are clicking (the click would land on empty space).
  ImGui::SetCursorPosY(ImGui::GetCursorPosY() - ui.px(6));
  if (!error.empty()) {
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width);
    caption(ui, error.c_str(), &ui.pal.danger);
    ImGui::PopTextWrapPos();
  } else {
    ImGui::PushFont(ui.fonts.small);
    ImGui::Dummy(ImVec2(width, ImGui::GetTextLineHeight()));
    ImGui::PopFont();
  }
  ImGui::EndGroup();
  return changed;
}

void chip(Ui& ui, const char* text) {
  ImGui::PushFont(ui.fonts.small);
  const ImVec2 ts = ImGui::CalcTextSize(text);
  const ImVec2 pad(ui.px(9), ui.px(3));
  const ImVec2 pos = ImGui::GetCursorScreenPos();
  const ImVec2 size(ts.x + pad.x * 2, ts.y + pad.y * 2);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(pos, ImVec2(pos.x + size.x, pos.y + size.y), col(ui.pal.accent_soft), size.y * 0.5F);
  dl->AddText(ImVec2(pos.x + pad.x, pos.y + pad.y), col(ui.pal.accent), text);
  ImGui::Dummy(size);
  ImGui::PopFont();
}

void icon_badge(Ui& ui, Icon icon, float size) {
  const ImVec2 pos = ImGui::GetCursorScreenPos();
  const float d = ui.px(size);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 c(pos.x + d * 0.5F, pos.y + d * 0.5F);
  dl->AddCircleFilled(c, d * 0.5F, col(ui.pal.accent_soft), 40);
  draw_icon(dl, icon, c, d * 0.46F, col(ui.pal.accent));
  ImGui::Dummy(ImVec2(d, d));
}

void keep_keyboard_focus_reachable() {
  ImGuiContext& g = *GImGui;
  // Dear ImGui 1.90.1 leaves the navigation focus scope at 0 when Escape takes the focus out of a
  // child window to its parent (NavUpdateCancelRequest). Every item lives in its window's scope,
  // so from then on Tab lands nowhere and SetKeyboardFocusHere (Ctrl+F) does nothing: a keyboard
  // user who left a lead with Escape was stuck. The scope the focus went to is the window's own.
  if (g.NavWindow != nullptr && g.NavFocusScopeId == 0) g.NavFocusScopeId = g.NavWindow->NavRootFocusScopeId;
  // Tab moves on from the focused item, so when that item was not drawn this frame (the lead it
  // belonged to was closed) Tab would find nothing to move from. Forget it: the next Tab starts
  // at the window's first field, as in a page that has just opened.
  if (g.NavId != 0 && !g.NavIdIsAlive && g.ActiveId == 0) {
    g.NavId = 0;
    g.NavDisableHighlight = true;
  }
}

void draw_focus_ring(const Palette& pal, float scale) {
  const ImGuiContext& g = *ImGui::GetCurrentContext();
  ImGuiWindow* window = g.NavWindow;
  if (window == nullptr || g.NavId == 0 || !g.NavIdIsAlive || g.NavDisableHighlight) return;
  const ImRect item = ImGui::WindowRectRelToAbs(window, window->NavRectRel[g.NavLayer]);
  if (item.IsInverted() || item.GetWidth() <= 0 || item.GetHeight() <= 0) return;
  // Thick enough to find at a glance (WCAG 2.4.11 asks for at least 2 CSS px): 3 design px, 4
  // in high contrast, with a gap so it never hides the item's own border.
  const float thick = std::max(2.0F, std::round((pal.high_contrast ? 4.0F : 3.0F) * scale));
  const float gap_px = std::max(1.0F, std::round(2.0F * scale));
  ImRect ring = item;
  ring.Expand(gap_px + thick * 0.5F);
  // The ring may reach past the item, but not past the window that scrolls it.
  ImRect clip = window->InnerClipRect;
  clip.Expand(gap_px + thick);
  clip.ClipWithFull(window->Rect());
  if (!clip.Overlaps(ring)) return;
  ImDrawList* dl = ImGui::GetForegroundDrawList();
  dl->PushClipRect(clip.Min, clip.Max);
  const float rounding = g.Style.FrameRounding + gap_px + thick * 0.5F;
  // A thin ring of the page colour inside the accent keeps it visible on accent-filled buttons.
  dl->AddRect(ImVec2(ring.Min.x + thick * 0.5F, ring.Min.y + thick * 0.5F),
              ImVec2(ring.Max.x - thick * 0.5F, ring.Max.y - thick * 0.5F), col(pal.bg),
              rounding - thick * 0.5F, 0, gap_px);
  dl->AddRect(ring.Min, ring.Max, col(pal.accent), rounding, 0, thick);
  dl->PopClipRect();
}

bool keyboard_activates_last_item() {
  // The conditions under which ImGui's NavUpdate turns Enter or Space into an activation of
  // the focused item (imgui.cpp, "Process manual activation request").
  const ImGuiContext& g = *ImGui::GetCurrentContext();
  return g.NavId != 0 && g.NavId == g.LastItemData.ID && !g.NavDisableHighlight && g.ActiveId == 0 &&
         g.NavWindow != nullptr && (g.NavWindow->Flags & ImGuiWindowFlags_NoNavInputs) == 0 &&
         (g.LastItemData.InFlags & ImGuiItemFlags_Disabled) == 0;
}

std::string format_clock(std::int64_t t, int offset_minutes) {
  const std::int64_t local_minutes = t / 60000 + offset_minutes;
  const std::int64_t day_minutes = ((local_minutes % 1440) + 1440) % 1440;
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d:%02d", static_cast<int>(day_minutes / 60),
                static_cast<int>(day_minutes % 60));
  return buf;
}

}  // namespace nurture::ui
