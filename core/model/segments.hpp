#pragma once
/// Saved segments and the record of who entered and left them. A saved segment is a named query
/// in the segment language (docs/segment-language.md); the app re-evaluates saved segments as the
/// workspace changes and as time passes, and records each entry and exit, so that sequences can
/// start when a lead enters a segment and the editor can show the change since the last record.
///
/// Segments are whole items with a stamp and a tombstone, merged like the catalogs (last writer
/// wins per id). The membership record is append-only and merges as a set union.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/model/lead_types.hpp"
#include "core/model/practice.hpp"
#include "core/sync/hlc.hpp"
#include "core/util/civil_time.hpp"

namespace nurture {

struct SavedSegment {
  std::string id;           ///< catalog id (lowercase slug), stable across renames
  std::string name;         ///< unique among live segments, ignoring case; in_segment("Name") uses it
  std::string query;        ///< the query text as the user wrote it
  std::string description;  ///< optional: what the segment is for
  Stamp stamp;
  bool deleted = false;
  friend bool operator==(const SavedSegment&, const SavedSegment&) = default;
};

/// One lead entering or leaving one saved segment at `at` (when the app noticed).
struct MembershipChange {
  std::string segment;  ///< SavedSegment::id
  LeadId lead;
  UnixMillis at = 0;
  bool entered = true;  ///< false: exited
  friend bool operator==(const MembershipChange&, const MembershipChange&) = default;
  // Ordered by segment, lead, time, then exits before entries. (Written out: the wasm build's
  // libc++ has no operator<=> for std::string.)
  friend bool operator<(const MembershipChange& a, const MembershipChange& b) {
    if (a.segment != b.segment) return a.segment < b.segment;
    if (a.lead != b.lead) return a.lead < b.lead;
    if (a.at != b.at) return a.at < b.at;
    return a.entered < b.entered;
  }
};

/// Longest name and query accepted.
inline constexpr std::size_t k_max_segment_name = 80;
inline constexpr std::size_t k_max_segment_query = 4000;

/// Field problems of one segment (empty: valid): id, name (1–80 characters, no control
/// characters), query length. Whether the query parses is checked by the command.
std::vector<FieldError> validate(const SavedSegment& segment);

/// True when two segment names are the same for in_segment(): equal ignoring ASCII case.
bool same_segment_name(std::string_view a, std::string_view b);

/// The live segment whose name equals `name` ignoring ASCII case, or nullptr.
const SavedSegment* find_segment_by_name(const std::vector<SavedSegment>& segments, std::string_view name);

/// The leads recorded as members of `segment` after applying every change in `history` in
/// time order (a lead is a member when its latest change is an entry), sorted by id.
std::vector<LeadId> recorded_members(const std::vector<MembershipChange>& history, std::string_view segment);

}  // namespace nurture
