#pragma once
/// How much long-running work (reading another device's workspace file, writing an export) one
/// frame does, so a 100,000-lead, 3,000,000-event workspace shows a moving progress bar and a
/// working Cancel button instead of freezing the tab (U13).

#include <cstddef>
#include <cstdint>
#include <string>

#include "web/ui/ui_context.hpp"

namespace nurture::ui {

struct FrameBudget {
  /// Bytes asked of the reader or writer per step call.
  std::size_t chunk_bytes = std::size_t{1} << 20;
  /// Steps repeat within a frame until this much time has passed; 0: exactly one step a frame.
  /// About 12 ms leaves the rest of a 60 Hz frame for drawing.
  std::int64_t frame_ms = 12;
  /// TEST-ONLY: no steps at all, so a browser test can look at the progress state and press
  /// Cancel however fast the machine is.
  bool paused = false;

  /// Calls `step(chunk_bytes)` until it returns true (finished) or the frame's time is used up.
  /// Returns true when finished.
  template <class Step>
  bool run(const Ui& ui, Step&& step) const {
    if (paused) return false;
    const std::int64_t start = ui.platform.now_ms();
    for (;;) {
      if (step(chunk_bytes)) return true;
      if (frame_ms <= 0 || ui.platform.now_ms() - start >= frame_ms) return false;
    }
  }
};

/// "42 %" for a fraction 0..1 (clamped and rounded down: 100 % only at the end).
std::string percent_text(double fraction);

/// A progress bar `width` wide with the percentage in it; `mark` is its test id.
void progress_bar(Ui& ui, double fraction, float width, const char* mark);

/// What a long job's modal dialog shows while it runs.
struct ProgressDialog {
  const char* popup_id;       ///< the ImGui popup's id
  std::string title;          ///< "Exporting your leads"
  std::string text;           ///< one or two sentences: what happens, what Cancel leaves
  double fraction = 0;        ///< 0..1
  const char* progress_mark;  ///< test id of the bar ("export.progress")
  const char* cancel_mark;    ///< test id of Cancel ("export.cancel")
};

/// Draws the centred modal of a running job (`open`: open it this frame; `running`: false closes
/// it). Returns true when the user pressed Cancel or Escape; the caller cancels the job.
bool progress_dialog(Ui& ui, const ProgressDialog& d, bool open, bool running);

}  // namespace nurture::ui
