#pragma once
// Internal to core/sync: merging the workspace's whole-item members — the catalogs
// (treatments, sources, content), saved segments, the segment membership record, the scoring
// model and sequences — and the sequences' keyed records (enrolments, touch records), used by
// merge.cpp's last phase. Rules in docs/sync.md.

#include <cstddef>

#include "core/model/workspace.hpp"

namespace nurture::merge_detail {

/// Merges the settings members of `remote` into a copy of `local`'s: per catalog item and
/// segment the later stamp wins (merge_lww_items); the membership record is the sorted union;
/// the scoring and funnel models with the later stamp win whole; sequences are whole items like segments.
/// Writes the result into `out` when it is not null. Returns how many items differ from
/// `local`'s (0: nothing new).
std::size_t merge_settings(const Workspace& local, const Workspace& remote, Workspace* out);

/// How many enrolments, touch records and ad-spend entries a merge adds or replaces.
struct RecordCounts {
  std::size_t enrollments = 0;
  std::size_t touches = 0;
  std::size_t ad_spend = 0;
};

/// Merges enrolments, touch records and the ad-spend table: the union by key, per key the
/// record with the larger stamp (a tie broken by the values). The lists stay sorted by key. Writes into `out`
/// when it is not null.
RecordCounts merge_sequence_records(const Workspace& local, const Workspace& remote, Workspace* out);

/// Calls note(stamp) for every stamp the settings members hold.
template <class Note>
void note_settings_stamps(const Workspace& ws, Note&& note) {
  for (const auto& t : ws.treatments) note(t.stamp);
  for (const auto& s : ws.sources) note(s.stamp);
  for (const auto& c : ws.content) note(c.stamp);
  for (const auto& s : ws.segments) note(s.stamp);
  note(ws.scoring.stamp);
  note(ws.funnel_stamp);
  for (const auto& s : ws.sequences) note(s.stamp);
  for (const auto& e : ws.enrollments) note(e.stamp);
  for (const auto& t : ws.touches) note(t.stamp);
  for (const auto& a : ws.ad_spend) note(a.stamp);
}

}  // namespace nurture::merge_detail
