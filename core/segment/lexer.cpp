#include "core/segment/lexer.hpp"

#include <charconv>
#include <cmath>
#include <cstdlib>

#include "core/segment/vocabulary.hpp"
#include "core/util/text.hpp"

namespace nurture::segment {

namespace {

constexpr std::uint32_t k_max_duration = 100000;

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }
// Non-ASCII bytes belong to words, so `city = Zürich` needs no quotes; the text was checked to
// be valid UTF-8 before lexing, so a word never splits a code point.
bool starts_word(char c) { return is_alpha(c) || c == '_' || static_cast<unsigned char>(c) >= 0x80; }
bool continues_word(char c) { return starts_word(c) || is_digit(c) || c == '.' || c == '-'; }

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (const char c : s) {
    if (!is_digit(c)) return false;
  }
  return true;
}

class Lexer {
 public:
  explicit Lexer(std::string_view text) : m_text(text) {}

  std::vector<Token> run() {
    std::vector<Token> tokens;
    while (true) {
      const std::size_t before = m_pos;
      while (m_pos < m_text.size() && is_space(m_text[m_pos])) ++m_pos;
      const bool glued = m_pos == before && before > 0;
      Token token = next();
      token.glued = glued;
      const bool last = token.kind == TokenKind::end || token.kind == TokenKind::error;
      tokens.push_back(std::move(token));
      if (last) return tokens;
    }
  }

 private:
  Token make(TokenKind kind, std::size_t begin) {
    Token t;
    t.kind = kind;
    t.raw = m_text.substr(begin, m_pos - begin);
    t.span = {static_cast<std::uint32_t>(begin), static_cast<std::uint32_t>(m_pos)};
    return t;
  }

  Token error(std::size_t begin, std::string message) {
    Token t = make(TokenKind::error, begin);
    t.text = std::move(message);
    return t;
  }

  Token next() {
    const std::size_t begin = m_pos;
    if (m_pos >= m_text.size()) return make(TokenKind::end, begin);
    const char c = m_text[m_pos];
    const char after = m_pos + 1 < m_text.size() ? m_text[m_pos + 1] : '\0';
    if (c == '(' || c == ')' || c == ',') {
      ++m_pos;
      return make(c == '(' ? TokenKind::lparen : c == ')' ? TokenKind::rparen : TokenKind::comma, begin);
    }
    if (c == '=' || c == '<' || c == '>' || (c == '!' && after == '=')) {
      ++m_pos;
      CompareOp op = c == '='   ? CompareOp::eq
                     : c == '<' ? CompareOp::lt
                     : c == '>' ? CompareOp::gt
                                : CompareOp::ne;
      if (after == '=' && c != '=') {
        ++m_pos;
        if (op == CompareOp::lt) op = CompareOp::le;
        if (op == CompareOp::gt) op = CompareOp::ge;
      }
      Token t = make(TokenKind::op, begin);
      t.op = op;
      return t;
    }
    if (c == '"') return string(begin);
    if (is_digit(c) || (c == '-' && is_digit(after))) return numeric(begin);
    if (starts_word(c)) {
      while (m_pos < m_text.size() && continues_word(m_text[m_pos])) ++m_pos;
      return make(TokenKind::word, begin);
    }
    ++m_pos;
    if (c == '\'') return error(begin, "text goes in double quotes (\"like this\"), not single quotes");
    const auto printable = static_cast<unsigned char>(c) >= 0x20 && c != 0x7f;
    return error(begin, printable ? "unexpected character '" + std::string(1, c) + "'"
                                  : "unexpected control character");
  }

  Token string(std::size_t begin) {
    std::string value;
    ++m_pos;  // the opening quote
    while (m_pos < m_text.size()) {
      const char c = m_text[m_pos];
      if (c == '"') {
        ++m_pos;
        Token t = make(TokenKind::string, begin);
        t.text = std::move(value);
        return t;
      }
      if (c == '\n') break;
      if ((static_cast<unsigned char>(c) < 0x20 && c != '\t') || c == 0x7f) {
        ++m_pos;
        return error(m_pos - 1, "unexpected control character in the string");
      }
      if (c == '\\') {
        const char e = m_pos + 1 < m_text.size() ? m_text[m_pos + 1] : '\0';
        if (e != '"' && e != '\\') {
          const std::size_t at = m_pos;
          m_pos += (e == '\0' || e == '\n') ? 1 : 2;
          return error(at, "in a string, a backslash may only escape \" or \\");
        }
        value.push_back(e);
        m_pos += 2;
        continue;
      }
      value.push_back(c);
      ++m_pos;
    }
    return error(begin, "the string is not closed: a closing \" is missing before the end of the line");
  }

