#pragma once
/// What a settings form that saves its whole draft with one command (Settings → Funnel, Settings
/// → Scoring) shows after a save: one message line, green or red, and per field path the
/// problem, drawn under the row it belongs to.

#include <map>
#include <string>

#include "core/commands/command.hpp"
#include "web/ui/ui_context.hpp"

namespace nurture::ui {

struct DraftFeedback {
  /// Field path → message ("event_rules[2].where" → "1:5: …").
  std::map<std::string, std::string> errors;
  std::string message;
  bool ok = true;

  /// Keeps `r`'s message (with `ok_note` after it on success) and field errors, and announces
  /// the message to screen readers. Returns r.ok.
  bool take(Ui& ui, const CommandResult& r, const char* ok_note);
  /// Draws the first problem for `path` or a field under it ("path.…"), if any.
  void error_line(Ui& ui, const std::string& path) const;
  /// Draws the message line, if any.
  void message_line(Ui& ui) const;
  void clear() {
    errors.clear();
    message.clear();
  }
};

}  // namespace nurture::ui
