// The dashboard page: range and filter controls, KPI tiles, and the cards (dashboard_charts,
// dashboard_tables, dashboard_cohorts). The figures are recomputed only when the range, the
// filter or the workspace revision changes; after a workspace change, once the indexes they read
// have been rebuilt across frames.
#include "web/ui/dashboard_page.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include <imgui.h>
#include <nlohmann/json.hpp>

#include "core/export/metrics_csv.hpp"
#include "core/metrics/local_calendar.hpp"
#include "web/ui/dashboard_parts.hpp"
#include "web/ui/empty_state.hpp"
#include "web/ui/format.hpp"
#include "web/ui/long_work.hpp"
#include "web/ui/pages.hpp"
#include "web/ui/theme.hpp"
#include "web/ui/widgets.hpp"

namespace nurture::ui {

namespace {

constexpr float k_max_width = 1240.0F;

std::string local_date_text(UnixMillis at, const TimeZone* zone) {
  return format_date(civil_from_days(LocalCalendar(zone).day_of(at)));
}

template <class Items>
void dashboard_filter_combo(Ui& ui, const char* id, const char* mark, const std::string& preview, float width,
                            Items&& items) {
  ImGui::SetNextItemWidth(width);
  if (ImGui::BeginCombo(id, preview.c_str(), ImGuiComboFlags_HeightLarge)) {
    items();
    ImGui::EndCombo();
  }
  ui.marks.mark(mark);
}

// A combo over catalog items: "Any" then each live item by name; sets `value` to the item's id.
template <class Catalog, class Name>
void catalog_combo(Ui& ui, const char* id, const char* mark, const char* noun, const Catalog& items,
                   Name&& name, std::string& value, float width) {
  std::string current = "All";
  for (const auto& it : items)
    if (!it.deleted && it.id == value) current = name(it);
  if (!value.empty() && current == "All") current = value;
  dashboard_filter_combo(ui, id, mark, std::string(noun) + ": " + current, width, [&] {
    if (ImGui::Selectable("All", value.empty())) value.clear();
    ui.marks.mark(std::string(mark) + ".0");
    int n = 1;
    for (const auto& it : items) {
      if (it.deleted) continue;
      ImGui::PushID(n);
      if (ImGui::Selectable(name(it).c_str(), value == it.id)) value = it.id;
      ImGui::PopID();
      ui.marks.mark(std::string(mark) + "." + std::to_string(n));
      ++n;
    }
  });
}

// The change against the previous period: an arrow drawn as a triangle (no font lacks it), the
// change in words, and the previous value.
struct Change {
  int direction = 0;  ///< 1 up, -1 down, 0 flat or unknown
  std::string text;   ///< "12.5 %", "+2.1 pts", "new"
  std::string previous;
};

Change count_change(double cur, double prev, const std::string& prev_text) {
  Change c;
  c.previous = "vs " + prev_text;
  if (prev == 0) {
    c.direction = cur > 0 ? 1 : 0;
    c.text = cur > 0 ? "new" : "no change";
    return c;
  }
  const double r = (cur - prev) / std::fabs(prev);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f %%", std::fabs(r) * 100.0);
  c.text = std::fabs(r) < 0.0005 ? "no change" : buf;
  c.direction = std::fabs(r) < 0.0005 ? 0 : (r > 0 ? 1 : -1);
  return c;
}

Change rate_change(std::optional<double> cur, std::optional<double> prev, const std::string& prev_text) {
  Change c;
  c.previous = "vs " + prev_text;
  if (!cur || !prev) {
    c.text = !cur && !prev ? "nothing to compare" : "—";
    if (!prev) c.previous = "none before";
    if (!cur && !prev) c.previous.clear();
    return c;
  }
  const double d = *cur - *prev;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f pts", std::fabs(d) * 100.0);
  c.text = std::fabs(d) < 0.0005 ? "no change" : buf;
  c.direction = std::fabs(d) < 0.0005 ? 0 : (d > 0 ? 1 : -1);
  return c;
}

void kpi_tile(Ui& ui, ImVec2 p, float w, float h, const char* caption_text, const std::string& value,
              const Change& change, const char* mark) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(p, ImVec2(p.x + w, p.y + h), col(ui.pal.card), ui.px(10));
  dl->AddRect(p, ImVec2(p.x + w, p.y + h), col(ui.pal.border), ui.px(10));
  const float pad = ui.px(14);
  dl->PushClipRect(p, ImVec2(p.x + w - ui.px(4), p.y + h), true);
  ImGui::PushFont(ui.fonts.small);
  dl->AddText(ImVec2(p.x + pad, p.y + ui.px(11)), col(ui.pal.muted), caption_text);
  ImGui::PopFont();
  ImGui::PushFont(ui.fonts.title);
  dl->AddText(ImVec2(p.x + pad, p.y + ui.px(29)), col(ui.pal.text), value.c_str());
  ImGui::PopFont();
  ImGui::PushFont(ui.fonts.small);
  const float y = p.y + h - ui.px(24);
  float x = p.x + pad;
  const ImVec4 tone = change.direction > 0   ? ui.pal.success
                      : change.direction < 0 ? ui.pal.danger
                                             : ui.pal.muted;
  const float line = ImGui::GetTextLineHeight();
  if (change.direction != 0) {
    const float s = ui.px(7);
    const float cy = y + line * 0.5F;
    if (change.direction > 0)
      dl->AddTriangleFilled(ImVec2(x, cy + s * 0.45F), ImVec2(x + s, cy + s * 0.45F),
                            ImVec2(x + s * 0.5F, cy - s * 0.5F), col(tone));
    else
      dl->AddTriangleFilled(ImVec2(x, cy - s * 0.45F), ImVec2(x + s, cy - s * 0.45F),
                            ImVec2(x + s * 0.5F, cy + s * 0.5F), col(tone));
    x += s + ui.px(5);
  }
  dl->AddText(ImVec2(x, y), col(tone), change.text.c_str());
  x += ImGui::CalcTextSize(change.text.c_str()).x + ui.px(6);
  dl->AddText(ImVec2(x, y), col(ui.pal.faint), change.previous.c_str());
  ImGui::PopFont();
  dl->PopClipRect();
  ImGui::SetCursorScreenPos(p);
  ImGui::Dummy(ImVec2(w, h));
  ui.marks.mark(mark);
}

}  // namespace

