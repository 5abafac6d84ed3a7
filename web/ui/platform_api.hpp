#pragma once
/// What the UI needs from the platform, as an interface: the browser implements it in
/// web/platform/, the native UI smoke test with a fake. The UI never includes Emscripten.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/model/preferences.hpp"
#include "core/storage/save_scheduler.hpp"
#include "core/util/expected.hpp"

namespace nurture::ui {

/// Everything the status bar and Settings show about storage.
struct StorageStatus {
  enum class Mode {
    loading,      ///< reading IndexedDB; nothing may be written yet
    ready,        ///< this tab is the writer and the workspace is loaded
    read_only,    ///< another tab is the writer; "Use here" takes over
    unavailable,  ///< IndexedDB could not be read; nothing is written
    locked,       ///< the app lock is on and not unlocked: nothing is loaded, shown or written
  };
  enum class Persistence { unknown, granted, denied };

  Mode mode = Mode::loading;
  SaveState save_state = SaveState::saved;
  std::int64_t last_saved_at = 0;  ///< Unix ms of the last successful save, 0 if never
  std::string error;               ///< the last storage error in words, empty if none
  bool quota_exceeded = false;     ///< the last failure was the storage quota
  Persistence persistence = Persistence::unknown;
  bool private_mode = false;         ///< storage will not outlive the session
  std::string recovery_warning;      ///< set when load fell back to an older copy
  std::vector<std::string> backups;  ///< daily backup names, newest first
  std::int64_t last_export_at = 0;   ///< Unix ms of the last export, 0 if never
  bool lock_enabled = false;         ///< the app lock is on (stored files are encrypted)
};

/// Progress and outcome of an asynchronous task such as an encrypted export.
struct TaskStatus {
  bool busy = false;
  bool failed = false;
  std::string message;         ///< the outcome in words, empty while busy or before the first run
  std::uint64_t finished = 0;  ///< counts finished runs, so the UI notices each outcome
  /// The browser would not start it (a file chooser opens only right after a click or key
  /// press); `failed` is set too, and the UI asks the user to try again.
  bool blocked = false;
  /// 0..1 while busy, when the work can say how far it is; -1 otherwise.
  double progress = -1;
  /// While busy: the work can still be stopped with nothing changed (see lock_cancel).
  bool cancellable = false;
  /// The last run was cancelled (neither failed nor done): nothing was changed.
  bool cancelled = false;
};

/// A file the user handed to the app: chosen in the file picker or dropped on the page.
struct IncomingFile {
  std::string name;
  std::string bytes;
};

/// Files larger than this are refused before they are read (the workspace file limit).
inline constexpr std::size_t k_max_incoming_file = std::size_t{512} * 1024 * 1024;

class Platform {
 public:
  virtual ~Platform() = default;
  /// Wall-clock time in Unix milliseconds.
  [[nodiscard]] virtual std::int64_t now_ms() const = 0;
  /// 64 random bits for new lead and event ids (the core reads no entropy). Never the same
  /// value twice in practice; the browser uses crypto.getRandomValues.
  virtual std::uint64_t random_u64() = 0;
  [[nodiscard]] virtual const StorageStatus& storage() const = 0;
  /// Save at once (Ctrl+S, "Retry").
  virtual void save_now() = 0;
  /// Become the writer tab ("Use here").
  virtual void take_over() = 0;
  /// Reads daily backup `name` for a restore: its stored bytes, or why it cannot be restored
  /// (a read-only tab, a name that is not a backup's, a missing file) in a sentence. The UI
  /// opens the bytes a slice per frame and replaces the workspace itself (RestoreJob).
  virtual Expected<std::string> read_backup(const std::string& name) = 0;
  /// Persist per-device preferences (theme, scale, last page).
  virtual void save_preferences(const Preferences& prefs) = 0;
  /// Offer bytes to the user as a downloaded file.
  virtual void download(const std::string& file_name, const std::string& mime, const std::string& bytes) = 0;
  /// Encrypts `bytes` with a key derived from `passphrase` (PBKDF2-SHA256, 600,000 iterations,
  /// random salt; AES-256-GCM, random IV) and offers the result as a download. Asynchronous:
  /// encryption() reports progress and the outcome. See docs/schema.md for the file format.
  virtual void download_encrypted(const std::string& file_name, const std::string& bytes,
                                  const std::string& passphrase) = 0;
  [[nodiscard]] virtual const TaskStatus& encryption() const = 0;
  /// Opens the browser's file chooser for files matching `accept` (e.g. ".csv,.tsv,.txt").
  /// The file is read asynchronously: file_intake() reports progress and failures, and
  /// take_file() hands the file over once. Files dropped on the page arrive the same way. When
  /// the browser refuses to open the chooser, file_intake() finishes failed and `blocked`.
  virtual void pick_file(const std::string& accept) = 0;
  /// Called in a frame by a button that has the visible keyboard focus and would call
  /// pick_file(`accept`) on Enter or Space. Browsers open a file chooser only close to the
  /// user's gesture, and the UI sees a key a frame after it was pressed, so the browser opens
  /// the chooser in the key press's own event handler and then ignores the pick_file() that
  /// the button calls when it sees the key (docs/accessibility.md). Only this frame counts.
  virtual void offer_keyboard_pick(const std::string& accept) = 0;
  [[nodiscard]] virtual const TaskStatus& file_intake() const = 0;
  virtual std::optional<IncomingFile> take_file() = 0;
  /// Decrypts an encrypted workspace file (docs/schema.md) with `passphrase`, asynchronously:
  /// decryption() reports progress and failures (one message for a wrong passphrase and a
  /// damaged file), take_decrypted() hands the plaintext over once.
  virtual void decrypt(const std::string& bytes, const std::string& passphrase) = 0;
  [[nodiscard]] virtual const TaskStatus& decryption() const = 0;
  virtual std::optional<std::string> take_decrypted() = 0;
  /// App lock (docs/storage.md). Each is asynchronous; lock_task() reports busy, the outcome
  /// and one generic message for a wrong passphrase. Turning it on encrypts every stored file
  /// under a new data key wrapped by `passphrase`; changing re-wraps the key; turning it off
  /// (with the passphrase) stores every file in plain again.
  virtual void lock_enable(const std::string& passphrase) = 0;
  virtual void lock_change(const std::string& old_passphrase, const std::string& new_passphrase) = 0;
  virtual void lock_disable(const std::string& passphrase) = 0;
  /// Locks now (when the lock is on): the pending change is saved first, then the workspace,
  /// undo history and UI state are dropped and the lock screen shows.
  virtual void lock_now() = 0;
  /// From the lock screen: opens the stored data with `passphrase` and loads it.
  virtual void unlock(const std::string& passphrase) = 0;
  [[nodiscard]] virtual const TaskStatus& lock_task() const = 0;
  /// Stops the running lock_enable, lock_change or lock_disable while lock_task().cancellable:
  /// its one IndexedDB transaction is aborted (or never opened), so the stored files, the lock
  /// and the passphrase stay as they were; the task then ends with `cancelled`.
  virtual void lock_cancel() = 0;
  /// Ask the browser to keep storage (navigator.storage.persist()).
  virtual void request_persistence() = 0;
  /// Open a URL (mailto:, tel:, https:) in the user's default handler.
  virtual void open_url(const std::string& url) = 0;
  /// Announce a status message to screen readers (an ARIA live region).
  virtual void announce(const std::string& message) = 0;
  /// True when the system asks for a dark colour scheme (for the "System" theme).
  [[nodiscard]] virtual bool system_prefers_dark() const = 0;
  /// True when the system asks for more contrast (`prefers-contrast: more`, Windows' contrast
  /// themes): the "System" theme then picks high contrast.
  [[nodiscard]] virtual bool system_prefers_more_contrast() const = 0;
  /// Offset of local time from UTC at Unix time `t`, in minutes (e.g. -300 for New York in
  /// winter), for showing times such as "Saved 10:42".
  [[nodiscard]] virtual int local_utc_offset_minutes(std::int64_t t) const = 0;
  /// Bytes of a bundled asset such as "fonts/Inter-Regular.otf"; empty when unavailable.
  [[nodiscard]] virtual std::string read_asset(const std::string& path) const = 0;
};

}  // namespace nurture::ui
