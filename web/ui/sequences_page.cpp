// Sequences: the list with live numbers, playbooks, and one sequence opened as a flow. The
// empty state explains what a sequence is before the first exists.
#include "web/ui/sequences_page.hpp"

#include <algorithm>

#include <imgui.h>
#include <nlohmann/json.hpp>

#include "core/commands/command.hpp"
#include "core/io/sequence_json.hpp"
#include "core/segment/engine.hpp"
#include "core/sequence/activation.hpp"
#include "core/sequence/sequence_text.hpp"
#include "core/sequence/template_lint.hpp"
#include "core/util/text.hpp"
#include "web/ui/catalog_editing.hpp"
#include "web/ui/empty_state.hpp"
#include "web/ui/format.hpp"
#include "web/ui/widgets.hpp"

namespace nurture::ui {

namespace {

bool any_live(const Workspace& ws) {
  return std::any_of(ws.sequences.begin(), ws.sequences.end(), [](const Sequence& s) { return !s.deleted; });
}

const char* status_label(SequenceStatus s) {
  switch (s) {
    case SequenceStatus::draft:
      return "Draft";
    case SequenceStatus::active:
      return "Active";
    case SequenceStatus::paused:
      return "Paused";
  }
  return "";
}

const ImVec4& status_colour(const Ui& ui, SequenceStatus s) {
  return s == SequenceStatus::active ? ui.pal.success
                                     : (s == SequenceStatus::paused ? ui.pal.warning : ui.pal.muted);
}

}  // namespace

void SequencesPage::say(Ui& ui, std::string message, bool ok) {
  m_message = std::move(message);
  m_message_ok = ok;
  ui.announce(m_message);
}

void SequencesPage::load_playbooks(Ui& ui) {
  m_playbooks_loaded = true;
  m_playbooks.clear();
  m_playbook_error.clear();
  const std::string text = ui.platform.read_asset("playbooks/index.json");
  const auto j = nlohmann::json::parse(text, nullptr, false);
  const nlohmann::json* list = &j;
  if (j.is_object() && j.contains("playbooks")) list = &j["playbooks"];
  if (!list->is_array()) {
    m_playbook_error = "The playbooks that come with Nurture could not be read.";
    return;
  }
  for (const auto& e : *list) {
    if (!e.is_object()) continue;
    Playbook p;
    p.file = e.value("file", "");
    p.title = e.value("title", "");
    p.summary = e.value("summary", "");
    p.category = e.value("category", "");
    if (!p.file.empty()) m_playbooks.push_back(std::move(p));
  }
}

void SequencesPage::add_playbook(Ui& ui, const Playbook& playbook) {
  const Workspace& ws = ui.session.workspace();
  auto seq = sequence_from_json_text(ui.platform.read_asset("playbooks/" + playbook.file));
  if (!seq) {
    say(ui, "The playbook \"" + playbook.title + "\" could not be read: " + seq.error().message, false);
    return;
  }
  Sequence s = std::move(seq).value();
  // A second copy of a playbook gets its own id and name, so both can be edited apart.
  s.id = new_catalog_id(ws.sequences, s.id.empty() ? "sequence" : s.id);
  const std::string base = s.name;
  const auto taken = [&](const std::string& name) {
    return std::any_of(ws.sequences.begin(), ws.sequences.end(),
                       [&](const Sequence& o) { return !o.deleted && same_segment_name(o.name, name); });
  };
  for (int n = 2; taken(s.name); ++n) s.name = base + " (" + std::to_string(n) + ")";
  s.status = SequenceStatus::draft;
  s.activated_at = 0;
  const CommandResult r = ui.mutable_session.execute(PutSequence{s, ui.platform.now_ms()});
  if (r.ok) {
    m_open = s.id;
    m_show_playbooks = false;
    say(ui, "Added \"" + s.name + "\" as a draft — read it through, then activate it. Ctrl+Z undoes", true);
  } else {
    say(ui, r.message, false);
  }
}

void SequencesPage::set_status(Ui& ui, const Sequence& seq, SequenceStatus status) {
  const CommandResult r = ui.mutable_session.execute(SetSequenceStatus{seq.id, status, ui.platform.now_ms()});
  m_problems = r.field_errors;
  if (r.ok) {
    say(ui, r.message + " — Ctrl+Z undoes", true);
  } else {
    say(ui, r.message, false);
  }
}

void SequencesPage::remove(Ui& ui, const Sequence& seq) {
  const CommandResult r =
      ui.mutable_session.execute(DeleteCatalogItem{CatalogKind::sequence, seq.id, ui.platform.now_ms()});
  if (r.ok) m_open.clear();
  say(ui, r.ok ? "Sequence deleted — Ctrl+Z brings it back" : r.message, r.ok);
}

void SequencesPage::draw_playbooks(Ui& ui, float width) {
  if (!m_playbooks_loaded) load_playbooks(ui);
  Card card(ui, width);
  heading(ui, "Start from a playbook");
  caption(
      ui,
      "Each playbook is a complete sequence written the way a careful practice writes: compliant wording, "
      "sensible timing and exits. It arrives as a draft you can read and change before it sends anything.");
  gap(ui, 6);
  if (!m_playbook_error.empty()) caption(ui, m_playbook_error.c_str(), &ui.pal.danger);
  const float inner = card.inner_width();
  std::string category;
  for (const auto& p : m_playbooks) {
    if (p.category != category) {
      category = p.category;
      gap(ui, 4);
      small_text(ui, category.c_str());
    }
    ImGui::PushID(p.file.c_str());
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    ImGui::PushFont(ui.fonts.strong);
    const float add_w = ImGui::CalcTextSize("Add").x + ui.px(32);
    ImGui::PopFont();
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + inner - add_w - ui.px(12));
    label(ui, p.title.c_str());
    caption(ui, p.summary.c_str());
    ImGui::PopTextWrapPos();
    const float bottom = ImGui::GetCursorScreenPos().y;
    ImGui::SetCursorScreenPos(ImVec2(pos.x + inner - add_w, pos.y + ui.px(2)));
    if (button(ui, "Add", ButtonKind::secondary, ("sequences.playbook." + p.file).c_str(), ui.editable()))
      add_playbook(ui, p);
    ImGui::SetCursorScreenPos(ImVec2(pos.x, std::max(bottom, ImGui::GetCursorScreenPos().y)));
    ImGui::Dummy(ImVec2(0, 0));
    ImGui::PopID();
    gap(ui, 4);
  }
}