DashboardPage::DashboardPage() = default;
DashboardPage::~DashboardPage() = default;

void DashboardPage::refresh(Ui& ui) {
  const Workspace& ws = ui.session.workspace();
  const TimeZone* zone = practice_zone(ws);
  metrics::MetricsRange want;
  if (m_preset == RangePreset::custom)
    want = m_custom.value_or(preset_range(RangePreset::last_30, ui.platform.now_ms(), zone));
  else
    want = preset_range(m_preset, ui.platform.now_ms(), zone);
  // Until the indexes describe the workspace, the previous figures stay (drawn dimmed).
  if (!advance_cache(ui)) return;
  const std::uint64_t revision = ui.session.revision();
  if (m_revision == revision && want == m_range && m_filter == m_data_filter) return;
  m_revision = revision;
  m_range = want;
  m_data_filter = m_filter;
  ++m_computations;
  // m_cache describes `ws`: compute_dashboard only reads it.
  auto d = metrics::compute_dashboard(ws, want, m_filter, m_cache);
  if (!d) {
    m_error = d.error().message;
    m_data.reset();
    return;
  }
  m_error.clear();
  m_data = std::make_unique<DashboardData>(std::move(d).value());
}

bool DashboardPage::advance_cache(Ui& ui) {
  const Workspace& ws = ui.session.workspace();
  if (m_cache.describes(ws)) {
    m_building.reset();
    return true;
  }
  // An edit, an undo or an import since the build started: its indexes would mix two states.
  if (m_building && !m_building->describes(ws)) m_building.reset();
  if (!m_building) {
    // The stale cache is never read again; dropping it first keeps one cache in memory.
    m_cache = metrics::MetricsCache{};
    m_building = std::make_unique<metrics::MetricsCacheBuilder>(ws);
    ++m_cache_builds;
  }
  if (!m_budget.run(ui, [&](std::size_t units) { return m_building->step(units); })) return false;
  m_cache = m_building->take();
  m_building.reset();
  return true;
}

