#pragma once
/// The practice profile: who sends the messages. CAN-SPAM needs the postal address in every
/// marketing email, and send windows fall back to the practice time zone.

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "core/util/expected.hpp"

namespace nurture {

/// Opening hours of one weekday in minutes since local midnight; open == close means closed.
struct DayHours {
  std::uint16_t open = 0;
  std::uint16_t close = 0;
  [[nodiscard]] bool closed() const { return open == close; }
  friend bool operator==(const DayHours&, const DayHours&) = default;
};

/// Monday first. Defaults to Monday–Friday 09:00–17:00; calls and texts are planned inside
/// these hours (and never outside the recipient's legal window).
using BusinessHours = std::array<DayHours, 7>;
inline constexpr BusinessHours k_default_business_hours = {
    DayHours{540, 1020}, DayHours{540, 1020}, DayHours{540, 1020}, DayHours{540, 1020},
    DayHours{540, 1020}, DayHours{},          DayHours{}};

struct PracticeProfile {
  std::string name;
  std::string street;
  std::string city;
  std::string state;  ///< US state or region code, e.g. "FL"
  std::string zip;
  std::string country = "US";                  ///< ISO 3166-1 alpha-2
  std::string time_zone = "America/New_York";  ///< IANA zone name
  std::string phone;
  std::string email;
  std::string website;
  BusinessHours hours = k_default_business_hours;

  friend bool operator==(const PracticeProfile&, const PracticeProfile&) = default;
};

/// One problem with a field, for showing next to that field.
struct FieldError {
  std::string field;  ///< the member name, e.g. "email"
  std::string message;
  friend bool operator==(const FieldError&, const FieldError&) = default;
};

/// Checks lengths, UTF-8, the country code, the time zone's shape and the e-mail's shape.
/// Empty optional fields are fine; an empty list means the profile is valid.
std::vector<FieldError> validate(const PracticeProfile& profile);

/// True when the profile has everything a marketing email legally needs (name and address).
bool has_postal_address(const PracticeProfile& profile);

}  // namespace nurture
