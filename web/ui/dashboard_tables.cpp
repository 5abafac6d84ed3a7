// The dashboard's tables: step rates with a small weekly trend line per step, content
// engagement, and return by source. Numbers are right-aligned under right-aligned headers so
// columns read down like a spreadsheet.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/sequence/sequence_text.hpp"
#include "core/util/text.hpp"
#include "web/ui/dashboard_parts.hpp"
#include "web/ui/format.hpp"
#include "web/ui/widgets.hpp"

namespace nurture::ui::dash {

namespace {

constexpr ImGuiTableFlags k_table_flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                                          ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_PadOuterX;

// Text right-aligned in the current cell.
void cell_right(const std::string& text, const ImVec4* colour = nullptr) {
  const float w = ImGui::CalcTextSize(text.c_str()).x;
  const float avail = ImGui::GetContentRegionAvail().x;
  if (avail > w) ImGui::SetCursorPosX(ImGui::GetCursorPosX() + avail - w);
  if (colour != nullptr)
    ImGui::TextColored(*colour, "%s", text.c_str());
  else
    ImGui::TextUnformatted(text.c_str());
}

// A header row in the small muted face: the first column left, the others right.
void header_row(Ui& ui, const std::vector<const char*>& names) {
  ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
  ImGui::PushFont(ui.fonts.small);
  for (std::size_t i = 0; i < names.size(); ++i) {
    ImGui::TableSetColumnIndex(static_cast<int>(i));
    if (i == 0)
      ImGui::TextColored(ui.pal.muted, "%s", names[i]);
    else
      cell_right(names[i], &ui.pal.muted);
  }
  ImGui::PopFont();
}

std::optional<double> rate(std::uint64_t part, std::uint64_t whole) {
  if (whole == 0) return std::nullopt;
  return static_cast<double>(part) / static_cast<double>(whole);
}

const metrics::StepFigures* find_step(const std::vector<metrics::SequenceFigures>& seqs,
                                      const std::string& sequence, const std::string& step) {
  for (const auto& s : seqs) {
    if (s.sequence != sequence) continue;
    for (const auto& st : s.steps)
      if (st.step == step) return &st;
  }
  return nullptr;
}

// A small trend line of a rate per week; weeks without sends leave a gap.
void sparkline(Ui& ui, const std::vector<std::optional<double>>& values, float w, float h) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 p = ImGui::GetCursorScreenPos();
  double top = 0;
  for (const auto& v : values)
    if (v) top = std::max(top, *v);
  if (top <= 0) top = 1;
  dl->AddLine(ImVec2(p.x, p.y + h), ImVec2(p.x + w, p.y + h), col(ui.pal.border), ui.px(1));
  const std::size_t n = values.size();
  std::vector<ImVec2> run;
  const auto flush = [&] {
    if (run.size() >= 2)
      dl->AddPolyline(run.data(), static_cast<int>(run.size()), col(ui.pal.accent), 0, ui.px(1.5F));
    if (run.size() == 1) dl->AddCircleFilled(run[0], ui.px(1.5F), col(ui.pal.accent));
    run.clear();
  };
  for (std::size_t i = 0; i < n; ++i) {
    if (!values[i]) {
      flush();
      continue;
    }
    const float x = n == 1 ? p.x + w * 0.5F : p.x + w * static_cast<float>(i) / static_cast<float>(n - 1);
    run.emplace_back(x, p.y + h - (h - ui.px(2)) * static_cast<float>(*values[i] / top));
  }
  if (!run.empty()) dl->AddCircleFilled(run.back(), ui.px(2.2F), col(ui.pal.accent));
  flush();
  ImGui::Dummy(ImVec2(w, h));
}

std::string seconds_text(double s) {
  const auto total = static_cast<std::uint64_t>(std::llround(s));
  if (total < 60) return std::to_string(total) + " s";
  return std::to_string(total / 60) + " min " + std::to_string(total % 60) + " s";
}

}  // namespace

