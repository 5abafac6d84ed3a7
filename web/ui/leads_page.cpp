#include "web/ui/leads_page.hpp"

#include <algorithm>
#include <utility>

#include <imgui_stdlib.h>
#include <nlohmann/json.hpp>

#include "core/util/text.hpp"
#include "web/ui/empty_state.hpp"
#include "web/ui/format.hpp"
#include "web/ui/segment_runtime.hpp"
#include "web/ui/widgets.hpp"

namespace nurture::ui {

void LeadsPage::toolbar(Ui& ui, float width) {
  if (ui.focus_search) {
    ImGui::SetKeyboardFocusHere();
    ui.focus_search = false;
  }
  ImGui::PushFont(ui.fonts.strong);
  const float add_w = ImGui::CalcTextSize("+  Add lead").x + ui.px(32);
  ImGui::PopFont();
  ImGui::SetNextItemWidth(std::max(ui.px(160), width - add_w - ui.px(12)));
  ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(ui.px(14), ui.px(9)));
  // Enter opens the first lead listed: with the keyboard alone, "find, then open" is Ctrl+F, a
  // few letters and Enter (ImGui's Tab does not walk into the table's scrolling rows).
  // EnterReturnsTrue changes only what the call returns: the filter still follows each key.
  if (ImGui::InputTextWithHint("##search", "Search by name, email or phone, Enter opens the first   (Ctrl+F)",
                               &m_filter.search, ImGuiInputTextFlags_EnterReturnsTrue)) {
    m_open_first = true;
  }
  ImGui::PopStyleVar();
  ui.marks.mark_input("leads.search");
  if (ImGui::IsItemActive()) {
    ImGui::GetWindowDrawList()->AddRect(ImGui::GetItemRectMin(), ImGui::GetItemRectMax(), col(ui.pal.accent),
                                        ImGui::GetStyle().FrameRounding, 0, ui.px(1.5F));
  }
  ImGui::SameLine(0, ui.px(12));
  if (button(ui, "+  Add lead", ButtonKind::primary, "leads.add", ui.editable())) m_add.open();
}

void LeadsPage::empty_state(Ui& ui, float width) {
  EmptyState st;
  st.icon = Icon::leads;
  st.title = "No leads yet";
  st.what =
      "Everyone who has shown interest in your practice, with their contact details, source, treatment "
      "interests, consent and where they are in the funnel.";
  st.why =
      "Leads scattered across lead-ad exports, inboxes and spreadsheets go cold. In one place, each gets the "
      "right follow-up at the right time.";
  st.steps = {
      "Add a lead by hand: a name, an email or a phone number is enough.",
      "Or import a CSV from Meta lead ads, Mailchimp, HubSpot or your booking system; Nurture shows a "
      "preview and keeps an undo point.",
      "Just looking? Load the demo practice from Today to explore with sample leads."};
  st.primary = "Add a lead";
  st.primary_mark = "leads.add_first";
  st.secondary = "Import a file";
  st.secondary_mark = "leads.import";
  switch (draw_empty_state(ui, st, std::min(width, ui.px(760)))) {
    case EmptyAction::primary:
      if (ui.editable()) m_add.open();
      break;
    case EmptyAction::secondary:
      ui.go_to = Page::import_export;
      break;
    case EmptyAction::none:
      break;
  }
}

void LeadsPage::deleted_empty_state(Ui& ui, float width) {
  EmptyState st;
  st.icon = Icon::leads;
  st.title = "Nothing deleted";
  st.what = "Deleted leads appear here for restoring.";
  st.why =
      "A deleted lead leaves every list, count, search and export, but its details, consent records and "
      "history are kept, so a lead deleted by mistake comes back exactly as it was.";
  st.primary = "Back to all leads";
  st.primary_mark = "leads.deleted.back";
  if (draw_empty_state(ui, st, std::min(width, ui.px(760))) == EmptyAction::primary) show_deleted(false);
}

void LeadsPage::show_deleted(bool deleted) {
  if (m_filter.deleted == deleted) return;
  m_filter.deleted = deleted;
  m_selected.clear();
  m_anchor = 0;
}

void LeadsPage::clear_filters() {
  const bool deleted = m_filter.deleted;  // clearing the filters keeps the view
  m_filter = LeadFilter{};
  m_filter.deleted = deleted;
}

