#include "web/ui/import_export_page.hpp"

#include <algorithm>
#include <utility>

#include "core/export/leads_csv.hpp"
#include "core/io/ledger_json.hpp"
#include "core/util/civil_time.hpp"
#include "core/util/text.hpp"
#include "web/ui/empty_state.hpp"
#include "web/ui/widgets.hpp"

namespace nurture::ui {

std::string export_file_name(const Ui& ui) {
  const std::int64_t now = ui.platform.now_ms();
  const std::int64_t local =
      now + static_cast<std::int64_t>(ui.platform.local_utc_offset_minutes(now)) * 60000;
  return "nurture-workspace-" + format_date(utc_date(local)) + ".json";
}

void export_workspace(Ui& ui) {
  // Written by the page's ExportJob, never in one call: at 100,000 leads that froze the tab.
  ui.export_requested = true;
  ui.go_to = Page::import_export;
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
    ui.announce(m_message);
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
  const bool ready = long_enough && match && !task.busy && !m_export.running();
  if (!ready) ImGui::BeginDisabled();
  if (button(ui, task.busy ? "Encrypting…" : "Export encrypted (.json)", ButtonKind::primary,
             "import_export.export_encrypted")) {
    std::string name = export_file_name(ui);
    name.insert(name.size() - 5, ".encrypted");  // before ".json": tells the two kinds apart
    m_export.start(ui, std::move(name), m_passphrase);
    forget_passphrases();
    m_message.clear();
  }
  if (!ready) ImGui::EndDisabled();
}

void ImportExportPage::route_incoming_file(Ui& ui) {
  // A file dropped on the page (or picked while neither panel asked) goes where it belongs:
  // workspace files to Sync, everything else to the import wizard.
  const TaskStatus& intake = ui.platform.file_intake();
  if (intake.finished == m_seen_intake) return;
  if (m_wizard.wants_file() || m_sync.wants_file()) return;  // they take their own file
  m_seen_intake = intake.finished;
  auto file = ui.platform.take_file();
  if (!file) return;
  const bool workspace_file = file->name.ends_with(".json") || is_encrypted_workspace(file->bytes);
  if (workspace_file) {
    m_sync.open(ui, std::move(*file));
  } else {
    m_wizard.open(ui, std::move(*file));
  }
}

std::string leads_csv_file_name(const Ui& ui) {
  std::string name = export_file_name(ui);
  name.replace(name.find("workspace"), 9, "leads");
  name.replace(name.size() - 5, 5, ".csv");
  return name;
}

std::string consent_ledger_file_name(const Ui& ui) {
  std::string name = export_file_name(ui);
  name.replace(name.find("workspace"), 9, "consent-ledger");
  return name;
}

void ImportExportPage::draw_export(Ui& ui, float width) {
  {
    Card card(ui, width);
    heading(ui, "Export");
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
      if (button(ui, "Export workspace (.json)", ButtonKind::primary, "import_export.export",
                 !m_export.running())) {
        m_export_requested = true;
      }
      ImGui::SameLine(0, ui.px(8));
      // Both written a slice per frame like the workspace (ExportJob): at 100,000 leads each
      // took about half a second in one frame (docs/long-work.md).
      if (button(ui, "Export leads (.csv)", ButtonKind::secondary, "import_export.export_csv",
                 ui.session.workspace().leads.size() > 0 && !m_export.running())) {
        m_export.start(ui, ExportJob::Kind::leads_csv, leads_csv_file_name(ui));
      }
      ImGui::SameLine(0, ui.px(8));
      if (button(ui, "Export consent ledger (all leads)", ButtonKind::secondary,
                 "import_export.export_ledger",
                 !ui.session.workspace().ledger.empty() && !m_export.running())) {
        m_export.start(ui, ExportJob::Kind::consent_ledger, consent_ledger_file_name(ui));
      }
      gap(ui, 4);
      caption(
          ui,
          "The file contains patient contact details. Store it like any patient record, or protect it with "
          "a passphrase before it leaves this device.");
    }
    if (!m_message.empty()) {
      gap(ui, 4);
      caption(ui, m_message.c_str(), m_message_is_error ? &ui.pal.danger : &ui.pal.accent);
    } else if (!m_export.message().empty()) {
      gap(ui, 4);
      const bool bad = m_export.state() == ExportJob::State::failed;
      caption(ui, m_export.message().c_str(), bad ? &ui.pal.danger : &ui.pal.muted);
    }
    // The export starts here, from this page's button or another panel's "Export now", because
    // its progress dialog must be opened and drawn in this ID scope.
    if (std::exchange(m_export_requested, false) && !m_export.running())
      m_export.start(ui, export_file_name(ui));
    m_export.draw(ui);
  }
}

void ImportExportPage::draw(Ui& ui) {
  const float width = content_width(ui);
  route_incoming_file(ui);
  {
    Card card(ui, width);
    heading(ui, "Import leads or activity");
    m_wizard.draw(ui, card.inner_width());
  }
  gap(ui, 16);
  {
    Card card(ui, width);
    heading(ui, "Sync with another device");
    m_sync.draw(ui, card.inner_width());
  }
  gap(ui, 16);
  draw_export(ui, width);
}

}  // namespace nurture::ui
