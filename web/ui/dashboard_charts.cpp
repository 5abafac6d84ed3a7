// The dashboard's charts, drawn by hand like the Forecast's: the funnel, conversion over time
// (bookings as bars, conversion as a line on its own axis) and nurtured versus not with the
// 95 % intervals as error bars; plus the pieces every card shares.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/metrics/nurture_effect.hpp"
#include "core/util/civil_time.hpp"
#include "core/util/text.hpp"
#include "core/util/time_zone.hpp"
#include "web/ui/dashboard_parts.hpp"
#include "web/ui/format.hpp"
#include "web/ui/widgets.hpp"

namespace nurture::ui::dash {

namespace {

// The second series' colour: a calm indigo that reads beside the teal accent in both themes.
ImVec4 line_colour() { return ImVec4(0.40F, 0.47F, 0.90F, 1.0F); }

// The smallest 1, 2 or 5 × 10^k at or above v (at least 1).
double nice_ceiling(double v) {
  double base = 1;
  while (base * 10 < v) base *= 10;
  while (base > v && base > 1) base /= 10;
  for (const double m : {1.0, 2.0, 5.0, 10.0})
    if (base * m >= v) return base * m;
  return base * 10;
}

// The top of a percent axis whose quarters are whole percents: 4, 8, 20, 40, 60, 80 or 100 %.
double rate_ceiling(double v) {
  for (const double t : {0.04, 0.08, 0.2, 0.4, 0.6, 0.8, 1.0})
    if (v <= t) return t;
  return 1.0;
}

std::string pct0(double v) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.0f %%", v * 100.0);
  return buf;
}

}  // namespace

std::string pct(std::optional<double> v) {
  if (!v) return "—";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f %%", *v * 100.0);
  return buf;
}

std::string pts(std::optional<double> v) {
  if (!v) return "—";
  char buf[32];
  const double p = *v * 100.0;
  std::snprintf(buf, sizeof buf, "%s%.1f pts", p > 0.05 ? "+" : p < -0.05 ? "−" : "", std::fabs(p));
  return buf;
}

std::string money(std::int64_t cents) {
  const std::uint64_t abs =
      cents < 0 ? static_cast<std::uint64_t>(-(cents + 1)) + 1 : static_cast<std::uint64_t>(cents);
  return std::string(cents < 0 ? "−$" : "$") + format_thousands((abs + 50) / 100);
}

std::string short_day(std::int64_t day) {
  const CivilDate d = civil_from_days(day);
  return std::string(k_month_short[d.month - 1]) + " " + std::to_string(d.day);
}

void legend_item(Ui& ui, const ImVec4& colour, const char* text, bool line) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 p = ImGui::GetCursorScreenPos();
  ImGui::PushFont(ui.fonts.small);
  const float lh = ImGui::GetTextLineHeight();
  const float sq = ui.px(10);
  if (line) {
    dl->AddLine(ImVec2(p.x, p.y + lh * 0.5F), ImVec2(p.x + ui.px(14), p.y + lh * 0.5F), col(colour),
                ui.px(2));
    dl->AddCircleFilled(ImVec2(p.x + ui.px(7), p.y + lh * 0.5F), ui.px(3), col(colour));
  } else {
    dl->AddRectFilled(ImVec2(p.x, p.y + (lh - sq) * 0.5F), ImVec2(p.x + sq, p.y + (lh + sq) * 0.5F),
                      col(colour), ui.px(2));
  }
  ImGui::Dummy(ImVec2((line ? ui.px(14) : sq) + ui.px(5), lh));
  ImGui::SameLine(0, 0);
  ImGui::TextColored(ui.pal.muted, "%s", text);
  ImGui::PopFont();
}

bool card_header(Ui& ui, float inner, const char* title, const char* caption_text, const char* mark) {
  const ImVec2 start = ImGui::GetCursorPos();
  heading(ui, title);
  const ImVec2 after = ImGui::GetCursorPos();
  ImGui::SetCursorPos(ImVec2(start.x + inner - ui.px(96), start.y - ui.px(2)));
  ImGui::PushID(mark);  // every card has an "Export CSV" button: the mark tells them apart
  const bool clicked = button(ui, "Export CSV", ButtonKind::quiet, mark);
  ImGui::PopID();
  ImGui::SetCursorPos(after);
  if (caption_text != nullptr && caption_text[0] != '\0') {
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() - ui.px(4));
    caption(ui, caption_text);
  }
  gap(ui, 6);
  return clicked;
}