bool draw_steps(Ui& ui, const Workspace& ws, const DashboardData& d, float width) {
  Card card(ui, width);
  const float inner = card.inner_width();
  const bool exported = card_header(
      ui, inner, "Sequences, step by step",
      "Each rate is a share of the step's sends in the period followed within 7 days by that response. "
      "Opens count people only; a dot marks steps where machine opens were left out. Trend: the weekly "
      "open rate (booking rate for texts and calls).",
      "dash.export.steps");
  const auto& seqs = d.report.current.sequences;
  if (seqs.empty()) {
    paragraph(ui, "No messages were sent in this period.", true);
    caption(
        ui,
        "When a sequence sends emails or texts and you log them on Today, each step's opens, clicks, replies "
        "and bookings appear here.");
    ui.marks.mark("dash.steps.empty");
    return exported;
  }
  if (!ImGui::BeginTable("dash.steps", 8, k_table_flags, ImVec2(inner, 0))) return exported;
  ImGui::TableSetupColumn("Step", ImGuiTableColumnFlags_WidthStretch, 3.2F);
  for (int i = 0; i < 6; ++i) ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthStretch, 1.0F);
  ImGui::TableSetupColumn("Trend", ImGuiTableColumnFlags_WidthFixed, ui.px(96));
  header_row(ui, {"Sequence and step", "Sent", "Opened", "Clicked", "Replied", "Unsubscribed", "Booked",
                  "Weekly trend"});
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  std::optional<std::pair<ImVec2, std::uint64_t>> machine_tip;
  int row_id = 0;
  for (const auto& s : seqs) {
    const Sequence* seq = find_item(ws.sequences, s.sequence);
    const auto row = [&](const std::string& name, const metrics::MessageCounts& c, bool strong,
                         const Step* step, const std::string& step_id) {
      ImGui::TableNextRow();
      ImGui::PushID(row_id++);
      ImGui::TableNextColumn();
      if (strong) ImGui::PushFont(ui.fonts.strong);
      if (!strong) ImGui::Indent(ui.px(14));
      ImGui::TextUnformatted(name.c_str());
      if (!strong) ImGui::Unindent(ui.px(14));
      if (strong) ImGui::PopFont();
      ImGui::TableNextColumn();
      cell_right(format_count(c.sent));
      ImGui::TableNextColumn();
      const bool machine = c.opened > c.opened_human;
      cell_right(pct(rate(c.opened_human, c.sent)) + (machine ? "  " : ""));
      if (machine) {
        const ImVec2 mx = ImGui::GetItemRectMax();
        const ImVec2 dot(mx.x - ui.px(4), (ImGui::GetItemRectMin().y + mx.y) * 0.5F);
        ImGui::GetWindowDrawList()->AddCircleFilled(dot, ui.px(3.5F), col(ui.pal.warning));
        if (std::fabs(mouse.x - dot.x) < ui.px(8) && std::fabs(mouse.y - dot.y) < ui.px(9))
          machine_tip = std::make_pair(dot, c.opened - c.opened_human);
      }
      ImGui::TableNextColumn();
      cell_right(pct(rate(c.clicked, c.sent)));
      ImGui::TableNextColumn();
      cell_right(pct(rate(c.replied, c.sent)));
      ImGui::TableNextColumn();
      const ImVec4 warn = ui.pal.warning;
      const auto unsub = rate(c.unsubscribed, c.sent);
      cell_right(pct(unsub), unsub && *unsub >= 0.02 ? &warn : nullptr);
      ImGui::TableNextColumn();
      cell_right(pct(rate(c.booked, c.sent)));
      ImGui::TableNextColumn();
      if (!strong) {
        const bool email = step == nullptr || step->channel == StepChannel::email;
        std::vector<std::optional<double>> values;
        for (const auto& week : d.step_weeks) {
          const metrics::StepFigures* f = find_step(week, s.sequence, step_id);
          if (f == nullptr || f->counts.sent == 0) {
            values.emplace_back();
            continue;
          }
          values.push_back(email ? rate(f->counts.opened_human, f->counts.sent)
                                 : rate(f->counts.booked, f->counts.sent));
        }
        sparkline(ui, values, ui.px(84), ui.px(18));
      }
      ImGui::PopID();
    };
    row(seq != nullptr && !seq->name.empty() ? seq->name : s.sequence, s.counts, true, nullptr, "");
    for (const auto& st : s.steps) {
      const Step* step = nullptr;
      if (seq != nullptr)
        if (const auto i = step_index(*seq, st.step)) step = &seq->steps[*i];
      row(step != nullptr ? step_title(*step) : st.step, st.counts, false, step, st.step);
    }
  }
  ImGui::EndTable();
  ui.marks.mark("dash.steps.table");
  if (machine_tip) {
    const ImVec2 p = machine_tip->first;
    tooltip(ui, ImVec2(p.x - ui.px(4), p.y - ui.px(8)), ImVec2(p.x + ui.px(4), p.y + ui.px(8)),
            ImGui::GetWindowPos(),
            ImVec2(ImGui::GetWindowPos().x + ImGui::GetWindowWidth(), p.y + ui.px(200)),
            {{"Machine opens left out", ui.pal.text},
             {count_noun(machine_tip->second, "send was", "sends were") + " opened only by a machine",
              ui.pal.text},
             {"(a mail server or privacy proxy fetching it)", ui.pal.muted}});
  }
  return exported;
}

