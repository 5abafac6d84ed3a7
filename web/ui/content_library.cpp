#include "web/ui/content_library.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include <imgui_stdlib.h>
#include <nlohmann/json.hpp>

#include "core/util/text.hpp"
#include "core/util/time_units.hpp"
#include "web/ui/format.hpp"
#include "web/ui/theme.hpp"
#include "web/ui/widgets.hpp"

namespace nurture::ui {

namespace {

const char* period_label(ContentLibrary::Period p) {
  switch (p) {
    case ContentLibrary::Period::last_30_days:
      return "Last 30 days";
    case ContentLibrary::Period::last_90_days:
      return "Last 90 days";
    case ContentLibrary::Period::all_time:
      return "All time";
  }
  return "";
}

const char* period_key(ContentLibrary::Period p) {
  switch (p) {
    case ContentLibrary::Period::last_30_days:
      return "30d";
    case ContentLibrary::Period::last_90_days:
      return "90d";
    case ContentLibrary::Period::all_time:
      return "all";
  }
  return "";
}

/// Weekly buckets for the sparkline: about the period, at most half a year.
std::size_t weeks_of(ContentLibrary::Period p) {
  switch (p) {
    case ContentLibrary::Period::last_30_days:
      return 5;
    case ContentLibrary::Period::last_90_days:
      return 13;
    case ContentLibrary::Period::all_time:
      return 26;
  }
  return 13;
}

/// "4m 05s", "45s", "—" for none.
std::string format_duration(double seconds, bool any) {
  if (!any) return "—";
  const auto s = static_cast<long long>(std::llround(seconds));
  if (s < 60) return std::to_string(s) + "s";
  const long long m = s / 60;
  const long long r = s % 60;
  return std::to_string(m) + "m " + (r < 10 ? "0" : "") + std::to_string(r) + "s";
}

std::string format_percent(double rate, bool any) {
  if (!any) return "—";
  return std::to_string(static_cast<long long>(std::llround(rate * 100.0))) + "%";
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

/// "lumen.example.com/learn/botox" from "https://lumen.example.com/learn/botox".
std::string short_url(std::string_view u) {
  for (const std::string_view scheme : {"https://", "http://"}) {
    if (u.substr(0, scheme.size()) == scheme) u.remove_prefix(scheme.size());
  }
  if (u.substr(0, 4) == "www.") u.remove_prefix(4);
  if (!u.empty() && u.back() == '/') u.remove_suffix(1);
  return std::string(u);
}

/// `text` cut to `width` in the current font, ended with "…".
std::string fit(std::string text, float width) {
  if (ImGui::CalcTextSize(text.c_str()).x <= width) return text;
  while (!text.empty()) {
    while (!text.empty() && (static_cast<unsigned char>(text.back()) & 0xC0U) == 0x80U) text.pop_back();
    if (!text.empty()) text.pop_back();
    if (ImGui::CalcTextSize((text + "…").c_str()).x <= width) return text + "…";
  }
  return text;
}

std::string treatment_name(const Workspace& ws, const std::string& id) {
  if (id.empty()) return "General";
  const Treatment* t = find_item(ws.treatments, id);
  return t != nullptr ? t->name : id;
}

/// A small text link (accent, or `color`), underlined when hovered; true when clicked. A button
/// under the text, so it takes the pointer from the row's selectable behind it.
bool link(Ui& ui, const char* text, const std::string& mark, const ImVec4* color = nullptr) {
  const ImVec2 pos = ImGui::GetCursorScreenPos();
  const ImVec2 size = ImGui::CalcTextSize(text);
  const bool clicked = ImGui::InvisibleButton(mark.c_str(), size);
  const bool hovered = ImGui::IsItemHovered();
  ui.marks.mark(mark);
  const ImVec4& c = hovered || color == nullptr ? ui.pal.accent : *color;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddText(pos, col(c), text);
  if (hovered) {
    ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    dl->AddLine(ImVec2(pos.x, pos.y + size.y), ImVec2(pos.x + size.x, pos.y + size.y), col(c), 1.0F);
  }
  return clicked;
}

/// A pill showing `text`, filled when `on`; true when clicked.
bool pill(Ui& ui, const char* text, bool on, const std::string& mark) {
  ImGui::PushFont(ui.fonts.small);
  const ImVec2 ts = ImGui::CalcTextSize(text);
  const ImVec2 size(ts.x + ui.px(24), ts.y + ui.px(12));
  const ImVec2 pos = ImGui::GetCursorScreenPos();
  const bool clicked = ImGui::InvisibleButton(mark.c_str(), size);
  ui.marks.mark(mark);
  const bool hovered = ImGui::IsItemHovered();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 end(pos.x + size.x, pos.y + size.y);
  const float r = size.y * 0.5F;
  if (on) {
    dl->AddRectFilled(pos, end, col(ui.pal.accent), r);
  } else {
    dl->AddRectFilled(pos, end, col(hovered ? ui.pal.hover : ui.pal.card), r);
    dl->AddRect(pos, end, col(ui.pal.control), r);
  }
  dl->AddText(ImVec2(pos.x + ui.px(12), pos.y + ui.px(6)), col(on ? ui.pal.accent_text : ui.pal.text), text);
  if (hovered) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
  ImGui::PopFont();
  return clicked;
}

/// Bars for `values`, `size` big, at the cursor; the last one in the accent colour.
void sparkline(Ui& ui, const std::vector<std::uint32_t>& values, ImVec2 size) {
  const ImVec2 pos = ImGui::GetCursorScreenPos();
  ImGui::Dummy(size);
  if (values.empty()) return;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const std::uint32_t top = std::max<std::uint32_t>(1, *std::max_element(values.begin(), values.end()));
  const float step = size.x / static_cast<float>(values.size());
  const float bar = std::max(ui.px(2), step * 0.68F);
  for (std::size_t i = 0; i < values.size(); ++i) {
    const float h = std::max(ui.px(2), size.y * static_cast<float>(values[i]) / static_cast<float>(top));
    const float x = pos.x + step * static_cast<float>(i) + (step - bar) * 0.5F;
    const ImVec4& c = i + 1 == values.size() ? ui.pal.accent : ui.pal.accent_soft;
    dl->AddRectFilled(ImVec2(x, pos.y + size.y - h), ImVec2(x + bar, pos.y + size.y), col(c), ui.px(2));
  }
  dl->AddLine(ImVec2(pos.x, pos.y + size.y), ImVec2(pos.x + size.x, pos.y + size.y), col(ui.pal.border));
}

}  // namespace

void ContentLibrary::refresh(const Workspace& ws, UnixMillis now) {
  if (!m_valid || m_revision != ws.revision || m_computed_period != m_period) {
    m_to = now + 1;
    m_from = m_period == Period::last_30_days   ? now - 30 * k_day_ms
             : m_period == Period::last_90_days ? now - 90 * k_day_ms
                                                : 0;
    m_report = engagement_metrics(ws, m_from, m_to);
    m_valid = true;
    m_revision = ws.revision;
    m_computed_period = m_period;
    m_rows_dirty = true;
    m_detail_valid = false;
    ++m_computations;
  }
  if (m_rows_dirty || m_rows_search != m_search) order_rows(ws);
  if (!m_selected.empty() && (!m_detail_valid || m_detail_for != m_selected)) {
    m_detail = content_detail(ws, m_selected, m_from, m_to, weeks_of(m_period));
    m_detail_for = m_selected;
    m_detail_valid = true;
  }
}

void ContentLibrary::order_rows(const Workspace& ws) {
  m_rows.clear();
  const std::string needle = lower(trim(m_search));
  for (std::size_t i = 0; i < m_report.items.size(); ++i) {
    const ContentItem& c = ws.content[m_report.items[i].item];
    if (!needle.empty()) {
      const std::string hay = lower(c.title + " " + c.url + " " + treatment_name(ws, c.treatment) + " " +
                                    content_kind_label(c.kind) + " " + stage_label(c.stage));
      if (hay.find(needle) == std::string::npos) continue;
    }
    m_rows.push_back(i);
  }
  const auto key_less = [&](std::size_t a, std::size_t b) {
    const ContentEngagement& x = m_report.items[a];
    const ContentEngagement& y = m_report.items[b];
    const ContentItem& cx = ws.content[x.item];
    const ContentItem& cy = ws.content[y.item];
    switch (m_sort) {
      case Column::title:
        return lower(cx.title) < lower(cy.title);
      case Column::kind:
        return std::string_view(content_kind_label(cx.kind)) < content_kind_label(cy.kind);
      case Column::stage:
        return cx.stage < cy.stage;
      case Column::treatment:
        return treatment_name(ws, cx.treatment) < treatment_name(ws, cy.treatment);
      case Column::views:
        return x.figures.views < y.figures.views;
      case Column::viewers:
        return x.figures.unique_leads < y.figures.unique_leads;
      case Column::median:
        return x.figures.median_seconds < y.figures.median_seconds;
      case Column::completion:
        return x.figures.completion_rate < y.figures.completion_rate;
      case Column::used_in:
        return x.sequences.size() < y.sequences.size();
    }
    return false;
  };
  // Ties keep catalog order whichever way the column sorts.
  std::stable_sort(m_rows.begin(), m_rows.end(), [&](std::size_t a, std::size_t b) {
    return m_ascending ? key_less(a, b) : key_less(b, a);
  });
  m_rows_search = m_search;
  m_rows_dirty = false;
}

ContentLibrary::Request ContentLibrary::draw(Ui& ui, float width) {
  const Workspace& ws = ui.session.workspace();
  refresh(ws, ui.platform.now_ms());
  // A selected item deleted (here, by undo or a merge) leaves the detail pane.
  if (!m_selected.empty() && find_item(ws.content, m_selected) == nullptr) m_selected.clear();
  draw_toolbar(ui, width);
  gap(ui, 6);
  return draw_table(ui, width);
}

void ContentLibrary::draw_toolbar(Ui& ui, float width) {
  // The search at the left, the period pills at the right.
  const float y = ImGui::GetCursorPosY();
  const float x = ImGui::GetCursorPosX();
  ImGui::SetNextItemWidth(std::min(ui.px(320), width * 0.45F));
  ImGui::InputTextWithHint("##content_search", "Search titles, treatments, addresses…", &m_search);
  ui.marks.mark("content.search");
  ImGui::PushFont(ui.fonts.small);
  float pills = 0;
  for (const Period p : {Period::last_30_days, Period::last_90_days, Period::all_time})
    pills += ImGui::CalcTextSize(period_label(p)).x + ui.px(24) + ui.px(6);
  ImGui::PopFont();
  ImGui::SetCursorPos(ImVec2(x + width - pills, y + ui.px(3)));
  for (const Period p : {Period::last_30_days, Period::last_90_days, Period::all_time}) {
    if (pill(ui, period_label(p), m_period == p, std::string("content.period.") + period_key(p))) {
      m_period = p;
      ui.announce(std::string("Showing engagement for: ") + period_label(p));
    }
    ImGui::SameLine(0, ui.px(6));
  }
  ImGui::NewLine();
}

ContentLibrary::Request ContentLibrary::draw_table(Ui& ui, float width) {
  const Workspace& ws = ui.session.workspace();
  Request request;
  if (m_rows.empty()) {
    gap(ui, 10);
    caption(ui, "No content matches the search.");
    return request;
  }
  const ImGuiTableFlags flags = ImGuiTableFlags_Sortable | ImGuiTableFlags_RowBg |
                                ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp |
                                ImGuiTableFlags_NoSavedSettings | ImGuiTableFlags_PadOuterX;
  ImGui::PushStyleVar(ImGuiStyleVar_CellPadding, ImVec2(ui.px(8), ui.px(8)));
  ImGui::PushStyleColor(ImGuiCol_TableRowBg, ui.pal.card);
  ImGui::PushStyleColor(ImGuiCol_TableRowBgAlt, ui.pal.card);
  ImGui::PushStyleColor(ImGuiCol_TableHeaderBg, ui.pal.card);
  ImGui::PushStyleColor(ImGuiCol_TableBorderLight, ui.pal.border);
  ImGui::PushStyleColor(ImGuiCol_Header, ui.pal.accent_soft);
  ImGui::PushStyleColor(ImGuiCol_HeaderHovered, ui.pal.hover);
  ImGui::PushStyleColor(ImGuiCol_HeaderActive, ui.pal.accent_soft);
  if (ImGui::BeginTable("content_library", 10, flags, ImVec2(width, 0))) {
    const auto num = ImGuiTableColumnFlags_PreferSortDescending;
    const auto txt = ImGuiTableColumnFlags_PreferSortAscending;
    ImGui::TableSetupColumn("Title", txt, 3.3F);
    ImGui::TableSetupColumn("Type", txt, 1.1F);
    ImGui::TableSetupColumn("Stage", txt, 1.3F);
    ImGui::TableSetupColumn("Treatment", txt, 1.8F);
    ImGui::TableSetupColumn("Views", num | ImGuiTableColumnFlags_DefaultSort, 0.8F);
    ImGui::TableSetupColumn("Viewers", num, 1.0F);
    ImGui::TableSetupColumn("Median", num, 1.25F);
    ImGui::TableSetupColumn("Finished", num, 1.2F);
    ImGui::TableSetupColumn("Used in", num, 2.0F);
    ImGui::TableSetupColumn("", ImGuiTableColumnFlags_NoSort | ImGuiTableColumnFlags_WidthFixed, ui.px(104));
    static constexpr const char* k_marks[] = {"title",   "kind",   "stage",      "treatment", "views",
                                              "viewers", "median", "completion", "used_in"};
    ImGui::PushFont(ui.fonts.small);
    ImGui::PushStyleColor(ImGuiCol_Text, ui.pal.muted);
    ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
    for (int c = 0; c < 10; ++c) {
      ImGui::TableSetColumnIndex(c);
      ImGui::TableHeader(ImGui::TableGetColumnName(c));
      if (c < 9) ui.marks.mark(std::string("content.sort.") + k_marks[c]);
    }
    ImGui::PopStyleColor();
    ImGui::PopFont();
    if (ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs(); specs != nullptr && specs->SpecsDirty) {
      if (specs->SpecsCount > 0) {
        m_sort = static_cast<Column>(std::clamp(static_cast<int>(specs->Specs[0].ColumnIndex), 0, 8));
        m_ascending = specs->Specs[0].SortDirection == ImGuiSortDirection_Ascending;
        m_rows_dirty = true;
      }
      specs->SpecsDirty = false;
      if (m_rows_dirty) order_rows(ws);
    }
    const bool editable = ui.editable();
    for (const std::size_t index : m_rows) {
      const ContentEngagement& e = m_report.items[index];
      const ContentItem& c = ws.content[e.item];
      const EngagementFigures& f = e.figures;
      ImGui::PushID(c.id.c_str());
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      // The whole row selects the item for the detail pane; the links and buttons on it stay
      // clickable (AllowOverlap).
      const bool selected = m_selected == c.id;
      const ImVec2 start = ImGui::GetCursorPos();
      ImGui::PushFont(ui.fonts.small);
      const float small_h = ImGui::GetTextLineHeight();
      ImGui::PopFont();
      const float row_h = ImGui::GetTextLineHeight() + ui.px(4) + small_h;
      if (ImGui::Selectable("##row", selected,
                            ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowOverlap,
                            ImVec2(0, row_h))) {
        m_selected = selected ? std::string() : c.id;
      }
      ui.marks.mark("content.row." + c.id);
      ImGui::SetCursorPos(start);
      const float cell = ImGui::GetContentRegionAvail().x;
      ImGui::PushFont(ui.fonts.strong);
      const std::string title = fit(c.title, cell);
      ImGui::TextUnformatted(title.c_str());
      ImGui::PopFont();
      if (title != c.title && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", c.title.c_str());
      ImGui::SetCursorPosY(ImGui::GetCursorPosY() + ui.px(4) - ImGui::GetStyle().ItemSpacing.y);
      ImGui::PushFont(ui.fonts.small);
      if (c.url.empty()) {
        ImGui::TextColored(ui.pal.faint, "No web address yet");
      } else {
        const float copy_w = ImGui::CalcTextSize("Copy").x + ui.px(12);
        const std::string shown = fit(short_url(c.url), cell - copy_w);
        if (link(ui, shown.c_str(), "content.open." + c.id, &ui.pal.muted)) ui.platform.open_url(c.url);
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("Open %s", c.url.c_str());
        ImGui::SameLine(0, ui.px(10));
        if (link(ui, "Copy", "content.copy." + c.id)) {
          ImGui::SetClipboardText(c.url.c_str());
          ui.notice = "Link copied";
          ui.announce("Link copied: " + c.url);
        }
      }
      ImGui::PopFont();
      const auto muted_cell = [&](const std::string& text, bool muted) {
        ImGui::TableNextColumn();
        ImGui::PushStyleColor(ImGuiCol_Text, muted ? ui.pal.muted : ui.pal.text);
        ImGui::TextUnformatted(text.c_str());
        ImGui::PopStyleColor();
      };
      muted_cell(content_kind_label(c.kind), false);
      muted_cell(stage_label(c.stage), false);
      muted_cell(fit(treatment_name(ws, c.treatment), ImGui::GetContentRegionAvail().x), c.treatment.empty());
      const bool any = f.views > 0;
      muted_cell(format_count(static_cast<std::size_t>(f.views)), !any);
      muted_cell(format_count(static_cast<std::size_t>(f.unique_leads)), !any);
      muted_cell(format_duration(f.median_seconds, any), !any);
      muted_cell(format_percent(f.completion_rate, f.timed_views > 0), f.timed_views == 0);
      ImGui::TableNextColumn();
      if (e.sequences.empty()) {
        ImGui::TextColored(ui.pal.faint, "Not in a sequence");
      } else {
        ImGui::PushFont(ui.fonts.small);
        for (std::size_t k = 0; k < e.sequences.size(); ++k) {
          const Sequence& s = ws.sequences[e.sequences[k]];
          const std::string name = fit(s.name.empty() ? s.id : s.name, ImGui::GetContentRegionAvail().x);
          if (link(ui, name.c_str(), "content.used." + c.id + "." + s.id)) ui.open_sequence = s.id;
          if (ImGui::IsItemHovered()) ImGui::SetTooltip("Open the sequence “%s”", s.name.c_str());
        }
        ImGui::PopFont();
      }
      ImGui::TableNextColumn();
      ImGui::SetCursorPosY(ImGui::GetCursorPosY() - ui.px(4));
      const RowAction a = row_actions(ui, "content", c.id, editable);
      if (a != RowAction::none) request = {a, c.id, c.title};
      ImGui::PopID();
    }
    ImGui::EndTable();
  }
  ImGui::PopStyleColor(7);
  ImGui::PopStyleVar();
  ui.marks.mark("content.table");
  return request;
}

void ContentLibrary::draw_detail(Ui& ui, float width) {
  const Workspace& ws = ui.session.workspace();
  if (m_selected.empty()) return;
  refresh(ws, ui.platform.now_ms());
  const ContentItem* item = find_item(ws.content, m_selected);
  if (item == nullptr) return;
  const ContentEngagement* e = nullptr;
  for (const auto& ce : m_report.items)
    if (ws.content[ce.item].id == m_selected) e = &ce;
  if (e == nullptr) return;
  Card card(ui, width);
  const float inner = card.inner_width();
  small_text(ui,
             (std::string(content_kind_label(item->kind)) + " · " + stage_label(item->stage) + " · " +
              treatment_name(ws, item->treatment) +
              (item->minutes > 0 ? " · " + std::to_string(item->minutes) + " min" : std::string()))
                 .c_str(),
             &ui.pal.muted);
  heading(ui, item->title.c_str());
  ui.marks.mark("content.detail");
  gap(ui, 6);
  // Left: the headline figures and the weekly bars; right: engagement by the viewer's stage.
  const float left_w = inner * 0.42F;
  const float top = ImGui::GetCursorPosY();
  const float x = ImGui::GetCursorPosX();
  const EngagementFigures& f = e->figures;
  const auto stat = [&](const char* label_text, const std::string& value, float at_x) {
    ImGui::SetCursorPos(ImVec2(at_x, top));
    ImGui::PushFont(ui.fonts.h2);
    ImGui::TextUnformatted(value.c_str());
    ImGui::PopFont();
    ImGui::SetCursorPosX(at_x);
    small_text(ui, label_text, &ui.pal.muted);
  };
  const float col_w = left_w / 4.0F;
  stat("views", format_count(static_cast<std::size_t>(f.views)), x);
  stat("viewers", format_count(static_cast<std::size_t>(f.unique_leads)), x + col_w);
  stat("median time", format_duration(f.median_seconds, f.views > 0), x + col_w * 2);
  stat("completed", format_percent(f.completion_rate, f.timed_views > 0), x + col_w * 3);
  gap(ui, 10);
  ImGui::SetCursorPosX(x);
  const std::string weeks = "Views per week, last " + std::to_string(m_detail.weekly_views.size()) + " weeks";
  small_text(ui, weeks.c_str(), &ui.pal.muted);
  ImGui::SetCursorPosX(x);
  sparkline(ui, m_detail.weekly_views, ImVec2(left_w - ui.px(24), ui.px(56)));
  ui.marks.mark("content.detail.sparkline");
  const float left_bottom = ImGui::GetCursorPosY();

  // By stage: a bar per stage of the viewers, with views and median time.
  const float rx = x + left_w + ui.px(16);
  const float rw = inner - left_w - ui.px(16);
  ImGui::SetCursorPos(ImVec2(rx, top));
  small_text(ui, "Who reads it: views by the viewer's stage today", &ui.pal.muted);
  std::uint64_t most = 1;
  for (const auto& s : m_detail.by_viewer_stage) most = std::max(most, s.views);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float label_w = ui.px(110);
  const float value_w = ui.px(150);
  for (std::size_t s = 0; s < k_stage_count; ++s) {
    const EngagementFigures& sf = m_detail.by_viewer_stage[s];
    ImGui::SetCursorPosX(rx);
    ImGui::TextUnformatted(stage_label(static_cast<Stage>(s)));
    ImGui::SameLine();
    ImGui::SetCursorPosX(rx + label_w);
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const float bar_w = std::max(0.0F, rw - label_w - value_w);
    const float h = ImGui::GetTextLineHeight() * 0.6F;
    const float y0 = p.y + (ImGui::GetTextLineHeight() - h) * 0.5F;
    dl->AddRectFilled(ImVec2(p.x, y0), ImVec2(p.x + bar_w, y0 + h), col(ui.pal.hover), h * 0.5F);
    const float fill = bar_w * static_cast<float>(sf.views) / static_cast<float>(most);
    if (sf.views > 0)
      dl->AddRectFilled(ImVec2(p.x, y0), ImVec2(p.x + std::max(fill, h), y0 + h), col(ui.pal.accent),
                        h * 0.5F);
    ImGui::Dummy(ImVec2(bar_w, ImGui::GetTextLineHeight()));
    ImGui::SameLine();
    ImGui::SetCursorPosX(rx + label_w + bar_w + ui.px(10));
    const std::string v = sf.views == 0 ? std::string("—")
                                        : format_count(static_cast<std::size_t>(sf.views)) + " · " +
                                              format_duration(sf.median_seconds, true) + " median";
    ImGui::TextColored(sf.views == 0 ? ui.pal.faint : ui.pal.muted, "%s", v.c_str());
  }
  ImGui::SetCursorPos(ImVec2(x, std::max(left_bottom, ImGui::GetCursorPosY())));
  gap(ui, 4);
  if (e->sequences.empty()) {
    caption(ui, "No sequence links this piece yet: add it to a message step as its content link.");
  } else {
    std::string names;
    for (const std::uint32_t s : e->sequences) {
      if (!names.empty()) names += ", ";
      names += ws.sequences[s].name;
    }
    caption(ui, ("Linked from: " + names).c_str());
  }
}

void ContentLibrary::describe(nlohmann::json& out, const Workspace& ws) const {
  out["period"] = period_key(m_period);
  out["search"] = m_search;
  static constexpr const char* k_cols[] = {"title",   "kind",   "stage",      "treatment", "views",
                                           "viewers", "median", "completion", "used_in"};
  out["sort"] = k_cols[static_cast<int>(m_sort)];
  out["ascending"] = m_ascending;
  out["computations"] = m_computations;
  out["selected"] = m_selected;
  nlohmann::json rows = nlohmann::json::array();
  if (m_valid) {
    for (const std::size_t i : m_rows) {
      const ContentEngagement& e = m_report.items[i];
      if (e.item >= ws.content.size()) continue;
      nlohmann::json used = nlohmann::json::array();
      for (const std::uint32_t s : e.sequences) used.push_back(ws.sequences[s].id);
      rows.push_back({{"id", ws.content[e.item].id},
                      {"views", e.figures.views},
                      {"viewers", e.figures.unique_leads},
                      {"median_seconds", e.figures.median_seconds},
                      {"completion", e.figures.completion_rate},
                      {"used_in", std::move(used)}});
    }
  }
  out["rows"] = std::move(rows);
  if (!m_selected.empty() && m_detail_valid) {
    out["detail"] = {{"id", m_detail_for}, {"weekly_views", m_detail.weekly_views}};
    nlohmann::json stages = nlohmann::json::object();
    for (std::size_t s = 0; s < k_stage_count; ++s)
      stages[std::string(to_string(static_cast<Stage>(s)))] = m_detail.by_viewer_stage[s].views;
    out["detail"]["by_stage"] = std::move(stages);
  }
}

}  // namespace nurture::ui
