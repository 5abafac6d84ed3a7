#include "web/ui/lead_view.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <utility>

#include <imgui_stdlib.h>

#include "core/commands/command.hpp"
#include "core/util/text.hpp"
#include "web/ui/banners.hpp"
#include "web/ui/format.hpp"
#include "web/ui/widgets.hpp"

namespace nurture::ui {

namespace {

LeadView::Draft draft_of(const Lead& l) {
  LeadView::Draft d;
  d.first_name = l.first_name;
  d.last_name = l.last_name;
  d.email = l.email;
  d.phone = l.phone;
  d.birth_date = l.birth_date ? format_date(*l.birth_date) : std::string();
  d.age = l.age ? std::to_string(*l.age) : std::string();
  d.gender = l.gender;
  d.street = l.street;
  d.city = l.city;
  d.state = l.state;
  d.zip = l.zip;
  d.country = l.country;
  d.time_zone = l.time_zone;
  d.source = l.source;
  d.campaign = l.campaign;
  d.interests = join_list(l.interests);
  d.tags = join_list(l.tags);
  for (const auto& [k, v] : l.custom_fields) d.custom_fields += k + ": " + v + "\n";
  d.notes = l.notes;
  return d;
}

// Builds the wanted values; date, age and custom-field lines are checked here because the
// command takes them already parsed.
Lead values_of(const LeadView::Draft& d, std::map<std::string, std::string>& errors) {
  Lead l;
  l.first_name = d.first_name;
  l.last_name = d.last_name;
  l.email = d.email;
  l.phone = d.phone;
  if (const auto bd = trim(d.birth_date); !bd.empty()) {
    if (auto date = parse_date(bd)) {
      l.birth_date = *date;
    } else {
      errors["birth_date"] = "Use the form YYYY-MM-DD, e.g. 1988-04-23";
    }
  }
  if (const auto age = trim(d.age); !age.empty()) {
    unsigned value = 0;
    const auto [end, ec] = std::from_chars(age.data(), age.data() + age.size(), value);
    if (ec != std::errc() || end != age.data() + age.size() || value > 120) {
      errors["age"] = "Age must be a whole number from 0 to 120";
    } else {
      l.age = static_cast<std::uint8_t>(value);
    }
  }
  l.gender = d.gender;
  l.street = d.street;
  l.city = d.city;
  l.state = d.state;
  l.zip = d.zip;
  l.country = d.country;
  l.time_zone = d.time_zone;
  l.source = d.source;
  l.campaign = d.campaign;
  l.interests = split_list(d.interests);
  l.tags = split_list(d.tags);
  std::size_t start = 0;
  while (start < d.custom_fields.size()) {
    std::size_t end = d.custom_fields.find('\n', start);
    if (end == std::string::npos) end = d.custom_fields.size();
    const std::string_view line = trim(std::string_view(d.custom_fields).substr(start, end - start));
    start = end + 1;
    if (line.empty()) continue;
    const auto colon = line.find(':');
    if (colon == std::string_view::npos || trim(line.substr(0, colon)).empty()) {
      errors["custom_fields"] = "Write one field per line as “name: value”";
      continue;
    }
    l.custom_fields[std::string(trim(line.substr(0, colon)))] = std::string(trim(line.substr(colon + 1)));
  }
  l.notes = d.notes;
  return l;
}

}  // namespace

void LeadView::open(const Workspace& ws, LeadId id, bool focus_first) {
  m_id = id;
  m_focus_first = focus_first;
  m_errors.clear();
  m_result.clear();
  m_confirm_delete = false;
  m_dialog = Dialog::none;
  reload(ws);
}

void LeadView::reload(const Workspace& ws) {
  m_revision = ws.revision;
  const auto row = ws.leads.find_any(m_id);  // a deleted lead is shown too, read-only
  if (!row) return;
  m_saved = draft_of(ws.leads.get(*row));
  m_draft = m_saved;
}

void LeadView::report(Ui& ui, const CommandResult& r, const char* ok_text) {
  m_result_ok = r.ok;
  m_result = r.ok ? std::string(ok_text) : r.message;
  ui.announce(m_result);
}

void LeadView::save(Ui& ui) {
  m_errors.clear();
  const Lead values = values_of(m_draft, m_errors);
  if (!m_errors.empty()) {
    m_result_ok = false;
    m_result = "Check the highlighted fields.";
    ui.announce(m_result);
    return;
  }
  const CommandResult r = ui.mutable_session.execute(UpdateLead{m_id, values, ui.platform.now_ms()});
  for (const FieldError& e : r.field_errors) m_errors.emplace(e.field, e.message);
  report(ui, r, "Changes saved.");
  if (r.ok) reload(ui.session.workspace());
}

void LeadView::header(Ui& ui, const Lead& lead, float width) {
  // Escape goes back to the table too (U10), unless it is leaving a field, closing a dialog, or
  // would drop unsaved edits (Save first; "All leads" is the explicit way out).
  const bool escape = ImGui::IsKeyPressed(ImGuiKey_Escape, false) && !ImGui::GetIO().WantTextInput &&
                      !ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId) && !dirty();
  if (button(ui, "‹  All leads", ButtonKind::quiet, "lead.back") || escape) close();
  gap(ui, 2);
  const float left = ImGui::GetCursorPosX();  // SameLine offsets count from the window's edge
  const ImVec2 pos = ImGui::GetCursorScreenPos();
  const float d = ui.px(52);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddCircleFilled(ImVec2(pos.x + d * 0.5F, pos.y + d * 0.5F), d * 0.5F, col(ui.pal.accent_soft), 40);
  std::string initials;
  for (const std::string* part : {&lead.first_name, &lead.last_name}) {
    if (!part->empty())
      initials += static_cast<char>(std::toupper(static_cast<unsigned char>((*part)[0])) & 0x7F);
  }
  if (initials.empty()) initials = "?";
  ImGui::PushFont(ui.fonts.h2);
  const ImVec2 ts = ImGui::CalcTextSize(initials.c_str());
  dl->AddText(ImVec2(pos.x + (d - ts.x) * 0.5F, pos.y + (d - ts.y) * 0.5F), col(ui.pal.accent),
              initials.c_str());
  ImGui::PopFont();
  ImGui::Dummy(ImVec2(d, d));
  ImGui::SameLine(0, ui.px(14));
  ImGui::BeginGroup();
  std::string name =
      lead.first_name + (lead.first_name.empty() || lead.last_name.empty() ? "" : " ") + lead.last_name;
  if (name.empty()) name = lead.email.empty() ? lead.phone : lead.email;
  title_text(ui, name.c_str());
  ImGui::SameLine(0, ui.px(12));
  ImGui::SetCursorPosY(ImGui::GetCursorPosY() + ui.px(6));
  chip(ui, stage_label(lead.stage));
  const int offset = ui.platform.local_utc_offset_minutes(lead.created_at);
  std::string sub = "Added " + format_day(lead.created_at, offset);
  if (!lead.source.empty()) sub += " · from " + lead.source;
  caption(ui, sub.c_str());
  ImGui::EndGroup();
  // Delete sits at the right of the header, away from Save.
  ImGui::PushFont(ui.fonts.strong);
  const float bw = ImGui::CalcTextSize("Delete lead").x + ui.px(32);
  ImGui::PopFont();
  ImGui::SameLine(left + std::max(0.0F, width - bw));
  if (!m_deleted && button(ui, "Delete lead", ButtonKind::secondary, "lead.delete", ui.editable())) {
    m_confirm_delete = true;
    ImGui::OpenPopup("delete_lead");
  }
}

