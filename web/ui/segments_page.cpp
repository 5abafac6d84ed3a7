// Segments: the saved list with live counts, the page layout, saving and deleting. The editor is
// in segment_editor.cpp, the why and overlap views in segment_insights.cpp.
#include "web/ui/segments_page.hpp"

#include <algorithm>

#include <imgui.h>
#include <nlohmann/json.hpp>

#include "core/commands/command.hpp"
#include "core/util/text.hpp"
#include "web/ui/catalog_editing.hpp"
#include "web/ui/empty_state.hpp"
#include "web/ui/format.hpp"
#include "web/ui/widgets.hpp"

namespace nurture::ui {

namespace {

constexpr const char* k_example_query =
    "stage = consideration and interest = botox and age between 30 and 50\n"
    "and consent.sms and count(email_opened within 30d) >= 2\n"
    "and never(appointment_booked)";

bool any_live_segment(const Workspace& ws) {
  return std::any_of(ws.segments.begin(), ws.segments.end(),
                     [](const SavedSegment& s) { return !s.deleted; });
}

}  // namespace

void SegmentsPage::start_new(std::string name, std::string query) {
  m_draft = Draft{true, "", std::move(name), std::move(query), ""};
  m_focus_query = true;
  m_answered_generation = ~std::uint64_t{0};
  m_message.clear();
  m_name_error.clear();
  m_why_lead.reset();
}

void SegmentsPage::open(const Workspace& ws, const std::string& id) {
  for (const auto& s : ws.segments) {
    if (s.deleted || s.id != id) continue;
    m_draft = Draft{true, s.id, s.name, s.query, s.description};
    m_answered_generation = ~std::uint64_t{0};
    m_message.clear();
    m_name_error.clear();
    m_why_lead.reset();
    return;
  }
}

void SegmentsPage::save(Ui& ui) {
  m_name_error.clear();
  const Workspace& ws = ui.session.workspace();
  SavedSegment s;
  s.name = std::string(trim(m_draft.name));
  s.id = m_draft.id.empty() ? new_catalog_id(ws.segments, s.name.empty() ? "segment" : s.name) : m_draft.id;
  s.query = m_draft.query;
  s.description = std::string(trim(m_draft.description));
  const CommandResult r = ui.mutable_session.execute(PutSegment{s, ui.platform.now_ms()});
  m_message_ok = r.ok;
  if (r.ok) {
    m_draft.id = s.id;
    m_message = r.message + " — Ctrl+Z undoes";
  } else {
    m_message = r.message;
    for (const auto& e : r.field_errors) {
      if (e.field == "name") m_name_error = e.message;
      if (e.field == "query") m_message = "The query has an error: " + e.message;
    }
  }
  ui.announce(m_message);
}

void SegmentsPage::remove(Ui& ui) {
  const CommandResult r =
      ui.mutable_session.execute(DeleteCatalogItem{CatalogKind::segment, m_draft.id, ui.platform.now_ms()});
  m_message_ok = r.ok;
  m_message = r.ok ? "Segment deleted — Ctrl+Z brings it back" : r.message;
  if (r.ok) m_draft = Draft{};
  ui.announce(m_message);
}

void SegmentsPage::draw_empty(Ui& ui, float width) {
  EmptyState st;
  st.icon = Icon::segments;
  st.title = "No segments yet";
  st.what =
      "A segment is a saved question about your leads, counted live as you type: who is interested in what, "
      "how they engage, and what they have consented to.";
  st.why =
      "The right message to the right people is what turns interest into consultations — and keeps everyone "
      "else from feeling spammed.";
  st.steps = {"Combine attributes (interest, source, age, tags) with behaviour (opened, clicked, booked).",
              "Add time windows such as 'within 30d', and consent before messaging.",
              "Save it: Nurture records who enters and leaves, so sequences can start on entry."};
  st.primary = "Start from an example";
  st.primary_mark = "segments.example";
  st.secondary = "Blank segment";
  st.secondary_mark = "segments.blank";
  const EmptyAction action = draw_empty_state(ui, st, width);
  if (action == EmptyAction::primary) {
    start_new("Botox-curious, ready for a text", k_example_query);
  } else if (action == EmptyAction::secondary) {
    start_new("", "");
  }
}

void SegmentsPage::draw_list(Ui& ui, const SegmentRuntime& rt, float width) {
  const Workspace& ws = ui.session.workspace();
  if (button(ui, "New segment", ButtonKind::primary, "segments.new", ui.editable())) start_new("", "");
  gap(ui, 10);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  for (const auto& s : ws.segments) {
    if (s.deleted) continue;
    const auto* st = rt.saved_state(s.id);
    ImGui::PushID(s.id.c_str());
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    const float h = ui.px(62);
    const bool selected = m_draft.open && m_draft.id == s.id;
    const bool pressed = ImGui::InvisibleButton("row", ImVec2(width, h));
    ui.marks.mark("segments.item." + s.id);
    const bool hovered = ImGui::IsItemHovered();
    const ImVec4& fill = selected ? ui.pal.accent_soft : (hovered ? ui.pal.hover : ui.pal.card);
    dl->AddRectFilled(pos, ImVec2(pos.x + width, pos.y + h), col(fill), ui.px(8));
    dl->AddRect(pos, ImVec2(pos.x + width, pos.y + h), col(selected ? ui.pal.accent : ui.pal.border),
                ui.px(8));
    const float pad = ui.px(12);
    // Name on the left, the live count on the right; movement or the error underneath.
    const std::string count = st == nullptr || !st->error.empty() ? "—" : format_count(st->count);
    ImGui::PushFont(ui.fonts.strong);
    const float count_w = ImGui::CalcTextSize(count.c_str()).x;
    dl->PushClipRect(pos, ImVec2(pos.x + width - count_w - 2 * pad, pos.y + h), true);
    dl->AddText(ImVec2(pos.x + pad, pos.y + ui.px(10)), col(ui.pal.text), s.name.c_str());
    dl->PopClipRect();
    dl->AddText(ImVec2(pos.x + width - pad - count_w, pos.y + ui.px(10)), col(ui.pal.text), count.c_str());
    ImGui::PopFont();
    ImGui::PushFont(ui.fonts.small);
    std::string sub;
    const ImVec4* sub_col = &ui.pal.muted;
    if (st != nullptr && !st->error.empty()) {
      sub = "Query error " + st->error;
      sub_col = &ui.pal.danger;
    } else if (st != nullptr) {
      sub = "+" + format_count(st->week_entered) + " / −" + format_count(st->week_exited) + " in 7 days";
    }
    dl->PushClipRect(pos, ImVec2(pos.x + width - pad, pos.y + h), true);
    dl->AddText(ImVec2(pos.x + pad, pos.y + ui.px(36)), col(*sub_col), sub.c_str());
    dl->PopClipRect();
    ImGui::PopFont();
    if (pressed) open(ws, s.id);
    ImGui::PopID();
    gap(ui, 6);
  }
}

void SegmentsPage::draw(Ui& ui, const SegmentRuntime& rt) {
  const Workspace& ws = ui.session.workspace();
  // The editor needs room for the text and the builder side by side: the page is a wide one.
  const float width = ImGui::GetContentRegionAvail().x;
  // A draft of a segment deleted meanwhile (undo of its creation, a merge) closes.
  if (m_draft.open && !m_draft.id.empty() && find_item(ws.segments, m_draft.id) == nullptr) m_draft = Draft{};
  if (!any_live_segment(ws) && !m_draft.open) {
    draw_empty(ui, content_width(ui));
    return;
  }
  // The list stays beside the editor on a large screen; otherwise the editor takes the page
  // and "All segments" leads back.
  const bool wide = width >= ui.px(1300);
  const float list_w = wide ? ui.px(280) : std::min(width, ui.px(760));
  if (wide) {
    ImGui::BeginGroup();
    draw_list(ui, rt, list_w);
    ImGui::EndGroup();
    ImGui::SameLine(0, ui.px(24));
    ImGui::BeginGroup();
    if (m_draft.open) {
      draw_editor(ui, rt, width - list_w - ui.px(24));
    } else {
      Card card(ui, width - list_w - ui.px(24));
      heading(ui, "Pick a segment, or start a new one");
      paragraph(ui,
                "Counts on the left are live. Open a segment to see its members, why a lead is in or out, "
                "and how it overlaps with others.",
                true);
    }
    ImGui::EndGroup();
  } else {
    if (m_draft.open) {
      if (button(ui, "All segments", ButtonKind::quiet, "segments.back")) m_draft = Draft{};
      gap(ui, 6);
      if (m_draft.open) draw_editor(ui, rt, width);
    } else {
      draw_list(ui, rt, list_w);
    }
  }
}

void SegmentsPage::describe(nlohmann::json& out, const Workspace& ws, const SegmentRuntime& rt) const {
  nlohmann::json j;
  j["open"] = m_draft.open;
  j["id"] = m_draft.id;
  j["name"] = m_draft.name;
  j["query"] = m_draft.query;
  j["count"] = m_error ? 0 : m_members.count();
  j["entered"] = m_entered;
  j["exited"] = m_exited;
  j["error"] = m_error ? m_error->describe() : std::string();
  j["message"] = m_message;
  j["tab"] = m_tab == Tab::members ? "members" : (m_tab == Tab::why ? "why" : "overlap");
  j["why_lead"] = m_why_lead ? to_string(*m_why_lead) : std::string();
  j["why_holds"] = m_why ? m_why->holds : false;
  nlohmann::json saved = nlohmann::json::array();
  for (const auto& s : ws.segments) {
    if (s.deleted) continue;
    const auto* st = rt.saved_state(s.id);
    saved.push_back({{"id", s.id},
                     {"name", s.name},
                     {"count", st != nullptr ? st->count : 0},
                     {"error", st != nullptr ? st->error : std::string()}});
  }
  j["saved"] = std::move(saved);
  j["recorded_changes"] = ws.segment_history.size();
  m_audience.describe(j);
  out["segments"] = std::move(j);
}

}  // namespace nurture::ui