bool draw_content(Ui& ui, const Workspace& ws, const DashboardData& d, float width) {
  Card card(ui, width);
  const float inner = card.inner_width();
  const bool exported =
      card_header(ui, inner, "Content engagement",
                  "Views of your educational content in the period. Completion: views that lasted at "
                  "least 80 % of the piece's reading or watching time.",
                  "dash.export.content");
  std::vector<const ContentEngagement*> rows;
  for (const auto& c : d.engagement.items)
    if (c.figures.views > 0) rows.push_back(&c);
  std::stable_sort(rows.begin(), rows.end(), [](const ContentEngagement* a, const ContentEngagement* b) {
    return a->figures.views > b->figures.views;
  });
  if (rows.empty()) {
    paragraph(ui, "No one viewed your content in this period.", true);
    ui.marks.mark("dash.content.empty");
    return exported;
  }
  constexpr std::size_t k_shown = 10;
  if (!ImGui::BeginTable("dash.content", 6, k_table_flags, ImVec2(inner, 0))) return exported;
  ImGui::TableSetupColumn("Content", ImGuiTableColumnFlags_WidthStretch, 3.6F);
  for (int i = 0; i < 4; ++i) ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthStretch, 1.0F);
  ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthStretch, 1.5F);
  header_row(ui, {"Content", "Views", "Unique leads", "Median time", "Total time", "Completion"});
  for (std::size_t i = 0; i < rows.size() && i < k_shown; ++i) {
    const ContentItem& item = ws.content[rows[i]->item];
    const EngagementFigures& f = rows[i]->figures;
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(item.title.empty() ? item.id.c_str() : item.title.c_str());
    ImGui::SameLine(0, ui.px(8));
    ImGui::PushFont(ui.fonts.small);
    ImGui::TextColored(ui.pal.faint, "%s · %s", content_kind_label(item.kind), stage_label(item.stage));
    ImGui::PopFont();
    ImGui::TableNextColumn();
    cell_right(format_count(f.views));
    ImGui::TableNextColumn();
    cell_right(format_count(f.unique_leads));
    ImGui::TableNextColumn();
    cell_right(seconds_text(f.median_seconds));
    ImGui::TableNextColumn();
    cell_right(format_thousands((f.total_seconds + 1800) / 3600) + " h");
    ImGui::TableNextColumn();
    if (f.timed_views == 0) {
      cell_right("—");
    } else {
      // A small bar before the percentage: completion reads at a glance down the column.
      const std::string t = pct(f.completion_rate);
      const float tw = ImGui::CalcTextSize("100.0 %").x;
      const ImVec2 p = ImGui::GetCursorScreenPos();
      const float avail = ImGui::GetContentRegionAvail().x;
      const float bw = std::max(ui.px(20), avail - tw - ui.px(10));
      const float cy = p.y + ImGui::GetTextLineHeight() * 0.5F;
      ImDrawList* dl = ImGui::GetWindowDrawList();
      dl->AddRectFilled(ImVec2(p.x, cy - ui.px(3)), ImVec2(p.x + bw, cy + ui.px(3)), col(ui.pal.hover),
                        ui.px(3));
      dl->AddRectFilled(ImVec2(p.x, cy - ui.px(3)),
                        ImVec2(p.x + bw * static_cast<float>(f.completion_rate), cy + ui.px(3)),
                        col(ui.pal.accent), ui.px(3));
      cell_right(t);
    }
  }
  ImGui::EndTable();
  ui.marks.mark("dash.content.table");
  if (rows.size() > k_shown)
    small_text(ui,
               ("and " + count_noun(rows.size() - k_shown, "more piece", "more pieces") + " (all in the CSV)")
                   .c_str());
  return exported;
}

