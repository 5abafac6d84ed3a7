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
  /// Encodes the workspace and starts cutting it into parts (snapshot_parts.hpp).
  void start_save();
  /// Cuts at most `budget` more bytes of the pending save's image; once all are cut, writes the
  /// new parts, the manifest and the head, and starts the sync.
  void advance_save(std::size_t budget);
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

  /// A save whose image is being cut into parts, a slice per frame: cutting 67 MB at once
  /// would be one long task. The image is a copy, so edits meanwhile wait for the next save.
  struct PendingSave {
    explicit PendingSave(std::string sealed) : image(std::move(sealed)), splitter(image) {}
    std::string image;
    PartSplitter splitter;  ///< reads `image`: PendingSave is never moved (held by pointer)
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
};

}  // namespace nurture::web
