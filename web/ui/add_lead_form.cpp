#include "web/ui/add_lead_form.hpp"

#include "core/commands/command.hpp"
#include "web/ui/format.hpp"
#include "web/ui/widgets.hpp"

namespace nurture::ui {

void AddLeadForm::open() {
  m_open = true;
  m_opening = true;
  m_enter_armed = false;
  m_first.clear();
  m_last.clear();
  m_email.clear();
  m_phone.clear();
  m_source.clear();
  m_interests.clear();
  m_errors.clear();
}

std::uint64_t AddLeadForm::save(Ui& ui) {
  Lead lead;
  lead.id = LeadId{ui.platform.random_u64()};
  lead.first_name = m_first;
  lead.last_name = m_last;
  lead.email = m_email;
  lead.phone = m_phone;
  lead.source = m_source;
  lead.interests = split_list(m_interests);
  const CommandResult r = ui.mutable_session.execute(AddLead{lead, ui.platform.now_ms()});
  m_errors.clear();
  if (!r.ok) {
    for (const FieldError& e : r.field_errors) m_errors.emplace(e.field, e.message);
    ui.announce(r.message);
    return 0;
  }
  ui.announce("Lead added");
  m_open = false;
  ImGui::CloseCurrentPopup();
  return lead.id.value;
}

std::uint64_t AddLeadForm::draw(Ui& ui) {
  if (!m_open) return 0;
  if (m_opening) ImGui::OpenPopup("add_lead");
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(ImVec2(vp->Pos.x + vp->Size.x * 0.5F, vp->Pos.y + vp->Size.y * 0.45F),
                          ImGuiCond_Always, ImVec2(0.5F, 0.5F));
  const float width = std::min(ui.px(520), vp->Size.x - ui.px(32));
  ImGui::SetNextWindowSize(ImVec2(width, 0));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(ui.px(28), ui.px(24)));
  std::uint64_t added = 0;
  if (ImGui::BeginPopupModal("add_lead", nullptr,
                             ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize |
                                 ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings)) {
    ImGui::PopStyleVar();
    heading(ui, "Add a lead");
    caption(ui, "A name, an email address or a phone number is enough; the rest can follow.");
    gap(ui, 8);
    const float inner = ImGui::GetContentRegionAvail().x;
    const float gutter = ui.px(14);
    const float half = (inner - gutter) * 0.5F;
    if (m_opening) ImGui::SetKeyboardFocusHere(0);  // the first name's input (its label is not an item)
    m_opening = false;
    const float x = ImGui::GetCursorPosX();
    float y = ImGui::GetCursorPosY();
    text_field(ui, "First name", "add.first_name", m_first, error_for(m_errors, "name"), half, "Ana");
    float bottom = ImGui::GetCursorPosY();
    ImGui::SetCursorPos(ImVec2(x + half + gutter, y));
    text_field(ui, "Last name", "add.last_name", m_last, "", half, "García");
    bottom = std::max(bottom, ImGui::GetCursorPosY());
    ImGui::SetCursorPos(ImVec2(x, bottom));
    y = bottom;
    text_field(ui, "Email", "add.email", m_email, error_for(m_errors, "email"), half, "ana@example.com");
    bottom = ImGui::GetCursorPosY();
    ImGui::SetCursorPos(ImVec2(x + half + gutter, y));
    text_field(ui, "Phone", "add.phone", m_phone, error_for(m_errors, "phone"), half, "(305) 555-0142");
    bottom = std::max(bottom, ImGui::GetCursorPosY());
    ImGui::SetCursorPos(ImVec2(x, bottom));
    y = bottom;
    text_field(ui, "Source", "add.source", m_source, "", half, "facebook, website, referral…");
    bottom = ImGui::GetCursorPosY();
    ImGui::SetCursorPos(ImVec2(x + half + gutter, y));
    text_field(ui, "Interested in", "add.interests", m_interests, "", half, "botox, fillers");
    bottom = std::max(bottom, ImGui::GetCursorPosY());
    ImGui::SetCursorPos(ImVec2(x, bottom));
    if (const auto& id_error = error_for(m_errors, "id"); !id_error.empty())
      caption(ui, id_error.c_str(), &ui.pal.danger);
    gap(ui, 6);
    const bool editable = ui.editable();
    bool do_save = button(ui, "Add lead", ButtonKind::primary, "add.save", editable);
    ImGui::SameLine(0, ui.px(10));
    bool cancel = button(ui, "Cancel", ButtonKind::secondary, "add.cancel");
    const bool cancel_focused = ImGui::IsItemFocused();
    ImGui::SameLine(0, ui.px(14));
    caption(ui, "Enter to save · Esc to cancel");
    // Enter anywhere in the form saves (an active text field hands the key on when it commits).
    // The Enter that opened the form must be released first, or it would save an empty form.
    if (!ImGui::IsKeyDown(ImGuiKey_Enter) && !ImGui::IsKeyDown(ImGuiKey_KeypadEnter)) m_enter_armed = true;
    if (m_enter_armed && ImGui::IsWindowFocused(ImGuiFocusedFlags_ChildWindows) &&
        (ImGui::IsKeyPressed(ImGuiKey_Enter, false) || ImGui::IsKeyPressed(ImGuiKey_KeypadEnter, false)) &&
        editable && !cancel_focused) {
      do_save = true;
    }
    if (ImGui::IsKeyPressed(ImGuiKey_Escape, false)) cancel = true;
    if (do_save) added = save(ui);
    if (cancel && added == 0) {
      m_open = false;
      ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
  } else {
    ImGui::PopStyleVar();
    if (!m_opening) m_open = false;
  }
  return added;
}

}  // namespace nurture::ui
