#pragma once
/// Notices at the top of the content area: this tab is read-only, storage is unavailable or
/// full, the window is private, or the last load fell back to an older copy.

#include <cstdint>
#include <string>

#include "web/ui/ui_context.hpp"

namespace nurture::ui {

enum class BannerTone : std::uint8_t { info, warning, danger };

/// One banner `width` wide at the cursor: an icon, a message (wrapped), and an optional action
/// button on the right (`action` nullptr for none, `mark` its test id). Returns true when the
/// action was pressed.
bool draw_banner(Ui& ui, float width, BannerTone tone, const char* message, const char* action,
                 const char* mark);

class Banners {
 public:
  /// Draws the banners that apply, each `width` wide, at the cursor.
  void draw(Ui& ui, float width);

 private:
  std::string m_dismissed_recovery;  ///< the recovery warning the user closed
};

}  // namespace nurture::ui
