#include "core/util/civil_time.hpp"

#include <catch_amalgamated.hpp>

namespace civil_time_test {

using namespace nurture;

TEST_CASE("days_from_civil matches known dates", "[time]") {
  CHECK(days_from_civil({1970, 1, 1}) == 0);
  CHECK(days_from_civil({2000, 3, 1}) == 11017);
  CHECK(days_from_civil({1969, 12, 31}) == -1);
  CHECK(days_from_civil({2026, 11, 27}) == 20784);
}

TEST_CASE("civil_from_days inverts days_from_civil over four centuries", "[time][property]") {
  // Oracle: walk the calendar one day at a time with naive month lengths.
  auto leap = [](int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; };
  CivilDate d{1900, 1, 1};
  std::int64_t n = days_from_civil(d);
  for (int i = 0; i < 146097; ++i) {
    REQUIRE(civil_from_days(n) == d);
    REQUIRE(days_from_civil(d) == n);
    static constexpr unsigned k_len[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const unsigned len = d.month == 2 && leap(d.year) ? 29 : k_len[d.month - 1];
    if (++d.day > len) {
      d.day = 1;
      if (++d.month > 12) {
        d.month = 1;
        ++d.year;
      }
    }
    ++n;
  }
}

TEST_CASE("utc_date floors negative times to the previous day", "[time]") {
  CHECK(utc_date(0) == CivilDate{1970, 1, 1});
  CHECK(utc_date(-1) == CivilDate{1969, 12, 31});
  CHECK(utc_date(86'400'000LL * 20784 + 5) == CivilDate{2026, 11, 27});
}

TEST_CASE("parse_date accepts real dates only", "[time]") {
  CHECK(parse_date("2026-02-28").has_value());
  CHECK(parse_date("2024-02-29").has_value());
  CHECK_FALSE(parse_date("2026-02-29").has_value());
  CHECK_FALSE(parse_date("2026-13-01").has_value());
  CHECK_FALSE(parse_date("2026-1-01").has_value());
  CHECK_FALSE(parse_date("2026-01-0x").has_value());
  CHECK(format_date(*parse_date("0999-01-05")) == "0999-01-05");
}

TEST_CASE("format_iso8601_utc renders seconds precision", "[time]") {
  CHECK(format_iso8601_utc(0) == "1970-01-01T00:00:00Z");
  CHECK(format_iso8601_utc(1795768925000LL) == "2026-11-27T08:42:05Z");
  CHECK(format_iso8601_utc(-1000) == "1969-12-31T23:59:59Z");
}

}  // namespace civil_time_test
