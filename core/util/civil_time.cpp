#include "core/util/civil_time.hpp"

#include <charconv>
#include <cstdio>

#include "core/util/time_units.hpp"

namespace nurture {

// Howard Hinnant's days_from_civil / civil_from_days: exact, branch-light, no tables.
std::int64_t days_from_civil(CivilDate date) {
  const std::int64_t y = static_cast<std::int64_t>(date.year) - (date.month <= 2 ? 1 : 0);
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned m = date.month;
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + date.day - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

CivilDate civil_from_days(std::int64_t days) {
  days += 719468;
  const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const auto doe = static_cast<unsigned>(days - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  const std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400 + (m <= 2 ? 1 : 0);
  return CivilDate{static_cast<int>(y), m, d};
}

CivilDate utc_date(UnixMillis t) { return civil_from_days(floor_div(t, k_day_ms)); }

std::string format_date(CivilDate date) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", date.year, date.month, date.day);
  return buf;
}

std::optional<CivilDate> parse_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  auto number = [&](std::size_t pos, std::size_t len, unsigned& out) {
    const char* first = text.data() + pos;
    const char* last = first + len;
    auto [ptr, ec] = std::from_chars(first, last, out);
    return ec == std::errc{} && ptr == last;
  };
  unsigned y = 0;
  unsigned m = 0;
  unsigned d = 0;
  if (!number(0, 4, y) || !number(5, 2, m) || !number(8, 2, d)) return std::nullopt;
  if (m < 1 || m > 12 || d < 1 || d > 31) return std::nullopt;
  const CivilDate date{static_cast<int>(y), m, d};
  // Round-tripping through the day count rejects 2026-02-30 and friends.
  if (!(civil_from_days(days_from_civil(date)) == date)) return std::nullopt;
  return date;
}

std::string format_year_month(YearMonth month) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u", month.year, month.month);
  return buf;
}

std::optional<YearMonth> parse_year_month(std::string_view text) {
  if (text.size() != 7 || text[4] != '-') return std::nullopt;
  unsigned y = 0;
  unsigned m = 0;
  auto [py, ey] = std::from_chars(text.data(), text.data() + 4, y);
  auto [pm, em] = std::from_chars(text.data() + 5, text.data() + 7, m);
  if (ey != std::errc{} || py != text.data() + 4 || em != std::errc{} || pm != text.data() + 7)
    return std::nullopt;
  if (y < 1000 || m < 1 || m > 12) return std::nullopt;
  return YearMonth{static_cast<int>(y), m};
}

std::string format_iso8601_utc(UnixMillis t) {
  const std::int64_t days = floor_div(t, k_day_ms);
  const std::int64_t ms_of_day = t - days * k_day_ms;
  const CivilDate date = civil_from_days(days);
  const auto secs = static_cast<int>(ms_of_day / 1000);
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02dZ", date.year, date.month, date.day,
                secs / 3600, (secs / 60) % 60, secs % 60);
  return buf;
}

}  // namespace nurture
