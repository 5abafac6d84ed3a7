#pragma once
/// The stateless pages, each drawn into the page body at the cursor. Pages with UI state
/// (Today, Leads, Segments, Sequences, Content, Settings) are classes in their own headers.

#include "web/ui/ui_context.hpp"

namespace nurture::ui {

/// Funnel: Awareness → Consideration → Conversion → Patient → Retained.
void draw_funnel_page(Ui& ui);

}  // namespace nurture::ui
