#pragma once
/// Pieces the hand-drawn charts share (the dashboard's cards, the Forecast's bar chart).

#include <string>
#include <vector>

#include <imgui.h>

#include "web/ui/ui_context.hpp"

namespace nurture::ui {

/// A horizontal gridline across the plot [plot_x, plot_x + plot_w] at `y` (the base line, `base`,
/// a step stronger) with its value `label` right-aligned left of the plot.
void chart_gridline(Ui& ui, float plot_x, float plot_w, float y, bool base, const char* label);

/// One line of a chart tooltip in its colour.
struct TipLine {
  std::string text;
  ImVec4 colour;
};

/// A tooltip beside the rectangle [item_min, item_max] (right of it, else left of it, else at the
/// mouse), kept inside [area_min, area_max], on the foreground draw list: an ImGui tooltip window
/// sizes itself a frame late, and the app draws no frame while nothing changes, so it could show a
/// stale size. The first line is bold. `mark` names its rectangle for tests.
void chart_tooltip(Ui& ui, ImVec2 item_min, ImVec2 item_max, ImVec2 area_min, ImVec2 area_max,
                   const std::vector<TipLine>& lines, const char* mark);

}  // namespace nurture::ui
