#pragma once
/// The stateless pages, each drawn into the page body at the cursor. Pages with UI state
/// (Leads, Content, Settings) are classes in their own headers.

#include "web/ui/ui_context.hpp"

namespace nurture::ui {

/// Today: the day's touches; a first-run welcome while the practice profile is empty.
void draw_today_page(Ui& ui);
/// Sequences: welcome, educational and reminder sequences.
void draw_sequences_page(Ui& ui);
/// Funnel: Awareness → Consideration → Conversion → Patient → Retained.
void draw_funnel_page(Ui& ui);

}  // namespace nurture::ui
