#pragma once
/// The stateless pages, each drawn into the page body at the cursor. Pages with UI state
/// (Today, Leads, Segments, Sequences, Content, Settings) are classes in their own headers.

#include "web/ui/ui_context.hpp"

namespace nurture::ui {

/// The dashboard's empty state (no leads yet): Awareness → Consideration → Conversion → Patient →
/// Retained, and what the page will show.
void draw_funnel_empty_state(Ui& ui);

}  // namespace nurture::ui
