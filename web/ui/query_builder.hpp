#pragma once
/// The segment query's visual builder: the query as a tree of groups ("All of" / "Any of", each
/// optionally negated) holding conditions, with a field, an operator and a value picker suited
/// to each attribute's type (docs/segment-language.md), behaviour rows (count / ever / never /
/// last / sum of an event, with `where` filters and a time window) and in_segment rows.
/// It edits the syntax tree in place; the caller prints it (segment::print_query) to keep the
/// text in step, and parses the text back into the tree when the text is edited.
///
/// Standalone: not yet placed in any panel.

#include "core/segment/ast.hpp"
#include "web/ui/ui_context.hpp"

namespace nurture::ui {

/// Draws `root` under the ImGui id `id` and returns true when the user changed it. A root that
/// is not a group is shown inside an "All of" group (the same query). Groups emptied by removing
/// their last row are removed, so every printed query parses back (the root may end empty: the
/// query of every lead). Test marks are "<id>.<path>.<part>", path being the row's child
/// indices from the root ("qb.0.value", "qb.1.2.op"), plus "<id>.add" and "<id>.add_group" for
/// the root group's buttons.
bool draw_query_builder(Ui& ui, const char* id, segment::Node& root);

}  // namespace nurture::ui
