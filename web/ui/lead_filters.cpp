// The filter row, the count, the bulk-action bar and its dialog.
#include <algorithm>
#include <iterator>
#include <vector>

#include <imgui.h>
#include <imgui_stdlib.h>

#include "core/commands/command.hpp"
#include "core/util/text.hpp"
#include "web/ui/format.hpp"
#include "web/ui/leads_page.hpp"
#include "web/ui/widgets.hpp"

namespace nurture::ui {

namespace {

// A compact filter menu: "Stage: Any" → choose. Returns true when the choice changed.
template <class Items>
bool filter_combo(Ui& ui, const char* id, const char* mark, const std::string& preview, float width,
                  Items&& items) {
  ImGui::SetNextItemWidth(width);
  bool changed = false;
  if (ImGui::BeginCombo(id, preview.c_str())) {
    changed = items();
    ImGui::EndCombo();
  }
  ui.marks.mark(mark);
  return changed;
}

}  // namespace

void LeadsPage::filters(Ui& ui, float width) {
  const float row_x = ImGui::GetCursorPosX();
  const float w = std::max(ui.px(110), std::min(ui.px(170), (width - ui.px(300)) / 4.0F));
  filter_combo(ui, "##stage", "leads.filter.stage",
               std::string("Stage: ") + (m_filter.stage ? stage_label(*m_filter.stage) : "any"), w, [&] {
                 bool changed = false;
                 if (ImGui::Selectable("Any stage", !m_filter.stage)) {
                   m_filter.stage.reset();
                   changed = true;
                 }
                 for (std::size_t s = 0; s < k_stage_count; ++s) {
                   const auto stage = static_cast<Stage>(s);
                   if (ImGui::Selectable(stage_label(stage), m_filter.stage == stage)) {
                     m_filter.stage = stage;
                     changed = true;
                   }
                 }
                 return changed;
               });
  ImGui::SameLine(0, ui.px(8));
  const auto text_combo = [&](const char* id, const char* mark, const char* noun, std::string& value,
                              const std::vector<std::string>& options) {
    filter_combo(ui, id, mark, std::string(noun) + ": " + (value.empty() ? "any" : value), w, [&] {
      bool changed = false;
      if (ImGui::Selectable("Any", value.empty())) {
        value.clear();
        changed = true;
      }
      for (const auto& o : options) {
        if (ImGui::Selectable(o.c_str(), value == o)) {
          value = o;
          changed = true;
        }
      }
      return changed;
    });
  };
  text_combo("##source", "leads.filter.source", "Source", m_filter.source, m_view.sources());
  ImGui::SameLine(0, ui.px(8));
  text_combo("##tag", "leads.filter.tag", "Tag", m_filter.tag, m_view.tags());
  ImGui::SameLine(0, ui.px(8));
  filter_combo(ui, "##consent", "leads.filter.consent",
               std::string("Consent: ") + (m_filter.consent ? channel_label(*m_filter.consent) : "any"), w,
               [&] {
                 bool changed = false;
                 if (ImGui::Selectable("Any", !m_filter.consent)) {
                   m_filter.consent.reset();
                   changed = true;
                 }
                 for (std::size_t c = 0; c < k_channel_count; ++c) {
                   const auto channel = static_cast<Channel>(c);
                   if (ImGui::Selectable(channel_label(channel), m_filter.consent == channel)) {
                     m_filter.consent = channel;
                     changed = true;
                   }
                 }
                 return changed;
               });
  if (m_filter.active()) {
    ImGui::SameLine(0, ui.px(8));
    if (button(ui, "Clear", ButtonKind::quiet, "leads.filter.clear")) clear_filters();
    // The filters as a saved segment: counted live, recorded, usable by sequences. The name
    // search has no segment equivalent, so the button needs another filter to start from.
    const bool expressible =
        m_filter.stage || !m_filter.source.empty() || !m_filter.tag.empty() || m_filter.consent;
    if (!m_filter.deleted && expressible) {
      ImGui::SameLine(0, ui.px(8));
      if (button(ui, "Save as segment", ButtonKind::quiet, "leads.filter.save_segment")) {
        auto [name, query] = filter_segment(m_filter);
        ui.new_segment.emplace(std::move(name), std::move(query));
      }
    }
  }
  // The Deleted view's chip: shown while there is something to restore (or while in the view,
  // so the way back stays put), filled when the view is on.
  if (m_view.deleted() > 0 || m_filter.deleted) {
    ImGui::SameLine(0, ui.px(8));
    const std::string chip_text = "Deleted (" + format_count(m_view.deleted()) + ")";
    if (button(ui, chip_text.c_str(), m_filter.deleted ? ButtonKind::primary : ButtonKind::secondary,
               "leads.filter.deleted"))
      show_deleted(!m_filter.deleted);
  }
  // The count, right-aligned on the filter row.
  const std::string count = format_count(m_view.rows().size()) + " of " +
                            (m_filter.deleted ? count_noun(m_view.deleted(), "deleted lead", "deleted leads")
                                              : count_noun(m_view.live(), "lead", "leads"));
  ImGui::PushFont(ui.fonts.small);
  const float cw = ImGui::CalcTextSize(count.c_str()).x;
  ImGui::PopFont();
  ImGui::SameLine(0, ui.px(12));
  ImGui::SetCursorPosX(std::max(ImGui::GetCursorPosX(), row_x + width - cw));
  ImGui::SetCursorPosY(ImGui::GetCursorPosY() + ui.px(6));
  caption(ui, count.c_str());
  ui.marks.mark("leads.count");
}

namespace {

// The bulk actions of the live table, in order; the last two are Delete (a secondary button) and
// Clear selection.
constexpr const char* k_bulk_labels[] = {"Add tag…",       "Remove tag…",     "Set stage…",
                                         "Grant consent…", "Revoke consent…", "Enrol in sequence…",
                                         "Delete…",        "Clear selection"};
constexpr std::size_t k_delete_index = 6;

// The width button() gives `text` (strong font; quiet buttons pad less).
float button_width(Ui& ui, const char* text, bool slim) {
  ImGui::PushFont(ui.fonts.strong);
  const float w = ImGui::CalcTextSize(text).x;
  ImGui::PopFont();
  return w + 2 * (slim ? ui.px(8) : ui.px(16));
}

// Where the live table's bulk bar puts the "N selected" count (first) and each action, as
// offsets from the bar's top left, wrapping at `width`.
std::vector<ImVec2> bulk_layout(Ui& ui, const std::string& count_text, float width) {
  // An action that would pass the right edge starts a new row.
  ImGui::PushFont(ui.fonts.strong);
  const float count_w = ImGui::CalcTextSize(count_text.c_str()).x;
  const float row_h = ImGui::GetTextLineHeight() + ui.px(12) + ui.px(6);  // a quiet button and a gap
  ImGui::PopFont();
  std::vector<ImVec2> at;
  at.emplace_back(0.0F, ui.px(6));  // the count sits a little lower, level with the button text
  float x = count_w + ui.px(8);
  float y = 0;
  for (std::size_t i = 0; i < std::size(k_bulk_labels); ++i) {
    const float w = button_width(ui, k_bulk_labels[i], i != k_delete_index);
    if (x + w > width && x > 0) {
      x = 0;
      y += row_h;
    }
    at.emplace_back(x, y);
    x += w + ui.px(8);
  }
  return at;
}

}  // namespace

void LeadsPage::bulk_bar(Ui& ui, float width) {
  // The bar is as tall with a selection as without: a click that selects a row must not move
  // the table, or the second press of a double-click lands on the row above. A narrow window
  // wraps the actions, so the rows are reserved for the widest count the selection can have.
  ImGui::PushFont(ui.fonts.strong);
  const float row_h = ImGui::GetTextLineHeight() + ui.px(12) + ui.px(6);  // a quiet button and a gap
  ImGui::PopFont();
  float bar_h = row_h;
  if (!m_filter.deleted) {
    const auto widest =
        bulk_layout(ui, format_count(std::max<std::size_t>(m_view.live(), 1)) + " selected", width);
    bar_h += widest.back().y;
  }
  m_bar_width = width;
  const float top = ImGui::GetCursorPosY();
  bulk_bar_contents(ui);
  ImGui::SetCursorPosY(std::max(ImGui::GetCursorPosY(), top + bar_h + ImGui::GetStyle().ItemSpacing.y));
}

void LeadsPage::report(Ui& ui, const CommandResult& r, bool undoable) {
  m_message_ok = r.ok;
  const bool changed = r.ok && r.message != "Nothing changed";
  m_message = changed && undoable ? r.message + ". Ctrl+Z undoes it." : r.message;
  m_message_revision = changed && undoable ? ui.session.revision() : 0;
  ui.announce(m_message);
}

void LeadsPage::restore(Ui& ui, const std::vector<LeadId>& ids) {
  const Workspace& ws = ui.session.workspace();
  const auto now = ui.platform.now_ms();
  LeadBatch batch;
  for (const LeadId id : ids) batch.commands.emplace_back(RestoreLead{id, now});
  if (ids.size() == 1) {
    const auto row = ws.leads.find_any(ids.front());
    batch.summary = "Restored " + (row ? display_name(ws.leads, *row) : std::string("1 lead"));
  } else {
    batch.summary = "Restored " + count_noun(ids.size(), "lead", "leads");
  }
  report(ui, ui.mutable_session.execute(batch), true);
  if (m_message_ok) {
    for (const LeadId id : ids) m_selected.erase(id.value);
  }
}

void LeadsPage::bulk_bar_contents(Ui& ui) {
  const bool editable = ui.editable();
  // Leads deleted (or, in the Deleted view, restored) since they were selected drop out.
  std::erase_if(m_selected, [&](std::uint64_t id) {
    const auto row = ui.session.workspace().leads.find_any(LeadId{id});
    return !row || ui.session.workspace().leads.is_deleted(*row) != m_filter.deleted;
  });
  if (m_selected.empty()) {
    const float top = ImGui::GetCursorPosY();  // buttons sit here, captions a little lower
    if (button(ui, "Select all shown", ButtonKind::quiet, "leads.select_all")) {
      for (const auto row : m_view.rows()) m_selected.insert(ui.session.workspace().leads.id(row).value);
    }
    // The outcome of the last action, with Undo while it is still the latest change.
    const bool can_undo =
        m_message_revision != 0 && ui.session.revision() == m_message_revision && ui.session.can_undo();
    if (!can_undo) m_message_revision = 0;
    const char* text = m_message.empty() && m_filter.deleted
                           ? "Deleted leads are left out of every list, count and export until restored."
                           : m_message.c_str();
    if (*text != '\0') {
      ImGui::SameLine(0, ui.px(12));
      ImGui::SetCursorPosY(top + ui.px(6));
      const ImVec4* color = m_message.empty() ? nullptr : m_message_ok ? &ui.pal.success : &ui.pal.danger;
      caption(ui, text, color);
      ui.marks.mark("leads.message");
    }
    if (can_undo) {
      ImGui::SameLine(0, ui.px(8));
      ImGui::SetCursorPosY(top);
      if (button(ui, "Undo", ButtonKind::quiet, "leads.undo", editable) && ui.mutable_session.undo()) {
        m_message = "Undone";
        m_message_ok = true;
        m_message_revision = 0;
        ui.announce(m_message);
      }
    }
    return;
  }
  const std::string n = format_count(m_selected.size()) + " selected";
  if (m_filter.deleted) {
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() + ui.px(6));
    label(ui, n.c_str());
    ImGui::SameLine(0, ui.px(8));
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() - ui.px(6));
    if (button(ui, "Restore", ButtonKind::primary, "leads.bulk.restore", editable)) {
      // In table order, so an error's "step 3 of 12" means the third row.
      std::vector<LeadId> ids;
      for (const auto row : m_view.rows()) {
        if (m_selected.contains(ui.session.workspace().leads.id(row).value))
          ids.push_back(ui.session.workspace().leads.id(row));
      }
      restore(ui, ids);
    }
    ImGui::SameLine(0, ui.px(8));
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() - ui.px(6));
    if (button(ui, "Clear selection", ButtonKind::quiet, "leads.select_none")) m_selected.clear();
    return;
  }
  // Placed by hand (bulk_layout), so the actions wrap the way bulk_bar reserved room for.
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const auto at = bulk_layout(ui, n, m_bar_width);
  const auto place = [&](std::size_t i) {
    ImGui::SetCursorScreenPos(ImVec2(origin.x + at[i].x, origin.y + at[i].y));
  };
  place(0);
  label(ui, n.c_str());
  static constexpr Bulk k_kinds[] = {Bulk::add_tag, Bulk::remove_tag, Bulk::set_stage, Bulk::grant,
                                     Bulk::revoke,  Bulk::enrol,      Bulk::remove};
  static constexpr const char* k_marks[] = {"leads.bulk.tag",   "leads.bulk.untag",  "leads.bulk.stage",
                                            "leads.bulk.grant", "leads.bulk.revoke", "leads.bulk.enrol",
                                            "leads.bulk.delete"};
  for (std::size_t i = 0; i < std::size(k_kinds); ++i) {
    place(i + 1);
    if (button(ui, k_bulk_labels[i], k_kinds[i] == Bulk::remove ? ButtonKind::secondary : ButtonKind::quiet,
               k_marks[i], editable)) {
      m_bulk = k_kinds[i];
      m_bulk_opening = true;
    }
  }
  place(std::size(k_kinds) + 1);
  if (button(ui, k_bulk_labels[std::size(k_kinds)], ButtonKind::quiet, "leads.select_none"))
    m_selected.clear();
}

