// Forecast: what the sequences will do in the days ahead, from the simulator. The chart is drawn
// by hand (stacked bars with gridlines, labels, a legend and a tooltip) because a practice owner
// reads it like any analytics product's chart, not like a debug plot.
#include "web/ui/forecast_page.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <vector>

#include <imgui.h>
#include <nlohmann/json.hpp>

#include "core/sequence/sequence_text.hpp"
#include "core/sequence/template_render.hpp"
#include "core/util/text.hpp"
#include "core/util/time_zone.hpp"
#include "web/ui/chart_frame.hpp"
#include "web/ui/empty_state.hpp"
#include "web/ui/format.hpp"
#include "web/ui/lead_list.hpp"
#include "web/ui/widgets.hpp"

namespace nurture::ui {

namespace {

constexpr std::array<int, 4> k_periods = {7, 14, 30, 90};
constexpr std::size_t k_leads_per_frame = 400;
constexpr std::size_t k_stuck_shown = 12;
constexpr std::size_t k_lead_matches = 6;

// One colour per channel, distinct in both themes; email takes the brand colour.
ImVec4 channel_colour(const Ui& ui, StepChannel c) {
  switch (c) {
    case StepChannel::email:
      return ui.pal.accent;
    case StepChannel::text:
      return ImVec4(0.40F, 0.47F, 0.90F, 1.0F);
    case StepChannel::call:
      return ImVec4(0.93F, 0.62F, 0.20F, 1.0F);
    case StepChannel::social:
      return ImVec4(0.84F, 0.38F, 0.62F, 1.0F);
    case StepChannel::letter:
      return ImVec4(0.55F, 0.58F, 0.62F, 1.0F);
  }
  return ui.pal.accent;
}

const char* channel_plural(StepChannel c) {
  switch (c) {
    case StepChannel::email:
      return "Emails";
    case StepChannel::text:
      return "Texts";
    case StepChannel::call:
      return "Calls";
    case StepChannel::social:
      return "Social";
    case StepChannel::letter:
      return "Letters";
  }
  return "";
}

// "Mon 7 Dec".
std::string day_label(std::int64_t day) {
  const CivilDate d = civil_from_days(day);
  return std::string(k_weekday_short[static_cast<std::size_t>(weekday_of(d))]) + " " + std::to_string(d.day) +
         " " + k_month_short[d.month - 1];
}

// The smallest 1, 2 or 5 × 10^k at or above `v` (at least 1): the chart's top gridline.
std::uint32_t nice_ceiling(std::uint32_t v) {
  std::uint32_t base = 1;
  while (true) {
    for (const std::uint32_t m : {1U, 2U, 5U}) {
      if (base * m >= v) return base * m;
    }
    base *= 10;
  }
}

std::string bookings_text(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, v < 10 ? "%.1f" : "%.0f", v);
  return buf;
}

std::string forecast_percent(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f %%", v * 100.0);
  return buf;
}

// A KPI tile: a small label, a big number, a line under it.
void tile(Ui& ui, float x, float y, float w, float h, const char* caption_text, const std::string& value,
          const std::string& sub, const char* mark, const ImVec4* value_colour = nullptr) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 p(x, y);
  dl->AddRectFilled(p, ImVec2(x + w, y + h), col(ui.pal.card), ui.px(10));
  dl->AddRect(p, ImVec2(x + w, y + h), col(ui.pal.border), ui.px(10));
  const float pad = ui.px(14);
  ImGui::PushFont(ui.fonts.small);
  dl->AddText(ImVec2(x + pad, y + ui.px(10)), col(ui.pal.muted), caption_text);
  ImGui::PopFont();
  ImGui::PushFont(ui.fonts.title);
  dl->AddText(ImVec2(x + pad, y + ui.px(28)), col(value_colour != nullptr ? *value_colour : ui.pal.text),
              value.c_str());
  ImGui::PopFont();
  ImGui::PushFont(ui.fonts.small);
  dl->PushClipRect(p, ImVec2(x + w - pad, y + h), true);
  dl->AddText(ImVec2(x + pad, y + h - ui.px(24)), col(ui.pal.muted), sub.c_str());
  dl->PopClipRect();
  ImGui::PopFont();
  ImGui::SetCursorScreenPos(p);
  ImGui::Dummy(ImVec2(w, h));
  ui.marks.mark(mark);
}