bool draw_roi(Ui& ui, const Workspace& ws, const DashboardData& d, float width) {
  Card card(ui, width);
  const float inner = card.inner_width();
  const bool exported = card_header(
      ui, inner, "Return by source",
      "Spend is each source's monthly cost prorated to the period. Revenue: purchases, plus the treatment's "
      "price for attended visits without one. Return: revenue over spend.",
      "dash.export.roi");
  if (!ImGui::BeginTable("dash.roi", 8, k_table_flags, ImVec2(inner, 0))) return exported;
  ImGui::TableSetupColumn("Source", ImGuiTableColumnFlags_WidthStretch, 2.2F);
  for (int i = 0; i < 7; ++i)
    ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthStretch, i == 3 ? 1.6F : 1.0F);
  header_row(ui, {"Source", "Spend", "Leads", "Bookings", "Revenue", "Per lead", "Per booking", "Return"});
  std::int64_t top = 1;
  for (const auto& s : d.roi.sources) top = std::max(top, s.current.total.revenue_cents);
  const auto row = [&](const std::string& name, const RoiFigures& f, bool strong) {
    ImGui::TableNextRow();
    if (strong) ImGui::PushFont(ui.fonts.strong);
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(name.c_str());
    ImGui::TableNextColumn();
    cell_right(f.spend_cents == 0 ? std::string("—") : money(f.spend_cents));
    ImGui::TableNextColumn();
    cell_right(format_count(f.leads));
    ImGui::TableNextColumn();
    cell_right(format_count(f.bookings));
    ImGui::TableNextColumn();
    if (!strong && f.revenue_cents > 0) {
      const ImVec2 p = ImGui::GetCursorScreenPos();
      const float avail = ImGui::GetContentRegionAvail().x;
      const float bw = (avail - ImGui::CalcTextSize("$000,000").x - ui.px(10)) *
                       static_cast<float>(static_cast<double>(f.revenue_cents) / static_cast<double>(top));
      const float cy = p.y + ImGui::GetTextLineHeight() * 0.5F;
      if (bw > 0)
        ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(p.x, cy - ui.px(4)), ImVec2(p.x + bw, cy + ui.px(4)),
                                                  col(ui.pal.accent, 0.55F), ui.px(2));
    }
    cell_right(money(f.revenue_cents));
    ImGui::TableNextColumn();
    // Without spend a cost of $0 says nothing: the source is free, or its cost unknown.
    const bool spent = f.spend_cents > 0;
    cell_right(spent && f.cost_per_lead_cents
                   ? money(static_cast<std::int64_t>(std::llround(*f.cost_per_lead_cents)))
                   : "—");
    ImGui::TableNextColumn();
    cell_right(spent && f.cost_per_booking_cents
                   ? money(static_cast<std::int64_t>(std::llround(*f.cost_per_booking_cents)))
                   : "—");
    ImGui::TableNextColumn();
    if (f.return_ratio) {
      char buf[32];
      std::snprintf(buf, sizeof buf, "%.1f×", *f.return_ratio);
      const ImVec4 tone = *f.return_ratio >= 1.0 ? ui.pal.success : ui.pal.danger;
      cell_right(buf, &tone);
    } else {
      cell_right("—");
    }
    if (strong) ImGui::PopFont();
  };
  for (const SourceRoi& s : d.roi.sources) {
    const RoiFigures& f = s.current.total;
    if (!s.source && f.leads == 0 && f.bookings == 0 && f.revenue_cents == 0) continue;
    std::string name = "Unattributed";
    if (s.source) {
      const LeadSource& src = ws.sources[*s.source];
      name = src.name.empty() ? src.id : src.name;
    }
    row(name, f, false);
  }
  row("All sources", d.roi.total, true);
  ImGui::EndTable();
  ui.marks.mark("dash.roi.table");
  return exported;
}

}  // namespace nurture::ui::dash