bool draw_funnel(Ui& ui, const DashboardData& d, float width) {
  const metrics::FunnelFigures& f = d.report.current.funnel;
  const metrics::FunnelFigures& pf = d.report.previous.funnel;
  // The funnel reads in the practice's own words: the filtered pipeline's stage names (the default
  // pipeline's without a filter), and slots the pipeline does not use are left out.
  const FunnelModel& model = ui.session.workspace().funnel;
  const Pipeline* pipeline = find_pipeline(model, d.filter.pipeline);
  if (pipeline == nullptr && !model.pipelines.empty()) pipeline = &model.pipelines.front();
  std::vector<std::size_t> slots;
  for (std::size_t k = 0; k < k_stage_count; ++k)
    if (pipeline == nullptr || pipeline->stages[k].used) slots.push_back(k);
  const auto name_of = [&](std::size_t k) -> std::string {
    if (pipeline != nullptr && !pipeline->stages[k].name.empty()) return pipeline->stages[k].name;
    return stage_label(static_cast<Stage>(k));
  };
  const std::size_t rows = slots.size();
  Card card(ui, width);
  const float inner = card.inner_width();
  const bool exported = card_header(
      ui, inner, "Funnel",
      "Leads in each stage during the period (there at its start, or arrived in it). The darker part "
      "moved on to a later stage before the period ended.",
      "dash.export.funnel");
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float label_w = ui.px(150);
  const float right_w = ui.px(230);
  const float row_h = ui.px(38);
  const float gap_y = ui.px(10);
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float bar_x = origin.x + label_w;
  const float bar_w = std::max(ui.px(60), inner - label_w - right_w - ui.px(16));
  std::uint64_t top = 1;
  for (const auto& s : f.stages) top = std::max(top, s.cohort);
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  std::optional<std::size_t> hovered;
  for (std::size_t r = 0; r < rows; ++r) {
    const std::size_t k = slots[r];
    const bool last = r + 1 == rows;
    const metrics::StageFigures& s = f.stages[k];
    const float y = origin.y + static_cast<float>(r) * (row_h + gap_y);
    const bool over = ImGui::IsWindowHovered() && mouse.x >= origin.x && mouse.x < origin.x + inner &&
                      mouse.y >= y - gap_y * 0.5F && mouse.y < y + row_h + gap_y * 0.5F;
    if (over) {
      hovered = r;
      dl->AddRectFilled(ImVec2(origin.x - ui.px(8), y - ui.px(4)),
                        ImVec2(origin.x + inner + ui.px(8), y + row_h + ui.px(4)), col(ui.pal.hover),
                        ui.px(6));
    }
    // Stage name and where its leads came from.
    ImGui::PushFont(ui.fonts.strong);
    dl->AddText(ImVec2(origin.x, y + ui.px(1)), col(ui.pal.text), name_of(k).c_str());
    ImGui::PopFont();
    ImGui::PushFont(ui.fonts.small);
    const std::string from = format_count(s.at_start) + " at start · " + format_count(s.reached) + " new";
    dl->AddText(ImVec2(origin.x, y + ui.px(20)), col(ui.pal.muted), from.c_str());
    ImGui::PopFont();
    // Deeper stages are darker, as on the empty state's funnel.
    const float t = rows > 1 ? static_cast<float>(r) / static_cast<float>(rows - 1) : 1.0F;
    const float w = bar_w * static_cast<float>(s.cohort) / static_cast<float>(top);
    const float wc = bar_w * static_cast<float>(s.converted) / static_cast<float>(top);
    dl->AddRectFilled(ImVec2(bar_x, y), ImVec2(bar_x + bar_w, y + row_h), col(ui.pal.hover), ui.px(4));
    if (w > 0)
      dl->AddRectFilled(ImVec2(bar_x, y), ImVec2(bar_x + w, y + row_h), col(ui.pal.accent, 0.30F), ui.px(4));
    if (wc > 0)
      dl->AddRectFilled(ImVec2(bar_x, y), ImVec2(bar_x + wc, y + row_h),
                        col(ui.pal.accent, 0.70F + 0.30F * t), ui.px(4));
    ImGui::PushFont(ui.fonts.strong);
    const std::string count = format_count(s.cohort);
    const ImVec2 cs = ImGui::CalcTextSize(count.c_str());
    const bool inside = wc > cs.x + ui.px(16);
    // Past the bar's end unless that would run into the right column; then at the end of the
    // light part, inside the bar.
    float label_x = bar_x + w + ui.px(8);
    if (inside)
      label_x = bar_x + ui.px(8);
    else if (label_x + cs.x > bar_x + bar_w)
      label_x = std::max(bar_x + wc + ui.px(8), bar_x + w - cs.x - ui.px(8));
    dl->AddText(ImVec2(label_x, y + (row_h - cs.y) * 0.5F), col(inside ? ui.pal.accent_text : ui.pal.text),
                count.c_str());
    ImGui::PopFont();
    // Conversion and drop-off on the right.
    const float rx = origin.x + inner - right_w;
    if (!last) {
      ImGui::PushFont(ui.fonts.strong);
      const std::string conv = pct(s.conversion_rate) + " moved on";
      dl->AddText(ImVec2(rx, y + ui.px(1)), col(ui.pal.text), conv.c_str());
      ImGui::PopFont();
      ImGui::PushFont(ui.fonts.small);
      const std::string drop =
          format_count(s.dropped) + " dropped off · " +
          (s.median_days_in_stage ? days_text(*s.median_days_in_stage) : std::string("no stays ended"));
      dl->AddText(ImVec2(rx, y + ui.px(20)), col(ui.pal.muted), drop.c_str());
      ImGui::PopFont();
    } else {
      ImGui::PushFont(ui.fonts.small);
      dl->AddText(ImVec2(rx, y + ui.px(10)), col(ui.pal.muted), "The last stage: loyal patients");
      ImGui::PopFont();
    }
  }
  const float chart_h = static_cast<float>(rows) * (row_h + gap_y) - gap_y;
  ImGui::Dummy(ImVec2(inner, chart_h));
  ui.marks.mark("dash.funnel.chart");
  gap(ui, 4);
  std::string foot =
      f.median_days_to_conversion
          ? "Median time from first contact to conversion: " + days_text(*f.median_days_to_conversion) +
                " (" + count_noun(f.conversions, "lead", "leads") + " converted in the period)."
          : std::string("No lead reached the conversion stage in this period.");
  small_text(ui, foot.c_str());
  if (hovered) {
    const std::size_t r = *hovered;
    const std::size_t k = slots[r];
    const bool last = r + 1 == rows;
    const metrics::StageFigures& s = f.stages[k];
    const metrics::StageFigures& p = pf.stages[k];
    std::vector<TipLine> lines;
    lines.push_back({name_of(k), ui.pal.text});
    lines.push_back({format_count(s.cohort) + " in the stage: " + format_count(s.at_start) +
                         " at the start, " + format_count(s.reached) + " arrived",
                     ui.pal.text});
    if (!last) {
      lines.push_back(
          {"Moved on: " + format_count(s.converted) + " (" + pct(s.conversion_rate) + ")", ui.pal.accent});
      lines.push_back({"Dropped off: " + format_count(s.dropped), ui.pal.text});
    }
    lines.push_back({s.median_days_in_stage
                         ? "Median time in stage: " + days_text(*s.median_days_in_stage) + " (" +
                               count_noun(s.stays_ended, "stay", "stays") + " ended)"
                         : std::string("No stay in this stage ended in the period"),
                     ui.pal.text});
    lines.push_back({"Previous period: " + format_count(p.cohort) + " in the stage" +
                         (!last ? ", " + pct(p.conversion_rate) + " moved on" : std::string()),
                     ui.pal.muted});
    const float y = origin.y + static_cast<float>(r) * (row_h + gap_y);
    tooltip(ui, ImVec2(bar_x, y), ImVec2(bar_x + bar_w * 0.5F, y + row_h), origin,
            ImVec2(origin.x + inner, origin.y + chart_h + ui.px(200)), lines);
  }
  return exported;
}