void LeadView::profile_card(Ui& ui, float width) {
  Card card(ui, width);
  heading(ui, "Profile");
  gap(ui, 4);
  const bool editable = ui.editable();
  const float gutter = ui.px(14);
  const float inner = card.inner_width();
  const float half = (inner - gutter) * 0.5F;
  struct Field {
    const char* key;
    const char* label;
    std::string Draft::*member;
    const char* hint;
  };
  static constexpr Field k_fields[] = {
      {"first_name", "First name", &Draft::first_name, ""},
      {"last_name", "Last name", &Draft::last_name, ""},
      {"email", "Email", &Draft::email, "name@example.com"},
      {"phone", "Phone", &Draft::phone, "(305) 555-0142"},
      {"birth_date", "Birth date", &Draft::birth_date, "YYYY-MM-DD"},
      {"age", "Age (if no birth date)", &Draft::age, ""},
      {"street", "Street", &Draft::street, ""},
      {"city", "City", &Draft::city, ""},
      {"state", "State", &Draft::state, ""},
      {"zip", "ZIP", &Draft::zip, ""},
      {"country", "Country (2 letters)", &Draft::country, "US"},
      {"time_zone", "Time zone", &Draft::time_zone, "America/New_York"},
      {"source", "Source", &Draft::source, "facebook, website…"},
      {"campaign", "Campaign", &Draft::campaign, ""},
      {"interests", "Interested in", &Draft::interests, "botox, fillers"},
      {"tags", "Tags", &Draft::tags, "vip, newsletter"},
  };
  const float x = ImGui::GetCursorPosX();
  float row_y = ImGui::GetCursorPosY();
  float bottom = row_y;
  for (std::size_t i = 0; i < std::size(k_fields); ++i) {
    const Field& f = k_fields[i];
    const bool right = i % 2 == 1;
    if (!right) row_y = bottom;
    ImGui::SetCursorPos(ImVec2(right ? x + half + gutter : x, row_y));
    const std::string mark = std::string("lead.") + f.key;
    std::string error = error_for(m_errors, f.key);
    if (f.key == std::string_view("first_name") && error.empty()) error = error_for(m_errors, "name");
    if (i == 0 && std::exchange(m_focus_first, false) && editable) ImGui::SetKeyboardFocusHere();
    text_field(ui, f.label, mark.c_str(), m_draft.*f.member, error, half, f.hint, editable);
    bottom = std::max(bottom, ImGui::GetCursorPosY());
  }
  ImGui::SetCursorPos(ImVec2(x, bottom));
  // Gender: a small choice, so a combo rather than free text.
  ImGui::PushFont(ui.fonts.small);
  ImGui::TextColored(ui.pal.muted, "Gender");
  ImGui::PopFont();
  ImGui::SetNextItemWidth(half);
  if (!editable) ImGui::BeginDisabled();
  if (ImGui::BeginCombo("##gender", gender_label(m_draft.gender))) {
    for (std::size_t g = 0; g < k_gender_count; ++g) {
      const auto value = static_cast<Gender>(g);
      if (ImGui::Selectable(gender_label(value), value == m_draft.gender)) m_draft.gender = value;
    }
    ImGui::EndCombo();
  }
  if (!editable) ImGui::EndDisabled();
  ui.marks.mark("lead.gender");
  gap(ui, 6);
  const auto multiline = [&](const char* label_text, const char* key, std::string& value, float lines) {
    ImGui::PushFont(ui.fonts.small);
    ImGui::TextColored(ui.pal.muted, "%s", label_text);
    ImGui::PopFont();
    const std::string id = std::string("##") + key;
    if (!editable) ImGui::BeginDisabled();
    ImGui::InputTextMultiline(id.c_str(), &value,
                              ImVec2(inner, ImGui::GetTextLineHeight() * lines + ui.px(16)));
    if (!editable) ImGui::EndDisabled();
    ui.marks.mark_input(std::string("lead.") + key);
    if (const auto& e = error_for(m_errors, key); !e.empty()) caption(ui, e.c_str(), &ui.pal.danger);
    gap(ui, 4);
  };
  multiline("Custom fields (one “name: value” per line)", "custom_fields", m_draft.custom_fields, 3);
  multiline("Notes", "notes", m_draft.notes, 4);
}

