// The structure editor's frame: the header with Save and Discard, the checks, and the
// sequence-wide settings (about, what starts it, what stops it, re-entry and the send window).
// The steps are drawn by sequence_step_form.cpp.
#include "web/ui/sequence_structure_editor.hpp"

#include <utility>

#include <imgui.h>

#include "core/commands/command.hpp"
#include "core/sequence/activation.hpp"
#include "core/sequence/sequence_text.hpp"
#include "core/sequence/template_lint.hpp"
#include "core/util/text.hpp"
#include "web/ui/format.hpp"
#include "web/ui/structure_fields.hpp"
#include "web/ui/widgets.hpp"

namespace nurture::ui {

using structure::Choice;

namespace {

constexpr std::array<const char*, k_trigger_kind_count> k_trigger_labels = {
    "They enter a saved segment", "They reach a stage",    "Something happens",
    "Their birthday is coming",   "A re-treatment is due", "Only when enrolled by hand"};
constexpr std::array<const char*, k_goal_kind_count> k_goal_labels = {
    "They book", "They reply", "They unsubscribe", "They reach a stage", "They leave a saved segment"};
constexpr std::array<const char*, k_reentry_policy_count> k_reentry_labels = {
    "No, once per person", "Yes, once they have left it", "Yes, after a cool-down"};
constexpr std::array<const char*, 7> k_day_names = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};

std::array<const char*, k_stage_count> stage_labels() {
  std::array<const char*, k_stage_count> out{};
  for (std::size_t i = 0; i < k_stage_count; ++i) out[i] = stage_label(static_cast<Stage>(i));
  return out;
}

std::array<const char*, k_event_type_count> event_labels() {
  std::array<const char*, k_event_type_count> out{};
  for (std::size_t i = 0; i < k_event_type_count; ++i) out[i] = event_label(static_cast<EventType>(i));
  return out;
}

std::vector<Choice> segment_choices(const Workspace& ws) {
  std::vector<Choice> out;
  for (const auto& s : ws.segments) {
    if (!s.deleted) out.push_back({s.name, s.id, ""});
  }
  return out;
}

std::vector<Choice> treatment_choices(const Workspace& ws, bool any) {
  std::vector<Choice> out;
  if (any) out.push_back({"Any treatment", "", "any"});
  for (const auto& t : ws.treatments) {
    if (!t.deleted) out.push_back({t.name, t.id, ""});
  }
  return out;
}

float gutter(const Ui& ui) { return ui.px(12); }

}  // namespace

void SequenceStructureEditor::start(const Sequence& seq) {
  m_open = true;
  m_draft = seq;
  m_selected.reset();
  m_error.clear();
  m_refused.clear();
  m_note.clear();
  m_save = false;
  m_confirm_discard = false;
}

void SequenceStructureEditor::draw(Ui& ui, const Sequence& stored, float width) {
  const Workspace& ws = ui.session.workspace();
  // What stands in the way of saving (validate) and of activating (the rest), as the draft is.
  const auto problems = activation_problems(ws, m_draft);
  const auto lint = lint_sequence(m_draft, ws);
  draw_header(ui, stored, width);
  if (!m_open) return;
  draw_checks(ui, problems, lint, width);
  gap(ui, 12);
  draw_about(ui, width);
  gap(ui, 12);
  draw_triggers(ui, width);
  gap(ui, 12);
  draw_goals(ui, width);
  gap(ui, 12);
  draw_timing(ui, width);
  gap(ui, 12);
  draw_steps(ui, problems, lint, width);
}

void SequenceStructureEditor::draw_header(Ui& ui, const Sequence& stored, float width) {
  Card card(ui, width);
  ImGui::PushFont(ui.fonts.title);
  ImGui::TextUnformatted(("Editing \u201c" + stored.name + "\u201d").c_str());
  ImGui::PopFont();
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + card.inner_width());
  caption(
      ui,
      "Change what starts and stops this sequence, when it sends, and its steps. Nothing changes until you "
      "save; Ctrl+Z undoes a save. To change a message's wording, use its Edit in the flow after saving.");
  ImGui::PopTextWrapPos();
  gap(ui, 6);
  const bool changed = !(m_draft == stored);
  if (button(ui, "Save changes", ButtonKind::primary, "structure.save", ui.editable() && changed))
    m_save = true;
  ImGui::SameLine(0, ui.px(10));
  // Unsaved changes are asked about once more: a slip of the mouse should not lose them.
  bool discard = false;
  if (button(ui, changed ? "Discard" : "Close", ButtonKind::secondary, "structure.discard")) {
    discard = !changed;
    m_confirm_discard = changed;
  }
  if (!changed) {
    ImGui::SameLine(0, ui.px(12));
    ImGui::AlignTextToFramePadding();
    small_text(ui, "No changes yet");
  } else if (m_confirm_discard) {
    ImGui::SameLine(0, ui.px(16));
    ImGui::AlignTextToFramePadding();
    small_text(ui, "Discard your changes?", &ui.pal.danger);
    ImGui::SameLine(0, ui.px(8));
    if (button(ui, "Yes, discard", ButtonKind::danger, "structure.discard_confirm")) discard = true;
    ImGui::SameLine(0, ui.px(4));
    if (button(ui, "Keep editing", ButtonKind::quiet, "structure.discard_cancel")) m_confirm_discard = false;
  }
  if (discard) {
    m_open = false;
    ui.announce(changed ? "Changes discarded" : "Closed without changes");
    return;
  }
  if (!m_error.empty()) {
    gap(ui, 4);
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + card.inner_width());
    caption(ui, ("Not saved: " + m_error).c_str(), &ui.pal.danger);
    ui.marks.mark("structure.error");
    for (const auto& e : m_refused)
      caption(ui, (structure::where(e.field) + ": " + e.message).c_str(), &ui.pal.danger);
    ImGui::PopTextWrapPos();
  }
}

