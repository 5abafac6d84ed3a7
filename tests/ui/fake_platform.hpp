#pragma once
// A Platform for the headless UI test: records what the UI asked for instead of doing it.

#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "core/util/splitmix.hpp"
#include "web/ui/platform_api.hpp"

namespace nurture::test {

/// Where the fake browser's clock stands unless a test moves it: 2026-11-27T08:42:05Z.
inline constexpr std::int64_t k_fake_now = 1795768925000;

class FakePlatform final : public ui::Platform {
 public:
  std::int64_t now = k_fake_now;
  ui::StorageStatus status;
  std::vector<std::string> calls;
  /// The stored daily backups read_backup hands over, by file name (a missing one fails).
  std::map<std::string, std::string> backup_files;
  std::vector<std::string> downloads;
  std::vector<std::string> download_bytes;  ///< what each download held (before encryption)
  Preferences saved_prefs;

  FakePlatform() { status.mode = ui::StorageStatus::Mode::ready; }

  [[nodiscard]] std::int64_t now_ms() const override { return now; }
  // Deterministic, so ids repeat from run to run.
  std::uint64_t random_u64() override { return m_random.next(); }
  [[nodiscard]] const ui::StorageStatus& storage() const override { return status; }
  void save_now() override { calls.emplace_back("save_now"); }
  void take_over() override { calls.emplace_back("take_over"); }
  Expected<std::string> read_backup(const std::string& name) override {
    calls.push_back("read_backup:" + name);
    if (status.mode != ui::StorageStatus::Mode::ready)
      return Error{"This tab is read-only: use it here before restoring a backup."};
    const auto it = backup_files.find(name);
    if (it == backup_files.end()) return Error{"Could not restore the " + name + ": the file is missing."};
    return it->second;
  }
  void save_preferences(const Preferences& prefs) override {
    saved_prefs = prefs;
    calls.emplace_back("save_preferences");
  }
  void download(const std::string& file_name, const std::string&, const std::string& bytes) override {
    downloads.push_back(file_name);
    download_bytes.push_back(bytes);
  }
  void request_persistence() override { calls.emplace_back("request_persistence"); }
  void download_encrypted(const std::string& file_name, const std::string& bytes,
                          const std::string& passphrase) override {
    downloads.push_back(file_name);
    download_bytes.push_back(bytes);
    calls.push_back("encrypt:" + std::to_string(passphrase.size()));
  }
  [[nodiscard]] const ui::TaskStatus& encryption() const override { return encryption_status; }
  ui::TaskStatus encryption_status;
  void open_url(const std::string& url) override { calls.push_back("open:" + url); }
  void announce(const std::string& message) override { announcements.push_back(message); }
  [[nodiscard]] bool system_prefers_dark() const override { return dark; }
  [[nodiscard]] bool system_prefers_more_contrast() const override { return more_contrast; }
  [[nodiscard]] int local_utc_offset_minutes(std::int64_t) const override { return -300; }
  /// The repository's assets/ (playbooks), as the browser build embeds them.
  [[nodiscard]] std::string read_asset(const std::string& path) const override {
    std::ifstream in(std::string(NURTURE_ASSETS_DIR) + "/" + path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
  }

  void pick_file(const std::string& accept) override { calls.push_back("pick:" + accept); }
  void offer_keyboard_pick(const std::string& accept) override { keyboard_pick = accept; }
  [[nodiscard]] const ui::TaskStatus& file_intake() const override { return intake_status; }
  std::optional<ui::IncomingFile> take_file() override { return std::exchange(incoming, std::nullopt); }
  void decrypt(const std::string&, const std::string& passphrase) override {
    calls.push_back("decrypt:" + std::to_string(passphrase.size()));
  }
  [[nodiscard]] const ui::TaskStatus& decryption() const override { return decryption_status; }
  std::optional<std::string> take_decrypted() override { return std::exchange(decrypted, std::nullopt); }
  // The app lock: records the calls with the passphrases (the tests choose them).
  void lock_enable(const std::string& passphrase) override { calls.push_back("lock_enable:" + passphrase); }
  void lock_change(const std::string& old_passphrase, const std::string& new_passphrase) override {
    calls.push_back("lock_change:" + old_passphrase + ">" + new_passphrase);
  }
  void lock_disable(const std::string& passphrase) override { calls.push_back("lock_disable:" + passphrase); }
  void lock_now() override { calls.emplace_back("lock_now"); }
  void lock_cancel() override { calls.emplace_back("lock_cancel"); }
  void unlock(const std::string& passphrase) override { calls.push_back("unlock:" + passphrase); }
  [[nodiscard]] const ui::TaskStatus& lock_task() const override { return lock_status; }
  ui::TaskStatus lock_status;
  ui::TaskStatus intake_status;
  /// The accept list a button offered for Enter/Space (offer_keyboard_pick); the test clears it.
  std::optional<std::string> keyboard_pick;
  ui::TaskStatus decryption_status;
  std::optional<ui::IncomingFile> incoming;
  std::optional<std::string> decrypted;

  bool dark = false;
  bool more_contrast = false;
  std::vector<std::string> announcements;

 private:
  SplitMix64 m_random{0};
};

}  // namespace nurture::test
