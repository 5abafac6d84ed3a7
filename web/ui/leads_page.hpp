#pragma once
/// Leads: quick search (Ctrl+F), filters (stage, source, tag, consent), a sortable table that
/// stays smooth with 100,000 leads (a cached view of row numbers and a list clipper), multi-
/// select with bulk actions (each one LeadBatch command, so one Ctrl+Z undoes it), the lead
/// view, and the add-lead form. Empty states teach what to do when there are no leads or no
/// matches. A "Deleted (N)" chip switches the table to the deleted leads (greyed, with the
/// deletion date), each restorable by itself or as a selection (one RestoreLead batch, one undo
/// step); the bar under the filters reports the last action with an Undo button. "Enrol in
/// sequence…" enrols the selection in an active sequence (one Enroll command, one undo step).

#include <cstdint>
#include <string>
#include <unordered_set>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "web/ui/add_lead_form.hpp"
#include "web/ui/lead_list.hpp"
#include "web/ui/lead_view.hpp"
#include "web/ui/ui_context.hpp"

namespace nurture::ui {

class LeadsPage {
 public:
  void draw(Ui& ui);
  [[nodiscard]] const std::string& search() const { return m_filter.search; }
  /// For browser and smoke tests: counts, selection, the sort and the first rows in order, the
  /// open lead, form errors. `ws` is the workspace the page shows.
  void describe(nlohmann::json& out, const Workspace& ws) const;
  [[nodiscard]] const LeadListView& view() const { return m_view; }
  /// Opens the add-lead form (also the empty state's primary action).
  void open_add_form() { m_add.open(); }
  /// Opens the lead with this id in the lead view.
  void open_lead(const Workspace& ws, LeadId id) { m_lead.open(ws, id); }
  /// Ctrl+S on this page: saves the open lead's edits.
  void save_draft(Ui& ui) { m_lead.save_if_dirty(ui); }

 private:
  enum class Bulk { none, add_tag, remove_tag, set_stage, grant, revoke, remove, enrol };

  void toolbar(Ui& ui, float width);
  void filters(Ui& ui, float width);
  void bulk_bar(Ui& ui, float width);
  void bulk_bar_contents(Ui& ui);
  void bulk_dialog(Ui& ui);
  void run_bulk(Ui& ui);
  /// The "Enrol in sequence…" dialog's body (leads_enrol.cpp): active sequences to choose from,
  /// draft and paused ones greyed. True when an active sequence is chosen.
  bool enrol_choices(Ui& ui, bool opening);
  /// Enrols the selection in the chosen sequence: one Enroll command (one undo step); leads the
  /// re-entry policy keeps out are skipped and named in the message.
  void run_enrol(Ui& ui);
  void table(Ui& ui, float width, float height);
  void click_row(const LeadStore& leads, std::size_t index, bool ctrl, bool shift);
  void empty_state(Ui& ui, float width);
  void deleted_empty_state(Ui& ui, float width);
  /// Clears the search and filters, staying in the live table or the Deleted view.
  void clear_filters();
  /// Switches between the live table and the Deleted view (the selection does not carry over).
  void show_deleted(bool deleted);
  /// Restores these leads as one LeadBatch (one undo step) and reports it in the bar.
  void restore(Ui& ui, const std::vector<LeadId>& ids);
  /// Shows the outcome of a command in the bar; `undoable` offers Undo while it is the latest.
  void report(Ui& ui, const CommandResult& r, bool undoable);

  LeadFilter m_filter;
  LeadSort m_sort;
  LeadListView m_view;
  std::unordered_set<std::uint64_t> m_selected;  ///< lead ids: stable across rebuilds
  std::size_t m_anchor = 0;                      ///< view index Shift-click extends from
  LeadView m_lead;
  AddLeadForm m_add;
  Bulk m_bulk = Bulk::none;
  bool m_bulk_opening = false;
  bool m_open_first = false;  ///< Enter in the search field: open the first row listed
  std::string m_bulk_text;    ///< tag, consent method or reason
  std::string m_bulk_method;
  Channel m_bulk_channel = Channel::email;
  Stage m_bulk_stage = Stage::consideration;
  std::string m_enrol_sequence;   ///< the sequence chosen in the enrol dialog
  std::string m_enrol_checked;    ///< "<sequence>@<revision>" m_enrol_skips was counted for
  std::size_t m_enrol_skips = 0;  ///< selected leads the chosen sequence's re-entry policy keeps out
  float m_bar_width = 0;          ///< the bulk bar's width this frame
  std::string m_message;          ///< outcome of the last bulk action
  bool m_message_ok = true;
  std::uint64_t m_message_revision = 0;  ///< the revision right after it, while Undo applies
};

}  // namespace nurture::ui
