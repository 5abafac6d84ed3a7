// The structure editor's steps: the flow as a list (select a step to open its settings), add a
// message / wait / split after the selected step or at the end, move and remove (jumps to a
// removed step follow it on: core/sequence/sequence_draft.hpp), and each kind's settings.
#include <algorithm>

#include <imgui.h>
#include <imgui_stdlib.h>

#include "core/sequence/sequence_draft.hpp"
#include "core/sequence/sequence_text.hpp"
#include "core/util/text.hpp"
#include "web/ui/sequence_structure_editor.hpp"
#include "web/ui/structure_fields.hpp"
#include "web/ui/widgets.hpp"

namespace nurture::ui {

namespace {

constexpr std::array<const char*, k_step_channel_count> k_channel_labels = {
    "Email", "Text message", "Phone call", "Social message", "Letter"};
constexpr std::array<const char*, k_message_purpose_count> k_purpose_labels = {
    "Reminder or treatment information", "Promotes your own services", "Sponsored by a third party"};
constexpr std::array<const char*, k_timing_anchor_count> k_anchor_labels = {
    "After the previous step", "After they enrol", "Before their appointment", "After their appointment"};
constexpr std::array<const char*, k_wait_for_count> k_wait_labels = {
    "They open the email", "They click a link", "They reply", "They book"};

enum class StepAction { none, up, down, remove };

}  // namespace

void SequenceStructureEditor::draw_steps(Ui& ui, const std::vector<FieldError>& problems,
                                         const std::vector<LintMessage>& lint, float width) {
  Card card(ui, width);
  heading(ui, "Steps");
  caption(ui, "Select a step to change it. New steps go after the selected one, or at the end.");
  gap(ui, 4);
  const float inner = card.inner_width();
  std::optional<std::size_t> target;
  StepAction action = StepAction::none;
  for (std::size_t i = 0; i < m_draft.steps.size(); ++i) {
    const Step& step = m_draft.steps[i];
    const std::string base = "structure.step." + step.id;
    ImGui::PushID(static_cast<int>(i));
    const bool selected = m_selected == i;
    // Up, Down and Remove sit at the right of the step's title line.
    const float actions_w = ui.px(190);
    const std::string title = std::to_string(i + 1) + ".  " + step_title(step);
    const float row_x = ImGui::GetCursorScreenPos().x;
    ImGui::PushFont(ui.fonts.strong);
    if (ImGui::Selectable(title.c_str(), selected, 0, ImVec2(inner - actions_w, 0)))
      m_selected = selected ? std::nullopt : std::optional<std::size_t>(i);
    ImGui::PopFont();
    ui.marks.mark(base);
    ImGui::SameLine();
    ImGui::SetCursorScreenPos(ImVec2(row_x + inner - actions_w + ui.px(8), ImGui::GetCursorScreenPos().y));
    if (button(ui, "Up", ButtonKind::quiet, (base + ".up").c_str(), i > 0)) {
      target = i;
      action = StepAction::up;
    }
    ImGui::SameLine(0, ui.px(2));
    if (button(ui, "Down", ButtonKind::quiet, (base + ".down").c_str(), i + 1 < m_draft.steps.size())) {
      target = i;
      action = StepAction::down;
    }
    ImGui::SameLine(0, ui.px(2));
    if (button(ui, "Remove", ButtonKind::quiet, (base + ".remove").c_str(), m_draft.steps.size() > 1)) {
      target = i;
      action = StepAction::remove;
    }
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + inner);
    caption(ui, step_detail(m_draft, step).c_str());
    for (const auto& p : problems) {
      if (step_of_field(p.field) == i && p.field.find(".arms") == std::string::npos)
        caption(ui, p.message.c_str(), &ui.pal.danger);
    }
    // The lint's findings for this step's wording, where the step is (also listed in Checks).
    for (const auto& m : lint) {
      if (m.step == step.id)
        caption(ui, lint_line(m_draft, m).c_str(), m.error ? &ui.pal.danger : &ui.pal.warning);
    }
    ImGui::PopTextWrapPos();
    if (selected) {
      gap(ui, 4);
      ImGui::Indent(ui.px(16));
      draw_step_fields(ui, i, inner - ui.px(16));
      ImGui::Unindent(ui.px(16));
    }
    ImGui::PopID();
    gap(ui, 8);
  }
  if (target) {
    const std::size_t i = *target;
    const std::string id = m_draft.steps[i].id;
    // The selection follows its step, whether it moved or was the neighbour it swapped with.
    if (action == StepAction::up && move_step(m_draft, i, -1)) {
      if (m_selected == i) {
        m_selected = i - 1;
      } else if (m_selected == i - 1) {
        m_selected = i;
      }
    } else if (action == StepAction::down && move_step(m_draft, i, +1)) {
      if (m_selected == i) {
        m_selected = i + 1;
      } else if (m_selected == i + 1) {
        m_selected = i;
      }
    } else if (action == StepAction::remove) {
      const auto retargeted = remove_step(m_draft, i);
      m_selected.reset();
      m_note = "Removed \u201c" + id + "\u201d";
      if (retargeted && *retargeted > 0)
        m_note +=
            "; " +
            count_noun(*retargeted, "branch that went to it now goes", "branches that went to it now go") +
            " where it led";
      ui.announce(m_note);
    }
  }
  gap(ui, 4);
  std::optional<StepKind> add;
  if (button(ui, "Add a message", ButtonKind::secondary, "structure.add_message")) add = StepKind::message;
  ImGui::SameLine(0, ui.px(8));
  if (button(ui, "Add a wait", ButtonKind::secondary, "structure.add_wait")) add = StepKind::wait;
  ImGui::SameLine(0, ui.px(8));
  if (button(ui, "Add a split", ButtonKind::secondary, "structure.add_split")) add = StepKind::split;
  if (add) {
    Step step = new_step(m_draft, *add);
    m_note = "Added \u201c" + step.id + "\u201d";
    m_selected = insert_step(m_draft, std::move(step), m_selected);
  }
  if (!m_note.empty()) caption(ui, m_note.c_str());
}

