#pragma once
/// Saved segments as the app evaluates them: parsed once per change of the segment list, looked
/// up by name for in_segment(), and compared with their membership record to find who entered
/// and who left.

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/model/segments.hpp"
#include "core/model/workspace.hpp"
#include "core/segment/ast.hpp"
#include "core/segment/context.hpp"
#include "core/segment/engine.hpp"
#include "core/util/expected.hpp"

namespace nurture::segment {

/// The live saved segments of a workspace, parsed. Holds copies, so it stays valid while the
/// workspace changes (rebuild it when `segments` changes).
class ParsedSegments {
 public:
  explicit ParsedSegments(const std::vector<SavedSegment>& segments);
  /// The parsed query of the live segment called `name` (ignoring case); null when there is no
  /// such segment or its query does not parse. Suits EvalContext::find_segment.
  [[nodiscard]] const Node* find(std::string_view name) const;
  struct Entry {
    SavedSegment segment;
    Expected<Node> query;
  };
  [[nodiscard]] const std::vector<Entry>& entries() const { return m_entries; }

 private:
  std::vector<Entry> m_entries;
};

/// An EvalContext over `ws` at `now` whose in_segment() resolves through `parsed` (which must
/// outlive it).
EvalContext make_context(const Workspace& ws, UnixMillis now, int utc_offset_minutes,
                         const ScoreTable* scores, const ParsedSegments& parsed);

/// The changes to record at ctx.now: for each live saved segment whose query evaluates, an
/// entry for every member not recorded as one and an exit for every recorded member that is no
/// longer in it (deleted leads included); for a deleted segment, an exit for each recorded
/// member. A segment whose query fails (a parse or bind error) keeps its record as it is.
/// Sorted. Recording the result and asking again at the same moment gives nothing.
/// `cache` (optional) is the caller's segment cache for `ws`.
std::vector<MembershipChange> membership_changes(const Workspace& ws, const EvalContext& ctx,
                                                 const ParsedSegments& parsed, SegmentCache* cache = nullptr);

}  // namespace nurture::segment