void LeadsPage::run_bulk(Ui& ui) {
  const Workspace& ws = ui.session.workspace();
  const auto now = ui.platform.now_ms();
  LeadBatch bulk;
  const std::string leads_n = count_noun(m_selected.size(), "lead", "leads");
  // Commands in table order, so "lead 3 of 12" in an error means the third row.
  std::vector<std::uint32_t> rows;
  for (const auto id : m_selected) {
    if (const auto row = ws.leads.find(LeadId{id})) rows.push_back(*row);
  }
  std::sort(rows.begin(), rows.end());
  const std::string tag(trim(m_bulk_text));
  for (const auto row : rows) {
    const LeadId id = ws.leads.id(row);
    switch (m_bulk) {
      case Bulk::add_tag:
      case Bulk::remove_tag: {
        Lead values = ws.leads.get(row);
        auto& tags = values.tags;
        const bool has = std::find(tags.begin(), tags.end(), tag) != tags.end();
        if (m_bulk == Bulk::add_tag && !has) tags.push_back(tag);
        if (m_bulk == Bulk::remove_tag) std::erase(tags, tag);
        if (m_bulk == Bulk::add_tag && has) continue;
        bulk.commands.emplace_back(UpdateLead{id, std::move(values), now});
        break;
      }
      case Bulk::set_stage:
        bulk.commands.emplace_back(SetStage{id, m_bulk_stage, now});
        break;
      case Bulk::grant:
      case Bulk::revoke:
        bulk.commands.emplace_back(SetConsent{id, m_bulk_channel, Purpose::marketing, m_bulk == Bulk::grant,
                                              m_bulk_method, "", m_bulk == Bulk::revoke ? m_bulk_text : "",
                                              now});
        break;
      case Bulk::remove:
        bulk.commands.emplace_back(DeleteLead{id, now});
        break;
      case Bulk::enrol:  // run_enrol
      case Bulk::none:
        break;
    }
  }
  switch (m_bulk) {
    case Bulk::add_tag:
      bulk.summary = "Tagged " + leads_n + " “" + tag + "”";
      break;
    case Bulk::remove_tag:
      bulk.summary = "Removed “" + tag + "” from " + leads_n;
      break;
    case Bulk::set_stage:
      bulk.summary = "Moved " + leads_n + " to " + stage_label(m_bulk_stage);
      break;
    case Bulk::grant:
      bulk.summary = "Recorded consent for " + leads_n;
      bulk.skip_failures = true;  // leads who opted out keep their opt-out
      break;
    case Bulk::revoke:
      bulk.summary = "Revoked consent for " + leads_n;
      break;
    case Bulk::remove:
      bulk.summary = "Deleted " + leads_n;
      break;
    case Bulk::enrol:
    case Bulk::none:
      break;
  }
  const CommandResult r = ui.mutable_session.execute(bulk);
  report(ui, r, true);
  if (r.ok && m_bulk == Bulk::remove) m_selected.clear();
}

