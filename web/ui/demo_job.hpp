#pragma once
/// Loading the demo practice as long work (U13): the demo is simulated a few leads a frame
/// (core DemoBuilder) behind a modal progress dialog with Cancel, then replaces the workspace
/// in one undoable ReplaceWorkspace. Cancel drops the half-built demo: the workspace, its
/// revision and the undo history are exactly as before. Settings → Demo and the first-run
/// dialog both start it (load_demo in welcome.hpp).

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include <nlohmann/json_fwd.hpp>

#include "web/ui/long_work.hpp"
#include "web/ui/ui_context.hpp"

namespace nurture {
class DemoBuilder;
}

namespace nurture::ui {

class DemoJob {
 public:
  enum class State { idle, building, done, cancelled, failed };

  DemoJob();
  ~DemoJob();
  DemoJob(const DemoJob&) = delete;
  DemoJob& operator=(const DemoJob&) = delete;

  /// Starts building the demo practice (history ending at the platform's clock, stamped by the
  /// session's device). Does nothing while one is being built.
  void start(Ui& ui);
  /// Call every frame before the pages draw: builds this frame's slice and replaces the
  /// workspace when the demo is complete (so that frame already draws the demo).
  void update(Ui& ui);
  /// Call every frame (also when nothing runs), inside the main window: the progress dialog.
  void draw(Ui& ui);
  /// Drops the half-built demo (the dialog's Cancel); nothing in the workspace changes.
  void cancel(Ui& ui);
  /// `chunk_bytes` is not used (a slice is a fixed number of leads); `frame_ms` and `paused` are.
  void set_budget(const FrameBudget& budget) { m_budget = budget; }

  [[nodiscard]] bool running() const { return m_state == State::building; }
  [[nodiscard]] State state() const { return m_state; }
  [[nodiscard]] double progress() const { return m_progress; }
  /// Frames that simulated part of the demo (the last run).
  [[nodiscard]] std::size_t frames() const { return m_frames; }
  /// The outcome in words, empty before the first.
  [[nodiscard]] const std::string& message() const { return m_message; }

 private:
  void finish(Ui& ui);
  void stop(State state, std::string message);

  State m_state = State::idle;
  std::unique_ptr<DemoBuilder> m_builder;
  std::uint64_t m_revision = 0;  ///< the session's revision when the build started
  std::int64_t m_now = 0;        ///< the demo's "now", fixed at the start
  FrameBudget m_budget;
  double m_progress = 0.0;
  std::size_t m_frames = 0;
  bool m_open_dialog = false;
  std::string m_message;
};

/// For tests: the job's state, progress, frames and message.
void describe(nlohmann::json& out, const DemoJob& job);

}  // namespace nurture::ui
