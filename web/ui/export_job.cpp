#include "web/ui/export_job.hpp"

#include <algorithm>
#include <optional>
#include <string>
#include <utility>

#include <nlohmann/json.hpp>

#include "core/export/leads_csv.hpp"
#include "core/io/ledger_json.hpp"
#include "core/io/workspace_json.hpp"
#include "core/util/text.hpp"
#include "web/ui/widgets.hpp"

namespace nurture::ui {

namespace {

constexpr const char* k_export_dialog = "export_progress";

void wipe(std::string& s) {
  std::fill(s.begin(), s.end(), '\0');
  s.clear();
}

}  // namespace

// The writer holds a reference to the session's workspace, which must not change while it
// runs. We block edits instead of writing from a snapshot: a copy of 100,000 leads and
// 3,000,000 events would double the memory of a wasm heap that already holds the output, and
// the copy itself would freeze the tab for the time we are trying to save. The modal dialog
// keeps the mouse and keyboard away from every editing control; what can still reach the
// session (the Ctrl+Z shortcut, another tab taking over and reloading, a backup restored)
// moves the revision, and the job checks it before every slice and stops with a message
// rather than write from a changed workspace.
struct ExportJob::Run {
  Run(const Workspace& ws, std::uint64_t rev, std::string file_name, std::string pass, Kind kind,
      UnixMillis now)
      : name(std::move(file_name)), passphrase(std::move(pass)), revision(rev) {
    switch (kind) {
      case Kind::workspace:
        workspace.emplace(ws);
        break;
      case Kind::leads_csv:
        csv.emplace(ws);
        break;
      case Kind::consent_ledger:
        ledger.emplace(ws, std::nullopt, now);
        break;
    }
  }
  Run(const Run&) = delete;
  Run& operator=(const Run&) = delete;
  Run(Run&&) = delete;
  Run& operator=(Run&&) = delete;
  ~Run() {
    wipe(passphrase);
    wipe(out);  // patient data: an abandoned partial file is not left in freed memory
  }
  std::string name;
  std::string passphrase;
  std::uint64_t revision;
  // One of the three writers, the one this export runs.
  std::optional<WorkspaceJsonWriter> workspace;
  std::optional<LeadsCsvWriter> csv;
  std::optional<LedgerJsonWriter> ledger;
  std::string out;

  /// One slice for a budget of `bytes`: the workspace writer's bytes; for a CSV row or a
  /// ledger entry (a few hundred bytes, about 5 µs each in wasm) one per KB, so the default
  /// 1 MB is about 5 ms and the frame budget stops near its 12 ms.
  bool step(std::size_t bytes) {
    if (workspace) return workspace->step(out, bytes);
    const std::size_t records = std::max<std::size_t>(1, bytes / 1024);
    if (csv) return csv->write(out, records);
    return ledger->write(out, records);
  }
  [[nodiscard]] double progress() const {
    if (workspace) return workspace->progress();
    if (csv)
      return csv->total() == 0 ? 1.0
                               : static_cast<double>(csv->written()) / static_cast<double>(csv->total());
    return ledger->progress();
  }
};

ExportJob::ExportJob() = default;
ExportJob::~ExportJob() = default;

void ExportJob::start(Ui& ui, std::string file_name, std::string passphrase) {
  if (running()) return;
  m_kind = Kind::workspace;
  m_run = std::make_unique<Run>(ui.session.workspace(), ui.session.revision(), std::move(file_name),
                                std::move(passphrase), Kind::workspace, ui.platform.now_ms());
  m_state = State::writing;
  m_progress = 0.0;
  m_frames = 0;
  m_message.clear();
  m_open_dialog = true;
}

void ExportJob::start(Ui& ui, Kind kind, std::string file_name) {
  if (kind == Kind::workspace) {
    start(ui, std::move(file_name));
    return;
  }
  if (running()) return;
  m_kind = kind;
  m_run = std::make_unique<Run>(ui.session.workspace(), ui.session.revision(), std::move(file_name),
                                std::string(), kind, ui.platform.now_ms());
  m_state = State::writing;
  m_progress = 0.0;
  m_frames = 0;
  m_message.clear();
  m_open_dialog = true;
}

void ExportJob::stop(State state, std::string message) {
  m_run.reset();
  m_state = state;
  m_message = std::move(message);
}

void ExportJob::cancel(Ui& ui) {
  if (!running()) return;
  stop(State::cancelled, "Export cancelled; no file was saved.");
  ui.announce(m_message);
}

void ExportJob::finish(Ui& ui) {
  Run& run = *m_run;
  if (run.ledger) {
    // The digest is what proves the file unchanged later: say it, so it can be noted elsewhere.
    ui.platform.download(run.name, "application/json", run.out);
    m_message = "Exported " + run.name + ", " + count_noun(run.ledger->entry_count(), "entry", "entries") +
                ", digest " + run.ledger->digest();
    ui.announce(m_message);
    m_message += ".";
  } else if (run.passphrase.empty()) {
    ui.platform.download(run.name, run.csv ? "text/csv" : "application/json", run.out);
    ui.announce("Exported " + run.name);
    m_message = "Exported " + run.name + ".";
  } else {
    // Encryption is asynchronous; the platform's encryption() status reports its outcome.
    ui.platform.download_encrypted(run.name, run.out, run.passphrase);
    m_message.clear();
  }
  ++m_files;
  m_progress = 1.0;
  m_state = State::done;
  m_run.reset();
}

void ExportJob::draw(Ui& ui) {
  if (m_state == State::writing && m_run) {
    if (ui.session.revision() != m_run->revision) {
      stop(State::failed, "The workspace changed during the export, so no file was saved. Export again.");
      ui.announce(m_message);
    } else {
      Run& run = *m_run;
      const bool finished = m_budget.run(ui, [&run](std::size_t budget) { return run.step(budget); });
      if (!m_budget.paused) ++m_frames;
      m_progress = run.progress();
      if (finished) finish(ui);
    }
  }

  static constexpr const char* k_titles[] = {"Exporting your workspace", "Exporting your leads",
                                             "Exporting the consent ledger"};
  const bool writing = m_state == State::writing;
  const ProgressDialog dialog{
      k_export_dialog,
      k_titles[static_cast<int>(m_kind)],
      writing ? "Writing " + m_run->name + ". Editing waits until the file is ready." : std::string(),
      m_progress,
      "export.progress",
      "export.cancel"};
  if (progress_dialog(ui, dialog, std::exchange(m_open_dialog, false), writing)) cancel(ui);
}

void describe(nlohmann::json& out, const ExportJob& job) {
  static constexpr const char* k_states[] = {"idle", "writing", "done", "cancelled", "failed"};
  out["step"] = k_states[static_cast<int>(job.state())];
  out["progress"] = job.progress();
  out["frames"] = job.frames();
  out["files"] = job.files();
  out["job_message"] = job.message();
  static constexpr const char* k_kinds[] = {"workspace", "leads_csv", "consent_ledger"};
  out["kind"] = k_kinds[static_cast<int>(job.kind())];
}

}  // namespace nurture::ui