void SequencesPage::draw_list(Ui& ui, const SequenceRuntime& rt, float width) {
  const Workspace& ws = ui.session.workspace();
  if (button(ui, m_show_playbooks ? "Hide playbooks" : "Add from a playbook", ButtonKind::primary,
             "sequences.add_playbook", ui.editable()))
    m_show_playbooks = !m_show_playbooks;
  if (!m_message.empty()) {
    gap(ui, 4);
    caption(ui, m_message.c_str(), m_message_ok ? &ui.pal.success : &ui.pal.danger);
  }
  gap(ui, 10);
  if (m_show_playbooks) {
    draw_playbooks(ui, width);
    gap(ui, 12);
  }
  ImDrawList* dl = ImGui::GetWindowDrawList();
  for (const auto& s : ws.sequences) {
    if (s.deleted) continue;
    const auto n = rt.numbers(s.id);
    ImGui::PushID(s.id.c_str());
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    const float h = ui.px(66);
    const bool pressed = ImGui::InvisibleButton("row", ImVec2(width, h));
    ui.marks.mark("sequences.item." + s.id);
    const bool hovered = ImGui::IsItemHovered();
    dl->AddRectFilled(pos, ImVec2(pos.x + width, pos.y + h), col(hovered ? ui.pal.hover : ui.pal.card),
                      ui.px(8));
    dl->AddRect(pos, ImVec2(pos.x + width, pos.y + h), col(ui.pal.border), ui.px(8));
    const float pad = ui.px(14);
    ImGui::PushFont(ui.fonts.strong);
    const char* status = status_label(s.status);
    const float status_w = ImGui::CalcTextSize(status).x;
    dl->PushClipRect(pos, ImVec2(pos.x + width - status_w - 2 * pad, pos.y + h), true);
    dl->AddText(ImVec2(pos.x + pad, pos.y + ui.px(11)), col(ui.pal.text), s.name.c_str());
    dl->PopClipRect();
    dl->AddText(ImVec2(pos.x + width - pad - status_w, pos.y + ui.px(11)), col(status_colour(ui, s.status)),
                status);
    ImGui::PopFont();
    ImGui::PushFont(ui.fonts.small);
    const std::string sub = trigger_summary(ws, s) + "  ·  " + count_noun(s.steps.size(), "step", "steps") +
                            "  ·  " + format_count(n.running) + " in it  ·  " +
                            format_count(n.due + n.later) + " due today" +
                            (n.held > 0 ? "  ·  " + format_count(n.held) + " held" : "");
    dl->PushClipRect(pos, ImVec2(pos.x + width - pad, pos.y + h), true);
    dl->AddText(ImVec2(pos.x + pad, pos.y + ui.px(39)), col(ui.pal.muted), sub.c_str());
    dl->PopClipRect();
    ImGui::PopFont();
    if (pressed) {
      m_open = s.id;
      m_problems.clear();
      m_message.clear();
    }
    ImGui::PopID();
    gap(ui, 6);
  }
}