void DashboardPage::draw_updating(Ui& ui, float width) {
  Card card(ui, width);
  const double p = m_building->progress();
  label(ui, ("Updating figures… " + percent_text(p)).c_str());
  ui.marks.mark("dash.updating");
  progress_bar(ui, p, std::min(card.inner_width(), ui.px(520)), "dash.progress");
  caption(ui, m_data
                  ? "The figures below are from before your last change; they refresh when this finishes."
                  : "Indexing events and touches for the figures. This takes a moment for a large practice.");
}

void DashboardPage::export_csv(Ui& ui, const char* card, const std::string& csv) {
  const Workspace& ws = ui.session.workspace();
  const TimeZone* zone = practice_zone(ws);
  const std::string name = std::string("nurture-") + card + "-" + local_date_text(m_range.from, zone) +
                           "-to-" + local_date_text(m_range.to - 1, zone) + ".csv";
  ui.platform.download(name, "text/csv", csv);
  m_last_export = name;
  ui.notice = "Saved " + name;
  ui.announce(ui.notice);
}

void DashboardPage::draw(Ui& ui) {
  const Workspace& ws = ui.session.workspace();
  if (ws.leads.size() == 0) {
    draw_funnel_empty_state(ui);
    return;
  }
  const float width = std::min(ImGui::GetContentRegionAvail().x, ui.px(k_max_width));
  refresh(ui);
  draw_controls(ui, width);
  gap(ui, 6);
  draw_filters(ui, width);
  gap(ui, 12);
  if (m_building) {
    draw_updating(ui, width);
    gap(ui, 12);
  }
  if (!m_error.empty()) {
    const ImVec4 bg = ui.pal.danger_bg;
    Card card(ui, width, &bg);
    label(ui, "These figures cannot be computed");
    paragraph(ui, m_error.c_str(), true);
    if (button(ui, "Clear filters", ButtonKind::secondary, "dash.error_clear")) m_filter = {};
    return;
  }
  if (!m_data) return;
  const DashboardData& d = *m_data;
  // While the indexes are rebuilt the previous figures stay in view, dimmed and inert (a veil
  // over the hand-drawn charts, which ImGui's disabled alpha does not reach).
  const bool stale = m_building != nullptr;
  const ImVec2 figures_top = ImGui::GetCursorScreenPos();
  if (stale) ImGui::BeginDisabled();
  draw_kpis(ui, width);
  gap(ui, 12);
  if (dash::draw_funnel(ui, d, width))
    export_csv(ui, "funnel", funnel_csv(d.report.current.funnel, d.report.previous.funnel));
  gap(ui, 12);
  if (dash::draw_trend(ui, d, width)) export_csv(ui, "conversion", trend_csv(d.trend));
  gap(ui, 12);
  if (dash::draw_steps(ui, ws, d, width)) export_csv(ui, "steps", steps_csv(ws, d.report.current.sequences));
  gap(ui, 12);
  if (dash::draw_nurture(ui, d, width)) export_csv(ui, "nurtured", nurture_csv(d.report.current.nurture));
  gap(ui, 12);
  if (dash::draw_content(ui, ws, d, width)) export_csv(ui, "content", engagement_csv(ws, d.engagement));
  gap(ui, 12);
  if (dash::draw_cohorts(ui, d, width)) export_csv(ui, "cohorts", cohorts_csv(d.retention));
  gap(ui, 12);
  if (dash::draw_roi(ui, ws, d, width)) export_csv(ui, "roi", roi_csv(ws, d.roi));
  if (stale) {
    ImGui::EndDisabled();
    const ImVec2 bottom = ImGui::GetCursorScreenPos();
    ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(figures_top.x - ui.px(4), figures_top.y),
                                              ImVec2(figures_top.x + width + ui.px(4), bottom.y),
                                              col(ui.pal.bg, 0.55F));
  }
  gap(ui, 16);
}

