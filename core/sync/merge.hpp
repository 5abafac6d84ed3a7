#pragma once
/// Merging another device's workspace into this one ("sync by file"). The rules, and why they
/// make merge a join (idempotent, commutative, associative), are in docs/sync.md:
/// - lead rows match by LeadId; each field is a last-writer-wins register (larger Stamp wins);
///   consent and do-not-contact are combined record by record so that no opt-out is lost;
/// - a deletion is its own register (flag and stamp); a later edit does not bring a deleted
///   lead back;
/// - sequences are whole items like saved segments; enrolments and touch records are unions by
///   key, the larger stamp winning per key;
/// - events match by EventId and are unioned; a tombstone on either side wins;
/// - the practice profile is one register stamped by SetPracticeProfile;
/// - ad-spend entries are a union by (source, month), the larger stamp winning per key.
/// The remote workspace is taken as parsed (workspace_from_json validated it); merging never
/// fails, it only reports.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

#include "core/model/lead_types.hpp"
#include "core/model/workspace.hpp"
#include "core/sync/hlc.hpp"

namespace nurture {

/// One field of an existing local lead that the merge changes (for the import preview).
struct LeadFieldChange {
  LeadId lead;
  LeadField field = LeadField::first_name;
  std::string before;  ///< field_text of the local value
  std::string after;   ///< field_text of the merged value
  friend bool operator==(const LeadFieldChange&, const LeadFieldChange&) = default;
};

/// Both devices changed the same field and neither had seen the other's change (R11). Both
/// values are kept here; the merged lead holds the winner. For consent and do-not-contact the
/// values are combined record by record rather than one winning; `remote_won` then says
/// whether the local value changed.
struct FieldConflict {
  LeadId lead;
  LeadField field = LeadField::first_name;
  std::string local_value;
  std::string remote_value;
  Stamp local_stamp;
  Stamp remote_stamp;
  bool remote_won = false;
  friend bool operator==(const FieldConflict&, const FieldConflict&) = default;
};

/// A lead deleted on one side and edited on the other without the deleting side having seen
/// those edits (R11). The deletion stands (docs/sync.md); the edits are merged into the
/// tombstone, so restoring the lead later brings them back.
struct DeleteConflict {
  LeadId lead;
  bool deleted_locally = false;   ///< false: the remote deleted it, the local edited it
  Stamp deleted_stamp;            ///< the deletion that won
  std::vector<LeadField> edited;  ///< fields the deleting side had not seen
  friend bool operator==(const DeleteConflict&, const DeleteConflict&) = default;
};

/// What a merge does (preview_merge) or did (merge_into).
struct MergeReport {
  std::size_t leads_added = 0;    ///< live leads only the remote had
  std::size_t leads_updated = 0;  ///< live local leads with at least one field changed
  std::size_t leads_deleted = 0;  ///< live local leads the remote deleted
  std::size_t events_added = 0;   ///< live events only the remote had
  std::size_t events_deleted = 0;
  bool practice_changed = false;
  /// Catalog items, saved segments, membership records, scoring models and ad-spend entries the
  /// remote adds or replaces.
  std::size_t settings_changed = 0;
  /// Enrolments and touch records the remote adds or replaces.
  std::size_t enrollments_changed = 0;
  std::size_t touches_changed = 0;
  /// Consent-ledger entries the remote's chains add (core/model/consent_ledger.hpp), plus, when
  /// merging, entries derived for consent that arrived without any (source "sync").
  std::size_t ledger_entries = 0;
  /// Remote ledger chains that failed verification and were left out.
  std::size_t ledger_chains_refused = 0;
  /// Changes nobody sees (newer stamps on equal values, tombstones this device never had,
  /// edits under a tombstone); they still have to be stored, so they count as "something new".
  std::size_t other_changes = 0;
  /// Per-field differences on existing leads, at most k_max_listed entries.
  std::vector<LeadFieldChange> changes;
  std::size_t changes_total = 0;
  /// Concurrent edits, at most k_max_listed entries.
  std::vector<FieldConflict> conflicts;
  std::size_t conflicts_total = 0;
  std::vector<DeleteConflict> delete_conflicts;  ///< at most k_max_listed entries
  std::size_t delete_conflicts_total = 0;
  /// Set when the remote holds stamps more than k_clock_skew_limit ahead of `now` (R12).
  std::optional<std::string> clock_skew_warning;
  /// The largest stamp in the remote: the caller's HybridClock must observe() it so that
  /// later local edits win (MergeWorkspace does).
  Stamp remote_max;

  static constexpr std::size_t k_max_listed = 500;

