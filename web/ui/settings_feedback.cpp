#include "web/ui/settings_feedback.hpp"

#include "web/ui/widgets.hpp"

namespace nurture::ui {

bool DraftFeedback::take(Ui& ui, const CommandResult& r, const char* ok_note) {
  errors.clear();
  ok = r.ok;
  message = r.ok ? r.message + ok_note : r.message;
  for (const auto& e : r.field_errors) {
    errors[e.field] = e.message;
    // A refused save names the field in the message line too: it may be folded out of view.
    if (!r.ok) message = r.message + ": " + e.field + " " + e.message;
  }
  ui.announce(message);
  return r.ok;
}

void DraftFeedback::error_line(Ui& ui, const std::string& path) const {
  for (const auto& [field, text] : errors) {
    if (field == path || field.rfind(path + ".", 0) == 0) {
      small_text(ui, text.c_str(), &ui.pal.danger);
      return;
    }
  }
}

void DraftFeedback::message_line(Ui& ui) const {
  if (!message.empty()) small_text(ui, message.c_str(), ok ? &ui.pal.success : &ui.pal.danger);
}

}  // namespace nurture::ui
