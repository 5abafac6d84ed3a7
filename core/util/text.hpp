#pragma once
/// Small text helpers shared by the validators and importers.

#include <cstddef>
#include <string>
#include <string_view>

namespace nurture {

/// True when `text` is well-formed UTF-8 (no overlongs, surrogates or code points > U+10FFFF).
bool is_valid_utf8(std::string_view text);
/// Number of Unicode code points in valid UTF-8 `text`.
std::size_t utf8_length(std::string_view text);
/// `text` without leading and trailing ASCII white space.
std::string_view trim(std::string_view text);

}  // namespace nurture
