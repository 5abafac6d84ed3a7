#pragma once
/// The dashboard's figures (docs/metrics.md "Dashboard"): the date range in the practice's time
/// zone, the filter, and every report the cards draw, computed together from core/metrics and
/// kept until the range, the filter or the workspace changes. Pure: no ImGui.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/metrics/dashboard.hpp"
#include "core/util/expected.hpp"

namespace nurture::ui {

enum class RangePreset { last_7, last_30, last_90, this_month, last_month, quarter, year_to_date, custom };
inline constexpr std::array<RangePreset, 8> k_range_presets{
    RangePreset::last_7,     RangePreset::last_30, RangePreset::last_90,      RangePreset::this_month,
    RangePreset::last_month, RangePreset::quarter, RangePreset::year_to_date, RangePreset::custom};
/// "Last 30 days", "This quarter"…
const char* preset_label(RangePreset p);
/// "last_30", "quarter"… (test state and marks).
const char* preset_key(RangePreset p);

using metrics::practice_zone;

/// The range a preset stands for at `now` in `zone`: whole local days, today included (the
/// range ends at the next local midnight). Last month is the whole previous calendar month;
/// quarter and year run from the first day of the current calendar quarter or year.
/// Precondition: p is not custom.
metrics::MetricsRange preset_range(RangePreset p, UnixMillis now, const TimeZone* zone);

/// A custom range from two local dates "YYYY-MM-DD", both included. An Error in words when a
/// date does not parse, the end is before the start, or the range is longer than 3 years.
Expected<metrics::MetricsRange> custom_range(std::string_view from, std::string_view to,
                                             const TimeZone* zone);

/// "Nov 7 – Dec 6, 2026" for the local days of a range.
std::string range_label(const metrics::MetricsRange& range, const TimeZone* zone);

/// The figures the cards draw (core/metrics/dashboard.hpp).
using DashboardData = metrics::Dashboard;

/// The headline figures, current and previous period (KPI tiles, CSV, test state).
struct Kpis {
  std::uint64_t new_leads = 0, new_leads_prev = 0;
  std::uint64_t bookings = 0, bookings_prev = 0;
  /// Leads active in the period (created or with an event) that booked, over those leads.
  std::optional<double> conversion, conversion_prev;
  std::optional<double> lift, lift_prev;  ///< nurtured minus not-nurtured booking rate
  /// Opens by people (machine opens excluded) over sends.
  std::optional<double> open_rate, open_rate_prev;
  std::int64_t revenue_cents = 0, revenue_prev_cents = 0;
  std::int64_t spend_cents = 0;
  std::optional<double> return_ratio;
};
Kpis kpis_of(const DashboardData& d);
/// The KPI tiles as a CSV: kpi, current, previous.
std::string kpis_csv(const Kpis& k);

}  // namespace nurture::ui
