#include "core/segment/semantics.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace nurture::segment::sem {

namespace {

char fold(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

unsigned month_length(int y, unsigned m) {
  constexpr unsigned k_days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return (m == 2 && is_leap(y)) ? 29 : k_days[m - 1];
}

// The birthday in year `y`: Feb 29 becomes Feb 28 when `y` has none.
CivilDate birthday_in(CivilDate birth, int y) {
  return CivilDate{y, birth.month, std::min(birth.day, month_length(y, birth.month))};
}

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  std::int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
  return q;
}

}  // namespace

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (fold(a[i]) != fold(b[i])) return false;
  }
  return true;
}

int icompare(std::string_view a, std::string_view b) {
  const std::size_t n = std::min(a.size(), b.size());
  for (std::size_t i = 0; i < n; ++i) {
    const auto x = static_cast<unsigned char>(fold(a[i]));
    const auto y = static_cast<unsigned char>(fold(b[i]));
    if (x != y) return x < y ? -1 : 1;
  }
  if (a.size() == b.size()) return 0;
  return a.size() < b.size() ? -1 : 1;
}

bool icontains(std::string_view text, std::string_view needle) {
  if (needle.size() > text.size()) return false;
  for (std::size_t i = 0; i + needle.size() <= text.size(); ++i) {
    if (iequals(text.substr(i, needle.size()), needle)) return true;
  }
  return false;
}

bool istarts_with(std::string_view text, std::string_view prefix) {
  return prefix.size() <= text.size() && iequals(text.substr(0, prefix.size()), prefix);
}

std::optional<double> parse_number(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  if (text.empty()) return std::nullopt;
  bool negative = false;
  if (text.front() == '-' || text.front() == '+') {
    negative = text.front() == '-';
    text.remove_prefix(1);
  }
  // Digits only, by hand: from_chars for double is missing in the wasm libc++ and strtod
  // accepts exponents, hex and "inf", which are not numbers a practice types.
  double value = 0;
  double scale = 1;
  bool digits = false;
  bool fraction = false;
  for (const char c : text) {
    if (c == '.' && !fraction) {
      fraction = true;
    } else if (c >= '0' && c <= '9') {
      digits = true;
      if (fraction) {
        scale /= 10;
        value += (c - '0') * scale;
      } else {
        value = value * 10 + (c - '0');
      }
    } else {
      return std::nullopt;
    }
  }
  if (!digits || !std::isfinite(value)) return std::nullopt;
  return negative ? -value : value;
}

std::optional<std::string> value_text(const Value& v) {
  switch (v.kind) {
    case Value::Kind::text:
      return v.text;
    case Value::Kind::number: {
      char buffer[32];
      std::snprintf(buffer, sizeof buffer, "%.15g", v.number);
      return std::string(buffer);
    }
    case Value::Kind::boolean:
      return std::string(v.number != 0 ? "true" : "false");
    case Value::Kind::date:
      return format_date(v.date);
    default:
      return std::nullopt;
  }
}

std::optional<double> value_number(const Value& v) {
  switch (v.kind) {
    case Value::Kind::number:
    case Value::Kind::boolean:
      return v.number;
    case Value::Kind::text:
      return parse_number(v.text);
    default:
      return std::nullopt;
  }
}

int compare_loose(std::string_view a, std::string_view b) {
  const auto x = parse_number(a);
  const auto y = parse_number(b);
  if (x && y) return *x < *y ? -1 : (*x > *y ? 1 : 0);
  return icompare(a, b);
}

bool op_holds(CompareOp op, int cmp) {
  switch (op) {
    case CompareOp::eq:
      return cmp == 0;
    case CompareOp::ne:
      return cmp != 0;
    case CompareOp::lt:
      return cmp < 0;
    case CompareOp::le:
      return cmp <= 0;
    case CompareOp::gt:
      return cmp > 0;
    case CompareOp::ge:
      return cmp >= 0;
  }
  return false;
}

bool op_holds(CompareOp op, double a, double b) { return op_holds(op, a < b ? -1 : (a > b ? 1 : 0)); }