std::string days_text(double days) {
  char buf[32];
  std::snprintf(buf, sizeof buf, days < 10 ? "%.1f days" : "%.0f days", days);
  return buf;
}

bool draw_trend(Ui& ui, const DashboardData& d, float width) {
  Card card(ui, width);
  const float inner = card.inner_width();
  const bool daily = d.grain == metrics::TrendGrain::day;
  const bool exported =
      card_header(ui, inner, daily ? "Conversion over time, per day" : "Conversion over time, per week",
                  "Bookings made in each period, and the share of that period's new leads who have "
                  "booked since (a young period has had less time).",
                  "dash.export.conversion");
  legend_item(ui, ui.pal.accent, "Bookings (left axis)");
  ImGui::SameLine(0, ui.px(18));
  legend_item(ui, line_colour(), "Conversion of new leads (right axis)", true);
  gap(ui, 8);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const auto& pts_ = d.trend;
  const float axis_l = ui.px(40);
  const float axis_r = ui.px(48);
  const float label_h = ui.px(22);
  const float chart_h = ui.px(200);
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float plot_x = origin.x + axis_l;
  const float plot_w = inner - axis_l - axis_r;
  const float base_y = origin.y + chart_h;
  std::uint64_t peak = 0;
  double peak_rate = 0;
  for (const auto& p : pts_) {
    peak = std::max(peak, p.bookings);
    if (p.conversion_rate) peak_rate = std::max(peak_rate, *p.conversion_rate);
  }
  // Four gridlines at whole numbers: the top is four times a 1, 2 or 5 × 10^k step.
  const double top = 4 * nice_ceiling(std::ceil(static_cast<double>(std::max<std::uint64_t>(peak, 4)) / 4.0));
  const double top_rate = rate_ceiling(std::max(peak_rate, 0.01));
  ImGui::PushFont(ui.fonts.small);
  for (int g = 0; g <= 4; ++g) {
    const float y = base_y - chart_h * static_cast<float>(g) / 4.0F;
    char v[32];
    const double value = top * g / 4.0;
    std::snprintf(v, sizeof v, value == std::floor(value) ? "%.0f" : "%.1f", value);
    chart_gridline(ui, plot_x, plot_w, y, g == 0, v);
    const float ts_y = ImGui::GetTextLineHeight();
    const std::string r = pct0(top_rate * g / 4.0);
    dl->AddText(ImVec2(plot_x + plot_w + ui.px(8), y - ts_y * 0.5F), col(line_colour()), r.c_str());
  }
  const std::size_t n = pts_.size();
  const float slot = n == 0 ? plot_w : plot_w / static_cast<float>(n);
  const float bar_w = std::max(ui.px(2), std::min(slot * 0.62F, ui.px(34)));
  const float label_w = ui.px(56);
  const std::size_t every = std::max<std::size_t>(1, static_cast<std::size_t>(std::ceil(label_w / slot)));
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  std::optional<std::size_t> hovered;
  std::vector<ImVec2> line;
  for (std::size_t i = 0; i < n; ++i) {
    const auto& p = pts_[i];
    const float x0 = plot_x + slot * static_cast<float>(i);
    const float cx = x0 + slot * 0.5F;
    if (daily && weekday_of(civil_from_days(p.bucket.first_day)) >= 5)
      dl->AddRectFilled(ImVec2(x0, origin.y), ImVec2(x0 + slot, base_y), col(ui.pal.hover));
    const bool over = ImGui::IsWindowHovered() && mouse.x >= x0 && mouse.x < x0 + slot &&
                      mouse.y >= origin.y && mouse.y <= base_y + label_h;
    if (over) {
      hovered = i;
      dl->AddRectFilled(ImVec2(x0, origin.y), ImVec2(x0 + slot, base_y), col(ui.pal.accent_soft));
    }
    const float h = chart_h * static_cast<float>(static_cast<double>(p.bookings) / top);
    if (h > 0)
      dl->AddRectFilled(ImVec2(cx - bar_w * 0.5F, base_y - h), ImVec2(cx + bar_w * 0.5F, base_y),
                        col(ui.pal.accent), ui.px(2), ImDrawFlags_RoundCornersTop);
    if (p.conversion_rate)
      line.emplace_back(cx,
                        base_y - chart_h * static_cast<float>(std::min(1.0, *p.conversion_rate / top_rate)));
    if (i % every == 0) {
      const std::string text = short_day(p.bucket.first_day);
      const ImVec2 ts = ImGui::CalcTextSize(text.c_str());
      dl->AddText(ImVec2(std::max(plot_x, cx - ts.x * 0.5F), base_y + ui.px(5)), col(ui.pal.muted),
                  text.c_str());
    }
  }
  if (line.size() >= 2)
    dl->AddPolyline(line.data(), static_cast<int>(line.size()), col(line_colour()), 0, ui.px(2));
  for (const ImVec2& q : line) {
    dl->AddCircleFilled(q, ui.px(3.5F), col(ui.pal.card));
    dl->AddCircle(q, ui.px(3.5F), col(line_colour()), 0, ui.px(2));
  }
  ImGui::PopFont();
  ImGui::Dummy(ImVec2(inner, chart_h + label_h));
  ui.marks.mark("dash.trend.chart");
  if (hovered) {
    const auto& p = pts_[*hovered];
    std::vector<TipLine> lines;
    const CivilDate day = civil_from_days(p.bucket.first_day);
    lines.push_back({daily ? std::string(k_weekday_short[static_cast<std::size_t>(weekday_of(day))]) + " " +
                                 short_day(p.bucket.first_day)
                           : "Week from " + short_day(p.bucket.first_day),
                     ui.pal.text});
    lines.push_back({"Bookings  " + format_count(p.bookings), ui.pal.accent});
    lines.push_back({"New leads  " + format_count(p.new_leads), ui.pal.text});
    lines.push_back({p.conversion_rate ? "Converted  " + format_count(p.converted) + " of " +
                                             format_count(p.new_leads) + " (" + pct(p.conversion_rate) + ")"
                                       : std::string("No new leads"),
                     line_colour()});
    const float x0 = plot_x + slot * static_cast<float>(*hovered);
    tooltip(ui, ImVec2(x0, origin.y + ui.px(8)), ImVec2(x0 + slot, base_y), origin,
            ImVec2(origin.x + inner, base_y + label_h), lines);
  }
  return exported;
}

