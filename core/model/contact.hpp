#pragma once
/// Normalising contact details. Leads are matched and deduplicated by normalised e-mail and
/// phone, and exports render the one stored E.164 number per target (Meta wants digits without
/// '+', Google wants '+').

#include <optional>
#include <string>
#include <string_view>

namespace nurture {

/// Trimmed, lowercased e-mail when it has the shape local@domain.tld; nullopt otherwise.
/// (Local parts are case-sensitive in theory; no real mailbox provider treats them so, and
/// ad platforms lowercase before hashing.)
std::optional<std::string> normalize_email(std::string_view text);

/// Telephone number in E.164 ("+18135550142") from what people type or tools export:
/// "(813) 555-0142", "813.555.0142 x12", "p:+1 813 555 0142" (Meta), "00 44 20 7946 0958",
/// "020 7946 0958" with default country GB. `default_country` is an ISO 3166-1 alpha-2 code used
/// for numbers without a country code. nullopt when the number cannot be right (too short or
/// long, impossible North American area code or exchange, unknown default country).
std::optional<std::string> normalize_phone(std::string_view text, std::string_view default_country = "US");

/// The country calling code for an ISO alpha-2 country ("US" → "1", "GB" → "44"), or empty.
std::string_view calling_code(std::string_view country);

}  // namespace nurture
