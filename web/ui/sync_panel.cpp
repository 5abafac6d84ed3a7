#include "web/ui/sync_panel.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "core/commands/command.hpp"
#include "core/io/workspace_json.hpp"
#include "web/ui/widgets.hpp"

namespace nurture::ui {

namespace {

std::string lead_name(const Workspace& ws, LeadId id) {
  const auto row = ws.leads.find_any(id);
  if (!row) return to_string(id);
  const Lead lead = ws.leads.get(*row);
  std::string name = lead.first_name;
  if (!lead.last_name.empty()) name += (name.empty() ? "" : " ") + lead.last_name;
  if (name.empty()) name = lead.email.empty() ? lead.phone : lead.email;
  return name.empty() ? to_string(id) : name;
}

std::string field_name(LeadField field) {
  std::string out(to_string(field));
  std::replace(out.begin(), out.end(), '_', ' ');
  if (!out.empty()) out[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[0])));
  return out;
}

std::string shorten(const std::string& text) {
  if (text.empty()) return "(empty)";
  return text.size() > 60 ? text.substr(0, 57) + "…" : text;
}

}  // namespace

bool is_encrypted_workspace(std::string_view bytes) {
  const auto head = bytes.substr(0, 200);
  return head.find("\"nurture.encrypted\"") != std::string_view::npos;
}

void SyncPanel::forget_passphrase() {
  std::fill(m_passphrase.begin(), m_passphrase.end(), '\0');
  m_passphrase.clear();
}

void SyncPanel::open(Ui& ui, IncomingFile file) {
  *this = SyncPanel{};
  m_file_name = std::move(file.name);
  if (is_encrypted_workspace(file.bytes)) {
    m_encrypted = std::move(file.bytes);
    m_step = Step::passphrase;
    return;
  }
  read_workspace(ui, file.bytes);
}

void SyncPanel::read_workspace(Ui& ui, const std::string& json) {
  auto remote = workspace_from_json(json);
  if (!remote) {
    m_error = m_file_name + " could not be read: " + remote.error().describe() + " Nothing was changed.";
    m_step = Step::pick;
    return;
  }
  m_remote = std::move(remote).value();
  m_report = preview_merge(ui.session.workspace(), *m_remote, ui.platform.now_ms());
  m_step = Step::preview;
}

void SyncPanel::draw(Ui& ui, float width) {
  const TaskStatus& intake = ui.platform.file_intake();
  if (m_waiting_for_file && intake.finished != m_seen_intake) {
    m_seen_intake = intake.finished;
    m_waiting_for_file = false;
    if (intake.failed) m_error = intake.message;
    if (auto file = ui.platform.take_file()) open(ui, std::move(*file));
  }
  const TaskStatus& dec = ui.platform.decryption();
  if (m_waiting_for_decryption && dec.finished != m_seen_decryption) {
    m_seen_decryption = dec.finished;
    m_waiting_for_decryption = false;
    if (dec.failed) {
      m_error = dec.message;
    } else if (auto plain = ui.platform.take_decrypted()) {
      m_encrypted.clear();
      read_workspace(ui, *plain);
      std::fill(plain->begin(), plain->end(), '\0');
    }
  }
  switch (m_step) {
    case Step::pick:
      draw_pick(ui);
      break;
    case Step::passphrase:
      draw_passphrase(ui, width);
      break;
    case Step::preview:
      draw_preview(ui, width);
      break;
    case Step::done:
      draw_done(ui);
      break;
  }
  if (!m_error.empty()) {
    gap(ui, 4);
    caption(ui, m_error.c_str(), &ui.pal.danger);
  }
}