bool draw_nurture(Ui& ui, const DashboardData& d, float width) {
  const metrics::NurtureEffect& e = d.report.current.nurture;
  Card card(ui, width);
  const float inner = card.inner_width();
  const bool exported =
      card_header(ui, inner, "Nurtured versus not",
                  "Booking rate of leads who got a touch from you (in the 30 days before booking, or "
                  "in the period) against those who did not. Whiskers: 95 % interval.",
                  "dash.export.nurtured");
  struct Group {
    const char* name;
    std::uint64_t n;
    std::uint64_t s;
    std::optional<double> rate;
    ImVec4 colour;
  };
  const Group groups[2] = {
      {"Nurtured", e.nurtured, e.nurtured_booked, e.nurtured_rate, ui.pal.accent},
      {"Not nurtured", e.not_nurtured, e.not_nurtured_booked, e.not_nurtured_rate, ui.pal.faint}};
  double hi = 0.05;
  metrics::Interval ci[2];
  for (int g = 0; g < 2; ++g) {
    if (groups[g].n > 0) {
      ci[g] = metrics::wilson_interval(groups[g].s, groups[g].n, metrics::k_z95);
      hi = std::max(hi, ci[g].high);
    }
  }
  const double top = rate_ceiling(hi);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float label_w = ui.px(150);
  const float value_w = ui.px(200);
  const float row_h = ui.px(30);
  const float gap_y = ui.px(14);
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float plot_x = origin.x + label_w;
  const float plot_w = std::max(ui.px(80), inner - label_w - value_w);
  const float plot_h = 2 * row_h + gap_y;
  ImGui::PushFont(ui.fonts.small);
  for (int g = 0; g <= 4; ++g) {
    const float x = plot_x + plot_w * static_cast<float>(g) / 4.0F;
    dl->AddLine(ImVec2(x, origin.y - ui.px(4)), ImVec2(x, origin.y + plot_h + ui.px(4)),
                col(g == 0 ? ui.pal.control : ui.pal.border), ui.px(1));
    const std::string t = pct0(top * g / 4.0);
    const ImVec2 ts = ImGui::CalcTextSize(t.c_str());
    dl->AddText(ImVec2(x - ts.x * 0.5F, origin.y + plot_h + ui.px(8)), col(ui.pal.muted), t.c_str());
  }
  ImGui::PopFont();
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  std::optional<int> hovered;
  for (int g = 0; g < 2; ++g) {
    const Group& gr = groups[g];
    const float y = origin.y + static_cast<float>(g) * (row_h + gap_y);
    ImGui::PushFont(ui.fonts.strong);
    dl->AddText(ImVec2(origin.x, y + ui.px(1)), col(ui.pal.text), gr.name);
    ImGui::PopFont();
    ImGui::PushFont(ui.fonts.small);
    const std::string sub = format_count(gr.s) + " of " + format_count(gr.n) + " booked";
    dl->AddText(ImVec2(origin.x, y + ui.px(18)), col(ui.pal.muted), sub.c_str());
    ImGui::PopFont();
    const auto xr = [&](double v) { return plot_x + plot_w * static_cast<float>(std::min(1.0, v / top)); };
    if (gr.rate) {
      dl->AddRectFilled(ImVec2(plot_x, y + ui.px(4)), ImVec2(xr(*gr.rate), y + row_h - ui.px(4)),
                        col(gr.colour), ui.px(3));
      // The interval as a whisker across the bar's end.
      const float cy = y + row_h * 0.5F;
      const ImU32 wc = col(ui.pal.text, 0.75F);
      dl->AddLine(ImVec2(xr(ci[g].low), cy), ImVec2(xr(ci[g].high), cy), wc, ui.px(1.5F));
      dl->AddLine(ImVec2(xr(ci[g].low), cy - ui.px(6)), ImVec2(xr(ci[g].low), cy + ui.px(6)), wc,
                  ui.px(1.5F));
      dl->AddLine(ImVec2(xr(ci[g].high), cy - ui.px(6)), ImVec2(xr(ci[g].high), cy + ui.px(6)), wc,
                  ui.px(1.5F));
    }
    ImGui::PushFont(ui.fonts.strong);
    dl->AddText(ImVec2(plot_x + plot_w + ui.px(16), y + ui.px(5)), col(ui.pal.text), pct(gr.rate).c_str());
    ImGui::PopFont();
    if (ImGui::IsWindowHovered() && mouse.y >= y && mouse.y < y + row_h && mouse.x >= origin.x &&
        mouse.x < origin.x + inner)
      hovered = g;
  }
  ImGui::Dummy(ImVec2(inner, plot_h + ui.px(28)));
  ui.marks.mark("dash.nurture.chart");
  std::string words;
  if (!e.difference) {
    words = "Both groups need leads to compare: no comparison for this period.";
  } else {
    const double diff = *e.difference * 100.0;
    char buf[320];
    if (e.difference_ci95 && (e.difference_ci95->low > 0 || e.difference_ci95->high < 0))
      std::snprintf(
          buf, sizeof buf,
          "Nurtured leads booked %.1f points %s often than the others (95 %% interval %.1f to %.1f points): "
          "a real difference, though nurtured leads may differ in other ways too.",
          std::fabs(diff), diff >= 0 ? "more" : "less", e.difference_ci95->low * 100.0,
          e.difference_ci95->high * 100.0);
    else if (e.difference_ci95)
      std::snprintf(
          buf, sizeof buf,
          "Nurtured leads booked %.1f points %s often than the others, but the 95 %% interval (%.1f to %.1f "
          "points) includes no difference: too few leads to tell yet.",
          std::fabs(diff), diff >= 0 ? "more" : "less", e.difference_ci95->low * 100.0,
          e.difference_ci95->high * 100.0);
    else
      std::snprintf(buf, sizeof buf, "The difference is %.1f points.", diff);
    words = buf;
  }
  paragraph(ui, words.c_str());
  ui.marks.mark("dash.nurture.words");
  if (hovered) {
    const Group& gr = groups[*hovered];
    std::vector<TipLine> lines;
    lines.push_back({gr.name, ui.pal.text});
    lines.push_back(
        {"Booked: " + format_count(gr.s) + " of " + format_count(gr.n) + " (" + pct(gr.rate) + ")",
         gr.colour});
    if (gr.n > 0)
      lines.push_back(
          {"95 % interval: " + pct(ci[*hovered].low) + " to " + pct(ci[*hovered].high), ui.pal.muted});
    const float y = origin.y + static_cast<float>(*hovered) * (row_h + gap_y);
    tooltip(ui, ImVec2(plot_x, y), ImVec2(plot_x + plot_w * 0.5F, y + row_h), origin,
            ImVec2(origin.x + inner, origin.y + plot_h + ui.px(120)), lines);
  }
  return exported;
}

}  // namespace nurture::ui::dash
