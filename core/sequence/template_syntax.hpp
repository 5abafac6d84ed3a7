#pragma once
/// The syntax of message templates, shared by the renderer and the lint: merge fields in braces
/// ({first_name}), `{{` and `}}` for literal braces, and the wording checks both need (STOP
/// wording in texts, treatment words). Offsets are byte offsets into the template text.

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace nurture {

/// Every merge field a template may use (sequence.hpp, MessageTemplate).
inline constexpr std::array<std::string_view, 11> k_merge_fields = {
    "first_name",       "last_name",        "practice_name",    "practice_phone",
    "practice_address", "booking_link",     "appointment_time", "appointment_date",
    "treatment",        "unsubscribe_link", "content_link"};

/// True when `name` is one of k_merge_fields (exactly: lowercase, no spaces).
bool is_merge_field(std::string_view name);

enum class TemplateTokenKind : std::uint8_t {
  text,         ///< literal text (`{{`/`}}` already turned into one brace)
  field,        ///< `{name}`; `text` holds the name as written (possibly unknown)
  stray_open,   ///< a `{` with no `}` before the next `{` or the end
  stray_close,  ///< a `}` that closes nothing
};

struct TemplateToken {
  TemplateTokenKind kind = TemplateTokenKind::text;
  std::size_t offset = 0;  ///< where the token starts in the template
  std::size_t length = 0;  ///< its length in the template (braces included)
  std::string text;        ///< literal text, the field name, or the stray brace
};

/// Splits `text` into literal runs, fields and stray braces, in order. Never fails: every byte
/// of `text` belongs to exactly one token.
std::vector<TemplateToken> tokenize_template(std::string_view text);

/// A match of a word or phrase in a text: byte offset and length.
struct TextMatch {
  std::size_t offset = 0;
  std::size_t length = 0;
};

/// Where `term` (a word or phrase, ASCII letters compared without case; '-' and '_' in the term
/// match a space or a hyphen) occurs in `text` as whole words, optionally followed by a plural
/// "s" or "es". Letters, digits and any non-ASCII byte count as word characters.
std::vector<TextMatch> find_words(std::string_view text, std::string_view term);

/// True when a text carries opt-out wording carriers accept: the word STOP in capitals, or
/// "reply stop" / "text stop" in any case.
bool has_stop_wording(std::string_view text);

/// True when `text` mentions "unsubscribe" (any case).
bool mentions_unsubscribe(std::string_view text);

}  // namespace nurture
