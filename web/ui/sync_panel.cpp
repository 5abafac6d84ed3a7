#include "web/ui/sync_panel.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "core/commands/command.hpp"
#include "core/io/workspace_json.hpp"
#include "core/util/text.hpp"
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

/// The reader keeps a view of the bytes: both live on the heap together, the bytes declared
/// first so they outlive the reader, and their address never moves with the panel.
struct SyncPanel::Read {
  explicit Read(std::string bytes) : text(std::move(bytes)), reader(text) {}
  Read(const Read&) = delete;
  Read& operator=(const Read&) = delete;
  Read(Read&&) = delete;
  Read& operator=(Read&&) = delete;
  ~Read() {
    // A decrypted file is patient data: wipe it rather than leave it in freed memory.
    std::fill(text.begin(), text.end(), '\0');
  }
  std::string text;
  WorkspaceJsonReader reader;
};

SyncPanel::SyncPanel() = default;
SyncPanel::~SyncPanel() = default;
SyncPanel::SyncPanel(SyncPanel&&) noexcept = default;
SyncPanel& SyncPanel::operator=(SyncPanel&&) noexcept = default;

void SyncPanel::reset() {
  m_read.reset();
  m_compare.reset();
  m_intake.reset();
  const FrameBudget budget = m_budget;
  *this = SyncPanel{};
  m_budget = budget;
}

void SyncPanel::open(Ui& ui, IncomingFile file) {
  reset();
  // A new file is a new attempt: the same error as last time is spoken again.
  ui.announce_shown("sync.error", {});
  m_file_name = file.name;
  if (auto plain = m_intake.offer(std::move(file))) {
    start_read(std::move(*plain));
  } else {
    m_step = Step::passphrase;
  }
}

void SyncPanel::start_read(IncomingFile file) {
  m_file_name = std::move(file.name);
  m_read = std::make_unique<Read>(std::move(file.bytes));
  m_progress = 0.0;
  m_read_frames = 0;
  m_compare_frames = 0;
  m_step = Step::reading;
}

