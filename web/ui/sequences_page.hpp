#pragma once
/// Sequences: the practice's sequences with status and live numbers; a sequence opened shows its
/// triggers, goals and steps as a vertical flow (waits and splits with their branches), the
/// lint's messages compiler-style, a template editor per message step (merge-field picker, live
/// preview for a chosen lead, inline lint), activate and pause (refused with the problems listed), and
/// "Enrol" for a saved segment, and "Edit sequence" (draft or paused only) for its structure. "Add from a
/// playbook" loads one of assets/playbooks as a draft. Every change goes through a command (Ctrl+Z undoes).

#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "web/ui/segment_runtime.hpp"
#include "web/ui/sequence_runtime.hpp"
#include "web/ui/sequence_structure_editor.hpp"
#include "web/ui/step_editor.hpp"
#include "web/ui/ui_context.hpp"

namespace nurture::ui {

class SequencesPage {
 public:
  void draw(Ui& ui, const SegmentRuntime& segments, const SequenceRuntime& rt);
  /// Opens sequence `id` (empty: the list).
  void open(std::string id) { m_open = std::move(id); }
  /// The template editor (tests read its draft).
  [[nodiscard]] const StepEditor& editor() const { return m_editor; }
  /// The structure editor ("Edit sequence"; tests read its draft).
  [[nodiscard]] const SequenceStructureEditor& structure() const { return m_structure; }
  /// For browser and smoke tests: the list with statuses and numbers, the open sequence.
  void describe(nlohmann::json& out, const Workspace& ws, const SequenceRuntime& rt) const;

  /// One entry of assets/playbooks/index.json.
  struct Playbook {
    std::string file;
    std::string title;
    std::string summary;
    std::string category;
  };

 private:
  void draw_list(Ui& ui, const SequenceRuntime& rt, float width);
  void draw_playbooks(Ui& ui, float width);
  void draw_sequence(Ui& ui, const SegmentRuntime& segments, const SequenceRuntime& rt, const Sequence& seq,
                     float width);
  void draw_enrol(Ui& ui, const SegmentRuntime& segments, const Sequence& seq, float width);
  void draw_steps(Ui& ui, const Sequence& seq, float width);
  void add_playbook(Ui& ui, const Playbook& playbook);
  void set_status(Ui& ui, const Sequence& seq, SequenceStatus status);
  void remove(Ui& ui, const Sequence& seq);
  void load_playbooks(Ui& ui);
  void say(Ui& ui, std::string message, bool ok);

  std::string m_open;  ///< the sequence shown, empty for the list
  StepEditor m_editor;
  SequenceStructureEditor m_structure;
  bool m_show_playbooks = false;
  bool m_playbooks_loaded = false;
  std::vector<Playbook> m_playbooks;
  std::string m_playbook_error;
  std::string m_enrol_segment;  ///< the saved segment chosen for "Enrol"
  std::vector<FieldError> m_problems;
  std::string m_message;
  bool m_message_ok = true;
};

}  // namespace nurture::ui
