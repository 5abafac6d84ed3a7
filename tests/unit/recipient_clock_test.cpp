#include "core/sequence/recipient_clock.hpp"

#include <catch_amalgamated.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "core/sequence/region_tables.hpp"

namespace recipient_clock_test {

using namespace nurture;

namespace {

std::vector<std::string> names(const RecipientClock& clock) {
  std::vector<std::string> out;
  for (const TimeZone* z : clock.zones) out.emplace_back(zone_name(*z));
  return out;
}

using Names = std::vector<std::string>;

Lead lead_with(std::string time_zone, std::string state, std::string phone, std::string zip,
               std::string country = "") {
  Lead lead;
  lead.time_zone = std::move(time_zone);
  lead.state = std::move(state);
  lead.phone = std::move(phone);
  lead.zip = std::move(zip);
  lead.country = std::move(country);
  return lead;
}

}  // namespace

TEST_CASE("A stated time zone wins; the state still comes from what is known", "[recipient-clock]") {
  const PracticeProfile practice;  // America/New_York, US
  RecipientClock c = recipient_clock(lead_with("Europe/London", "", "", ""), practice);
  CHECK(names(c) == Names{"Europe/London"});
  CHECK(c.how == "time zone");
  CHECK(c.state.empty());
  // A Miami number with a Chicago zone: timed in Chicago, but Florida's quiet hours apply.
  c = recipient_clock(lead_with("America/Chicago", "", "+13055550123", ""), practice);
  CHECK(names(c) == Names{"America/Chicago"});
  CHECK(c.how == "time zone");
  CHECK(c.state == "FL");
}

TEST_CASE("The state gives its main zone", "[recipient-clock]") {
  const PracticeProfile practice;
  RecipientClock c = recipient_clock(lead_with("Not/A_Zone", "fl", "+12125550123", "90012"), practice);
  CHECK(names(c) == Names{"America/New_York"});
  CHECK(c.how == "state FL");
  CHECK(c.state == "FL");
  c = recipient_clock(lead_with("", "Arizona", "", ""), practice);
  CHECK(names(c) == Names{"America/Phoenix"});
  CHECK(c.how == "state AZ");
  CHECK(c.state == "AZ");
  c = recipient_clock(lead_with("", "ON", "", "", "CA"), practice);
  CHECK(names(c) == Names{"America/Toronto"});
  CHECK(c.how == "state ON");
  CHECK(c.state.empty());  // a province is not a US state
}

TEST_CASE("The phone's area code gives the zone when no state is known", "[recipient-clock]") {
  const PracticeProfile practice;
  struct Case {
    const char* phone;
    const char* zone;
    const char* how;
    const char* state;
  };
  for (const Case& k : {Case{"+13055550123", "America/New_York", "area code 305", "FL"},
                        Case{"+12125550123", "America/New_York", "area code 212", "NY"},
                        Case{"+14155550123", "America/Los_Angeles", "area code 415", "CA"},
                        Case{"+18505550123", "America/Chicago", "area code 850", "FL"},  // panhandle
                        Case{"+19155550123", "America/Denver", "area code 915", "TX"},   // El Paso
                        Case{"+16025550123", "America/Phoenix", "area code 602", "AZ"},
                        Case{"+18085550123", "Pacific/Honolulu", "area code 808", "HI"},
                        Case{"+17875550123", "America/Puerto_Rico", "area code 787", "PR"},
                        Case{"+14165550123", "America/Toronto", "area code 416", ""},
                        Case{"+16045550123", "America/Vancouver", "area code 604", ""}}) {
    INFO(k.phone);
    const RecipientClock c = recipient_clock(lead_with("", "", k.phone, ""), practice);
    CHECK(names(c) == Names{k.zone});
    CHECK(c.how == k.how);
    CHECK(c.state == k.state);
  }
  // Toll-free and non-North-American numbers say nothing: the ZIP decides.
  const RecipientClock c = recipient_clock(lead_with("", "", "+18005550123", "33101"), practice);
  CHECK(c.how == "ZIP 331");
  CHECK(recipient_clock(lead_with("", "", "+442079460958", "90012"), practice).how == "ZIP 900");
}

TEST_CASE("The ZIP's first three digits give the zone after that", "[recipient-clock]") {
  const PracticeProfile practice;
  RecipientClock c = recipient_clock(lead_with("", "", "", "33101"), practice);
  CHECK(names(c) == Names{"America/New_York"});
  CHECK(c.how == "ZIP 331");
  CHECK(c.state == "FL");
  c = recipient_clock(lead_with("", "", "", "90012-3456", "US"), practice);
  CHECK(names(c) == Names{"America/Los_Angeles"});
  CHECK(c.how == "ZIP 900");
  CHECK(c.state == "CA");
  c = recipient_clock(lead_with("", "", "", "88501"), practice);
  CHECK(names(c) == Names{"America/Denver"});
  CHECK(c.state == "TX");
  // A British postcode-like or foreign five digits is not a US ZIP.
  CHECK(recipient_clock(lead_with("", "", "", "75008", "FR"), practice).how == "country FR");
  CHECK(recipient_clock(lead_with("", "", "", "SW1A 1AA", "GB"), practice).how == "country GB");
}

TEST_CASE("Nothing known: the practice zone and every mainland zone of its country", "[recipient-clock]") {
  PracticeProfile practice;
  RecipientClock c = recipient_clock(lead_with("", "", "", ""), practice);
  CHECK(names(c) == Names{"America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles"});
  CHECK(c.how == "practice zone (nothing known)");
  CHECK(c.state.empty());
  practice.time_zone = "America/Phoenix";
  c = recipient_clock(lead_with("", "", "", "1234"), practice);
  CHECK(names(c) == Names{"America/Phoenix", "America/New_York", "America/Chicago", "America/Denver",
                          "America/Los_Angeles"});
  practice.time_zone = "Europe/London";
  practice.country = "GB";
  c = recipient_clock(lead_with("", "", "", ""), practice);
  CHECK(names(c) == Names{"Europe/London"});
  practice.time_zone = "Asia/Tokyo";
  practice.country = "JP";
  c = recipient_clock(lead_with("", "", "", ""), practice);
  CHECK(names(c) == Names{"UTC"});
  CHECK(c.how == "UTC (practice zone not supported)");
}

TEST_CASE("Quiet hours: TCPA, and stricter states", "[recipient-clock]") {
  CHECK(quiet_hours("") == QuietHours{8 * 60, 21 * 60, 0});
  CHECK(quiet_hours("NY") == QuietHours{8 * 60, 21 * 60, 0});
  CHECK(quiet_hours("ZZ") == QuietHours{8 * 60, 21 * 60, 0});
  for (const char* strict : {"FL", "OK", "MD"}) {
    INFO(strict);
    CHECK(quiet_hours(strict) == QuietHours{8 * 60, 20 * 60, 3});
    CHECK(quiet_hours(strict, 6) == QuietHours{8 * 60, 20 * 60, 3});
  }
  CHECK(quiet_hours("fl") == QuietHours{8 * 60, 21 * 60, 0});  // codes are upper case
  CHECK(quiet_hours("TX", 2) == QuietHours{9 * 60, 21 * 60, 0});
  CHECK(quiet_hours("TX", 6) == QuietHours{12 * 60, 21 * 60, 0});
  CHECK(quiet_hours("CT").start_minute == 9 * 60);
  CHECK(quiet_hours("WA").end_minute == 20 * 60);
  // Sundays closed in Alabama; Rhode Island has a shorter Saturday.
  CHECK(quiet_hours("AL", 4) == QuietHours{8 * 60, 20 * 60, 0});
  CHECK(quiet_hours("AL", 6).start_minute == quiet_hours("AL", 6).end_minute);
  CHECK(quiet_hours("RI", 5) == QuietHours{10 * 60, 17 * 60, 0});
  CHECK(quiet_hours("RI", 0) == QuietHours{9 * 60, 18 * 60, 0});
}

TEST_CASE("No state rule is looser than the federal one", "[recipient-clock]") {
  const std::vector<std::string_view> states = states_with_stricter_quiet_hours();
  CHECK(states.size() >= 3);
  CHECK(std::is_sorted(states.begin(), states.end()));
  for (const std::string_view state : states) {
    bool stricter_somewhere = false;
    for (int day = 0; day < 7; ++day) {
      INFO(std::string(state) << " day " << day);
      const QuietHours q = quiet_hours(state, day);
      CHECK(q.start_minute <= q.end_minute);
      if (q.start_minute == q.end_minute) {
        stricter_somewhere = true;
        continue;
      }
      CHECK(q.start_minute >= 8 * 60);
      CHECK(q.end_minute <= 21 * 60);
      CHECK(q.max_per_24h >= 0);
      if (q != QuietHours{}) stricter_somewhere = true;
    }
    CHECK(stricter_somewhere);
  }
}

TEST_CASE("Every area code and ZIP prefix leads to a zone", "[recipient-clock]") {
  int area_codes = 0;
  for (int npa = 200; npa <= 999; ++npa) {
    const std::string code = std::to_string(npa);
    const std::string_view region = area_code_region(code);
    if (region.empty()) continue;
    ++area_codes;
    INFO(code);
    CHECK(region_time_zone(region) != nullptr);
    CHECK(area_code_time_zone(code) != nullptr);
    CHECK(area_code_state(code) == (is_us_region(region) ? region : std::string_view{}));
  }
  CHECK(area_codes > 400);
  int prefixes = 0;
  for (int p = 0; p <= 999; ++p) {
    std::string code = std::to_string(p);
    code.insert(0, 3 - code.size(), '0');
    const std::string_view state = zip_prefix_state(code);
    if (state.empty()) continue;
    ++prefixes;
    INFO(code);
    CHECK(is_us_region(state));
    CHECK(zip_prefix_time_zone(code) != nullptr);
  }
  CHECK(prefixes > 900);
  CHECK(zip_prefix_state("340").empty());  // military (AA)
  CHECK(zip_prefix_state("090").empty());  // military (AE)
  CHECK(zip_prefix_state("100") == "NY");
  CHECK(zip_prefix_state("10a").empty());
  CHECK(area_code_region("800").empty());
  CHECK(area_code_region("242").empty());  // the Bahamas
}

TEST_CASE("Regions are found by code or name, and each has a zone", "[recipient-clock]") {
  CHECK(find_region("fl") == "FL");
  CHECK(find_region(" Florida ") == "FL");
  CHECK(find_region("new york") == "NY");
  CHECK(find_region("Ontario") == "ON");
  CHECK(find_region("ZZ").empty());
  CHECK(find_region("Flo").empty());
  CHECK(find_region("").empty());
  int found = 0;
  for (char a = 'A'; a <= 'Z'; ++a) {
    for (char b = 'A'; b <= 'Z'; ++b) {
      const std::string code{a, b};
      const std::string_view region = find_region(code);
      if (region.empty()) continue;
      ++found;
      INFO(code);
      CHECK(region == code);
      CHECK(region_time_zone(region) != nullptr);
    }
  }
  CHECK(found == 51 + 5 + 13);  // 50 states and DC, 5 territories, 13 provinces and territories
  CHECK(is_us_region("PR"));
  CHECK_FALSE(is_us_region("ON"));
}

}  // namespace recipient_clock_test
