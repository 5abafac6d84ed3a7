#pragma once
/// The funnel over a period: how many leads reached each stage, stage-to-stage conversion,
/// drop-off and the time spent in each stage (docs/metrics.md states every definition).

#include <array>
#include <cstdint>
#include <optional>
#include <vector>

#include "core/metrics/metrics_cache.hpp"
#include "core/metrics/metrics_filter.hpp"

namespace nurture::metrics {

struct StageFigures {
  /// Leads whose first arrival at this stage or a later one falls in [from, to).
  std::uint64_t reached = 0;
  /// Leads at exactly this stage at `from`: the stage of their latest change before `from`.
  std::uint64_t at_start = 0;
  /// The conversion cohort: at this stage at `from`, or reached it in the period.
  std::uint64_t cohort = 0;
  /// Cohort members with a change to a later stage in [max(from, arrival), to).
  std::uint64_t converted = 0;
  /// cohort - converted (0 for the last stage, which has no next one).
  std::uint64_t dropped = 0;
  /// converted / cohort; nullopt when the cohort is empty. Not given for the last stage.
  std::optional<double> conversion_rate;
  /// Median days of the stays in this stage that ended (a change to another stage) in the period.
  std::optional<double> median_days_in_stage;
  std::uint64_t stays_ended = 0;
};

struct FunnelFigures {
  std::array<StageFigures, k_stage_count> stages{};
  /// Median days from a lead's first stage entry to its arrival at conversion (or later), over
  /// leads whose arrival falls in the period; nullopt when there are none.
  std::optional<double> median_days_to_conversion;
  std::uint64_t conversions = 0;
};

/// The funnel of the leads in `leads` over `range`; with `cache` (refreshed here for `ws`), from
/// its stage paths.
FunnelFigures compute_funnel(const Workspace& ws, const segment::LeadSet& leads, const MetricsRange& range,
                             MetricsCache* cache = nullptr);

/// A lead's stage path: its stage history in time order; an empty history stands for one change
/// to its current stage at created_at. Shared with the tests' oracle.
std::vector<StageChange> stage_path(const Lead& lead);

/// The median of `values` (the mean of the two middle ones for an even count); reorders them.
std::optional<double> median(std::vector<double>& values);

}  // namespace nurture::metrics
