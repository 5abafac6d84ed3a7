#include "core/sync/hlc.hpp"

#include <charconv>
#include <cstdint>
#include <cstdio>

#include "core/util/civil_time.hpp"

namespace nurture {

std::string to_string(const Stamp& s) {
  // Fixed-width fields keep the text order equal to the stamp order for dates after 1970.
  const auto iso = format_iso8601_utc(s.millis);  // "YYYY-MM-DDTHH:MM:SSZ"
  const auto ms = static_cast<int>(((s.millis % 1000) + 1000) % 1000);
  char buf[96];
  std::snprintf(buf, sizeof buf, "%.19s.%03dZ/%08x/%016llx", iso.c_str(), ms, s.counter,
                static_cast<unsigned long long>(s.device));
  return buf;
}

std::optional<Stamp> parse_stamp(std::string_view text) {
  // YYYY-MM-DDTHH:MM:SS.mmmZ/cccccccc/dddddddddddddddd
  if (text.size() != 24 + 1 + 8 + 1 + 16 || text[10] != 'T' || text[19] != '.' || text[23] != 'Z' ||
      text[24] != '/' || text[33] != '/') {
    return std::nullopt;
  }
  const auto date = parse_date(text.substr(0, 10));
  if (!date) return std::nullopt;
  auto num = [&](std::size_t pos, std::size_t len, int base, auto& out) {
    const char* first = text.data() + pos;
    const auto [ptr, ec] = std::from_chars(first, first + len, out, base);
    return ec == std::errc{} && ptr == first + len;
  };
  unsigned h = 0;
  unsigned m = 0;
  unsigned s = 0;
  unsigned ms = 0;
  std::uint32_t counter = 0;
  unsigned long long device = 0;
  if (text[13] != ':' || text[16] != ':' || !num(11, 2, 10, h) || !num(14, 2, 10, m) || !num(17, 2, 10, s) ||
      !num(20, 3, 10, ms) || !num(25, 8, 16, counter) || !num(34, 16, 16, device)) {
    return std::nullopt;
  }
  if (h > 23 || m > 59 || s > 59) return std::nullopt;
  const std::int64_t millis =
      days_from_civil(*date) * 86'400'000LL + (h * 3600LL + m * 60LL + s) * 1000LL + ms;
  return Stamp{millis, counter, device};
}

Stamp HybridClock::tick(std::int64_t now) {
  if (now > m_millis) {
    m_millis = now;
    m_counter = 0;
  } else if (m_counter == UINT32_MAX) {
    ++m_millis;  // four billion changes in one logical millisecond: move time on instead
    m_counter = 0;
  } else {
    ++m_counter;  // wall clock behind or equal: stay on the logical time and count up
  }
  return last();
}

void HybridClock::observe(const Stamp& remote) {
  if (remote.millis > m_millis) {
    m_millis = remote.millis;
    m_counter = remote.counter;
  } else if (remote.millis == m_millis && remote.counter > m_counter) {
    m_counter = remote.counter;
  }
}

}  // namespace nurture
