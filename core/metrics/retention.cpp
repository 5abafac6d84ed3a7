#include "core/metrics/retention.hpp"

#include <algorithm>
#include <limits>
#include <utility>

namespace nurture {

namespace {

constexpr double k_year_ms = 365.2425 * 24 * 60 * 60 * 1000;

}  // namespace

RetentionReport retention_metrics(const Workspace& ws, UnixMillis from, UnixMillis to,
                                  const std::vector<bool>* keep_rows, metrics::MetricsCache* cache) {
  RetentionReport report;
  if (from >= to) return report;
  const LocalCalendar cal(find_time_zone(ws.practice.time_zone));

  // Every visit before `to` as (row, local day): the first visit may precede the range, so the
  // whole history up to `to` is read, but only the two visit types through the type index.
  std::vector<std::pair<std::uint32_t, std::int64_t>> visits;
  const auto kept = [&](std::uint32_t row) {
    return keep_rows == nullptr || (row < keep_rows->size() && (*keep_rows)[row]);
  };
  if (cache != nullptr) {
    // Visit days are cached sorted and unique with their earliest time: those before `to` are
    // exactly the days the events before `to` give.
    cache->refresh(ws);
    visits.reserve(cache->visits().size());
    for (const metrics::MetricsCache::Visit& v : cache->visits()) {
      if (v.first_at < to && kept(v.row)) visits.emplace_back(v.row, v.day);
    }
  } else {
    constexpr UnixMillis k_min = std::numeric_limits<UnixMillis>::min();
    for (const EventType type : {EventType::appointment_attended, EventType::purchase}) {
      for (const std::uint32_t pos : ws.events.of_type(type, k_min, to)) {
        const auto row = ws.leads.find(ws.events.lead(pos));
        if (!row || !kept(*row)) continue;
        visits.emplace_back(*row, cal.day_of(ws.events.at(pos)));
      }
    }
    std::sort(visits.begin(), visits.end());
    visits.erase(std::unique(visits.begin(), visits.end()), visits.end());
  }

  const std::vector<YearMonth> months = cal.months(from, to);
  report.cohorts.resize(months.size());
  for (std::size_t m = 0; m < months.size(); ++m) {
    RetentionCohort& c = report.cohorts[m];
    c.month = months[m];
    // Ready when the cohort's last day + horizon < the local day of `to`: every member's
    // window [first, first + horizon] then ends before the day `to` falls in.
    const std::int64_t last_day =
        days_from_civil(CivilDate{next_month(c.month).year, next_month(c.month).month, 1}) - 1;
    const std::int64_t to_day = cal.day_of(to);
    for (std::size_t h = 0; h < k_repeat_months.size(); ++h) {
      c.repeat[h].months = k_repeat_months[h];
      c.repeat[h].ready = last_day + k_repeat_days[h] < to_day;
    }
  }
  const std::int64_t from_day = cal.day_of(from);
  const std::int64_t to_last_day = cal.day_of(to - 1);

  std::size_t i = 0;
  while (i < visits.size()) {
    const std::uint32_t row = visits[i].first;
    std::size_t end = i;
    while (end < visits.size() && visits[end].first == row) ++end;
    const std::int64_t first_day = visits[i].second;
    // Range membership by day: visits are days, so [from, to) is read as its local days.
    std::uint64_t in_range = 0;
    for (std::size_t v = i; v < end; ++v) {
      if (visits[v].second >= from_day && visits[v].second <= to_last_day) ++in_range;
    }
    if (in_range > 0) {
      ++report.patients;
      report.visits += in_range;
      ++report.visit_histogram[std::min<std::uint64_t>(in_range, k_visit_histogram_buckets) - 1];
    }
    if (first_day >= from_day && first_day <= to_last_day) {
      const CivilDate d = civil_from_days(first_day);
      const std::int64_t m = months_between(months.front(), YearMonth{d.year, d.month});
      if (m >= 0 && static_cast<std::size_t>(m) < months.size()) {
        RetentionCohort& c = report.cohorts[static_cast<std::size_t>(m)];
        ++c.size;
        const std::int64_t second_day = end - i > 1 ? visits[i + 1].second : -1;
        for (std::size_t h = 0; h < k_repeat_months.size(); ++h) {
          if (end - i > 1 && second_day <= first_day + k_repeat_days[h]) ++c.repeat[h].repeated;
        }
      }
    }
    i = end;
  }

  for (RetentionCohort& c : report.cohorts) {
    for (RepeatRate& r : c.repeat) {
      if (!r.ready) {
        r.repeated = 0;
      } else if (c.size > 0) {
        r.rate = static_cast<double>(r.repeated) / static_cast<double>(c.size);
      }
    }
  }
  if (report.patients > 0) {
    const double years = static_cast<double>(to - from) / k_year_ms;
    report.visits_per_patient_per_year =
        static_cast<double>(report.visits) / static_cast<double>(report.patients) / years;
  }
  return report;
}

}  // namespace nurture