void SequenceStructureEditor::draw_checks(Ui& ui, const std::vector<FieldError>& problems,
                                          const std::vector<LintMessage>& lint, float width) {
  const auto structural = validate(m_draft);
  if (problems.empty() && lint.empty()) return;
  gap(ui, 12);
  Card card(ui, width);
  heading(ui, "Checks");
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + card.inner_width());
  if (!structural.empty()) {
    caption(ui, "Fix these to save:", &ui.pal.danger);
    for (const auto& p : structural)
      caption(ui, ("  " + structure::where(p.field) + ": " + p.message).c_str(), &ui.pal.danger);
  }
  // activation_problems starts with validate's; the rest only stop it being switched on. The
  // lint's are listed from lint_sequence below, with their positions.
  std::vector<std::string> later;
  for (std::size_t i = structural.size(); i < problems.size(); ++i) {
    if (problems[i].field.rfind("lint", 0) == 0) continue;
    later.push_back(structure::where(problems[i].field) + ": " + problems[i].message);
  }
  for (const auto& m : lint) later.push_back(lint_line(m_draft, m));
  if (!later.empty()) {
    caption(ui, "Saving is fine; fix these before activating:", &ui.pal.warning);
    for (const auto& line : later) caption(ui, ("  " + line).c_str(), &ui.pal.warning);
  }
  ui.marks.mark("structure.checks");
  ImGui::PopTextWrapPos();
}

void SequenceStructureEditor::draw_about(Ui& ui, float width) {
  Card card(ui, width);
  heading(ui, "About");
  const float inner = card.inner_width();
  const float half = (inner - gutter(ui)) * 0.5F;
  text_field(ui, "Name", "structure.name", m_draft.name, "", half, "e.g. Welcome for new inquiries");
  ImGui::SameLine(0, gutter(ui));
  text_field(ui, "Description", "structure.description", m_draft.description, "", half,
             "What it is for, in a sentence");
  text_field(ui, "Sponsor authorisation (sponsored messages only)", "structure.sponsor",
             m_draft.sponsor_authorization, "", inner,
             "Who paid, the form patients signed and where it is kept");
}

void SequenceStructureEditor::draw_triggers(Ui& ui, float width) {
  const Workspace& ws = ui.session.workspace();
  Card card(ui, width);
  heading(ui, "Starts when");
  caption(ui, "Any of these enrols a lead. With none, leads are enrolled by hand only.");
  gap(ui, 4);
  const float g = gutter(ui);
  const float kind_w = ui.px(240);
  const float param_w = ui.px(240);
  std::optional<std::size_t> remove;
  for (std::size_t i = 0; i < m_draft.triggers.size(); ++i) {
    Trigger& t = m_draft.triggers[i];
    const std::string base = "structure.trigger." + std::to_string(i);
    ImGui::PushID(static_cast<int>(i));
    structure::pick_enum(ui, "When", base + ".kind", t.kind, k_trigger_labels, kind_w);
    ImGui::SameLine(0, g);
    switch (t.kind) {
      case TriggerKind::segment_entry:
        structure::pick_key(ui, "Saved segment", base + ".segment", t.segment, segment_choices(ws), param_w,
                            "Choose a saved segment");
        break;
      case TriggerKind::stage_change:
        structure::pick_enum(ui, "Stage", base + ".stage", t.stage, stage_labels(), param_w);
        break;
      case TriggerKind::event:
        structure::pick_enum(ui, "What happens", base + ".event", t.event, event_labels(), param_w);
        break;
      case TriggerKind::birthday: {
        int days = t.days_before;
        if (structure::number(ui, "Days before", base + ".days_before", days, 0, 60, ui.px(110)))
          t.days_before = static_cast<std::uint16_t>(days);
        break;
      }
      case TriggerKind::retreatment_due:
        structure::pick_key(ui, "Treatment", base + ".treatment", t.treatment, treatment_choices(ws, true),
                            param_w);
        break;
      case TriggerKind::manual:
        ImGui::BeginGroup();
        structure::label_above(ui, " ");
        ImGui::AlignTextToFramePadding();
        small_text(ui, "From a lead, a selection or a segment");
        ImGui::EndGroup();
        break;
    }
    ImGui::SameLine(0, g);
    ImGui::BeginGroup();
    structure::label_above(ui, " ");
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() + ui.px(2));  // centred on the combos
    if (button(ui, "Remove", ButtonKind::quiet, (base + ".remove").c_str())) remove = i;
    ImGui::EndGroup();
    ImGui::PopID();
  }
  if (remove) m_draft.triggers.erase(m_draft.triggers.begin() + static_cast<std::ptrdiff_t>(*remove));
  if (button(ui, "Add a start rule", ButtonKind::secondary, "structure.add_trigger"))
    m_draft.triggers.push_back(Trigger{});
}

