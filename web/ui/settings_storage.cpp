// Settings, the storage half: where the data lives, whether the browser promised to keep it,
// daily backups with a confirmed restore, the export reminder, and the privacy promise.
#include "core/storage/backups.hpp"
#include "core/util/civil_time.hpp"
#include "core/util/text.hpp"
#include "web/ui/format.hpp"
#include "web/ui/import_export_page.hpp"
#include "web/ui/restore_job.hpp"
#include "web/ui/settings_page.hpp"
#include "web/ui/status_bar.hpp"
#include "web/ui/widgets.hpp"

namespace nurture::ui {

namespace {

std::string status_sentence(const StorageStatus& st, int offset) {
  using Mode = StorageStatus::Mode;
  if (st.mode == Mode::loading) return "Loading your data from this browser…";
  if (st.mode == Mode::unavailable)
    return "This browser's storage could not be opened, so nothing is being saved.";
  if (st.mode == Mode::read_only) return "Another tab is saving your work; this tab only shows it.";
  if (st.quota_exceeded)
    return "The browser's storage is full: recent changes are not saved. Export your data.";
  if (st.save_state == SaveState::failed)
    return "The last save failed: " + st.error + ". Nurture keeps retrying.";
  if (st.last_saved_at == 0) return "Everything is saved in this browser.";
  return "Everything is saved in this browser. Last saved at " + format_clock(st.last_saved_at, offset) + ".";
}

}  // namespace

void SettingsPage::storage_card(Ui& ui, float width) {
  const StorageStatus& st = ui.platform.storage();
  const std::int64_t now = ui.platform.now_ms();
  Card card(ui, width);
  heading(ui, "Storage & backups");
  paragraph(ui, status_sentence(st, ui.platform.local_utc_offset_minutes(now)).c_str());
  gap(ui, 4);
  if (st.private_mode) {
    caption(ui, "This is a private window: everything is deleted when it closes. Export before you leave.",
            &ui.pal.warning);
  } else if (st.persistence == StorageStatus::Persistence::granted) {
    caption(ui, "✓ The browser has agreed to keep Nurture's data on this device.", &ui.pal.success);
  } else {
    caption(ui,
            "The browser may delete Nurture's data if this device runs low on space. Ask it to keep the data "
            "for good:");
    gap(ui, 2);
    if (button(ui, "Keep data on this device", ButtonKind::secondary, "settings.persistence")) {
      ui.platform.request_persistence();
    }
  }
  gap(ui, 10);
  label(ui, "Daily backups");
  if (st.backups.empty()) {
    caption(ui, "A backup of each day's work is kept here for two weeks. The first appears tomorrow.");
  } else {
    caption(ui, "Restoring replaces the current workspace; you can undo it afterwards.");
    for (const std::string& name : st.backups) {
      ImGui::PushID(name.c_str());
      ImGui::AlignTextToFramePadding();
      std::string shown = backup_label(name, true);
      if (backup_date(name) ==
          utc_date(now + std::int64_t{ui.platform.local_utc_offset_minutes(now)} * 60000))
        shown += " (today)";
      ImGui::TextUnformatted(shown.c_str());
      ImGui::SameLine(card.inner_width() - ui.px(96));
      const std::string mark = "settings.backup.restore." + name;
      if (button(ui, "Restore", ButtonKind::secondary, mark.c_str(), ui.editable())) {
        m_restore = name;
        m_open_confirm = true;
      }
      ImGui::PopID();
    }
  }
  if (ui.restore != nullptr && !ui.restore->message().empty()) {
    // The last restore's outcome: restored, cancelled (nothing changed) or why it failed.
    const auto state = ui.restore->state();
    gap(ui, 2);
    caption(ui, ui.restore->message().c_str(),
            state == RestoreJob::State::done     ? &ui.pal.success
            : state == RestoreJob::State::failed ? &ui.pal.danger
                                                 : nullptr);
    ui.marks.mark("settings.backup.result");
  }
  gap(ui, 10);
  label(ui, "Export");
  if (st.last_export_at == 0) {
    caption(ui,
            "Last export: never. An exported file is your copy outside this browser — make one now and then.",
            &ui.pal.warning);
  } else {
    const std::int64_t days = (now - st.last_export_at) / 86400000;
    const std::string text =
        "Last export: " +
        (days <= 0 ? std::string("today")
                   : count_noun(static_cast<std::uint64_t>(days), "day", "days") + " ago") +
        ".";
    caption(ui, text.c_str());
  }
  gap(ui, 2);
  if (button(ui, "Export now", ButtonKind::secondary, "settings.export")) export_workspace(ui);
}

void SettingsPage::restore_modal(Ui& ui) {
  if (m_open_confirm) {
    ImGui::OpenPopup("restore_backup");
    m_open_confirm = false;
  }
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(ui.px(28), ui.px(24)));
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(vp->GetCenter(), ImGuiCond_Always, ImVec2(0.5F, 0.5F));
  ImGui::SetNextWindowSize(ImVec2(std::min(ui.px(460), vp->Size.x - ui.px(40)), 0));
  if (ImGui::BeginPopupModal("restore_backup", nullptr,
                             ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoMove)) {
    heading(ui, "Restore this backup?");
    const std::string msg = "Your workspace will be replaced by the " + backup_label(m_restore) +
                            ". Changes made since then are kept as an undo point, so you can go back.";
    paragraph(ui, msg.c_str(), true);
    gap(ui, 8);
    if (button(ui, "Restore backup", ButtonKind::primary, "settings.backup.confirm")) {
      // The backup is read now and opened a slice per frame under its own progress dialog.
      if (ui.restore != nullptr) ui.restore->start(ui, m_restore);
      m_restore.clear();
      ImGui::CloseCurrentPopup();
    }
    ImGui::SameLine(0, ui.px(10));
    if (button(ui, "Cancel", ButtonKind::secondary, "settings.backup.cancel") ||
        ImGui::IsKeyPressed(ImGuiKey_Escape)) {
      m_restore.clear();
      ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
  }
  ImGui::PopStyleVar();
}

void SettingsPage::about_card(Ui& ui, float width) {
  Card card(ui, width);
  heading(ui, "About");
  const std::string version = std::string("Nurture ") + NURTURE_VERSION;
  label(ui, version.c_str());
  paragraph(
      ui,
      "Our promise: your practice's data stays in this browser on this device. Nurture has no server and "
      "no account; nothing is uploaded, tracked or shared. The only way data leaves is a file you export.",
      true);
}

}  // namespace nurture::ui