void SyncPanel::draw_pick(Ui& ui) {
  paragraph(ui,
            "Keep two devices in step: export the workspace on one, then open that file here. You will see "
            "what changes before anything does, and can undo it afterwards.",
            true);
  gap(ui, 4);
  const bool busy = ui.platform.file_intake().busy;
  if (button(ui, busy ? "Reading the file…" : "Open a workspace file…", ButtonKind::primary, "sync.choose",
             ui.editable() && !busy)) {
    m_error.clear();
    m_waiting_for_file = true;
    m_seen_intake = ui.platform.file_intake().finished;
    ui.platform.pick_file(".json,application/json");
  }
}

void SyncPanel::draw_passphrase(Ui& ui, float width) {
  label(ui, (m_file_name + " is protected with a passphrase").c_str());
  gap(ui, 4);
  text_field(ui, "Passphrase", "sync.passphrase", m_passphrase, "", std::min(width, ui.px(420)), "",
             !m_waiting_for_decryption, nullptr, true);
  gap(ui, 4);
  const bool enter = ImGui::IsKeyPressed(ImGuiKey_Enter) && !m_passphrase.empty();
  if (button(ui, m_waiting_for_decryption ? "Opening…" : "Open", ButtonKind::primary, "sync.decrypt",
             !m_passphrase.empty() && !m_waiting_for_decryption) ||
      (enter && !m_waiting_for_decryption)) {
    m_error.clear();
    m_waiting_for_decryption = true;
    m_seen_decryption = ui.platform.decryption().finished;
    ui.platform.decrypt(m_encrypted, m_passphrase);
    forget_passphrase();
  }
  ImGui::SameLine(0, ui.px(8));
  if (button(ui, "Cancel", ButtonKind::secondary, "sync.cancel")) {
    forget_passphrase();
    *this = SyncPanel{};
  }
}