void DashboardPage::draw_controls(Ui& ui, float width) {
  const Workspace& ws = ui.session.workspace();
  const TimeZone* zone = practice_zone(ws);
  for (const RangePreset p : k_range_presets) {
    const std::string mark = std::string("dash.range.") + preset_key(p);
    if (button(ui, preset_label(p), p == m_preset ? ButtonKind::primary : ButtonKind::secondary,
               mark.c_str()) &&
        p != m_preset) {
      if (p == RangePreset::custom) {
        m_custom_from = local_date_text(m_range.from, zone);
        m_custom_to = local_date_text(m_range.to - 1, zone);
        m_custom = m_range;
        m_custom_error.clear();
      }
      m_preset = p;
    }
    ImGui::SameLine(0, ui.px(6));
  }
  ImGui::NewLine();
  if (m_preset == RangePreset::custom) {
    gap(ui, 2);
    const float fw = ui.px(150);
    const ImVec2 row = ImGui::GetCursorPos();
    ImGui::BeginGroup();
    text_field(ui, "From", "dash.custom.from", m_custom_from, "", fw, "2026-11-01");
    ImGui::EndGroup();
    ImGui::SetCursorPos(ImVec2(row.x + fw + ui.px(12), row.y));
    ImGui::BeginGroup();
    text_field(ui, "To (included)", "dash.custom.to", m_custom_to, "", fw, "2026-11-30");
    ImGui::EndGroup();
    // Apply sits on the fields' line, not their labels'.
    const auto& rects = ui.marks.rects();
    if (const auto it = rects.find("dash.custom.to"); it != rects.end())
      ImGui::SetCursorScreenPos(ImVec2(it->second.x + it->second.z + ui.px(12), it->second.y));
    else
      ImGui::SameLine(0, ui.px(12));
    if (button(ui, "Apply", ButtonKind::primary, "dash.custom.apply")) {
      auto r = custom_range(m_custom_from, m_custom_to, zone);
      if (r) {
        m_custom = r.value();
        m_custom_error.clear();
      } else {
        m_custom_error = r.error().message;
      }
    }
    if (!m_custom_error.empty()) {
      caption(ui, m_custom_error.c_str(), &ui.pal.danger);
      ui.marks.mark("dash.custom.error");
    }
  }
  const metrics::MetricsRange prev = m_range.previous();
  const std::string text =
      range_label(m_range, zone) + "   ·   compared with " + range_label(prev, zone) +
      (zone == nullptr ? "   ·   days in UTC" : "   ·   days in " + ws.practice.time_zone);
  small_text(ui, text.c_str());
  ui.marks.mark("dash.range_label");
  (void)width;
}

