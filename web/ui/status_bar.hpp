#pragma once
/// The status bar along the bottom (U11): whether the work is saved, whether the browser will
/// keep it, and when it was last exported. Announces changes that matter to screen readers.

#include <cstdint>
#include <string>
#include <utility>

#include "web/ui/ui_context.hpp"

namespace nurture::ui {

/// The save state in words, as the status bar shows it ("Saved 10:42", "Saving…", ...).
std::string save_status_text(const StorageStatus& st, int utc_offset_minutes);

class StatusBar {
 public:
  /// Draws the bar filling the current child window.
  void draw(Ui& ui);
  /// The user pressed Ctrl+S: confirm visibly once the save lands.
  void confirm_next_save(std::int64_t now) { m_confirm_until = now + 4000; }
  /// Shows `message` (the outcome of a command, e.g. "Undo with Ctrl+Z") for ten seconds.
  void notify(std::string message, std::int64_t now) {
    m_notice = std::move(message);
    m_notice_until = now + 10000;
  }
  /// The notice on show, empty when none.
  [[nodiscard]] const std::string& notice() const { return m_notice; }
  /// The save text shown in the last frame.
  [[nodiscard]] const std::string& text() const { return m_text; }

 private:
  void announce_changes(Ui& ui, const std::string& text);

  std::string m_text;
  std::string m_announced;
  std::int64_t m_confirm_until = 0;
  std::string m_notice;
  std::int64_t m_notice_until = 0;
};

}  // namespace nurture::ui
