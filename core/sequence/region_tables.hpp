#pragma once
/// Internal to the recipient clock: lookups over the region, area-code and ZIP tables
/// (regions.cpp, area_codes.cpp). The public ones are declared in recipient_clock.hpp.

#include <cstdint>
#include <string_view>
#include <vector>

#include "core/sequence/recipient_clock.hpp"
#include "core/util/time_zone.hpp"

namespace nurture {

/// True for a US state, DC or a US territory code ("FL", "PR"); false for provinces and "".
bool is_us_region(std::string_view code);
/// The region code for a code or full name in any case, with surrounding spaces
/// ("fl", "Florida", " Ontario " → "FL", "FL", "ON"), or "" when not a US/Canadian region.
std::string_view find_region(std::string_view code_or_name);
/// The zone an area code's callers are mostly in (its region's, or its own override), or nullptr.
const TimeZone* area_code_time_zone(std::string_view npa);
/// The zone for a ZIP prefix (its state's, or its own override such as El Paso), or nullptr.
const TimeZone* zip_prefix_time_zone(std::string_view zip3);
/// The zones to assume for a country when nothing else is known: for the US and Canada their
/// mainland zones, for a single-zone country its zone; empty when the country is not covered.
std::vector<const TimeZone*> country_time_zones(std::string_view iso2);

}  // namespace nurture