void SequenceStructureEditor::draw_step_fields(Ui& ui, std::size_t index, float width) {
  Step& step = m_draft.steps[index];
  switch (step.kind) {
    case StepKind::message:
      draw_message(ui, step, width);
      break;
    case StepKind::wait:
      draw_wait(ui, step, index, width);
      break;
    case StepKind::split:
      draw_split(ui, step, index, width);
      break;
  }
}

void SequenceStructureEditor::draw_message(Ui& ui, Step& step, float width) {
  const std::string base = "structure.step." + step.id;
  const float g = ui.px(12);
  (void)width;
  if (structure::pick_enum(ui, "Channel", base + ".channel", step.channel, k_channel_labels, ui.px(180)) &&
      step.channel == StepChannel::email && step.message.subject.empty())
    step.message.subject = "A note from {practice_name}";  // an email needs a subject
  ImGui::SameLine(0, g);
  structure::pick_enum(ui, "Purpose", base + ".purpose", step.message.purpose, k_purpose_labels, ui.px(280));
  StepTiming& t = step.timing;
  structure::pick_enum(ui, "When", base + ".anchor", t.anchor, k_anchor_labels, ui.px(230));
  auto parts = split_offset(t.offset_minutes);
  int days = static_cast<int>(parts.days);
  int hours = static_cast<int>(parts.hours);
  int minutes = static_cast<int>(parts.minutes);
  bool changed = false;
  ImGui::SameLine(0, g);
  changed |= structure::number(ui, "Days", base + ".days", days, 0, 366, ui.px(80));
  ImGui::SameLine(0, ui.px(6));
  changed |= structure::number(ui, "Hours", base + ".hours", hours, 0, 23, ui.px(80));
  ImGui::SameLine(0, ui.px(6));
  changed |= structure::number(ui, "Minutes", base + ".minutes", minutes, 0, 59, ui.px(80));
  if (changed) t.offset_minutes = join_offset({days, hours, minutes});
  bool at_time = t.at_minute.has_value();
  if (ImGui::Checkbox("At a set time of day", &at_time)) {
    if (at_time) {
      t.at_minute = static_cast<std::uint16_t>(10 * 60);
    } else {
      t.at_minute.reset();
    }
  }
  ui.marks.mark(base + ".at_time");
  if (t.at_minute) {
    ImGui::SameLine(0, g);
    structure::time_pick(ui, nullptr, base + ".at_minute", *t.at_minute, false, ui.px(110));
  }
}

