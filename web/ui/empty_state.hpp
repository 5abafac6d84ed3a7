#pragma once
/// An empty state that teaches: what will be on this page, why it matters to the practice, the
/// first steps, and a primary action that does something real now.

#include <functional>
#include <vector>

#include "web/ui/ui_context.hpp"

namespace nurture::ui {

struct EmptyState {
  Icon icon = Icon::info;
  const char* title = "";
  const char* what = "";  ///< what will be here
  const char* why = "";   ///< why it matters
  std::vector<const char*> steps;
  const char* primary = nullptr;  ///< label of the main action, nullptr for none
  const char* primary_mark = nullptr;
  const char* secondary = nullptr;
  const char* secondary_mark = nullptr;
};

enum class EmptyAction { none, primary, secondary };

/// Draws `state` in a card `width` wide; `extra` (optional) draws an illustration or example
/// between the steps and the buttons, given the inner width.
EmptyAction draw_empty_state(Ui& ui, const EmptyState& state, float width,
                             const std::function<void(float)>& extra = nullptr);

/// The width page content should use: the available width, capped for comfortable reading.
float content_width(Ui& ui);

}  // namespace nurture::ui
