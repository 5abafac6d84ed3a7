#pragma once
/// The lock screen (docs/storage.md, "App lock"): shown instead of the whole app while the
/// stored data is locked. It shows nothing of the workspace — not even the practice name —
/// only a passphrase field, Unlock, and one generic message for a wrong passphrase.

#include <cstdint>
#include <string>

#include "web/ui/ui_context.hpp"

namespace nurture::ui {

class LockScreen {
 public:
  /// Draws the screen over the whole viewport.
  void draw(Ui& ui);
  [[nodiscard]] const std::string& message() const { return m_message; }

 private:
  void submit(Ui& ui);

  std::string m_passphrase;
  std::string m_message;  ///< the last failure, e.g. "The passphrase is wrong."
  std::uint64_t m_seen_finished = 0;
  bool m_focus = true;  ///< put the caret in the passphrase field on the next frame
};

/// Wipes a passphrase draft before clearing it (the UI's only copy).
void wipe_secret(std::string& secret);

}  // namespace nurture::ui
