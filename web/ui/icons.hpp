#pragma once
/// Small line icons drawn with ImDrawList, so they scale with the UI and need no icon font.

#include <imgui.h>

namespace nurture::ui {

enum class Icon {
  today,
  leads,
  segments,
  sequences,
  funnel,
  content,
  import_export,
  settings,
  lock,
  check,
  info,
  warning,
  mail,      ///< email events
  message,   ///< texts and calls
  star,      ///< reviews
  eye,       ///< content viewed
  cross,     ///< unsubscribed, no-show, cancelled
  plus,      ///< add
  forecast,  ///< bars rising into the days ahead
};

/// Draws `icon` centred at `center` in a box `size` pixels wide with stroke colour `color`.
void draw_icon(ImDrawList* dl, Icon icon, ImVec2 center, float size, ImU32 color);

}  // namespace nurture::ui
