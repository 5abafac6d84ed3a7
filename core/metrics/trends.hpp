#pragma once
/// Figures over time for the dashboard (docs/metrics.md "Dashboard"): the range cut into
/// practice-local days or weeks, new leads, bookings and conversion per bucket, and the
/// per-step figures of each bucket for the step table's small trend lines.

#include <cstdint>
#include <optional>
#include <vector>

#include "core/metrics/metrics_cache.hpp"
#include "core/metrics/metrics_filter.hpp"
#include "core/metrics/step_metrics.hpp"
#include "core/util/time_zone.hpp"

namespace nurture::metrics {

enum class TrendGrain { day, week };

/// Days for ranges of at most 31 days, weeks for longer ones.
[[nodiscard]] TrendGrain trend_grain(const MetricsRange& range);

/// One bucket: [from, to) inside the range; `first_day` is the local day (days since
/// 1970-01-01) the bucket starts on, for labels.
struct TrendBucket {
  UnixMillis from = 0;
  UnixMillis to = 0;
  std::int64_t first_day = 0;
  friend bool operator==(const TrendBucket&, const TrendBucket&) = default;
};

/// The range cut at local midnights (days) or at local Monday midnights (weeks) in `zone`
/// (UTC when null); the first and last buckets are clipped to the range. Empty when the range
/// is empty or reversed.
[[nodiscard]] std::vector<TrendBucket> trend_buckets(const TimeZone* zone, const MetricsRange& range,
                                                     TrendGrain grain);

struct TrendPoint {
  TrendBucket bucket;
  std::uint64_t new_leads = 0;  ///< leads of the set created in the bucket
  std::uint64_t bookings = 0;   ///< live appointment_booked events of the set's leads in the bucket
  /// Of the bucket's new leads, those with an appointment_booked event at or after their
  /// creation and before the range's end.
  std::uint64_t converted = 0;
  std::optional<double> conversion_rate;  ///< converted / new_leads; none without new leads
  friend bool operator==(const TrendPoint&, const TrendPoint&) = default;
};

/// New leads, bookings and conversion per bucket for the leads in `leads`; with `cache`
/// (refreshed here for `ws`), the bookings come from its index: the same figures.
[[nodiscard]] std::vector<TrendPoint> conversion_trend(const Workspace& ws, const segment::LeadSet& leads,
                                                       const MetricsRange& range,
                                                       const std::vector<TrendBucket>& buckets,
                                                       MetricsCache* cache = nullptr);

/// compute_step_metrics for each bucket's own range (attribution as in the whole range: sends
/// outside a bucket take part but are not counted); with `cache`, from its indexes.
[[nodiscard]] std::vector<std::vector<SequenceFigures>> step_trend(const Workspace& ws,
                                                                   const segment::LeadSet& leads,
                                                                   const std::vector<TrendBucket>& buckets,
                                                                   MetricsCache* cache = nullptr);

/// One flag per lead row: true for the rows in `leads` (what engagement, retention and return
/// by source take as `keep_rows`).
[[nodiscard]] std::vector<bool> keep_rows(const segment::LeadSet& leads, std::size_t rows);

}  // namespace nurture::metrics
