#pragma once
/// The file the user hands to a panel, shared by the import wizard and Sync: the "choose a
/// file" button, the asynchronous answer of the file chooser (with its error), and, for
/// workspace files protected with a passphrase, the passphrase prompt and the asynchronous
/// decryption. The panel receives plain bytes once, from poll().

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "web/ui/ui_context.hpp"

namespace nurture::ui {

class FileIntakeWidget {
 public:
  struct Options {
    const char* accept = "";       ///< for the file chooser, e.g. ".csv,.tsv"
    const char* choose_mark = "";  ///< test id of the choose button
    /// Test ids of the passphrase prompt; null when the panel takes no encrypted files.
    const char* passphrase_mark = nullptr;
    const char* decrypt_mark = nullptr;
    const char* cancel_mark = nullptr;
  };

  explicit FileIntakeWidget(Options options) : m_options(options) {}

  /// Draws the primary "choose a file" button (disabled while a file is being read); a click
  /// clears `error` and opens the file chooser. When the browser blocks the chooser, poll()
  /// puts a message naming this button into `error`.
  void draw_choose(Ui& ui, const char* label, std::string& error);
  /// Call once a frame before drawing. Returns the file once it is ready: picked and read, and
  /// decrypted when it was protected. Failures go to `error`; the panel stays as it was.
  std::optional<IncomingFile> poll(Ui& ui, std::string& error);
  /// A file that arrived without being asked for (dropped on the page): a plain file comes
  /// straight back; a protected one waits for the passphrase (when the panel takes them).
  std::optional<IncomingFile> offer(IncomingFile file);

  /// True while the file chooser's answer is awaited (the page must not route it elsewhere).
  [[nodiscard]] bool wants_file() const { return m_waiting_for_file; }
  /// True while a protected file waits for its passphrase or its decryption.
  [[nodiscard]] bool asks_passphrase() const { return !m_encrypted.empty(); }
  [[nodiscard]] const std::string& file_name() const { return m_file_name; }

  /// Draws the passphrase prompt for the protected file. Returns true when the user cancelled
  /// (the widget is then reset).
  bool draw_passphrase(Ui& ui, float width, std::string& error);
  /// Forgets any file and wipes the passphrase.
  void reset();

 private:
  void forget_passphrase();

  Options m_options;
  std::string m_choose_label;  ///< the choose button's label, for "click it again"
  bool m_waiting_for_file = false;
  bool m_waiting_for_decryption = false;
  std::uint64_t m_seen_intake = 0;
  std::uint64_t m_seen_decryption = 0;
  std::string m_file_name;
  std::string m_encrypted;  ///< the protected file while its passphrase is asked for
  std::string m_passphrase;
};

/// What the user reads when the browser refused to open the file chooser that the button
/// labelled `button_label` asked for: it needs a fresh click or key press.
std::string blocked_chooser_message(std::string_view button_label);

/// True when `bytes` look like an encrypted Nurture file (docs/schema.md).
bool is_encrypted_workspace(std::string_view bytes);

}  // namespace nurture::ui
