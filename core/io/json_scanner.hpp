#pragma once
/// A fast, strict JSON tokenizer that drives a SAX-style handler directly from a string_view.
///
/// It replaces nlohmann's SAX parser on the workspace import hot path: nlohmann reads one
/// character at a time through an input adapter and builds every string byte by byte. This
/// scanner skips whitespace in a tight loop, finds the end of a string 8 bytes at a time
/// (stopping only at '"', '\\', control characters and non-ASCII bytes, which are then
/// validated as strict UTF-8), hands an escape-free string to the handler as a view into the
/// text (no copy; only strings with escapes are unescaped into a buffer) and parses integers
/// with from_chars. The grammar is RFC 8259 exactly (no NaN/Infinity, no comments, no trailing
/// commas, nothing after the document, not even a NUL byte, which nlohmann took as the end of
/// input); only a leading UTF-8 byte order mark is skipped. The handler enforces depth and all semantic
/// rules.

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>

namespace nurture::json_scan {

/// Why scanning stopped when the text itself is at fault (not the handler).
struct ScanError {
  std::size_t offset = 0;  ///< byte offset of the offending character (text size: at the end)
  std::string reason;      ///< e.g. "unexpected character ','"; empty when the handler refused
  bool utf8 = false;       ///< the text is not valid UTF-8 at `offset`
  bool giant = false;      ///< a string literal at `offset` is longer than `max_raw_string`
};

namespace detail {

inline bool is_space(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }

// Nonzero when any byte of `w` is '"', '\\', below 0x20 or at least 0x80 (classic SWAR tests).
inline std::uint64_t special_bytes(std::uint64_t w) {
  constexpr std::uint64_t k_ones = 0x0101010101010101ULL;
  constexpr std::uint64_t k_high = 0x8080808080808080ULL;
  const std::uint64_t quote = w ^ (k_ones * '"');
  const std::uint64_t slash = w ^ (k_ones * '\\');
  const std::uint64_t zero_quote = (quote - k_ones) & ~quote;
  const std::uint64_t zero_slash = (slash - k_ones) & ~slash;
  const std::uint64_t below = w - k_ones * 0x20;  // high bit set where the byte is < 0x20 (for ASCII)
  return (zero_quote | zero_slash | below | w) & k_high;
}

inline int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

inline void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

// Length of the strict UTF-8 sequence at p (no overlongs, no surrogates, at most U+10FFFF),
// or 0 when it is invalid.
inline int utf8_sequence(const unsigned char* p, const unsigned char* end) {
  const unsigned c = p[0];
  const auto cont = [&](int i, unsigned lo = 0x80, unsigned hi = 0xBF) {
    return p + i < end && p[i] >= lo && p[i] <= hi;
  };
  if (c >= 0xC2 && c <= 0xDF) return cont(1) ? 2 : 0;
  if (c == 0xE0) return cont(1, 0xA0) && cont(2) ? 3 : 0;
  if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF) return cont(1) && cont(2) ? 3 : 0;
  if (c == 0xED) return cont(1, 0x80, 0x9F) && cont(2) ? 3 : 0;
  if (c == 0xF0) return cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0;
  if (c >= 0xF1 && c <= 0xF3) return cont(1) && cont(2) && cont(3) ? 4 : 0;
  if (c == 0xF4) return cont(1, 0x80, 0x8F) && cont(2) && cont(3) ? 4 : 0;
  return 0;
}

}  // namespace detail

/// Why a resumed scan returned.
enum class ScanStatus : std::uint8_t {
  more,    ///< the budget is spent; call resume() again
  done,    ///< the whole text was one valid document and the handler accepted everything
  failed,  ///< see error(): `reason` is empty when the handler stopped the scan
};

/// A resumable scan of one JSON document: the scanner's position, open containers and the
/// next grammar state are members, so resume() can stop after about `budget` bytes and pick up
/// where it left off. The handler receives the same calls as from scan(), in the same order,
/// whatever the budgets. `text` must outlive the scanner and not change.
class Scanner {
 public:
  Scanner(std::string_view text, std::size_t max_raw_string)
      : m_begin(text.data()), m_end(text.data() + text.size()), m_p(m_begin), m_max_raw(max_raw_string) {
    // A UTF-8 byte order mark (some Windows editors write one) is skipped, as nlohmann did.
    if (text.size() >= 3 && std::memcmp(m_begin, "\xEF\xBB\xBF", 3) == 0) m_p += 3;
  }

