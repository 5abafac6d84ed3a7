#include "web/ui/file_intake_widget.hpp"

#include <algorithm>

#include "web/ui/widgets.hpp"

namespace nurture::ui {

bool is_encrypted_workspace(std::string_view bytes) {
  const auto head = bytes.substr(0, 200);
  return head.find("\"nurture.encrypted\"") != std::string_view::npos;
}

void FileIntakeWidget::forget_passphrase() {
  // The draft is the only copy the UI holds; wipe it rather than leave it in memory.
  std::fill(m_passphrase.begin(), m_passphrase.end(), '\0');
  m_passphrase.clear();
}

void FileIntakeWidget::reset() {
  forget_passphrase();
  *this = FileIntakeWidget{m_options};
}

std::string blocked_chooser_message(std::string_view button_label) {
  return "The browser blocked the file chooser. Press Enter or click \u201c" + std::string(button_label) +
         "\u201d again.";
}

void FileIntakeWidget::draw_choose(Ui& ui, const char* label, std::string& error) {
  m_choose_label = label;
  const bool busy = ui.platform.file_intake().busy;
  const bool enabled = ui.editable() && !busy;
  if (button(ui, busy ? "Reading the file…" : label, ButtonKind::primary, m_options.choose_mark, enabled)) {
    error.clear();
    m_waiting_for_file = true;
    m_seen_intake = ui.platform.file_intake().finished;
    ui.platform.pick_file(m_options.accept);
  }
  // Enter or Space here: the page opens the chooser in the key's own handler.
  if (enabled && keyboard_activates_last_item()) ui.platform.offer_keyboard_pick(m_options.accept);
}

std::optional<IncomingFile> FileIntakeWidget::offer(IncomingFile file) {
  if (m_options.passphrase_mark != nullptr && is_encrypted_workspace(file.bytes)) {
    reset();
    m_file_name = std::move(file.name);
    m_encrypted = std::move(file.bytes);
    return std::nullopt;
  }
  m_file_name = file.name;
  return file;
}

std::optional<IncomingFile> FileIntakeWidget::poll(Ui& ui, std::string& error) {
  // The file chooser answers asynchronously; each finished intake counts up once.
  const TaskStatus& intake = ui.platform.file_intake();
  if (m_waiting_for_file && intake.finished != m_seen_intake) {
    m_seen_intake = intake.finished;
    m_waiting_for_file = false;
    // A blocked chooser would otherwise look like a button that does nothing.
    if (intake.failed) error = intake.blocked ? blocked_chooser_message(m_choose_label) : intake.message;
    if (auto file = ui.platform.take_file()) return offer(std::move(*file));
  }
  const TaskStatus& dec = ui.platform.decryption();
  if (m_waiting_for_decryption && dec.finished != m_seen_decryption) {
    m_seen_decryption = dec.finished;
    m_waiting_for_decryption = false;
    if (dec.failed) {
      error = dec.message;  // the prompt stays: the user may try another passphrase
    } else if (auto plain = ui.platform.take_decrypted()) {
      m_encrypted.clear();
      return IncomingFile{m_file_name, std::move(*plain)};
    }
  }
  return std::nullopt;
}

bool FileIntakeWidget::draw_passphrase(Ui& ui, float width, std::string& error) {
  label(ui, (m_file_name + " is protected with a passphrase").c_str());
  gap(ui, 4);
  text_field(ui, "Passphrase", m_options.passphrase_mark, m_passphrase, "", std::min(width, ui.px(420)), "",
             !m_waiting_for_decryption, nullptr, true);
  gap(ui, 4);
  const bool enter = ImGui::IsKeyPressed(ImGuiKey_Enter) && !m_passphrase.empty();
  if (button(ui, m_waiting_for_decryption ? "Opening…" : "Open", ButtonKind::primary, m_options.decrypt_mark,
             !m_passphrase.empty() && !m_waiting_for_decryption) ||
      (enter && !m_waiting_for_decryption)) {
    error.clear();
    m_waiting_for_decryption = true;
    m_seen_decryption = ui.platform.decryption().finished;
    ui.platform.decrypt(m_encrypted, m_passphrase);
    forget_passphrase();
  }
  ImGui::SameLine(0, ui.px(8));
  if (button(ui, "Cancel", ButtonKind::secondary, m_options.cancel_mark)) {
    reset();
    return true;
  }
  return false;
}

}  // namespace nurture::ui
