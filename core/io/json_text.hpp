#pragma once
/// Small helpers for writing JSON text directly (the workspace writer builds no DOM).

#include <charconv>
#include <cstdint>
#include <string>
#include <string_view>

namespace nurture::json_text {

/// Appends `s` as a JSON string literal. Escapes like nlohmann's dump(): \" \\ \b \f \n \r \t,
/// other control characters as \u00xx; UTF-8 is copied as is (the caller keeps it valid).
inline void append_string(std::string& out, std::string_view s) {
  static constexpr char k_hex[] = "0123456789abcdef";
  out.push_back('"');
  std::size_t run = 0;  // start of the current run of bytes that need no escaping
  for (std::size_t i = 0; i < s.size(); ++i) {
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

/// Appends `"key":` (compact) — keys are our own ASCII names, never escaped.
inline void append_key(std::string& out, std::string_view key) {
  out.push_back('"');
  out.append(key);
  out.append("\":");
}

}  // namespace nurture::json_text
