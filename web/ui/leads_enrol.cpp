// The Leads page's "Enrol in sequence…" bulk action: the dialog's list of sequences and the
// Enroll command for the selection. Wording follows the lead view's Sequences card and the
// Sequences page's "Enrol leads" card.
#include <algorithm>
#include <string>

#include <imgui.h>

#include "core/commands/command.hpp"
#include "core/sequence/activation.hpp"
#include "core/util/text.hpp"
#include "web/ui/format.hpp"
#include "web/ui/leads_page.hpp"
#include "web/ui/widgets.hpp"

namespace nurture::ui {

namespace {

// Why a sequence cannot take enrolments from here, or nullptr when it can. Enroll itself accepts
// any live sequence, but enrolling in one that sends nothing only puzzles: the dialog asks for
// the sequence to be switched on first.
const char* not_ready(const Sequence& s) {
  switch (s.status) {
    case SequenceStatus::active:
      return nullptr;
    case SequenceStatus::draft:
      return "draft: activate it first";
    case SequenceStatus::paused:
      return "paused: resume it first";
  }
  return "";
}

}  // namespace

bool LeadsPage::enrol_choices(Ui& ui, bool opening) {
  const Workspace& ws = ui.session.workspace();
  const auto live = [&](const Sequence& s) { return !s.deleted && not_ready(s) == nullptr; };
  if (opening) {
    // Keep the last choice while it can still take leads; a lone active sequence is preselected.
    const Sequence* kept = find_item(ws.sequences, m_enrol_sequence);
    if (kept == nullptr || !live(*kept)) m_enrol_sequence.clear();
    if (std::count_if(ws.sequences.begin(), ws.sequences.end(), live) == 1)
      m_enrol_sequence = std::find_if(ws.sequences.begin(), ws.sequences.end(), live)->id;
  }
  heading(ui, "Enrol in a sequence");
  caption(ui, count_noun(m_selected.size(), "selected lead", "selected leads").c_str());
  gap(ui, 4);
  bool any = false;
  // Active sequences first, then the ones that are not switched on, greyed.
  for (const bool active : {true, false}) {
    for (const auto& s : ws.sequences) {
      if (s.deleted || live(s) != active) continue;
      any = true;
      ImGui::PushID(s.id.c_str());
      if (active) {
        if (ImGui::RadioButton(s.name.c_str(), m_enrol_sequence == s.id)) m_enrol_sequence = s.id;
      } else {
        ImGui::BeginDisabled();
        ImGui::RadioButton((s.name + "  ·  " + not_ready(s)).c_str(), false);
        ImGui::EndDisabled();
      }
      ui.marks.mark("bulk.sequence." + s.id);
      ImGui::PopID();
    }
  }
  if (!any) caption(ui, "No sequences yet: add one from a playbook on the Sequences page.");
  gap(ui, 4);
  caption(ui,
          "Each lead walks the steps on their own clock. Whoever is already in the sequence, or may not "
          "enter again under its re-entry policy, is left out and counted in the message.");
  const Sequence* chosen = find_item(ws.sequences, m_enrol_sequence);
  if (chosen == nullptr || !live(*chosen)) {
    m_enrol_skips = 0;
    return false;
  }
  // Who the re-entry policy keeps out, said before the click. The selection cannot change while
  // the dialog is open, so this is counted again only for another sequence or revision.
  const std::string checked = chosen->id + "@" + std::to_string(ws.revision);
  if (checked != m_enrol_checked) {
    m_enrol_checked = checked;
    m_enrol_skips = 0;
    const UnixMillis now = ui.platform.now_ms();
    for (const auto id : m_selected) {
      if (ws.leads.find(LeadId{id}) && reentry_problem(ws, *chosen, LeadId{id}, now)) ++m_enrol_skips;
    }
  }
  if (m_enrol_skips > 0) {
    const std::string text = format_count(m_enrol_skips) + " of " + format_count(m_selected.size()) +
                             " will be skipped: already in it, or kept out by its re-entry policy.";
    caption(ui, text.c_str(), &ui.pal.warning);
    ui.marks.mark("bulk.enrol_skips");
  }
  return true;
}

void LeadsPage::run_enrol(Ui& ui) {
  const Workspace& ws = ui.session.workspace();
  const Sequence* seq = find_item(ws.sequences, m_enrol_sequence);
  if (seq == nullptr || seq->status != SequenceStatus::active) return;
  // In table-row order, like the other bulk actions.
  std::vector<std::uint32_t> rows;
  for (const auto id : m_selected) {
    if (const auto row = ws.leads.find(LeadId{id})) rows.push_back(*row);
  }
  std::sort(rows.begin(), rows.end());
  std::vector<LeadId> leads;
  leads.reserve(rows.size());
  for (const auto row : rows) leads.push_back(ws.leads.id(row));
  const UnixMillis now = ui.platform.now_ms();
  const std::uint64_t before = ui.session.revision();
  // One command: Enroll enrols whoever may enter and counts the rest by reason ("2 were already
  // in it"), so a partly-invalid selection still enrols the valid leads in one undo step.
  const CommandResult r = ui.mutable_session.execute(Enroll{seq->id, std::move(leads), now, "by hand", now});
  const bool changed = ui.session.revision() != before;
  report(ui, r, changed);
  // "Nobody enrolled…" is an ok result that changed nothing: shown as a refusal, without Undo.
  if (!changed) m_message_ok = false;
}

}  // namespace nurture::ui
