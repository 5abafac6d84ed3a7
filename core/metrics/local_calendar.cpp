#include "core/metrics/local_calendar.hpp"

#include "core/util/time_units.hpp"

namespace nurture {

std::int64_t LocalCalendar::day_of(UnixMillis at) const {
  if (m_zone == nullptr) return floor_div(at, k_day_ms);
  // The local day is floor((at + offset) / day): to_local's date without the civil round trip.
  if (at < m_memo_from || at >= m_memo_to) {
    // Zones change offset at most twice a year, so when the offsets at both ends of the UTC day
    // agree the offset holds all day: remembered, the next instants of that day (metrics read
    // events in time order) skip the zone's rules.
    const UnixMillis day = floor_div(at, k_day_ms) * k_day_ms;
    const int first = utc_offset_minutes(*m_zone, day);
    if (first != utc_offset_minutes(*m_zone, day + k_day_ms - 1)) {
      return floor_div(at + std::int64_t{utc_offset_minutes(*m_zone, at)} * 60'000, k_day_ms);
    }
    m_memo_from = day;
    m_memo_to = day + k_day_ms;
    m_memo_offset = std::int64_t{first} * 60'000;
  }
  return floor_div(at + m_memo_offset, k_day_ms);
}

YearMonth LocalCalendar::month_of(UnixMillis at) const {
  const CivilDate d = civil_from_days(day_of(at));
  return YearMonth{d.year, d.month};
}

UnixMillis LocalCalendar::month_start(YearMonth month) const {
  const CivilDate first{month.year, month.month, 1};
  if (m_zone == nullptr) return days_from_civil(first) * k_day_ms;
  return from_local(*m_zone, first, 0);
}

std::vector<YearMonth> LocalCalendar::months(UnixMillis from, UnixMillis to) const {
  std::vector<YearMonth> out;
  if (from >= to) return out;
  const YearMonth last = month_of(to - 1);
  for (YearMonth m = month_of(from);; m = next_month(m)) {
    out.push_back(m);
    if (m == last) break;
  }
  return out;
}

YearMonth next_month(YearMonth m) {
  if (m.month == 12) return YearMonth{m.year + 1, 1};
  return YearMonth{m.year, m.month + 1};
}

std::int64_t months_between(YearMonth a, YearMonth b) {
  return (std::int64_t{b.year} - a.year) * 12 + (std::int64_t{b.month} - std::int64_t{a.month});
}

}  // namespace nurture
