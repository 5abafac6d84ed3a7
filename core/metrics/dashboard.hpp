#pragma once
/// Everything the measurement dashboard draws (docs/metrics.md "Dashboard"), computed together
/// for one range and filter: the period report with the previous period, the conversion chart's
/// buckets, the step table's weekly figures, engagement, the retention cohorts of the 12 local
/// months ending with the range, and return by source. This is the recompute issue 6 times
/// (bench/metrics_bench.cpp) and the page runs when the range, the filter or the workspace
/// changes.

#include <vector>

#include "core/metrics/engagement.hpp"
#include "core/metrics/metrics_cache.hpp"
#include "core/metrics/metrics_report.hpp"
#include "core/metrics/retention.hpp"
#include "core/metrics/roi.hpp"
#include "core/metrics/trends.hpp"
#include "core/util/expected.hpp"

namespace nurture::metrics {

struct Dashboard {
  MetricsRange range;
  MetricsFilter filter;
  MetricsReport report;
  /// Buckets of the conversion chart (days up to 31 days, else weeks) and their figures.
  TrendGrain grain = TrendGrain::week;
  std::vector<TrendPoint> trend;
  /// Weekly buckets over the range and the step figures of each (the step table's trend lines).
  std::vector<TrendBucket> weeks;
  std::vector<std::vector<SequenceFigures>> step_weeks;
  EngagementReport engagement;
  /// Retention over the 12 local months ending with the range's last month (cohorts need
  /// months behind them, whatever the range).
  RetentionReport retention;
  RoiReport roi;
};

/// The practice's zone as metrics use it (nullptr: UTC, also for an unknown zone name).
const TimeZone* practice_zone(const Workspace& ws);

/// Every figure for `range` and `filter`, from the indexes of `cache` (refreshed here for `ws`).
/// An Error when the range is empty or the filter does not evaluate (compute_metrics).
Expected<Dashboard> compute_dashboard(const Workspace& ws, const MetricsRange& range,
                                      const MetricsFilter& filter, MetricsCache& cache);

}  // namespace nurture::metrics
