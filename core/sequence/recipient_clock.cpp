#include "core/sequence/recipient_clock.hpp"

#include <algorithm>
#include <array>

#include "core/sequence/region_tables.hpp"

namespace nurture {

namespace {

void add_zone(std::vector<const TimeZone*>& zones, const TimeZone* zone) {
  if (zone != nullptr && std::find(zones.begin(), zones.end(), zone) == zones.end()) zones.push_back(zone);
}

// Countries whose state, area code and ZIP mean a US or Canadian place. An empty country is
// taken as one of these: most leads of a North American practice come without one.
bool north_american(std::string_view country) {
  return country.empty() || country == "US" || country == "CA" || country == "PR" || country == "VI" ||
         country == "GU" || country == "AS" || country == "MP";
}

// The three-digit area code of a North American E.164 number ("+13055550123" → "305"), or "".
std::string_view area_code_of(std::string_view phone) {
  if (phone.size() != 12 || phone.substr(0, 2) != "+1") return {};
  return phone.substr(2, 3);
}

// The first three digits of a US ZIP ("33101", "33101-1234"), or "" when it is not one.
std::string_view zip3_of(std::string_view zip) {
  if (zip.size() != 5 && !(zip.size() == 10 && zip[5] == '-')) return {};
  for (std::size_t i = 0; i < zip.size(); ++i) {
    if (i == 5) continue;
    if (zip[i] < '0' || zip[i] > '9') return {};
  }
  return zip.substr(0, 3);
}

// Telephone-solicitation hours stricter than TCPA's 08:00–21:00, by state statute (checked
// against two independent compliance tables, 2025). Rules that apply only to automatic dialers or
// prerecorded calls (California, Illinois) and holiday bans (Alabama, Louisiana, Mississippi,
// Rhode Island, Utah) are not modelled: a practitioner texts or calls by hand, and holidays
// need a calendar per state.
struct StateRule {
  std::string_view state;
  QuietHours weekday;  // Monday–Friday
  QuietHours saturday;
  QuietHours sunday;
};

constexpr int h(int hour) { return hour * 60; }
constexpr QuietHours window(int from_hour, int to_hour, int cap = 0) {
  return {h(from_hour), h(to_hour), cap};
}
constexpr QuietHours k_closed{0, 0, 0};

// Sorted by state (checked below).
constexpr std::array k_state_rules = {
    // Alabama Telemarketing Act: 08:00–20:00, none on Sundays.
    StateRule{"AL", window(8, 20), window(8, 20), k_closed},
    // Connecticut Gen. Stat. § 42-288a (SB 1058, 2023): calls and texts 09:00–20:00.
    StateRule{"CT", window(9, 20), window(9, 20), window(9, 20)},
    // Florida Telephone Solicitation Act (2021): 08:00–20:00, at most 3 calls or texts on the
    // same subject in 24 hours.
    StateRule{"FL", window(8, 20, 3), window(8, 20, 3), window(8, 20, 3)},
    // Kentucky KRS 367.46955: 10:00–21:00.
    StateRule{"KY", window(10, 21), window(10, 21), window(10, 21)},
    // Louisiana R.S. 45:844.31 et seq.: 08:00–20:00, none on Sundays.
    StateRule{"LA", window(8, 20), window(8, 20), k_closed},
    // Massachusetts Gen. Laws ch. 159C § 3: 08:00–20:00.
    StateRule{"MA", window(8, 20), window(8, 20), window(8, 20)},
    // Maryland Stop the Spam Calls Act (2023): as Florida.
    StateRule{"MD", window(8, 20, 3), window(8, 20, 3), window(8, 20, 3)},
    // Michigan MCL 750.540e: 09:00–21:00.
    StateRule{"MI", window(9, 21), window(9, 21), window(9, 21)},
    // Minnesota Stat. § 325E.30: 09:00–21:00.
    StateRule{"MN", window(9, 21), window(9, 21), window(9, 21)},
    // Mississippi Code § 77-3-725: 08:00–20:00, none on Sundays.
    StateRule{"MS", window(8, 20), window(8, 20), k_closed},
    // Oklahoma Telephone Solicitation Act (2022): as Florida.
    StateRule{"OK", window(8, 20, 3), window(8, 20, 3), window(8, 20, 3)},
    // Rhode Island Gen. Laws § 5-61-2(9), 5-61-3.6: weekdays 09:00–18:00, Saturdays 10:00–17:00,
    // none on Sundays.
    StateRule{"RI", window(9, 18), window(10, 17), k_closed},
    // Texas Business & Commerce Code § 301.051: 09:00–21:00, Sundays 12:00–21:00.
    StateRule{"TX", window(9, 21), window(9, 21), window(12, 21)},
    // Washington RCW 80.36.390 (HB 1497, 2022): 08:00–20:00.
    StateRule{"WA", window(8, 20), window(8, 20), window(8, 20)},
};

constexpr bool state_rules_sorted() {
  for (std::size_t i = 1; i < k_state_rules.size(); ++i) {
    if (!(k_state_rules[i - 1].state < k_state_rules[i].state)) return false;
  }
  return true;
}
static_assert(state_rules_sorted(), "k_state_rules must be sorted by state");

const StateRule* find_state_rule(std::string_view state) {
  const auto* it = std::lower_bound(k_state_rules.begin(), k_state_rules.end(), state,
                                    [](const StateRule& r, std::string_view s) { return r.state < s; });
  if (it == k_state_rules.end() || it->state != state) return nullptr;
  return &*it;
}

}  // namespace

RecipientClock recipient_clock(const Lead& lead, const PracticeProfile& practice) {
  RecipientClock out;
  const bool na = north_american(lead.country);
  const std::string_view region = na ? find_region(lead.state) : std::string_view{};
  const std::string_view npa = area_code_of(lead.phone);
  const std::string_view zip3 = na ? zip3_of(lead.zip) : std::string_view{};

  // The state counts for quiet hours whatever gave the zone.
  if (is_us_region(region)) {
    out.state = std::string(region);
  } else if (!area_code_state(npa).empty()) {
    out.state = std::string(area_code_state(npa));
  } else if (!zip_prefix_state(zip3).empty()) {
    out.state = std::string(zip_prefix_state(zip3));
  }

  if (const TimeZone* stated = find_time_zone(lead.time_zone)) {
    out.zones = {stated};
    out.how = "time zone";
  } else if (const TimeZone* by_state = region_time_zone(region)) {
    out.zones = {by_state};
    out.how = "state " + std::string(region);
  } else if (const TimeZone* by_phone = npa.empty() ? nullptr : area_code_time_zone(npa)) {
    out.zones = {by_phone};
    out.how = "area code " + std::string(npa);
  } else if (const TimeZone* by_zip = zip3.empty() ? nullptr : zip_prefix_time_zone(zip3)) {
    out.zones = {by_zip};
    out.how = "ZIP " + std::string(zip3);
  } else if (const std::vector<const TimeZone*> by_country = country_time_zones(lead.country);
             by_country.size() == 1) {
    out.zones = by_country;
    out.how = "country " + lead.country;
  } else {
    add_zone(out.zones, find_time_zone(practice.time_zone));
    for (const TimeZone* z : country_time_zones(practice.country)) add_zone(out.zones, z);
    out.how = "practice zone (nothing known)";
    if (out.zones.empty()) {
      // Neither the practice zone nor its country is supported: UTC is at least a definite clock.
      out.zones = {find_time_zone("UTC")};
      out.how = "UTC (practice zone not supported)";
    }
  }
  return out;
}

QuietHours quiet_hours(std::string_view state) { return quiet_hours(state, 0); }

QuietHours quiet_hours(std::string_view state, int weekday) {
  const StateRule* rule = find_state_rule(state);
  if (rule == nullptr) return QuietHours{};
  if (weekday == 6) return rule->sunday;
  if (weekday == 5) return rule->saturday;
  return rule->weekday;
}

std::vector<std::string_view> states_with_stricter_quiet_hours() {
  std::vector<std::string_view> out;
  out.reserve(std::size(k_state_rules));
  for (const StateRule& rule : k_state_rules) out.push_back(rule.state);
  return out;
}

}  // namespace nurture
