#pragma once
/// Time zones with their daylight-saving rules computed from the calendar (no tz database): the
/// zones practices and their leads live in (North America, Western Europe, Australia/Sydney),
/// each one static table entry. Rules are the current ones, extended back to when they began
/// (US/Canada 2007, with the 1987–2006 rule before; EU 1996; Sydney 2008, with the earlier rule
/// before); earlier history is not modelled.

#include <string_view>
#include <vector>

#include "core/util/civil_time.hpp"

namespace nurture {

struct TimeZone;  // opaque; one static table entry per supported zone

/// The zone with this IANA name (exact, case-sensitive), or nullptr when not supported.
const TimeZone* find_time_zone(std::string_view iana);
/// Every supported zone, sorted by name (for pickers and tests).
std::vector<const TimeZone*> supported_time_zones();
std::string_view zone_name(const TimeZone&);

/// Offset of local time from UTC at instant `utc` (e.g. -300 for New York in winter).
int utc_offset_minutes(const TimeZone&, UnixMillis utc);
/// Offset of standard (winter) time from UTC, e.g. -300 for New York.
int standard_offset_minutes(const TimeZone&);
/// True when the zone ever observes daylight-saving time under its current rule.
bool observes_dst(const TimeZone&);

struct LocalTime {
  CivilDate date;
  int minute = 0;   ///< since local midnight, 0..1439 (seconds are dropped)
  int weekday = 0;  ///< 0 = Monday … 6 = Sunday
  friend bool operator==(const LocalTime&, const LocalTime&) = default;
};

LocalTime to_local(const TimeZone&, UnixMillis utc);

/// The instant of local `date` at `minute` (any int; minutes past 1439 or below 0 roll into the
/// next or previous days). In a spring-forward gap the time moves forward by the gap
/// (02:30 → 03:30); in a fall-back overlap the earlier instant is taken.
UnixMillis from_local(const TimeZone&, CivilDate date, int minute);

/// The last millisecond of the local day containing `utc`: the instant before the next local
/// midnight. The day is 23 or 25 hours long across a daylight-saving change.
UnixMillis end_of_local_day(const TimeZone&, UnixMillis utc);
/// The same at a fixed offset from UTC (minutes east, e.g. a browser's current offset).
UnixMillis end_of_local_day(int utc_offset_minutes, UnixMillis utc);

/// Monday = 0 … Sunday = 6 for a calendar date.
int weekday_of(CivilDate date);

}  // namespace nurture
