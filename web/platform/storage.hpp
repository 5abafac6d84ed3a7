#pragma once
/// Persistence of the workspace and preferences in IndexedDB through IDBFS.
/// Rules (CHECKLISTS R1–R9): load before any write; one sync at a time with a watchdog; saves
/// debounced after changes and immediate on page hide; each snapshot written to the slot not
/// holding the latest save, then the head file naming it (save_plan.hpp), all in one IndexedDB
/// transaction; fallback to the previous snapshot and daily backups; a single writer tab.
///
/// The browser side (shell/library_storage.js) mounts, syncs and holds the writer lock; it
/// reports back through on_event(). This class decides what to write and what to show.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "core/model/preferences.hpp"
#include "core/session.hpp"
#include "core/storage/image_encoder.hpp"
#include "core/storage/save_plan.hpp"
#include "core/storage/save_scheduler.hpp"
#include "core/storage/snapshot_parts.hpp"
#include "web/ui/platform_api.hpp"

namespace nurture::web {

class WebStorage {
 public:
  explicit WebStorage(Session& session);

  /// Mounts IDBFS, asks for the writer lock and starts loading. Asynchronous: status().mode
  /// leaves `loading` when done.
  void start();
  /// Once per frame: starts a save when one is due; hands the lock over when asked to.
  void tick(std::int64_t now);
  [[nodiscard]] const ui::StorageStatus& status() const { return m_status; }
  /// Preferences read at load, once (nullopt before load or when none were stored).
  std::optional<Preferences> take_loaded_preferences();

  /// Save at once, skipping the debounce and any retry delay (Ctrl+S, "Retry").
  void save_now();
  /// From a read-only tab: become the writer ("Use here").
  void take_over();
  /// The bytes of backup `name` for a restore (ui::Platform::read_backup), or why not.
  [[nodiscard]] Expected<std::string> read_backup(const std::string& name) const;
  /// Stores preferences (writer tab only; readers keep theirs in memory).
  void save_preferences(const Preferences& prefs);
  void request_persistence();
  /// The whole workspace was handed to the user as a file at `now` (for the reminder when the
  /// last export is old). Stored in meta.json by the writer tab.
  void note_export(std::int64_t now);
  /// App lock (docs/storage.md): see ui::Platform. lock() waits for the pending change to be
  /// stored, then drops the workspace and its undo history; nothing loads until unlock().
  void lock();
  void unlock(const std::string& passphrase);
  void lock_enable(const std::string& passphrase);
  void lock_change(const std::string& old_passphrase, const std::string& new_passphrase);
  void lock_disable(const std::string& passphrase);
  /// Asks the page to stop the running lock change (ui::Platform::lock_cancel).
  void lock_cancel();
  [[nodiscard]] const ui::TaskStatus& lock_task() const { return m_lock_task; }
  /// The page is being hidden: save at once.
  void on_page_hidden();

  /// Where the user's changes stand, for the page's overlays (a lost display, an update).
  enum class Durability {
    stored,       ///< everything is in IndexedDB (or this tab has nothing of its own to save)
    saving,       ///< a save is pending or in flight
    failed,       ///< the last save failed; the latest changes are only in memory
    unavailable,  ///< storage never loaded in this tab: nothing could be saved here
  };
  /// Starts saving pending changes at once (as on page hide), then reports where they stand.
  /// A save in flight is not restarted; call again until the answer is not `saving`.
  Durability flush();
  /// TEST-ONLY (R7 under an injected abort): the next save calls std::abort() after writing
  /// the new snapshot over the previous copy's slot, just before writing the head file.
  void abort_in_next_save() { m_abort_in_next_save = true; }
  /// TEST-ONLY: the image bytes encoded per frame (ImageEncoder::step's budget), so a browser
  /// test can make a save span many frames; 0 restores the default.
  void set_save_budget(std::size_t bytes);
  /// TEST-ONLY, for the browser tests' state: where the save stands ("idle", "encoding",
  /// "cutting", "writing" while IndexedDB stores it), how many saves reached IndexedDB since the
  /// page opened, and how many frames the last save written spent encoding and cutting.
  [[nodiscard]] const char* save_step() const;
  [[nodiscard]] int saves_stored() const { return m_saves_stored; }
  [[nodiscard]] int last_writing_frames() const { return m_last_writing_frames; }
  /// Events from shell/library_storage.js: "loaded", "load-failed", "sync-ok", "sync-failed",
  /// "release-requested", "lock-lost", "persistence", "private-mode", and "interrupted" (the
  /// page in this tab stopped with unsaved changes; the next load says so).
  void on_event(const std::string& kind, const std::string& detail);
  /// True while a change is pending, being saved or failed to save (the leave-page prompt).
  [[nodiscard]] bool has_unsaved_changes() const { return m_scheduler.has_unsaved_changes(); }
  /// Only the writer tab with loaded data may change the workspace.
  [[nodiscard]] bool can_edit() const { return m_status.mode == ui::StorageStatus::Mode::ready; }

