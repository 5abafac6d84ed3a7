#pragma once
/// The dashboard's cards, each drawn from DashboardData at the cursor, `width` wide, and the
/// small pieces they share (card header with its CSV button, number words; the tooltip is chart_frame.hpp's).
/// Each draw function returns true when its "Export CSV" button was pressed.

#include <optional>
#include <string>
#include <vector>

#include <imgui.h>

#include "web/ui/chart_frame.hpp"
#include "web/ui/dashboard_data.hpp"
#include "web/ui/ui_context.hpp"

namespace nurture::ui::dash {

/// chart_tooltip() marked "dash.tooltip".
inline void tooltip(Ui& ui, ImVec2 item_min, ImVec2 item_max, ImVec2 area_min, ImVec2 area_max,
                    const std::vector<TipLine>& lines) {
  chart_tooltip(ui, item_min, item_max, area_min, area_max, lines, "dash.tooltip");
}

/// The card's title, an optional caption under it, and a small "Export CSV" button at the right
/// (`mark`). True when the button was pressed.
bool card_header(Ui& ui, float inner, const char* title, const char* caption_text, const char* mark);

/// "12.3 %" (one decimal), "—" for none.
std::string pct(std::optional<double> v);
/// "+4.1 pts" for a difference of rates (fractions), "—" for none.
std::string pts(std::optional<double> v);
/// "$1,234" (whole dollars, thousands separated; "−$12" when negative).
std::string money(std::int64_t cents);
/// "Mar 9" for a local day number (days since 1970-01-01).
std::string short_day(std::int64_t day);
/// "4.5 days" (one decimal under 10), "12 days".
std::string days_text(double days);
/// A small legend swatch and its text on the current line.
void legend_item(Ui& ui, const ImVec4& colour, const char* text, bool line = false);

bool draw_funnel(Ui& ui, const DashboardData& d, float width);
bool draw_trend(Ui& ui, const DashboardData& d, float width);
bool draw_nurture(Ui& ui, const DashboardData& d, float width);
bool draw_steps(Ui& ui, const Workspace& ws, const DashboardData& d, float width);
bool draw_content(Ui& ui, const Workspace& ws, const DashboardData& d, float width);
bool draw_cohorts(Ui& ui, const DashboardData& d, float width);
bool draw_roi(Ui& ui, const Workspace& ws, const DashboardData& d, float width);

}  // namespace nurture::ui::dash
