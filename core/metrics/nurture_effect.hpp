#pragma once
/// Nurtured versus not: do leads who were touched book more often? Two conversion rates, their
/// difference and a 95 % confidence interval for it (docs/metrics.md).

#include <cstdint>
#include <optional>

#include "core/metrics/metrics_cache.hpp"
#include "core/metrics/metrics_filter.hpp"

namespace nurture::metrics {

/// How far back from a booking a touch makes the booker "nurtured".
inline constexpr UnixMillis k_nurture_lookback_ms = 30 * k_day_ms;

/// A two-sided interval.
struct Interval {
  double low = 0;
  double high = 0;
};

/// Wilson's score interval for `successes` of `trials` at z (1.96 for 95 %). Precondition:
/// trials > 0 and successes <= trials.
Interval wilson_interval(std::uint64_t successes, std::uint64_t trials, double z);
/// Newcombe's hybrid score interval (his method 10) for p1 - p2 from the two Wilson intervals;
/// nullopt when either group is empty.
std::optional<Interval> newcombe_difference(std::uint64_t s1, std::uint64_t n1, std::uint64_t s2,
                                            std::uint64_t n2, double z);
/// The normal quantile used for 95 % intervals.
inline constexpr double k_z95 = 1.959963984540054;

struct NurtureEffect {
  /// Leads in the population (created in the period or with an event in it) that were nurtured.
  std::uint64_t nurtured = 0;
  std::uint64_t nurtured_booked = 0;
  std::uint64_t not_nurtured = 0;
  std::uint64_t not_nurtured_booked = 0;
  std::optional<double> nurtured_rate;      ///< nurtured_booked / nurtured
  std::optional<double> not_nurtured_rate;  ///< not_nurtured_booked / not_nurtured
  std::optional<double> difference;         ///< nurtured_rate - not_nurtured_rate
  std::optional<Interval> difference_ci95;  ///< Newcombe's hybrid score interval
};

/// Population: leads of `leads` created in `range` or with a live event in it. A lead converted
/// when it has an appointment_booked in the range; a converted lead is nurtured when a touch (a
/// send touch record, or an email_sent/text_sent event) falls in the 30 days before its first
/// booking in the range; any other lead when a touch falls in the range.
/// With `cache` (refreshed here for `ws`), the same figures from its indexes.
NurtureEffect compute_nurture_effect(const Workspace& ws, const segment::LeadSet& leads,
                                     const MetricsRange& range, MetricsCache* cache = nullptr);

}  // namespace nurture::metrics