std::string lead_label(const Workspace& ws, LeadId id) {
  const auto row = ws.leads.find(id);
  return row ? display_name(ws.leads, *row) : to_string(id);
}

const Step* step_of(const Workspace& ws, const std::string& sequence, const std::string& step) {
  const Sequence* s = find_item(ws.sequences, sequence);
  if (s == nullptr) return nullptr;
  const auto i = step_index(*s, step);
  return i ? &s->steps[*i] : nullptr;
}

std::string sequence_name(const Workspace& ws, const std::string& id) {
  const Sequence* s = find_item(ws.sequences, id);
  return s != nullptr ? s->name : id;
}

}  // namespace

ForecastPage::ForecastPage() = default;
ForecastPage::~ForecastPage() = default;

void ForecastPage::start(Ui& ui) {
  const UnixMillis now = ui.platform.now_ms();
  m_running_from = now - now % 60'000;
  m_running_days = m_days;
  m_running_revision = ui.session.revision();
  m_running = std::make_unique<Simulator>(ui.session.workspace(),
                                          SimulationOptions{m_running_from, m_running_days, {}, {}, false});
}

void ForecastPage::advance(Ui& ui) {
  const std::uint64_t revision = ui.session.revision();
  if (m_running && m_running_revision != revision) m_running.reset();  // the data moved under it
  if (!m_running && (m_revision != revision || m_sim_days != m_days)) start(ui);
  if (m_running && m_running->step(k_leads_per_frame)) {
    m_sim = m_running->take();
    m_summary = summarize(ui.session.workspace(), *m_sim);
    m_revision = m_running_revision;
    m_sim_days = m_running_days;
    m_running.reset();
    m_lead_revision = ~std::uint64_t{0};
  }
  // The followed lead's timeline: one lead only, so it is cheap to run at once.
  if (m_lead && m_sim && m_lead_revision != m_revision) {
    m_lead_revision = m_revision;
    if (ui.session.workspace().leads.find(*m_lead)) {
      m_lead_sim =
          simulate(ui.session.workspace(), SimulationOptions{m_sim->from, m_sim_days, {}, m_lead, true});
    } else {
      m_lead.reset();
      m_lead_sim.reset();
    }
  }
}

void ForecastPage::draw(Ui& ui) {
  const float width = content_width(ui);
  const Workspace& ws = ui.session.workspace();
  const bool any_active = std::any_of(ws.sequences.begin(), ws.sequences.end(), [](const Sequence& s) {
    return !s.deleted && s.status == SequenceStatus::active;
  });
  if (!any_active) {
    EmptyState e;
    e.icon = Icon::forecast;
    e.title = "Nothing to forecast yet";
    e.what =
        "Once a sequence is active, this page shows the days ahead: how many emails, texts and calls go "
        "out each day, from which sequences, and the bookings to expect.";
    e.why =
        "Seeing next week's workload before it arrives lets you plan front-desk time and spot a sequence "
        "that would flood your patients.";
    e.steps = {"Open Sequences and add a playbook", "Activate it", "Come back here"};
    e.primary = "Go to Sequences";
    e.primary_mark = "forecast.go_sequences";
    if (draw_empty_state(ui, e, width) == EmptyAction::primary) ui.go_to = Page::sequences;
    return;
  }
  advance(ui);
  draw_controls(ui, width);
  gap(ui, 10);
  if (!m_sim) return;  // the first run is still going: the progress bar says so
  draw_tiles(ui, width);
  gap(ui, 12);
  draw_chart(ui, width);
  gap(ui, 12);
  draw_sequences(ui, width);
  gap(ui, 12);
  draw_lead(ui, width);
  if (!m_sim->stuck.empty()) {
    gap(ui, 12);
    draw_stuck(ui, width);
  }
  gap(ui, 12);
  draw_rates(ui, width);
  gap(ui, 16);
}

