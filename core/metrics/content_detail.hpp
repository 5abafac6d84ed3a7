#pragma once
/// One content item up close (the Content page's detail pane): its views per week and its
/// engagement by the viewer's funnel stage, over content_viewed events in [from, to).

#include <array>
#include <cstdint>
#include <string_view>
#include <vector>

#include "core/metrics/engagement.hpp"

namespace nurture {

struct ContentDetail {
  /// Views per week, oldest first: week k of n covers [to − (n − k)·7 d, to − (n − k − 1)·7 d).
  std::vector<std::uint32_t> weekly_views;
  /// Figures by the viewing lead's current stage (Lead::stage now, not at the view).
  std::array<EngagementFigures, k_stage_count> by_viewer_stage{};
  friend bool operator==(const ContentDetail&, const ContentDetail&) = default;
};

/// The views of the item with id `content` (live leads only) in [from, to), with `weeks` weekly
/// buckets ending at `to` (views before the first bucket count only in by_viewer_stage).
/// Completion uses the item's minutes as engagement_metrics does; an unknown id gives zeros.
ContentDetail content_detail(const Workspace& ws, std::string_view content, UnixMillis from, UnixMillis to,
                             std::size_t weeks);

}  // namespace nurture