void SequenceStructureEditor::draw_goals(Ui& ui, float width) {
  const Workspace& ws = ui.session.workspace();
  Card card(ui, width);
  heading(ui, "Stops early when");
  caption(ui, "Checked before every touch: a lead who meets any of these leaves the sequence.");
  gap(ui, 4);
  const float g = gutter(ui);
  std::optional<std::size_t> remove;
  for (std::size_t i = 0; i < m_draft.goals.size(); ++i) {
    Goal& goal = m_draft.goals[i];
    const std::string base = "structure.goal." + std::to_string(i);
    ImGui::PushID(static_cast<int>(i));
    structure::pick_enum(ui, "When", base + ".kind", goal.kind, k_goal_labels, ui.px(240));
    if (goal.kind == GoalKind::reached_stage) {
      ImGui::SameLine(0, g);
      structure::pick_enum(ui, "Stage", base + ".stage", goal.stage, stage_labels(), ui.px(240));
    } else if (goal.kind == GoalKind::left_segment) {
      ImGui::SameLine(0, g);
      structure::pick_key(ui, "Saved segment", base + ".segment", goal.segment, segment_choices(ws),
                          ui.px(240), "Choose a saved segment");
    }
    ImGui::SameLine(0, g);
    ImGui::BeginGroup();
    structure::label_above(ui, " ");
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() + ui.px(2));  // centred on the combos
    if (button(ui, "Remove", ButtonKind::quiet, (base + ".remove").c_str())) remove = i;
    ImGui::EndGroup();
    ImGui::PopID();
  }
  if (remove) m_draft.goals.erase(m_draft.goals.begin() + static_cast<std::ptrdiff_t>(*remove));
  if (button(ui, "Add a stop rule", ButtonKind::secondary, "structure.add_goal"))
    m_draft.goals.push_back(Goal{});
}

void SequenceStructureEditor::draw_timing(Ui& ui, float width) {
  Card card(ui, width);
  heading(ui, "Enrolling again and sending hours");
  const float g = gutter(ui);
  structure::pick_enum(ui, "Can someone go through it again?", "structure.reentry", m_draft.reentry,
                       k_reentry_labels, ui.px(260));
  if (m_draft.reentry == ReentryPolicy::after_cooldown) {
    ImGui::SameLine(0, g);
    int days = m_draft.reentry_days;
    if (structure::number(ui, "Cool-down (days)", "structure.reentry_days", days, 0, 3650, ui.px(120)))
      m_draft.reentry_days = static_cast<std::uint16_t>(days);
  }
  gap(ui, 6);
  SendWindow& w = m_draft.window;
  structure::time_pick(ui, "Send from", "structure.window.start", w.start_minute, false, ui.px(110));
  ImGui::SameLine(0, g);
  structure::time_pick(ui, "until", "structure.window.end", w.end_minute, true, ui.px(110));
  ImGui::SameLine(0, g * 2);
  ImGui::BeginGroup();
  structure::label_above(ui, "On these days");
  for (std::size_t d = 0; d < 7; ++d) {
    if (d > 0) ImGui::SameLine(0, ui.px(4));
    ImGui::PushID(static_cast<int>(d));
    if (button(ui, k_day_names[d], w.days[d] ? ButtonKind::primary : ButtonKind::secondary,
               ("structure.day." + std::to_string(d)).c_str()))
      w.days[d] = !w.days[d];
    ImGui::PopID();
  }
  ImGui::EndGroup();
  caption(ui, ("In each lead's own time zone: " + window_summary(w) +
               ". Legal quiet hours for texts and calls apply on top.")
                  .c_str());
}

std::string SequenceStructureEditor::commit(Ui& ui) {
  if (!std::exchange(m_save, false) || !m_open) return {};
  const Sequence* stored = find_item(ui.session.workspace().sequences, m_draft.id);
  if (stored == nullptr) {
    m_error = "this sequence was deleted";
    return {};
  }
  // The status is the stored one, so a sequence activated meanwhile is refused by the command.
  Sequence out = m_draft;
  out.status = stored->status;
  out.activated_at = stored->activated_at;
  const CommandResult r = ui.mutable_session.execute(PutSequence{out, ui.platform.now_ms()});
  if (!r.ok) {
    m_error = r.message;
    m_refused = r.field_errors;
    ui.announce("Not saved: " + r.message);
    return {};
  }
  m_open = false;
  return "Saved the changes to \u201c" + out.name + "\u201d \u2014 Ctrl+Z undoes";
}

}  // namespace nurture::ui
