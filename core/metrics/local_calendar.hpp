#pragma once
/// Calendar helpers shared by the engagement, retention and return-by-source metrics: local
/// days and months in the practice's time zone (UTC when the zone is unknown or unsupported).

#include <cstdint>
#include <vector>

#include "core/util/civil_time.hpp"
#include "core/util/time_zone.hpp"

namespace nurture {

// YearMonth lives in core/util/civil_time.hpp (the spend table in core/model uses it too).

/// The practice zone as used by metrics: `zone` may be nullptr (then UTC).
class LocalCalendar {
 public:
  explicit LocalCalendar(const TimeZone* zone) : m_zone(zone) {}
  /// Days since 1970-01-01 of the local date containing `at`. Remembers the offset of the last
  /// UTC day it saw (so a LocalCalendar is cheap to call in time order, and not shared across
  /// threads).
  [[nodiscard]] std::int64_t day_of(UnixMillis at) const;
  [[nodiscard]] YearMonth month_of(UnixMillis at) const;
  /// The instant of local midnight starting the first day of `month`.
  [[nodiscard]] UnixMillis month_start(YearMonth month) const;
  /// Every local month that intersects [from, to), in order; empty when from >= to.
  [[nodiscard]] std::vector<YearMonth> months(UnixMillis from, UnixMillis to) const;

 private:
  const TimeZone* m_zone = nullptr;
  // The last UTC day whose offset held all day: [m_memo_from, m_memo_to) and that offset in ms.
  mutable UnixMillis m_memo_from = 0;
  mutable UnixMillis m_memo_to = 0;
  mutable std::int64_t m_memo_offset = 0;
};

[[nodiscard]] YearMonth next_month(YearMonth m);
/// Months from `a` to `b` (b - a; negative when b is earlier).
[[nodiscard]] std::int64_t months_between(YearMonth a, YearMonth b);

}  // namespace nurture
