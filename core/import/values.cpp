#include "core/import/values.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "core/util/text.hpp"
#include "core/util/time_units.hpp"

namespace nurture {

namespace {

constexpr std::int64_t k_excel_epoch_days = -25569;  // 1899-12-30, Excel's day 0 after the 1900 bug
constexpr long k_excel_min = 10000;                  // five digits: 1927-05-18 onwards
constexpr long k_excel_max = 109574;                 // 2199-12-31

bool is_digit(char c) { return c >= '0' && c <= '9'; }

std::optional<unsigned> number(std::string_view text, std::size_t min_len, std::size_t max_len) {
  if (text.size() < min_len || text.size() > max_len) return std::nullopt;
  unsigned v = 0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc{} || ptr != text.data() + text.size()) return std::nullopt;
  return v;
}

std::optional<CivilDate> make_date(unsigned y, unsigned m, unsigned d) {
  if (m < 1 || m > 12 || d < 1 || d > 31 || y < 1800 || y > 2200) return std::nullopt;
  const CivilDate date{static_cast<int>(y), m, d};
  if (!(civil_from_days(days_from_civil(date)) == date)) return std::nullopt;
  return date;
}

std::vector<std::string_view> split(std::string_view text, char sep) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    if (i == text.size() || text[i] == sep) {
      parts.push_back(text.substr(start, i - start));
      start = i + 1;
    }
  }
  return parts;
}

// Excel serial (days, optional fraction) → milliseconds; nullopt outside the accepted range.
std::optional<UnixMillis> excel_serial(std::string_view text) {
  const auto dot = text.find('.');
  const auto whole = number(text.substr(0, dot), 5, 6);
  if (!whole || *whole < k_excel_min || *whole > k_excel_max) return std::nullopt;
  double fraction = 0;
  if (dot != std::string_view::npos) {
    const std::string_view digits = text.substr(dot + 1);
    if (digits.empty() || !std::all_of(digits.begin(), digits.end(), is_digit)) return std::nullopt;
    double scale = 0.1;
    for (const char c : digits.substr(0, 9)) {
      fraction += (c - '0') * scale;
      scale /= 10;
    }
  }
  const std::int64_t days = k_excel_epoch_days + *whole;
  return days * k_day_ms + std::llround(fraction * k_day_ms);
}

}  // namespace

std::string ascii_lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::optional<CivilDate> parse_spreadsheet_date(std::string_view text, DateOrder order) {
  text = trim(text);
  if (text.empty()) return std::nullopt;
  if (std::all_of(text.begin(), text.end(), is_digit)) {
    const auto t = excel_serial(text);
    if (!t) return std::nullopt;
    return utc_date(*t);
  }
  // A time part after the date is ignored ("2024-03-01T10:00:00Z", "3/1/2024 10:00").
  const auto cut = text.find_first_of("T ");
  const std::string_view date = text.substr(0, cut);
  for (const char sep : {'-', '/', '.'}) {
    const auto parts = split(date, sep);
    if (parts.size() != 3) continue;
    if (parts[0].size() == 4) {  // year first: ISO or YYYY/MM/DD
      const auto y = number(parts[0], 4, 4);
      const auto m = number(parts[1], 1, 2);
      const auto d = number(parts[2], 1, 2);
      if (sep == '.' || !y || !m || !d) return std::nullopt;
      return make_date(*y, *m, *d);
    }
    const auto a = number(parts[0], 1, 2);
    const auto b = number(parts[1], 1, 2);
    const auto y = number(parts[2], 4, 4);
    if (!a || !b || !y || sep == '-') return std::nullopt;
    const bool day_first = sep == '.' || order == DateOrder::day_first;
    return day_first ? make_date(*y, *b, *a) : make_date(*y, *a, *b);
  }
  return std::nullopt;
}

