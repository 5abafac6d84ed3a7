// The Leads table: only the visible rows are read (ImGuiListClipper over the cached view).
#include <algorithm>

#include <imgui.h>

#include "web/ui/format.hpp"
#include "web/ui/leads_page.hpp"
#include "web/ui/segment_runtime.hpp"
#include "web/ui/widgets.hpp"

namespace nurture::ui {

namespace {

constexpr LeadColumn k_columns[] = {LeadColumn::name,  LeadColumn::email,  LeadColumn::phone,
                                    LeadColumn::stage, LeadColumn::source, LeadColumn::interests,
                                    LeadColumn::score, LeadColumn::created};
constexpr int k_sortable = 8;

// "+18135550142" → "+1 813 555 0142" for North American numbers; others as stored.
std::string readable_phone(std::string_view e164) {
  if (e164.size() == 12 && e164.substr(0, 2) == "+1") {
    return "(" + std::string(e164.substr(2, 3)) + ") " + std::string(e164.substr(5, 3)) + "-" +
           std::string(e164.substr(8));
  }
  return std::string(e164);
}

}  // namespace

void LeadsPage::click_row(const LeadStore& leads, std::size_t index, bool ctrl, bool shift) {
  const auto& rows = m_view.rows();
  if (index >= rows.size()) return;
  // Ids, not row numbers, are selected, so a selection survives re-sorting and filtering.
  if (shift) {
    if (!ctrl) m_selected.clear();
    const auto [lo, hi] = std::minmax(m_anchor, index);
    for (auto i = lo; i <= hi && i < rows.size(); ++i) m_selected.insert(leads.id(rows[i]).value);
    return;
  }
  const auto id = leads.id(rows[index]).value;
  if (ctrl) {
    if (m_selected.erase(id) == 0) m_selected.insert(id);
  } else {
    m_selected.clear();
    m_selected.insert(id);
  }
  m_anchor = index;
}

void LeadsPage::table(Ui& ui, float width, float height) {
  const Workspace& ws = ui.session.workspace();
  const LeadStore& leads = ws.leads;
  const auto& rows = m_view.rows();
  // The Deleted view: rows greyed, the last column the deletion date, and a Restore action per
  // row. The row's Selectable then covers the name only, so the Restore button beside it gets
  // the click (a row-wide Selectable would take the hover from it).
  const bool deleted_view = m_filter.deleted;
  std::vector<LeadId> restore_ids;
  const ImGuiTableFlags flags = ImGuiTableFlags_Sortable | ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg |
                                ImGuiTableFlags_BordersOuter | ImGuiTableFlags_BordersInnerH |
                                ImGuiTableFlags_Resizable | ImGuiTableFlags_SizingStretchProp |
                                ImGuiTableFlags_NoSavedSettings;
  ImGui::PushStyleVar(ImGuiStyleVar_CellPadding, ImVec2(ui.px(10), ui.px(7)));
  ImGui::PushStyleColor(ImGuiCol_TableRowBg, ui.pal.card);
  ImGui::PushStyleColor(ImGuiCol_TableRowBgAlt, ui.pal.bg);
  ImGui::PushStyleColor(ImGuiCol_TableHeaderBg, ui.pal.card);
  ImGui::PushStyleColor(ImGuiCol_TableBorderLight, ui.pal.border);
  ImGui::PushStyleColor(ImGuiCol_TableBorderStrong, ui.pal.border);
  ImGui::PushStyleColor(ImGuiCol_Header, ui.pal.accent_soft);
  ImGui::PushStyleColor(ImGuiCol_HeaderHovered, ui.pal.hover);
  ImGui::PushStyleColor(ImGuiCol_HeaderActive, ui.pal.accent_soft);
  const int columns = deleted_view ? k_sortable + 1 : k_sortable;
  const ScoreTable* scores = scores_of(ui);
  if (ImGui::BeginTable(deleted_view ? "deleted_leads_table" : "leads_table", columns, flags,
                        ImVec2(width, height))) {
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("Name", ImGuiTableColumnFlags_PreferSortAscending, 1.4F);
    ImGui::TableSetupColumn("Email", ImGuiTableColumnFlags_PreferSortAscending, 2.3F);
    ImGui::TableSetupColumn("Phone", ImGuiTableColumnFlags_PreferSortAscending, 1.1F);
    ImGui::TableSetupColumn("Stage", ImGuiTableColumnFlags_PreferSortAscending, 1.0F);
    ImGui::TableSetupColumn("Source", ImGuiTableColumnFlags_PreferSortAscending, 0.9F);
    ImGui::TableSetupColumn("Interests", ImGuiTableColumnFlags_PreferSortAscending, 1.5F);
    ImGui::TableSetupColumn("Score", ImGuiTableColumnFlags_PreferSortDescending, 0.5F);
    ImGui::TableSetupColumn(deleted_view ? "Deleted" : "Created",
                            ImGuiTableColumnFlags_DefaultSort | ImGuiTableColumnFlags_PreferSortDescending,
                            0.9F);
    if (deleted_view) ImGui::TableSetupColumn("", ImGuiTableColumnFlags_NoSort, 0.8F);
    static constexpr const char* k_sort_marks[] = {
        "leads.sort.name",   "leads.sort.email",     "leads.sort.phone", "leads.sort.stage",
        "leads.sort.source", "leads.sort.interests", "leads.sort.score", "leads.sort.created"};
    ImGui::PushFont(ui.fonts.strong);
    ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
    for (int c = 0; c < columns; ++c) {
      ImGui::TableSetColumnIndex(c);
      ImGui::TableHeader(ImGui::TableGetColumnName(c));
      if (c < k_sortable) ui.marks.mark(k_sort_marks[c]);  // tests click headers to sort
    }
    ImGui::PopFont();
    if (ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs(); specs != nullptr && specs->SpecsDirty) {
      if (specs->SpecsCount > 0) {
        const auto& s = specs->Specs[0];
        m_sort.column = k_columns[std::clamp(static_cast<int>(s.ColumnIndex), 0, k_sortable - 1)];
        m_sort.ascending = s.SortDirection == ImGuiSortDirection_Ascending;
      }
      specs->SpecsDirty = false;
      m_view.update(ws, m_filter, m_sort, scores, scores_version_of(ui));
    }
    const ImGuiIO& io = ImGui::GetIO();
    const int offset = ui.platform.local_utc_offset_minutes(ui.platform.now_ms());
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(rows.size()));
    Lead scratch;
    while (clipper.Step()) {
      for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
        const auto index = static_cast<std::size_t>(i);
        const std::uint32_t row = rows[index];
        const LeadId id = leads.id(row);
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::PushID(i);
        const bool selected = m_selected.contains(id.value);
        const std::string name = display_name(leads, row);
        if (deleted_view) {
          if (selected) ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg1, col(ui.pal.accent_soft));
          ImGui::PushStyleColor(ImGuiCol_Text, ui.pal.muted);
        }
        // No AllowOverlap: nothing overlaps a row, and an overlap-allowing item only counts as
        // hovered from the frame after the pointer arrived, which lost the first click of a quick
        // double-click. The Selectable itself reports the double-click (AllowDoubleClick), so the
        // second press opens the row it landed on.
        const bool pressed = ImGui::Selectable(
            name.c_str(), selected,
            (deleted_view ? ImGuiSelectableFlags_None : ImGuiSelectableFlags_SpanAllColumns) |
                ImGuiSelectableFlags_AllowDoubleClick);
        const bool clicked = ImGui::IsItemClicked(ImGuiMouseButton_Left);
        const bool open = (pressed && ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left)) ||
                          (ImGui::IsItemFocused() && (ImGui::IsKeyPressed(ImGuiKey_Enter, false) ||
                                                      ImGui::IsKeyPressed(ImGuiKey_KeypadEnter, false)));
        const bool space = ImGui::IsItemFocused() && ImGui::IsKeyPressed(ImGuiKey_Space, false);
        if (index < 50) ui.marks.mark(("leads.row." + std::to_string(index)).c_str());
        if (clicked || space) click_row(leads, index, io.KeyCtrl || io.KeySuper || space, io.KeyShift);
        if (open) m_lead.open(ws, id);
        ImGui::PopID();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(leads.email(row).data(), leads.email(row).data() + leads.email(row).size());
        ImGui::TableNextColumn();
        const std::string phone = readable_phone(leads.phone(row));
        ImGui::TextUnformatted(phone.c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(stage_label(leads.stage(row)));
        ImGui::TableNextColumn();
        leads.read(row, LeadField::source, scratch);
        ImGui::TextUnformatted(scratch.source.c_str());
        ImGui::TableNextColumn();
        leads.read(row, LeadField::interests, scratch);
        const std::string interests = join_list(scratch.interests);
        ImGui::TextUnformatted(interests.c_str());
        ImGui::TableNextColumn();
        if (scores != nullptr && !scores->groups.empty() && !deleted_view) {
          ImGui::Text("%.0f", scores->total(row));
        } else {
          ImGui::TextDisabled("—");
        }
        ImGui::TableNextColumn();
        const std::string created =
            format_day(deleted_view ? leads.deleted_stamp(row).millis : leads.created_at(row), offset);
        ImGui::PushStyleColor(ImGuiCol_Text, ui.pal.muted);
        ImGui::TextUnformatted(created.c_str());
        ImGui::PopStyleColor();
        if (deleted_view) {
          ImGui::PopStyleColor();  // the greyed row text
          ImGui::TableNextColumn();
          ImGui::PushID(i);
          ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(0, 0, 0, 0));
          ImGui::PushStyleColor(ImGuiCol_ButtonHovered, ui.pal.accent_soft);
          ImGui::PushStyleColor(ImGuiCol_ButtonActive, ui.pal.accent_soft);
          ImGui::PushStyleColor(ImGuiCol_Text, ui.pal.accent);
          ImGui::PushStyleColor(ImGuiCol_Border, ImVec4(0, 0, 0, 0));
          ImGui::PushFont(ui.fonts.strong);
          if (!ui.editable()) ImGui::BeginDisabled();
          if (ImGui::SmallButton("Restore")) restore_ids.push_back(id);
          if (!ui.editable()) ImGui::EndDisabled();
          ImGui::PopFont();
          ImGui::PopStyleColor(5);
          if (index < 50) ui.marks.mark(("leads.restore." + std::to_string(index)).c_str());
          ImGui::PopID();
        }
      }
    }
    ImGui::EndTable();
  }
  // Enter opens the one selected lead even when keyboard focus is elsewhere on the page (after
  // a mouse click the row may not hold the nav focus).
  if (!ImGui::GetIO().WantTextInput && m_selected.size() == 1 && !m_lead.is_open() &&
      !ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId) &&
      (ImGui::IsKeyPressed(ImGuiKey_Enter, false) || ImGui::IsKeyPressed(ImGuiKey_KeypadEnter, false))) {
    m_lead.open(ws, LeadId{*m_selected.begin()});
  }
  ui.marks.mark("leads.table");
  ImGui::PopStyleColor(8);
  ImGui::PopStyleVar();
  // After the table: restoring changes the rows the clipper was walking.
  if (!restore_ids.empty()) restore(ui, restore_ids);
}

}  // namespace nurture::ui
