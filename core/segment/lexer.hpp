#pragma once
/// The segment language's tokens (docs/segment-language.md, "Lexical structure"). The parser
/// reads them; the printer uses is_bare_word to decide when a text needs quotes, so the two
/// agree on what a word is.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/segment/ast.hpp"
#include "core/util/expected.hpp"

namespace nurture::segment {

enum class TokenKind : std::uint8_t {
  end,       ///< end of the query
  error,     ///< text that is no token; `text` says why (reported when the parser reaches it)
  word,      ///< stage, consent.sms, email_open, botox, lip-filler, Zürich
  string,    ///< "quoted text"; `text` holds it unescaped
  number,    ///< 42, -3.5; `number` holds it
  date,      ///< 2026-01-31 (a real date); `date` holds it
  duration,  ///< 30d; `duration` holds it
  lparen,
  rparen,
  comma,
  op,  ///< = != < <= > >=; `op` holds it
};

struct Token {
  TokenKind kind = TokenKind::end;
  std::string_view raw;  ///< the token's source text
  Span span;
  std::string text;  ///< string: the unescaped contents; error: the message
  CompareOp op = CompareOp::eq;
  double number = 0;
  CivilDate date;
  Duration duration;
  bool glued = false;  ///< no white space before it (field."Name with spaces")
};

/// The tokens of `text`, ending with one `end` token, or with an `error` token at the first
/// text that is no token. Linear in the text's length. Precondition: `text` is valid UTF-8.
std::vector<Token> tokenize(std::string_view text);

/// True when `text` reads back as one word token that is no reserved word, so a text value can
/// be printed without quotes.
bool is_bare_word(std::string_view text);
/// True when every byte of `text` may continue a word (names after `score.` and `field.`).
bool is_word_tail(std::string_view text);

/// 1-based line and column of byte `offset` in `text`; columns count code points.
struct LineColumn {
  std::uint32_t line = 1;
  std::uint32_t column = 1;
};
LineColumn line_column(std::string_view text, std::size_t offset);

/// The byte offset of the first malformed UTF-8 sequence in `text`, or text.size() if none.
std::size_t first_invalid_utf8(std::string_view text);

}  // namespace nurture::segment
