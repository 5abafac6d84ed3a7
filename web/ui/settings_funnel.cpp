#include "web/ui/settings_funnel.hpp"

#include <algorithm>
#include <cctype>

#include <imgui.h>
#include <imgui_stdlib.h>

#include "core/commands/command.hpp"
#include "core/util/text.hpp"
#include "web/ui/format.hpp"
#include "web/ui/widgets.hpp"

namespace nurture::ui {

namespace {

const char* rule_event_label(EventType t) {
  switch (t) {
    case EventType::email_opened:
      return "Email opened";
    case EventType::email_clicked:
      return "Email link clicked";
    case EventType::email_replied:
      return "Email replied";
    case EventType::text_replied:
      return "Text replied";
    case EventType::call:
      return "Call";
    case EventType::form_submitted:
      return "Form submitted";
    case EventType::content_viewed:
      return "Content viewed";
    case EventType::appointment_booked:
      return "Consultation booked";
    case EventType::appointment_attended:
      return "Appointment attended";
    case EventType::purchase:
      return "Purchase (paid visit)";
    case EventType::review:
      return "Review left";
    default:
      break;
  }
  return nullptr;  // not offered as a rule condition
}

bool content_event(EventType t) { return t == EventType::content_viewed || t == EventType::email_clicked; }
bool send_event(EventType t) { return t == EventType::email_opened || t == EventType::email_clicked; }

std::string slug(std::string_view name) {
  std::string out;
  for (const char c : name) {
    if (std::isalnum(static_cast<unsigned char>(c)) != 0) {
      out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    } else if (!out.empty() && out.back() != '-') {
      out.push_back('-');
    }
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out.empty() ? "pipeline" : out.substr(0, 48);
}

}  // namespace

void FunnelSettings::sync(const Ui& ui) {
  if (ui.session.revision() == m_revision) return;
  m_revision = ui.session.revision();
  if (!m_dirty) m_draft = ui.session.workspace().funnel;
  if (m_selected >= m_draft.pipelines.size()) m_selected = 0;
}

void FunnelSettings::error_line(Ui& ui, const std::string& path) {
  for (const auto& [field, message] : m_errors) {
    if (field == path || field.rfind(path + ".", 0) == 0) {
      small_text(ui, message.c_str(), &ui.pal.danger);
      return;
    }
  }
}

void FunnelSettings::save(Ui& ui) {
  m_errors.clear();
  const CommandResult r = ui.mutable_session.execute(SetFunnelModel{m_draft, ui.platform.now_ms()});
  m_message_ok = r.ok;
  m_message = r.ok ? r.message + " — rules apply from now on; Ctrl+Z undoes" : r.message;
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

void FunnelSettings::pipelines(Ui& ui, float width) {
  field_label(ui, "Pipelines");
  caption(
      ui,
      "Leads go to the first pipeline covering one of their interests; the first pipeline takes the rest.");
  for (std::size_t i = 0; i < m_draft.pipelines.size(); ++i) {
    ImGui::PushID(static_cast<int>(i));
    if (ImGui::RadioButton("##edit", m_selected == i)) m_selected = i;
    ui.marks.mark("funnel.pipeline." + std::to_string(i));
    ImGui::SameLine();
    ImGui::SetNextItemWidth(std::min(width * 0.5F, ui.px(260)));
    m_dirty |= ImGui::InputText("##name", &m_draft.pipelines[i].name);
    ui.marks.mark_input("funnel.pipeline." + std::to_string(i) + ".name");
    if (i > 0) {
      ImGui::SameLine();
      if (button(ui, "Delete", ButtonKind::quiet,
                 ("funnel.pipeline." + std::to_string(i) + ".delete").c_str())) {
        m_draft.pipelines.erase(m_draft.pipelines.begin() + static_cast<std::ptrdiff_t>(i));
        m_selected = 0;
        m_dirty = true;
        ImGui::PopID();
        break;
      }
    }
    error_line(ui, "pipelines[" + std::to_string(i) + "].name");
    error_line(ui, "pipelines[" + std::to_string(i) + "].treatments");
    ImGui::PopID();
  }
  if (m_draft.pipelines.size() < k_max_pipelines &&
      button(ui, "Add a pipeline", ButtonKind::quiet, "funnel.add_pipeline")) {
    Pipeline p{"", "New pipeline", {}, default_stage_labels(), default_stage_rules()};
    std::string id = slug(p.name);
    for (int n = 2; find_pipeline(m_draft, id) != nullptr; ++n) id = slug(p.name) + "-" + std::to_string(n);
    p.id = id;
    m_draft.pipelines.push_back(std::move(p));
    m_selected = m_draft.pipelines.size() - 1;
    m_dirty = true;
  }
  // The treatments of the selected (non-default) pipeline.
  if (m_selected == 0) return;
  Pipeline& p = m_draft.pipelines[m_selected];
  gap(ui, 4);
  field_label(ui, "Treatments in this pipeline");
  for (const auto& t : ui.session.workspace().treatments) {
    if (t.deleted) continue;
    const auto it = std::find(p.treatments.begin(), p.treatments.end(), t.id);
    bool on = it != p.treatments.end();
    if (ImGui::Checkbox(t.name.c_str(), &on)) {
      if (on) {
        p.treatments.push_back(t.id);
      } else {
        p.treatments.erase(it);
      }
      m_dirty = true;
    }
    ui.marks.mark("funnel.treatment." + t.id);
  }
}

void FunnelSettings::stages(Ui& ui, float width) {
  Pipeline& p = m_draft.pipelines[m_selected];
  field_label(ui, "Stages");
  for (std::size_t s = 0; s < k_stage_count; ++s) {
    ImGui::PushID(static_cast<int>(s));
    const std::string base = "funnel.stage." + std::to_string(s);
    m_dirty |= ImGui::Checkbox("##used", &p.stages[s].used);
    ui.marks.mark(base + ".used");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ui.px(160));
    m_dirty |= ImGui::InputText("##name", &p.stages[s].name);
    ui.marks.mark_input(base + ".name");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(std::max(ui.px(120), width - ui.px(220)));
    m_dirty |= ImGui::InputTextWithHint("##description", "what this stage means", &p.stages[s].description);
    ImGui::PopID();
  }
  error_line(ui, "pipelines[" + std::to_string(m_selected) + "].stages");
}

void FunnelSettings::rules(Ui& ui, float width) {
  Pipeline& p = m_draft.pipelines[m_selected];
  field_label(ui, "Rules (a lead moves forward when any condition of a rule holds)");
  const float gap_x = ui.px(6);
  for (std::size_t r = 0; r < p.rules.size(); ++r) {
    StageRule& rule = p.rules[r];
    ImGui::PushID(static_cast<int>(r));
    const std::string base = "funnel.rule." + std::to_string(r);
    const std::string path = "pipelines[" + std::to_string(m_selected) + "].rules[" + std::to_string(r) + "]";
    small_text(ui, "Move to");
    ImGui::SameLine(0, gap_x);
    ImGui::SetNextItemWidth(ui.px(170));
    const auto to = static_cast<std::size_t>(rule.to);
    if (ImGui::BeginCombo("##to", p.stages[to].name.c_str())) {
      for (std::size_t s = 1; s < k_stage_count; ++s) {
        if (ImGui::Selectable(p.stages[s].name.c_str(), s == to)) {
          rule.to = static_cast<Stage>(s);
          m_dirty = true;
        }
      }
      ImGui::EndCombo();
    }
    ui.marks.mark(base + ".to");
    ImGui::SameLine(0, gap_x);
    if (button(ui, "Remove rule", ButtonKind::quiet, (base + ".remove").c_str())) {
      p.rules.erase(p.rules.begin() + static_cast<std::ptrdiff_t>(r));
      m_dirty = true;
      ImGui::PopID();
      break;
    }
    for (std::size_t c = 0; c < rule.any.size(); ++c) {
      RuleCondition& cond = rule.any[c];
      ImGui::PushID(static_cast<int>(c));
      const std::string cb = base + ".cond." + std::to_string(c);
      ImGui::Indent(ui.px(16));
      small_text(ui, c == 0 ? "when" : "or");
      ImGui::SameLine(0, gap_x);
      ImGui::SetNextItemWidth(ui.px(70));
      int count = static_cast<int>(cond.count);
      if (ImGui::InputInt("##count", &count, 0, 0)) {
        cond.count = static_cast<std::uint32_t>(std::clamp(count, 0, static_cast<int>(k_max_rule_count)));
        m_dirty = true;
      }
      ui.marks.mark_input(cb + ".count");
      ImGui::SameLine(0, gap_x);
      ImGui::SetNextItemWidth(ui.px(200));
      const char* current = rule_event_label(cond.type);
      if (ImGui::BeginCombo("##event",
                            current != nullptr ? current : std::string(to_string(cond.type)).c_str())) {
        for (std::size_t t = 0; t < k_event_type_count; ++t) {
          const auto type = static_cast<EventType>(t);
          const char* name = rule_event_label(type);
          if (name == nullptr) continue;
          if (ImGui::Selectable(name, type == cond.type)) {
            cond.type = type;
            if (!content_event(type)) cond.content_type.clear();
            if (!send_event(type)) cond.educational = false;
            if (type != EventType::purchase) cond.min_amount_cents = 0;
            m_dirty = true;
          }
        }
        ImGui::EndCombo();
      }
      ui.marks.mark(cb + ".event");
      if (content_event(cond.type)) {
        ImGui::SameLine(0, gap_x);
        ImGui::SetNextItemWidth(ui.px(150));
        if (ImGui::BeginCombo("##kind",
                              cond.content_type.empty() ? "any content" : cond.content_type.c_str())) {
          if (ImGui::Selectable("any content", cond.content_type.empty())) {
            cond.content_type.clear();
            m_dirty = true;
          }
          for (std::size_t k = 0; k < k_content_kind_count; ++k) {
            const std::string kind(to_string(static_cast<ContentKind>(k)));
            if (ImGui::Selectable(kind.c_str(), kind == cond.content_type)) {
              cond.content_type = kind;
              m_dirty = true;
            }
          }
          ImGui::EndCombo();
        }
      }
      if (send_event(cond.type)) {
        ImGui::SameLine(0, gap_x);
        m_dirty |= ImGui::Checkbox("educational only", &cond.educational);
      }
      if (cond.type == EventType::purchase) {
        ImGui::SameLine(0, gap_x);
        ImGui::SetNextItemWidth(ui.px(110));
        double dollars = static_cast<double>(cond.min_amount_cents) / 100.0;
        if (ImGui::InputDouble("min $", &dollars, 0, 0, "%.0f")) {
          cond.min_amount_cents = static_cast<std::int64_t>(std::max(0.0, dollars) * 100.0);
          m_dirty = true;
        }
      }
      ImGui::SameLine(0, gap_x);
      if (button(ui, "×", ButtonKind::quiet, (cb + ".remove").c_str())) {
        rule.any.erase(rule.any.begin() + static_cast<std::ptrdiff_t>(c));
        m_dirty = true;
        ImGui::Unindent(ui.px(16));
        ImGui::PopID();
        break;
      }
      error_line(ui, path + ".any[" + std::to_string(c) + "]");
      ImGui::Unindent(ui.px(16));
      ImGui::PopID();
    }
    ImGui::Indent(ui.px(16));
    if (rule.any.size() < k_max_rule_conditions &&
        button(ui, "Add a condition", ButtonKind::quiet, (base + ".add").c_str())) {
      rule.any.push_back({EventType::email_opened, 1, "", false, 0});
      m_dirty = true;
    }
    ImGui::Unindent(ui.px(16));
    error_line(ui, path + ".any");
    error_line(ui, path + ".to");
    ImGui::PopID();
    gap(ui, 4);
  }
  (void)width;
  if (p.rules.size() < k_max_stage_rules && button(ui, "Add a rule", ButtonKind::quiet, "funnel.add_rule")) {
    p.rules.push_back({Stage::consideration, {{EventType::form_submitted, 1, "", false, 0}}});
    m_dirty = true;
  }
}

void FunnelSettings::draw(Ui& ui, float width) {
  sync(ui);
  Card card(ui, width);
  heading(ui, "Funnel");
  const float inner = card.inner_width();
  if (!m_open && !m_dirty) {
    for (const auto& p : m_draft.pipelines) {
      std::string names;
      for (const auto& s : p.stages) {
        if (!s.used) continue;
        if (!names.empty()) names += " → ";
        names += s.name;
      }
      const std::string line =
          p.name + ": " + names + " (" + count_noun(p.rules.size(), "rule", "rules") + ")";
      paragraph(ui, line.c_str());
    }
    paragraph(
        ui,
        "Rules move leads forward on their own as events come in; every move is dated in the lead's history.",
        true);
    gap(ui, 6);
    if (button(ui, "Edit the funnel", ButtonKind::secondary, "funnel.edit")) m_open = true;
    if (!m_message.empty())
      small_text(ui, m_message.c_str(), m_message_ok ? &ui.pal.success : &ui.pal.danger);
    return;
  }
  if (!ui.editable()) ImGui::BeginDisabled();
  pipelines(ui, inner);
  gap(ui, 12);
  stages(ui, inner);
  gap(ui, 12);
  rules(ui, inner);
  if (!ui.editable()) ImGui::EndDisabled();
  gap(ui, 12);
  if (button(ui, "Save funnel", ButtonKind::primary, "funnel.save", ui.editable() && m_dirty)) save(ui);
  ImGui::SameLine();
  if (button(ui, m_dirty ? "Discard changes" : "Done", ButtonKind::secondary, "funnel.discard")) {
    m_open = false;
    m_dirty = false;
    m_errors.clear();
    m_message.clear();
    m_draft = ui.session.workspace().funnel;
    m_selected = 0;
  }
  ImGui::SameLine();
  if (button(ui, "Reset to defaults", ButtonKind::quiet, "funnel.reset", ui.editable())) {
    m_draft = default_funnel_model();
    m_selected = 0;
    m_dirty = true;
    save(ui);
  }
  if (!m_message.empty()) small_text(ui, m_message.c_str(), m_message_ok ? &ui.pal.success : &ui.pal.danger);
}

}  // namespace nurture::ui
