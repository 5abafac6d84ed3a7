#pragma once
/// Notices at the top of the content area: this tab is read-only, storage is unavailable or
/// full, the window is private, or the last load fell back to an older copy.

#include <string>

#include "web/ui/ui_context.hpp"

namespace nurture::ui {

class Banners {
 public:
  /// Draws the banners that apply, each `width` wide, at the cursor.
  void draw(Ui& ui, float width);

 private:
  std::string m_dismissed_recovery;  ///< the recovery warning the user closed
};

}  // namespace nurture::ui
