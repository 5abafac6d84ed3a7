#include "core/model/contact.hpp"

#include <array>
#include <utility>

#include "core/util/text.hpp"

namespace nurture {

namespace {

char lower_ascii(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

// Calling codes for the countries a practice's leads most often come from; extend as needed.
constexpr std::array<std::pair<std::string_view, std::string_view>, 32> k_calling_codes{{
    {"US", "1"},   {"CA", "1"},   {"PR", "1"},  {"GB", "44"}, {"IE", "353"}, {"AU", "61"}, {"NZ", "64"},
    {"DE", "49"},  {"FR", "33"},  {"ES", "34"}, {"IT", "39"}, {"NL", "31"},  {"BE", "32"}, {"CH", "41"},
    {"AT", "43"},  {"SE", "46"},  {"NO", "47"}, {"DK", "45"}, {"FI", "358"}, {"PL", "48"}, {"CZ", "420"},
    {"PT", "351"}, {"GR", "30"},  {"MX", "52"}, {"BR", "55"}, {"AR", "54"},  {"CO", "57"}, {"IN", "91"},
    {"AE", "971"}, {"IL", "972"}, {"ZA", "27"}, {"SG", "65"},
}};

bool valid_nanp(std::string_view ten_digits) {
  // Area code and exchange both start with 2–9 in the North American Numbering Plan.
  return ten_digits.size() == 10 && ten_digits[0] >= '2' && ten_digits[3] >= '2';
}

}  // namespace

std::string_view calling_code(std::string_view country) {
  for (const auto& [iso, code] : k_calling_codes) {
    if (iso == country) return code;
  }
  return {};
}

std::optional<std::string> normalize_email(std::string_view text) {
  text = trim(text);
  if (text.substr(0, 7) == "mailto:") text.remove_prefix(7);
  std::string out;
  out.reserve(text.size());
  for (const char c : text) out.push_back(lower_ascii(c));
  const auto at = out.find('@');
  if (at == std::string::npos || at == 0 || out.find('@', at + 1) != std::string::npos) return std::nullopt;
  const std::string_view domain = std::string_view(out).substr(at + 1);
  const auto dot = domain.rfind('.');
  if (dot == std::string_view::npos || dot == 0 || dot + 3 > domain.size())
    return std::nullopt;  // TLD of 2+ letters
  for (const char c : out) {
    if (c == ' ' || c == '\t' || c == ',' || c == ';' || c == '<' || c == '>' ||
        static_cast<unsigned char>(c) < 0x20) {
      return std::nullopt;
    }
  }
  if (out.size() > 254 || !is_valid_utf8(out)) return std::nullopt;
  return out;
}

std::optional<std::string> normalize_phone(std::string_view text, std::string_view default_country) {
  text = trim(text);
  if (text.substr(0, 2) == "p:" || text.substr(0, 2) == "P:") text.remove_prefix(2);  // Meta lead ads
  if (text.substr(0, 4) == "tel:") text.remove_prefix(4);
  text = trim(text);

  // Keep the digits up to an extension marker; remember a leading '+'.
  bool plus = false;
  std::string digits;
  for (const char c : text) {
    if (c >= '0' && c <= '9') {
      digits.push_back(c);
    } else if (c == '+' && digits.empty() && !plus) {
      plus = true;
    } else if (c == 'x' || c == 'X' || c == '#' || c == 'e' || c == 'E' || c == ',' || c == ';') {
      break;  // "x12", "ext. 12", "#12", ",12" (pause-dial)
    } else if (c == ' ' || c == '-' || c == '.' || c == '(' || c == ')' || c == '/' || c == '\t') {
      continue;
    } else {
      return std::nullopt;  // letters and other symbols: not a phone number
    }
  }

  const std::string_view home = calling_code(default_country);
  if (!plus) {
    if (digits.substr(0, 2) == "00") {
      digits.erase(0, 2);
      plus = true;
    } else if (home == "1" && digits.substr(0, 3) == "011") {
      digits.erase(0, 3);
      plus = true;
    }
  }
  if (plus) {
    if (digits.size() < 8 || digits.size() > 15 || digits[0] == '0') return std::nullopt;
    if (digits[0] == '1' && !valid_nanp(std::string_view(digits).substr(1))) return std::nullopt;
    return "+" + digits;
  }
  if (home.empty()) return std::nullopt;
  if (home == "1") {
    if (digits.size() == 11 && digits[0] == '1') digits.erase(0, 1);
    if (!valid_nanp(digits)) return std::nullopt;
    return "+1" + digits;
  }
  // Elsewhere a national number drops its trunk prefix 0 after the country code.
  if (!digits.empty() && digits[0] == '0') digits.erase(0, 1);
  const std::size_t total = home.size() + digits.size();
  if (digits.size() < 6 || total > 15) return std::nullopt;
  return "+" + std::string(home) + digits;
}

}  // namespace nurture
