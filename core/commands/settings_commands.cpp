// The scoring model and the segment membership record: SetScoringModel, RecordMemberships.

#include <algorithm>
#include <iterator>

#include "core/commands/settings_apply.hpp"
#include "core/scoring/scoring.hpp"
#include "core/util/text.hpp"

namespace nurture {

namespace detail {

CommandResult run(Workspace& ws, const SetScoringModel& c, HybridClock& clock, UndoStep* undo) {
  if (auto errors = validate(c.model); !errors.empty()) {
    return {false, "The scoring model has " + count_noun(errors.size(), "problem", "problems"),
            std::move(errors)};
  }
  // The rule texts are segment-language fragments: parsing them is part of validating.
  if (auto compiled = compile_scoring(c.model); !compiled) {
    const std::string& m = compiled.error().message;
    const auto colon = m.find(": ");
    return {false,
            "The scoring model has a problem",
            {{colon == std::string::npos ? "model" : m.substr(0, colon),
              colon == std::string::npos ? m : m.substr(colon + 2)}}};
  }
  ScoringModel next = c.model;
  next.stamp = {};
  ScoringModel current = ws.scoring;
  current.stamp = {};
  if (next == current) return {true, "Nothing changed", {}};
  if (undo != nullptr) undo->inverse = UndoStep::Scoring{ws.scoring};
  next.stamp = clock.tick(c.now);
  ws.scoring = std::move(next);
  ++ws.revision;
  return {true, "Scoring saved", {}};
}

CommandResult run(Workspace& ws, const RecordMemberships& c, HybridClock& /*clock*/, UndoStep* undo) {
  for (const auto& change : c.changes) {
    const bool known = std::any_of(ws.segments.begin(), ws.segments.end(),
                                   [&](const SavedSegment& s) { return s.id == change.segment; });
    if (!known)
      return {false, "No saved segment '" + change.segment + "'", {{"segment", "is not a saved segment"}}};
  }
  std::vector<MembershipChange> added = c.changes;
  std::sort(added.begin(), added.end());
  added.erase(std::unique(added.begin(), added.end()), added.end());
  // Only what the record does not hold yet (a double tick must not record twice).
  std::vector<MembershipChange> fresh;
  std::set_difference(added.begin(), added.end(), ws.segment_history.begin(), ws.segment_history.end(),
                      std::back_inserter(fresh));
  if (fresh.empty()) return {true, "Nothing changed", {}};
  std::vector<MembershipChange> joined;
  joined.reserve(ws.segment_history.size() + fresh.size());
  std::merge(ws.segment_history.begin(), ws.segment_history.end(), fresh.begin(), fresh.end(),
             std::back_inserter(joined));
  ws.segment_history = std::move(joined);
  const auto entered = static_cast<std::size_t>(
      std::count_if(fresh.begin(), fresh.end(), [](const MembershipChange& m) { return m.entered; }));
  const std::size_t exited = fresh.size() - entered;
  if (undo != nullptr) undo->inverse = UndoStep::Records{std::move(fresh)};
  ++ws.revision;
  return {true,
          "Segments: " + count_noun(entered, "lead entered", "leads entered") + ", " +
              format_thousands(exited) + " left",
          {}};
}

}  // namespace detail

void remove_records(Workspace& ws, const std::vector<MembershipChange>& records) {
  std::vector<MembershipChange> kept;
  kept.reserve(ws.segment_history.size());
  std::set_difference(ws.segment_history.begin(), ws.segment_history.end(), records.begin(), records.end(),
                      std::back_inserter(kept));
  ws.segment_history = std::move(kept);
}

}  // namespace nurture
