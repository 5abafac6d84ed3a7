#pragma once
/// The colour palettes (light, dark and high contrast) and the ImGui style built from them. Colours are
/// chosen as a palette first — soft neutral surfaces, one calm teal accent — and mapped onto ImGui's colour
/// slots second, so panels ask for "muted text", never for ImGuiCol_TextDisabled.

#include <imgui.h>

namespace nurture::ui {

struct Palette {
  bool dark = false;           ///< dark surfaces (dark and high contrast)
  bool high_contrast = false;  ///< thicker outlines and focus ring; every text pair ≥ 7:1
  ImVec4 bg;                   ///< the content area behind cards
  ImVec4 sidebar;              ///< sidebar and status bar
  ImVec4 card;                 ///< cards, popups, inputs' surroundings
  ImVec4 input;                ///< text field fill
  ImVec4 border;               ///< hairlines around cards and between sections
  ImVec4 control;              ///< outlines of fields and secondary buttons: a step stronger
  ImVec4 text;                 ///< primary text
  ImVec4 muted;                ///< secondary text
  ImVec4 faint;                ///< placeholders and disabled text
  ImVec4 accent;               ///< the one brand colour: primary buttons, selection, focus
  ImVec4 accent_hover;         ///< primary button hovered
  ImVec4 accent_text;          ///< text on an accent fill
  ImVec4 accent_soft;          ///< selected nav item, chips, illustration fills
  ImVec4 hover;                ///< subtle hover fill on neutral surfaces
  ImVec4 success;
  ImVec4 warning;
  ImVec4 warning_bg;
  ImVec4 danger;
  ImVec4 danger_bg;
  ImVec4 info_bg;
};

/// The light or dark palette.
const Palette& palette(bool dark);
/// White and yellow on black (U12): text pairs meet WCAG AAA (7:1), no low-contrast greys.
const Palette& high_contrast_palette();
/// WCAG 2 contrast ratio of two opaque colours, 1 to 21 (alpha is ignored).
float contrast_ratio(const ImVec4& a, const ImVec4& b);

/// The style at scale 1 (design pixels), with the palette's colours. Callers copy it and call
/// ScaleAllSizes, so repeated scale changes never accumulate rounding.
ImGuiStyle make_style(const Palette& p);

/// `c` with alpha multiplied by `a`, packed for ImDrawList.
ImU32 col(const ImVec4& c, float a = 1.0F);

}  // namespace nurture::ui
