// The audience export dialog. Counting is cheap (one pass over the members' rows), so it is
// redone when the workspace changes under the open dialog; the file itself is built only when
// the user asks for it.
#include "web/ui/audience_dialog.hpp"

#include <algorithm>

#include <imgui.h>
#include <nlohmann/json.hpp>

#include "core/util/text.hpp"
#include "web/ui/format.hpp"
#include "web/ui/widgets.hpp"

namespace nurture::ui {

namespace {

constexpr const char* k_popup = "audience_dialog";

CivilDate local_today(const Ui& ui) {
  const std::int64_t now = ui.platform.now_ms();
  return utc_date(now + std::int64_t{ui.platform.local_utc_offset_minutes(now)} * 60'000);
}

}  // namespace

void AudienceDialog::recount(Ui& ui, const segment::LeadSet& members) {
  const Workspace& ws = ui.session.workspace();
  m_count = count_audience(ws, members);
  m_counted_revision = ui.session.revision();
  m_counted_members = members.count();
}

void AudienceDialog::download(Ui& ui, const segment::LeadSet& members) {
  auto file = build_audience(ui.session.workspace(), members, m_format, local_today(ui));
  if (!file) {
    m_error = file.error().message;
    ui.announce(m_error);
    return;
  }
  ui.platform.download(file.value().file_name, "text/csv", file.value().csv);
  m_last_download = file.value().file_name;
  m_error.clear();
  ui.notice = "Downloaded " + file.value().file_name + " (" +
              count_noun(file.value().count.qualifying, "person", "people") + ")";
  ui.announce(ui.notice);
}

void AudienceDialog::draw(Ui& ui, const segment::LeadSet& members) {
  if (m_opening) {
    ImGui::OpenPopup(k_popup);
    m_opening = false;
    m_open = true;
    m_error.clear();
    recount(ui, members);
  }
  if (!m_open) return;
  if (ui.session.revision() != m_counted_revision || members.count() != m_counted_members)
    recount(ui, members);
  m_file_name = audience_file_name(m_format, local_today(ui));

  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(ImVec2(vp->Pos.x + vp->Size.x * 0.5F, vp->Pos.y + vp->Size.y * 0.45F),
                          ImGuiCond_Always, ImVec2(0.5F, 0.5F));
  ImGui::SetNextWindowSize(ImVec2(std::min(ui.px(520), vp->Size.x - ui.px(32)), 0));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(ui.px(24), ui.px(20)));
  if (!ImGui::BeginPopupModal(k_popup, nullptr,
                              ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize |
                                  ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings)) {
    ImGui::PopStyleVar();
    m_open = false;
    return;
  }
  ImGui::PopStyleVar();
  heading(ui, "Export an ad audience");
  caption(ui,
          "A customer list for retargeting: upload it yourself as a Meta custom audience or a Google "
          "Customer Match list.");
  gap(ui, 8);

  field_label(ui, "Format");
  if (ImGui::RadioButton("Meta (custom audience)", m_format == AudienceFormat::meta)) {
    m_format = AudienceFormat::meta;
    m_error.clear();
  }
  ui.marks.mark("audience.format.meta");
  ImGui::SameLine(0, ui.px(16));
  if (ImGui::RadioButton("Google (Customer Match)", m_format == AudienceFormat::google)) {
    m_format = AudienceFormat::google;
    m_error.clear();
  }
  ui.marks.mark("audience.format.google");
  gap(ui, 8);

  // Who qualifies, and why the others do not.
  field_label(ui, "Who is in the file");
  ImGui::PushFont(ui.fonts.strong);
  const std::string headline = format_count(m_count.qualifying) + " of " +
                               count_noun(m_count.members, "member qualifies", "members qualify");
  ImGui::TextUnformatted(headline.c_str());
  ImGui::PopFont();
  ui.marks.mark("audience.count");
  const std::string keys =
      format_count(m_count.with_email) + " with email, " + format_count(m_count.with_phone) + " with phone";
  small_text(ui, keys.c_str());
  for (std::size_t i = 0; i < k_audience_skip_count; ++i) {
    if (m_count.skipped[i] == 0) continue;
    const std::string line = "Left out: " + format_count(m_count.skipped[i]) + " — " +
                             std::string(nurture::describe(static_cast<AudienceSkip>(i)));
    small_text(ui, line.c_str(), &ui.pal.muted);
  }
  ImGui::PushTextWrapPos(0.0F);
  small_text(ui,
             "Only leads with marketing consent qualify, and only the contact details they consented on "
             "(email for email consent, phone for text or call consent). Anyone with do-not-contact or who "
             "withdrew marketing consent is left out.");
  ImGui::PopTextWrapPos();
  gap(ui, 8);

  field_label(ui, "File");
  ImGui::TextUnformatted(m_file_name.c_str());
  ui.marks.mark("audience.file_name");
  ImGui::PushTextWrapPos(0.0F);
  small_text(ui,
             "Named neutrally, never after the segment: ad platforms block audiences whose names suggest a "
             "health condition.");
  small_text(
      ui,
      m_format == AudienceFormat::meta
          ? "Hashing happens on this device: every detail but the lead id is SHA-256 hashed before the file "
            "is made, and nothing is sent anywhere."
          : "Hashing happens on this device: email, phone and names are SHA-256 hashed before the file is "
            "made (country and ZIP stay readable, as Google requires), and nothing is sent anywhere.",
      &ui.pal.accent);
  ImGui::PopTextWrapPos();
  gap(ui, 8);

  const std::string refusal = audience_too_small(m_count.qualifying);
  const std::string& problem = refusal.empty() ? m_error : refusal;
  if (!problem.empty()) {
    ImGui::PushTextWrapPos(0.0F);
    std::string shown = problem;
    shown[0] = static_cast<char>(shown[0] >= 'a' && shown[0] <= 'z' ? shown[0] - 'a' + 'A' : shown[0]);
    small_text(ui, (shown + ".").c_str(), &ui.pal.danger);
    ImGui::PopTextWrapPos();
    ui.marks.mark("audience.refusal");
    gap(ui, 6);
  }
  bool close_it = false;
  if (button(ui, "Download", ButtonKind::primary, "audience.download", refusal.empty())) {
    download(ui, members);
    close_it = m_error.empty();
  }
  ImGui::SameLine(0, ui.px(10));
  if (button(ui, "Close", ButtonKind::secondary, "audience.close") || ImGui::IsKeyPressed(ImGuiKey_Escape))
    close_it = true;
  if (close_it) {
    m_open = false;
    ImGui::CloseCurrentPopup();
  }
  ImGui::EndPopup();
}

void AudienceDialog::describe(nlohmann::json& out) const {
  nlohmann::json j;
  j["open"] = m_open;
  j["format"] = std::string(to_string(m_format));
  j["members"] = m_count.members;
  j["qualifying"] = m_count.qualifying;
  nlohmann::json skipped = nlohmann::json::object();
  for (std::size_t i = 0; i < k_audience_skip_count; ++i)
    skipped[std::string(to_string(static_cast<AudienceSkip>(i)))] = m_count.skipped[i];
  j["skipped"] = std::move(skipped);
  j["file_name"] = m_file_name;
  j["refusal"] = audience_too_small(m_count.qualifying);
  j["error"] = m_error;
  j["last_download"] = m_last_download;
  out["audience"] = std::move(j);
}

}  // namespace nurture::ui
