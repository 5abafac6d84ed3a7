#pragma once
/// Calendar arithmetic on plain numbers. Time in the core is always passed in as milliseconds
/// since the Unix epoch (UTC); nothing here reads a clock.

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace nurture {

using UnixMillis = std::int64_t;

struct CivilDate {
  int year = 1970;
  unsigned month = 1;  ///< 1..12
  unsigned day = 1;    ///< 1..31
  friend bool operator==(const CivilDate&, const CivilDate&) = default;
};

/// A calendar month, e.g. {2026, 3} for March 2026. Ordered by year, then month.
struct YearMonth {
  int year = 1970;
  unsigned month = 1;  ///< 1..12
  friend bool operator==(const YearMonth&, const YearMonth&) = default;
  // NOLINTNEXTLINE(modernize-use-nullptr): clang-tidy 14 flags the 0 of the rewritten "a <=> b < 0"
  friend auto operator<=>(const YearMonth&, const YearMonth&) = default;
};

/// Days since 1970-01-01 for a proleptic Gregorian date (valid for years -32767..32767).
std::int64_t days_from_civil(CivilDate date);
/// Inverse of days_from_civil.
CivilDate civil_from_days(std::int64_t days);
/// The UTC calendar date containing `t`.
CivilDate utc_date(UnixMillis t);
/// "YYYY-MM-DD".
std::string format_date(CivilDate date);
/// Parses "YYYY-MM-DD" strictly (real calendar dates only).
std::optional<CivilDate> parse_date(std::string_view text);
/// "YYYY-MM".
std::string format_year_month(YearMonth month);
/// Parses "YYYY-MM" strictly (year 1000–9999, month 01–12).
std::optional<YearMonth> parse_year_month(std::string_view text);
/// "YYYY-MM-DDTHH:MM:SSZ" for `t` (UTC, second precision).
std::string format_iso8601_utc(UnixMillis t);

}  // namespace nurture