std::optional<std::int64_t> parse_time_of_day(std::string_view text) {
  text = trim(text);
  int add_hours = 0;
  bool twelve = false;
  const std::string lower = ascii_lower(text);
  std::string_view t = lower;
  for (const std::string_view suffix : {"am", "a.m.", "pm", "p.m."}) {
    if (t.size() > suffix.size() && t.substr(t.size() - suffix.size()) == suffix) {
      twelve = true;
      add_hours = suffix[0] == 'p' ? 12 : 0;
      t = trim(t.substr(0, t.size() - suffix.size()));
      break;
    }
  }
  // Fractions of a second are dropped.
  t = t.substr(0, t.find('.'));
  const auto parts = split(t, ':');
  if (parts.size() < 2 || parts.size() > 3) return std::nullopt;
  const auto h = number(parts[0], 1, 2);
  const auto m = number(parts[1], 2, 2);
  const auto s = parts.size() == 3 ? number(parts[2], 2, 2) : std::optional<unsigned>(0);
  if (!h || !m || !s || *m > 59 || *s > 60) return std::nullopt;
  unsigned hours = *h;
  if (twelve) {
    if (hours < 1 || hours > 12) return std::nullopt;
    hours = hours % 12 + static_cast<unsigned>(add_hours);
  } else if (hours > 23) {
    return std::nullopt;
  }
  return static_cast<std::int64_t>(hours) * 3600 + static_cast<std::int64_t>(*m) * 60 + std::min(*s, 59U);
}

std::optional<UnixMillis> parse_timestamp(std::string_view text, DateOrder order,
                                          int default_offset_minutes) {
  text = trim(text);
  if (text.empty()) return std::nullopt;
  // Excel serials ("45123.5"); a dotted date ("01.03.2024") falls through to the date parser.
  if (std::all_of(text.begin(), text.end(), [](char c) { return is_digit(c) || c == '.'; })) {
    if (auto t = excel_serial(text)) return *t;
  }
  const auto cut = text.find_first_of("T ");
  const auto date = parse_spreadsheet_date(text.substr(0, cut), order);
  if (!date) return std::nullopt;
  const std::int64_t day_ms = days_from_civil(*date) * k_day_ms;
  if (cut == std::string_view::npos) return day_ms - std::int64_t{default_offset_minutes} * 60000;
  std::string_view rest = trim(text.substr(cut + 1));
  // The offset: Z, or +/- after the time (a '-' inside the time part cannot occur).
  std::optional<int> offset_minutes;
  if (!rest.empty() && (rest.back() == 'Z' || rest.back() == 'z')) {
    offset_minutes = 0;
    rest.remove_suffix(1);
  } else {
    const auto sign = rest.find_last_of("+-");
    if (sign != std::string_view::npos) {
      std::string_view off = trim(rest.substr(sign + 1));
      std::string digits;
      for (const char c : off) {
        if (is_digit(c)) {
          digits.push_back(c);
        } else if (c != ':') {
          return std::nullopt;
        }
      }
      if (digits.size() != 2 && digits.size() != 4) return std::nullopt;
      const auto hh = number(std::string_view(digits).substr(0, 2), 2, 2);
      const auto mm = digits.size() == 4 ? number(std::string_view(digits).substr(2), 2, 2) : 0U;
      if (!hh || !mm || *hh > 14 || *mm > 59) return std::nullopt;
      const int minutes = static_cast<int>(*hh * 60 + *mm);
      offset_minutes = rest[sign] == '-' ? -minutes : minutes;
      rest = trim(rest.substr(0, sign));
    }
  }
  std::int64_t ms_in_day = 0;
  if (!rest.empty()) {
    // Keep milliseconds from "HH:MM:SS.fff".
    std::int64_t millis = 0;
    const auto dot = rest.find('.');
    if (dot != std::string_view::npos && rest.find(':') != std::string_view::npos && dot > rest.rfind(':')) {
      std::string_view frac = rest.substr(dot + 1);
      std::size_t n = 0;
      while (n < frac.size() && is_digit(frac[n])) ++n;
      std::int64_t scale = 100;
      for (std::size_t i = 0; i < n && i < 3; ++i, scale /= 10) millis += (frac[i] - '0') * scale;
      std::string without(rest.substr(0, dot));
      without += frac.substr(n);
      const auto secs = parse_time_of_day(without);
      if (!secs) return std::nullopt;
      ms_in_day = *secs * 1000 + millis;
    } else {
      const auto secs = parse_time_of_day(rest);
      if (!secs) return std::nullopt;
      ms_in_day = *secs * 1000;
    }
  }
  const int offset = offset_minutes.value_or(default_offset_minutes);
  return day_ms + ms_in_day - std::int64_t{offset} * 60000;
}

