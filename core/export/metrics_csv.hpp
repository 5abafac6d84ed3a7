#pragma once
/// The dashboard's figures as CSV files, one per chart or table (docs/metrics.md "Dashboard"):
/// UTF-8 with a byte-order mark, CRLF line ends, text cells neutralised and quoted as in the
/// leads export (csv_text_cell), numbers written plain. Rates are fractions with four decimals
/// ("0.2500"), money is dollars with two ("1234.50"); a figure that is not defined (a rate of
/// nothing) is an empty cell.

#include <string>
#include <string_view>
#include <vector>

#include "core/metrics/engagement.hpp"
#include "core/metrics/funnel_metrics.hpp"
#include "core/metrics/nurture_effect.hpp"
#include "core/metrics/retention.hpp"
#include "core/metrics/roi.hpp"
#include "core/metrics/step_metrics.hpp"
#include "core/metrics/trends.hpp"

namespace nurture {

/// One cell: text (neutralised and quoted when written) or a number already formatted.
struct CsvCell {
  std::string text;
  bool number = false;
};
[[nodiscard]] CsvCell csv_text(std::string_view text);
[[nodiscard]] CsvCell csv_count(std::uint64_t n);
/// A number with `decimals` digits after the point; an empty cell for none.
[[nodiscard]] CsvCell csv_number(std::optional<double> v, int decimals = 4);
/// Cents as dollars with two decimals ("-12.05").
[[nodiscard]] CsvCell csv_money(std::int64_t cents);

/// A whole file: BOM, the header, then each row.
[[nodiscard]] std::string csv_table(const std::vector<std::string>& header,
                                    const std::vector<std::vector<CsvCell>>& rows);

/// stage, reached, at_start, cohort, converted, dropped, conversion_rate, median_days_in_stage,
/// previous_reached, previous_conversion_rate: one row per stage.
[[nodiscard]] std::string funnel_csv(const metrics::FunnelFigures& current,
                                     const metrics::FunnelFigures& previous);
/// period_start (the bucket's first local day), new_leads, bookings, converted,
/// conversion_rate: one row per bucket.
[[nodiscard]] std::string trend_csv(const std::vector<metrics::TrendPoint>& points);
/// sequence, step, sent, opened, opened_human, clicked, replied, unsubscribed, booked,
/// open_rate_human, click_rate, reply_rate, unsubscribe_rate, booking_rate: one row per step
/// (sequence and step by name when the workspace has them, else by id).
[[nodiscard]] std::string steps_csv(const Workspace& ws,
                                    const std::vector<metrics::SequenceFigures>& sequences);
/// group, leads, booked, rate, ci95_low, ci95_high: rows nurtured, not_nurtured, difference
/// (the difference row has the rate difference and its interval, no counts).
[[nodiscard]] std::string nurture_csv(const metrics::NurtureEffect& effect);
/// content, stage, treatment, views, unique_leads, median_seconds, total_seconds, timed_views,
/// completed, completion_rate: one row per live item.
[[nodiscard]] std::string engagement_csv(const Workspace& ws, const EngagementReport& report);
/// cohort (YYYY-MM), size, repeat_3m, repeat_6m, repeat_12m: a rate is empty while not ready.
[[nodiscard]] std::string cohorts_csv(const RetentionReport& report);
/// source, spend, leads, bookings, revenue, net, cost_per_lead, cost_per_booking, return_ratio,
/// previous_revenue: one row per source, then "Unattributed", then "Total".
[[nodiscard]] std::string roi_csv(const Workspace& ws, const RoiReport& report);

}  // namespace nurture
