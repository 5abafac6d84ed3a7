// The dashboard's data: ranges in the practice's local days and one pass through every report.
// Computed only when the page asks (range, filter or workspace revision changed), never per frame.
#include "web/ui/dashboard_data.hpp"

#include <cstdio>

#include "core/export/metrics_csv.hpp"
#include "core/metrics/local_calendar.hpp"
#include "core/util/civil_time.hpp"
#include "core/util/text.hpp"
#include "web/ui/format.hpp"

namespace nurture::ui {

namespace {

UnixMillis day_start(const TimeZone* zone, std::int64_t day) {
  if (zone == nullptr) return day * k_day_ms;
  return from_local(*zone, civil_from_days(day), 0);
}

std::optional<double> ratio(std::uint64_t part, std::uint64_t whole) {
  if (whole == 0) return std::nullopt;
  return static_cast<double>(part) / static_cast<double>(whole);
}

std::optional<double> booking_rate(const metrics::NurtureEffect& n) {
  return ratio(n.nurtured_booked + n.not_nurtured_booked, n.nurtured + n.not_nurtured);
}

std::optional<double> open_rate(const std::vector<metrics::SequenceFigures>& seqs) {
  metrics::MessageCounts c;
  for (const auto& s : seqs) c += s.counts;
  return ratio(c.opened_human, c.sent);
}

}  // namespace

const char* preset_label(RangePreset p) {
  switch (p) {
    case RangePreset::last_7:
      return "Last 7 days";
    case RangePreset::last_30:
      return "Last 30 days";
    case RangePreset::last_90:
      return "Last 90 days";
    case RangePreset::this_month:
      return "This month";
    case RangePreset::last_month:
      return "Last month";
    case RangePreset::quarter:
      return "This quarter";
    case RangePreset::year_to_date:
      return "Year to date";
    case RangePreset::custom:
      return "Custom";
  }
  return "";
}

const char* preset_key(RangePreset p) {
  switch (p) {
    case RangePreset::last_7:
      return "last_7";
    case RangePreset::last_30:
      return "last_30";
    case RangePreset::last_90:
      return "last_90";
    case RangePreset::this_month:
      return "this_month";
    case RangePreset::last_month:
      return "last_month";
    case RangePreset::quarter:
      return "quarter";
    case RangePreset::year_to_date:
      return "year_to_date";
    case RangePreset::custom:
      return "custom";
  }
  return "";
}

metrics::MetricsRange preset_range(RangePreset p, UnixMillis now, const TimeZone* zone) {
  const LocalCalendar cal(zone);
  const std::int64_t today = cal.day_of(now);
  const UnixMillis end = day_start(zone, today + 1);
  const CivilDate d = civil_from_days(today);
  const auto first_of = [&](int year, unsigned month) {
    return day_start(zone, days_from_civil(CivilDate{year, month, 1}));
  };
  switch (p) {
    case RangePreset::last_7:
      return {day_start(zone, today - 6), end};
    case RangePreset::last_30:
    case RangePreset::custom:
      return {day_start(zone, today - 29), end};
    case RangePreset::last_90:
      return {day_start(zone, today - 89), end};
    case RangePreset::this_month:
      return {first_of(d.year, d.month), end};
    case RangePreset::last_month:
      return d.month == 1 ? metrics::MetricsRange{first_of(d.year - 1, 12), first_of(d.year, 1)}
                          : metrics::MetricsRange{first_of(d.year, d.month - 1), first_of(d.year, d.month)};
    case RangePreset::quarter:
      return {first_of(d.year, (d.month - 1) / 3 * 3 + 1), end};
    case RangePreset::year_to_date:
      return {first_of(d.year, 1), end};
  }
  return {day_start(zone, today - 29), end};
}

Expected<metrics::MetricsRange> custom_range(std::string_view from, std::string_view to,
                                             const TimeZone* zone) {
  const auto a = parse_date(trim(from));
  if (!a) return Error{"The start date is not a date: use year-month-day, e.g. 2026-11-01."};
  const auto b = parse_date(trim(to));
  if (!b) return Error{"The end date is not a date: use year-month-day, e.g. 2026-11-30."};
  const std::int64_t first = days_from_civil(*a);
  const std::int64_t last = days_from_civil(*b);
  if (last < first) return Error{"The end date is before the start date."};
  if (last - first >= 3 * 366) return Error{"Pick at most three years."};
  return metrics::MetricsRange{day_start(zone, first), day_start(zone, last + 1)};
}

std::string range_label(const metrics::MetricsRange& range, const TimeZone* zone) {
  const LocalCalendar cal(zone);
  const CivilDate a = civil_from_days(cal.day_of(range.from));
  const CivilDate b = civil_from_days(cal.day_of(range.to - 1));
  char buf[80];
  if (a.year != b.year)
    std::snprintf(buf, sizeof buf, "%s %u, %d – %s %u, %d", k_month_short[a.month - 1], a.day, a.year,
                  k_month_short[b.month - 1], b.day, b.year);
  else if (a.month == b.month && a.day == b.day)
    std::snprintf(buf, sizeof buf, "%s %u, %d", k_month_short[a.month - 1], a.day, a.year);
  else
    std::snprintf(buf, sizeof buf, "%s %u – %s %u, %d", k_month_short[a.month - 1], a.day,
                  k_month_short[b.month - 1], b.day, b.year);
  return buf;
}

Kpis kpis_of(const DashboardData& d) {
  Kpis k;
  k.new_leads = d.roi.total.leads;
  k.new_leads_prev = d.roi.previous_total.leads;
  k.bookings = d.roi.total.bookings;
  k.bookings_prev = d.roi.previous_total.bookings;
  k.conversion = booking_rate(d.report.current.nurture);
  k.conversion_prev = booking_rate(d.report.previous.nurture);
  k.lift = d.report.current.nurture.difference;
  k.lift_prev = d.report.previous.nurture.difference;
  k.open_rate = open_rate(d.report.current.sequences);
  k.open_rate_prev = open_rate(d.report.previous.sequences);
  k.revenue_cents = d.roi.total.revenue_cents;
  k.revenue_prev_cents = d.roi.previous_total.revenue_cents;
  k.spend_cents = d.roi.total.spend_cents;
  k.return_ratio = d.roi.total.return_ratio;
  return k;
}

std::string kpis_csv(const Kpis& k) {
  std::vector<std::vector<CsvCell>> rows;
  rows.push_back({csv_text("new_leads"), csv_count(k.new_leads), csv_count(k.new_leads_prev)});
  rows.push_back({csv_text("consultations_booked"), csv_count(k.bookings), csv_count(k.bookings_prev)});
  rows.push_back({csv_text("conversion_rate"), csv_number(k.conversion), csv_number(k.conversion_prev)});
  rows.push_back({csv_text("nurtured_lift"), csv_number(k.lift), csv_number(k.lift_prev)});
  rows.push_back({csv_text("open_rate_human"), csv_number(k.open_rate), csv_number(k.open_rate_prev)});
  rows.push_back({csv_text("revenue"), csv_money(k.revenue_cents), csv_money(k.revenue_prev_cents)});
  return csv_table({"kpi", "current", "previous"}, rows);
}

}  // namespace nurture::ui
