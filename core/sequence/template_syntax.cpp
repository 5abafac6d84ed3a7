#include "core/sequence/template_syntax.hpp"

#include <algorithm>

#include "core/import/values.hpp"

namespace nurture {

namespace {

bool is_word_byte(char c) {
  const auto u = static_cast<unsigned char>(c);
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || u >= 0x80;
}

char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

void add_text(std::vector<TemplateToken>& out, std::size_t offset, std::size_t length,
              std::string_view text) {
  // Adjacent literal runs (text, then an escaped brace) merge into one token so a caller sees
  // "a { b" as one piece of text.
  if (!out.empty() && out.back().kind == TemplateTokenKind::text &&
      out.back().offset + out.back().length == offset) {
    out.back().length += length;
    out.back().text += text;
    return;
  }
  out.push_back({TemplateTokenKind::text, offset, length, std::string(text)});
}

// The length of the match of `term` at `pos` in `text`, or 0. Separators in the term ('-', '_',
// ' ') match any run of one separator (space or hyphen) in the text.
std::size_t match_at(std::string_view text, std::size_t pos, std::string_view term) {
  std::size_t i = pos;
  for (const char tc : term) {
    if (tc == '-' || tc == '_' || tc == ' ') {
      if (i >= text.size() || (text[i] != ' ' && text[i] != '-')) return 0;
      ++i;
      continue;
    }
    if (i >= text.size() || lower(text[i]) != lower(tc)) return 0;
    ++i;
  }
  return i - pos;
}

}  // namespace

bool is_merge_field(std::string_view name) {
  return std::find(k_merge_fields.begin(), k_merge_fields.end(), name) != k_merge_fields.end();
}

std::vector<TemplateToken> tokenize_template(std::string_view text) {
  std::vector<TemplateToken> out;
  std::size_t i = 0;
  std::size_t run = 0;  // start of the current literal run
  const auto flush = [&](std::size_t end) {
    if (end > run) add_text(out, run, end - run, text.substr(run, end - run));
  };
  while (i < text.size()) {
    const char c = text[i];
    if (c != '{' && c != '}') {
      ++i;
      continue;
    }
    flush(i);
    if (i + 1 < text.size() && text[i + 1] == c) {
      add_text(out, i, 2, std::string_view(&text[i], 1));
      i += 2;
    } else if (c == '}') {
      out.push_back({TemplateTokenKind::stray_close, i, 1, "}"});
      ++i;
    } else {
      const std::size_t close = text.find_first_of("{}", i + 1);
      if (close == std::string_view::npos || text[close] == '{') {
        out.push_back({TemplateTokenKind::stray_open, i, 1, "{"});
        ++i;
      } else {
        out.push_back(
            {TemplateTokenKind::field, i, close - i + 1, std::string(text.substr(i + 1, close - i - 1))});
        i = close + 1;
      }
    }
    run = i;
  }
  flush(text.size());
  return out;
}

std::vector<TextMatch> find_words(std::string_view text, std::string_view term) {
  std::vector<TextMatch> out;
  if (term.empty()) return out;
  for (std::size_t pos = 0; pos < text.size(); ++pos) {
    if (pos > 0 && is_word_byte(text[pos - 1])) continue;
    std::size_t len = match_at(text, pos, term);
    if (len == 0) continue;
    // A plural ending: "fillers", "lips", "lashes".
    const std::size_t end = pos + len;
    if (end < text.size() && lower(text[end]) == 's' &&
        (end + 1 == text.size() || !is_word_byte(text[end + 1]))) {
      ++len;
    } else if (end + 1 < text.size() && lower(text[end]) == 'e' && lower(text[end + 1]) == 's' &&
               (end + 2 == text.size() || !is_word_byte(text[end + 2]))) {
      len += 2;
    }
    if (pos + len < text.size() && is_word_byte(text[pos + len])) continue;
    out.push_back({pos, len});
    pos += len - 1;
  }
  return out;
}

bool has_stop_wording(std::string_view text) {
  for (const auto& m : find_words(text, "stop")) {
    if (text.substr(m.offset, 4) == "STOP") return true;
  }
  return !find_words(text, "reply stop").empty() || !find_words(text, "text stop").empty();
}

bool mentions_unsubscribe(std::string_view text) {
  return ascii_lower(text).find("unsubscribe") != std::string::npos;
}

}  // namespace nurture