  // Everything that starts with a digit (or a minus and a digit) is a number, a date or a
  // duration; read the whole run of word characters first, so `12x` is one bad token rather
  // than a number followed by a word.
  Token numeric(std::size_t begin) {
    ++m_pos;
    while (m_pos < m_text.size() && continues_word(m_text[m_pos])) ++m_pos;
    const std::string_view raw = m_text.substr(begin, m_pos - begin);
    const bool negative = raw.front() == '-';
    const std::string_view body = negative ? raw.substr(1) : raw;
    if (!negative && raw.size() == 10 && all_digits(raw.substr(0, 4)) && raw[4] == '-' &&
        all_digits(raw.substr(5, 2)) && raw[7] == '-' && all_digits(raw.substr(8, 2))) {
      const auto date = parse_date(raw);
      if (!date) return error(begin, "'" + std::string(raw) + "' is not a real date");
      Token t = make(TokenKind::date, begin);
      t.date = *date;
      return t;
    }
    const char unit = body.empty() ? '\0' : body.back();
    if (body.size() >= 2 && all_digits(body.substr(0, body.size() - 1)) && is_alpha(unit)) {
      return duration(begin, raw, body, negative);
    }
    const std::size_t dot = body.find('.');
    const bool decimal_ok = dot == std::string_view::npos
                                ? all_digits(body)
                                : all_digits(body.substr(0, dot)) && all_digits(body.substr(dot + 1));
    if (!decimal_ok) {
      return error(begin,
                   "'" + std::string(raw) +
                       "' is not a number, a date (2026-01-31) or a duration (30d); put text in quotes");
    }
    const std::string copy(raw);  // strtod needs a terminated string; the locale is "C" in the core
    const double value = std::strtod(copy.c_str(), nullptr);
    if (!std::isfinite(value)) return error(begin, "the number '" + copy + "' is too large");
    Token t = make(TokenKind::number, begin);
    t.number = value;
    return t;
  }

  Token duration(std::size_t begin, std::string_view raw, std::string_view body, bool negative) {
    const char unit = static_cast<char>(body.back() | 0x20);  // ASCII lower case
    DurationUnit u{};
    switch (unit) {
      case 'h':
        u = DurationUnit::hours;
        break;
      case 'd':
        u = DurationUnit::days;
        break;
      case 'w':
        u = DurationUnit::weeks;
        break;
      case 'm':
        u = DurationUnit::months;
        break;
      case 'y':
        u = DurationUnit::years;
        break;
      default:
        return error(begin,
                     "'" + std::string(raw) + "' is not a duration: the unit is h, d, w, m or y (30d)");
    }
    if (negative) return error(begin, "a duration cannot be negative: '" + std::string(raw) + "'");
    const std::string_view digits = body.substr(0, body.size() - 1);
    std::uint64_t count = 0;
    const auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), count);
    if (ec != std::errc{} || count < 1 || count > k_max_duration) {
      return error(begin,
                   "the duration '" + std::string(raw) + "' is out of range: the count is 1 to 100000");
    }
    Token t = make(TokenKind::duration, begin);
    t.duration = {static_cast<std::uint32_t>(count), u};
    return t;
  }

  std::string_view m_text;
  std::size_t m_pos = 0;
};

}  // namespace

std::vector<Token> tokenize(std::string_view text) { return Lexer(text).run(); }

bool is_word_tail(std::string_view text) {
  if (text.empty() || first_invalid_utf8(text) != text.size()) return false;
  for (const char c : text) {
    if (!continues_word(c)) return false;
  }
  return true;
}

bool is_bare_word(std::string_view text) {
  return !text.empty() && starts_word(text.front()) && is_word_tail(text) && !is_reserved_word(text);
}

LineColumn line_column(std::string_view text, std::size_t offset) {
  LineColumn lc;
  if (offset > text.size()) offset = text.size();
  for (std::size_t i = 0; i < offset; ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '\n') {
      ++lc.line;
      lc.column = 1;
    } else if ((c & 0xC0) != 0x80) {
      ++lc.column;  // one per code point: continuation bytes do not count
    }
  }
  return lc;
}

std::size_t first_invalid_utf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    std::size_t len = 1;
    if (c >= 0x80) {
      len = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
      if (len == 0 || i + len > text.size() || !is_valid_utf8(text.substr(i, len))) return i;
    }
    i += len;
  }
  return text.size();
}

}  // namespace nurture::segment
