#include "core/util/time_zone.hpp"

#include <catch_amalgamated.hpp>

#include <cstdint>
#include <string>
#include <vector>

#include "core/util/splitmix.hpp"

namespace time_zone_test {

using namespace nurture;

namespace {

constexpr std::int64_t k_minute = 60'000;
constexpr std::int64_t k_hour = 60 * k_minute;
constexpr std::int64_t k_day = 24 * k_hour;

// The UTC instant of date at hh:mm:ss.
UnixMillis utc(CivilDate date, int hour, int minute = 0, int second = 0) {
  return days_from_civil(date) * k_day + hour * k_hour + minute * k_minute + second * 1000;
}

const TimeZone& zone(std::string_view name) {
  const TimeZone* z = find_time_zone(name);
  REQUIRE(z != nullptr);
  return *z;
}

}  // namespace

TEST_CASE("find_time_zone knows the supported zones by exact name", "[time-zone]") {
  for (const char* name : {"UTC",
                           "Etc/UTC",
                           "America/New_York",
                           "America/Chicago",
                           "America/Denver",
                           "America/Los_Angeles",
                           "America/Anchorage",
                           "America/Detroit",
                           "America/Indiana/Indianapolis",
                           "America/Boise",
                           "America/Toronto",
                           "America/Vancouver",
                           "America/Edmonton",
                           "America/Winnipeg",
                           "America/Halifax",
                           "America/Phoenix",
                           "Pacific/Honolulu",
                           "America/Puerto_Rico",
                           "America/Regina",
                           "Europe/London",
                           "Europe/Dublin",
                           "Europe/Lisbon",
                           "Europe/Paris",
                           "Europe/Berlin",
                           "Europe/Madrid",
                           "Europe/Rome",
                           "Europe/Amsterdam",
                           "Europe/Brussels",
                           "Europe/Vienna",
                           "Europe/Zurich",
                           "Europe/Stockholm",
                           "Europe/Athens",
                           "Australia/Sydney"}) {
    const TimeZone* z = find_time_zone(name);
    REQUIRE(z != nullptr);
    CHECK(zone_name(*z) == name);
  }
  CHECK(find_time_zone("america/new_york") == nullptr);
  CHECK(find_time_zone("America/New_Yorkk") == nullptr);
  CHECK(find_time_zone("") == nullptr);
  CHECK(find_time_zone("Mars/Olympus_Mons") == nullptr);
  CHECK(supported_time_zones().size() >= 33);
}

TEST_CASE("New York springs forward on 2026-03-08 at 07:00Z", "[time-zone]") {
  // 2026-03-01 is a Sunday (2026-01-01 is a Thursday; 31 + 28 days later is a Sunday), so the
  // second Sunday of March is the 8th; 02:00 EST is 07:00Z.
  const TimeZone& ny = zone("America/New_York");
  const UnixMillis before = utc({2026, 3, 8}, 6, 59, 59);
  const UnixMillis at = utc({2026, 3, 8}, 7);
  CHECK(utc_offset_minutes(ny, before) == -300);
  CHECK(utc_offset_minutes(ny, at) == -240);
  CHECK(to_local(ny, before) == LocalTime{{2026, 3, 8}, 1 * 60 + 59, 6});  // 01:59:59 EST, Sunday
  CHECK(to_local(ny, at) == LocalTime{{2026, 3, 8}, 3 * 60, 6});           // 03:00 EDT
}

TEST_CASE("New York falls back on 2026-11-01 at 06:00Z", "[time-zone]") {
  // March 1 + 245 days (35 weeks) is November 1, a Sunday; 02:00 EDT is 06:00Z.
  const TimeZone& ny = zone("America/New_York");
  const UnixMillis before = utc({2026, 11, 1}, 5, 59, 59);
  const UnixMillis at = utc({2026, 11, 1}, 6);
  CHECK(utc_offset_minutes(ny, before) == -240);
  CHECK(utc_offset_minutes(ny, at) == -300);
  CHECK(to_local(ny, before) == LocalTime{{2026, 11, 1}, 1 * 60 + 59, 6});  // 01:59:59 EDT
  CHECK(to_local(ny, at) == LocalTime{{2026, 11, 1}, 1 * 60, 6});           // 01:00 EST again
}

TEST_CASE("London changes at 01:00Z on the last Sundays of March and October", "[time-zone]") {
  // 2026: March 29 and October 25 (October 1 is a Thursday, March 1 + 214 days).
  const TimeZone& london = zone("Europe/London");
  CHECK(utc_offset_minutes(london, utc({2026, 3, 29}, 0, 59, 59)) == 0);
  CHECK(utc_offset_minutes(london, utc({2026, 3, 29}, 1)) == 60);
  CHECK(to_local(london, utc({2026, 3, 29}, 0, 59)) == LocalTime{{2026, 3, 29}, 59, 6});
  CHECK(to_local(london, utc({2026, 3, 29}, 1)) == LocalTime{{2026, 3, 29}, 2 * 60, 6});
  CHECK(utc_offset_minutes(london, utc({2026, 10, 25}, 0, 59, 59)) == 60);
  CHECK(utc_offset_minutes(london, utc({2026, 10, 25}, 1)) == 0);
  CHECK(to_local(london, utc({2026, 10, 25}, 0, 59)) == LocalTime{{2026, 10, 25}, 60 + 59, 6});
  CHECK(to_local(london, utc({2026, 10, 25}, 1)) == LocalTime{{2026, 10, 25}, 60, 6});
  // The EU switches at the same instant everywhere: Paris 02:00 CET → 03:00 CEST, Athens
  // 03:00 EET → 04:00 EEST.
  CHECK(utc_offset_minutes(zone("Europe/Paris"), utc({2026, 3, 29}, 0, 59)) == 60);
  CHECK(utc_offset_minutes(zone("Europe/Paris"), utc({2026, 3, 29}, 1)) == 120);
  CHECK(utc_offset_minutes(zone("Europe/Athens"), utc({2026, 3, 29}, 1)) == 180);
}

TEST_CASE("from_local moves gap times forward and takes the earlier instant in overlaps", "[time-zone]") {
  const TimeZone& ny = zone("America/New_York");
  // 02:30 does not exist on 2026-03-08: it becomes 03:30 EDT = 07:30Z.
  CHECK(from_local(ny, {2026, 3, 8}, 2 * 60 + 30) == utc({2026, 3, 8}, 7, 30));
  CHECK(to_local(ny, from_local(ny, {2026, 3, 8}, 2 * 60 + 30)).minute == 3 * 60 + 30);
  // Either side of the gap is exact: 01:59 EST = 06:59Z, 03:00 EDT = 07:00Z.
  CHECK(from_local(ny, {2026, 3, 8}, 60 + 59) == utc({2026, 3, 8}, 6, 59));
  CHECK(from_local(ny, {2026, 3, 8}, 3 * 60) == utc({2026, 3, 8}, 7));
  // 01:30 happens twice on 2026-11-01: 01:30 EDT = 05:30Z (taken) and 01:30 EST = 06:30Z.
  CHECK(from_local(ny, {2026, 11, 1}, 60 + 30) == utc({2026, 11, 1}, 5, 30));
  CHECK(from_local(ny, {2026, 11, 1}, 2 * 60) == utc({2026, 11, 1}, 7));  // 02:00 EST
  CHECK(from_local(ny, {2026, 11, 1}, 59) == utc({2026, 11, 1}, 4, 59));  // 00:59 EDT

  const TimeZone& london = zone("Europe/London");
  // 01:30 on 2026-03-29 does not exist: 02:30 BST = 01:30Z. 01:30 on 2026-10-25 is first
  // 01:30 BST = 00:30Z.
  CHECK(from_local(london, {2026, 3, 29}, 60 + 30) == utc({2026, 3, 29}, 1, 30));
  CHECK(from_local(london, {2026, 10, 25}, 60 + 30) == utc({2026, 10, 25}, 0, 30));
  // Minutes past midnight roll into the next day: 2026-01-31 + 1440 min = 2026-02-01 00:00 EST.
  CHECK(from_local(ny, {2026, 1, 31}, 24 * 60) == utc({2026, 2, 1}, 5));
}

TEST_CASE("Zones without daylight time never shift", "[time-zone]") {
  const TimeZone& phoenix = zone("America/Phoenix");
  for (const UnixMillis t : {utc({2026, 1, 15}, 12), utc({2026, 3, 8}, 7), utc({2026, 7, 4}, 18),
                             utc({2026, 11, 1}, 6), utc({2031, 6, 1}, 0)}) {
    CHECK(utc_offset_minutes(phoenix, t) == -420);
    CHECK(utc_offset_minutes(zone("Pacific/Honolulu"), t) == -600);
    CHECK(utc_offset_minutes(zone("America/Puerto_Rico"), t) == -240);
    CHECK(utc_offset_minutes(zone("America/Regina"), t) == -360);
    CHECK(utc_offset_minutes(zone("UTC"), t) == 0);
  }
  CHECK_FALSE(observes_dst(phoenix));
  // 12:00 local in July is 19:00Z (UTC-7), as in January.
  CHECK(from_local(phoenix, {2026, 7, 4}, 12 * 60) == utc({2026, 7, 4}, 19));
}

TEST_CASE("Older and southern rules", "[time-zone]") {
  const TimeZone& ny = zone("America/New_York");
  // 1987–2006: first Sunday of April to last Sunday of October. 2006-03-12 (what would be the
  // second Sunday of March) is still EST at noon; 2006-04-02 07:00Z is 03:00 EDT.
  CHECK(utc_offset_minutes(ny, utc({2006, 3, 12}, 17)) == -300);
  CHECK(utc_offset_minutes(ny, utc({2006, 4, 2}, 6, 59)) == -300);
  CHECK(utc_offset_minutes(ny, utc({2006, 4, 2}, 7)) == -240);
  CHECK(utc_offset_minutes(ny, utc({2006, 10, 29}, 5, 59)) == -240);  // last Sunday: the 29th
  CHECK(utc_offset_minutes(ny, utc({2006, 10, 29}, 6)) == -300);
  // Indiana observed no daylight time before 2006.
  CHECK(utc_offset_minutes(zone("America/Indiana/Indianapolis"), utc({2005, 7, 1}, 12)) == -300);
  CHECK(utc_offset_minutes(zone("America/Indiana/Indianapolis"), utc({2006, 7, 1}, 12)) == -240);
  // Sydney: daylight time ends 2026-04-05 03:00 AEDT (04-04 16:00Z), starts 2026-10-04 02:00 AEST
  // (10-03 16:00Z). April 1 2026 is a Wednesday, October 1 a Thursday.
  const TimeZone& sydney = zone("Australia/Sydney");
  CHECK(utc_offset_minutes(sydney, utc({2026, 1, 10}, 0)) == 660);
  CHECK(utc_offset_minutes(sydney, utc({2026, 4, 4}, 15, 59)) == 660);
  CHECK(utc_offset_minutes(sydney, utc({2026, 4, 4}, 16)) == 600);
  CHECK(utc_offset_minutes(sydney, utc({2026, 10, 3}, 15, 59)) == 600);
  CHECK(utc_offset_minutes(sydney, utc({2026, 10, 3}, 16)) == 660);
  CHECK(to_local(sydney, utc({2026, 12, 31}, 13)) == LocalTime{{2027, 1, 1}, 0, 4});  // Friday
  // Gap: 02:30 on 2026-10-04 is 03:30 AEDT = 10-03 16:30Z; overlap: 02:30 on 2026-04-05 is first
  // 02:30 AEDT = 04-04 15:30Z.
  CHECK(from_local(sydney, {2026, 10, 4}, 2 * 60 + 30) == utc({2026, 10, 3}, 16, 30));
  CHECK(from_local(sydney, {2026, 4, 5}, 2 * 60 + 30) == utc({2026, 4, 4}, 15, 30));
}

namespace {

// The naive oracle: a calendar walked one day at a time from 1999-01-01 (a Friday), with naive
// month lengths and a weekday counter, knows each day's date and weekday. Transitions are found
// by counting Sundays of the month on that walk, and the offset by comparing with them.
struct WalkedDay {
  CivilDate date;
  int weekday = 0;
};

struct Oracle {
  std::vector<WalkedDay> days;                     // days[i] is 1999-01-01 + i
  std::int64_t first_day = 0;                      // days since the epoch of 1999-01-01: 10592
  std::vector<std::vector<std::int64_t>> sundays;  // per month from 1999-01, the Sundays' days

