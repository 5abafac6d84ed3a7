#include "core/metrics/metrics_report.hpp"

namespace nurture::metrics {

PeriodMetrics compute_period(const Workspace& ws, const segment::LeadSet& leads, const MetricsRange& range) {
  return {range, compute_funnel(ws, leads, range), compute_step_metrics(ws, leads, range),
          compute_nurture_effect(ws, leads, range)};
}

Expected<MetricsReport> compute_metrics(const Workspace& ws, const MetricsRange& range,
                                        const MetricsFilter& filter) {
  if (range.from >= range.to) return Error{"the period is empty: 'from' must be before 'to'"};
  auto leads = filter_leads(ws, filter, range.to);
  if (!leads) return leads.error();
  MetricsReport out;
  out.filter = filter;
  out.leads = leads.value().count();
  out.current = compute_period(ws, leads.value(), range);
  out.previous = compute_period(ws, leads.value(), range.previous());
  return out;
}

}  // namespace nurture::metrics
