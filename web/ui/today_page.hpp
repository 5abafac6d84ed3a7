#pragma once
/// Today: the day's due touches grouped by channel and time, each opening to its rendered
/// message with one-click actions (the mail app, the messages app, the phone, copy) and an
/// outcome log (sent, replied, booked, skipped, no answer, wrong number, snooze) that writes
/// events; batch exports of the day's emails and texts as CSV and reminders as a calendar file;
/// touches later today; touches held back, each with its reason. A first-run welcome while the
/// practice profile is empty.

#include <string>

#include <nlohmann/json_fwd.hpp>

#include "web/ui/sequence_runtime.hpp"
#include "web/ui/ui_context.hpp"

namespace nurture::ui {

class TodayPage {
 public:
  void draw(Ui& ui, const SequenceRuntime& rt);
  /// For browser and smoke tests: the keys and leads of due, later and held touches.
  void describe(nlohmann::json& out, const Workspace& ws, const SequenceRuntime& rt) const;

 private:
  void draw_queue(Ui& ui, const SequenceRuntime& rt, float width);
  void draw_group(Ui& ui, const SequenceRuntime& rt, StepChannel channel, float width);
  void draw_touch(Ui& ui, const SequenceRuntime& rt, const DueTouch& touch, float width, bool actionable);
  void draw_open_touch(Ui& ui, const SequenceRuntime& rt, const DueTouch& touch, float width,
                       bool actionable);
  void draw_later(Ui& ui, const SequenceRuntime& rt, float width);
  void draw_held(Ui& ui, const SequenceRuntime& rt, float width);
  void draw_exports(Ui& ui, const SequenceRuntime& rt);
  void record(Ui& ui, const SequenceRuntime& rt, const DueTouch& touch, TouchOutcome outcome,
              UnixMillis until = 0);

  std::string m_open;  ///< the touch key shown open
  std::string m_message;
  bool m_message_ok = true;
};

}  // namespace nurture::ui
