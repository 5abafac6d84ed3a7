#pragma once
/// Persistence of the workspace and preferences in IndexedDB through IDBFS.
/// Rules (CHECKLISTS R1–R9): load before any write; one sync at a time with a watchdog; saves
/// debounced after changes and immediate on page hide; snapshots written to a temp file and
/// renamed; fallback to the previous snapshot and daily backups; a single writer tab.

#include <cstdint>
#include <optional>
#include <string>

#include "core/model/preferences.hpp"
#include "core/session.hpp"
#include "core/storage/save_scheduler.hpp"
#include "web/ui/platform_api.hpp"

namespace nurture::web {

class WebStorage {
 public:
  explicit WebStorage(Session& session);

  /// Mounts IDBFS, asks for the writer lock and starts loading. Asynchronous: status().mode
  /// leaves `loading` when done.
  void start();
  /// Once per frame: starts a save when one is due, checks the watchdog.
  void tick(std::int64_t now);
  [[nodiscard]] const ui::StorageStatus& status() const { return m_status; }
  /// Preferences read at load, once (nullopt before load or when none were stored).
  std::optional<Preferences> take_loaded_preferences();

  void save_now();
  void take_over();
  void restore_backup(const std::string& name);
  void save_preferences(const Preferences& prefs);
  void request_persistence();
  /// The page is being hidden: save at once.
  void on_page_hidden();
  /// Messages from shell JS (sync finished, lock lost, ...), see library_nurture.js.
  void on_event(const std::string& kind, const std::string& detail);
  [[nodiscard]] bool has_unsaved_changes() const { return m_scheduler.has_unsaved_changes(); }

 private:
  Session& m_session;
  SaveScheduler m_scheduler;
  ui::StorageStatus m_status;
  std::optional<Preferences> m_loaded_prefs;
};

}  // namespace nurture::web
