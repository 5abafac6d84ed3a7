#pragma once
/// Engagement time on educational content (issue 6, docs/metrics.md "Engagement"): the
/// content_viewed events in [from, to) with their `seconds`, per content item, per funnel stage
/// of the item and per treatment of the item, plus which sequences link each item.

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "core/metrics/metrics_cache.hpp"
#include "core/model/workspace.hpp"

namespace nurture {

/// Figures of one group of views.
struct EngagementFigures {
  std::uint64_t views = 0;
  std::uint64_t unique_leads = 0;
  std::uint64_t total_seconds = 0;
  /// Median of the views' seconds (mean of the two middle ones for an even count); 0 without views.
  double median_seconds = 0;
  /// Views of items with a known length (minutes > 0), and of those the completed ones:
  /// seconds >= 80 % of minutes * 60.
  std::uint64_t timed_views = 0;
  std::uint64_t completed = 0;
  /// completed / timed_views; 0 when timed_views is 0.
  double completion_rate = 0;
  friend bool operator==(const EngagementFigures&, const EngagementFigures&) = default;
};

struct ContentEngagement {
  std::uint32_t item = 0;  ///< index into Workspace::content (live items only, catalog order)
  EngagementFigures figures;
  /// Indexes into Workspace::sequences of live sequences with a message step whose
  /// message.content is this item's id, ascending.
  std::vector<std::uint32_t> sequences;
  friend bool operator==(const ContentEngagement&, const ContentEngagement&) = default;
};

struct TreatmentEngagement {
  std::string treatment;  ///< ContentItem::treatment; empty: general content
  EngagementFigures figures;
  friend bool operator==(const TreatmentEngagement&, const TreatmentEngagement&) = default;
};

struct EngagementReport {
  std::vector<ContentEngagement> items;                     ///< one per live content item, catalog order
  std::array<EngagementFigures, k_stage_count> by_stage{};  ///< indexed by the item's Stage
  /// One per distinct treatment among live items, in order of first appearance in the catalog.
  std::vector<TreatmentEngagement> by_treatment;
  /// Views whose content id is not a live catalog item (counted in `all`, nowhere else).
  EngagementFigures unknown_content;
  EngagementFigures all;
  friend bool operator==(const EngagementReport&, const EngagementReport&) = default;
};

/// Engagement over content_viewed events with from <= at < to of live leads; when `keep_rows`
/// is given (one flag per lead row), only leads whose row is flagged count. With `cache`
/// (refreshed here for `ws`), the views come from its per-type index.
EngagementReport engagement_metrics(const Workspace& ws, UnixMillis from, UnixMillis to,
                                    const std::vector<bool>* keep_rows = nullptr,
                                    metrics::MetricsCache* cache = nullptr);

}  // namespace nurture