 private:
  void on_loaded(bool writer);
  /// Starts a save of the current revision; its encoding starts with the next advance_save.
  void start_save();
  /// How much of the pending save one advance_save call does: a frame's slice, or all of it
  /// (the page is being hidden, or a flush).
  enum class Pace : std::uint8_t { frame, at_once };
  /// Encodes a slice of the pending save's image, or once it is encoded cuts a slice of it into
  /// parts (snapshot_parts.hpp); once all are cut, writes the new parts, the manifest and the
  /// head, and starts the sync. An edit while the image is being encoded restarts the encoding
  /// of the new revision at once.
  void advance_save(Pace pace);
  void finish_save();
  /// Drops a save still being cut (the lock was lost, the workspace was reloaded or locked).
  void drop_pending_save();
  /// A save is being cut or synced.
  [[nodiscard]] bool save_in_flight() const { return m_pending != nullptr || m_save_sync_id != 0; }
  void on_sync_result(int id, const std::string& error);
  void release_lock();
  void refresh_backups();
  void move_damaged_aside(const std::string& problems);
  void write_side_file(const std::string& name, const std::string& bytes);
  /// Drops everything loaded and shows the lock screen (the JS side wipes its files too).
  void enter_locked();
  /// Starts a lock task unless one is running; false when busy.
  bool begin_lock_task(const char* message);
  void finish_lock_task(bool failed, std::string message);

  /// A save in progress, a slice per frame: encoding the image (ImageEncoder), then cutting it
  /// into parts (PartSplitter). Either at once at 100,000 leads (67 MB) would be a long task.
  /// The encoder reads the session's workspace, so an edit meanwhile restarts it; once encoded,
  /// the image is a copy, and edits wait for the next save.
  struct PendingSave {
    std::uint64_t revision = 0;            ///< the revision being saved
    int writing_frames = 0;                ///< advance_save calls spent encoding and cutting
    bool at_once = false;                  ///< restarted after an edit: finished in one call
    std::optional<ImageEncoder> encoder;   ///< while encoding
    std::string image;                     ///< once encoded
    std::optional<PartSplitter> splitter;  ///< reads `image`: PendingSave is never moved
  };

  Session& m_session;
  SaveScheduler m_scheduler;
  std::unique_ptr<PendingSave> m_pending;
  ui::StorageStatus m_status;
  ui::TaskStatus m_lock_task;
  bool m_lock_pending = false;  ///< lock() waits for the pending change to be stored
  std::optional<Preferences> m_loaded_prefs;
  std::int64_t m_now = 0;
  int m_next_sync_id = 1;
  int m_save_sync_id = 0;                     ///< the sync carrying the save in flight, 0 if none
  bool m_latest_good = true;                  ///< the stored latest snapshot opens (else it is moved aside)
  std::string m_latest{k_snapshot_slots[0]};  ///< the slot holding the latest save (save_plan.hpp)
  bool m_persist_asked = false;
  bool m_prefs_loaded = false;     ///< preferences are read at the first load only
  bool m_release_pending = false;  ///< another tab asked for the lock
  bool m_release_saved = false;    ///< a save attempt finished since that request
  bool m_interrupted = false;      ///< the previous page in this tab stopped before saving
  bool m_abort_in_next_save = false;
  std::size_t m_encode_budget;    ///< image bytes encoded per frame (set_save_budget)
  int m_saves_stored = 0;         ///< saves that reached IndexedDB (save_step and tests)
  int m_last_writing_frames = 0;  ///< PendingSave::writing_frames of the last save written
};

}  // namespace nurture::web
