#pragma once
/// One lead, opened from the Leads table: an editable profile (errors next to each field from
/// the command's field errors; Save / Cancel in an action bar that stays in view while the cards
/// scroll), the stage with its dated history, consent per
/// channel and purpose with its evidence (grant / revoke with method and reason), do-not-contact
/// per channel, the timeline of events (newest first) and Delete with a confirmation. Every
/// change goes through Session::execute, so Ctrl+Z undoes it. A deleted lead (opened from the
/// Deleted view) shows read-only under a banner "This lead was deleted on <date>." with Restore.

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/model/consent_ledger.hpp"
#include "core/scoring/scoring.hpp"
#include "web/ui/ui_context.hpp"

namespace nurture::ui {

class LeadView {
 public:
  /// Shows the lead with this id (its current stored values in the form). `focus_first`: the
  /// keyboard opened it, so the first field takes the keyboard focus (as a dialog's does).
  void open(const Workspace& ws, LeadId id, bool focus_first = false);
  void close() { m_id = LeadId{}; }
  [[nodiscard]] bool is_open() const { return m_id.value != 0; }
  [[nodiscard]] LeadId id() const { return m_id; }
  /// Draws the lead `width` wide. Closes itself (is_open() turns false) on Back or after Delete,
  /// and when the lead disappears (undo of its add). A lead deleted while open stays open,
  /// read-only, with the deleted banner.
  void draw(Ui& ui, float width);

  /// The profile form as text fields, by field name.
  struct Draft {
    std::string first_name, last_name, email, phone, birth_date, age, street, city, state, zip, country,
        time_zone, source, campaign, interests, tags, custom_fields, notes;
    Gender gender = Gender::unknown;
    friend bool operator==(const Draft&, const Draft&) = default;
  };
  [[nodiscard]] const Draft& draft() const { return m_draft; }
  [[nodiscard]] const std::map<std::string, std::string>& errors() const { return m_errors; }
  [[nodiscard]] const std::string& result() const { return m_result; }
  [[nodiscard]] bool dirty() const { return !(m_draft == m_saved); }
  /// Ctrl+S: saves the profile form when it has unsaved edits.
  void save_if_dirty(Ui& ui) {
    if (is_open() && dirty() && ui.editable()) save(ui);
  }

 private:
  void reload(const Workspace& ws);
  void save(Ui& ui);
  void header(Ui& ui, const Lead& lead, float width);
  void profile_card(Ui& ui, float width);
  void stage_card(Ui& ui, const Lead& lead, float width);
  void consent_card(Ui& ui, const Lead& lead, float width);
  void timeline_card(Ui& ui, float width);
  /// The lead's scores per group and the rules behind them (lead_score_card.cpp).
  void score_card(Ui& ui, float width);
  /// The lead's sequences: enrolments with their state, enrol in one by hand, end one
  /// (lead_sequences_card.cpp).
  void sequences_card(Ui& ui, float width);
  /// The lead's consent ledger, newest first, with "Export ledger" (lead_consent_history_card.cpp).
  void consent_history_card(Ui& ui, float width);
  void cards(Ui& ui, const Lead& lead, float width);
  void action_bar(Ui& ui, float width);
  void consent_dialog(Ui& ui);
  void delete_dialog(Ui& ui);
  void report(Ui& ui, const CommandResult& r, const char* ok_text);

  LeadId m_id;
  bool m_focus_first = false;
  std::uint64_t m_revision = 0;
  Draft m_draft;
  Draft m_saved;
  std::map<std::string, std::string> m_errors;
  std::string m_result;
  bool m_result_ok = true;

  // The grant / revoke / do-not-contact dialog.
  enum class Dialog { none, grant, revoke, block };
  Dialog m_dialog = Dialog::none;
  bool m_dialog_opening = false;
  Channel m_dialog_channel = Channel::email;
  Purpose m_dialog_purpose = Purpose::marketing;
  std::string m_method;
  std::string m_text;
  std::string m_reason;
  std::map<std::string, std::string> m_dialog_errors;
  std::string m_enrol_sequence;  ///< the sequence chosen in the sequences card
  bool m_confirm_delete = false;
  bool m_deleted = false;  ///< the open lead is deleted: read-only, with the Restore banner
  // The score explanation, recomputed when the lead or the scores change.
  ScoreExplanation m_score;
  std::uint64_t m_score_version = ~std::uint64_t{0};
  LeadId m_score_lead;
  // The consent history, rebuilt when the revision or the lead changes.
  std::vector<LedgerEntry> m_history;
  bool m_history_intact = true;
  std::uint64_t m_history_revision = ~std::uint64_t{0};
  LeadId m_history_lead;
};

}  // namespace nurture::ui