  Oracle() {
    first_day = 10592;  // 29 years of 365 days + 7 leap days (1972 … 1996)
    CivilDate d{1999, 1, 1};
    int weekday = 4;
    auto leap = [](int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; };
    static constexpr unsigned k_len[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    sundays.resize(44 * 12);
    while (d.year < 2043) {
      if (weekday == 6) {
        sundays[static_cast<std::size_t>((d.year - 1999) * 12) + d.month - 1].push_back(
            first_day + static_cast<std::int64_t>(days.size()));
      }
      days.push_back({d, weekday});
      weekday = (weekday + 1) % 7;
      const unsigned len = d.month == 2 && leap(d.year) ? 29 : k_len[d.month - 1];
      if (++d.day > len) {
        d.day = 1;
        if (++d.month > 12) {
          d.month = 1;
          ++d.year;
        }
      }
    }
  }

  // Days since the epoch of the `n`-th Sunday of the month (n = -1: the last one).
  [[nodiscard]] std::int64_t sunday(int year, unsigned month, int n) const {
    const std::vector<std::int64_t>& list = sundays[static_cast<std::size_t>((year - 1999) * 12) + month - 1];
    return n < 0 ? list.back() : list[static_cast<std::size_t>(n - 1)];
  }

  [[nodiscard]] int offset(std::string_view name, int standard, bool dst, UnixMillis t) const {
    if (!dst) return standard;
    const int year = days[static_cast<std::size_t>(t / k_day - first_day)].date.year;
    const std::int64_t s = standard * k_minute;
    if (name.substr(0, 7) == "Europe/") {
      return t >= sunday(year, 3, -1) * k_day + k_hour && t < sunday(year, 10, -1) * k_day + k_hour
                 ? standard + 60
                 : standard;
    }
    if (name == "Australia/Sydney") {
      const std::int64_t end =
          (year >= 2008 ? sunday(year, 4, 1) : sunday(year, 3, -1)) * k_day + 2 * k_hour - s;
      const std::int64_t start =
          (year >= 2008 ? sunday(year, 10, 1) : sunday(year, 10, -1)) * k_day + 2 * k_hour - s;
      return t < end || t >= start ? standard + 60 : standard;
    }
    if (name == "America/Indiana/Indianapolis" && year < 2006) return standard;
    const std::int64_t start =
        (year >= 2007 ? sunday(year, 3, 2) : sunday(year, 4, 1)) * k_day + 2 * k_hour - s;
    const std::int64_t end = (year >= 2007 ? sunday(year, 11, 1) : sunday(year, 10, -1)) * k_day + k_hour - s;
    return t >= start && t < end ? standard + 60 : standard;
  }

  [[nodiscard]] LocalTime local(UnixMillis local_ms) const {
    const std::int64_t day = local_ms / k_day;  // instants are after 1999: no negative floor issue
    const WalkedDay& w = days[static_cast<std::size_t>(day - first_day)];
    return LocalTime{w.date, static_cast<int>((local_ms % k_day) / k_minute), w.weekday};
  }
};

}  // namespace

TEST_CASE("to_local agrees with a day-walking oracle and from_local inverts it", "[time-zone][property]") {
  const Oracle oracle;
  REQUIRE(days_from_civil({1999, 1, 1}) == oracle.first_day);
  const UnixMillis lo = utc({2000, 1, 1}, 0);
  const UnixMillis hi = utc({2041, 1, 1}, 0);
  SplitMix64 rng(0x7A0E5EEDULL);
  for (const TimeZone* z : supported_time_zones()) {
    const int standard = standard_offset_minutes(*z);
    int overlaps = 0;
    for (int i = 0; i < 400; ++i) {
      const UnixMillis t = lo + static_cast<UnixMillis>(rng.next() % static_cast<std::uint64_t>(hi - lo));
      const int expected_offset = oracle.offset(zone_name(*z), standard, observes_dst(*z), t);
      INFO(std::string(zone_name(*z)) << " at " << format_iso8601_utc(t));
      REQUIRE(utc_offset_minutes(*z, t) == expected_offset);
      const LocalTime local = to_local(*z, t);
      REQUIRE(local == oracle.local(t + expected_offset * k_minute));
      const UnixMillis minute_start = t - ((t % k_minute) + k_minute) % k_minute;
      const UnixMillis back = from_local(*z, local.date, local.minute);
      if (back != minute_start) {
        // Only the second pass through a fall-back hour may map elsewhere: to the first pass.
        ++overlaps;
        REQUIRE(back == minute_start - k_hour);
        REQUIRE(utc_offset_minutes(*z, back) == expected_offset + 60);
      }
    }
    CHECK(overlaps <= 2);  // an hour a year is ~1/8760 of the instants
  }
  // The inverse holds at the transitions themselves too: every minute of 2026-11-01 01:00–02:00
  // EST in New York maps to the EDT minute an hour earlier.
  const TimeZone& ny = zone("America/New_York");
  for (int m = 0; m < 60; ++m) {
    const UnixMillis second_pass = utc({2026, 11, 1}, 6) + m * k_minute;
    CHECK(from_local(ny, to_local(ny, second_pass).date, to_local(ny, second_pass).minute) ==
          second_pass - k_hour);
  }
}

TEST_CASE("end_of_local_day: the last millisecond before the next local midnight, across DST",
          "[time-zone]") {
  const TimeZone& ny = zone("America/New_York");
  // 2026-03-08 springs forward: the day starts at 05:00Z (00:00 EST) and ends at 03-09 04:00Z
  // (00:00 EDT), 23 hours later.
  CHECK(end_of_local_day(ny, utc({2026, 3, 8}, 12)) == utc({2026, 3, 9}, 4) - 1);
  CHECK(end_of_local_day(ny, utc({2026, 3, 8}, 5)) == utc({2026, 3, 9}, 4) - 1);      // its first ms
  CHECK(end_of_local_day(ny, utc({2026, 3, 9}, 4) - 1) == utc({2026, 3, 9}, 4) - 1);  // its last
  CHECK(end_of_local_day(ny, utc({2026, 3, 9}, 4)) == utc({2026, 3, 10}, 4) - 1);     // the next day
  // The day before, still EST: 03-07 23:00 EST is 03-08 04:00Z; that day ends at 03-08 05:00Z.
  CHECK(end_of_local_day(ny, utc({2026, 3, 8}, 4)) == utc({2026, 3, 8}, 5) - 1);
  // 2026-11-01 falls back: the day starts at 04:00Z (00:00 EDT) and ends at 11-02 05:00Z (00:00
  // EST), 25 hours later; 11-01 06:30Z is the second pass through 01:30.
  CHECK(end_of_local_day(ny, utc({2026, 11, 1}, 6, 30)) == utc({2026, 11, 2}, 5) - 1);
  CHECK(end_of_local_day(ny, utc({2026, 11, 1}, 4)) == utc({2026, 11, 2}, 5) - 1);
  // London 2026-03-29: 00:00 GMT = 00:00Z, the next midnight is BST: 03-29 23:00Z.
  CHECK(end_of_local_day(zone("Europe/London"), utc({2026, 3, 29}, 10)) == utc({2026, 3, 29}, 23) - 1);
  // Sydney 2026-04-05 (its first Sunday of April) falls back from AEDT (+11) to AEST (+10):
  // 04-05 00:00Z is 10:00 AEST on the 5th; the day ends at 04-06 00:00 AEST = 04-05 14:00Z.
  CHECK(end_of_local_day(zone("Australia/Sydney"), utc({2026, 4, 5}, 0)) == utc({2026, 4, 5}, 14) - 1);
  // A fixed offset: 01-15 03:00Z at -300 is 01-14 22:00, so the day ends at 01-15 05:00Z.
  CHECK(end_of_local_day(-300, utc({2026, 1, 15}, 3)) == utc({2026, 1, 15}, 5) - 1);
  CHECK(end_of_local_day(-300, utc({2026, 1, 15}, 5)) == utc({2026, 1, 16}, 5) - 1);
  // Before the epoch the floor still goes down: -1 ms at +60 is 1970-01-01 00:59:59.999 local,
  // whose day ends at 01-02 00:00 local = 01-01 23:00Z.
  CHECK(end_of_local_day(60, -1) == 23 * k_hour - 1);
}

TEST_CASE("end_of_local_day agrees with a quarter-hour walk on the day-walking oracle",
          "[time-zone][property]") {
  const Oracle oracle;
  const UnixMillis lo = utc({2000, 1, 1}, 0);
  const UnixMillis hi = utc({2040, 12, 1}, 0);
  constexpr std::int64_t k_quarter = 15 * k_minute;  // every supported offset is whole quarters
  SplitMix64 rng(0xE0D0DA75ULL);
  for (const TimeZone* z : supported_time_zones()) {
    const int standard = standard_offset_minutes(*z);
    const auto local_date = [&](UnixMillis t) {
      return oracle.local(t + oracle.offset(zone_name(*z), standard, observes_dst(*z), t) * k_minute).date;
    };
    for (int i = 0; i < 60; ++i) {
      const UnixMillis t = lo + static_cast<UnixMillis>(rng.next() % static_cast<std::uint64_t>(hi - lo));
      // Naive: step quarter hours from t's quarter until the local date changes.
      const CivilDate today = local_date(t);
      UnixMillis q = t - t % k_quarter + k_quarter;
      while (local_date(q) == today) q += k_quarter;
      INFO(std::string(zone_name(*z)) << " at " << format_iso8601_utc(t));
      REQUIRE(end_of_local_day(*z, t) == q - 1);
    }
  }
}

}  // namespace time_zone_test
