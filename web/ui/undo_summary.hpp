#pragma once
/// The last step of an import or a sync, shared by both: a check mark, what the change did, and
/// Undo while that change is still the latest one (undo is a stack: after a later edit, undoing
/// would take back the wrong change, so the button is then disabled).

#include <cstdint>
#include <string>

#include "web/ui/ui_context.hpp"

namespace nurture::ui {

class UndoSummary {
 public:
  struct Marks {
    const char* summary = "";  ///< test id of the summary line
    const char* undo = "";     ///< test id of the Undo button
  };

  /// Records the outcome right after the command succeeded (the session's revision is ours).
  void record(Ui& ui, std::string summary);
  /// Draws the badge, the summary and the Undo button labelled `undo_label`. On Undo, undoes
  /// the change, shows and announces `undone` and returns true. The caller may add buttons on
  /// the same line afterwards (ImGui::SameLine).
  bool draw(Ui& ui, const char* undo_label, const std::string& undone, Marks marks);
  [[nodiscard]] const std::string& text() const { return m_summary; }

 private:
  std::string m_summary;
  std::uint64_t m_revision_after = 0;  ///< the revision right after our change
};

}  // namespace nurture::ui
