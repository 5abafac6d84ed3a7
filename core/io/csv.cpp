#include "core/io/csv.hpp"

#include <algorithm>
#include <array>

namespace nurture {

namespace {

constexpr std::string_view k_bom = "\xEF\xBB\xBF";

std::string_view strip_bom(std::string_view text) {
  return text.substr(0, k_bom.size()) == k_bom ? text.substr(k_bom.size()) : text;
}

}  // namespace

char detect_delimiter(std::string_view text) {
  text = strip_bom(text);
  constexpr std::array<char, 4> candidates{',', '\t', ';', '|'};
  std::array<std::size_t, 4> counts{};
  bool quoted = false;
  for (const char c : text) {
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    if (c == '\n' || c == '\r') break;
    for (std::size_t i = 0; i < candidates.size(); ++i) {
      if (c == candidates[i]) ++counts[i];
    }
  }
  // Ties go to the earlier candidate, so a header without separators is read as CSV.
  std::size_t best = 0;
  for (std::size_t i = 1; i < candidates.size(); ++i) {
    if (counts[i] > counts[best]) best = i;
  }
  return candidates[best];
}

CsvReader::CsvReader(std::string_view text, CsvOptions options)
    : m_text(text), m_options(options), m_pos(text.size() - strip_bom(text).size()) {
  m_delim = options.delimiter != 0 ? options.delimiter : detect_delimiter(text);
}

bool CsvReader::next(CsvRecord& out) {
  out.fields.clear();
  out.error.clear();
  const std::size_t n = m_text.size();

  // Skip blank lines between records.
  while (m_pos < n && (m_text[m_pos] == '\n' || m_text[m_pos] == '\r')) {
    if (m_text[m_pos] == '\r' && m_pos + 1 < n && m_text[m_pos + 1] == '\n') ++m_pos;
    ++m_pos;
    ++m_line;
  }
  if (m_pos >= n) return false;
  out.line = m_line;

  std::string field;
  bool in_quotes = false;
  bool was_quoted = false;
  bool too_long = false;
  const auto finish_field = [&] {
    if (out.fields.size() >= m_options.max_fields) {
      if (out.error.empty()) out.error = "more than " + std::to_string(m_options.max_fields) + " fields";
    } else {
      out.fields.push_back(std::move(field));
    }
    field.clear();
    was_quoted = false;
  };
  // Literal text is taken in runs (up to the next quote, or the next separator or line end),
  // found with memchr (string_view::find of one char): a hostile 1 GB line is a few passes at
  // memory speed rather than a call per byte. Past max_field_bytes the rest of a run is dropped.
  const auto append_run = [&](std::size_t end) {
    const std::size_t len = end - m_pos;
    const std::size_t room = m_options.max_field_bytes - std::min(field.size(), m_options.max_field_bytes);
    if (len > room) too_long = true;
    field.append(m_text.substr(m_pos, std::min(len, room)));
    m_pos = end;
  };
  // The first `ch` in [from, to), or `to`.
  const auto find_in = [&](char ch, std::size_t from, std::size_t to) {
    const std::size_t at = m_text.substr(from, to - from).find(ch);
    return at == std::string_view::npos ? to : from + at;
  };
  // The next line feed and carriage return at or after m_pos, cached while m_pos has not passed
  // them, so a line of many fields is searched once, not once per field (that would be
  // quadratic). A carriage return is only looked for up to the line feed.
  std::size_t next_lf = 0;
  std::size_t next_cr = 0;
  bool lf_known = false;
  bool cr_known = false;
  const auto line_stop = [&] {
    if (!lf_known || next_lf < m_pos) {
      next_lf = find_in('\n', m_pos, n);
      lf_known = true;
      cr_known = false;
    }
    if (!cr_known || next_cr < m_pos) {
      next_cr = find_in('\r', m_pos, next_lf);
      cr_known = true;
    }
    return next_cr;
  };

  while (m_pos < n) {
    if (in_quotes) {
      const std::size_t quote = find_in('"', m_pos, n);
      // Line breaks inside the quoted run: a CRLF counts once, a lone CR or LF once each.
      for (std::size_t i = find_in('\n', m_pos, quote); i < quote; i = find_in('\n', i + 1, quote)) ++m_line;
      for (std::size_t i = find_in('\r', m_pos, quote); i < quote; i = find_in('\r', i + 1, quote)) {
        if (!(i + 1 < n && m_text[i + 1] == '\n')) ++m_line;
      }
      append_run(quote);
      if (m_pos >= n) break;
      if (m_pos + 1 < n && m_text[m_pos + 1] == '"') {
        if (field.size() < m_options.max_field_bytes) {
          field.push_back('"');
        } else {
          too_long = true;
        }
        m_pos += 2;
        continue;
      }
      in_quotes = false;
      ++m_pos;
      continue;
    }
    const char c = m_text[m_pos];
    if (c == '"' && field.empty() && !was_quoted) {
      in_quotes = true;
      was_quoted = true;
      ++m_pos;
      continue;
    }
    if (c == m_delim) {
      finish_field();
      ++m_pos;
      continue;
    }
    if (c == '\r' || c == '\n') {
      if (c == '\r' && m_pos + 1 < n && m_text[m_pos + 1] == '\n') ++m_pos;
      ++m_pos;
      ++m_line;
      break;
    }
    // Text after a closing quote ("a"b) and quotes inside unquoted fields are kept as they are,
    // the way spreadsheets read them.
    const std::size_t stop = line_stop();
    append_run(find_in(m_delim, m_pos + 1, stop));
  }
  if (in_quotes && out.error.empty()) out.error = "a quoted field is not closed before the end of the file";
  finish_field();
  if (too_long && out.error.empty()) {
    out.error = "a field is longer than " + std::to_string(m_options.max_field_bytes) + " bytes";
  }
  return true;
}

}  // namespace nurture
