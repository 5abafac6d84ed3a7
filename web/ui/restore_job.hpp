#pragma once
/// Restoring a daily backup as long work (U13, docs/long-work.md): the platform reads the
/// backup's bytes (ui::Platform::read_backup), the core ImageDecoder opens them a slice per frame
/// behind a modal progress dialog with Cancel, and the decoded workspace replaces the current
/// one in one undoable ReplaceWorkspace. Cancel drops the decoder: the workspace, its revision
/// and the undo history are exactly as before. Settings → Storage & backups starts it.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include <nlohmann/json_fwd.hpp>

#include "web/ui/long_work.hpp"
#include "web/ui/ui_context.hpp"

namespace nurture {
class ImageDecoder;
}

namespace nurture::ui {

/// "backup of Nov 26, 2026" for "backup-2026-11-26.snap" ("Backup of …" with `sentence_start`);
/// the file name itself when it is not a backup's.
std::string backup_label(const std::string& name, bool sentence_start = false);

class RestoreJob {
 public:
  enum class State { idle, decoding, done, cancelled, failed };

  RestoreJob();
  ~RestoreJob();
  RestoreJob(const RestoreJob&) = delete;
  RestoreJob& operator=(const RestoreJob&) = delete;

  /// Reads backup `name` and starts opening it; a backup that cannot be read (a read-only tab,
  /// not a backup, a missing file) fails at once with the reason. Does nothing while one runs.
  void start(Ui& ui, const std::string& name);
  /// Call every frame before the pages draw: opens this frame's slice, and replaces the
  /// workspace when the backup is open (so that frame already draws it).
  void update(Ui& ui);
  /// Call every frame (also when nothing runs), inside the main window: the progress dialog.
  void draw(Ui& ui);
  /// Drops the half-read backup (the dialog's Cancel); nothing in the workspace changes.
  void cancel(Ui& ui);
  /// `chunk_bytes` is what the decoder is asked per step; `frame_ms` and `paused` as usual.
  void set_budget(const FrameBudget& budget) { m_budget = budget; }

  [[nodiscard]] bool running() const { return m_state == State::decoding; }
  [[nodiscard]] State state() const { return m_state; }
  [[nodiscard]] double progress() const { return m_progress; }
  /// Frames that opened part of the backup (the last run).
  [[nodiscard]] std::size_t frames() const { return m_frames; }
  /// The longest time one frame spent opening the backup, and the time of the final
  /// ReplaceWorkspace (milliseconds, by the platform's clock; the last run).
  [[nodiscard]] std::int64_t slowest_ms() const { return m_slowest_ms; }
  [[nodiscard]] std::int64_t replace_ms() const { return m_replace_ms; }
  /// The outcome in words, empty before the first.
  [[nodiscard]] const std::string& message() const { return m_message; }

 private:
  void finish(Ui& ui);
  void stop(Ui& ui, State state, std::string message);

  State m_state = State::idle;
  std::string m_name;   ///< the backup being restored
  std::string m_bytes;  ///< its stored bytes, viewed by the decoder (never moved while it runs)
  std::unique_ptr<ImageDecoder> m_decoder;
  std::uint64_t m_revision = 0;  ///< the session's revision when the restore started
  FrameBudget m_budget;
  double m_progress = 0.0;
  std::size_t m_frames = 0;
  std::int64_t m_slowest_ms = 0;
  std::int64_t m_replace_ms = 0;
  bool m_open_dialog = false;
  std::string m_message;
};

/// For tests: the job's state, progress, frames and message.
void describe(nlohmann::json& out, const RestoreJob& job);

}  // namespace nurture::ui