void LeadView::action_bar(Ui& ui, float width) {
  // A bar under the scrolling cards: Save and Cancel never scroll out of reach, at any window
  // height. The outcome of the last save sits at its left, the buttons at its right.
  const ImVec2 p = ImGui::GetCursorScreenPos();
  ImGui::GetWindowDrawList()->AddLine(p, ImVec2(p.x + width, p.y), col(ui.pal.border), ui.px(1));
  gap(ui, 10);
  const bool dirty_now = dirty();
  const float y = ImGui::GetCursorPosY();
  const float x = ImGui::GetCursorPosX();
  ImGui::PushFont(ui.fonts.strong);
  const float buttons_w =
      ImGui::CalcTextSize("Cancel").x + ImGui::CalcTextSize("Save changes").x + ui.px(32) * 2 + ui.px(10);
  ImGui::PopFont();
  ImGui::SetCursorPosY(y + ui.px(9));
  ImGui::PushTextWrapPos(std::max(x + ui.px(80), x + width - buttons_w - ui.px(16)));
  if (m_deleted) {
    caption(ui, "A deleted lead is read-only. Restore it to edit.");
  } else if (!m_result.empty() && (!dirty_now || !m_result_ok)) {
    caption(ui, m_result.c_str(), m_result_ok ? &ui.pal.success : &ui.pal.danger);
  } else if (dirty_now) {
    caption(ui, "Unsaved changes  ·  Ctrl+S saves");
  } else {
    caption(ui, "No unsaved changes");
  }
  ImGui::PopTextWrapPos();
  ui.marks.mark("lead.status");
  ImGui::SetCursorPos(ImVec2(x + std::max(0.0F, width - buttons_w), y));
  if (button(ui, "Cancel", ButtonKind::secondary, "lead.cancel", dirty_now)) {
    m_draft = m_saved;
    m_errors.clear();
    m_result.clear();
  }
  ImGui::SameLine(0, ui.px(10));
  if (button(ui, "Save changes", ButtonKind::primary, "lead.save", ui.editable() && dirty_now)) save(ui);
}

