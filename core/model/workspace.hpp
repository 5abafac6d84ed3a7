#pragma once
/// The workspace: everything Nurture knows about one practice — its profile, its leads and
/// their events, its catalogs, saved segments, scoring model and sequences with their
/// enrolments and touch records.

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/model/ad_spend.hpp"
#include "core/model/catalog.hpp"
#include "core/model/consent_ledger.hpp"
#include "core/model/funnel_model.hpp"
#include "core/model/practice.hpp"
#include "core/model/segments.hpp"
#include "core/scoring/scoring_model.hpp"
#include "core/sequence/sequence.hpp"
#include "core/store/event_log.hpp"
#include "core/store/lead_store.hpp"
#include "core/sync/hlc.hpp"

namespace nurture {

struct Workspace {
  PracticeProfile practice;
  /// When `practice` was last set (SetPracticeProfile); a merge keeps the later profile.
  Stamp practice_stamp;
  LeadStore leads;
  EventLog events;
  /// Catalogs, in the order items were added; deleted items stay as tombstones.
  std::vector<Treatment> treatments;
  std::vector<LeadSource> sources;
  std::vector<ContentItem> content;
  /// Ad spend per lead source and month, sorted by (source, month), one entry per key; cleared
  /// entries stay as tombstones (core/model/ad_spend.hpp).
  std::vector<AdSpend> ad_spend;
  /// Saved segments in the order they were added; deleted ones stay as tombstones.
  std::vector<SavedSegment> segments;
  /// Who entered and left which saved segment when, sorted (MembershipChange's order).
  std::vector<MembershipChange> segment_history;
  /// The lead-scoring model (empty until the practice sets one or loads the demo).
  ScoringModel scoring;
  /// The funnel: stage names per pipeline and the rules that move leads (funnel_model.hpp).
  FunnelModel funnel = default_funnel_model();
  /// When `funnel` was last set (SetFunnelModel); a merge keeps the later model.
  Stamp funnel_stamp;
  /// Sequences in the order they were added; deleted ones stay as tombstones.
  std::vector<Sequence> sequences;
  /// Every lead's walk through a sequence, sorted by key (Enrollment::key), one per key.
  std::vector<Enrollment> enrollments;
  /// What was done with each touch, sorted by key (TouchRecord::key), one per key: the record
  /// with the largest stamp.
  std::vector<TouchRecord> touches;
  /// Every consent and opt-out change, hash-chained per (lead, device); append-only
  /// (core/model/consent_ledger.hpp, docs/consent-ledger.md).
  ConsentLedger ledger;
  /// Per device, the largest change stamp this workspace has taken in by merging, one entry
  /// per device sorted by device. A merge uses it to tell an edit made after seeing the other
  /// device's change from a concurrent one (docs/sync.md); files carry seen_stamps(ws).
  std::vector<Stamp> seen;
  /// Bumped by every successful command; persistence saves when it settles.
  std::uint64_t revision = 0;
  /// Top-level members written by a newer minor version of Nurture, kept verbatim (key, raw
  /// JSON) so that a round trip through this version loses nothing.
  std::vector<std::pair<std::string, std::string>> unknown_members;

  /// True when nothing has been entered yet (first run): the app then offers the demo.
  [[nodiscard]] bool is_empty() const {
    return practice == PracticeProfile{} && unknown_members.empty() && leads.rows() == 0 &&
           events.size() == 0 && treatments.empty() && sources.empty() && content.empty() &&
           ad_spend.empty() && segments.empty() && segment_history.empty() && scoring.empty() &&
           funnel_stamp == Stamp{} && funnel == default_funnel_model() && sequences.empty() &&
           enrollments.empty() && touches.empty() && ledger.empty();
  }
  friend bool operator==(const Workspace&, const Workspace&) = default;
};

}  // namespace nurture
