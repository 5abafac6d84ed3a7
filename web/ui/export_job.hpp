#pragma once
/// Exports as long work (U13): the workspace JSON, the leads CSV or the consent ledger is
/// written a slice per frame behind a modal progress dialog with Cancel, then handed to the
/// platform as a download (the workspace plain or encrypted with a passphrase). A
/// 100,000-lead, 3,000,000-event workspace no longer freezes the tab while its file is built.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include <nlohmann/json_fwd.hpp>

#include "web/ui/long_work.hpp"
#include "web/ui/ui_context.hpp"

namespace nurture::ui {

class ExportJob {
 public:
  enum class State { idle, writing, done, cancelled, failed };
  enum class Kind { workspace, leads_csv, consent_ledger };

  ExportJob();
  ~ExportJob();
  ExportJob(const ExportJob&) = delete;
  ExportJob& operator=(const ExportJob&) = delete;

  /// Starts writing the session's workspace as `file_name`. A non-empty `passphrase` makes
  /// it an encrypted download (the job keeps the passphrase until the file is handed over,
  /// then wipes it).
  void start(Ui& ui, std::string file_name, std::string passphrase = {});
  /// Starts writing the live leads as CSV (core LeadsCsvWriter), or the consent ledger's audit
  /// export of every lead (core LedgerJsonWriter), as `file_name`.
  void start(Ui& ui, Kind kind, std::string file_name);
  /// Call every frame (also when nothing runs): writes this frame's slice, draws the progress
  /// dialog, and hands the finished file to the platform.
  void draw(Ui& ui);
  void set_budget(const FrameBudget& budget) { m_budget = budget; }
  /// Stops a running export and discards what was written (the dialog's Cancel).
  void cancel(Ui& ui);

  [[nodiscard]] bool running() const { return m_state == State::writing; }
  [[nodiscard]] State state() const { return m_state; }
  /// What the running (or last) export writes.
  [[nodiscard]] Kind kind() const { return m_kind; }
  [[nodiscard]] double progress() const { return m_progress; }
  /// The outcome in words ("Export cancelled; no file was saved."), empty before the first.
  [[nodiscard]] const std::string& message() const { return m_message; }
  /// Frames that wrote part of the file (the last export), and files handed over so far.
  [[nodiscard]] std::size_t frames() const { return m_frames; }
  [[nodiscard]] std::size_t files() const { return m_files; }

 private:
  struct Run;  ///< the writer and its output

  void finish(Ui& ui);
  void stop(State state, std::string message);

  State m_state = State::idle;
  Kind m_kind = Kind::workspace;
  std::unique_ptr<Run> m_run;
  FrameBudget m_budget;
  double m_progress = 0.0;
  std::size_t m_frames = 0;
  std::size_t m_files = 0;
  bool m_open_dialog = false;
  std::string m_message;
};

/// For browser tests: the export's state, progress, frames and files handed over.
void describe(nlohmann::json& out, const ExportJob& job);

}  // namespace nurture::ui