void ForecastPage::draw_controls(Ui& ui, float width) {
  // "Period" centred on the buttons' row, then the buttons from the row's top.
  const ImVec2 row = ImGui::GetCursorScreenPos();
  ImGui::PushFont(ui.fonts.small);
  const ImVec2 ts = ImGui::CalcTextSize("Period");
  ImGui::GetWindowDrawList()->AddText(ImVec2(row.x, row.y + (ui.px(35) - ts.y) * 0.5F), col(ui.pal.muted),
                                      "Period");
  ImGui::PopFont();
  ImGui::SetCursorScreenPos(ImVec2(row.x + ts.x + ui.px(12), row.y));
  for (const int d : k_periods) {
    const std::string text = std::to_string(d) + " days";
    const std::string mark = "forecast.days." + std::to_string(d);
    if (button(ui, text.c_str(), d == m_days ? ButtonKind::primary : ButtonKind::secondary, mark.c_str()))
      m_days = d;
    ImGui::SameLine(0, ui.px(6));
  }
  ImGui::SameLine(0, ui.px(10));
  if (button(ui, "Run again", ButtonKind::quiet, "forecast.rerun", !m_running))
    m_revision = ~std::uint64_t{0};
  ImGui::NewLine();
  if (m_running) {
    const float p = static_cast<float>(m_running->progress());
    ImGui::ProgressBar(p, ImVec2(std::min(width, ui.px(420)), ui.px(6)), "");
    ui.marks.mark("forecast.progress");
    caption(ui, ("Simulating the next " + std::to_string(m_running_days) + " days…").c_str());
  } else if (m_sim) {
    const int offset = ui.platform.local_utc_offset_minutes(m_sim->from);
    caption(ui, ("From " + format_day_time(m_sim->from, offset) +
                 ", as if every touch were sent the moment it is "
                 "due and nobody replied or booked. Your data is not changed.")
                    .c_str());
  }
}

void ForecastPage::draw_tiles(Ui& ui, float width) {
  const SimulationSummary& s = m_summary;
  const float gap_x = ui.px(12);
  const float w = (width - 3 * gap_x) / 4.0F;
  const float h = ui.px(92);
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const double per_day = static_cast<double>(s.total) / static_cast<double>(std::max(m_sim_days, 1));
  char avg[48];
  std::snprintf(avg, sizeof avg, "about %.0f a day", per_day);
  tile(ui, origin.x, origin.y, w, h, "Touches", format_count(s.total),
       s.total == 0 ? "none in this period" : avg, "forecast.tile.touches");
  std::size_t busiest = 0;
  std::uint32_t busiest_total = 0;
  for (std::size_t i = 0; i < s.per_day.size(); ++i) {
    std::uint32_t t = 0;
    for (const std::uint32_t v : s.per_day[i]) t += v;
    if (t > busiest_total) {
      busiest_total = t;
      busiest = i;
    }
  }
  tile(ui, origin.x + (w + gap_x), origin.y, w, h, "Busiest day", format_count(busiest_total),
       busiest_total == 0 ? "nothing goes out" : day_label(s.days[busiest]), "forecast.tile.busiest");
  std::uint32_t enrolled = 0;
  for (const SequenceForecast& f : s.sequences) enrolled += f.enrolled;
  tile(ui, origin.x + 2 * (w + gap_x), origin.y, w, h, "New enrolments", format_count(enrolled),
       "birthdays and recalls", "forecast.tile.enrolled");
  const bool no_history = std::all_of(m_sim->rates.begin(), m_sim->rates.end(),
                                      [](const StepRate& r) { return r.basis == RateBasis::none; });
  tile(ui, origin.x + 3 * (w + gap_x), origin.y, w, h, "Projected bookings",
       no_history ? "—" : bookings_text(m_sim->projected_bookings),
       no_history ? "no booking history yet" : "at observed rates", "forecast.tile.bookings",
       no_history ? nullptr : &ui.pal.success);
  // Only the first tile's widget moved the cursor; put it under the row.
  ImGui::SetCursorScreenPos(ImVec2(origin.x, origin.y + h));
  ImGui::Dummy(ImVec2(width, 0));
}

