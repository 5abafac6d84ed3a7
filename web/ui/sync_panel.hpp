#pragma once
/// Sync by file: open a workspace file exported on another device (plain or encrypted), see
/// what merging it would change — new leads, per-field differences, conflicts with both
/// values, a clock-skew warning — then apply it as one undoable change (R11, R12, R14).

#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json_fwd.hpp>

#include "core/model/workspace.hpp"
#include "core/sync/merge.hpp"
#include "web/ui/ui_context.hpp"

namespace nurture::ui {

class SyncPanel {
 public:
  enum class Step { pick, passphrase, preview, done };

  void draw(Ui& ui, float width);
  /// Starts on a file (picked here, or dropped on the page).
  void open(Ui& ui, IncomingFile file);
  [[nodiscard]] bool wants_file() const { return m_waiting_for_file; }

  /// For browser tests.
  [[nodiscard]] Step step() const { return m_step; }
  [[nodiscard]] const MergeReport& report() const { return m_report; }
  [[nodiscard]] const std::string& error() const { return m_error; }

 private:
  void draw_pick(Ui& ui);
  void draw_passphrase(Ui& ui, float width);
  void draw_preview(Ui& ui, float width);
  void draw_conflicts(Ui& ui, float width);
  void draw_changes(Ui& ui, float width);
  void draw_done(Ui& ui);
  void read_workspace(Ui& ui, const std::string& json);
  void forget_passphrase();

  Step m_step = Step::pick;
  std::string m_file_name;
  std::string m_encrypted;  ///< the encrypted file while the passphrase is asked for
  std::string m_passphrase;
  bool m_waiting_for_file = false;
  bool m_waiting_for_decryption = false;
  std::uint64_t m_seen_intake = 0;
  std::uint64_t m_seen_decryption = 0;
  std::optional<Workspace> m_remote;
  MergeReport m_report;
  std::uint64_t m_revision_after = 0;
  std::string m_summary;
  std::string m_error;
};

/// For browser tests: the panel's step, error and preview counts as JSON.
void describe(nlohmann::json& out, const SyncPanel& sync);

/// True when `bytes` look like an encrypted Nurture file (docs/schema.md).
bool is_encrypted_workspace(std::string_view bytes);

}  // namespace nurture::ui
