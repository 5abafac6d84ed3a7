// The segment editor: the query as text (errors underlined) and as a builder, the live count
// with the change against the saved segment's record, and the member preview.
#include <algorithm>
#include <cfloat>
#include <cstring>

#include <imgui.h>
#include <imgui_stdlib.h>

#include "core/segment/engine.hpp"
#include "core/segment/parser.hpp"
#include "core/segment/printer.hpp"
#include "core/util/text.hpp"
#include "web/ui/format.hpp"
#include "web/ui/lead_list.hpp"
#include "web/ui/query_builder.hpp"
#include "web/ui/segments_page.hpp"
#include "web/ui/widgets.hpp"

namespace nurture::ui {

namespace {

// Byte offset of a 1-based line and code-point column in `text` (clamped to its end).
std::uint32_t offset_of(std::string_view text, std::uint32_t line, std::uint32_t column) {
  std::size_t i = 0;
  for (std::uint32_t l = 1; l < line && i < text.size(); ++i) {
    if (text[i] == '\n') ++l;
  }
  for (std::uint32_t c = 1; c < column && i < text.size(); ++c) {
    ++i;
    while (i < text.size() && (static_cast<unsigned char>(text[i]) & 0xC0U) == 0x80U) ++i;
  }
  return static_cast<std::uint32_t>(std::min(i, text.size()));
}

// A wavy underline from x0 to x1 at baseline y.
void squiggle(ImDrawList* dl, float x0, float x1, float y, float amp, ImU32 colour) {
  const float step = amp * 2.0F;
  float x = x0;
  bool up = true;
  while (x < x1) {
    const float nx = std::min(x + step, x1);
    dl->AddLine(ImVec2(x, y + (up ? 0 : amp)), ImVec2(nx, y + (up ? amp : 0)), colour, amp * 0.8F);
    x = nx;
    up = !up;
  }
}

constexpr std::size_t k_preview_rows = 100;

// The builder's canonical text with a line per top-level clause when it is long: the text box
// does not wrap, and one clause per line reads like the builder beside it. Breaks only before
// `and` / `or` outside parentheses and quotes.
std::string break_lines(const std::string& text) {
  constexpr std::size_t k_long = 60;
  if (text.size() <= k_long) return text;
  std::string out;
  int depth = 0;
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '\\' && i + 1 < text.size()) {
        out.push_back(c);
        out.push_back(text[++i]);
        continue;
      }
      if (c == '"') quoted = false;
    } else if (c == '"') {
      quoted = true;
    } else if (c == '(') {
      ++depth;
    } else if (c == ')') {
      --depth;
    } else if (c == ' ' && depth == 0 &&
               (text.compare(i + 1, 4, "and ") == 0 || text.compare(i + 1, 3, "or ") == 0)) {
      out.push_back('\n');
      continue;
    }
    out.push_back(c);
  }
  return out;
}

}  // namespace

void SegmentsPage::evaluate(Ui& ui, const SegmentRuntime& rt) {
  if (m_draft.query == m_answered_query && rt.generation() == m_answered_generation) return;
  const bool text_changed = m_draft.query != m_answered_query;
  m_answered_query = m_draft.query;
  m_answered_generation = rt.generation();
  m_error.reset();
  m_members = segment::LeadSet{};
  m_entered = m_exited = 0;
  const Workspace& ws = ui.session.workspace();

  auto parsed = segment::parse_query(m_draft.query);
  m_parse_ok = parsed.ok();
  if (!parsed) {
    m_error = parsed.error();
  } else {
    if (text_changed || !m_tree) m_tree = parsed.value();
    auto members = segment::evaluate(parsed.value(), m_draft.query, rt.context(ws), rt.cache());
    if (!members) {
      m_error = members.error();
    } else {
      m_members = std::move(members).value();
    }
  }
  if (m_error) {
    m_error_offset = offset_of(m_draft.query, std::max<std::uint32_t>(m_error->line, 1),
                               std::max<std::uint32_t>(m_error->column, 1));
    return;
  }
  m_has_record = false;
  if (!m_draft.id.empty()) {
    const auto recorded = recorded_members(ws.segment_history, m_draft.id);
    m_has_record = std::any_of(ws.segment_history.begin(), ws.segment_history.end(),
                               [&](const MembershipChange& c) { return c.segment == m_draft.id; });
    std::size_t still = 0;
    for (const LeadId id : recorded) {
      const auto row = ws.leads.find(id);
      if (row && m_members.contains(*row)) ++still;
    }
    m_entered = m_members.count() - still;
    m_exited = recorded.size() - still;
  }
}