void LeadView::delete_dialog(Ui& ui) {
  ImGui::SetNextWindowSize(ImVec2(ui.px(420), 0));
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(ImVec2(vp->Pos.x + vp->Size.x * 0.5F, vp->Pos.y + vp->Size.y * 0.4F),
                          ImGuiCond_Always, ImVec2(0.5F, 0.5F));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(ui.px(24), ui.px(20)));
  if (ImGui::BeginPopupModal(
          "delete_lead", nullptr,
          ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoMove)) {
    heading(ui, "Delete this lead?");
    paragraph(ui,
              "The lead and their consent records leave every list. Undo (Ctrl+Z), or Restore in the "
              "Deleted view, brings them back.",
              true);
    gap(ui, 8);
    bool close_it = false;
    if (button(ui, "Delete", ButtonKind::danger, "lead.delete.confirm")) {
      const CommandResult r = ui.mutable_session.execute(DeleteLead{m_id, ui.platform.now_ms()});
      report(ui, r, "Lead deleted. Ctrl+Z brings it back.");
      close_it = true;
      if (r.ok) close();
    }
    ImGui::SameLine(0, ui.px(10));
    if (button(ui, "Keep", ButtonKind::secondary, "lead.delete.cancel") ||
        ImGui::IsKeyPressed(ImGuiKey_Escape))
      close_it = true;
    if (close_it) {
      m_confirm_delete = false;
      ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
  }
  ImGui::PopStyleVar();
}

