#pragma once
/// "Add a lead": a modal with the main fields, usable by keyboard alone — the first field has
/// focus when it opens, Tab moves through the fields and buttons, Enter saves, Esc cancels —
/// and errors shown under the fields they concern.

#include <map>
#include <string>

#include "web/ui/ui_context.hpp"

namespace nurture::ui {

class AddLeadForm {
 public:
  void open();
  [[nodiscard]] bool is_open() const { return m_open; }
  /// Draws the modal while open. Returns the id of the lead it just added, or 0.
  std::uint64_t draw(Ui& ui);
  /// Errors shown under the fields, by field name ("name", "email", "phone").
  [[nodiscard]] const std::map<std::string, std::string>& errors() const { return m_errors; }

 private:
  std::uint64_t save(Ui& ui);

  bool m_open = false;
  bool m_opening = false;
  bool m_enter_armed = false;  ///< Enter was up since the form opened
  std::string m_first;
  std::string m_last;
  std::string m_email;
  std::string m_phone;
  std::string m_source;
  std::string m_interests;
  std::map<std::string, std::string> m_errors;
};

}  // namespace nurture::ui
