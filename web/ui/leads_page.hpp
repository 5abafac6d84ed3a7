#pragma once
/// Leads: a search field (Ctrl+F focuses it) above the list; while there are no leads, an
/// empty state explaining where leads come from.

#include <string>

#include "web/ui/ui_context.hpp"

namespace nurture::ui {

class LeadsPage {
 public:
  void draw(Ui& ui);
  [[nodiscard]] const std::string& search() const { return m_search; }

 private:
  std::string m_search;
};

}  // namespace nurture::ui
