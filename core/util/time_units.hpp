#pragma once
/// Lengths of time in milliseconds (the unit of UnixMillis) and the floor division that splits
/// a time into whole days. One definition here, so no file repeats its own copy.

#include <cstdint>

namespace nurture {

inline constexpr std::int64_t k_second_ms = 1'000;
inline constexpr std::int64_t k_minute_ms = 60 * k_second_ms;
inline constexpr std::int64_t k_hour_ms = 60 * k_minute_ms;
inline constexpr std::int64_t k_day_ms = 24 * k_hour_ms;
inline constexpr std::int64_t k_week_ms = 7 * k_day_ms;

/// a / b rounded toward negative infinity (b != 0): floor_div(-1, k_day_ms) is -1, the day
/// before 1970-01-01, where plain division would give 0.
constexpr std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  const std::int64_t q = a / b;
  return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

}  // namespace nurture
