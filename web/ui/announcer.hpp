#pragma once
/// Status messages for screen readers. The canvas is opaque to assistive technology, so every
/// outcome the app shows ("Changes saved.", "Imported 120 leads…", "Not saved — …", an error
/// under a dialog field) is also spoken through the page's ARIA live region. Panels never call
/// Platform::announce themselves: they hand messages to the Announcer (through Ui::announce or
/// Ui::announce_shown), which speaks each change exactly once, never every frame.

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace nurture::ui {

class Platform;

class Announcer {
 public:
  /// An event happened: speak `message` at the end of this frame. Empty messages and repeats
  /// within the same frame are dropped (a panel and the status bar often report one outcome).
  void say(std::string message);
  /// A message is on screen in `slot` (e.g. "import.error"): spoken when it changes to a new,
  /// non-empty text; drawing the same text again next frame says nothing.
  void shown(std::string_view slot, const std::string& text);
  /// Speaks this frame's messages as one announcement (the live region holds one text at a
  /// time: two calls in a frame would lose the first). Returns what was spoken, empty if nothing.
  std::string flush(Platform& platform);

 private:
  std::vector<std::string> m_pending;
  std::map<std::string, std::string, std::less<>> m_shown;
};

/// `messages` joined into one sentence sequence: ". " between parts that lack end punctuation.
std::string join_announcements(const std::vector<std::string>& messages);

}  // namespace nurture::ui
