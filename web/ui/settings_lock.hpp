#pragma once
/// Settings: the app lock (docs/storage.md, "App lock"). Turning it on asks for a passphrase
/// twice, shows how strong it is and warns, with an "Export first" offer, that a forgotten
/// passphrase leaves only an export; once on: the idle time before the app locks itself,
/// "Lock now", changing the passphrase and turning the lock off (with the passphrase).

#include <cstdint>
#include <string>

#include "core/model/preferences.hpp"
#include "web/ui/ui_context.hpp"

namespace nurture::ui {

/// How guessable a passphrase looks, for the hint under the field. `acceptable` is false when
/// the lock must refuse it (too short or one character repeated).
struct PassphraseHint {
  bool acceptable = false;
  const char* text = "";
};
PassphraseHint passphrase_hint(const std::string& passphrase);

class LockSettings {
 public:
  enum class Step { none, enabling, changing, disabling };

  /// Draws the card; the idle time edits `prefs` and sets `changed`.
  void draw(Ui& ui, float width, Preferences& prefs, bool& changed);
  [[nodiscard]] Step step() const { return m_step; }
  /// The outcome of the last change, in words ("" before the first).
  [[nodiscard]] const std::string& message() const { return m_message; }
  [[nodiscard]] bool message_is_error() const { return m_message_is_error; }

 private:
  void forget();
  void draw_enable(Ui& ui, float width);
  void draw_change(Ui& ui, float width);
  void draw_disable(Ui& ui, float width);
  void draw_on(Ui& ui, float width, Preferences& prefs, bool& changed);
  /// The step's Cancel: leaves the step, or while a change runs, asks the platform to stop it.
  void cancel_button(Ui& ui);
  /// The running change's message and bar, or the last outcome.
  void draw_status(Ui& ui, float width);

  Step m_step = Step::none;
  std::string m_current;  ///< the passphrase in use (changing, turning off)
  std::string m_new;
  std::string m_confirm;
  std::string m_message;
  bool m_message_is_error = false;
  std::uint64_t m_seen_finished = 0;
  bool m_was_busy = false;  ///< to bring the bar into view once when a change starts
};

}  // namespace nurture::ui
