#include "core/model/practice.hpp"

#include "core/util/text.hpp"

namespace nurture {

namespace {

bool is_upper_alpha(std::string_view s) {
  for (const char c : s) {
    if (c < 'A' || c > 'Z') return false;
  }
  return true;
}

// IANA names are Area/Location[/Sub] of letters, digits, '_', '-', '+'; "UTC" is also valid.
bool looks_like_time_zone(std::string_view tz) {
  if (tz == "UTC") return true;
  if (tz.empty() || tz.size() > 64 || tz.find('/') == std::string_view::npos) return false;
  if (tz.front() == '/' || tz.back() == '/') return false;
  for (const char c : tz) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '/' ||
                    c == '_' || c == '-' || c == '+';
    if (!ok) return false;
  }
  return true;
}

bool looks_like_email(std::string_view e) {
  const auto at = e.find('@');
  if (at == std::string_view::npos || at == 0 || at + 1 >= e.size()) return false;
  if (e.find('@', at + 1) != std::string_view::npos) return false;
  const auto domain = e.substr(at + 1);
  const auto dot = domain.find('.');
  if (dot == std::string_view::npos || dot == 0 || dot + 1 >= domain.size()) return false;
  return e.find(' ') == std::string_view::npos;
}

}  // namespace

std::vector<FieldError> validate(const PracticeProfile& p) {
  std::vector<FieldError> errors;
  const struct {
    const char* field;
    const std::string* value;
    std::size_t max;
  } texts[] = {{"name", &p.name, 120},          {"street", &p.street, 200}, {"city", &p.city, 100},
               {"state", &p.state, 40},         {"zip", &p.zip, 20},        {"country", &p.country, 2},
               {"time_zone", &p.time_zone, 64}, {"phone", &p.phone, 40},    {"email", &p.email, 254},
               {"website", &p.website, 300}};
  for (const auto& t : texts) {
    if (!is_valid_utf8(*t.value)) {
      errors.push_back({t.field, "contains invalid characters (not UTF-8)"});
    } else if (utf8_length(*t.value) > t.max) {
      errors.push_back({t.field, "is longer than " + std::to_string(t.max) + " characters"});
    }
  }
  if (trim(p.name).empty()) errors.push_back({"name", "is required"});
  if (!p.country.empty() && (p.country.size() != 2 || !is_upper_alpha(p.country))) {
    errors.push_back({"country", "must be a two-letter ISO code such as US or GB"});
  }
  if (!looks_like_time_zone(p.time_zone)) {
    errors.push_back({"time_zone", "must be a time zone name such as America/New_York"});
  }
  if (!p.email.empty() && !looks_like_email(p.email)) {
    errors.push_back({"email", "is not an e-mail address"});
  }
  for (const auto& day : p.hours) {
    if (day.close > 1440 || day.open > day.close) {
      errors.push_back({"hours", "each day must open before it closes, within 00:00–24:00"});
      break;
    }
  }
  return errors;
}

bool has_postal_address(const PracticeProfile& p) {
  return !trim(p.name).empty() && !trim(p.street).empty() && !trim(p.city).empty() && !trim(p.zip).empty();
}

}  // namespace nurture
