#include "core/util/time_zone.hpp"

#include <algorithm>
#include <array>
#include <cstdint>

#include "core/util/time_units.hpp"

namespace nurture {

namespace {

// Which daylight-saving rule a zone follows. Each is computed from the year's calendar, so there
// is nothing to update until a government changes its rule.
enum class DstRule : std::uint8_t {
  none,
  north_america,  // US and Canada: 2nd Sunday of March 02:00 local → 1st Sunday of November 02:00
  eu,             // EU and UK: last Sunday of March 01:00 UTC → last Sunday of October 01:00 UTC
  sydney,         // NSW: 1st Sunday of October 02:00 local → 1st Sunday of April 03:00 local
};

}  // namespace

struct TimeZone {
  std::string_view name;
  int standard_offset = 0;  // minutes east of UTC
  DstRule rule = DstRule::none;
  int first_dst_year = 0;  // the rule applies from this year on (Indiana began DST in 2006)
};

namespace {

// Sorted by name (checked below) for binary search.
constexpr std::array k_zones = {
    TimeZone{"America/Anchorage", -540, DstRule::north_america, 0},
    TimeZone{"America/Boise", -420, DstRule::north_america, 0},
    TimeZone{"America/Chicago", -360, DstRule::north_america, 0},
    TimeZone{"America/Denver", -420, DstRule::north_america, 0},
    TimeZone{"America/Detroit", -300, DstRule::north_america, 0},
    TimeZone{"America/Edmonton", -420, DstRule::north_america, 0},
    TimeZone{"America/Halifax", -240, DstRule::north_america, 0},
    TimeZone{"America/Indiana/Indianapolis", -300, DstRule::north_america, 2006},
    TimeZone{"America/Los_Angeles", -480, DstRule::north_america, 0},
    TimeZone{"America/New_York", -300, DstRule::north_america, 0},
    TimeZone{"America/Phoenix", -420, DstRule::none, 0},
    TimeZone{"America/Puerto_Rico", -240, DstRule::none, 0},
    TimeZone{"America/Regina", -360, DstRule::none, 0},
    TimeZone{"America/St_Johns", -210, DstRule::north_america, 0},
    TimeZone{"America/Toronto", -300, DstRule::north_america, 0},
    TimeZone{"America/Vancouver", -480, DstRule::north_america, 0},
    TimeZone{"America/Whitehorse", -420, DstRule::none, 0},  // Yukon: permanent UTC-7 since 2020
    TimeZone{"America/Winnipeg", -360, DstRule::north_america, 0},
    TimeZone{"Australia/Sydney", 600, DstRule::sydney, 0},
    TimeZone{"Etc/UTC", 0, DstRule::none, 0},
    TimeZone{"Europe/Amsterdam", 60, DstRule::eu, 0},
    TimeZone{"Europe/Athens", 120, DstRule::eu, 0},
    TimeZone{"Europe/Berlin", 60, DstRule::eu, 0},
    TimeZone{"Europe/Brussels", 60, DstRule::eu, 0},
    TimeZone{"Europe/Dublin", 0, DstRule::eu, 0},
    TimeZone{"Europe/Lisbon", 0, DstRule::eu, 0},
    TimeZone{"Europe/London", 0, DstRule::eu, 0},
    TimeZone{"Europe/Madrid", 60, DstRule::eu, 0},
    TimeZone{"Europe/Paris", 60, DstRule::eu, 0},
    TimeZone{"Europe/Rome", 60, DstRule::eu, 0},
    TimeZone{"Europe/Stockholm", 60, DstRule::eu, 0},
    TimeZone{"Europe/Vienna", 60, DstRule::eu, 0},
    TimeZone{"Europe/Zurich", 60, DstRule::eu, 0},
    TimeZone{"Pacific/Guam", 600, DstRule::none, 0},
    TimeZone{"Pacific/Honolulu", -600, DstRule::none, 0},
    TimeZone{"Pacific/Pago_Pago", -660, DstRule::none, 0},
    TimeZone{"UTC", 0, DstRule::none, 0},
};

constexpr bool names_sorted() {
  for (std::size_t i = 1; i < k_zones.size(); ++i) {
    if (!(k_zones[i - 1].name < k_zones[i].name)) return false;
  }
  return true;
}
static_assert(names_sorted(), "k_zones must be sorted by name");

// 1970-01-01 was a Thursday (3 with Monday = 0).
int weekday_from_days(std::int64_t days) { return static_cast<int>(((days % 7) + 7 + 3) % 7); }

// Days since the epoch of the n-th (1-based) `weekday` of the month.
std::int64_t nth_weekday(int year, unsigned month, int weekday, int n) {
  const std::int64_t first = days_from_civil({year, month, 1});
  const int shift = (weekday - weekday_from_days(first) + 7) % 7;
  return first + shift + std::int64_t{7} * (n - 1);
}

// Days since the epoch of the last `weekday` of the month.
std::int64_t last_weekday(int year, unsigned month, int weekday) {
  const std::int64_t next_first =
      month == 12 ? days_from_civil({year + 1, 1, 1}) : days_from_civil({year, month + 1, 1});
  const std::int64_t last = next_first - 1;
  const int back = (weekday_from_days(last) - weekday + 7) % 7;
  return last - back;
}

constexpr int k_sunday = 6;

// True when daylight time is in effect at `utc` in a zone of rule `zone.rule`, for the UTC year
// of `utc`. Taking the UTC year is safe: no rule changes near New Year.
bool in_dst(const TimeZone& zone, UnixMillis utc) {
  if (zone.rule == DstRule::none) return false;
  const int year = utc_date(utc).year;
  if (year < zone.first_dst_year) return false;
  const std::int64_t std_ms = zone.standard_offset * k_minute_ms;
  switch (zone.rule) {
    case DstRule::none:
      return false;
    case DstRule::north_america: {
      // Starts at 02:00 standard time, ends at 02:00 daylight time (01:00 standard).
      const std::int64_t start_day =
          year >= 2007 ? nth_weekday(year, 3, k_sunday, 2) : nth_weekday(year, 4, k_sunday, 1);
      const std::int64_t end_day =
          year >= 2007 ? nth_weekday(year, 11, k_sunday, 1) : last_weekday(year, 10, k_sunday);
      const std::int64_t start = start_day * k_day_ms + 2 * k_hour_ms - std_ms;
      const std::int64_t end = end_day * k_day_ms + 1 * k_hour_ms - std_ms;
      return utc >= start && utc < end;
    }
    case DstRule::eu: {
      const std::int64_t start = last_weekday(year, 3, k_sunday) * k_day_ms + k_hour_ms;
      const std::int64_t end = last_weekday(year, 10, k_sunday) * k_day_ms + k_hour_ms;
      return utc >= start && utc < end;
    }
    case DstRule::sydney: {
      // Southern hemisphere: daylight time runs from October into the next year's April. Ends at
      // 03:00 daylight (02:00 standard), starts at 02:00 standard. Before 2008: last Sunday of
      // March → last Sunday of October (one-off changes such as 2000's Olympics are ignored).
      const std::int64_t end_day =
          year >= 2008 ? nth_weekday(year, 4, k_sunday, 1) : last_weekday(year, 3, k_sunday);
      const std::int64_t start_day =
          year >= 2008 ? nth_weekday(year, 10, k_sunday, 1) : last_weekday(year, 10, k_sunday);
      const std::int64_t end = end_day * k_day_ms + 2 * k_hour_ms - std_ms;
      const std::int64_t start = start_day * k_day_ms + 2 * k_hour_ms - std_ms;
      return utc < end || utc >= start;
    }
  }
  return false;
}

}  // namespace

const TimeZone* find_time_zone(std::string_view iana) {
  const auto* it = std::lower_bound(k_zones.begin(), k_zones.end(), iana,
                                    [](const TimeZone& z, std::string_view n) { return z.name < n; });
  if (it == k_zones.end() || it->name != iana) return nullptr;
  return &*it;
}

std::vector<const TimeZone*> supported_time_zones() {
  std::vector<const TimeZone*> out;
  out.reserve(k_zones.size());
  for (const TimeZone& z : k_zones) out.push_back(&z);
  return out;
}

std::string_view zone_name(const TimeZone& zone) { return zone.name; }

int standard_offset_minutes(const TimeZone& zone) { return zone.standard_offset; }

bool observes_dst(const TimeZone& zone) { return zone.rule != DstRule::none; }

int utc_offset_minutes(const TimeZone& zone, UnixMillis utc) {
  return zone.standard_offset + (in_dst(zone, utc) ? 60 : 0);
}

int weekday_of(CivilDate date) { return weekday_from_days(days_from_civil(date)); }

LocalTime to_local(const TimeZone& zone, UnixMillis utc) {
  const UnixMillis local = utc + utc_offset_minutes(zone, utc) * k_minute_ms;
  const std::int64_t days = floor_div(local, k_day_ms);
  LocalTime out;
  out.date = civil_from_days(days);
  out.minute = static_cast<int>((local - days * k_day_ms) / k_minute_ms);
  out.weekday = weekday_from_days(days);
  return out;
}

UnixMillis from_local(const TimeZone& zone, CivilDate date, int minute) {
  const UnixMillis local = days_from_civil(date) * k_day_ms + minute * k_minute_ms;
  // Every zone here has two possible offsets, standard and standard + 60. Try the daylight one
  // first: when both fit (the fall-back overlap) it is the earlier instant.
  const UnixMillis as_daylight = local - (zone.standard_offset + 60) * k_minute_ms;
  if (observes_dst(zone) && utc_offset_minutes(zone, as_daylight) == zone.standard_offset + 60) {
    return as_daylight;
  }
  // Either standard time fits, or the local time is in the spring-forward gap; reading it with
  // the offset before the gap (standard) lands an hour later on the far side (02:30 → 03:30).
  return local - zone.standard_offset * k_minute_ms;
}

UnixMillis end_of_local_day(const TimeZone& zone, UnixMillis utc) {
  // The next local midnight, found by its date rather than by adding 24 hours: the day of a
  // daylight-saving change is 23 or 25 hours long.
  const LocalTime local = to_local(zone, utc);
  return from_local(zone, civil_from_days(days_from_civil(local.date) + 1), 0) - 1;
}

UnixMillis end_of_local_day(int utc_offset_minutes, UnixMillis utc) {
  const UnixMillis shift = std::int64_t{utc_offset_minutes} * k_minute_ms;
  return (floor_div(utc + shift, k_day_ms) + 1) * k_day_ms - shift - 1;
}

}  // namespace nurture
