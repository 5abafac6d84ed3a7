// US states and territories, Canadian provinces, ZIP prefixes and countries, with their zones.
// A state spanning two zones gets the zone most of its people live in (Florida: Eastern; Texas,
// Tennessee: Central; Idaho: Mountain); area codes and ZIP prefixes refine a few of them.
#include <algorithm>
#include <array>
#include <cctype>

#include "core/sequence/region_tables.hpp"

namespace nurture {

namespace {

struct Region {
  std::string_view code;
  std::string_view name;
  bool us = true;  // false: a Canadian province or territory
  std::string_view zone;
};

// Sorted by code (checked below).
constexpr std::array k_regions = {
    Region{"AB", "Alberta", false, "America/Edmonton"},
    Region{"AK", "Alaska", true, "America/Anchorage"},
    Region{"AL", "Alabama", true, "America/Chicago"},
    Region{"AR", "Arkansas", true, "America/Chicago"},
    Region{"AS", "American Samoa", true, "Pacific/Pago_Pago"},
    Region{"AZ", "Arizona", true, "America/Phoenix"},
    Region{"BC", "British Columbia", false, "America/Vancouver"},
    Region{"CA", "California", true, "America/Los_Angeles"},
    Region{"CO", "Colorado", true, "America/Denver"},
    Region{"CT", "Connecticut", true, "America/New_York"},
    Region{"DC", "District of Columbia", true, "America/New_York"},
    Region{"DE", "Delaware", true, "America/New_York"},
    Region{"FL", "Florida", true, "America/New_York"},
    Region{"GA", "Georgia", true, "America/New_York"},
    Region{"GU", "Guam", true, "Pacific/Guam"},
    Region{"HI", "Hawaii", true, "Pacific/Honolulu"},
    Region{"IA", "Iowa", true, "America/Chicago"},
    Region{"ID", "Idaho", true, "America/Boise"},
    Region{"IL", "Illinois", true, "America/Chicago"},
    Region{"IN", "Indiana", true, "America/Indiana/Indianapolis"},
    Region{"KS", "Kansas", true, "America/Chicago"},
    Region{"KY", "Kentucky", true, "America/New_York"},
    Region{"LA", "Louisiana", true, "America/Chicago"},
    Region{"MA", "Massachusetts", true, "America/New_York"},
    Region{"MB", "Manitoba", false, "America/Winnipeg"},
    Region{"MD", "Maryland", true, "America/New_York"},
    Region{"ME", "Maine", true, "America/New_York"},
    Region{"MI", "Michigan", true, "America/Detroit"},
    Region{"MN", "Minnesota", true, "America/Chicago"},
    Region{"MO", "Missouri", true, "America/Chicago"},
    Region{"MP", "Northern Mariana Islands", true, "Pacific/Guam"},
    Region{"MS", "Mississippi", true, "America/Chicago"},
    Region{"MT", "Montana", true, "America/Denver"},
    Region{"NB", "New Brunswick", false, "America/Halifax"},
    Region{"NC", "North Carolina", true, "America/New_York"},
    Region{"ND", "North Dakota", true, "America/Chicago"},
    Region{"NE", "Nebraska", true, "America/Chicago"},
    Region{"NH", "New Hampshire", true, "America/New_York"},
    Region{"NJ", "New Jersey", true, "America/New_York"},
    Region{"NL", "Newfoundland and Labrador", false, "America/St_Johns"},
    Region{"NM", "New Mexico", true, "America/Denver"},
    Region{"NS", "Nova Scotia", false, "America/Halifax"},
    Region{"NT", "Northwest Territories", false, "America/Edmonton"},
    Region{"NU", "Nunavut", false, "America/Toronto"},
    Region{"NV", "Nevada", true, "America/Los_Angeles"},
    Region{"NY", "New York", true, "America/New_York"},
    Region{"OH", "Ohio", true, "America/New_York"},
    Region{"OK", "Oklahoma", true, "America/Chicago"},
    Region{"ON", "Ontario", false, "America/Toronto"},
    Region{"OR", "Oregon", true, "America/Los_Angeles"},
    Region{"PA", "Pennsylvania", true, "America/New_York"},
    Region{"PE", "Prince Edward Island", false, "America/Halifax"},
    Region{"PR", "Puerto Rico", true, "America/Puerto_Rico"},
    Region{"QC", "Quebec", false, "America/Toronto"},
    Region{"RI", "Rhode Island", true, "America/New_York"},
    Region{"SC", "South Carolina", true, "America/New_York"},
    Region{"SD", "South Dakota", true, "America/Chicago"},
    Region{"SK", "Saskatchewan", false, "America/Regina"},
    Region{"TN", "Tennessee", true, "America/Chicago"},
    Region{"TX", "Texas", true, "America/Chicago"},
    Region{"UT", "Utah", true, "America/Denver"},
    Region{"VA", "Virginia", true, "America/New_York"},
    Region{"VI", "U.S. Virgin Islands", true, "America/Puerto_Rico"},
    Region{"VT", "Vermont", true, "America/New_York"},
    Region{"WA", "Washington", true, "America/Los_Angeles"},
    Region{"WI", "Wisconsin", true, "America/Chicago"},
    Region{"WV", "West Virginia", true, "America/New_York"},
    Region{"WY", "Wyoming", true, "America/Denver"},
    Region{"YT", "Yukon", false, "America/Whitehorse"},
};

constexpr bool regions_sorted() {
  for (std::size_t i = 1; i < k_regions.size(); ++i) {
    if (!(k_regions[i - 1].code < k_regions[i].code)) return false;
  }
  return true;
}
static_assert(regions_sorted(), "k_regions must be sorted by code");

// ZIP code prefixes (first three digits) by state: the USPS ranges. Military (AA, AE, AP) and
// unassigned prefixes are absent. Sorted by `first` (checked below), ranges do not overlap.
struct ZipRange {
  std::uint16_t first = 0;
  std::uint16_t last = 0;
  std::string_view region;
  std::string_view zone;  // empty: the state's main zone
};

constexpr std::array k_zip_ranges = {
    ZipRange{5, 5, "NY", {}},  // Holtsville IRS
    ZipRange{6, 7, "PR", {}},
    ZipRange{8, 8, "VI", {}},
    ZipRange{9, 9, "PR", {}},
    ZipRange{10, 27, "MA", {}},
    ZipRange{28, 29, "RI", {}},
    ZipRange{30, 38, "NH", {}},
    ZipRange{39, 49, "ME", {}},
    ZipRange{50, 54, "VT", {}},
    ZipRange{55, 55, "MA", {}},
    ZipRange{56, 59, "VT", {}},
    ZipRange{60, 69, "CT", {}},
    ZipRange{70, 89, "NJ", {}},
    ZipRange{100, 149, "NY", {}},
    ZipRange{150, 196, "PA", {}},
    ZipRange{197, 199, "DE", {}},
    ZipRange{200, 200, "DC", {}},
    ZipRange{201, 201, "VA", {}},
    ZipRange{202, 205, "DC", {}},
    ZipRange{206, 219, "MD", {}},
    ZipRange{220, 246, "VA", {}},
    ZipRange{247, 268, "WV", {}},
    ZipRange{270, 289, "NC", {}},
    ZipRange{290, 299, "SC", {}},
    ZipRange{300, 319, "GA", {}},
    ZipRange{320, 339, "FL", {}},
    ZipRange{341, 349, "FL", {}},
    ZipRange{350, 369, "AL", {}},
    ZipRange{370, 385, "TN", {}},
    ZipRange{386, 397, "MS", {}},
    ZipRange{398, 399, "GA", {}},
    ZipRange{400, 427, "KY", {}},
    ZipRange{430, 459, "OH", {}},
    ZipRange{460, 479, "IN", {}},
    ZipRange{480, 499, "MI", {}},
    ZipRange{500, 528, "IA", {}},
    ZipRange{530, 549, "WI", {}},
    ZipRange{550, 567, "MN", {}},
    ZipRange{569, 569, "DC", {}},
    ZipRange{570, 577, "SD", {}},
    ZipRange{580, 588, "ND", {}},
    ZipRange{590, 599, "MT", {}},
    ZipRange{600, 629, "IL", {}},
    ZipRange{630, 658, "MO", {}},
    ZipRange{660, 679, "KS", {}},
    ZipRange{680, 693, "NE", {}},
    ZipRange{700, 714, "LA", {}},
    ZipRange{716, 729, "AR", {}},
    ZipRange{730, 732, "OK", {}},
    ZipRange{733, 733, "TX", {}},  // Austin IRS
    ZipRange{734, 749, "OK", {}},
    ZipRange{750, 799, "TX", {}},
    ZipRange{800, 816, "CO", {}},
    ZipRange{820, 831, "WY", {}},
    ZipRange{832, 838, "ID", {}},
    ZipRange{840, 847, "UT", {}},
    ZipRange{850, 865, "AZ", {}},
    ZipRange{870, 884, "NM", {}},
    ZipRange{885, 885, "TX", "America/Denver"},  // El Paso keeps Mountain time
    ZipRange{889, 898, "NV", {}},
    ZipRange{900, 961, "CA", {}},
    ZipRange{967, 968, "HI", {}},
    ZipRange{969, 969, "GU", {}},
    ZipRange{970, 979, "OR", {}},
    ZipRange{980, 994, "WA", {}},
    ZipRange{995, 999, "AK", {}},
};

constexpr bool zip_ranges_sorted() {
  for (std::size_t i = 0; i < k_zip_ranges.size(); ++i) {
    if (k_zip_ranges[i].first > k_zip_ranges[i].last) return false;
    if (i > 0 && !(k_zip_ranges[i - 1].last < k_zip_ranges[i].first)) return false;
  }
  return true;
}
static_assert(zip_ranges_sorted(), "k_zip_ranges must be sorted and disjoint");

const Region* find_region_by_code(std::string_view code) {
  const auto* it = std::lower_bound(k_regions.begin(), k_regions.end(), code,
                                    [](const Region& r, std::string_view c) { return r.code < c; });
  if (it == k_regions.end() || it->code != code) return nullptr;
  return &*it;
}

bool equal_ignoring_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

std::string_view trim_spaces(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

const ZipRange* find_zip_range(std::string_view zip3) {
  if (zip3.size() != 3) return nullptr;
  int value = 0;
  for (char c : zip3) {
    if (c < '0' || c > '9') return nullptr;
    value = value * 10 + (c - '0');
  }
  // The first range whose end is at or past `value`; it holds `value` if it starts at or before.
  const auto* it = std::lower_bound(k_zip_ranges.begin(), k_zip_ranges.end(), value,
                                    [](const ZipRange& r, int v) { return r.last < v; });
  if (it == k_zip_ranges.end() || it->first > value) return nullptr;
  return &*it;
}

// Countries with one zone, or whose mainland zones are listed (North America west to east is
// irrelevant: every zone must allow a touch, so the order does not matter).
struct CountryZones {
  std::string_view iso2;
  std::array<std::string_view, 6> zones;
};

constexpr std::array k_countries = {
    CountryZones{"AS", {"Pacific/Pago_Pago"}},
    CountryZones{"AT", {"Europe/Vienna"}},
    CountryZones{"AU", {"Australia/Sydney"}},  // the only Australian zone supported
    CountryZones{"BE", {"Europe/Brussels"}},
    CountryZones{"CA",
                 {"America/Halifax", "America/Toronto", "America/Winnipeg", "America/Regina",
                  "America/Edmonton", "America/Vancouver"}},
    CountryZones{"CH", {"Europe/Zurich"}},
    CountryZones{"DE", {"Europe/Berlin"}},
    CountryZones{"ES", {"Europe/Madrid"}},
    CountryZones{"FR", {"Europe/Paris"}},
    CountryZones{"GB", {"Europe/London"}},
    CountryZones{"GR", {"Europe/Athens"}},
    CountryZones{"GU", {"Pacific/Guam"}},
    CountryZones{"IE", {"Europe/Dublin"}},
    CountryZones{"IT", {"Europe/Rome"}},
    CountryZones{"MP", {"Pacific/Guam"}},
    CountryZones{"NL", {"Europe/Amsterdam"}},
    CountryZones{"PR", {"America/Puerto_Rico"}},
    CountryZones{"PT", {"Europe/Lisbon"}},
    CountryZones{"SE", {"Europe/Stockholm"}},
    // Arizona's year-round UTC-7 always equals Denver's or Los Angeles's offset, so it adds no
    // restriction to the contiguous states' four zones.
    CountryZones{"US", {"America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles"}},
    CountryZones{"VI", {"America/Puerto_Rico"}},
};

constexpr bool countries_sorted() {
  for (std::size_t i = 1; i < k_countries.size(); ++i) {
    if (!(k_countries[i - 1].iso2 < k_countries[i].iso2)) return false;
  }
  return true;
}
static_assert(countries_sorted(), "k_countries must be sorted by iso2");

}  // namespace

bool is_us_region(std::string_view code) {
  const Region* region = find_region_by_code(code);
  return region != nullptr && region->us;
}

std::string_view find_region(std::string_view code_or_name) {
  const std::string_view text = trim_spaces(code_or_name);
  if (text.size() == 2) {
    const char upper[2] = {static_cast<char>(std::toupper(static_cast<unsigned char>(text[0]))),
                           static_cast<char>(std::toupper(static_cast<unsigned char>(text[1])))};
    const Region* region = find_region_by_code(std::string_view(upper, 2));
    return region == nullptr ? std::string_view{} : region->code;
  }
  for (const Region& region : k_regions) {
    if (equal_ignoring_case(region.name, text)) return region.code;
  }
  return {};
}

const TimeZone* region_time_zone(std::string_view region) {
  const Region* found = find_region_by_code(region);
  return found == nullptr ? nullptr : find_time_zone(found->zone);
}

std::string_view zip_prefix_state(std::string_view zip3) {
  const ZipRange* range = find_zip_range(zip3);
  return range == nullptr ? std::string_view{} : range->region;
}

const TimeZone* zip_prefix_time_zone(std::string_view zip3) {
  const ZipRange* range = find_zip_range(zip3);
  if (range == nullptr) return nullptr;
  if (!range->zone.empty()) return find_time_zone(range->zone);
  return region_time_zone(range->region);
}

std::vector<const TimeZone*> country_time_zones(std::string_view iso2) {
  std::vector<const TimeZone*> out;
  const auto* it =
      std::lower_bound(k_countries.begin(), k_countries.end(), iso2,
                       [](const CountryZones& c, std::string_view code) { return c.iso2 < code; });
  if (it == k_countries.end() || it->iso2 != iso2) return out;
  for (std::string_view name : it->zones) {
    if (name.empty()) break;
    if (const TimeZone* zone = find_time_zone(name)) out.push_back(zone);
  }
  return out;
}

}  // namespace nurture
