#include "web/ui/settings_scoring.hpp"

#include <algorithm>

#include <imgui.h>
#include <imgui_stdlib.h>

#include "core/commands/command.hpp"
#include "core/util/text.hpp"
#include "web/ui/format.hpp"
#include "web/ui/widgets.hpp"

namespace nurture::ui {

namespace {

const char* decay_label(Decay d) {
  switch (d) {
    case Decay::none:
      return "Never fades";
    case Decay::half_life:
      return "Half-life";
    case Decay::expiry:
      return "Expires";
  }
  return "";
}

const char* action_label(ThresholdAction a) {
  switch (a) {
    case ThresholdAction::move_stage:
      return "Move to stage";
    case ThresholdAction::add_tag:
      return "Add tag";
    case ThresholdAction::enrol_sequence:
      return "Enrol in sequence";
  }
  return "";
}

// A combo over the model's groups; `allow_total` adds "Total score" (the empty id) first.
bool group_combo(const char* id, std::string& group, const ScoringModel& m, float width, bool allow_total) {
  const auto name_of = [&](const std::string& g) -> std::string {
    if (g.empty()) return "Total score";
    for (const auto& x : m.groups) {
      if (x.id == g) return x.name;
    }
    return g + " (missing)";
  };
  bool changed = false;
  ImGui::SetNextItemWidth(width);
  if (ImGui::BeginCombo(id, name_of(group).c_str())) {
    if (allow_total && ImGui::Selectable("Total score", group.empty())) {
      group.clear();
      changed = true;
    }
    for (const auto& x : m.groups) {
      if (ImGui::Selectable(x.name.c_str(), x.id == group)) {
        group = x.id;
        changed = true;
      }
    }
    ImGui::EndCombo();
  }
  return changed;
}

template <class E, std::size_t N>
bool enum_combo(const char* id, E& value, std::size_t count, const char* (*label)(E), float width) {
  (void)N;
  bool changed = false;
  ImGui::SetNextItemWidth(width);
  if (ImGui::BeginCombo(id, label(value))) {
    for (std::size_t i = 0; i < count; ++i) {
      const auto v = static_cast<E>(i);
      if (ImGui::Selectable(label(v), v == value)) {
        value = v;
        changed = true;
      }
    }
    ImGui::EndCombo();
  }
  return changed;
}

bool number(const char* id, double& value, float width) {
  ImGui::SetNextItemWidth(width);
  return ImGui::InputDouble(id, &value, 0, 0, "%.0f");
}

}  // namespace

void ScoringSettings::sync(const Ui& ui) {
  // The stored model replaces the draft when it changes elsewhere (undo, a merge) and the
  // draft has no edits of its own.
  if (ui.session.revision() == m_revision) return;
  m_revision = ui.session.revision();
  if (!m_dirty) m_draft = ui.session.workspace().scoring;
}

void ScoringSettings::error_line(Ui& ui, const std::string& path) {
  for (const auto& [field, message] : m_errors) {
    if (field == path || field.rfind(path + ".", 0) == 0) {
      small_text(ui, message.c_str(), &ui.pal.danger);
      return;
    }
  }
}

void ScoringSettings::save(Ui& ui) {
  m_errors.clear();
  const CommandResult r = ui.mutable_session.execute(SetScoringModel{m_draft, ui.platform.now_ms()});
  m_message_ok = r.ok;
  m_message = r.ok ? r.message + " — scores update everywhere; Ctrl+Z undoes" : r.message;
  for (const auto& e : r.field_errors) {
    m_errors[e.field] = e.message;
    if (!r.ok) m_message = r.message + ": " + e.field + " " + e.message;
  }
  if (r.ok) {
    m_dirty = false;
    m_open = false;
    m_revision = ~std::uint64_t{0};
  }
  ui.announce(m_message);
}

void ScoringSettings::groups(Ui& ui, float width) {
  field_label(ui, "Score groups");
  for (std::size_t i = 0; i < m_draft.groups.size(); ++i) {
    ImGui::PushID(static_cast<int>(i));
    ImGui::SetNextItemWidth(std::min(width * 0.5F, ui.px(260)));
    m_dirty |= ImGui::InputText("##group_name", &m_draft.groups[i].name);
    ImGui::SameLine();
    small_text(ui, ("score." + m_draft.groups[i].id).c_str());
    ImGui::SameLine();
    if (button(ui, "Remove", ButtonKind::quiet)) {
      m_draft.groups.erase(m_draft.groups.begin() + static_cast<std::ptrdiff_t>(i));
      m_dirty = true;
      ImGui::PopID();
      break;
    }
    error_line(ui, "groups[" + std::to_string(i) + "]");
    ImGui::PopID();
  }
  if (m_draft.groups.size() < k_max_score_groups &&
      button(ui, "Add a group", ButtonKind::quiet, "scoring.add_group")) {
    std::string id = "group-" + std::to_string(m_draft.groups.size() + 1);
    m_draft.groups.push_back({id, "New group"});
    m_dirty = true;
  }
}

void ScoringSettings::event_rules(Ui& ui, float width) {
  field_label(ui, "Points for activity");
  caption(ui,
          "Each matching event gives its points; half-life fades them (half after N days), expiry drops them "
          "after N days; a cap limits one rule's total per lead.");
  const float gap_x = ui.px(8);
  for (std::size_t i = 0; i < m_draft.event_rules.size(); ++i) {
    auto& r = m_draft.event_rules[i];
    ImGui::PushID(static_cast<int>(i));
    ImGui::SetNextItemWidth(width * 0.45F);
    m_dirty |= ImGui::InputTextWithHint("##label", "What it rewards", &r.label);
    ImGui::SameLine(0, gap_x);
    m_dirty |= group_combo("##group", r.group, m_draft, width * 0.2F, false);
    ImGui::SameLine(0, gap_x);
    ImGui::SetNextItemWidth(width * 0.25F);
    if (ImGui::BeginCombo("##event", event_label(r.event))) {
      for (std::size_t t = 0; t < k_event_type_count; ++t) {
        const auto type = static_cast<EventType>(t);
        if (ImGui::Selectable(event_label(type), type == r.event)) {
          r.event = type;
          m_dirty = true;
        }
      }
      ImGui::EndCombo();
    }
    ImGui::SameLine(0, gap_x);
    if (button(ui, "×", ButtonKind::quiet)) {
      m_draft.event_rules.erase(m_draft.event_rules.begin() + static_cast<std::ptrdiff_t>(i));
      m_dirty = true;
      ImGui::PopID();
      break;
    }
    ImGui::SetNextItemWidth(width * 0.3F);
    m_dirty |= ImGui::InputTextWithHint("##where", "Only where… e.g. seconds >= 60", &r.where);
    ImGui::SameLine(0, gap_x);
    ImGui::AlignTextToFramePadding();
    small_text(ui, "points");
    ImGui::SameLine(0, gap_x);
    m_dirty |= number("##points", r.points, ui.px(56));
    ImGui::SameLine(0, gap_x);
    m_dirty |= enum_combo<Decay, 3>("##decay", r.decay, k_decay_count, decay_label, ui.px(120));
    if (r.decay != Decay::none) {
      ImGui::SameLine(0, gap_x);
      int days = static_cast<int>(r.decay_days);
      ImGui::SetNextItemWidth(ui.px(56));
      if (ImGui::InputInt("##days", &days, 0)) {
        r.decay_days = static_cast<std::uint32_t>(std::clamp(days, 0, 36500));
        m_dirty = true;
      }
      ImGui::SameLine(0, ui.px(4));
      ImGui::AlignTextToFramePadding();
      small_text(ui, "days");
    }
    ImGui::SameLine(0, gap_x);
    ImGui::AlignTextToFramePadding();
    small_text(ui, "cap");
    ImGui::SameLine(0, ui.px(4));
    m_dirty |= number("##cap", r.max_points, ui.px(56));
    error_line(ui, "event_rules[" + std::to_string(i) + "]");
    gap(ui, 6);
    ImGui::PopID();
  }
  if (button(ui, "Add an activity rule", ButtonKind::quiet, "scoring.add_event_rule") &&
      !m_draft.groups.empty()) {
    m_draft.event_rules.push_back(
        {m_draft.groups.front().id, "", EventType::email_clicked, "", 5, Decay::half_life, 30, 0});
    m_dirty = true;
  }
}

void ScoringSettings::fit_rules(Ui& ui, float width) {
  field_label(ui, "Points for fit");
  caption(ui, "Leads matching a condition (the segment language, without scores) get the points.");
  const float gap_x = ui.px(8);
  for (std::size_t i = 0; i < m_draft.fit_rules.size(); ++i) {
    auto& r = m_draft.fit_rules[i];
    ImGui::PushID(static_cast<int>(i + 1000));
    ImGui::SetNextItemWidth(width * 0.3F);
    m_dirty |= ImGui::InputTextWithHint("##label", "What it means", &r.label);
    ImGui::SameLine(0, gap_x);
    ImGui::SetNextItemWidth(width * 0.38F);
    m_dirty |= ImGui::InputTextWithHint("##condition", "e.g. age between 30 and 60", &r.condition);
    ImGui::SameLine(0, gap_x);
    m_dirty |= group_combo("##group", r.group, m_draft, width * 0.14F, false);
    ImGui::SameLine(0, gap_x);
    m_dirty |= number("##points", r.points, ui.px(56));
    ImGui::SameLine(0, gap_x);
    if (button(ui, "×", ButtonKind::quiet)) {
      m_draft.fit_rules.erase(m_draft.fit_rules.begin() + static_cast<std::ptrdiff_t>(i));
      m_dirty = true;
      ImGui::PopID();
      break;
    }
    error_line(ui, "fit_rules[" + std::to_string(i) + "]");
    ImGui::PopID();
  }
  if (button(ui, "Add a fit rule", ButtonKind::quiet, "scoring.add_fit_rule") && !m_draft.groups.empty()) {
    m_draft.fit_rules.push_back({m_draft.groups.back().id, "", "", 5});
    m_dirty = true;
  }
}

void ScoringSettings::thresholds(Ui& ui, float width) {
  field_label(ui, "Thresholds");
  caption(ui,
          "When a score reaches a value: move the lead forward a stage, tag it, or enrol it in a sequence.");
  const float gap_x = ui.px(8);
  for (std::size_t i = 0; i < m_draft.thresholds.size(); ++i) {
    auto& t = m_draft.thresholds[i];
    ImGui::PushID(static_cast<int>(i + 2000));
    ImGui::AlignTextToFramePadding();
    small_text(ui, "When");
    ImGui::SameLine(0, gap_x);
    m_dirty |= group_combo("##group", t.group, m_draft, width * 0.2F, true);
    ImGui::SameLine(0, gap_x);
    ImGui::AlignTextToFramePadding();
    small_text(ui, "reaches");
    ImGui::SameLine(0, gap_x);
    m_dirty |= number("##at", t.at, ui.px(56));
    ImGui::SameLine(0, gap_x);
    m_dirty |= enum_combo<ThresholdAction, 3>("##action", t.action, k_threshold_action_count, action_label,
                                              ui.px(160));
    ImGui::SameLine(0, gap_x);
    if (t.action == ThresholdAction::move_stage) {
      m_dirty |= enum_combo<Stage, 5>("##stage", t.stage, k_stage_count, stage_label, ui.px(140));
    } else {
      ImGui::SetNextItemWidth(ui.px(140));
      m_dirty |= ImGui::InputTextWithHint(
          "##value", t.action == ThresholdAction::add_tag ? "tag" : "sequence id", &t.value);
    }
    ImGui::SameLine(0, gap_x);
    if (button(ui, "×", ButtonKind::quiet)) {
      m_draft.thresholds.erase(m_draft.thresholds.begin() + static_cast<std::ptrdiff_t>(i));
      m_dirty = true;
      ImGui::PopID();
      break;
    }
    error_line(ui, "thresholds[" + std::to_string(i) + "]");
    ImGui::PopID();
  }
  if (button(ui, "Add a threshold", ButtonKind::quiet, "scoring.add_threshold")) {
    m_draft.thresholds.push_back({"", 50, ThresholdAction::add_tag, Stage::consideration, "hot-lead"});
    m_dirty = true;
  }
}

void ScoringSettings::draw(Ui& ui, float width) {
  sync(ui);
  Card card(ui, width);
  heading(ui, "Lead scoring");
  const float inner = card.inner_width();
  if (m_draft.empty() && !m_dirty) {
    paragraph(
        ui,
        "Scores rank leads by how engaged they are and how well they fit, so the front desk calls the right "
        "people first. Points come from opens, clicks, replies, reading time and bookings (fading with time) "
        "and from attributes such as age or interest.",
        true);
    gap(ui, 6);
    if (button(ui, "Use the recommended model", ButtonKind::primary, "scoring.recommended", ui.editable())) {
      m_draft = demo_scoring_model();
      save(ui);
    }
    ImGui::SameLine();
    if (button(ui, "Start from scratch", ButtonKind::secondary, "scoring.blank", ui.editable())) {
      m_draft.groups = {{"engagement", "Engagement"}};
      m_dirty = true;
    }
    if (!m_message.empty())
      small_text(ui, m_message.c_str(), m_message_ok ? &ui.pal.success : &ui.pal.danger);
    return;
  }
  // Folded, the model is a summary; the rules open on demand (the settings page stays short).
  if (!m_open && !m_dirty) {
    for (const auto& g : m_draft.groups) {
      const auto rules = std::count_if(m_draft.event_rules.begin(), m_draft.event_rules.end(),
                                       [&](const EventRule& r) { return r.group == g.id; });
      const auto fits = std::count_if(m_draft.fit_rules.begin(), m_draft.fit_rules.end(),
                                      [&](const FitRule& r) { return r.group == g.id; });
      const std::string line =
          g.name + " (score." + g.id +
          "): " + count_noun(static_cast<std::size_t>(rules), "activity rule", "activity rules") + ", " +
          count_noun(static_cast<std::size_t>(fits), "fit rule", "fit rules");
      paragraph(ui, line.c_str());
    }
    const std::string th = count_noun(m_draft.thresholds.size(), "threshold", "thresholds") +
                           " move stages or tag leads when scores are reached.";
    paragraph(ui, th.c_str(), true);
    gap(ui, 6);
    if (button(ui, "Edit the rules", ButtonKind::secondary, "scoring.edit")) m_open = true;
    if (!m_message.empty())
      small_text(ui, m_message.c_str(), m_message_ok ? &ui.pal.success : &ui.pal.danger);
    return;
  }
  if (!ui.editable()) ImGui::BeginDisabled();
  groups(ui, inner);
  gap(ui, 12);
  event_rules(ui, inner);
  gap(ui, 12);
  fit_rules(ui, inner);
  gap(ui, 12);
  thresholds(ui, inner);
  if (!ui.editable()) ImGui::EndDisabled();
  gap(ui, 12);
  if (button(ui, "Save scoring", ButtonKind::primary, "scoring.save", ui.editable() && m_dirty)) save(ui);
  ImGui::SameLine();
  if (button(ui, m_dirty ? "Discard changes" : "Done", ButtonKind::secondary, "scoring.discard")) {
    m_open = false;
    m_dirty = false;
    m_errors.clear();
    m_message.clear();
    m_draft = ui.session.workspace().scoring;
  }
  if (!m_message.empty()) small_text(ui, m_message.c_str(), m_message_ok ? &ui.pal.success : &ui.pal.danger);
}

}  // namespace nurture::ui
