#pragma once
/// Whose clock a touch is timed by. TCPA quiet hours count "at the recipient's location"
/// (DOMAIN.md), so the scheduler needs the lead's time zone: stated, or inferred from the state,
/// the phone's area code or the ZIP, or — when nothing is known — every zone the lead could be
/// in, so that a touch goes out only when it is allowed in all of them. Also the legal
/// quiet-hours table: the federal window and the stricter states.

#include <string>
#include <string_view>
#include <vector>

#include "core/model/lead_types.hpp"
#include "core/model/practice.hpp"
#include "core/util/time_zone.hpp"

namespace nurture {

struct RecipientClock {
  /// The zones whose local time counts. One when known or inferred; when nothing is known, the
  /// practice zone and every mainland zone of the practice's country, so that a touch is only
  /// allowed where it is allowed in all of them (DOMAIN.md: "the most restrictive overlap").
  /// Never empty.
  std::vector<const TimeZone*> zones;
  std::string how;  ///< "time zone", "state FL", "area code 305", "ZIP 331", "practice zone (nothing known)"
  std::string state;  ///< the US state code known or inferred ("" when unknown)
};

/// Inference order: lead.time_zone (a supported name) → lead.state (a US state/territory or
/// Canadian province code, or its full name, any case) → the phone's area code (+1NPA…) →
/// the ZIP's first three digits (US leads) → lead.country when that country has one zone
/// ("country GB") → the practice's zones as in the contract above. `state` is taken from the
/// first of lead.state, area code and ZIP that names a US state, independently of the zone.
RecipientClock recipient_clock(const Lead& lead, const PracticeProfile& practice);

struct QuietHours {
  int start_minute = 8 * 60;  ///< first allowed local minute
  int end_minute = 21 * 60;   ///< first local minute no longer allowed; start == end: none that day
  int max_per_24h = 0;        ///< 0: no state cap
  friend bool operator==(const QuietHours&, const QuietHours&) = default;
};

/// TCPA's 08:00–21:00, or a stricter state's rule (FL, OK, MD: 08:00–20:00 and at most 3 per
/// 24 h; the others are listed in recipient_clock.cpp). `state` is an upper-case US state code
/// ("" or an unknown code: the federal rule). This is the Monday–Friday rule; some states allow
/// less on Saturdays or nothing on Sundays, so a scheduler should use the weekday overload.
QuietHours quiet_hours(std::string_view state);
/// The rule on a local weekday (0 = Monday … 6 = Sunday); start == end means no solicitation
/// that day (e.g. Sundays in AL, LA, MS, RI). State holidays are not modelled.
QuietHours quiet_hours(std::string_view state, int weekday);
/// Every state with a rule stricter than the federal one, sorted ("AL", "CT", "FL", …).
std::vector<std::string_view> states_with_stricter_quiet_hours();

/// The US state or territory for a North American area code ("305" → "FL"), or "" when the
/// code is Canadian, non-geographic or unknown. Canadian codes give their province via
/// area_code_region.
std::string_view area_code_state(std::string_view npa);
/// The US state, territory or Canadian province for an area code, or "".
std::string_view area_code_region(std::string_view npa);
/// The US state or territory for a ZIP code's first three digits ("331" → "FL"), or "".
std::string_view zip_prefix_state(std::string_view zip3);
/// The main zone of a US state/territory or Canadian province code ("FL" → New York), or nullptr.
const TimeZone* region_time_zone(std::string_view region);

}  // namespace nurture