void SyncPanel::draw_conflicts(Ui& ui, float width) {
  const std::size_t total = m_report.conflicts_total + m_report.delete_conflicts_total;
  if (total == 0) return;
  gap(ui, 4);
  label(ui, ("Conflicts (" + std::to_string(total) + ")").c_str());
  caption(ui,
          "Both devices changed these fields since they last synced. The later change is kept; the other "
          "value is shown so you can put it back on the lead if it was the right one.");
  const ImGuiTableFlags flags =
      ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY;
  const float h =
      std::min(static_cast<float>(total) + 1.0F, 8.0F) * ImGui::GetTextLineHeightWithSpacing() + ui.px(12);
  if (!ImGui::BeginTable("sync.conflicts", 4, flags, ImVec2(width, h))) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn("Lead");
  ImGui::TableSetupColumn("Field");
  ImGui::TableSetupColumn("This device");
  ImGui::TableSetupColumn("Other device");
  ImGui::TableHeadersRow();
  const Workspace& ws = ui.session.workspace();
  for (const FieldConflict& c : m_report.conflicts) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(lead_name(ws, c.lead).c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(field_name(c.field).c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted((shorten(c.local_value) + (c.remote_won ? "" : "  ✓ kept")).c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted((shorten(c.remote_value) + (c.remote_won ? "  ✓ kept" : "")).c_str());
  }
  for (const DeleteConflict& d : m_report.delete_conflicts) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(lead_name(ws, d.lead).c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted("Deleted");
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(d.deleted_locally ? "deleted  ✓ kept" : "edited");
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(d.deleted_locally ? "edited" : "deleted  ✓ kept");
  }
  ImGui::EndTable();
}

void SyncPanel::draw_changes(Ui& ui, float width) {
  if (m_report.changes_total == 0) return;
  gap(ui, 4);
  label(ui, ("Changed details (" + std::to_string(m_report.changes_total) + ")").c_str());
  const ImGuiTableFlags flags =
      ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY;
  const float h = std::min(static_cast<float>(m_report.changes.size()) + 1.0F, 10.0F) *
                      ImGui::GetTextLineHeightWithSpacing() +
                  ui.px(12);
  if (!ImGui::BeginTable("sync.changes", 4, flags, ImVec2(width, h))) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn("Lead");
  ImGui::TableSetupColumn("Field");
  ImGui::TableSetupColumn("Now");
  ImGui::TableSetupColumn("After the sync");
  ImGui::TableHeadersRow();
  const Workspace& ws = ui.session.workspace();
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(m_report.changes.size()));
  while (clipper.Step()) {
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
      const LeadFieldChange& c = m_report.changes[static_cast<std::size_t>(i)];
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(lead_name(ws, c.lead).c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(field_name(c.field).c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(shorten(c.before).c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(shorten(c.after).c_str());
    }
  }
  ImGui::EndTable();
}

void SyncPanel::draw_preview(Ui& ui, float width) {
  label(ui, ("What opening " + m_file_name + " would change").c_str());
  gap(ui, 2);
  if (m_report.clock_skew_warning) {
    caption(ui, m_report.clock_skew_warning->c_str(), &ui.pal.warning);
    ui.marks.mark("sync.skew_warning");
    gap(ui, 2);
  }
  if (m_report.nothing_new()) {
    paragraph(ui, "Nothing new: this device already has everything in the file.");
    ui.marks.mark("sync.nothing_new");
    gap(ui, 4);
    if (button(ui, "Done", ButtonKind::secondary, "sync.cancel")) *this = SyncPanel{};
    return;
  }
  const MergeReport& r = m_report;
  std::string counts = std::to_string(r.leads_added) + " new leads · " + std::to_string(r.leads_updated) +
                       " leads with changed details · " + std::to_string(r.leads_deleted) +
                       " leads deleted · " + std::to_string(r.events_added) + " new events";
  if (r.practice_changed) counts += " · the practice profile changes";
  paragraph(ui, counts.c_str());
  ui.marks.mark("sync.counts");
  gap(ui, 4);
  draw_conflicts(ui, width);
  draw_changes(ui, width);
  gap(ui, 8);
  if (button(ui, "Apply these changes", ButtonKind::primary, "sync.apply", ui.editable() && m_remote)) {
    const auto result =
        ui.mutable_session.execute(MergeWorkspace{std::move(*m_remote), ui.platform.now_ms()});
    m_remote.reset();
    if (result.ok) {
      m_summary = result.message;
      m_revision_after = ui.session.revision();
      m_step = Step::done;
      ui.platform.announce(m_summary);
    } else {
      m_error = result.message;
      m_step = Step::pick;
    }
  }
  ImGui::SameLine(0, ui.px(8));
  if (button(ui, "Cancel", ButtonKind::secondary, "sync.cancel")) *this = SyncPanel{};
}

void SyncPanel::draw_done(Ui& ui) {
  icon_badge(ui, Icon::check, 40);
  gap(ui, 4);
  label(ui, m_summary.c_str());
  ui.marks.mark("sync.summary");
  gap(ui, 6);
  const bool can_undo = ui.session.can_undo() && ui.session.revision() == m_revision_after;
  if (button(ui, "Undo the sync", ButtonKind::secondary, "sync.undo", can_undo && ui.editable())) {
    ui.mutable_session.undo();
    m_summary = "The sync was undone.";
    m_revision_after = 0;
    ui.platform.announce(m_summary);
  }
  ImGui::SameLine(0, ui.px(8));
  if (button(ui, "Open another file", ButtonKind::quiet, "sync.again")) *this = SyncPanel{};
}

void describe(nlohmann::json& out, const SyncPanel& sync) {
  static constexpr const char* k_steps[] = {"pick", "passphrase", "preview", "done"};
  const MergeReport& r = sync.report();
  out["step"] = k_steps[static_cast<int>(sync.step())];
  out["error"] = sync.error();
  out["leads_added"] = r.leads_added;
  out["leads_updated"] = r.leads_updated;
  out["events_added"] = r.events_added;
  out["conflicts"] = r.conflicts_total + r.delete_conflicts_total;
  out["nothing_new"] = r.nothing_new();
  out["skew_warning"] = r.clock_skew_warning.value_or("");
}

}  // namespace nurture::ui
