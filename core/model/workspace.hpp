#pragma once
/// The workspace: everything Nurture knows about one practice — its profile, its leads and
/// their events. Segments and sequences join it in later milestones.

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/model/catalog.hpp"
#include "core/model/practice.hpp"
#include "core/store/event_log.hpp"
#include "core/store/lead_store.hpp"

namespace nurture {

struct Workspace {
  PracticeProfile practice;
  /// Change stamp of the whole profile (last writer wins in a merge).
  Stamp practice_stamp;
  LeadStore leads;
  EventLog events;
  /// Catalogs, in the order items were added; deleted items stay as tombstones.
  std::vector<Treatment> treatments;
  std::vector<LeadSource> sources;
  std::vector<ContentItem> content;
  /// Bumped by every successful command; persistence saves when it settles.
  std::uint64_t revision = 0;
  /// Top-level members written by a newer minor version of Nurture, kept verbatim (key, raw
  /// JSON) so that a round trip through this version loses nothing.
  std::vector<std::pair<std::string, std::string>> unknown_members;

  /// True when nothing has been entered yet (first run): the app then offers the demo.
  [[nodiscard]] bool is_empty() const {
    return practice == PracticeProfile{} && unknown_members.empty() && leads.rows() == 0 &&
           events.size() == 0 && treatments.empty() && sources.empty() && content.empty();
  }
  friend bool operator==(const Workspace&, const Workspace&) = default;
};

}  // namespace nurture
