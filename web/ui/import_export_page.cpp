#include "web/ui/import_export_page.hpp"

#include <algorithm>

#include "core/io/workspace_json.hpp"
#include "core/util/civil_time.hpp"
#include "web/ui/empty_state.hpp"
#include "web/ui/widgets.hpp"

namespace nurture::ui {

namespace {

struct Source {
  const char* name;
  const char* detail;
};

constexpr Source k_sources[] = {
    {"Spreadsheet (CSV)", "Any sheet with a header row: name, email, phone, interest, source…"},
    {"Meta lead ads", "The CSV download from Ads Manager or Meta Business Suite"},
    {"Mailchimp", "An audience export, including tags and consent"},
    {"HubSpot", "A contacts export with lifecycle stage"},
    {"Nurture workspace (.json)",
     "A file exported from Nurture on another device, merged without duplicates"},
};

void source_list(Ui& ui) {
  for (const Source& s : k_sources) {
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    ImGui::GetWindowDrawList()->AddCircleFilled(
        ImVec2(pos.x + ui.px(4), pos.y + ImGui::GetTextLineHeight() * 0.5F), ui.px(3), col(ui.pal.accent),
        10);
    ImGui::SetCursorScreenPos(ImVec2(pos.x + ui.px(16), pos.y));
    ImGui::BeginGroup();
    label(ui, s.name);
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() - ui.px(8));
    caption(ui, s.detail);
    ImGui::EndGroup();
  }
}

}  // namespace

std::string export_file_name(const Ui& ui) {
  const std::int64_t now = ui.platform.now_ms();
  const std::int64_t local =
      now + static_cast<std::int64_t>(ui.platform.local_utc_offset_minutes(now)) * 60000;
  return "nurture-workspace-" + format_date(utc_date(local)) + ".json";
}

void export_workspace(Ui& ui) {
  const std::string name = export_file_name(ui);
  ui.platform.download(name, "application/json", workspace_to_json(ui.session.workspace()));
  ui.platform.announce("Exported " + name);
}

void ImportExportPage::forget_passphrases() {
  // The drafts are the only copies the UI holds; wipe them rather than leave them in memory.
  std::fill(m_passphrase.begin(), m_passphrase.end(), '\0');
  std::fill(m_confirm.begin(), m_confirm.end(), '\0');
  m_passphrase.clear();
  m_confirm.clear();
}

void ImportExportPage::draw_protected_export(Ui& ui, float width) {
  const TaskStatus& task = ui.platform.encryption();
  if (task.finished != m_seen_finished) {
    m_seen_finished = task.finished;
    m_message = task.message;
    m_message_is_error = task.failed;
  }
  const float half = (width - ui.px(64)) * 0.5F;
  const bool long_enough = m_passphrase.size() >= k_min_passphrase;
  const bool match = m_passphrase == m_confirm;
  const std::string pass_error =
      !m_passphrase.empty() && !long_enough
          ? "Use at least " + std::to_string(k_min_passphrase) + " characters; a short sentence works well."
          : "";
  const std::string confirm_error = !m_confirm.empty() && !match ? "The two passphrases differ." : "";
  text_field(ui, "Passphrase", "import_export.passphrase", m_passphrase, pass_error, half, "", !task.busy,
             nullptr, true);
  ImGui::SameLine(0, ui.px(16));
  text_field(ui, "Repeat the passphrase", "import_export.passphrase_confirm", m_confirm, confirm_error, half,
             "", !task.busy, nullptr, true);
  caption(
      ui,
      "If the passphrase is forgotten the file cannot be opened by anyone, including you. Nurture does not "
      "keep it.");
  gap(ui, 4);
  const bool ready = long_enough && match && !task.busy;
  if (!ready) ImGui::BeginDisabled();
  if (button(ui, task.busy ? "Encrypting…" : "Export encrypted (.json)", ButtonKind::primary,
             "import_export.export_encrypted")) {
    std::string name = export_file_name(ui);
    name.insert(name.size() - 5, ".encrypted");  // before ".json": tells the two kinds apart
    ui.platform.download_encrypted(name, workspace_to_json(ui.session.workspace()), m_passphrase);
    forget_passphrases();
    m_message.clear();
  }
  if (!ready) ImGui::EndDisabled();
}

void ImportExportPage::draw(Ui& ui) {
  const float width = content_width(ui);
  {
    Card card(ui, width);
    icon_badge(ui, Icon::import_export, 48);
    gap(ui, 4);
    heading(ui, "Export everything");
    paragraph(
        ui,
        "One file holds your whole workspace: practice profile, leads, segments, sequences and history. "
        "Keep it as a backup, or import it on another device to keep both in step.");
    gap(ui, 4);
    if (ImGui::Checkbox("Protect the file with a passphrase", &m_protect) && !m_protect) forget_passphrases();
    ui.marks.mark("import_export.protect");
    gap(ui, 4);
    if (m_protect) {
      draw_protected_export(ui, width);
    } else {
      if (button(ui, "Export workspace (.json)", ButtonKind::primary, "import_export.export"))
        export_workspace(ui);
      gap(ui, 4);
      caption(
          ui,
          "The file contains patient contact details. Store it like any patient record, or protect it with "
          "a passphrase before it leaves this device.");
    }
    if (!m_message.empty()) {
      gap(ui, 4);
      caption(ui, m_message.c_str(), m_message_is_error ? &ui.pal.danger : &ui.pal.accent);
    }
  }
  gap(ui, 16);
  {
    Card card(ui, width);
    heading(ui, "Import leads");
    ImGui::SameLine(0, ui.px(10));
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() + ui.px(2));
    chip(ui, "Coming in the next update");
    paragraph(ui,
              "Nurture will read these files. Before anything changes you will see a preview — new leads, "
              "updates and conflicts — and every import can be undone. Until then, keep your exports handy.",
              true);
    gap(ui, 4);
    source_list(ui);
    gap(ui, 6);
    caption(ui, "Files are read inside this browser tab. Nothing is uploaded anywhere.", &ui.pal.accent);
  }
}

}  // namespace nurture::ui