void SegmentsPage::draw_query_text(Ui& ui, float width) {
  field_label(ui, "Query");
  const float line_h = ImGui::GetTextLineHeight();
  const auto lines = static_cast<float>(std::count(m_draft.query.begin(), m_draft.query.end(), '\n') + 1);
  const float pad = ImGui::GetStyle().FramePadding.y;
  const float height = std::clamp(lines + 1.0F, 4.0F, 10.0F) * line_h + 2 * pad;
  if (m_focus_query) {
    ImGui::SetKeyboardFocusHere();
    m_focus_query = false;
  }
  ImGui::InputTextMultiline("##segment_query", &m_draft.query, ImVec2(width, height),
                            ui.editable() ? 0 : ImGuiInputTextFlags_ReadOnly);
  ui.marks.mark_input("segments.query");
  if (!m_error || m_draft.query != m_answered_query) return;

  // Underline the word the error points at (or a caret's width at the end of the text).
  const ImVec2 box = ImGui::GetItemRectMin();
  const std::string_view text = m_draft.query;
  const std::size_t line_start = text.rfind('\n', m_error_offset == 0 ? 0 : m_error_offset - 1);
  const std::size_t from = m_error_offset == 0 || line_start == std::string_view::npos ? 0 : line_start + 1;
  const auto line_no = static_cast<float>(std::count(text.begin(), text.begin() + from, '\n'));
  std::size_t end = m_error_offset;
  while (end < text.size() && text[end] != ' ' && text[end] != '\n' && text[end] != '(' && text[end] != ')')
    ++end;
  if (end == m_error_offset && end < text.size() && text[end] != '\n') ++end;
  const std::string before(text.substr(from, m_error_offset - from));
  const std::string word(text.substr(m_error_offset, end - m_error_offset));
  const float x0 = box.x + ImGui::GetStyle().FramePadding.x + ImGui::CalcTextSize(before.c_str()).x;
  const float w = std::max(ImGui::CalcTextSize(word.c_str()).x, ui.px(8));
  const float y = box.y + pad + (line_no + 1) * line_h;
  squiggle(ImGui::GetWindowDrawList(), x0, x0 + w, y - ui.px(1), ui.px(2), col(ui.pal.danger));
}

void SegmentsPage::draw_count(Ui& ui, const SegmentRuntime& rt) {
  (void)rt;
  const Workspace& ws = ui.session.workspace();
  if (m_error) {
    ImGui::PushStyleColor(ImGuiCol_Text, ui.pal.danger);
    ImGui::PushFont(ui.fonts.strong);
    ImGui::TextWrapped("%s", m_error->describe().c_str());
    ImGui::PopFont();
    ImGui::PopStyleColor();
    ui.marks.mark("segments.error");
    small_text(ui, "Line:column, then what was expected. The count resumes as soon as the query reads.");
    return;
  }
  ImGui::PushFont(ui.fonts.title);
  const std::string count = format_count(m_members.count());
  ImGui::TextUnformatted(count.c_str());
  ImGui::PopFont();
  ui.marks.mark("segments.count");
  ImGui::SameLine(0, ui.px(10));
  ImGui::BeginGroup();
  gap(ui, 6);
  const std::string of =
      count_noun(m_members.count(), "lead matches", "leads match") + " of " + format_count(ws.leads.size());
  small_text(ui, of.c_str());
  if (m_has_record) {
    const std::string delta =
        "+" + format_count(m_entered) + " / −" + format_count(m_exited) + " against the saved segment";
    small_text(ui, delta.c_str(), m_entered + m_exited == 0 ? &ui.pal.muted : &ui.pal.accent);
    ui.marks.mark("segments.delta");
  }
  ImGui::EndGroup();
}

