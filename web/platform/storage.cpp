#include "web/platform/storage.hpp"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdlib>
#include <map>
#include <utility>

#include <nlohmann/json.hpp>

#include "core/io/workspace_json.hpp"
#include "core/storage/backups.hpp"
#include "core/storage/save_plan.hpp"
#include "core/storage/snapshot.hpp"
#include "web/platform/browser.hpp"
#include "web/platform/storage_bridge.hpp"
#include "web/platform/storage_files.hpp"

namespace nurture::web {

namespace {

using Mode = ui::StorageStatus::Mode;

// How much of a save's image is cut into parts per frame: a few milliseconds in the browser
// (docs/storage.md), so a save of 100,000 leads never freezes the page.
constexpr std::size_t k_cut_bytes_per_frame = std::size_t{4} << 20;
// ImageEncoder::step's budget per frame. Encoding the whole 67 MB image at 100,000 leads took
// 229–340 ms in one task; 1 MB a frame is a column copy or two, an eighth of that in JSON text,
// or 4 MB of checksum: a few milliseconds, and the image is encoded in about a hundred frames
// (the largest column, the lead stamps' 10 MB, is one step whatever the budget).
constexpr std::size_t k_encode_bytes_per_frame = std::size_t{1} << 20;

bool mentions_quota(const std::string& error) {
  std::string lower = error;
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  return lower.find("quota") != std::string::npos;
}

std::string save_error_message(const std::string& reason, bool quota) {
  if (quota) {
    return "Not saved: the browser's storage for Nurture is full (" + reason +
           "). Export your workspace now to keep a copy, then free space (for example by clearing other "
           "sites' data); Nurture keeps retrying.";
  }
  return "Not saved: " + reason + ". Nurture keeps retrying; keep this tab open or export your workspace.";
}

/// Splits "<id> <error>" from the JS side.
std::pair<int, std::string> split_sync_detail(const std::string& detail) {
  const auto space = detail.find(' ');
  const std::string id_text = detail.substr(0, space);
  int id = 0;
  for (const char c : id_text) {
    if (c < '0' || c > '9') return {0, detail};
    id = id * 10 + (c - '0');
  }
  return {id, space == std::string::npos ? std::string() : detail.substr(space + 1)};
}

}  // namespace

WebStorage::WebStorage(Session& session) : m_session(session), m_encode_budget(k_encode_bytes_per_frame) {}

void WebStorage::set_save_budget(std::size_t bytes) {
  m_encode_budget = bytes == 0 ? k_encode_bytes_per_frame : bytes;
}

const char* WebStorage::save_step() const {
  if (m_pending) return m_pending->encoder ? "encoding" : "cutting";
  return m_save_sync_id != 0 ? "writing" : "idle";
}

void WebStorage::start() {
  m_status.mode = Mode::loading;
  storage_js::start();
}

void WebStorage::tick(std::int64_t now) {
  m_now = now;
  m_scheduler.note_revision(m_session.revision(), now);
  advance_save(Pace::frame);
  if (m_status.mode == Mode::ready && !save_in_flight()) {
    // Hand over only after the pending change had its chance to be saved: the other tab
    // reloads from IndexedDB and must find it there.
    if (m_release_pending && (!m_scheduler.has_unsaved_changes() || m_release_saved)) {
      release_lock();
    } else if (m_scheduler.should_start(now)) {
      start_save();
    }
  }
  // Locking waits for the last change to reach IndexedDB: dropping it would lose work. A save
  // that keeps failing keeps the app unlocked (and says why) rather than lose the change.
  if (m_lock_pending && !save_in_flight() &&
      (m_status.mode != Mode::ready || !m_scheduler.has_unsaved_changes())) {
    m_lock_pending = false;
    if (m_status.mode == Mode::ready || m_status.mode == Mode::read_only) {
      enter_locked();
      storage_js::lock();
    }
  }
  m_status.save_state = m_scheduler.state();
}

std::optional<Preferences> WebStorage::take_loaded_preferences() {
  return std::exchange(m_loaded_prefs, std::nullopt);
}

void WebStorage::save_now() {
  if (m_status.mode == Mode::ready) m_scheduler.request_flush();
}

void WebStorage::take_over() {
  if (m_status.mode != Mode::read_only) return;
  m_status.mode = Mode::loading;
  m_status.error.clear();
  storage_js::take_over();
}

Expected<std::string> WebStorage::read_backup(const std::string& name) const {
  // The UI opens the bytes a slice per frame and replaces the workspace (web/ui/restore_job.hpp).
  if (!can_edit()) return Error{"This tab is read-only: use it here before restoring a backup."};
  if (!backup_date(name)) return Error{"Could not restore " + name + ": not a backup."};
  const std::string label = candidate_label(name, m_latest);
  auto bytes = storage_files::read(name);
  if (!bytes) return Error{"Could not restore the " + label + ": the file is missing."};
  // A backup is its parts' manifest (snapshot_parts.hpp), or a whole snapshot from before them.
  auto stored = resolve_stored(std::move(*bytes), storage_files::read);
  if (!stored) return Error{"Could not restore the " + label + ": " + stored.error().message};
  return std::move(stored).value();
}

void WebStorage::save_preferences(const Preferences& prefs) {
  write_side_file(std::string(k_preferences_file), preferences_to_json(prefs));
}

void WebStorage::note_export(std::int64_t now) {
  m_status.last_export_at = now;
  write_side_file(std::string(k_meta_file), nlohmann::json{{"last_export_at", now}}.dump());
}

void WebStorage::write_side_file(const std::string& name, const std::string& bytes) {
  if (!can_edit()) return;
  if (!storage_files::write(name, bytes).ok()) return;
  // Rides on its own sync; its outcome does not change the workspace's save state.
  storage_js::sync(m_next_sync_id++);
}

void WebStorage::request_persistence() { storage_js::persistence(true); }

void WebStorage::lock() {
  if (!m_status.lock_enabled) return;
  if (m_status.mode != Mode::ready && m_status.mode != Mode::read_only) return;
  m_lock_pending = true;
  if (m_status.mode == Mode::ready) m_scheduler.request_flush();
  tick(m_now);
}

void WebStorage::enter_locked() {
  m_session.reset(Workspace{});
  m_scheduler = SaveScheduler{};
  m_scheduler.mark_saved(m_session.revision());
  drop_pending_save();
  m_save_sync_id = 0;
  m_lock_pending = false;
  m_release_pending = false;
  m_status.mode = Mode::locked;
  m_status.lock_enabled = true;
  m_status.save_state = SaveState::saved;
  m_status.error.clear();
  m_status.recovery_warning.clear();
  m_status.backups.clear();
}

bool WebStorage::begin_lock_task(const char* message) {
  if (m_lock_task.busy) return false;
  m_lock_task.busy = true;
  m_lock_task.failed = false;
  m_lock_task.cancelled = false;
  m_lock_task.progress = -1;
  // Turning the lock on or off and changing the passphrase can be stopped until their write
  // commits (the page says when it cannot any more); unlocking only reads.
  m_lock_task.cancellable = m_status.mode != Mode::locked;
  m_lock_task.message = message;
  return true;
}

void WebStorage::finish_lock_task(bool failed, std::string message) {
  m_lock_task.busy = false;
  m_lock_task.failed = failed;
  m_lock_task.cancellable = false;
  m_lock_task.progress = -1;
  m_lock_task.message = std::move(message);
  ++m_lock_task.finished;
}

void WebStorage::unlock(const std::string& passphrase) {
  if (m_status.mode != Mode::locked || passphrase.empty()) return;
  if (begin_lock_task("Unlocking…")) storage_js::unlock(passphrase);
}

void WebStorage::lock_enable(const std::string& passphrase) {
  if (!can_edit() || m_status.lock_enabled) return;
  // One IndexedDB transaction stores every file encrypted, or none: Cancel aborts it, and
  // nothing changes (docs/long-work.md).
  if (begin_lock_task("Encrypting every stored file (workspace and backups)… A few seconds with many leads."))
    storage_js::lock_enable(passphrase);
}

void WebStorage::lock_change(const std::string& old_passphrase, const std::string& new_passphrase) {
  if (!can_edit() || !m_status.lock_enabled) return;
  if (begin_lock_task("Checking the passphrase and changing it… about a second."))
    storage_js::lock_change(old_passphrase, new_passphrase);
}

void WebStorage::lock_disable(const std::string& passphrase) {
  if (!can_edit() || !m_status.lock_enabled) return;
  if (begin_lock_task("Decrypting every stored file… A few seconds with many leads."))
    storage_js::lock_disable(passphrase);
}

void WebStorage::lock_cancel() {
  if (m_lock_task.busy && m_lock_task.cancellable) storage_js::lock_cancel();
}

void WebStorage::on_page_hidden() {
  // A hidden page gets no animation frames, so the save must start here, not at the next tick,
  // and be cut to the end at once.
  save_now();
  advance_save(Pace::at_once);
  tick(wall_clock_ms());
  advance_save(Pace::at_once);
}

WebStorage::Durability WebStorage::flush() {
  if (m_status.mode == Mode::unavailable) return Durability::unavailable;
  on_page_hidden();
  if (!m_scheduler.has_unsaved_changes()) return Durability::stored;
  return m_scheduler.state() == SaveState::failed ? Durability::failed : Durability::saving;
}

void WebStorage::on_event(const std::string& kind, const std::string& detail) {
  m_now = wall_clock_ms();
  if (kind == "interrupted") {
    m_interrupted = true;
  } else if (kind == "loaded") {
    on_loaded(detail == "writer");
  } else if (kind == "load-failed") {
    if (m_lock_task.busy) finish_lock_task(true, "The data could not be loaded: " + detail);
    m_status.mode = Mode::unavailable;
    m_status.error = "Storage is unavailable in this browser: " + detail +
                     "; nothing will be saved until it works. Reload to try again.";
  } else if (kind == "sync-ok" || kind == "sync-failed") {
    const auto [id, error] = split_sync_detail(detail);
    on_sync_result(id, kind == "sync-ok" ? std::string() : (error.empty() ? "storage error" : error));
  } else if (kind == "release-requested") {
    m_release_pending = true;
    m_release_saved = false;
    m_scheduler.request_flush();
  } else if (kind == "lock-lost") {
    if (m_status.mode == Mode::ready || m_status.mode == Mode::loading) m_status.mode = Mode::read_only;
    m_release_pending = false;
    if (save_in_flight()) {
      drop_pending_save();
      m_save_sync_id = 0;
      m_scheduler.failed(m_now, "another tab took over");
    }
    m_status.error = "Another tab took over editing; this tab is read-only now and saves nothing.";
  } else if (kind == "persistence") {
    m_status.persistence = detail == "granted" ? ui::StorageStatus::Persistence::granted
                                               : ui::StorageStatus::Persistence::denied;
  } else if (kind == "private-mode") {
    m_status.private_mode = true;
  } else if (kind == "lock-state") {
    m_status.lock_enabled = detail == "on";
  } else if (kind == "locked") {
    // "start": the page opened locked; "user": the lock this tab asked for took effect.
    if (m_status.mode != Mode::locked) enter_locked();
    if (detail == "start") m_status.mode = Mode::locked;
  } else if (kind == "unlock-failed") {
    finish_lock_task(true, detail.empty() ? "The passphrase is wrong." : detail);
  } else if (kind == "lock-done") {
    finish_lock_task(false, detail == "on" ? "The app lock is on: the data in this browser is encrypted."
                            : detail == "off"
                                ? "The app lock is off: the data in this browser is no longer encrypted."
                                : "The passphrase is changed.");
  } else if (kind == "lock-failed") {
    finish_lock_task(true, detail);
  } else if (kind == "lock-progress") {
    // "<fraction> <cancellable>": the fraction of the work done; 0 once the write is committing.
    if (m_lock_task.busy) {
      const auto space = detail.find(' ');
      m_lock_task.progress = std::clamp(std::atof(detail.substr(0, space).c_str()), 0.0, 1.0);
      m_lock_task.cancellable = space != std::string::npos && detail.substr(space + 1) == "1";
    }
  } else if (kind == "lock-cancelled") {
    finish_lock_task(false,
                     detail == "changed"
                         ? "Cancelled: the passphrase is unchanged. Enter the passphrases again to change it."
                         : "Cancelled: nothing was changed. Enter the passphrase again to go on.");
    m_lock_task.cancelled = true;
  }
  // A hidden writer gets no animation frames: answer a takeover request from here, not tick.
  if (m_release_pending) tick(m_now);
  m_status.save_state = m_scheduler.state();
}

void WebStorage::on_loaded(bool writer) {
  auto files = storage_files::list();
  // A part whose bytes no longer match its name would be taken as present by every later save
  // (saves write only the parts not there yet): the writer moves it aside, and the snapshots
  // that need it fall back below or get it rewritten by the next save.
  if (writer) {
    for (const auto& part : storage_files::damaged_parts(files))
      (void)storage_files::rename(part, damaged_name(m_now, part));
    files = storage_files::list();
  }
  m_latest = storage_files::latest_slot();
  const auto candidates = storage_files::candidates(files, m_latest);
  auto recovery = recover_workspace(candidates, storage_files::read);
  m_latest_good = recovery.source == candidate_label(m_latest, m_latest);
  m_status.recovery_warning = recovery.warning;
  if (recovery.unreadable && writer) move_damaged_aside(recovery.warning);
  if (std::exchange(m_interrupted, false)) {
    // What was stored is whole (a save lands in one transaction or not at all), but the page
    // before this one stopped with a change not yet stored: say so once, on the first load.
    // (The page may still have stored it while closing, hence "check", not "lost".)
    const std::string note =
        "Nurture stopped while a change was not yet saved; this is your last complete save, so check your "
        "latest change.";
    m_status.recovery_warning =
        m_status.recovery_warning.empty() ? note : note + " " + m_status.recovery_warning;
  }

  m_session.reset(std::move(recovery.workspace));
  // A fresh scheduler: what was just loaded is, by definition, stored.
  m_scheduler = SaveScheduler{};
  m_scheduler.mark_saved(m_session.revision());
  drop_pending_save();
  m_save_sync_id = 0;
  m_status.save_state = SaveState::saved;

  if (!m_prefs_loaded) {
    m_prefs_loaded = true;
    if (const auto text = storage_files::read(std::string(k_preferences_file))) {
      if (auto prefs = preferences_from_json(*text)) m_loaded_prefs = std::move(prefs).value();
    }
    if (const auto text = storage_files::read(std::string(k_meta_file))) {
      const auto meta = nlohmann::json::parse(*text, nullptr, false);
      if (meta.is_object() && meta.contains("last_export_at") && meta["last_export_at"].is_number_integer())
        m_status.last_export_at = meta["last_export_at"].get<std::int64_t>();
    }
  }
  m_status.mode = writer ? Mode::ready : Mode::read_only;
  if (m_lock_task.busy) finish_lock_task(false, "Unlocked");  // the unlock's load
  refresh_backups();
}

void WebStorage::move_damaged_aside(const std::string& problems) {
  // IDBFS deletes stored files missing from memory and the next save would overwrite the
  // snapshot names, so unreadable copies get new names (kept, not destroyed) before any save.
  std::string kept;
  for (const auto& name : storage_files::list()) {
    const bool candidate = name == k_snapshot_slots[0] || name == k_snapshot_slots[1] || backup_date(name);
    if (!candidate) continue;
    const auto aside = damaged_name(m_now, name);
    if (storage_files::rename(name, aside).ok()) kept += (kept.empty() ? "" : ", ") + aside;
  }
  m_status.recovery_warning = problems +
                              ". Nurture starts with an empty workspace; the unreadable files are kept as " +
                              kept + " and are never overwritten.";
}

void WebStorage::start_save() {
  const Workspace& ws = m_session.workspace();
  m_scheduler.started(ws.revision);
  // Nothing is encoded in this frame, which may already hold the edit's own work (runtimes,
  // drawing): the first slice is the next frame's.
  m_pending = std::make_unique<PendingSave>();
  m_pending->revision = ws.revision;
  m_pending->encoder.emplace(ws);
}

void WebStorage::advance_save(Pace pace) {
  if (!m_pending) return;
  PendingSave& save = *m_pending;
  if (save.encoder && m_session.revision() != save.revision) {
    // An edit landed while the image was being encoded from the workspace it changed. Starting
    // over in slices might never finish while the user keeps typing, so the new revision is
    // encoded and cut at once: one save holds both edits.
    const Workspace& ws = m_session.workspace();
    m_scheduler.note_revision(ws.revision, m_now);
    m_scheduler.started(ws.revision);
    save.revision = ws.revision;
    save.at_once = true;
    save.encoder.emplace(ws);
  }
  const bool to_the_end = pace == Pace::at_once || save.at_once;
  ++save.writing_frames;
  if (save.encoder) {
    if (!save.encoder->step(to_the_end ? SIZE_MAX : m_encode_budget)) return;
    save.image = save.encoder->take();
    save.encoder.reset();
    save.splitter.emplace(save.image);
    // Cutting starts next frame, so a frame never holds both an encoding and a cutting slice.
    if (!to_the_end) return;
  }
  if (save.splitter->step(to_the_end ? SIZE_MAX : k_cut_bytes_per_frame)) finish_save();
}

void WebStorage::drop_pending_save() { m_pending.reset(); }

void WebStorage::finish_save() {
  const std::unique_ptr<PendingSave> pending = std::move(m_pending);
  m_last_writing_frames = pending->writing_frames;
  const std::string_view image = pending->image;
  // Where each part lies in the image, by name, for the write_part operations.
  std::vector<std::string> part_names;
  std::map<std::string, std::string_view> part_bytes;
  std::size_t at = 0;
  for (const auto& part : pending->splitter->parts()) {
    const auto length = static_cast<std::size_t>(part.length);
    part_names.push_back(part_name(part));
    part_bytes.emplace(part_names.back(), image.substr(at, length));
    at += length;
  }
  const std::string manifest = encode_manifest(image, pending->splitter->parts());

  const auto local_ms = m_now + std::int64_t{local_utc_offset_minutes(m_now)} * 60000;
  const auto files = storage_files::list();
  SavePlanInput input{files, utc_date(local_ms), m_latest_good, m_now, m_latest};
  input.parts = part_names;
  input.references = storage_files::references(files);
  const auto ops = plan_save(input);
  const auto written = storage_files::apply(
      ops, manifest, [&part_bytes](const std::string& name) { return part_bytes.at(name); },
      [this](const FileOp& op) {
        // TEST-ONLY fault injection: the worst moment to die, with the new snapshot written over
        // the previous copy in memory and the head not yet naming it. Nothing of it may reach
        // IndexedDB.
        if (m_abort_in_next_save && op.kind == FileOp::Kind::write_text && op.name == k_head_file)
          std::abort();
      });
  if (!written.ok()) {
    m_scheduler.failed(m_now, written.message);
    m_status.error = save_error_message(written.message, false);
    return;
  }
  m_latest_good = true;
  // The memory file system now has the head naming the new slot; if this sync fails, the next
  // save writes the other slot and stores both (IndexedDB still has the older pair until then).
  m_latest = std::string(written_slot(ops));
  m_save_sync_id = m_next_sync_id++;
  storage_js::sync(m_save_sync_id);
}

void WebStorage::on_sync_result(int id, const std::string& error) {
  if (id == 0 || id != m_save_sync_id) return;  // a preferences sync, or one given up on
  m_save_sync_id = 0;
  if (m_release_pending) m_release_saved = true;
  if (error.empty()) {
    ++m_saves_stored;
    m_scheduler.succeeded(m_now);
    m_status.last_saved_at = m_now;
    m_status.error.clear();
    m_status.quota_exceeded = false;
    refresh_backups();
    if (!m_persist_asked && !m_session.workspace().is_empty()) {
      // Asked once there is something worth keeping (browsers may grant it more readily then).
      m_persist_asked = true;
      storage_js::persistence(true);
    }
    return;
  }
  m_status.quota_exceeded = mentions_quota(error);
  m_scheduler.failed(m_now, error);
  m_status.error = save_error_message(error, m_status.quota_exceeded);
}

void WebStorage::release_lock() {
  m_release_pending = false;
  m_release_saved = false;
  m_status.mode = Mode::read_only;
  storage_js::release();
}

void WebStorage::refresh_backups() {
  const auto files = storage_files::list();
  m_status.backups = backups_newest_first(files);
}

}  // namespace nurture::web
