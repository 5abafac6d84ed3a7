#pragma once
/// The one entry point through which anything changes a workspace. The UI and the CLI build a
/// Command, call apply() (normally through Session), and read the result; they never mutate
/// the workspace directly.

#include <cstdint>
#include <string>
#include <unordered_set>
#include <variant>
#include <vector>

#include "core/commands/catalog_commands.hpp"
#include "core/commands/lead_commands.hpp"
#include "core/commands/sequence_commands.hpp"
#include "core/commands/spend_commands.hpp"
#include "core/funnel/stage_rules.hpp"
#include "core/model/practice.hpp"
#include "core/model/workspace.hpp"
#include "core/sync/hlc.hpp"
#include "core/sync/merge.hpp"

namespace nurture {

/// Replace the practice profile (validated as a whole). Stamped with `clock.tick(now)`.
struct SetPracticeProfile {
  PracticeProfile profile;
  UnixMillis now = 0;
};

/// Replace the whole workspace, e.g. restoring a backup or starting over. The revision keeps
/// counting up so persistence notices the change.
struct ReplaceWorkspace {
  Workspace workspace;
};

/// Merge another device's workspace (an imported file, already parsed) into this one by the
/// rules of core/sync/merge.hpp. The clock observes the remote's stamps, so later local edits
/// win (R12). The message summarises the merge ("12 leads added, 3 updated, 1 conflict");
/// when there is nothing new the revision does not move and there is no undo point.
struct MergeWorkspace {
  Workspace remote;
  UnixMillis now = 0;
};

/// Replace the scoring model (checked by compile_scoring: structure, rule texts). Stamped with
/// `clock.tick(now)`; the later model wins whole in a merge.
struct SetScoringModel {
  ScoringModel model;
  UnixMillis now = 0;
};

/// Add entries and exits to the segment membership record (computed by membership_changes in
/// core/segment/membership.hpp). The app records them on its own, without an undo point
/// (Session::record): they are facts about the past, not edits. Records already present are
/// skipped; a change naming no saved segment is refused.
struct RecordMemberships {
  std::vector<MembershipChange> changes;
};

/// Replace the funnel model (validated: unique non-empty pipeline names, known treatments, at
/// least one used stage, rule counts 1–1000; funnel_model.hpp). Stamped with `clock.tick(now)`
/// into Workspace::funnel_stamp; the later model wins whole in a merge.
struct SetFunnelModel {
  FunnelModel model;
  UnixMillis now = 0;
};

/// Apply moves planned by plan_stage_moves: each appends {stage, at, rule} to the lead's stage
/// history and sets its stage, all leads under one stamp and one undo step. Moves that no longer
/// advance their lead (the workspace changed since the plan), or name no live lead, are
/// skipped. The message says where the leads went ("3 leads moved: 2 to Consideration, 1 to
/// Patient"); nothing to apply is "Nothing changed" without a revision bump.
struct ApplyStageMoves {
  std::vector<StageMove> moves;
  UnixMillis now = 0;
};

using Command = std::variant<SetPracticeProfile, ReplaceWorkspace, AddLead, UpdateLead, DeleteLead, SetStage,
                             SetConsent, SetDoNotContact, AddEvents, MergeWorkspace, LeadBatch, PutTreatment,
                             PutLeadSource, PutContentItem, PutSegment, DeleteCatalogItem, RestoreLead,
                             SetScoringModel, RecordMemberships, PutSequence, SetSequenceStatus, Enroll,
                             EndEnrollments, RecordTouches, SetAdSpend, SetFunnelModel, ApplyStageMoves>;

struct CommandResult {
  bool ok = true;
  std::string message;                   ///< a summary for the status bar, or the error
  std::vector<FieldError> field_errors;  ///< per-field problems, for inline display
};

/// What it takes to undo one applied command — the inverse of that command, not a copy of the
/// workspace: the old profile, the one lead row it touched, or the ids of the events it added.
/// Only ReplaceWorkspace keeps a whole workspace (the one it replaced, moved); MergeWorkspace
/// keeps the rows it changed and the ids it added (MergeUndo).
struct UndoStep {
  struct Practice {
    PracticeProfile profile;
    Stamp stamp;
  };
  struct LeadRow {
    std::uint32_t row = 0;
    bool appended = false;  ///< the command added this row: undo removes it
    LeadStore::RowState before;
  };
  struct Events {
    std::unordered_set<std::uint64_t> added;
  };
  /// A batch's inverses in the order they were applied (reverted back to front).
  struct Batch {
    std::vector<std::variant<LeadRow, Events>> steps;
  };
  struct Scoring {
    ScoringModel model;
  };
  struct Records {
    std::vector<MembershipChange> added;
  };
  struct Funnel {
    FunnelModel model;
    Stamp stamp;
  };
  std::variant<std::monostate, Practice, Workspace, LeadRow, Events, Batch, CatalogUndo, MergeUndo, Scoring,
               Records, SequenceRecordsUndo, AdSpendUndo, Funnel>
      inverse;
};

/// Validates and applies `command`, stamping changed fields with one `clock.tick(now)`. On
/// success the revision is bumped (unless nothing changed) and, when `undo` is given, it
/// receives the inverse. On failure `ws`, `clock` and `undo` are unchanged. Never throws.
CommandResult apply(Workspace& ws, const Command& command, HybridClock& clock, UndoStep* undo = nullptr);
/// The same, taking what the command carries instead of copying it: a ReplaceWorkspace's
/// workspace is moved in (copying 100,000 leads took a third of a second).
CommandResult apply(Workspace& ws, Command&& command, HybridClock& clock, UndoStep* undo = nullptr);

/// apply() with a throwaway clock of device 0, for callers without a Session (tests, tools).
CommandResult apply(Workspace& ws, const Command& command);

/// Undoes the command `step` came from. Precondition: every command applied after it has been
/// reverted already (undo is a stack). Does not touch the revision.
void revert(Workspace& ws, UndoStep&& step);

}  // namespace nurture
