#include "core/metrics/metrics_report.hpp"

namespace nurture::metrics {

namespace {

Expected<MetricsReport> report(const Workspace& ws, const MetricsRange& range, const MetricsFilter& filter,
                               MetricsCache* cache) {
  if (range.from >= range.to) return Error{"the period is empty: 'from' must be before 'to'"};
  auto leads = filter_leads(ws, filter, range.to);
  if (!leads) return leads.error();
  MetricsReport out;
  out.filter = filter;
  out.leads = leads.value().count();
  out.current = compute_period(ws, leads.value(), range, cache);
  out.previous = compute_period(ws, leads.value(), range.previous(), cache);
  return out;
}

}  // namespace

PeriodMetrics compute_period(const Workspace& ws, const segment::LeadSet& leads, const MetricsRange& range,
                             MetricsCache* cache) {
  return {range, compute_funnel(ws, leads, range, cache), compute_step_metrics(ws, leads, range, cache),
          compute_nurture_effect(ws, leads, range, cache)};
}

Expected<MetricsReport> compute_metrics(const Workspace& ws, const MetricsRange& range,
                                        const MetricsFilter& filter) {
  return report(ws, range, filter, nullptr);
}

Expected<MetricsReport> compute_metrics(const Workspace& ws, const MetricsRange& range,
                                        const MetricsFilter& filter, MetricsCache& cache) {
  return report(ws, range, filter, &cache);
}

}  // namespace nurture::metrics
