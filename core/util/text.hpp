#pragma once
/// Small text helpers shared by the validators and importers.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace nurture {

/// True when `text` is well-formed UTF-8 (no overlongs, surrogates or code points > U+10FFFF).
bool is_valid_utf8(std::string_view text);
/// Number of Unicode code points in valid UTF-8 `text`.
std::size_t utf8_length(std::string_view text);
/// `text` without leading and trailing ASCII white space.
std::string_view trim(std::string_view text);

/// `n` with a comma between groups of three digits, as every count in messages and the UI is
/// shown: 0 → "0", 1234 → "1,234", 1234567 → "1,234,567".
std::string format_thousands(std::uint64_t n);
/// A count and its noun, for every message where a number meets a noun: (1, "lead", "leads") →
/// "1 lead", (0, …) → "0 leads", (1234, …) → "1,234 leads". The caller gives both forms, so
/// "person"/"people" works too.
std::string count_noun(std::uint64_t n, std::string_view singular, std::string_view plural);

}  // namespace nurture
