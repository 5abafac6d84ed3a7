#pragma once
/// First run: when the loaded workspace is empty and this device has not chosen yet, a dialog
/// offers the fictional demo practice or an empty start. Also the two actions Settings reuses:
/// loading the demo and starting over empty, both as one undoable ReplaceWorkspace.

#include <string>

#include "core/model/preferences.hpp"
#include "web/ui/ui_context.hpp"

namespace nurture::ui {

/// The seed of the demo practice everyone sees: a fixed one, so screenshots and support
/// conversations refer to the same people.
inline constexpr std::uint64_t k_demo_seed = 2026;

/// Replaces the workspace with the demo practice (history ending now). With the app's DemoJob
/// (`ui.demo`) it only starts building it, behind a progress dialog, and returns an empty
/// string; the job replaces the workspace when done. Without one, it builds it at once and
/// returns the message for the status bar. Empty when refused (not editable).
std::string load_demo(Ui& ui);
/// Replaces the workspace with an empty one. Same return as load_demo.
std::string start_empty(Ui& ui);

class Welcome {
 public:
  /// Opens the dialog when it applies and draws it. Choosing either way sets
  /// `prefs.welcome_done` (and `prefs_changed`) so it is not offered again on this device.
  void draw(Ui& ui, Preferences& prefs, bool& prefs_changed);
  [[nodiscard]] bool visible() const { return m_visible; }
  /// Closes it without a choice, for this page load only (browser tests of other features).
  void dismiss() { m_dismissed = true; }

 private:
  bool m_visible = false;
  bool m_dismissed = false;
  int m_focus_frames = 0;
};

}  // namespace nurture::ui
