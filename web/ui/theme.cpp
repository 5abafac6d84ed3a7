#include "web/ui/theme.hpp"

#include <algorithm>
#include <cmath>

namespace nurture::ui {

namespace {

constexpr ImVec4 rgb(unsigned hex, float a = 1.0F) {
  return ImVec4(static_cast<float>((hex >> 16) & 0xFF) / 255.0F,
                static_cast<float>((hex >> 8) & 0xFF) / 255.0F, static_cast<float>(hex & 0xFF) / 255.0F, a);
}

// Light: warm-neutral greys so the teal reads as the only colour on the page. Text on the
// accent is white (4.8:1 on #2f7d78).
const Palette k_light{
    .dark = false,
    .bg = rgb(0xf5f6f7),
    .sidebar = rgb(0xfbfbfc),
    .card = rgb(0xffffff),
    .input = rgb(0xffffff),
    .border = rgb(0xe1e4e8),
    .control = rgb(0xcdd2d9),
    .text = rgb(0x1d2330),
    .muted = rgb(0x5b6472),
    .faint = rgb(0x8b93a0),
    .accent = rgb(0x2f7d78),
    .accent_hover = rgb(0x276a66),
    .accent_text = rgb(0xffffff),
    .accent_soft = rgb(0xe4f1ef),
    .hover = rgb(0x1d2330, 0.05F),
    .success = rgb(0x2e7d4f),
    .warning = rgb(0x8a5a00),
    .warning_bg = rgb(0xfdf3e1),
    .danger = rgb(0xb93a34),
    .danger_bg = rgb(0xfbeaea),
    .info_bg = rgb(0xe8f2f1),
};

// Dark: blue-grey surfaces stepping up in lightness (bg < sidebar < card); the lighter teal
// carries dark text (7:1) instead of white.
const Palette k_dark{
    .dark = true,
    .bg = rgb(0x14171c),
    .sidebar = rgb(0x181c22),
    .card = rgb(0x1e232a),
    .input = rgb(0x15191e),
    .border = rgb(0x2d333c),
    .control = rgb(0x3b424d),
    .text = rgb(0xe7eaf0),
    .muted = rgb(0xa0a8b5),
    .faint = rgb(0x6d7683),
    .accent = rgb(0x4fb3ab),
    .accent_hover = rgb(0x62c2ba),
    .accent_text = rgb(0x0c1f1d),
    .accent_soft = rgb(0x1d3634),
    .hover = rgb(0xffffff, 0.05F),
    .success = rgb(0x6cc494),
    .warning = rgb(0xf0c674),
    .warning_bg = rgb(0x342b18),
    .danger = rgb(0xf0807a),
    .danger_bg = rgb(0x3a1f1f),
    .info_bg = rgb(0x1b2d2c),
};

// High contrast: pure black and white, a strong yellow accent, every text colour ≥ 7:1 on every
// surface it sits on (tests/ui/theme_contrast_test.cpp). Surfaces stay black; structure comes
// from outlines instead of grey fills, and selection from yellow outlines and a deep olive fill.
const Palette k_high_contrast{
    .dark = true,
    .high_contrast = true,
    .bg = rgb(0x000000),
    .sidebar = rgb(0x000000),
    .card = rgb(0x000000),
    .input = rgb(0x000000),
    .border = rgb(0xc8c8c8),
    .control = rgb(0xffffff),
    .text = rgb(0xffffff),
    .muted = rgb(0xe6e6e6),
    .faint = rgb(0xc8c8c8),
    .accent = rgb(0xffd600),
    .accent_hover = rgb(0xffe55c),
    .accent_text = rgb(0x000000),
    .accent_soft = rgb(0x2e2a00),
    .hover = rgb(0xffffff, 0.14F),
    .success = rgb(0x7dff9e),
    .warning = rgb(0xffc061),
    .warning_bg = rgb(0x2b1d00),
    .danger = rgb(0xff9c96),
    .danger_bg = rgb(0x2e0000),
    .info_bg = rgb(0x00222b),
};

float luminance(const ImVec4& c) {
  auto lin = [](float v) { return v <= 0.04045F ? v / 12.92F : std::pow((v + 0.055F) / 1.055F, 2.4F); };
  return 0.2126F * lin(c.x) + 0.7152F * lin(c.y) + 0.0722F * lin(c.z);
}

}  // namespace

const Palette& palette(bool dark) { return dark ? k_dark : k_light; }

const Palette& high_contrast_palette() { return k_high_contrast; }

float contrast_ratio(const ImVec4& a, const ImVec4& b) {
  const float la = luminance(a);
  const float lb = luminance(b);
  return (std::max(la, lb) + 0.05F) / (std::min(la, lb) + 0.05F);
}

ImU32 col(const ImVec4& c, float a) { return ImGui::ColorConvertFloat4ToU32(ImVec4(c.x, c.y, c.z, c.w * a)); }

ImGuiStyle make_style(const Palette& p) {
  ImGuiStyle s;
  // Generous, even spacing; rounded but not bubbly.
  s.WindowPadding = ImVec2(0, 0);
  s.FramePadding = ImVec2(12, 8);
  s.ItemSpacing = ImVec2(10, 10);
  s.ItemInnerSpacing = ImVec2(8, 6);
  s.CellPadding = ImVec2(8, 6);
  s.IndentSpacing = 20;
  s.ScrollbarSize = 12;
  s.GrabMinSize = 14;
  s.WindowRounding = 12;
  s.ChildRounding = 10;
  s.FrameRounding = 7;
  s.PopupRounding = 10;
  s.ScrollbarRounding = 8;
  s.GrabRounding = 7;
  s.WindowBorderSize = 0;
  s.ChildBorderSize = 0;
  s.PopupBorderSize = 1;
  s.FrameBorderSize = 1;
  s.WindowTitleAlign = ImVec2(0, 0.5F);
  s.SelectableTextAlign = ImVec2(0, 0.5F);
  s.DisplaySafeAreaPadding = ImVec2(0, 0);

  ImVec4* c = s.Colors;
  const ImVec4 none(0, 0, 0, 0);
  auto with_alpha = [](ImVec4 v, float a) { return ImVec4(v.x, v.y, v.z, a); };
  c[ImGuiCol_Text] = p.text;
  c[ImGuiCol_TextDisabled] = p.faint;
  c[ImGuiCol_WindowBg] = p.bg;
  c[ImGuiCol_ChildBg] = none;
  c[ImGuiCol_PopupBg] = p.card;
  c[ImGuiCol_Border] = p.control;
  c[ImGuiCol_BorderShadow] = none;
  c[ImGuiCol_FrameBg] = p.input;
  c[ImGuiCol_FrameBgHovered] = p.dark ? with_alpha(p.accent_soft, 0.55F) : ImVec4(0.985F, 0.99F, 0.99F, 1);
  c[ImGuiCol_FrameBgActive] = p.input;
  c[ImGuiCol_TitleBg] = p.sidebar;
  c[ImGuiCol_TitleBgActive] = p.sidebar;
  c[ImGuiCol_TitleBgCollapsed] = p.sidebar;
  c[ImGuiCol_MenuBarBg] = p.sidebar;
  c[ImGuiCol_ScrollbarBg] = none;
  c[ImGuiCol_ScrollbarGrab] = with_alpha(p.muted, 0.28F);
  c[ImGuiCol_ScrollbarGrabHovered] = with_alpha(p.muted, 0.45F);
  c[ImGuiCol_ScrollbarGrabActive] = with_alpha(p.muted, 0.6F);
  c[ImGuiCol_CheckMark] = p.accent;
  c[ImGuiCol_SliderGrab] = p.accent;
  c[ImGuiCol_SliderGrabActive] = p.accent_hover;
  // Secondary buttons: a neutral surface with a border; primary ones push the accent.
  c[ImGuiCol_Button] = p.card;
  c[ImGuiCol_ButtonHovered] = p.dark ? ImVec4(0.17F, 0.19F, 0.23F, 1) : ImVec4(0.95F, 0.96F, 0.965F, 1);
  c[ImGuiCol_ButtonActive] = p.accent_soft;
  c[ImGuiCol_Header] = p.accent_soft;
  c[ImGuiCol_HeaderHovered] = p.hover;
  c[ImGuiCol_HeaderActive] = p.accent_soft;
  c[ImGuiCol_Separator] = p.border;
  c[ImGuiCol_SeparatorHovered] = p.accent;
  c[ImGuiCol_SeparatorActive] = p.accent;
  c[ImGuiCol_ResizeGrip] = none;
  c[ImGuiCol_ResizeGripHovered] = none;
  c[ImGuiCol_ResizeGripActive] = none;
  c[ImGuiCol_Tab] = p.card;
  c[ImGuiCol_TabHovered] = p.accent_soft;
  c[ImGuiCol_TabActive] = p.accent_soft;
  c[ImGuiCol_TabUnfocused] = p.card;
  c[ImGuiCol_TabUnfocusedActive] = p.accent_soft;
  c[ImGuiCol_PlotLines] = p.accent;
  c[ImGuiCol_PlotLinesHovered] = p.accent_hover;
  c[ImGuiCol_PlotHistogram] = p.accent;
  c[ImGuiCol_PlotHistogramHovered] = p.accent_hover;
  c[ImGuiCol_TableHeaderBg] = p.sidebar;
  c[ImGuiCol_TableBorderStrong] = p.border;
  c[ImGuiCol_TableBorderLight] = p.border;
  c[ImGuiCol_TableRowBg] = none;
  c[ImGuiCol_TableRowBgAlt] = p.hover;
  c[ImGuiCol_TextSelectedBg] = with_alpha(p.accent, 0.30F);
  c[ImGuiCol_DragDropTarget] = p.accent;
  // The app draws its own, thicker focus ring (draw_focus_ring in widgets.cpp).
  c[ImGuiCol_NavHighlight] = none;
  c[ImGuiCol_NavWindowingHighlight] = p.accent;
  c[ImGuiCol_NavWindowingDimBg] = ImVec4(0, 0, 0, 0.3F);
  c[ImGuiCol_ModalWindowDimBg] = ImVec4(0.05F, 0.07F, 0.09F, p.dark ? 0.6F : 0.35F);
  if (p.high_contrast) {
    // Outlines carry the structure: two-pixel borders, popups and children outlined, hovered
    // and pressed states as clear fills rather than near-black shades.
    s.FrameBorderSize = 2;
    s.PopupBorderSize = 2;
    s.ChildBorderSize = 0;
    c[ImGuiCol_Border] = p.control;
    c[ImGuiCol_FrameBgHovered] = p.accent_soft;
    c[ImGuiCol_FrameBgActive] = p.input;
    c[ImGuiCol_ButtonHovered] = p.accent_soft;
    c[ImGuiCol_ButtonActive] = p.accent_soft;
    c[ImGuiCol_HeaderHovered] = p.accent_soft;
    c[ImGuiCol_ScrollbarGrab] = p.faint;
    c[ImGuiCol_ScrollbarGrabHovered] = p.text;
    c[ImGuiCol_ScrollbarGrabActive] = p.accent;
    c[ImGuiCol_TextSelectedBg] = with_alpha(p.accent, 0.45F);
    c[ImGuiCol_ModalWindowDimBg] = ImVec4(0, 0, 0, 0.75F);
  }
  return s;
}

}  // namespace nurture::ui