void SyncPanel::draw(Ui& ui, float width) {
  if (auto file = m_intake.poll(ui, m_error)) {
    start_read(std::move(*file));  // picked plain, or decrypted after the passphrase
  } else if (m_intake.asks_passphrase() && m_step != Step::passphrase) {
    m_file_name = m_intake.file_name();  // picked, and protected
    m_step = Step::passphrase;
  }
  switch (m_step) {
    case Step::pick:
      draw_pick(ui);
      break;
    case Step::passphrase:
      if (m_intake.draw_passphrase(ui, width, m_error)) reset();
      break;
    case Step::reading:
    case Step::comparing:
      draw_reading(ui, width);
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
  ui.announce_shown("sync.error", m_error);
}

void SyncPanel::draw_pick(Ui& ui) {
  paragraph(ui,
            "Keep two devices in step: export the workspace on one, then open that file here. You will see "
            "what changes before anything does, and can undo it afterwards.",
            true);
  gap(ui, 4);
  m_intake.draw_choose(ui, "Open a workspace file…", m_error);
}

void SyncPanel::draw_reading(Ui& ui, float width) {
  if (m_step == Step::reading && m_read) {
    // This frame's slice of the file; the local workspace is not touched until Apply.
    const bool finished =
        m_budget.run(ui, [this](std::size_t budget) { return m_read->reader.step(budget); });
    if (!m_budget.paused) ++m_read_frames;
    m_progress = m_read->reader.progress();
    if (finished) {
      auto remote = m_read->reader.take();
      m_read.reset();
      if (!remote) {
        std::string why = remote.error().describe();
        if (!why.empty() && why.back() != '.') why += '.';  // the reader's messages end bare
        m_error = m_file_name + " could not be read: " + why + " Nothing was changed.";
        m_step = Step::pick;
        return;
      }
      m_remote = std::move(remote).value();
      m_progress = 0.0;  // the bar now measures the comparison
      m_step = Step::comparing;
    }
  } else if (m_step == Step::comparing && m_remote) {
    // This frame's slice of the comparison. A merge unit costs about a microsecond and a byte of
    // reading a few nanoseconds, so the read's chunk size scales down to the same time per step.
    if (!m_compare)
      m_compare = std::make_unique<MergePreview>(ui.session.workspace(), *m_remote, ui.platform.now_ms());
    const bool finished = m_budget.run(
        ui, [this](std::size_t bytes) { return m_compare->step(std::max<std::size_t>(1, bytes / 256)); });
    if (!m_budget.paused) ++m_compare_frames;
    m_progress = m_compare->progress();
    if (finished) {
      m_report = m_compare->report();
      m_compare.reset();
      m_step = Step::preview;
      draw_preview(ui, width);
      return;
    }
  }
  const bool comparing = m_step == Step::comparing;
  label(ui, (comparing ? "Comparing " + m_file_name + " with this device…" : "Reading " + m_file_name + "…")
                .c_str());
  gap(ui, 2);
  progress_bar(ui, m_progress, width, "sync.progress");
  caption(ui, comparing ? "Finding new leads, changed details and conflicts."
                        : "Nothing changes on this device until you have seen what the file holds.");
  gap(ui, 4);
  if (button(ui, "Cancel", ButtonKind::secondary, "sync.cancel")) {
    reset();
    ui.announce("Sync cancelled; nothing was changed.");
    return;
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
    if (button(ui, "Done", ButtonKind::secondary, "sync.cancel")) reset();
    return;
  }
  const MergeReport& r = m_report;
  std::string counts = count_noun(r.leads_added, "new lead", "new leads") + " · " +
                       count_noun(r.leads_updated, "lead", "leads") + " with changed details · " +
                       count_noun(r.leads_deleted, "lead", "leads") + " deleted · " +
                       count_noun(r.events_added, "new event", "new events");
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
      m_step = Step::done;
      m_done.record(ui, result.message);
    } else {
      m_error = result.message;
      m_step = Step::pick;
    }
  }
  ImGui::SameLine(0, ui.px(8));
  if (button(ui, "Cancel", ButtonKind::secondary, "sync.cancel")) reset();
}

void SyncPanel::draw_done(Ui& ui) {
  m_done.draw(ui, "Undo the sync", "The sync was undone.", {.summary = "sync.summary", .undo = "sync.undo"});
  ImGui::SameLine(0, ui.px(8));
  if (button(ui, "Open another file", ButtonKind::quiet, "sync.again")) reset();
}

void describe(nlohmann::json& out, const SyncPanel& sync) {
  static constexpr const char* k_steps[] = {"pick", "passphrase", "reading", "comparing", "preview", "done"};
  const MergeReport& r = sync.report();
  out["step"] = k_steps[static_cast<int>(sync.step())];
  out["error"] = sync.error();
  out["leads_added"] = r.leads_added;
  out["leads_updated"] = r.leads_updated;
  out["events_added"] = r.events_added;
  out["conflicts"] = r.conflicts_total + r.delete_conflicts_total;
  out["nothing_new"] = r.nothing_new();
  out["skew_warning"] = r.clock_skew_warning.value_or("");
  out["progress"] = sync.progress();
  out["read_frames"] = sync.read_frames();
  out["compare_frames"] = sync.compare_frames();
  nlohmann::json conflicts = nlohmann::json::array();
  for (const FieldConflict& c : r.conflicts) {
    if (conflicts.size() == 20) break;
    conflicts.push_back({{"lead", to_string(c.lead)},
                         {"field", std::string(to_string(c.field))},
                         {"local", c.local_value},
                         {"remote", c.remote_value},
                         {"remote_won", c.remote_won}});
  }
  out["conflict_list"] = conflicts;
}

}  // namespace nurture::ui
