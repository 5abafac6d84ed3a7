// The retention heat map: one row per first-visit month, the share of its patients who came
// back within 3, 6 and 12 months, coloured on one scale with a legend; horizons not yet fully
// observed are hatched grey and say so.
#include <algorithm>
#include <cstdio>

#include "core/util/text.hpp"
#include "web/ui/dashboard_parts.hpp"
#include "web/ui/format.hpp"
#include "web/ui/widgets.hpp"

namespace nurture::ui::dash {

namespace {

constexpr std::array<const char*, 12> k_month_long = {"January",   "February", "March",    "April",
                                                      "May",       "June",     "July",     "August",
                                                      "September", "October",  "November", "December"};

std::string month_label(YearMonth m) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3s %d", k_month_long[m.month - 1], m.year);
  return buf;
}

}  // namespace

bool draw_cohorts(Ui& ui, const DashboardData& d, float width) {
  const RetentionReport& r = d.retention;
  Card card(ui, width);
  const float inner = card.inner_width();
  const bool exported = card_header(
      ui, inner, "Retention by first-visit month",
      "Patients grouped by the month of their first visit (the 12 months up to the period's end), and the "
      "share who came back within 3, 6 and 12 months. A horizon shows once every patient has had the time.",
      "dash.export.cohorts");
  double top = 0;
  for (const auto& c : r.cohorts)
    for (const auto& rep : c.repeat)
      if (rep.ready && c.size > 0) top = std::max(top, rep.rate);
  if (top <= 0) top = 1;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float label_w = ui.px(110);
  const float size_w = ui.px(90);
  const float cell_gap = ui.px(4);
  const float cell_w = std::min(ui.px(200), (inner - label_w - size_w - 2 * cell_gap) / 3.0F - cell_gap);
  const float cell_h = ui.px(28);
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  // Column headings.
  ImGui::PushFont(ui.fonts.small);
  dl->AddText(origin, col(ui.pal.muted), "First visit");
  const char* size_head = "Patients";
  dl->AddText(ImVec2(origin.x + label_w + size_w - ui.px(12) - ImGui::CalcTextSize(size_head).x, origin.y),
              col(ui.pal.muted), size_head);
  for (std::size_t h = 0; h < 3; ++h) {
    const std::string t = "Within " + std::to_string(k_repeat_months[h]) + " months";
    const float x = origin.x + label_w + size_w + static_cast<float>(h) * (cell_w + cell_gap);
    dl->AddText(ImVec2(x + (cell_w - ImGui::CalcTextSize(t.c_str()).x) * 0.5F, origin.y), col(ui.pal.muted),
                t.c_str());
  }
  ImGui::PopFont();
  const float grid_y = origin.y + ui.px(22);
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  std::optional<std::pair<std::size_t, std::size_t>> hovered;
  for (std::size_t i = 0; i < r.cohorts.size(); ++i) {
    const RetentionCohort& c = r.cohorts[i];
    const float y = grid_y + static_cast<float>(i) * (cell_h + cell_gap);
    const float ty = y + (cell_h - ImGui::GetTextLineHeight()) * 0.5F;
    dl->AddText(ImVec2(origin.x, ty), col(ui.pal.text), month_label(c.month).c_str());
    const std::string n = format_count(c.size);
    dl->AddText(ImVec2(origin.x + label_w + size_w - ui.px(12) - ImGui::CalcTextSize(n.c_str()).x, ty),
                col(c.size == 0 ? ui.pal.faint : ui.pal.text), n.c_str());
    for (std::size_t h = 0; h < 3; ++h) {
      const RepeatRate& rep = c.repeat[h];
      const float x = origin.x + label_w + size_w + static_cast<float>(h) * (cell_w + cell_gap);
      const ImVec2 a(x, y);
      const ImVec2 b(x + cell_w, y + cell_h);
      const bool over =
          ImGui::IsWindowHovered() && mouse.x >= a.x && mouse.x < b.x && mouse.y >= a.y && mouse.y < b.y;
      if (over) hovered = std::make_pair(i, h);
      if (!rep.ready || c.size == 0) {
        dl->AddRectFilled(a, b, col(ui.pal.hover), ui.px(4));
        // Diagonal hatching: "not yet" must not read as a low rate.
        dl->PushClipRect(a, b, true);
        for (float hx = a.x - cell_h; hx < b.x; hx += ui.px(8))
          dl->AddLine(ImVec2(hx, b.y), ImVec2(hx + cell_h, a.y), col(ui.pal.border), ui.px(1));
        dl->PopClipRect();
        const char* t = c.size == 0 ? "no patients" : "not yet";
        ImGui::PushFont(ui.fonts.small);
        const ImVec2 ts = ImGui::CalcTextSize(t);
        dl->AddText(ImVec2(x + (cell_w - ts.x) * 0.5F, y + (cell_h - ts.y) * 0.5F), col(ui.pal.faint), t);
        ImGui::PopFont();
      } else {
        const float a_ = 0.10F + 0.90F * static_cast<float>(rep.rate / top);
        dl->AddRectFilled(a, b, col(ui.pal.accent, a_), ui.px(4));
        const std::string t = pct(rep.rate);
        const ImVec2 ts = ImGui::CalcTextSize(t.c_str());
        dl->AddText(ImVec2(x + (cell_w - ts.x) * 0.5F, y + (cell_h - ts.y) * 0.5F),
                    col(a_ > 0.55F ? ui.pal.accent_text : ui.pal.text), t.c_str());
      }
      if (over) dl->AddRect(a, b, col(ui.pal.text, 0.6F), ui.px(4), 0, ui.px(1.5F));
    }
  }
  const float grid_h = static_cast<float>(r.cohorts.size()) * (cell_h + cell_gap);
  ImGui::Dummy(ImVec2(inner, grid_h + ui.px(22)));
  ui.marks.mark("dash.cohorts.chart");
  // Legend: the colour scale from 0 to the highest rate shown.
  gap(ui, 4);
  {
    const ImVec2 p = ImGui::GetCursorScreenPos();
    ImGui::PushFont(ui.fonts.small);
    const char* lo = "0 %";
    dl->AddText(p, col(ui.pal.muted), lo);
    const float lx = p.x + ImGui::CalcTextSize(lo).x + ui.px(8);
    const float lw = ui.px(160);
    const float lh = ImGui::GetTextLineHeight();
    const int steps = 16;
    for (int s = 0; s < steps; ++s) {
      const float t0 = static_cast<float>(s) / steps;
      dl->AddRectFilled(ImVec2(lx + lw * t0, p.y + lh * 0.2F),
                        ImVec2(lx + lw * (t0 + 1.0F / steps) + 0.5F, p.y + lh * 0.8F),
                        col(ui.pal.accent, 0.10F + 0.90F * t0));
    }
    const std::string hi = pct(top);
    dl->AddText(ImVec2(lx + lw + ui.px(8), p.y), col(ui.pal.muted), hi.c_str());
    char visits[160];
    std::snprintf(visits, sizeof visits, "%s in these months; %.1f visits per patient per year.",
                  count_noun(r.patients, "patient visited", "patients visited").c_str(),
                  r.visits_per_patient_per_year);
    dl->AddText(ImVec2(lx + lw + ui.px(70), p.y), col(ui.pal.muted), visits);
    ImGui::PopFont();
    ImGui::Dummy(ImVec2(inner, lh));
  }
  if (hovered) {
    const RetentionCohort& c = r.cohorts[hovered->first];
    const RepeatRate& rep = c.repeat[hovered->second];
    std::vector<TipLine> lines;
    lines.push_back({"First visit in " + std::string(k_month_long[c.month.month - 1]) + " " +
                         std::to_string(c.month.year),
                     ui.pal.text});
    lines.push_back({count_noun(c.size, "patient", "patients"), ui.pal.text});
    if (c.size == 0)
      lines.push_back({"No first visits this month", ui.pal.muted});
    else if (!rep.ready)
      lines.push_back(
          {"Within " + std::to_string(rep.months) + " months: not yet (still being observed)", ui.pal.muted});
    else
      lines.push_back({"Came back within " + std::to_string(rep.months) +
                           " months: " + format_count(rep.repeated) + " (" + pct(rep.rate) + ")",
                       ui.pal.accent});
    const float x = origin.x + label_w + size_w + static_cast<float>(hovered->second) * (cell_w + cell_gap);
    const float y = grid_y + static_cast<float>(hovered->first) * (cell_h + cell_gap);
    tooltip(ui, ImVec2(x, y), ImVec2(x + cell_w, y + cell_h), origin,
            ImVec2(origin.x + inner, grid_y + grid_h + ui.px(200)), lines);
  }
  return exported;
}

}  // namespace nurture::ui::dash