void ForecastPage::draw_chart(Ui& ui, float width) {
  const SimulationSummary& s = m_summary;
  Card card(ui, width);
  const float inner = card.inner_width();
  heading(ui, "Touches per day");
  // Legend: the channels that occur, with their totals.
  ImDrawList* dl = ImGui::GetWindowDrawList();
  bool first = true;
  for (std::size_t c = 0; c < k_step_channel_count; ++c) {
    if (s.touches[c] == 0) continue;
    if (!first) ImGui::SameLine(0, ui.px(16));
    first = false;
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const float sq = ui.px(10);
    const float line = ImGui::GetTextLineHeight();
    dl->AddRectFilled(ImVec2(p.x, p.y + (line - sq) * 0.5F), ImVec2(p.x + sq, p.y + (line + sq) * 0.5F),
                      col(channel_colour(ui, static_cast<StepChannel>(c))), ui.px(2));
    ImGui::Dummy(ImVec2(sq + ui.px(4), line));
    ImGui::SameLine(0, 0);
    small_text(ui,
               (std::string(channel_plural(static_cast<StepChannel>(c))) + " " + format_count(s.touches[c]))
                   .c_str());
  }
  if (first) small_text(ui, "Nothing goes out in this period.");
  gap(ui, 8);

  const float axis_w = ui.px(40);
  const float label_h = ui.px(22);
  const float chart_h = ui.px(190);
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float plot_x = origin.x + axis_w;
  const float plot_w = inner - axis_w;
  const float base_y = origin.y + chart_h;
  const std::uint32_t top = nice_ceiling(std::max<std::uint32_t>(s.peak, 4));
  ImGui::PushFont(ui.fonts.small);
  // Gridlines at quarters of the top value, labelled on the left.
  for (int g = 0; g <= 4; ++g) {
    const float y = base_y - chart_h * static_cast<float>(g) / 4.0F;
    chart_gridline(ui, plot_x, plot_w, y, g == 0,
                   format_count(top * static_cast<std::uint32_t>(g) / 4).c_str());
  }
  const std::size_t n = s.days.size();
  const float slot = n == 0 ? plot_w : plot_w / static_cast<float>(n);
  const float bar_w = std::max(ui.px(2), std::min(slot * 0.72F, ui.px(28)));
  // Labels under the bars: as many as fit without touching.
  const float label_w = ui.px(70);
  const std::size_t every = std::max<std::size_t>(1, static_cast<std::size_t>(std::ceil(label_w / slot)));
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  std::optional<std::size_t> hovered;
  for (std::size_t i = 0; i < n; ++i) {
    const float x0 = plot_x + slot * static_cast<float>(i);
    const float cx = x0 + slot * 0.5F;
    const int wd = weekday_of(civil_from_days(s.days[i]));
    if (wd >= 5) dl->AddRectFilled(ImVec2(x0, origin.y), ImVec2(x0 + slot, base_y), col(ui.pal.hover));
    const bool over = ImGui::IsWindowHovered() && mouse.x >= x0 && mouse.x < x0 + slot &&
                      mouse.y >= origin.y && mouse.y <= base_y + label_h;
    if (over) {
      hovered = i;
      dl->AddRectFilled(ImVec2(x0, origin.y), ImVec2(x0 + slot, base_y), col(ui.pal.accent_soft));
    }
    float y = base_y;
    for (std::size_t c = 0; c < k_step_channel_count; ++c) {
      const std::uint32_t v = s.per_day[i][c];
      if (v == 0) continue;
      const float h = chart_h * static_cast<float>(v) / static_cast<float>(top);
      dl->AddRectFilled(ImVec2(cx - bar_w * 0.5F, y - h), ImVec2(cx + bar_w * 0.5F, y),
                        col(channel_colour(ui, static_cast<StepChannel>(c))));
      y -= h;
    }
    if (i % every == 0) {
      const CivilDate d = civil_from_days(s.days[i]);
      const std::string text =
          n <= 14 ? day_label(s.days[i]) : std::to_string(d.day) + " " + k_month_short[d.month - 1];
      const ImVec2 ts = ImGui::CalcTextSize(text.c_str());
      dl->AddText(ImVec2(std::max(plot_x, cx - ts.x * 0.5F), base_y + ui.px(5)), col(ui.pal.muted),
                  text.c_str());
    }
  }
  ImGui::PopFont();
  ImGui::Dummy(ImVec2(inner, chart_h + label_h));
  ui.marks.mark("forecast.chart");
  if (hovered) {
    const std::size_t i = *hovered;
    std::vector<TipLine> lines;
    lines.push_back({day_label(s.days[i]), ui.pal.text});
    std::uint32_t total = 0;
    for (std::size_t c = 0; c < k_step_channel_count; ++c) {
      const std::uint32_t v = s.per_day[i][c];
      total += v;
      if (v > 0)
        lines.push_back({std::string(channel_plural(static_cast<StepChannel>(c))) + "  " + format_count(v),
                         channel_colour(ui, static_cast<StepChannel>(c))});
    }
    lines.push_back({total == 0 ? "Nothing goes out" : format_count(total) + " in all", ui.pal.muted});
    const float x0 = plot_x + slot * static_cast<float>(i);
    chart_tooltip(ui, ImVec2(x0, origin.y + ui.px(8)), ImVec2(x0 + slot, base_y), ImVec2(plot_x, origin.y),
                  ImVec2(plot_x + plot_w, base_y + label_h), lines, "forecast.tooltip");
  }
}

