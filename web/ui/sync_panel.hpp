#pragma once
/// Sync by file: open a workspace file exported on another device (plain or encrypted), read
/// it a slice per frame (progress bar, Cancel), see what merging it would change — new leads,
/// per-field differences, conflicts with both values, a clock-skew warning — then apply it as
/// one undoable change (R11, R12, R14, U13).

#include <cstddef>
#include <memory>
#include <optional>
#include <string>

#include <nlohmann/json_fwd.hpp>

#include "core/model/workspace.hpp"
#include "core/sync/merge.hpp"
#include "web/ui/file_intake_widget.hpp"
#include "web/ui/long_work.hpp"
#include "web/ui/ui_context.hpp"
#include "web/ui/undo_summary.hpp"

namespace nurture::ui {

class SyncPanel {
 public:
  /// `reading`: the file is parsed a slice per frame; `comparing`: the merge preview is
  /// computed a slice per frame (MergePreview). Both show progress and can be cancelled.
  enum class Step { pick, passphrase, reading, comparing, preview, done };

  SyncPanel();
  ~SyncPanel();
  SyncPanel(SyncPanel&&) noexcept;
  SyncPanel& operator=(SyncPanel&&) noexcept;

  void draw(Ui& ui, float width);
  /// Starts on a file (picked here, or dropped on the page).
  void open(Ui& ui, IncomingFile file);
  [[nodiscard]] bool wants_file() const { return m_intake.wants_file(); }
  /// How much of the file a frame reads (tests make it tiny, or pause it).
  void set_budget(const FrameBudget& budget) { m_budget = budget; }
  /// Back to the start with nothing changed: stops a read, drops a preview, forgets the file.
  void cancel() { reset(); }

  /// For browser tests.
  [[nodiscard]] Step step() const { return m_step; }
  [[nodiscard]] const MergeReport& report() const { return m_report; }
  [[nodiscard]] const std::string& error() const { return m_error; }
  /// Fraction of the file read, or of the comparison, 0..1.
  [[nodiscard]] double progress() const { return m_progress; }
  /// Frames that read part of the file (the last read).
  [[nodiscard]] std::size_t read_frames() const { return m_read_frames; }
  /// Frames that compared part of the workspaces (the last comparison).
  [[nodiscard]] std::size_t compare_frames() const { return m_compare_frames; }

 private:
  struct Read;  ///< the file's bytes and the reader over them, kept together

  void reset();
  void start_read(IncomingFile file);
  void draw_pick(Ui& ui);
  void draw_reading(Ui& ui, float width);
  void draw_preview(Ui& ui, float width);
  void draw_conflicts(Ui& ui, float width);
  void draw_changes(Ui& ui, float width);
  void draw_done(Ui& ui);

  Step m_step = Step::pick;
  FileIntakeWidget m_intake{{.accept = ".json,application/json",
                             .choose_mark = "sync.choose",
                             .passphrase_mark = "sync.passphrase",
                             .decrypt_mark = "sync.decrypt",
                             .cancel_mark = "sync.cancel"}};
  FrameBudget m_budget;
  std::string m_file_name;
  std::unique_ptr<Read> m_read;
  double m_progress = 0.0;
  std::size_t m_read_frames = 0;
  std::size_t m_compare_frames = 0;
  std::optional<Workspace> m_remote;
  std::unique_ptr<MergePreview> m_compare;  ///< over *m_remote; reset before it
  MergeReport m_report;
  UndoSummary m_done;
  std::string m_error;
};

/// For browser tests: the panel's step, progress, error, preview counts and the first
/// conflicts (lead, field, both values) as JSON.
void describe(nlohmann::json& out, const SyncPanel& sync);

}  // namespace nurture::ui
