#pragma once
/// What the catalog editors share — Settings (treatments, lead sources) and the Content page
/// (the library): the table chrome, a new item's id from its name, field errors from a command
/// shown under their fields, the outcome line, and delete with undo. Each editor keeps its own
/// draft and form; this is the part that would otherwise be copied between them.

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/commands/catalog_commands.hpp"
#include "core/commands/command.hpp"
#include "web/ui/ui_context.hpp"

namespace nurture::ui {

/// "Botox & Dysport" → "botox-dysport": an id for a new catalog item.
std::string slug_for(std::string_view name);

/// An id for a new item named `name` that no live item in `items` has: the slug, or the slug
/// with "-2", "-3"… appended.
template <class Item>
std::string new_catalog_id(const std::vector<Item>& items, std::string_view name) {
  const std::string base = slug_for(name);
  std::string id = base;
  for (int n = 2; find_item(items, id) != nullptr; ++n) id = base + "-" + std::to_string(n);
  return id;
}

/// The problem with a web address, or an empty string when it is fine: "https://…" or
/// "http://…" with a host that has a dot (or is localhost), no spaces. Empty is fine (optional).
std::string web_address_problem(std::string_view url);

/// A striped table the card's inner `width` wide, with the catalogs' cell padding; when true,
/// fill it and call end_catalog_table().
bool begin_catalog_table(Ui& ui, const char* id, int columns, float width);
void end_catalog_table();
/// A small muted header cell (the next column).
void catalog_header_cell(Ui& ui, const char* text);

/// A small label above a combo of `count` choices named by `label_of(i)`, `width` wide, marked
/// `mark` (the form-field shape of text_field, for a closed set of values).
bool choice_field(Ui& ui, const char* label_text, const char* mark, int& value,
                  const std::function<const char*(int)>& label_of, int count, float width,
                  bool enabled = true);

enum class RowAction { none, edit, remove };
/// "Edit" and "Delete" quiet buttons in the current cell, marked `<mark_base>.edit.<id>` and
/// `<mark_base>.delete.<id>`.
RowAction row_actions(Ui& ui, const std::string& mark_base, const std::string& id, bool editable);

/// The open form's field errors, the last outcome line and whether it was good news.
struct CatalogFeedback {
  std::map<std::string, std::string> errors;  ///< field → message ("is required")
  std::string message;
  bool ok = true;

  void clear() {
    errors.clear();
    message.clear();
    ok = true;
  }
  /// `noun` + the field's message ("The title is required"), or empty.
  [[nodiscard]] std::string error(const char* field, const char* noun) const;
  /// Takes a put command's result: its field errors (renamed through `rename`, e.g.
  /// price_cents → money) and the outcome line. Announces the outcome. Returns r.ok.
  bool take(Ui& ui, const CommandResult& r, const std::map<std::string, std::string>& rename = {});
  /// The outcome line under the form, in green or red, marked `mark`.
  void draw(Ui& ui, const char* mark) const;
};

/// Deletes live item `id` (shown as `name`) with DeleteCatalogItem; the outcome says Ctrl+Z
/// brings it back and goes to the status bar. Returns whether it was deleted.
bool delete_catalog_item(Ui& ui, CatalogKind kind, const std::string& id, const std::string& name,
                         CatalogFeedback& feedback);

}  // namespace nurture::ui
