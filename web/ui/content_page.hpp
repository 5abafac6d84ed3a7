#pragma once
/// Content: the educational library that sequences link to and whose reading time counts as
/// engagement. Add, edit and delete items through PutContentItem and DeleteCatalogItem (so
/// Ctrl+Z undoes each), with errors next to the field they concern; a delete offers Undo right
/// where it happened. With no items, an empty state explains what the library is for.

#include <cstdint>
#include <string>

#include <nlohmann/json_fwd.hpp>

#include "web/ui/catalog_editing.hpp"
#include "web/ui/content_library.hpp"
#include "web/ui/ui_context.hpp"

namespace nurture::ui {

class ContentPage {
 public:
  void draw(Ui& ui);
  /// Whether the page takes the wide column (a library to show, not the empty state).
  static bool wide(const Workspace& ws);
  /// Opens the form for a new item (the empty state's primary action).
  void open_add_form();
  /// For browser and smoke tests: the form, its errors, the outcome, the live items.
  void describe(nlohmann::json& out, const Workspace& ws) const;

  /// The form as text and choices.
  struct Draft {
    bool open = false;
    bool is_new = true;
    std::string id;  ///< the item being edited; empty for a new one
    std::string title;
    std::string url;
    std::string minutes;
    std::string treatment;  ///< a treatment id, empty for general content
    int kind = 0;           ///< ContentKind
    int stage = 1;          ///< Stage; consideration by default
  };
  [[nodiscard]] const Draft& draft() const { return m_draft; }
  [[nodiscard]] const CatalogFeedback& feedback() const { return m_feedback; }
  [[nodiscard]] const ContentLibrary& library() const { return m_library; }

 private:
  void start_edit(const ContentItem& item);
  void save(Ui& ui);
  void draw_form(Ui& ui, float width);
  void draw_library(Ui& ui, float width);
  void draw_outcome(Ui& ui);
  void draw_empty(Ui& ui, float width);

  Draft m_draft;
  ContentLibrary m_library;
  bool m_focus_title = false;
  CatalogFeedback m_feedback;
  /// The workspace revision right after the last delete: its Undo button shows while nothing
  /// else has changed since (afterwards Undo would take back something else).
  std::uint64_t m_undo_revision = 0;
};

}  // namespace nurture::ui
