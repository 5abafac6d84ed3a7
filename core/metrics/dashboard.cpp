#include "core/metrics/dashboard.hpp"

#include "core/metrics/local_calendar.hpp"

namespace nurture::metrics {

const TimeZone* practice_zone(const Workspace& ws) { return find_time_zone(ws.practice.time_zone); }

Expected<Dashboard> compute_dashboard(const Workspace& ws, const MetricsRange& range,
                                      const MetricsFilter& filter, MetricsCache& cache) {
  if (range.from >= range.to) return Error{"the period is empty: 'from' must be before 'to'"};
  cache.refresh(ws);
  // The lead set is evaluated once and shared by every figure (compute_metrics would filter
  // again for its own report).
  auto leads = filter_leads(ws, filter, range.to);
  if (!leads) return leads.error();
  Dashboard d;
  d.range = range;
  d.filter = filter;
  d.report.filter = filter;
  d.report.leads = leads.value().count();
  d.report.current = compute_period(ws, leads.value(), range, &cache);
  d.report.previous = compute_period(ws, leads.value(), range.previous(), &cache);

  const TimeZone* zone = practice_zone(ws);
  d.grain = trend_grain(range);
  d.trend = conversion_trend(ws, leads.value(), range, trend_buckets(zone, range, d.grain), &cache);
  d.weeks = trend_buckets(zone, range, TrendGrain::week);
  d.step_weeks = step_trend(ws, leads.value(), d.weeks, &cache);

  // Without a filter every live lead counts, which is what the reports do without row flags.
  std::vector<bool> keep;
  const std::vector<bool>* keep_ptr = nullptr;
  if (!(filter == MetricsFilter{})) {
    keep = keep_rows(leads.value(), ws.leads.rows());
    keep_ptr = &keep;
  }
  d.engagement = engagement_metrics(ws, range.from, range.to, keep_ptr, &cache);
  const LocalCalendar cal(zone);
  YearMonth first = cal.month_of(range.to - 1);
  for (int i = 0; i < 11; ++i)
    first = first.month == 1 ? YearMonth{first.year - 1, 12} : YearMonth{first.year, first.month - 1};
  d.retention = retention_metrics(ws, cal.month_start(first), range.to, keep_ptr, &cache);
  d.roi = roi_metrics(ws, range.from, range.to, keep_ptr, &cache);
  return d;
}

}  // namespace nurture::metrics
