#include "web/ui/restore_job.hpp"

#include <algorithm>
#include <utility>

#include <nlohmann/json.hpp>

#include "core/commands/command.hpp"
#include "core/storage/backups.hpp"
#include "core/storage/image_decoder.hpp"
#include "core/util/civil_time.hpp"
#include "web/ui/format.hpp"

namespace nurture::ui {

namespace {

constexpr const char* k_restore_dialog = "restore_progress";

}  // namespace

std::string backup_label(const std::string& name, bool sentence_start) {
  const auto day = backup_date(name);
  if (!day) return name;
  return (sentence_start ? "Backup of " : "backup of ") + format_day(days_from_civil(*day) * 86'400'000, 0);
}

RestoreJob::RestoreJob() = default;
RestoreJob::~RestoreJob() = default;

void RestoreJob::start(Ui& ui, const std::string& name) {
  if (running()) return;
  m_name = name;
  m_progress = 0.0;
  m_frames = 0;
  m_slowest_ms = 0;
  m_replace_ms = 0;
  m_message.clear();
  auto bytes = ui.platform.read_backup(name);
  if (!bytes) return stop(ui, State::failed, bytes.error().message);
  m_bytes = std::move(bytes).value();
  m_decoder = std::make_unique<ImageDecoder>(m_bytes);
  m_revision = ui.session.revision();
  m_state = State::decoding;
  m_open_dialog = true;
  ui.announce("Restoring the " + backup_label(name) + "…");
}

void RestoreJob::stop(Ui& ui, State state, std::string message) {
  m_decoder.reset();
  std::string().swap(m_bytes);  // the backup's bytes can be tens of megabytes
  m_state = state;
  m_message = std::move(message);
  ui.notice = m_message;
  ui.announce(m_message);
}

void RestoreJob::cancel(Ui& ui) {
  if (!running()) return;
  stop(ui, State::cancelled, "Backup not restored; nothing was changed.");
}

void RestoreJob::finish(Ui& ui) {
  auto ws = m_decoder->take();
  m_progress = 1.0;
  const std::string failed = "Could not restore the " + backup_label(m_name) + ": ";
  if (!ws) return stop(ui, State::failed, failed + ws.error().message);
  // Through the session so the state before the restore stays one undo away.
  const std::int64_t start = ui.platform.now_ms();
  const CommandResult r = ui.mutable_session.execute(ReplaceWorkspace{std::move(ws).value()});
  m_replace_ms = ui.platform.now_ms() - start;
  if (!r.ok) return stop(ui, State::failed, failed + r.message);
  stop(ui, State::done, backup_label(m_name, true) + " restored. Ctrl+Z goes back.");
}

void RestoreJob::update(Ui& ui) {
  if (m_state != State::decoding || !m_decoder) return;
  // The backup replaces the workspace the user confirmed replacing: if it changed meanwhile (an
  // undo, another tab's takeover), that is no longer what they chose.
  if (ui.session.revision() != m_revision || !ui.editable()) {
    return stop(ui, State::failed,
                "The workspace changed while the backup was being read, so it was not restored.");
  }
  ImageDecoder& decoder = *m_decoder;
  const std::int64_t start = ui.platform.now_ms();
  const bool finished = m_budget.run(ui, [&decoder](std::size_t bytes) { return decoder.step(bytes); });
  m_slowest_ms = std::max(m_slowest_ms, ui.platform.now_ms() - start);
  if (!m_budget.paused) ++m_frames;
  m_progress = decoder.progress();
  if (finished) finish(ui);
}

void RestoreJob::draw(Ui& ui) {
  const ProgressDialog dialog{k_restore_dialog,
                              "Restoring the backup",
                              "Reading the " + backup_label(m_name) +
                                  ". Your workspace changes only when it is fully read; Cancel leaves it "
                                  "as it is, and Ctrl+Z undoes the restore afterwards.",
                              m_progress,
                              "restore.progress",
                              "restore.cancel"};
  if (progress_dialog(ui, dialog, std::exchange(m_open_dialog, false), m_state == State::decoding))
    cancel(ui);
}

void describe(nlohmann::json& out, const RestoreJob& job) {
  static constexpr const char* k_states[] = {"idle", "decoding", "done", "cancelled", "failed"};
  out["step"] = k_states[static_cast<int>(job.state())];
  out["progress"] = job.progress();
  out["frames"] = job.frames();
  out["message"] = job.message();
  out["slowest_ms"] = job.slowest_ms();
  out["replace_ms"] = job.replace_ms();
}

}  // namespace nurture::ui
