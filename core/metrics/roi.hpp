#pragma once
/// Return by lead source (issue 6, docs/metrics.md "Return by source"): spend, leads,
/// bookings and revenue per source and practice-local month over [from, to), and the same for
/// the previous period of equal length [from - (to - from), from).
///
/// A month's spend is the ad-spend table's live entry for the source and month
/// (Workspace::ad_spend) or, without one, LeadSource::monthly_cost_cents; either is prorated by
/// the share of the month the period covers.

#include <cstdint>
#include <optional>
#include <vector>

#include "core/metrics/local_calendar.hpp"
#include "core/metrics/metrics_cache.hpp"
#include "core/model/workspace.hpp"

namespace nurture {

struct RoiFigures {
  std::int64_t spend_cents = 0;
  /// Source-months whose spend is an estimate: the table has no live entry for them and the
  /// source's monthly_cost_cents (non-zero) stood in. 0 or 1 for one source and month; summed
  /// in totals. The UI marks such spend as estimated.
  std::uint32_t estimated_spend_months = 0;
  std::uint64_t leads = 0;          ///< leads created (Lead::created_at) in the period
  std::uint64_t bookings = 0;       ///< appointment_booked events in the period
  std::int64_t purchase_cents = 0;  ///< purchase amount_cents in the period
  /// Attended appointments in the period with no purchase by the same lead on the same local
  /// day: the price_cents of the treatment named by the event's service (0 when unknown).
  std::int64_t estimated_cents = 0;
  std::int64_t revenue_cents = 0;                ///< purchase_cents + estimated_cents
  std::int64_t net_cents = 0;                    ///< revenue_cents - spend_cents
  std::optional<double> cost_per_lead_cents;     ///< spend / leads; none without leads
  std::optional<double> cost_per_booking_cents;  ///< spend / bookings; none without bookings
  std::optional<double> return_ratio;            ///< revenue / spend; none without spend
  friend bool operator==(const RoiFigures&, const RoiFigures&) = default;
};

struct RoiMonth {
  YearMonth month;
  RoiFigures figures;
  friend bool operator==(const RoiMonth&, const RoiMonth&) = default;
};

/// One source over one period: per month and in total.
struct RoiSeries {
  std::vector<RoiMonth> months;  ///< every local month meeting the period, in order
  RoiFigures total;
  friend bool operator==(const RoiSeries&, const RoiSeries&) = default;
};

struct SourceRoi {
  /// Index into Workspace::sources (live sources, catalog order); none for the "unattributed"
  /// row (leads whose source is empty or not a live source; it has no spend).
  std::optional<std::uint32_t> source;
  RoiSeries current;
  RoiSeries previous;
  friend bool operator==(const SourceRoi&, const SourceRoi&) = default;
};

struct RoiReport {
  UnixMillis from = 0;
  UnixMillis to = 0;
  UnixMillis previous_from = 0;    ///< the previous period is [previous_from, from)
  std::vector<SourceRoi> sources;  ///< live sources in catalog order, then "unattributed"
  RoiFigures total;                ///< all rows summed, current period
  RoiFigures previous_total;
  friend bool operator==(const RoiReport&, const RoiReport&) = default;
};

/// Return by source for live leads (only rows flagged in `keep_rows` when given) in the
/// practice's time zone (UTC if unknown). Empty when from >= to.
/// With `cache` (refreshed here for `ws`), events come from its per-type index.
RoiReport roi_metrics(const Workspace& ws, UnixMillis from, UnixMillis to,
                      const std::vector<bool>* keep_rows = nullptr, metrics::MetricsCache* cache = nullptr);

}  // namespace nurture
