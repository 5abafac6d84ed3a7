#pragma once
/// Patient retention and repeat visits (issue 6, docs/metrics.md "Retention"). A visit is a
/// practice-local day on which a lead has an appointment_attended or purchase event; cohorts
/// group patients by the local month of their first visit ever.

#include <array>
#include <cstdint>
#include <optional>
#include <vector>

#include "core/metrics/local_calendar.hpp"
#include "core/metrics/metrics_cache.hpp"
#include "core/model/workspace.hpp"

namespace nurture {

/// Horizons of the repeat-visit rates, in months, and the days each stands for.
inline constexpr std::array<std::uint32_t, 3> k_repeat_months{3, 6, 12};
inline constexpr std::array<std::int64_t, 3> k_repeat_days{91, 182, 365};

struct RepeatRate {
  std::uint32_t months = 0;
  /// False ("not yet"): the cohort's last day plus the horizon is not before the local day of
  /// `to`, so some member's window is not fully observed; `repeated` and `rate` are then 0.
  bool ready = false;
  std::uint64_t repeated = 0;  ///< members with another visit within the horizon
  double rate = 0;             ///< repeated / cohort size (0 for an empty cohort)
  friend bool operator==(const RepeatRate&, const RepeatRate&) = default;
};

struct RetentionCohort {
  YearMonth month;                     ///< local month of the members' first visit
  std::uint64_t size = 0;              ///< leads whose first visit ever is in this month and in [from, to)
  std::array<RepeatRate, 3> repeat{};  ///< per k_repeat_months
  friend bool operator==(const RetentionCohort&, const RetentionCohort&) = default;
};

/// Patients with n visits in the range are counted in visit_histogram[min(n, 10) - 1].
inline constexpr std::size_t k_visit_histogram_buckets = 10;

struct RetentionReport {
  std::vector<RetentionCohort> cohorts;  ///< every local month meeting [from, to), in order
  std::uint64_t patients = 0;            ///< leads with at least one visit in [from, to)
  std::uint64_t visits = 0;              ///< their visits in [from, to)
  /// visits / patients / (range length in years of 365.2425 days); 0 without patients.
  double visits_per_patient_per_year = 0;
  std::array<std::uint64_t, k_visit_histogram_buckets> visit_histogram{};
  friend bool operator==(const RetentionReport&, const RetentionReport&) = default;
};

/// Retention over [from, to) in the practice's time zone (UTC if unknown), for live leads
/// (only rows flagged in `keep_rows` when given). Visits at or after `to` are never seen.
/// With `cache` (refreshed here for `ws`), the visits come from its visit days.
RetentionReport retention_metrics(const Workspace& ws, UnixMillis from, UnixMillis to,
                                  const std::vector<bool>* keep_rows = nullptr,
                                  metrics::MetricsCache* cache = nullptr);

}  // namespace nurture