void SequenceStructureEditor::draw_wait(Ui& ui, Step& step, std::size_t index, float width) {
  const std::string base = "structure.step." + step.id;
  const float g = ui.px(12);
  structure::pick_enum(ui, "Wait until", base + ".wait_for", step.wait_for, k_wait_labels, ui.px(220));
  ImGui::SameLine(0, g);
  int days = step.wait_days;
  if (structure::number(ui, "For up to (days)", base + ".wait_days", days, 1, 90, ui.px(120)))
    step.wait_days = static_cast<std::uint16_t>(days);
  const float half = std::min((width - g) * 0.5F, ui.px(320));
  structure::target_pick(ui, "If they do, go to", base + ".yes", step.yes_next, m_draft, index, half);
  ImGui::SameLine(0, g);
  structure::target_pick(ui, "If not, go to", base + ".no", step.no_next, m_draft, index, half);
}

void SequenceStructureEditor::draw_split(Ui& ui, Step& step, std::size_t index, float width) {
  const std::string base = "structure.step." + step.id;
  const float g = ui.px(8);
  small_text(ui, "Arms: each lead takes one, at random but always the same for that lead");
  std::optional<std::size_t> remove;
  unsigned total = 0;
  for (std::size_t a = 0; a < step.arms.size(); ++a) {
    SplitArm& arm = step.arms[a];
    total += arm.percent;
    const std::string arm_base = base + ".arm." + std::to_string(a);
    ImGui::PushID(static_cast<int>(a));
    ImGui::BeginGroup();
    structure::label_above(ui, "Name");
    ImGui::SetNextItemWidth(ui.px(90));
    ImGui::InputText("##label", &arm.label);
    ui.marks.mark(arm_base + ".label");
    ImGui::EndGroup();
    ImGui::SameLine(0, g);
    int percent = arm.percent;
    if (structure::number(ui, "Share (%)", arm_base + ".percent", percent, 0, 100, ui.px(90)))
      arm.percent = static_cast<std::uint8_t>(percent);
    ImGui::SameLine(0, g);
    structure::target_pick(ui, "Then go to", arm_base + ".next", arm.next, m_draft, index,
                           std::min(ui.px(300), width - ui.px(300)));
    ImGui::SameLine(0, g);
    ImGui::BeginGroup();
    structure::label_above(ui, " ");
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() + ui.px(2));  // centred on the combos
    if (button(ui, "Remove", ButtonKind::quiet, (arm_base + ".remove").c_str(), step.arms.size() > 2))
      remove = a;
    ImGui::EndGroup();
    ImGui::PopID();
  }
  if (remove) step.arms.erase(step.arms.begin() + static_cast<std::ptrdiff_t>(*remove));
  if (button(ui, "Add an arm", ButtonKind::quiet, (base + ".add_arm").c_str()) && step.arms.size() < 10) {
    const char letter = static_cast<char>('A' + step.arms.size());
    step.arms.push_back(SplitArm{std::string(1, letter), 0, ""});
  }
  if (total != 100) {
    caption(ui,
            ("The shares add up to " + std::to_string(total) +
             " %; they must add up to 100 % before you can save.")
                .c_str(),
            &ui.pal.danger);
    ui.marks.mark(base + ".split_error");
  }
}

}  // namespace nurture::ui