void LeadsPage::bulk_dialog(Ui& ui) {
  if (m_bulk == Bulk::none) return;
  if (m_bulk_opening) {
    m_bulk_text.clear();
    m_bulk_method = m_bulk == Bulk::grant ? "" : "staff update";
    ImGui::OpenPopup("bulk_action");
  }
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(ImVec2(vp->Pos.x + vp->Size.x * 0.5F, vp->Pos.y + vp->Size.y * 0.4F),
                          ImGuiCond_Always, ImVec2(0.5F, 0.5F));
  ImGui::SetNextWindowSize(ImVec2(std::min(ui.px(440), vp->Size.x - ui.px(32)), 0));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(ui.px(24), ui.px(20)));
  if (ImGui::BeginPopupModal(
          "bulk_action", nullptr,
          ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoMove)) {
    const std::string n = count_noun(m_selected.size(), "selected lead", "selected leads");
    const float w = ImGui::GetContentRegionAvail().x;
    const bool focus = m_bulk_opening;
    m_bulk_opening = false;
    bool ready = true;
    switch (m_bulk) {
      case Bulk::add_tag:
      case Bulk::remove_tag:
        heading(ui, m_bulk == Bulk::add_tag ? "Add a tag" : "Remove a tag");
        caption(ui, n.c_str());
        if (focus) ImGui::SetKeyboardFocusHere(0);
        text_field(ui, "Tag", "bulk.text", m_bulk_text, "", w, "vip, botox-2026…");
        ready = !trim(m_bulk_text).empty();
        break;
      case Bulk::set_stage:
        heading(ui, "Set the stage");
        caption(ui, n.c_str());
        for (std::size_t s = 0; s < k_stage_count; ++s) {
          const auto stage = static_cast<Stage>(s);
          if (ImGui::RadioButton(stage_label(stage), m_bulk_stage == stage)) m_bulk_stage = stage;
          ui.marks.mark("bulk.stage." + std::string(to_string(stage)));
        }
        break;
      case Bulk::grant:
      case Bulk::revoke:
        heading(ui, m_bulk == Bulk::grant ? "Record marketing consent" : "Revoke marketing consent");
        caption(ui, n.c_str());
        for (std::size_t c = 0; c < k_channel_count; ++c) {
          const auto channel = static_cast<Channel>(c);
          if (c > 0) ImGui::SameLine(0, ui.px(12));
          if (ImGui::RadioButton(channel_label(channel), m_bulk_channel == channel)) m_bulk_channel = channel;
        }
        if (focus) ImGui::SetKeyboardFocusHere(0);
        text_field(ui, "How was it given or revoked?", "bulk.method", m_bulk_method, "", w,
                   "signed form at the front desk…");
        if (m_bulk == Bulk::revoke)
          text_field(ui, "Reason", "bulk.text", m_bulk_text, "", w, "asked by phone…");
        ready = !trim(m_bulk_method).empty() && (m_bulk == Bulk::grant || !trim(m_bulk_text).empty());
        if (m_bulk == Bulk::grant)
          caption(ui, "Leads who asked not to be contacted on the channel are skipped.");
        break;
      case Bulk::remove:
        heading(ui, ("Delete " + count_noun(m_selected.size(), "lead", "leads") + "?").c_str());
        paragraph(ui,
                  (m_selected.size() == 1
                       ? "The lead leaves every list, count and export. Ctrl+Z, or Restore in the Deleted "
                         "view, brings it back."
                       : "They leave every list, count and export. Ctrl+Z, or Restore in the Deleted view, "
                         "brings them back."),
                  true);
        break;
      case Bulk::enrol:
        ready = enrol_choices(ui, focus);
        break;
      case Bulk::none:
        break;
    }
    gap(ui, 8);
    bool close_it = false;
    const char* ok = m_bulk == Bulk::remove ? "Delete" : m_bulk == Bulk::enrol ? "Enrol" : "Apply";
    if (button(ui, ok, m_bulk == Bulk::remove ? ButtonKind::danger : ButtonKind::primary, "bulk.confirm",
               ready) ||
        (ready && ImGui::IsKeyPressed(ImGuiKey_Enter, false) && ImGui::IsWindowFocused())) {
      if (m_bulk == Bulk::enrol) {
        run_enrol(ui);
      } else {
        run_bulk(ui);
      }
      close_it = true;
    }
    ImGui::SameLine(0, ui.px(10));
    if (button(ui, "Cancel", ButtonKind::secondary, "bulk.cancel") || ImGui::IsKeyPressed(ImGuiKey_Escape))
      close_it = true;
    if (close_it) {
      m_bulk = Bulk::none;
      ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
  }
  ImGui::PopStyleVar();
}

}  // namespace nurture::ui