void SequencesPage::draw_enrol(Ui& ui, const SegmentRuntime& segments, const Sequence& seq, float width) {
  const Workspace& ws = ui.session.workspace();
  Card card(ui, width);
  heading(ui, "Enrol leads");
  caption(ui,
          "Enrol everyone in a saved segment now. Each lead walks the steps on their own clock; whoever is "
          "already in the sequence, or may not enter again, is left out.");
  gap(ui, 4);
  const SavedSegment* chosen = find_item(ws.segments, m_enrol_segment);
  ImGui::SetNextItemWidth(std::min(card.inner_width(), ui.px(320)));
  if (ImGui::BeginCombo("##segment", chosen != nullptr ? chosen->name.c_str() : "Choose a saved segment")) {
    for (const auto& s : ws.segments) {
      if (s.deleted) continue;
      if (ImGui::Selectable(s.name.c_str(), s.id == m_enrol_segment)) m_enrol_segment = s.id;
      ui.marks.mark("sequences.enrol_segment." + s.id);
    }
    ImGui::EndCombo();
  }
  ui.marks.mark("sequences.enrol_segment");
  const auto* state = chosen != nullptr ? segments.saved_state(chosen->id) : nullptr;
  ImGui::SameLine();
  const std::string label_text =
      state != nullptr ? "Enrol " + count_noun(state->count, "lead", "leads") : std::string("Enrol");
  if (button(ui, label_text.c_str(), ButtonKind::primary, "sequences.enrol",
             ui.editable() && state != nullptr && state->error.empty() && state->count > 0)) {
    for (const auto& entry : segments.parsed().entries()) {
      if (entry.segment.id != chosen->id || !entry.query.ok()) continue;
      auto members =
          segment::evaluate(entry.query.value(), entry.segment.query, segments.context(ws), segments.cache());
      if (!members) break;
      std::vector<LeadId> leads;
      members.value().for_each([&](std::uint32_t row) { leads.push_back(ws.leads.id(row)); });
      const UnixMillis now = ui.platform.now_ms();
      const CommandResult r =
          ui.mutable_session.execute(Enroll{seq.id, std::move(leads), now, "segment: " + chosen->name, now});
      say(ui, r.ok ? r.message + " — Ctrl+Z undoes" : r.message, r.ok);
    }
  }
  if (seq.status != SequenceStatus::active)
    caption(ui, "Touches start once the sequence is active.", &ui.pal.warning);
}

