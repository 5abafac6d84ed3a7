#pragma once
/// The Sequences page's Edit mode: a draft copy of one sequence whose structure the practitioner
/// changes — name, description, sponsor authorisation, triggers, goals, re-entry, the send
/// window, and the steps (add a message / wait / split after the selected step or at the end,
/// remove, move, and each step's settings). The draft's problems show as it changes: those
/// validate() finds block saving (PutSequence refuses them), the rest (activation_problems,
/// the template lint) only block activating. "Save changes" puts the draft through PutSequence
/// (Ctrl+Z undoes); "Discard" drops it (after asking, when there are changes). Only draft and paused
/// sequences are edited here: the page shows an active one read-only, and PutSequence refuses step changes to
/// it.

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "core/model/workspace.hpp"
#include "core/sequence/template_lint.hpp"
#include "web/ui/ui_context.hpp"

namespace nurture::ui {

class SequenceStructureEditor {
 public:
  /// Starts editing a copy of `seq` (nothing changes until Save).
  void start(const Sequence& seq);
  void stop() { m_open = false; }
  /// Whether the draft of sequence `id` is open.
  [[nodiscard]] bool editing(const std::string& id) const { return m_open && m_draft.id == id; }
  /// Draws the whole edit form `width` wide (in place of the read-only page). Save is only
  /// noted: the page calls commit() once it has finished with `stored` (saving replaces it).
  void draw(Ui& ui, const Sequence& stored, float width);
  /// Saves the draft if "Save changes" was pressed this frame. Returns the outcome for the page
  /// ("" when nothing happened); a refusal stays in the form, so the outcome is then "".
  std::string commit(Ui& ui);

  /// For tests: the draft, the step selected (where new steps go), the last refusal.
  [[nodiscard]] const Sequence& draft() const { return m_draft; }
  [[nodiscard]] std::optional<std::size_t> selected() const { return m_selected; }
  [[nodiscard]] const std::string& error() const { return m_error; }

 private:
  void draw_header(Ui& ui, const Sequence& stored, float width);
  void draw_checks(Ui& ui, const std::vector<FieldError>& problems, const std::vector<LintMessage>& lint,
                   float width);
  void draw_about(Ui& ui, float width);
  void draw_triggers(Ui& ui, float width);
  void draw_goals(Ui& ui, float width);
  void draw_timing(Ui& ui, float width);
  void draw_steps(Ui& ui, const std::vector<FieldError>& problems, const std::vector<LintMessage>& lint,
                  float width);
  void draw_step_fields(Ui& ui, std::size_t index, float width);
  void draw_message(Ui& ui, Step& step, float width);
  void draw_wait(Ui& ui, Step& step, std::size_t index, float width);
  void draw_split(Ui& ui, Step& step, std::size_t index, float width);

  bool m_open = false;
  Sequence m_draft;
  std::optional<std::size_t> m_selected;  ///< the step whose settings are open
  std::string m_error;                    ///< PutSequence's refusal, until the next save
  std::vector<FieldError> m_refused;      ///< and its field errors
  std::string m_note;                     ///< what the last step edit did ("2 jumps now go to …")
  bool m_save = false;
  bool m_confirm_discard = false;  ///< "Discard" pressed with changes: asking once more
};

}  // namespace nurture::ui