  /// True when merging changes nothing at all (importing the same file again).
  [[nodiscard]] bool nothing_new() const {
    return leads_added == 0 && changes_total == 0 && leads_deleted == 0 && events_added == 0 &&
           events_deleted == 0 && !practice_changed && settings_changed == 0 && enrollments_changed == 0 &&
           touches_changed == 0 && ledger_entries == 0 && other_changes == 0;
  }
  /// "12 leads added, 3 updated, 1 conflict", or "Nothing new".
  [[nodiscard]] std::string summary() const;
  friend bool operator==(const MergeReport&, const MergeReport&) = default;
};

/// Stamps further than this ahead of `now` get the clock-skew warning: one day, the slack
/// already allowed for event times.
inline constexpr std::int64_t k_clock_skew_limit = 86'400'000;

/// What merging `remote` into `local` would do. Changes nothing. Never throws.
MergeReport preview_merge(const Workspace& local, const Workspace& remote, UnixMillis now);

namespace merge_detail {
class MergeRun;
}

/// preview_merge a slice at a time, for the UI: a 100,000-lead, 3,000,000-event comparison takes
/// seconds, so it runs a budget per frame under a progress bar, and Cancel drops the object.
/// `local` and `remote` must outlive it. When `local` changes between steps (its revision), the
/// comparison starts over, so the report always describes the workspace as it is.
class MergePreview {
 public:
  MergePreview(const Workspace& local, const Workspace& remote, UnixMillis now);
  MergePreview(MergePreview&&) noexcept;
  MergePreview& operator=(MergePreview&&) noexcept;
  MergePreview(const MergePreview&) = delete;
  MergePreview& operator=(const MergePreview&) = delete;
  ~MergePreview();

  /// Does about `budget` units of work (a unit is about one event or lead row's stamps; merging
  /// a lead is eight), at least one row. Returns true when the report is ready.
  bool step(std::size_t budget);
  /// 0..1, for a progress bar.
  [[nodiscard]] double progress() const;
  [[nodiscard]] bool done() const;
  /// The same report preview_merge gives. Precondition: done().
  [[nodiscard]] const MergeReport& report() const;
  /// How often an edit made the comparison start over (tests).
  [[nodiscard]] std::size_t restarts() const { return m_restarts; }

 private:
  const Workspace* m_local;
  const Workspace* m_remote;
  UnixMillis m_now;
  std::uint64_t m_revision;
  std::size_t m_restarts = 0;
  std::unique_ptr<merge_detail::MergeRun> m_run;
};

/// What undoing a merge_into needs, and only that (a merge may touch any number of rows, but a
/// copy of a 100,000-lead, 3,000,000-event workspace costs more than the merge itself).
struct MergeUndo {
  std::size_t lead_rows = 0;  ///< rows before the merge; the ones after it were appended
  /// Local rows the merge changed, as they were before (LeadStore::save_row).
  std::vector<std::pair<std::uint32_t, LeadStore::RowState>> rows;
  std::unordered_set<std::uint64_t> added_events;  ///< ids of the events the merge added
  /// The whole event log before the merge, kept only when the merge changed events that were
  /// already here (tombstones, disagreeing content): rare, and removing and re-adding them
  /// would not restore the order of events at the same time.
  std::optional<EventLog> events;
  PracticeProfile practice;
  Stamp practice_stamp;
  std::vector<Stamp> seen;
  std::vector<std::pair<std::string, std::string>> unknown_members;
  /// The catalogs, segments, membership record, scoring model, sequences, enrolments, touch
  /// records and ad-spend table before the merge (the other members of this workspace are unused). A pointer:
  /// Workspace is large and mostly empty here.
  std::unique_ptr<Workspace> settings;
};

/// Merges `remote` into `local` and reports what changed. Bumps `local.revision` once when
/// anything changed, never otherwise. Stamps are taken as they are, never clamped (clamping
/// would make the result depend on who merges when). With `undo`, it receives what
/// revert_merge needs to put `local` back (left as it is when nothing changed). Never throws.
MergeReport merge_into(Workspace& local, const Workspace& remote, UnixMillis now, MergeUndo* undo = nullptr);

/// Puts `ws` back as it was before the merge_into that filled `undo` (every later change
/// reverted first). Leaves the revision alone.
void revert_merge(Workspace& ws, MergeUndo&& undo);

/// Per device, the largest stamp `ws` holds or has merged (fields, deletions, event
/// tombstones, practice, Workspace::seen), sorted by device. This is what a workspace file
/// should store as `seen`: it joins like everything else, so merged devices agree on it.
std::vector<Stamp> seen_stamps(const Workspace& ws);

/// The largest stamp anywhere in `ws` (fields, deletions, event tombstones, practice, seen).
Stamp max_stamp(const Workspace& ws);

/// A field's value as text: plain for text, dates and names, compact JSON for numbers,
/// lists and records. Distinct values give distinct texts (merge uses it to break stamp ties).
std::string field_text(const Lead& lead, LeadField field);

}  // namespace nurture
