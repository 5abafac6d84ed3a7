#pragma once
/// Import / Export: which files come in, the full workspace export going out, and what the
/// privacy of an exported file means.

#include "web/ui/ui_context.hpp"

namespace nurture::ui {

/// Offers the whole workspace as a JSON file download (the format import reads back).
void export_workspace(Ui& ui);

/// Draws the page.
void draw_import_export_page(Ui& ui);

}  // namespace nurture::ui
