#pragma once
/// The browser side of the app: owns the session, storage and UI, runs one frame per
/// animation frame (skipping frames when nothing changed), and implements ui::Platform.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>

#include "core/session.hpp"
#include "web/platform/storage.hpp"
#include "web/ui/app.hpp"
#include "web/ui/platform_api.hpp"

struct GLFWwindow;

namespace nurture::web {

class WebHost final : public ui::Platform {
 public:
  explicit WebHost(GLFWwindow* window);

  /// One animation frame: decides whether to draw, then draws.
  void frame();

  // Calls from the page (exported C functions in main.cpp).
  /// Stores the pasted text as the clipboard; with `from_shortcut`, replays Ctrl+V to ImGui.
  void on_paste(std::string text, bool from_shortcut);
  /// Text typed through the page's text bridge (IME, dead keys, on-screen keyboards).
  void on_text(const char* utf8);
  void on_blur();
  void on_visibility_hidden();
  void on_storage_event(const std::string& kind, const std::string& detail);
  void request_redraw() { m_redraw_frames = 3; }
  [[nodiscard]] std::string test_state_json() const;
  /// TEST-ONLY (browser tests): runs one JSON command, see storage_test_hooks.cpp.
  std::string test_command(const std::string& json);
  [[nodiscard]] bool has_unsaved_changes() const { return m_storage.has_unsaved_changes(); }
  /// Saves pending changes at once and reports where they stand (the page's recovery overlays).
  WebStorage::Durability flush_save() { return m_storage.flush(); }
  [[nodiscard]] const std::string& clipboard() const { return m_clipboard; }
  void set_clipboard(std::string text);
  /// What Ctrl+C or Ctrl+X takes from the field being edited, for the page's copy and cut events:
  /// its selection, or the whole text of a single-line field without one, as ImGui copies.
  /// Empty when no field is being edited, for a multi-line field without a selection, and for
  /// secret fields (a passphrase never reaches the clipboard).
  [[nodiscard]] std::string copy_text() const;

  // ui::Platform
  [[nodiscard]] std::int64_t now_ms() const override;
  std::uint64_t random_u64() override;
  [[nodiscard]] const ui::StorageStatus& storage() const override { return m_storage.status(); }
  void save_now() override { m_storage.save_now(); }
  void take_over() override { m_storage.take_over(); }
  Expected<std::string> read_backup(const std::string& name) override { return m_storage.read_backup(name); }
  void save_preferences(const Preferences& prefs) override { m_storage.save_preferences(prefs); }
  void download(const std::string& file_name, const std::string& mime, const std::string& bytes) override;
  void request_persistence() override { m_storage.request_persistence(); }
  void lock_enable(const std::string& passphrase) override { m_storage.lock_enable(passphrase); }
  void lock_change(const std::string& old_passphrase, const std::string& new_passphrase) override {
    m_storage.lock_change(old_passphrase, new_passphrase);
  }
  void lock_disable(const std::string& passphrase) override { m_storage.lock_disable(passphrase); }
  void lock_now() override { m_storage.lock(); }
  void lock_cancel() override { m_storage.lock_cancel(); }
  void unlock(const std::string& passphrase) override { m_storage.unlock(passphrase); }
  [[nodiscard]] const ui::TaskStatus& lock_task() const override { return m_storage.lock_task(); }
  void download_encrypted(const std::string& file_name, const std::string& bytes,
                          const std::string& passphrase) override;
  [[nodiscard]] const ui::TaskStatus& encryption() const override { return m_encryption; }
  /// The page finished an encrypted export: kind "encrypted" (detail: file name) or "failed".
  void on_crypto_event(const std::string& kind, const std::string& detail);
  void pick_file(const std::string& accept) override;
  void offer_keyboard_pick(const std::string& accept) override { m_keyboard_pick = accept; }
  [[nodiscard]] const ui::TaskStatus& file_intake() const override { return m_intake; }
  std::optional<ui::IncomingFile> take_file() override { return std::exchange(m_file, std::nullopt); }
  void decrypt(const std::string& bytes, const std::string& passphrase) override;
  [[nodiscard]] const ui::TaskStatus& decryption() const override { return m_decryption; }
  std::optional<std::string> take_decrypted() override { return std::exchange(m_decrypted, std::nullopt); }
  /// The page is about to deliver `size` bytes of a file: the buffer to copy them into, or
  /// nullptr when the file is too large or memory runs out.
  char* file_buffer(std::size_t size);
  /// The bytes are in the buffer: `kind` "file" (picked or dropped, named `name`) or
  /// "decrypted" (the plaintext of decrypt()).
  void on_file_ready(const std::string& kind, const std::string& name);
  /// Progress and failures from the page: "reading", "cancelled", "failed", "decrypt-failed".
  void on_file_event(const std::string& kind, const std::string& detail);
  void open_url(const std::string& url) override;
  void announce(const std::string& message) override;
  [[nodiscard]] bool system_prefers_dark() const override;
  [[nodiscard]] bool system_prefers_more_contrast() const override;
  [[nodiscard]] int local_utc_offset_minutes(std::int64_t t) const override;
  [[nodiscard]] std::string read_asset(const std::string& path) const override;

 private:
  bool needs_frame();
  /// Gives the session this install's device id, choosing one on the first start.
  void adopt_device_id();
  void update_display_size();
  void update_cursor();
  void render();
  /// The app lock: locks after the chosen idle time; on locking, replaces the UI with a fresh
  /// one so no page keeps a draft, a selection or a cached name.
  void update_lock(std::int64_t now);

  Session m_session;
  WebStorage m_storage;
  std::unique_ptr<ui::App> m_app;
  std::string m_clipboard;
  ui::TaskStatus m_encryption;
  ui::TaskStatus m_intake;
  std::string m_keyboard_pick;  ///< offered in the frame being drawn (offer_keyboard_pick)
  ui::TaskStatus m_decryption;
  std::string m_incoming;  // the buffer the page copies a file into
  std::optional<ui::IncomingFile> m_file;
  std::optional<std::string> m_decrypted;
  std::uint32_t m_seen_input = 0;
  int m_redraw_frames = 3;
  int m_width = 0;
  int m_height = 0;
  float m_dpr = 1.0F;
  std::uint64_t m_drawn_revision = 0;
  ui::StorageStatus::Mode m_drawn_mode = ui::StorageStatus::Mode::loading;
  SaveState m_drawn_save_state = SaveState::saved;
  bool m_ready_signalled = false;
  bool m_device_adopted = false;
  std::uint32_t m_idle_input = 0;  ///< input_sequence() when m_last_input_at was taken
  std::int64_t m_last_input_at = 0;
  bool m_app_is_locked = false;  ///< m_app was rebuilt for the lock screen
  int m_cursor = -2;
  int m_text_input = -1;  ///< last WantTextInput sent to the page (-1: never)
  std::uint64_t m_frames_drawn = 0;
  bool m_input_left_over = false;  ///< ImGui left queued input for the next frame (trickling)
  std::int64_t m_next_blink_frame_at = 0;
};

}  // namespace nurture::web