void SequencesPage::draw_sequence(Ui& ui, const SegmentRuntime& segments, const SequenceRuntime& rt,
                                  const Sequence& seq, float width) {
  const Workspace& ws = ui.session.workspace();
  if (button(ui, "All sequences", ButtonKind::quiet, "sequences.back")) {
    m_open.clear();
    return;
  }
  gap(ui, 6);
  if (m_structure.editing(seq.id)) {
    m_structure.draw(ui, seq, width);
    // After the last use of `seq`: saving the draft replaces it.
    if (std::string outcome = m_structure.commit(ui); !outcome.empty()) say(ui, std::move(outcome), true);
    return;
  }
  const auto lint = lint_sequence(seq, ws);
  {
    Card card(ui, width);
    const float inner = card.inner_width();
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + inner);
    ImGui::PushFont(ui.fonts.title);
    ImGui::TextUnformatted(seq.name.c_str());
    ImGui::PopFont();
    ImGui::PushStyleColor(ImGuiCol_Text, status_colour(ui, seq.status));
    label(ui, status_label(seq.status));
    ImGui::PopStyleColor();
    if (!seq.description.empty()) paragraph(ui, seq.description.c_str(), true);
    const auto n = rt.numbers(seq.id);
    caption(ui, (format_count(n.running) + " in it now  ·  " + format_count(n.enrolled) +
                 " enrolled ever  ·  " + format_count(n.due + n.later) + " due today  ·  " +
                 format_count(n.held) + " held back  ·  " + format_count(n.handled) + " touches handled")
                    .c_str());
    gap(ui, 4);
    caption(
        ui,
        ("Starts: " + trigger_summary(ws, seq) + ".  Stops early: " + goal_summary(ws, seq) + ".").c_str());
    caption(ui, ("Sends " + window_summary(seq.window) + ", in each lead's own time zone.").c_str());
    ImGui::PopTextWrapPos();
    gap(ui, 8);
    const bool editable = ui.editable();
    if (seq.status == SequenceStatus::active) {
      if (button(ui, "Pause", ButtonKind::secondary, "sequences.pause", editable))
        set_status(ui, seq, SequenceStatus::paused);
    } else {
      if (button(ui, seq.status == SequenceStatus::paused ? "Resume" : "Activate", ButtonKind::primary,
                 "sequences.activate", editable))
        set_status(ui, seq, SequenceStatus::active);
    }
    // Running enrolments walk the steps by id, so the structure changes only while paused
    // (PutSequence refuses step changes to an active sequence too).
    if (seq.status != SequenceStatus::active) {
      ImGui::SameLine();
      if (button(ui, "Edit sequence", ButtonKind::secondary, "sequences.edit_structure", editable)) {
        m_structure.start(seq);
        m_editor.close();
        m_message.clear();
        m_problems.clear();
      }
    }
    ImGui::SameLine();
    if (button(ui, "Delete", ButtonKind::quiet, "sequences.delete", editable)) {
      remove(ui, seq);
      return;
    }
    if (seq.status == SequenceStatus::active) {
      gap(ui, 2);
      caption(ui, "Pause the sequence to change its steps: leads in it walk them one by one.");
      ui.marks.mark("sequences.edit_hint");
    }
    if (!m_message.empty()) {
      gap(ui, 4);
      caption(ui, m_message.c_str(), m_message_ok ? &ui.pal.success : &ui.pal.danger);
    }
    if (!m_problems.empty() || !lint.empty()) {
      gap(ui, 6);
      small_text(ui, "Checks");
      ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + inner);
      for (const auto& p : m_problems) {
        if (p.field.rfind("lint", 0) == 0) continue;  // the lint is listed below with positions
        caption(ui, (p.field + ": " + p.message).c_str(), &ui.pal.danger);
      }
      for (const auto& m : lint)
        caption(ui, lint_line(seq, m).c_str(), m.error ? &ui.pal.danger : &ui.pal.warning);
      ImGui::PopTextWrapPos();
    }
  }
  gap(ui, 12);
  draw_enrol(ui, segments, seq, width);
  gap(ui, 12);
  draw_steps(ui, seq, width);
  // After the last use of `seq`: saving the editor's draft replaces it.
  if (std::string outcome = m_editor.commit(ui); !outcome.empty()) say(ui, std::move(outcome), true);
}

void SequencesPage::draw_steps(Ui& ui, const Sequence& seq, float width) {
  Card card(ui, width);
  heading(ui, "Steps");
  gap(ui, 4);
  const float inner = card.inner_width();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  for (std::size_t i = 0; i < seq.steps.size(); ++i) {
    const Step& step = seq.steps[i];
    ImGui::PushID(static_cast<int>(i));
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    // The flow's spine: a numbered dot per step, joined by a line to the next.
    const float dot_x = pos.x + ui.px(12);
    const ImVec2 dot(dot_x, pos.y + ui.px(11));
    dl->AddCircleFilled(dot, ui.px(11),
                        col(step.kind == StepKind::message ? ui.pal.accent : ui.pal.accent_soft), 20);
    const std::string number = std::to_string(i + 1);
    ImGui::PushFont(ui.fonts.small);
    const ImVec2 nsz = ImGui::CalcTextSize(number.c_str());
    dl->AddText(ImVec2(dot.x - nsz.x * 0.5F, dot.y - nsz.y * 0.5F),
                col(step.kind == StepKind::message ? ui.pal.accent_text : ui.pal.accent), number.c_str());
    ImGui::PopFont();
    const float text_x = ui.px(34);
    ImGui::SetCursorScreenPos(ImVec2(pos.x + text_x, pos.y));
    ImGui::BeginGroup();
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + inner - text_x);
    label(ui, step_title(step).c_str());
    caption(ui, step_detail(seq, step).c_str());
    if (step.kind == StepKind::message && m_editor.is_open(seq.id, step.id)) {
      ImGui::PopTextWrapPos();
      m_editor.draw(ui, seq, inner - text_x);
      ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + inner - text_x);
    } else if (step.kind == StepKind::message) {
      const std::string body =
          step.message.body.size() > 280 ? step.message.body.substr(0, 280) + "…" : step.message.body;
      ImGui::PushStyleColor(ImGuiCol_Text, ui.pal.muted);
      ImGui::TextUnformatted(body.c_str());
      ImGui::PopStyleColor();
      if (button(ui, "Edit", ButtonKind::quiet, ("sequences.edit." + step.id).c_str(), ui.editable()))
        m_editor.open(seq, step);
    }
    ImGui::PopTextWrapPos();
    ImGui::EndGroup();
    const float bottom = ImGui::GetItemRectMax().y + ui.px(12);
    if (i + 1 < seq.steps.size())
      dl->AddLine(ImVec2(dot_x, dot.y + ui.px(11)), ImVec2(dot_x, bottom + ui.px(1)), col(ui.pal.border),
                  ui.px(2));
    ImGui::SetCursorScreenPos(ImVec2(pos.x, bottom));
    ImGui::Dummy(ImVec2(0, 0));  // an item at the new cursor, so the card's extent includes it
    ImGui::PopID();
  }
}