std::int64_t local_day(UnixMillis t, int utc_offset_minutes) {
  return floor_div(t + std::int64_t{utc_offset_minutes} * 60'000, k_ms_per_day);
}

CivilDate add_months(CivilDate date, std::int64_t months) {
  const std::int64_t index = std::int64_t{date.year} * 12 + (date.month - 1) + months;
  const auto year = static_cast<int>(floor_div(index, 12));
  const auto month = static_cast<unsigned>(index - std::int64_t{year} * 12 + 1);
  return CivilDate{year, month, std::min(date.day, month_length(year, month))};
}

UnixMillis window_start(UnixMillis now, int utc_offset_minutes, Duration d) {
  const std::int64_t n = d.count;
  switch (d.unit) {
    case DurationUnit::hours:
      return now - n * 3'600'000;
    case DurationUnit::days:
      return now - n * k_ms_per_day;
    case DurationUnit::weeks:
      return now - n * 7 * k_ms_per_day;
    case DurationUnit::months:
    case DurationUnit::years: {
      // Calendar arithmetic on the local date, keeping the local time of day.
      const std::int64_t offset_ms = std::int64_t{utc_offset_minutes} * 60'000;
      const std::int64_t local = now + offset_ms;
      const std::int64_t day = floor_div(local, k_ms_per_day);
      const std::int64_t time_of_day = local - day * k_ms_per_day;
      const std::int64_t months = d.unit == DurationUnit::months ? n : n * 12;
      const CivilDate target = add_months(civil_from_days(day), -months);
      return days_from_civil(target) * k_ms_per_day + time_of_day - offset_ms;
    }
  }
  return now;
}

std::optional<DayRange> period(const Value& v, UnixMillis now, int utc_offset_minutes) {
  const std::int64_t today = local_day(now, utc_offset_minutes);
  switch (v.kind) {
    case Value::Kind::date: {
      const std::int64_t d = days_from_civil(v.date);
      return DayRange{d, d};
    }
    case Value::Kind::today:
      return DayRange{today, today};
    case Value::Kind::this_month:
    case Value::Kind::last_month: {
      CivilDate first = civil_from_days(today);
      first.day = 1;
      if (v.kind == Value::Kind::last_month) first = add_months(first, -1);
      const CivilDate next = add_months(first, 1);
      return DayRange{days_from_civil(first), days_from_civil(next) - 1};
    }
    default:
      return std::nullopt;
  }
}

bool day_holds(CompareOp op, std::int64_t day, DayRange range) {
  switch (op) {
    case CompareOp::eq:
      return day >= range.first && day <= range.last;
    case CompareOp::ne:
      return day < range.first || day > range.last;
    case CompareOp::lt:
      return day < range.first;
    case CompareOp::le:
      return day <= range.last;
    case CompareOp::gt:
      return day > range.last;
    case CompareOp::ge:
      return day >= range.first;
  }
  return false;
}

int age_on(CivilDate birth, CivilDate today) {
  int age = today.year - birth.year;
  const CivilDate this_year = birthday_in(birth, today.year);
  if (today.month < this_year.month || (today.month == this_year.month && today.day < this_year.day)) --age;
  return age;
}

std::int64_t next_birthday(CivilDate birth, CivilDate today) {
  const std::int64_t t = days_from_civil(today);
  const std::int64_t this_year = days_from_civil(birthday_in(birth, today.year));
  if (this_year >= t) return this_year;
  return days_from_civil(birthday_in(birth, today.year + 1));
}

std::int64_t birthday_limit(CivilDate today, Duration d) {
  const std::int64_t t = days_from_civil(today);
  const std::int64_t n = d.count;
  switch (d.unit) {
    case DurationUnit::hours:
      return t + n / 24;
    case DurationUnit::days:
      return t + n;
    case DurationUnit::weeks:
      return t + n * 7;
    case DurationUnit::months:
      return days_from_civil(add_months(today, n));
    case DurationUnit::years:
      return days_from_civil(add_months(today, n * 12));
  }
  return t;
}

}  // namespace nurture::segment::sem
