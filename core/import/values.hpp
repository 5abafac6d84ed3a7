#pragma once
/// Parsing the values spreadsheets and marketing tools write: dates in several orders, Excel
/// serial numbers, ISO-8601 times with offsets, booleans, money and durations. Each parser
/// accepts exactly the forms listed and returns nullopt for anything else, so the importer can
/// report a row error instead of guessing.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/util/civil_time.hpp"

namespace nurture {

/// How to read ambiguous slash dates such as 03/04/2025.
enum class DateOrder : std::uint8_t {
  month_first,  ///< US: M/D/YYYY (the default; Meta, HubSpot and Mailchimp US accounts)
  day_first,    ///< D/M/YYYY
};

/// A calendar date from: ISO "YYYY-MM-DD" (a time part after 'T' or ' ' is ignored),
/// "YYYY/MM/DD", slash dates "M/D/YYYY" or "D/M/YYYY" by `order`, dotted "D.M.YYYY" (always
/// day first, as written in Germany and most of Europe), and Excel serial day numbers
/// 1..109574 (1900-01-01..2199-12-31, with Excel's 1900 leap-year bug accounted for).
/// Two-digit years are refused (ambiguous for birth dates).
std::optional<CivilDate> parse_spreadsheet_date(std::string_view text,
                                                DateOrder order = DateOrder::month_first);

/// A point in time from: ISO-8601 "YYYY-MM-DDTHH:MM[:SS[.fff]]" with "Z", "+HH:MM", "+HHMM" or
/// "+HH" (no offset: `default_offset_minutes` east of UTC), the same with a space instead of
/// 'T' ("YYYY-MM-DD HH:MM:SS", Mailchimp's UTC times), a date alone (midnight), a slash or
/// dotted date followed by "H:MM[:SS]" and optional AM/PM, and Excel serial numbers with a
/// fraction of a day.
std::optional<UnixMillis> parse_timestamp(std::string_view text, DateOrder order = DateOrder::month_first,
                                          int default_offset_minutes = 0);

/// Seconds since midnight from "H:MM", "H:MM:SS", optionally followed by AM/PM.
std::optional<std::int64_t> parse_time_of_day(std::string_view text);

/// true for yes/y/true/t/1/x/granted/subscribed/opted in, false for no/n/false/f/0/revoked/
/// unsubscribed/opted out (any case); nullopt otherwise (including empty).
std::optional<bool> parse_bool(std::string_view text);

/// Cents from money as typed: "$1,250.00", "1250", "1 250,50 €", "EUR 99.9", "(25.00)" and
/// "-25" (negative). A lone comma followed by one or two digits is a decimal comma.
std::optional<std::int64_t> parse_amount_cents(std::string_view text);

/// Seconds from "90", "90s", "1:30" (M:SS), "01:02:03" (H:MM:SS) or "2.5" (fractions dropped).
std::optional<std::uint32_t> parse_duration_seconds(std::string_view text);

/// Splits a list cell on ';', '|' or ',' (whichever occurs; ';' and '|' win over ','), trims
/// each item and the double quotes Mailchimp puts around tags, drops empty and repeated items.
std::vector<std::string> split_list(std::string_view text);

/// ASCII lowercase copy.
std::string ascii_lower(std::string_view text);

}  // namespace nurture