void SegmentsPage::draw_members(Ui& ui, const SegmentRuntime& rt, float width) {
  const Workspace& ws = ui.session.workspace();
  if (m_error) return;
  if (m_members.count() == 0) {
    paragraph(ui, "No lead matches yet. Loosen a condition, or check a value against a lead in the Why tab.",
              true);
    return;
  }
  const auto rows = m_members.rows();
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter |
                                ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp |
                                ImGuiTableFlags_ScrollY | ImGuiTableFlags_NoSavedSettings;
  const std::size_t shown = std::min(rows.size(), k_preview_rows);
  const float row_h = ImGui::GetTextLineHeight() + ui.px(14);
  const float height = std::min(static_cast<float>(shown + 1) * row_h + ui.px(4), ui.px(420));
  ImGui::PushStyleVar(ImGuiStyleVar_CellPadding, ImVec2(ui.px(10), ui.px(7)));
  ImGui::PushStyleColor(ImGuiCol_TableRowBg, ui.pal.card);
  ImGui::PushStyleColor(ImGuiCol_TableRowBgAlt, ui.pal.bg);
  ImGui::PushStyleColor(ImGuiCol_TableHeaderBg, ui.pal.card);
  const bool scores = !rt.scores().groups.empty();
  if (ImGui::BeginTable("segment_members", scores ? 5 : 4, flags, ImVec2(width, height))) {
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("Name", 0, 1.6F);
    ImGui::TableSetupColumn("Stage", 0, 1.0F);
    ImGui::TableSetupColumn("Source", 0, 1.0F);
    if (scores) ImGui::TableSetupColumn("Score", 0, 0.6F);
    ImGui::TableSetupColumn("", 0, 0.6F);
    ImGui::PushFont(ui.fonts.strong);
    ImGui::TableHeadersRow();
    ImGui::PopFont();
    Lead scratch;
    for (std::size_t i = 0; i < shown; ++i) {
      const std::uint32_t row = rows[i];
      ImGui::PushID(static_cast<int>(i));
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(display_name(ws.leads, row).c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(stage_label(ws.leads.stage(row)));
      ImGui::TableNextColumn();
      ws.leads.read(row, LeadField::source, scratch);
      ImGui::TextUnformatted(scratch.source.c_str());
      if (scores) {
        ImGui::TableNextColumn();
        ImGui::Text("%.0f", rt.scores().total(row));
      }
      ImGui::TableNextColumn();
      ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(0, 0, 0, 0));
      ImGui::PushStyleColor(ImGuiCol_ButtonHovered, ui.pal.accent_soft);
      ImGui::PushStyleColor(ImGuiCol_Text, ui.pal.accent);
      const bool why = ImGui::SmallButton("Why");
      ImGui::PopStyleColor(3);
      if (i == 0) ui.marks.mark("segments.members.why.0");
      if (why) {
        m_why_lead = ws.leads.id(row);
        m_why_generation = ~std::uint64_t{0};
        m_tab = Tab::why;
        m_tab_request = true;
      }
      ImGui::PopID();
    }
    ImGui::EndTable();
  }
  ImGui::PopStyleColor(3);
  ImGui::PopStyleVar();
  if (rows.size() > shown) {
    const std::string more =
        "Showing the first " + format_count(shown) + " of " + format_count(rows.size()) + ".";
    small_text(ui, more.c_str());
  }
}

void SegmentsPage::draw_editor(Ui& ui, const SegmentRuntime& rt, float width) {
  evaluate(ui, rt);
  m_audience.draw(ui, m_members);
  draw_definition(ui, rt, width);
  if (!m_draft.open) return;
  gap(ui, 16);
  draw_tabs(ui, rt, width);
}