void DashboardPage::draw_filters(Ui& ui, float width) {
  const Workspace& ws = ui.session.workspace();
  const float clear_w = ui.px(110);
  const float combos = ws.funnel.pipelines.size() > 1 ? 5.0F : 4.0F;
  const float w = std::min(ui.px(240), (width - clear_w - combos * ui.px(8)) / combos);
  catalog_combo(
      ui, "##source", "dash.filter.source", "Source", ws.sources,
      [](const LeadSource& s) { return s.name.empty() ? s.id : s.name; }, m_filter.source, w);
  ImGui::SameLine(0, ui.px(8));
  catalog_combo(
      ui, "##treatment", "dash.filter.treatment", "Treatment", ws.treatments,
      [](const Treatment& t) { return t.name.empty() ? t.id : t.name; }, m_filter.treatment, w);
  ImGui::SameLine(0, ui.px(8));
  catalog_combo(
      ui, "##segment", "dash.filter.segment", "Segment", ws.segments,
      [](const SavedSegment& s) { return s.name.empty() ? s.id : s.name; }, m_filter.segment, w);
  ImGui::SameLine(0, ui.px(8));
  catalog_combo(
      ui, "##sequence", "dash.filter.sequence", "Sequence", ws.sequences,
      [](const Sequence& s) { return s.name.empty() ? s.id : s.name; }, m_filter.sequence, w);
  ImGui::SameLine(0, ui.px(8));
  // Pipelines only matter once the practice has split its funnel (Settings → Funnel).
  if (ws.funnel.pipelines.size() > 1) {
    const Pipeline* current = find_pipeline(ws.funnel, m_filter.pipeline);
    const std::string preview = "Pipeline: " + (current != nullptr ? current->name : std::string("All"));
    dashboard_filter_combo(ui, "##pipeline", "dash.filter.pipeline", preview, w, [&] {
      if (ImGui::Selectable("All", m_filter.pipeline.empty())) m_filter.pipeline.clear();
      ui.marks.mark("dash.filter.pipeline.0");
      int n = 1;
      for (const Pipeline& p : ws.funnel.pipelines) {
        ImGui::PushID(n);
        if (ImGui::Selectable(p.name.c_str(), m_filter.pipeline == p.id)) m_filter.pipeline = p.id;
        ImGui::PopID();
        ui.marks.mark("dash.filter.pipeline." + std::to_string(n));
        ++n;
      }
    });
    ImGui::SameLine(0, ui.px(8));
  }
  if (button(ui, "Clear filters", ButtonKind::quiet, "dash.filter.clear",
             !(m_filter == metrics::MetricsFilter{})))
    m_filter = {};
}

void DashboardPage::draw_kpis(Ui& ui, float width) {
  const Kpis k = kpis_of(*m_data);
  const int per_row = width >= ui.px(900) ? 6 : 3;
  const float gap_x = ui.px(10);
  const float w = (width - static_cast<float>(per_row - 1) * gap_x) / static_cast<float>(per_row);
  const float h = ui.px(94);
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const auto at = [&](int i) {
    return ImVec2(origin.x + static_cast<float>(i % per_row) * (w + gap_x),
                  origin.y + static_cast<float>(i / per_row) * (h + gap_x));
  };
  kpi_tile(ui, at(0), w, h, "New leads", format_count(k.new_leads),
           count_change(static_cast<double>(k.new_leads), static_cast<double>(k.new_leads_prev),
                        format_count(k.new_leads_prev)),
           "dash.kpi.new_leads");
  kpi_tile(ui, at(1), w, h, "Consultations booked", format_count(k.bookings),
           count_change(static_cast<double>(k.bookings), static_cast<double>(k.bookings_prev),
                        format_count(k.bookings_prev)),
           "dash.kpi.bookings");
  kpi_tile(ui, at(2), w, h, "Conversion rate", dash::pct(k.conversion),
           rate_change(k.conversion, k.conversion_prev, dash::pct(k.conversion_prev)), "dash.kpi.conversion");
  kpi_tile(ui, at(3), w, h, "Nurtured lift", dash::pts(k.lift),
           rate_change(k.lift, k.lift_prev, dash::pts(k.lift_prev)), "dash.kpi.lift");
  kpi_tile(ui, at(4), w, h, "Open rate", dash::pct(k.open_rate),
           rate_change(k.open_rate, k.open_rate_prev, dash::pct(k.open_rate_prev)), "dash.kpi.open_rate");
  kpi_tile(ui, at(5), w, h, "Revenue", dash::money(k.revenue_cents),
           count_change(static_cast<double>(k.revenue_cents), static_cast<double>(k.revenue_prev_cents),
                        dash::money(k.revenue_prev_cents)),
           "dash.kpi.revenue");
  const int rows = (6 + per_row - 1) / per_row;
  ImGui::SetCursorScreenPos(ImVec2(origin.x, origin.y + static_cast<float>(rows) * (h + gap_x) - gap_x));
  ImGui::Dummy(ImVec2(width, 0));
  // A one-line note under the tiles says what the less obvious figures mean, and the CSV button.
  const char* note =
      "Conversion: leads active in the period who booked. Lift: nurtured minus not nurtured. Open rate: "
      "people "
      "only, machine opens excluded.";
  const float line_x = ImGui::GetCursorPosX();
  small_text(ui, note);
  ImGui::SameLine(line_x + width - ui.px(92));
  ImGui::PushID("kpis");
  if (button(ui, "Export CSV", ButtonKind::quiet, "dash.export.kpis")) export_csv(ui, "kpis", kpis_csv(k));
  ImGui::PopID();
}

