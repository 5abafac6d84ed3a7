#pragma once
/// Small helpers for writing JSON text directly (the workspace writer builds no DOM).

#include <charconv>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace nurture::json_text {

/// True when a byte of `w` is '"', '\\' or below 0x20 (bytes from 0x80 are copied as is).
inline bool needs_escape(std::uint64_t w) {
  constexpr std::uint64_t k_ones = 0x0101010101010101ULL;
  constexpr std::uint64_t k_high = 0x8080808080808080ULL;
  const std::uint64_t quote = w ^ (k_ones * '"');
  const std::uint64_t slash = w ^ (k_ones * '\\');
  // Each test may flag a byte above a flagged one (borrows), never miss one: a false positive
  // only sends the byte loop over a few plain bytes.
  const std::uint64_t found =
      ((quote - k_ones) & ~quote) | ((slash - k_ones) & ~slash) | ((w - k_ones * 0x20) & ~w);
  return (found & k_high) != 0;
}

/// Appends `s` as a JSON string literal. Escapes like nlohmann's dump(): \" \\ \b \f \n \r \t,
/// other control characters as \u00xx; UTF-8 is copied as is (the caller keeps it valid).
inline void append_string(std::string& out, std::string_view s) {
  static constexpr char k_hex[] = "0123456789abcdef";
  out.push_back('"');
  std::size_t run = 0;  // start of the current run of bytes that need no escaping
  for (std::size_t i = 0; i < s.size(); ++i) {
    // Fast path: skip 8 bytes at a time while none needs escaping.
    while (i + 8 <= s.size()) {
      std::uint64_t w = 0;
      std::memcpy(&w, s.data() + i, 8);
      if (needs_escape(w)) break;
      i += 8;
    }
    if (i >= s.size()) break;
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(s.data() + run, i - run);
    run = i + 1;
    switch (c) {
      case '"':
        out.append("\\\"");
        break;
      case '\\':
        out.append("\\\\");
        break;
      case '\b':
        out.append("\\b");
        break;
      case '\f':
        out.append("\\f");
        break;
      case '\n':
        out.append("\\n");
        break;
      case '\r':
        out.append("\\r");
        break;
      case '\t':
        out.append("\\t");
        break;
      default:
        out.append("\\u00");
        out.push_back(k_hex[c >> 4]);
        out.push_back(k_hex[c & 0xF]);
    }
  }
  out.append(s.data() + run, s.size() - run);
  out.push_back('"');
}

template <class Int>
void append_int(std::string& out, Int v) {
  char buf[24];
  const auto res = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, res.ptr);
}

/// Appends `"<prefix><16 lowercase hex digits>"`, the text form of lead and event ids, without
/// a temporary string.
inline void append_hex_id(std::string& out, char prefix, std::uint64_t v) {
  static constexpr char k_hex[] = "0123456789abcdef";
  char buf[19];
  buf[0] = '"';
  buf[1] = prefix;
  for (int i = 17; i >= 2; --i, v >>= 4) buf[i] = k_hex[v & 0xF];
  buf[18] = '"';
  out.append(buf, sizeof buf);
}

/// Appends `"key":` (compact) — keys are our own ASCII names, never escaped.
inline void append_key(std::string& out, std::string_view key) {
  out.push_back('"');
  out.append(key);
  out.append("\":");
}

}  // namespace nurture::json_text