  /// Scans on until at least `budget` more bytes are read (at least one value is always
  /// finished), the document ends or a problem is found. After done or failed, further calls
  /// return the same status and do nothing.
  template <class Handler>
  ScanStatus resume(Handler& h, std::size_t budget);

  /// Bytes of the text consumed so far.
  [[nodiscard]] std::size_t offset() const { return static_cast<std::size_t>(m_p - m_begin); }
  [[nodiscard]] std::size_t size() const { return static_cast<std::size_t>(m_end - m_begin); }
  [[nodiscard]] const ScanError& error() const { return m_err; }
  [[nodiscard]] ScanStatus status() const { return m_status; }

 private:
  const char* m_begin;
  const char* m_end;
  const char* m_p;
  std::size_t m_max_raw;
  bool m_started = false;  // a step has ended: resume between values
  ScanStatus m_status = ScanStatus::more;
  std::string m_stack;  // 'a' or 'o' per open container
  std::string m_buf;    // the current string or key, unescaped, when it holds escapes
  std::string m_raw;    // a floating number's text
  ScanError m_err;
};

template <class Handler>
ScanStatus Scanner::resume(Handler& h, std::size_t budget) {
  if (m_status != ScanStatus::more) return m_status;
  // The hot state lives in locals (the compiler keeps them in registers: a member pointer
  // would be reloaded after every write through a char*) and is stored back on return.
  const char* const begin = m_begin;
  const char* const end = m_end;
  const char* p = m_p;
  // At least one byte, so every step moves on (a pause needs p < end, see after_value).
  const std::size_t at_least = budget == 0 ? 1 : budget;
  const char* const limit = static_cast<std::size_t>(end - p) > at_least ? p + at_least : end;
  std::string& stack = m_stack;
  std::string& buf = m_buf;
  std::string& raw = m_raw;
  const std::size_t max_raw_string = m_max_raw;
  // The current string or key: a view into the text, or into buf when it held escapes.
  std::string_view str;
  ScanError& err = m_err;
  const auto finish = [&](ScanStatus s) {
    m_p = p;
    m_status = s;
    return s;
  };
  const auto pause = [&] {
    m_p = p;
    m_started = true;
    return ScanStatus::more;
  };

  const auto fail = [&](const char* at, std::string reason) {
    err.offset = static_cast<std::size_t>(at - begin);
    err.reason = std::move(reason);
    return false;
  };
  const auto unexpected = [&](const char* at) {
    if (at >= end) return fail(end, "unexpected end of input");
    const auto c = static_cast<unsigned char>(*at);
    if (c < 0x20 || c >= 0x7F) {
      if (c >= 0x80 && detail::utf8_sequence(reinterpret_cast<const unsigned char*>(at),
                                             reinterpret_cast<const unsigned char*>(end)) == 0) {
        err.utf8 = true;
      }
      return fail(at, "unexpected byte 0x" + std::string{"0123456789abcdef"[c >> 4]} +
                          std::string{"0123456789abcdef"[c & 15]});
    }
    return fail(at, std::string("unexpected character '") + *at + "'");
  };
  const auto skip_space = [&] {
    while (p < end && detail::is_space(*p)) ++p;
  };
  // p at the opening quote; on success p is past the closing quote and str holds the text.
  const auto read_string = [&]() -> bool {
    const char* const open = p;
    ++p;
    bool unescaped = false;  // buf holds the text so far (an escape was met)
    const char* seg = p;
    while (true) {
      while (true) {
        if (end - p >= 8) {
          std::uint64_t w = 0;
          std::memcpy(&w, p, 8);
          if (detail::special_bytes(w) == 0) {
            p += 8;
            continue;
          }
        }
        // The word holds a special byte (or a false positive of the test, or the text ends).
        const char* const stop = end - p >= 8 ? p + 8 : end;
        while (p < stop) {
          const auto c = static_cast<unsigned char>(*p);
          if (c == '"' || c == '\\' || c < 0x20 || c >= 0x80) break;
          ++p;
        }
        if (p == stop && p < end) continue;
        break;
      }
      if (static_cast<std::size_t>(p - open) > max_raw_string) {
        err.giant = true;
        return fail(open, "a string is too long");
      }
      if (p >= end) return fail(end, "unexpected end of input inside a string");
      const auto c = static_cast<unsigned char>(*p);
      if (c == '"') {
        if (unescaped) {
          buf.append(seg, static_cast<std::size_t>(p - seg));
          str = buf;
        } else {
          str = std::string_view(seg, static_cast<std::size_t>(p - seg));
        }
        ++p;
        return true;
      }
      if (c >= 0x80) {
        const int n = detail::utf8_sequence(reinterpret_cast<const unsigned char*>(p),
                                            reinterpret_cast<const unsigned char*>(end));
        if (n == 0) {
          err.utf8 = true;
          return fail(p, "invalid UTF-8");
        }
        p += n;
        continue;
      }
      if (c < 0x20) return fail(p, "a control character must be escaped in a string");
      // A backslash.
      if (!unescaped) {
        buf.clear();
        unescaped = true;
      }
      buf.append(seg, static_cast<std::size_t>(p - seg));
      if (end - p < 2) return fail(end, "unexpected end of input inside a string");
      const char e = p[1];
      p += 2;
      switch (e) {
        case '"':
          buf.push_back('"');
          break;
        case '\\':
          buf.push_back('\\');
          break;
        case '/':
          buf.push_back('/');
          break;
        case 'b':
          buf.push_back('\b');
          break;
        case 'f':
          buf.push_back('\f');
          break;
        case 'n':
          buf.push_back('\n');
          break;
        case 'r':
          buf.push_back('\r');
          break;
        case 't':
          buf.push_back('\t');
          break;
        case 'u': {
          const auto hex4 = [&](const char* at) -> int {
            if (end - at < 4) return -1;
            int v = 0;
            for (int i = 0; i < 4; ++i) {
              const int d = detail::hex_value(at[i]);
              if (d < 0) return -1;
              v = v * 16 + d;
            }
            return v;
          };
          const int hi = hex4(p);
          if (hi < 0) return fail(p - 2, "\\u must be followed by 4 hex digits");
          p += 4;
          auto cp = static_cast<std::uint32_t>(hi);
          if (cp >= 0xDC00 && cp <= 0xDFFF) return fail(p - 6, "a lone low surrogate escape");
          if (cp >= 0xD800 && cp <= 0xDBFF) {
            const int lo = (end - p >= 6 && p[0] == '\\' && p[1] == 'u') ? hex4(p + 2) : -1;
            if (lo < 0xDC00 || lo > 0xDFFF) {
              return fail(p - 6, "a high surrogate escape must be followed by a low one");
            }
            p += 6;
            cp = 0x10000 + ((cp - 0xD800) << 10) + (static_cast<std::uint32_t>(lo) - 0xDC00);
          }
          detail::append_utf8(buf, cp);
          break;
        }
        default:
          return fail(p - 2, "invalid escape in a string");
      }
      seg = p;
    }
  };
  const auto read_number = [&]() -> bool {
    const char* const start = p;
    const bool negative = *p == '-';
    if (negative) ++p;
    if (p < end && *p == '0') {
      ++p;
    } else if (p < end && *p >= '1' && *p <= '9') {
      while (p < end && *p >= '0' && *p <= '9') ++p;
    } else {
      return unexpected(p);
    }
    bool floating = false;
    if (p < end && *p == '.') {
      ++p;
      if (p >= end || *p < '0' || *p > '9') return unexpected(p);
      while (p < end && *p >= '0' && *p <= '9') ++p;
      floating = true;
    }
    if (p < end && (*p == 'e' || *p == 'E')) {
      ++p;
      if (p < end && (*p == '+' || *p == '-')) ++p;
      if (p >= end || *p < '0' || *p > '9') return unexpected(p);
      while (p < end && *p >= '0' && *p <= '9') ++p;
      floating = true;
    }
    if (!floating) {
      if (negative) {
        std::int64_t i = 0;
        if (std::from_chars(start, p, i).ec == std::errc{}) return h.number_integer(i);
      } else {
        std::uint64_t u = 0;
        if (std::from_chars(start, p, u).ec == std::errc{}) return h.number_unsigned(u);
      }
    }
    raw.assign(start, p);
    // Like nlohmann (and JSON's data model): a number too large for a double is refused.
    if (!std::isfinite(std::strtod(raw.c_str(), nullptr))) return fail(start, "number overflow");
    return h.number_float(raw);
  };
  const auto literal = [&](std::string_view word) {
    if (static_cast<std::size_t>(end - p) < word.size() || std::memcmp(p, word.data(), word.size()) != 0) {
      for (std::size_t i = 0; i < word.size(); ++i) {
        if (p + i >= end || p[i] != word[i]) return unexpected(p + i);
      }
    }
    p += word.size();
    return true;
  };

  const auto refuse = [&](const char* at) {
    unexpected(at);
    return finish(ScanStatus::failed);
  };

  // A step ends only between values (see after_value), so that is where the next one starts.
  if (m_started) goto after_value;

value:
  skip_space();
  if (p >= end) return refuse(p);
  switch (*p) {
    case '{':
      ++p;
      if (!h.start_object()) return finish(ScanStatus::failed);
      skip_space();
      if (p < end && *p == '}') {
        ++p;
        if (!h.end_object()) return finish(ScanStatus::failed);
        goto after_value;
      }
      stack.push_back('o');
      goto key;
    case '[':
      ++p;
      if (!h.start_array()) return finish(ScanStatus::failed);
      skip_space();
      if (p < end && *p == ']') {
        ++p;
        if (!h.end_array()) return finish(ScanStatus::failed);
        goto after_value;
      }
      stack.push_back('a');
      goto value;
    case '"':
      if (!read_string() || !h.string(str)) return finish(ScanStatus::failed);
      goto after_value;
    case 't':
      if (!literal("true") || !h.boolean(true)) return finish(ScanStatus::failed);
      goto after_value;
    case 'f':
      if (!literal("false") || !h.boolean(false)) return finish(ScanStatus::failed);
      goto after_value;
    case 'n':
      if (!literal("null") || !h.null()) return finish(ScanStatus::failed);
      goto after_value;
    default:
      if (*p == '-' || (*p >= '0' && *p <= '9')) {
        if (!read_number()) return finish(ScanStatus::failed);
        goto after_value;
      }
      return refuse(p);
  }

after_value:
  skip_space();
  if (stack.empty()) {
    if (p != end) return refuse(p);
    return finish(ScanStatus::done);
  }
  if (p >= end) return refuse(p);
  // Only here, between values, may a step end: every container and key is then complete.
  if (p >= limit) return pause();
  if (stack.back() == 'a') {
    if (*p == ',') {
      ++p;
      goto value;
    }
    if (*p == ']') {
      ++p;
      stack.pop_back();
      if (!h.end_array()) return finish(ScanStatus::failed);
      goto after_value;
    }
    return refuse(p);
  }
  if (*p == ',') {
    ++p;
    goto key;
  }
  if (*p == '}') {
    ++p;
    stack.pop_back();
    if (!h.end_object()) return finish(ScanStatus::failed);
    goto after_value;
  }
  return refuse(p);

key:
  skip_space();
  if (p >= end || *p != '"') return refuse(p);
  if (!read_string()) return finish(ScanStatus::failed);
  skip_space();
  if (p >= end || *p != ':') return refuse(p);
  ++p;
  if (!h.key(str)) return finish(ScanStatus::failed);
  goto value;
}

/// Scans `text` as one JSON document and calls the handler for each token:
///   null(), boolean(bool), number_integer(int64_t) for negative integers,
///   number_unsigned(uint64_t) for the others, number_float(const std::string& raw) for numbers
///   with a fraction or exponent or outside 64 bits, string(std::string_view),
///   key(std::string_view), start_object(), end_object(), start_array(), end_array(). A string's
///   view points into `text` or into the scanner's buffer and is valid only during the call.
/// Each handler call returns false to stop. Returns true when the whole text was one valid
/// document and the handler accepted everything; on false, `err.reason` is empty when the handler
/// stopped the scan, else it names the problem in the text. Never throws except std::bad_alloc.
/// String literals longer than `max_raw_string` bytes (escapes included) are refused before
/// they are copied.
template <class Handler>
bool scan(std::string_view text, Handler& h, ScanError& err, std::size_t max_raw_string) {
  Scanner scanner(text, max_raw_string);
  const ScanStatus s = scanner.resume(h, text.size());
  err = scanner.error();
  return s == ScanStatus::done;
}

}  // namespace nurture::json_scan