void SequencesPage::draw(Ui& ui, const SegmentRuntime& segments, const SequenceRuntime& rt) {
  const Workspace& ws = ui.session.workspace();
  const float width = content_width(ui);
  const Sequence* open = m_open.empty() ? nullptr : find_item(ws.sequences, m_open);
  if (open == nullptr) m_open.clear();
  if (open != nullptr) {
    draw_sequence(ui, segments, rt, *open, width);
    return;
  }
  if (any_live(ws)) {
    draw_list(ui, rt, width);
    return;
  }
  if (m_show_playbooks) {
    if (button(ui, "Back", ButtonKind::quiet, "sequences.back")) m_show_playbooks = false;
    gap(ui, 6);
    if (!m_message.empty()) {
      caption(ui, m_message.c_str(), m_message_ok ? &ui.pal.success : &ui.pal.danger);
      gap(ui, 4);
    }
    draw_playbooks(ui, width);
    return;
  }
  EmptyState st;
  st.icon = Icon::sequences;
  st.title = "No sequences yet";
  st.what =
      "A sequence is a series of touches — email, text, call or social — sent on a schedule, with "
      "conditions and exits: it stops the moment a lead books or opts out.";
  st.why =
      "Most leads are not ready on day one. A steady, helpful sequence keeps your practice in mind until "
      "they are.";
  st.steps = {"Pick a playbook — welcome, education, reminders, recall — and read it through.",
              "Activate it: new leads enrol by its trigger, or enrol a saved segment by hand.",
              "Each morning, Today lists the touches that are due, with one click to send each."};
  st.primary = "Add from a playbook";
  st.primary_mark = "sequences.add_playbook";
  st.secondary = "Check your sender details";
  st.secondary_mark = "sequences.sender";
  const EmptyAction action = draw_empty_state(ui, st, width);
  if (action == EmptyAction::primary) m_show_playbooks = true;
  if (action == EmptyAction::secondary) ui.go_to = Page::settings;
}

void SequencesPage::describe(nlohmann::json& out, const Workspace& ws, const SequenceRuntime& rt) const {
  auto list = nlohmann::json::array();
  for (const auto& s : ws.sequences) {
    if (s.deleted) continue;
    const auto n = rt.numbers(s.id);
    list.push_back({{"id", s.id},
                    {"name", s.name},
                    {"status", to_string(s.status)},
                    {"running", n.running},
                    {"due", n.due},
                    {"later", n.later},
                    {"held", n.held},
                    {"handled", n.handled}});
  }
  out["list"] = list;
  out["open"] = m_open;
  auto draft_steps = nlohmann::json::array();
  if (m_structure.editing(m_open))
    for (const auto& step : m_structure.draft().steps) draft_steps.push_back(step.id);
  out["structure"] = {
      {"editing", m_structure.editing(m_open)}, {"error", m_structure.error()}, {"steps", draft_steps}};
  out["message"] = m_message;
  out["message_ok"] = m_message_ok;
  out["editor"] = {{"step", m_editor.step()},
                   {"subject", m_editor.subject()},
                   {"body", m_editor.body()},
                   {"findings", m_editor.findings()}};
  auto files = nlohmann::json::array();
  if (m_show_playbooks || !any_live(ws))
    for (const auto& p : m_playbooks) files.push_back(p.file);
  out["playbook_files"] = files;
}

}  // namespace nurture::ui
