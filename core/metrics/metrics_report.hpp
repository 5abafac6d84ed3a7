#pragma once
/// The measurement dashboard's figures for a period and the period before it, over the leads a
/// filter keeps (docs/metrics.md).

#include <cstdint>
#include <vector>

#include "core/metrics/funnel_metrics.hpp"
#include "core/metrics/metrics_filter.hpp"
#include "core/metrics/nurture_effect.hpp"
#include "core/metrics/step_metrics.hpp"

namespace nurture::metrics {

struct PeriodMetrics {
  MetricsRange range;
  FunnelFigures funnel;
  std::vector<SequenceFigures> sequences;
  NurtureEffect nurture;
};

struct MetricsReport {
  MetricsFilter filter;
  /// Live leads the filter keeps (the segment evaluated at range.to).
  std::uint64_t leads = 0;
  PeriodMetrics current;
  /// The same figures for range.previous(), over the same leads.
  PeriodMetrics previous;
};

/// Every figure for `range` and the period of the same length before it. An Error when the
/// range is empty or reversed, or the filter's segment does not evaluate.
Expected<MetricsReport> compute_metrics(const Workspace& ws, const MetricsRange& range,
                                        const MetricsFilter& filter);

/// The same figures from the indexes of `cache` (refreshed here for `ws`, rebuilt only when the
/// workspace changed): what the dashboard calls when the range or the filter changes.
Expected<MetricsReport> compute_metrics(const Workspace& ws, const MetricsRange& range,
                                        const MetricsFilter& filter, MetricsCache& cache);

/// The figures of one period over a given lead set (with `cache`: from its indexes).
PeriodMetrics compute_period(const Workspace& ws, const segment::LeadSet& leads, const MetricsRange& range,
                             MetricsCache* cache = nullptr);

}  // namespace nurture::metrics
