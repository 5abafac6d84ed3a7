#pragma once
/// Import / Export: which files come in, the full workspace export going out (plain or
/// protected with a passphrase), and what the privacy of an exported file means.

#include <cstdint>
#include <string>

#include "web/ui/export_job.hpp"
#include "web/ui/import_wizard.hpp"
#include "web/ui/long_work.hpp"
#include "web/ui/sync_panel.hpp"
#include "web/ui/ui_context.hpp"

namespace nurture::ui {

/// The banner's and Settings' "Export now": opens Import / Export, which writes the whole
/// workspace as a JSON download (the format import reads back) a slice per frame, with progress
/// and Cancel (ExportJob), exactly as its own Export button does.
void export_workspace(Ui& ui);
/// The names for a leads CSV ("nurture-leads-YYYY-MM-DD.csv") and a consent ledger export
/// ("nurture-consent-ledger-YYYY-MM-DD.json") made now; both are written by the page's
/// ExportJob, a slice per frame (formulas neutralised in the CSV, docs/import.md).
std::string leads_csv_file_name(const Ui& ui);
std::string consent_ledger_file_name(const Ui& ui);

/// The name for an export made now: "nurture-workspace-YYYY-MM-DD.json" in local time.
std::string export_file_name(const Ui& ui);

/// A passphrase is acceptable when it has at least this many characters.
inline constexpr std::size_t k_min_passphrase = 10;

class ImportExportPage {
 public:
  void draw(Ui& ui);

  /// For browser tests: the protected-export state.
  [[nodiscard]] bool protect() const { return m_protect; }
  [[nodiscard]] const std::string& message() const { return m_message; }
  [[nodiscard]] const ImportWizard& wizard() const { return m_wizard; }
  [[nodiscard]] const SyncPanel& sync() const { return m_sync; }
  [[nodiscard]] const ExportJob& export_job() const { return m_export; }
  /// True while long work runs here (an import check, a sync read, an export): the host must
  /// keep drawing frames even without input, or the work would stall between events.
  [[nodiscard]] bool busy() const {
    return m_export.running() || m_wizard.step() == ImportWizard::Step::checking ||
           m_sync.step() == SyncPanel::Step::reading || m_sync.step() == SyncPanel::Step::comparing;
  }
  /// How much of a workspace file a frame reads or writes (browser tests shrink or pause it).
  /// Starts a plain workspace export on the next draw (unless one is running already).
  void request_export() { m_export_requested = true; }
  void set_budget(const FrameBudget& budget) {
    m_sync.set_budget(budget);
    m_export.set_budget(budget);
  }

 private:
  void draw_protected_export(Ui& ui, float width);
  /// Overwrites and empties the passphrase drafts.
  void forget_passphrases();
  /// Hands a file that arrived unasked (dropped on the page) to the wizard or to Sync.
  void route_incoming_file(Ui& ui);
  void draw_export(Ui& ui, float width);

  bool m_export_requested = false;
  bool m_protect = false;
  std::string m_passphrase;
  std::string m_confirm;
  std::string m_message;
  bool m_message_is_error = false;
  std::uint64_t m_seen_finished = 0;
  std::uint64_t m_seen_intake = 0;
  ImportWizard m_wizard;
  SyncPanel m_sync;
  ExportJob m_export;
};

}  // namespace nurture::ui