void LeadView::draw(Ui& ui, float width) {
  const Workspace& ws = ui.session.workspace();
  const auto row = ws.leads.find_any(m_id);
  if (!row) {
    close();
    return;
  }
  m_deleted = ws.leads.is_deleted(*row);
  // Follow the stored lead (undo, an edit from another command) unless the user is editing.
  if (ws.revision != m_revision) {
    if (dirty()) {
      m_revision = ws.revision;
    } else {
      reload(ws);
    }
  }
  const Lead lead = ws.leads.get(*row);  // one lead per frame: cheap
  ImGui::PushID("lead_view");
  header(ui, lead, width);
  gap(ui, 10);
  if (m_deleted) {
    const int offset = ui.platform.local_utc_offset_minutes(ws.leads.deleted_stamp(*row).millis);
    const std::string text = "This lead was deleted on " +
                             format_day(ws.leads.deleted_stamp(*row).millis, offset) +
                             ". It is left out of every list, count and export until restored.";
    const ImVec2 top = ImGui::GetCursorScreenPos();
    if (draw_banner(ui, width, BannerTone::warning, text.c_str(), "Restore", "lead.restore") &&
        ui.editable()) {
      const CommandResult r = ui.mutable_session.execute(RestoreLead{m_id, ui.platform.now_ms()});
      report(ui, r, "Lead restored. Ctrl+Z deletes it again.");
    }
    ui.marks.mark_rect("lead.deleted_banner", top, ImVec2(top.x + width, ImGui::GetCursorScreenPos().y));
    gap(ui, 4);
  }
  // The cards scroll in their own region; the action bar below it stays put.
  // (the bar: a rule, a gap, one row of buttons; plus the item spacing after the region and the gap)
  const float bar_h = ImGui::GetTextLineHeight() + ui.px(36) + 2 * ImGui::GetStyle().ItemSpacing.y;
  const float body_h = std::max(ui.px(160), ImGui::GetContentRegionAvail().y - bar_h);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(ui.px(4), ui.px(4)));
  ImGui::BeginChild("lead_body", ImVec2(width, body_h), ImGuiChildFlags_AlwaysUseWindowPadding,
                    ImGuiWindowFlags_NavFlattened);
  ImGui::PopStyleVar();
  ui.marks.mark_rect("lead.body", ImGui::GetWindowPos(),
                     ImVec2(ImGui::GetWindowPos().x + ImGui::GetWindowSize().x,
                            ImGui::GetWindowPos().y + ImGui::GetWindowSize().y));
  if (m_deleted) ImGui::BeginDisabled();
  cards(ui, lead, ImGui::GetContentRegionAvail().x);
  if (m_deleted) ImGui::EndDisabled();
  ImGui::EndChild();
  action_bar(ui, width);
  consent_dialog(ui);
  delete_dialog(ui);
  ImGui::PopID();
}

void LeadView::cards(Ui& ui, const Lead& lead, float width) {
  const float gutter = ui.px(20);
  const bool two_columns = width > ui.px(820);
  const float left_w = two_columns ? (width - gutter) * 0.56F : width;
  const float right_w = two_columns ? width - gutter - left_w : width;
  const ImVec2 top = ImGui::GetCursorScreenPos();
  ImGui::BeginGroup();
  profile_card(ui, left_w);
  ImGui::EndGroup();
  if (two_columns) {
    ImGui::SetCursorScreenPos(ImVec2(top.x + left_w + gutter, top.y));
  } else {
    gap(ui, 12);
  }
  ImGui::BeginGroup();
  stage_card(ui, lead, right_w);
  gap(ui, 12);
  score_card(ui, right_w);
  gap(ui, 12);
  sequences_card(ui, right_w);
  gap(ui, 12);
  consent_card(ui, lead, right_w);
  gap(ui, 12);
  consent_history_card(ui, right_w);
  gap(ui, 12);
  timeline_card(ui, right_w);
  ImGui::EndGroup();
}

}  // namespace nurture::ui
