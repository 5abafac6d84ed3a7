// Settings, the app lock card. The passphrase drafts are the UI's only copies: they are wiped
// as soon as they are handed to the platform or the step is left.
#include "web/ui/settings_lock.hpp"

#include <algorithm>
#include <set>

#include "web/ui/banners.hpp"
#include "web/ui/import_export_page.hpp"
#include "web/ui/lock_screen.hpp"
#include "web/ui/long_work.hpp"
#include "web/ui/widgets.hpp"

namespace nurture::ui {

PassphraseHint passphrase_hint(const std::string& passphrase) {
  if (passphrase.empty()) return {false, ""};
  if (passphrase.size() < k_min_passphrase)
    return {false, "Too short: use at least 10 characters. A short sentence works well."};
  const std::set<char> distinct(passphrase.begin(), passphrase.end());
  if (distinct.size() < 4) return {false, "Too repetitive: use different words."};
  const auto words = std::count(passphrase.begin(), passphrase.end(), ' ') + 1;
  if (passphrase.size() >= 20 || (words >= 4 && passphrase.size() >= 16))
    return {true, "Strong: hard to guess."};
  if (passphrase.size() >= 14) return {true, "Good. A few more words make it stronger."};
  return {true, "Fair: a longer sentence is much harder to guess."};
}

void LockSettings::forget() {
  wipe_secret(m_current);
  wipe_secret(m_new);
  wipe_secret(m_confirm);
}

namespace {

/// New passphrase, repeated, with the strength hint and the mismatch error. True when usable.
bool new_passphrase_fields(Ui& ui, float width, std::string& pass, std::string& confirm, bool enabled) {
  const float half = (width - ui.px(16)) * 0.5F;
  const PassphraseHint hint = passphrase_hint(pass);
  const std::string pass_error = !pass.empty() && !hint.acceptable ? hint.text : "";
  const bool match = pass == confirm;
  const std::string confirm_error = !confirm.empty() && !match ? "The two passphrases differ." : "";
  text_field(ui, "New passphrase", "settings.lock.new", pass, pass_error, half, "", enabled, nullptr, true);
  ImGui::SameLine(0, ui.px(16));
  text_field(ui, "Repeat the passphrase", "settings.lock.confirm", confirm, confirm_error, half, "", enabled,
             nullptr, true);
  if (hint.acceptable) {
    caption(ui, hint.text, &ui.pal.success);
    ui.marks.mark("settings.lock.strength");
  }
  return hint.acceptable && match;
}

}  // namespace

void LockSettings::cancel_button(Ui& ui) {
  const TaskStatus& task = ui.platform.lock_task();
  // While the change runs, Cancel stops it (nothing stored changes) until its write commits.
  if (button(ui, "Cancel", ButtonKind::secondary, "settings.lock.cancel", !task.busy || task.cancellable)) {
    if (task.busy) {
      ui.platform.lock_cancel();
    } else {
      forget();
      m_step = Step::none;
    }
  }
}

void LockSettings::draw_status(Ui& ui, float width) {
  const TaskStatus& task = ui.platform.lock_task();
  if (!task.busy && m_message.empty()) return;
  gap(ui, 4);
  caption(ui, task.busy ? task.message.c_str() : m_message.c_str(),
          m_message_is_error && !task.busy ? &ui.pal.danger : &ui.pal.accent);
  ui.marks.mark("settings.lock.message");
  if (task.busy && task.progress >= 0) {
    progress_bar(ui, task.progress, std::min(width, ui.px(420)), "settings.lock.progress");
    // The card sits low on Settings: the bar is scrolled into view once, when the change starts.
    if (!m_was_busy && !ImGui::IsItemVisible()) ImGui::SetScrollHereY(0.8F);
    m_was_busy = true;
  }
  if (!task.busy) m_was_busy = false;
}

void LockSettings::draw_enable(Ui& ui, float width) {
  const bool busy = ui.platform.lock_task().busy;
  const bool ready = new_passphrase_fields(ui, width, m_new, m_confirm, !busy);
  gap(ui, 4);
  if (draw_banner(ui, width, BannerTone::warning,
                  "If you forget this passphrase, the data stored in this browser cannot be recovered. Only "
                  "an export can bring it back. Nobody, not even Nurture, can reset it.",
                  "Export first", "settings.lock.export_first")) {
    export_workspace(ui);
  }
  gap(ui, 6);
  if (button(ui, busy ? "Encrypting…" : "Turn on the app lock", ButtonKind::primary, "settings.lock.enable",
             ready && !busy && ui.editable())) {
    ui.platform.lock_enable(m_new);
    forget();
  }
  ImGui::SameLine(0, ui.px(10));
  cancel_button(ui);
}

void LockSettings::draw_change(Ui& ui, float width) {
  const bool busy = ui.platform.lock_task().busy;
  text_field(ui, "Current passphrase", "settings.lock.current", m_current, "", (width - ui.px(16)) * 0.5F, "",
             !busy, nullptr, true);
  const bool ready = new_passphrase_fields(ui, width, m_new, m_confirm, !busy) && !m_current.empty();
  caption(ui, "Only the key that opens the data changes; nothing is re-encrypted.");
  gap(ui, 6);
  if (button(ui, busy ? "Changing…" : "Change passphrase", ButtonKind::primary, "settings.lock.change_apply",
             ready && !busy && ui.editable())) {
    ui.platform.lock_change(m_current, m_new);
    forget();
  }
  ImGui::SameLine(0, ui.px(10));
  cancel_button(ui);
}

void LockSettings::draw_disable(Ui& ui, float width) {
  const bool busy = ui.platform.lock_task().busy;
  text_field(ui, "Current passphrase", "settings.lock.current", m_current, "", (width - ui.px(16)) * 0.5F, "",
             !busy, nullptr, true);
  caption(ui, "The data in this browser will be stored without encryption again.");
  gap(ui, 6);
  if (button(ui, busy ? "Decrypting…" : "Turn off the app lock", ButtonKind::danger, "settings.lock.disable",
             !m_current.empty() && !busy && ui.editable())) {
    ui.platform.lock_disable(m_current);
    forget();
  }
  ImGui::SameLine(0, ui.px(10));
  cancel_button(ui);
}

void LockSettings::draw_on(Ui& ui, float width, Preferences& prefs, bool& changed) {
  caption(ui, "✓ On: the data in this browser is encrypted with your passphrase.", &ui.pal.success);
  gap(ui, 6);
  label(ui, "Lock after no activity for");
  const struct {
    int minutes;
    const char* text;
    const char* mark;
  } choices[] = {{0, "Never", "settings.lock.idle.0"},
                 {5, "5 minutes", "settings.lock.idle.5"},
                 {15, "15 minutes", "settings.lock.idle.15"},
                 {30, "30 minutes", "settings.lock.idle.30"},
                 {60, "1 hour", "settings.lock.idle.60"}};
  for (const auto& c : choices) {
    if (c.minutes != 0) ImGui::SameLine(0, ui.px(20));
    if (ImGui::RadioButton(c.text, prefs.auto_lock_minutes == c.minutes) &&
        prefs.auto_lock_minutes != c.minutes) {
      prefs.auto_lock_minutes = c.minutes;
      changed = true;
    }
    ui.marks.mark(c.mark);
  }
  caption(ui, "Saved on this device. Unsaved work is saved before the app locks.");
  gap(ui, 8);
  if (m_step == Step::changing) {
    draw_change(ui, width);
  } else if (m_step == Step::disabling) {
    draw_disable(ui, width);
  } else {
    if (button(ui, "Lock now", ButtonKind::primary, "settings.lock.now")) ui.platform.lock_now();
    ImGui::SameLine(0, ui.px(10));
    if (button(ui, "Change passphrase…", ButtonKind::secondary, "settings.lock.change", ui.editable()))
      m_step = Step::changing;
    ImGui::SameLine(0, ui.px(10));
    if (button(ui, "Turn off…", ButtonKind::secondary, "settings.lock.off", ui.editable()))
      m_step = Step::disabling;
    caption(ui, "Ctrl+Shift+L locks from anywhere.");
  }
}

void LockSettings::draw(Ui& ui, float width, Preferences& prefs, bool& changed) {
  const TaskStatus& task = ui.platform.lock_task();
  if (task.finished != m_seen_finished) {
    m_seen_finished = task.finished;
    m_message = task.message;
    m_message_is_error = task.failed;
    // A lock that never locks by itself protects little on a shared desk: 15 minutes unless the
    // user chose a time before.
    if (!task.failed && !task.cancelled && m_step == Step::enabling && prefs.auto_lock_minutes == 0) {
      prefs.auto_lock_minutes = 15;
      changed = true;
    }
    // Done: back to the summary. Failed or cancelled: the form stays for another try.
    if (!task.failed && !task.cancelled) m_step = Step::none;
    ui.announce(m_message);
  }
  const bool on = ui.platform.storage().lock_enabled;
  if (!on && (m_step == Step::changing || m_step == Step::disabling)) m_step = Step::none;
  Card card(ui, width);
  heading(ui, "App lock");
  caption(ui,
          "For a computer others can reach: encrypts the data Nurture keeps in this browser with a "
          "passphrase, asks for it when Nurture opens, and locks after a chosen time without activity.");
  gap(ui, 6);
  if (on) {
    draw_on(ui, card.inner_width(), prefs, changed);
  } else if (m_step == Step::enabling) {
    draw_enable(ui, card.inner_width());
  } else {
    caption(ui, "Off: the data in this browser is stored without encryption.");
    gap(ui, 4);
    if (button(ui, "Set a passphrase…", ButtonKind::secondary, "settings.lock.start", ui.editable())) {
      m_step = Step::enabling;
      m_message.clear();
    }
  }
  draw_status(ui, card.inner_width());
}

}  // namespace nurture::ui
