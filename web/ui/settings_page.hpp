#pragma once
/// Settings: the practice profile form (a draft kept in the UI until saved through
/// SetPracticeProfile), appearance (theme and scale, per device), storage and backups, about.

#include <cstdint>
#include <limits>
#include <map>
#include <set>
#include <string>

#include "core/model/preferences.hpp"
#include "web/ui/settings_catalog.hpp"
#include "web/ui/settings_funnel.hpp"
#include "web/ui/settings_lock.hpp"
#include "web/ui/settings_scoring.hpp"
#include "web/ui/settings_spend.hpp"
#include "web/ui/ui_context.hpp"

namespace nurture::ui {

/// Per-weekday open/closed and times for `hours`. Returns true when something changed.
bool hours_editor(Ui& ui, BusinessHours& hours, bool enabled);

class SettingsPage {
 public:
  /// Draws the page. Appearance edits change `prefs` and set `prefs_changed`.
  void draw(Ui& ui, Preferences& prefs, bool& prefs_changed);
  /// Saves the practice draft if it has changes (Save button, Ctrl+S on this page). Returns
  /// true when something was saved.
  bool save_draft(Ui& ui);

  [[nodiscard]] const PracticeProfile& draft() const { return m_draft; }
  [[nodiscard]] bool dirty() const { return m_draft != m_base; }
  /// Field errors currently shown (field → message).
  [[nodiscard]] std::map<std::string, std::string> visible_errors() const;
  /// The result of the last save or undo, in words.
  [[nodiscard]] const std::string& result() const { return m_result; }
  [[nodiscard]] const CatalogSettings& catalogs() const { return m_catalogs; }
  [[nodiscard]] const ScoringSettings& scoring() const { return m_scoring; }
  [[nodiscard]] const SpendSettings& spend() const { return m_spend; }
  [[nodiscard]] const FunnelSettings& funnel() const { return m_funnel; }
  [[nodiscard]] const LockSettings& lock() const { return m_lock; }

 private:
  void sync_draft(const Ui& ui);
  void practice_card(Ui& ui, float width);
  void appearance_card(Ui& ui, float width, Preferences& prefs, bool& changed);
  void storage_card(Ui& ui, float width);
  void restore_modal(Ui& ui);
  void about_card(Ui& ui, float width);
  void demo_card(Ui& ui, float width);
  void hours_card(Ui& ui, float width);
  void demo_modal(Ui& ui);

  enum class DemoAction { none, load, empty };
  DemoAction m_demo_confirm = DemoAction::none;
  std::string m_demo_result;
  CatalogSettings m_catalogs;
  ScoringSettings m_scoring;
  SpendSettings m_spend;
  FunnelSettings m_funnel;
  LockSettings m_lock;

  PracticeProfile m_draft;
  PracticeProfile m_base;  ///< the stored profile the draft started from
  std::uint64_t m_base_revision = std::numeric_limits<std::uint64_t>::max();
  std::set<std::string> m_touched;  ///< fields left after editing: their errors show
  bool m_show_all_errors = false;   ///< after a save attempt every error shows
  std::string m_result;
  bool m_result_ok = true;
  int m_scale_percent = 100;
  std::string m_restore;  ///< backup awaiting confirmation
  bool m_open_confirm = false;
};

}  // namespace nurture::ui