void LeadsPage::draw(Ui& ui) {
  const float width = ImGui::GetContentRegionAvail().x;
  const Workspace& ws = ui.session.workspace();
  if (m_lead.is_open()) {
    m_lead.draw(ui, width);
    if (m_lead.is_open()) {
      m_add.draw(ui);
      return;
    }
  }
  toolbar(ui, width);
  gap(ui, 6);
  if (ws.leads.size() == 0 && !m_filter.deleted) {
    empty_state(ui, width);
    // Every lead deleted: the way to the Deleted view stays in reach.
    if (const std::size_t deleted = ws.leads.rows(); deleted > 0) {
      gap(ui, 4);
      const std::string text = "Show " + count_noun(deleted, "deleted lead", "deleted leads");
      if (button(ui, text.c_str(), ButtonKind::quiet, "leads.filter.deleted")) show_deleted(true);
    }
  } else {
    m_view.update(ws, m_filter, m_sort, scores_of(ui), scores_version_of(ui));
    if (std::exchange(m_open_first, false) && !m_view.rows().empty() && !m_filter.deleted) {
      m_lead.open(ws, ws.leads.id(m_view.rows().front()), /*focus_first=*/true);
      return;
    }
    filters(ui, width);
    gap(ui, 4);
    bulk_bar(ui, width);
    if (m_view.rows().empty() && m_filter.deleted && m_view.deleted() == 0) {
      deleted_empty_state(ui, width);
    } else if (m_view.rows().empty()) {
      EmptyState st;
      st.icon = Icon::segments;
      st.title = m_filter.deleted ? "No deleted leads match" : "No leads match";
      st.what = "No lead matches the search and filters above.";
      st.why = "Names match without accents or case; phone numbers match on their digits.";
      st.primary = "Clear search and filters";
      st.primary_mark = "leads.clear_filters";
      if (draw_empty_state(ui, st, std::min(width, ui.px(760))) == EmptyAction::primary) {
        clear_filters();
      }
    } else {
      table(ui, width, std::max(ui.px(240), ImGui::GetContentRegionAvail().y - ui.px(4)));
    }
  }
  bulk_dialog(ui);
  if (const std::uint64_t added = m_add.draw(ui); added != 0) {
    // The new lead is shown at once: a search that would hide it is cleared.
    m_filter = LeadFilter{};
    m_selected.clear();
  }
}

void LeadsPage::describe(nlohmann::json& out, const Workspace& ws) const {
  out["live"] = m_view.live();
  out["shown"] = m_view.rows().size();
  out["view_rebuilds"] = m_view.rebuilds();
  out["selected"] = m_selected.size();
  out["tags"] = m_view.tags();
  out["message"] = m_message;
  out["add_open"] = m_add.is_open();
  out["add_errors"] = m_add.errors();
  out["open"] = m_lead.is_open() ? nlohmann::json(to_string(m_lead.id())) : nlohmann::json(nullptr);
  out["deleted_view"] = m_filter.deleted;
  out["deleted"] = ws.leads.rows() - ws.leads.size();
  out["can_undo_message"] = m_message_revision != 0;
  out["enrol_open"] = m_bulk == Bulk::enrol;
  out["enrol_sequence"] = m_enrol_sequence;
  out["enrol_skips"] = m_enrol_skips;
  if (m_lead.is_open()) {
    const auto row = ws.leads.find_any(m_lead.id());
    out["open_deleted"] = row && ws.leads.is_deleted(*row);
    out["lead_errors"] = m_lead.errors();
    out["lead_result"] = m_lead.result();
    out["lead_draft"] = {{"first_name", m_lead.draft().first_name}, {"last_name", m_lead.draft().last_name},
                         {"email", m_lead.draft().email},           {"city", m_lead.draft().city},
                         {"notes", m_lead.draft().notes},           {"tags", m_lead.draft().tags}};
  }
  static constexpr const char* k_column_keys[] = {"name",   "email",     "phone", "stage",
                                                  "source", "interests", "score", "created"};
  out["sort"] = {{"column", k_column_keys[static_cast<std::size_t>(m_sort.column)]},
                 {"ascending", m_sort.ascending}};
  // The first rows as shown, so tests can check the order against their own sort.
  nlohmann::json order = nlohmann::json::array();
  // (The view is from the last frame; a test command since then may have removed rows.)
  for (std::size_t i = 0; i < m_view.rows().size() && i < 30; ++i) {
    if (m_view.rows()[i] < ws.leads.rows()) order.push_back(display_name(ws.leads, m_view.rows()[i]));
  }
  out["order"] = std::move(order);
  out["filter"] = {
      {"search", m_filter.search},
      {"stage", m_filter.stage ? nlohmann::json(to_string(*m_filter.stage)) : nlohmann::json(nullptr)},
      {"source", m_filter.source},
      {"tag", m_filter.tag}};
}

}  // namespace nurture::ui