void ForecastPage::draw_sequences(Ui& ui, float width) {
  const Workspace& ws = ui.session.workspace();
  Card card(ui, width);
  heading(ui, "By sequence");
  if (m_summary.sequences.empty()) {
    paragraph(ui, "No sequence sends, enrols or finishes anything in this period.", true);
    return;
  }
  const ImGuiTableFlags flags =
      ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp;
  if (!ImGui::BeginTable("forecast.sequences", 8, flags, ImVec2(card.inner_width(), 0))) return;
  ImGui::TableSetupColumn("Sequence", ImGuiTableColumnFlags_WidthStretch, 3.0F);
  ImGui::TableSetupColumn("Touches", ImGuiTableColumnFlags_WidthStretch, 1.0F);
  ImGui::TableSetupColumn("Emails", ImGuiTableColumnFlags_WidthStretch, 1.0F);
  ImGui::TableSetupColumn("Texts", ImGuiTableColumnFlags_WidthStretch, 1.0F);
  ImGui::TableSetupColumn("Calls & tasks", ImGuiTableColumnFlags_WidthStretch, 1.2F);
  ImGui::TableSetupColumn("New", ImGuiTableColumnFlags_WidthStretch, 0.9F);
  ImGui::TableSetupColumn("Finish", ImGuiTableColumnFlags_WidthStretch, 0.9F);
  ImGui::TableSetupColumn("Bookings", ImGuiTableColumnFlags_WidthStretch, 1.0F);
  ImGui::TableHeadersRow();
  for (const SequenceForecast& f : m_summary.sequences) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted((f.name.empty() ? sequence_name(ws, f.id) : f.name).c_str());
    if (f.stuck > 0) {
      ImGui::SameLine();
      ImGui::TextColored(ui.pal.warning, "· %s waiting for you", format_count(f.stuck).c_str());
    }
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(format_count(f.total).c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(format_count(f.touches[0]).c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(format_count(f.touches[1]).c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(format_count(f.touches[2] + f.touches[3] + f.touches[4]).c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(format_count(f.enrolled).c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(format_count(f.finished + f.goals).c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(("≈ " + bookings_text(f.projected_bookings)).c_str());
  }
  ImGui::EndTable();
  ui.marks.mark("forecast.sequences");
}

void ForecastPage::draw_stuck(Ui& ui, float width) {
  const Workspace& ws = ui.session.workspace();
  Card card(ui, width, &ui.pal.warning_bg);
  heading(ui, (count_noun(m_sim->stuck.size(), "touch waits", "touches wait") + " for you").c_str());
  caption(ui,
          "These cannot go out on their own until something changes — a consent, the practice's address, "
          "a send window that never opens. They wait; nothing is dropped.");
  gap(ui, 6);
  std::size_t shown = 0;
  for (const HeldTouch& h : m_sim->stuck) {
    if (shown++ == k_stuck_shown) {
      caption(ui, ("and " + format_count(m_sim->stuck.size() - k_stuck_shown) + " more").c_str());
      break;
    }
    const Step* step = step_of(ws, h.touch.sequence, h.touch.step);
    const std::string line = lead_label(ws, h.touch.lead) + "  ·  " + sequence_name(ws, h.touch.sequence) +
                             (step != nullptr ? ", " + step_title(*step) : "");
    label(ui, line.c_str());
    caption(ui, h.reason.c_str());
  }
  ui.marks.mark("forecast.stuck");
}

void ForecastPage::draw_rates(Ui& ui, float width) {
  const Workspace& ws = ui.session.workspace();
  if (button(ui, m_show_rates ? "Hide how bookings are projected" : "How bookings are projected",
             ButtonKind::quiet, "forecast.rates_toggle"))
    m_show_rates = !m_show_rates;
  if (!m_show_rates) return;
  Card card(ui, width);
  caption(ui,
          "Each touch adds its step's booking rate: the bookings that followed that step within 14 days "
          "(credited to the last touch before them) over the touches sent. Steps with fewer than 20 touches "
          "use their sequence's rate, then the practice's from all past emails, texts and calls.");
  gap(ui, 6);
  const ImGuiTableFlags flags =
      ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp;
  if (!ImGui::BeginTable("forecast.rates", 5, flags, ImVec2(card.inner_width(), 0))) return;
  ImGui::TableSetupColumn("Step", ImGuiTableColumnFlags_WidthStretch, 3.0F);
  ImGui::TableSetupColumn("Sent so far", ImGuiTableColumnFlags_WidthStretch, 1.0F);
  ImGui::TableSetupColumn("Bookings", ImGuiTableColumnFlags_WidthStretch, 1.0F);
  ImGui::TableSetupColumn("Rate used", ImGuiTableColumnFlags_WidthStretch, 1.0F);
  ImGui::TableSetupColumn("Based on", ImGuiTableColumnFlags_WidthStretch, 1.4F);
  ImGui::TableHeadersRow();
  for (const StepRate& r : m_sim->rates) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    const Step* step = step_of(ws, r.sequence, r.step);
    ImGui::TextUnformatted(
        (sequence_name(ws, r.sequence) + ": " + (step != nullptr ? step_title(*step) : r.step)).c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(format_count(r.touches).c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(format_count(r.bookings).c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(r.basis == RateBasis::none ? "—" : forecast_percent(r.rate).c_str());
    ImGui::TableNextColumn();
    const char* basis = r.basis == RateBasis::step       ? "this step"
                        : r.basis == RateBasis::sequence ? "the sequence"
                        : r.basis == RateBasis::practice ? "the practice"
                                                         : "no history yet";
    ImGui::TextUnformatted(basis);
  }
  ImGui::EndTable();
}

void ForecastPage::draw_lead(Ui& ui, float width) {
  const Workspace& ws = ui.session.workspace();
  Card card(ui, width);
  heading(ui, "One lead, step by step");
  caption(ui, "Pick a lead to see exactly what they would receive and when — and why anything waits.");
  gap(ui, 4);
  text_field(ui, "Find a lead", "forecast.lead_search", m_search, "",
             std::min(card.inner_width(), ui.px(420)), "Name, email or phone");
  const std::string needle = fold_text(trim(m_search));
  if (!needle.empty()) {
    std::size_t shown = 0;
    ws.leads.for_each_live([&](std::uint32_t row) {
      if (shown >= k_lead_matches) return;
      const std::string name = display_name(ws.leads, row);
      if (fold_text(name).find(needle) == std::string::npos &&
          std::string(ws.leads.email(row)).find(needle) == std::string::npos)
        return;
      ImGui::PushID(static_cast<int>(row));
      if (ImGui::Selectable(name.c_str(), m_lead && *m_lead == ws.leads.id(row))) {
        follow(ws.leads.id(row));
        m_search.clear();
      }
      ui.marks.mark("forecast.lead_match." + std::to_string(shown));
      ImGui::PopID();
      ++shown;
    });
    if (shown == 0) small_text(ui, "No lead by that name, email or phone.");
  }
  if (!m_lead || !m_lead_sim) return;
  gap(ui, 8);
  label(ui, lead_label(ws, *m_lead).c_str());
  if (m_lead_sim->timeline.empty()) {
    caption(ui,
            "Nothing happens for this lead in this period: no running sequence sends them anything and no "
            "trigger enrols them.");
    return;
  }
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float time_w = ui.px(150);
  for (const TimelineEntry& e : m_lead_sim->timeline) {
    const int offset = ui.platform.local_utc_offset_minutes(e.at);
    const Step* step = step_of(ws, e.sequence, e.step);
    const std::string what = step != nullptr ? step_title(*step) : e.step;
    std::string title;
    std::string detail;
    ImVec4 dot = ui.pal.muted;
    switch (e.kind) {
      case TimelineKind::enrolled:
        title = "Enrolled in " + sequence_name(ws, e.sequence);
        detail = "trigger: " + e.reason;
        dot = ui.pal.accent;
        break;
      case TimelineKind::not_enrolled:
        title = "Not enrolled in " + sequence_name(ws, e.sequence);
        detail = e.reason;
        break;
      case TimelineKind::held:
        title = "Waits: " + what;
        detail = e.reason;
        if (e.retry_at != 0)
          detail += " — tries again " +
                    format_day_time(e.retry_at, ui.platform.local_utc_offset_minutes(e.retry_at));
        else
          detail += " — until someone acts";
        dot = ui.pal.warning;
        break;
      case TimelineKind::passed_over:
        title = "Skipped: " + what;
        detail = e.reason.substr(e.reason.starts_with("passed over: ") ? 13 : 0) + "; the sequence goes on";
        dot = ui.pal.faint;
        break;
      case TimelineKind::sent:
        title = what;
        // The message as this lead would read it: the subject (or the text's first line) rendered.
        if (const Sequence* seq = find_item(ws.sequences, e.sequence); seq != nullptr && step != nullptr) {
          const RenderedMessage m =
              render_touch(ws, *seq, *step, *m_lead, RenderContext{e.at, offset, false});
          std::string line = m.subject.empty() ? m.body.substr(0, m.body.find('\n')) : m.subject;
          if (line.size() > 90) {
            std::size_t cut = 87;
            while (cut > 0 && (static_cast<unsigned char>(line[cut]) & 0xC0U) == 0x80U)
              --cut;  // whole characters
            line = line.substr(0, cut) + "…";
          }
          if (!line.empty()) title = std::string(channel_label(e.channel)) + ": " + line;
        }
        detail = sequence_name(ws, e.sequence);
        if (e.planned_at != e.at)
          detail += " · planned for " +
                    format_day_time(e.planned_at, ui.platform.local_utc_offset_minutes(e.planned_at));
        dot = channel_colour(ui, e.channel);
        break;
      case TimelineKind::exited:
        title = "Leaves " + sequence_name(ws, e.sequence);
        detail = e.reason;
        break;
    }
    const ImVec2 p = ImGui::GetCursorScreenPos();
    ImGui::PushFont(ui.fonts.small);
    dl->AddText(ImVec2(p.x, p.y + ui.px(2)), col(ui.pal.muted), format_day_time(e.at, offset).c_str());
    ImGui::PopFont();
    dl->AddCircleFilled(ImVec2(p.x + time_w - ui.px(12), p.y + ui.px(10)), ui.px(4.5F), col(dot));
    ImGui::SetCursorScreenPos(ImVec2(p.x + time_w, p.y));
    ImGui::PushTextWrapPos(p.x - ImGui::GetWindowPos().x + card.inner_width());
    label(ui, title.c_str());
    ImGui::SetCursorScreenPos(ImVec2(p.x + time_w, ImGui::GetCursorScreenPos().y - ui.px(6)));
    caption(ui, detail.c_str());
    ImGui::PopTextWrapPos();
    gap(ui, 4);
  }
  ui.marks.mark("forecast.timeline");
}

void ForecastPage::describe(nlohmann::json& out, const Workspace& ws) const {
  out["running"] = m_running != nullptr;
  out["days"] = m_days;
  if (!m_sim) return;
  out["total"] = m_summary.total;
  out["from"] = m_sim->from;
  out["projected_bookings"] = m_sim->projected_bookings;
  auto& per_day = out["per_day"] = nlohmann::json::array();
  for (const ChannelCounts& d : m_summary.per_day) {
    std::uint32_t total = 0;
    for (const std::uint32_t v : d) total += v;
    per_day.push_back(total);
  }
  auto& sequences = out["sequences"] = nlohmann::json::array();
  for (const SequenceForecast& f : m_summary.sequences)
    sequences.push_back({{"id", f.id}, {"touches", f.total}});
  out["stuck"] = m_sim->stuck.size();
  // A lead with something happening, for tests that follow one.
  if (!m_sim->touches.empty()) {
    const LeadId busy = m_sim->touches.front().touch.lead;
    out["busy_lead"] = lead_label(ws, busy);
    if (const auto row = ws.leads.find(busy)) out["busy_lead_email"] = std::string(ws.leads.email(*row));
  }
  if (m_lead && m_lead_sim) {
    out["lead"] = lead_label(ws, *m_lead);
    auto& timeline = out["timeline"] = nlohmann::json::array();
    for (const TimelineEntry& e : m_lead_sim->timeline)
      timeline.push_back({{"kind", to_string(e.kind)}, {"step", e.step}, {"at", e.at}});
  }
}

}  // namespace nurture::ui