void DashboardPage::describe(nlohmann::json& out, const Workspace& ws) const {
  const TimeZone* zone = practice_zone(ws);
  out["preset"] = preset_key(m_preset);
  out["filter"] = {{"source", m_filter.source},
                   {"treatment", m_filter.treatment},
                   {"segment", m_filter.segment},
                   {"sequence", m_filter.sequence},
                   {"pipeline", m_filter.pipeline}};
  out["custom_error"] = m_custom_error;
  out["error"] = m_error;
  out["computations"] = m_computations;
  // "updating" while the indexes are rebuilt across frames (progress in [0, 1)), then "ready".
  out["figures"] = m_building ? "updating" : (m_data ? "ready" : "none");
  out["progress"] = m_building ? m_building->progress() : (m_data ? 1.0 : 0.0);
  out["cache_builds"] = m_cache_builds;
  out["cache_current"] = m_cache.describes(ws);
  out["last_export"] = m_last_export;
  if (!m_data) return;
  const DashboardData& d = *m_data;
  out["range"] = {{"from", d.range.from},
                  {"to", d.range.to},
                  {"first_day", local_date_text(d.range.from, zone)},
                  {"last_day", local_date_text(d.range.to - 1, zone)},
                  {"label", range_label(d.range, zone)}};
  out["leads"] = d.report.leads;
  const Kpis k = kpis_of(d);
  const auto opt = [](std::optional<double> v) { return v ? nlohmann::json(*v) : nlohmann::json(nullptr); };
  out["kpis"] = {{"new_leads", k.new_leads},
                 {"new_leads_prev", k.new_leads_prev},
                 {"bookings", k.bookings},
                 {"bookings_prev", k.bookings_prev},
                 {"conversion", opt(k.conversion)},
                 {"conversion_prev", opt(k.conversion_prev)},
                 {"lift", opt(k.lift)},
                 {"open_rate", opt(k.open_rate)},
                 {"revenue_cents", k.revenue_cents},
                 {"revenue_prev_cents", k.revenue_prev_cents}};
  nlohmann::json cohort = nlohmann::json::array();
  for (const auto& s : d.report.current.funnel.stages) cohort.push_back(s.cohort);
  std::size_t steps = 0;
  for (const auto& s : d.report.current.sequences) steps += s.steps.size();
  std::size_t content = 0;
  for (const auto& c : d.engagement.items) content += c.figures.views > 0 ? 1 : 0;
  std::uint64_t trend_bookings = 0;
  for (const auto& p : d.trend) trend_bookings += p.bookings;
  out["funnel_cohort"] = cohort;
  out["trend_bookings"] = trend_bookings;
  out["rows"] = {{"trend", d.trend.size()},     {"steps", steps},
                 {"content", content},          {"cohorts", d.retention.cohorts.size()},
                 {"roi", d.roi.sources.size()}, {"weeks", d.weeks.size()}};
}

}  // namespace nurture::ui
