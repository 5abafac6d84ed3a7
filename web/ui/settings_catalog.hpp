#pragma once
/// Settings: the treatments and lead-source tables, with add, edit and delete through the
/// catalog commands (PutTreatment, PutLeadSource, DeleteCatalogItem), and errors shown next to
/// the field they concern. The form being edited is a UI draft until saved.

#include <map>
#include <string>

#include "core/commands/catalog_commands.hpp"
#include "web/ui/catalog_editing.hpp"
#include "web/ui/ui_context.hpp"

namespace nurture::ui {

/// "$1,250.50", "1250.5", "1250" → cents; nullopt when not an amount.
std::optional<std::int64_t> parse_dollars(std::string_view text);
/// 125050 → "1,250.50"; whole dollars without cents ("450").
std::string format_dollars(std::int64_t cents);

class CatalogSettings {
 public:
  void draw_treatments(Ui& ui, float width);
  void draw_sources(Ui& ui, float width);
  /// The open form's field errors (field → message), for tests.
  [[nodiscard]] const std::map<std::string, std::string>& errors() const { return m_feedback.errors; }
  [[nodiscard]] const std::string& message() const { return m_feedback.message; }

 private:
  struct Draft {
    CatalogKind kind = CatalogKind::treatment;
    bool open = false;
    bool is_new = true;
    std::string id;
    std::string name;
    std::string category;  // treatments
    std::string days;      // treatments: re-treatment days
    std::string money;     // price or monthly cost, in dollars
    int source_kind = 0;   // sources
  };
  void start_edit(Ui& ui, CatalogKind kind, const std::string& id);
  void draw_form(Ui& ui, float width);
  void save(Ui& ui);
  void remove(Ui& ui, CatalogKind kind, const std::string& id, const std::string& name);

  Draft m_draft;
  CatalogFeedback m_feedback;
  CatalogKind m_message_kind = CatalogKind::treatment;
};

}  // namespace nurture::ui
