#pragma once
/// The fixed left sidebar: the brand, the practice's name, and one item per page.

#include "web/ui/ui_context.hpp"

namespace nurture::ui {

/// Draws the sidebar filling the current child window; sets ui.go_to when an item is chosen.
void draw_sidebar(Ui& ui, Page current);

}  // namespace nurture::ui
