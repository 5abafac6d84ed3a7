#pragma once
/// The template editor of one message step (Sequences page): subject (email) and message with a
/// merge-field picker that inserts at the cursor, a live preview rendered for a chosen lead, and
/// the lint's findings for this step as the text changes. Saving puts the whole sequence back
/// through PutSequence (Ctrl+Z undoes); an active sequence cannot be saved with a lint error.
/// The message box cannot wrap (ImGui 1.90.1), so a line wider than it is also shown wrapped in
/// a read-only view under it, with the cursor; the text itself is never changed by the wrapping.

#include <optional>
#include <string>

#include "core/model/workspace.hpp"
#include "web/ui/ui_context.hpp"

namespace nurture::ui {

class StepEditor {
 public:
  /// Starts editing step `step` of `seq` (a copy: nothing changes until Save).
  void open(const Sequence& seq, const Step& step);
  void close() { m_open = false; }
  [[nodiscard]] bool is_open(const std::string& sequence, const std::string& step) const {
    return m_open && m_sequence == sequence && m_step == step;
  }
  /// The step being edited (empty when closed).
  [[nodiscard]] std::string step() const { return m_open ? m_step : std::string(); }
  /// Draws the editor `width` wide in place of the step's text. Save is only noted here: the
  /// page calls commit() once it has finished drawing the sequence (saving replaces it).
  void draw(Ui& ui, const Sequence& seq, float width);
  /// Saves the draft if Save was pressed this frame; returns the outcome ("" when nothing).
  std::string commit(Ui& ui);
  /// For tests: the lint findings for the step as the draft stands (errors and warnings).
  [[nodiscard]] std::size_t findings() const { return m_findings; }
  /// A text field's cursor (byte offset), and where to move it the next time the field is
  /// active (-1: nowhere): a click in the wrapped view of the message moves the box's cursor.
  struct Caret {
    int cursor = 0;
    int jump = -1;
  };

  /// For tests: the draft texts.
  [[nodiscard]] const std::string& subject() const { return m_subject; }
  [[nodiscard]] const std::string& body() const { return m_body; }

 private:
  /// The sequence with the draft in place of the step.
  [[nodiscard]] Sequence edited(const Sequence& seq) const;

  bool m_open = false;
  std::string m_sequence;
  std::string m_step;
  std::string m_subject;
  std::string m_body;
  bool m_body_focused = true;  ///< where the picker inserts: the message, else the subject
  int m_subject_cursor = 0;    ///< byte offset of the cursor in each field
  Caret m_body_caret;
  bool m_focus_body = false;        ///< the wrapped view was clicked: activate the box next frame
  std::optional<LeadId> m_preview;  ///< the lead the preview is rendered for
  std::size_t m_findings = 0;
  bool m_save = false;
};

}  // namespace nurture::ui