void SegmentsPage::draw_definition(Ui& ui, const SegmentRuntime& rt, float width) {
  Card card(ui, width);
  const float inner = card.inner_width();

  // Name and actions.
  const float buttons_w = ui.px(m_draft.id.empty() ? 330 : 420);
  text_field(ui, "Name", "segments.name", m_draft.name, m_name_error, std::max(inner - buttons_w, ui.px(200)),
             "e.g. Botox-curious, engaged", ui.editable());
  ImGui::SameLine(0, ui.px(12));
  ImGui::BeginGroup();
  gap(ui, 18);
  if (button(ui, "Save", ButtonKind::primary, "segments.save", ui.editable() && !m_error)) save(ui);
  ImGui::SameLine();
  if (!m_draft.id.empty()) {
    if (button(ui, "Delete", ButtonKind::danger, "segments.delete", ui.editable())) remove(ui);
    ImGui::SameLine();
  }
  if (button(ui, "Export audience…", ButtonKind::secondary, "segments.audience", !m_error)) m_audience.open();
  ImGui::SameLine();
  if (button(ui, "Close", ButtonKind::secondary, "segments.close")) m_draft = Draft{};
  ImGui::EndGroup();
  if (!m_draft.open) return;
  if (!m_message.empty()) small_text(ui, m_message.c_str(), m_message_ok ? &ui.pal.success : &ui.pal.danger);
  gap(ui, 8);

  // Text and builder side by side when there is room, stacked otherwise.
  const bool side = inner >= ui.px(820);
  // The text needs about 60 characters a line; the builder's rows are wider.
  const float text_w = side ? inner * 0.4F : inner;
  ImGui::BeginGroup();
  draw_query_text(ui, text_w);
  evaluate(ui, rt);  // a keystroke this frame is answered this frame, not the next
  gap(ui, 6);
  draw_count(ui, rt);
  ImGui::EndGroup();
  if (side)
    ImGui::SameLine(0, ui.px(20));
  else
    gap(ui, 12);
  ImGui::BeginGroup();
  field_label(ui, "Builder");
  const float builder_w = side ? inner - text_w - ui.px(20) : inner;
  if (m_tree && m_parse_ok) {
    // As tall as its rows, up to a limit; then it scrolls.
    ImGui::SetNextWindowSizeConstraints(ImVec2(0, ui.px(80)), ImVec2(FLT_MAX, ui.px(360)));
    ImGui::BeginChild("builder", ImVec2(builder_w, 0), ImGuiChildFlags_Border | ImGuiChildFlags_AutoResizeY,
                      ImGuiWindowFlags_HorizontalScrollbar);
    if (draw_query_builder(ui, "segment_builder", *m_tree) && ui.editable()) {
      m_draft.query = break_lines(segment::print_query(*m_tree));
      m_answered_query.clear();  // re-evaluate; the tree already matches the text
    }
    ImGui::EndChild();
  } else {
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + builder_w);
    paragraph(ui, "Fix the error in the text and the builder shows the query again.", true);
    ImGui::PopTextWrapPos();
  }
  ImGui::EndGroup();
}

void SegmentsPage::draw_tabs(Ui& ui, const SegmentRuntime& rt, float width) {
  const float inner = width;
  if (ImGui::BeginTabBar("segment_tabs")) {
    const auto tab = [&](const char* label, Tab t, const char* mark) {
      const bool open = ImGui::BeginTabItem(label, nullptr,
                                            m_tab == t && m_tab_request ? ImGuiTabItemFlags_SetSelected : 0);
      ui.marks.mark(mark);
      if (open) {
        if (!m_tab_request) m_tab = t;
        ImGui::EndTabItem();
      }
    };
    tab("Members", Tab::members, "segments.tab.members");
    tab("Why in or out", Tab::why, "segments.tab.why");
    tab("Overlap", Tab::overlap, "segments.tab.overlap");
    m_tab_request = false;
    ImGui::EndTabBar();
  }
  gap(ui, 6);
  switch (m_tab) {
    case Tab::members:
      draw_members(ui, rt, inner);
      break;
    case Tab::why:
      draw_why(ui, rt, inner);
      break;
    case Tab::overlap:
      draw_overlap(ui, rt, inner);
      break;
  }
  gap(ui, 32);  // room below the last row, clear of the status bar
}

}  // namespace nurture::ui