std::optional<bool> parse_bool(std::string_view text) {
  const std::string t = ascii_lower(trim(text));
  for (const std::string_view yes :
       {"yes", "y", "true", "t", "1", "x", "granted", "subscribed", "opted in", "opt-in", "opted-in"}) {
    if (t == yes) return true;
  }
  for (const std::string_view no :
       {"no", "n", "false", "f", "0", "revoked", "unsubscribed", "opted out", "opt-out", "opted-out"}) {
    if (t == no) return false;
  }
  return std::nullopt;
}

std::optional<std::int64_t> parse_amount_cents(std::string_view text) {
  text = trim(text);
  bool negative = false;
  if (text.size() >= 2 && text.front() == '(' && text.back() == ')') {
    negative = true;
    text = trim(text.substr(1, text.size() - 2));
  }
  std::string digits;  // digits, at most one '.', after currency and grouping are removed
  std::string kept;
  for (const char c : text) {
    if (is_digit(c) || c == '.' || c == ',') {
      kept.push_back(c);
    } else if (c == '-' && kept.empty() && !negative) {
      negative = true;
    } else if (c == ' ' || c == '$' || (c >= 'A' && c <= 'Z') || static_cast<unsigned char>(c) >= 0x80) {
      continue;  // currency codes and symbols (€ £ ¥ are multi-byte), spaces as grouping
    } else {
      return std::nullopt;
    }
  }
  if (kept.empty()) return std::nullopt;
  const auto last_dot = kept.rfind('.');
  const auto last_comma = kept.rfind(',');
  char decimal = '.';
  if (last_comma != std::string::npos && (last_dot == std::string::npos || last_comma > last_dot)) {
    // "1,250" is grouping; "12,5" and "1.250,50" use a decimal comma.
    const std::size_t after = kept.size() - last_comma - 1;
    decimal = (after == 1 || after == 2) ? ',' : '.';
  }
  bool seen_decimal = false;
  std::size_t decimals = 0;
  for (const char c : kept) {
    if (c == decimal) {
      if (seen_decimal) return std::nullopt;
      seen_decimal = true;
    } else if (c == '.' || c == ',') {
      if (seen_decimal) return std::nullopt;  // grouping after the decimal point
    } else {
      if (seen_decimal && ++decimals > 2) return std::nullopt;
      digits.push_back(c);
    }
  }
  if (digits.empty() || digits.size() > 15) return std::nullopt;
  std::int64_t value = 0;
  std::from_chars(digits.data(), digits.data() + digits.size(), value);
  for (std::size_t i = decimals; i < 2; ++i) value *= 10;
  return negative ? -value : value;
}

std::optional<std::uint32_t> parse_duration_seconds(std::string_view text) {
  text = trim(text);
  if (!text.empty() && (text.back() == 's' || text.back() == 'S')) text.remove_suffix(1);
  if (text.find(':') != std::string_view::npos) {
    const auto parts = split(text, ':');
    if (parts.size() > 3) return std::nullopt;
    std::uint32_t total = 0;
    for (std::size_t i = 0; i < parts.size(); ++i) {
      const auto v = number(parts[i], 1, 4);
      if (!v || (i > 0 && *v > 59)) return std::nullopt;
      total = total * 60 + *v;
    }
    return total;
  }
  const auto v = number(text.substr(0, text.find('.')), 1, 9);
  if (!v) return std::nullopt;
  const std::string_view frac =
      text.find('.') == std::string_view::npos ? "" : text.substr(text.find('.') + 1);
  if (!std::all_of(frac.begin(), frac.end(), is_digit)) return std::nullopt;
  return *v;
}

std::vector<std::string> split_list(std::string_view text) {
  char sep = ',';
  if (text.find(';') != std::string_view::npos) {
    sep = ';';
  } else if (text.find('|') != std::string_view::npos) {
    sep = '|';
  }
  std::vector<std::string> out;
  for (auto part : split(text, sep)) {
    part = trim(part);
    if (part.size() >= 2 && part.front() == '"' && part.back() == '"')
      part = trim(part.substr(1, part.size() - 2));
    if (part.empty()) continue;
    if (std::find(out.begin(), out.end(), part) == out.end()) out.emplace_back(part);
  }
  return out;
}

}  // namespace nurture
