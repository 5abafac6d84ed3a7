#include "core/io/csv.hpp"

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
  const auto append = [&](char c) {
    if (field.size() < m_options.max_field_bytes) {
      field.push_back(c);
    } else {
      too_long = true;
    }
  };

  while (m_pos < n) {
    const char c = m_text[m_pos];
    if (in_quotes) {
      if (c == '"') {
        if (m_pos + 1 < n && m_text[m_pos + 1] == '"') {
          append('"');
          m_pos += 2;
          continue;
        }
        in_quotes = false;
        ++m_pos;
        continue;
      }
      if (c == '\n' || (c == '\r' && !(m_pos + 1 < n && m_text[m_pos + 1] == '\n'))) ++m_line;
      append(c);
      ++m_pos;
      continue;
    }
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
    append(c);
    ++m_pos;
  }
  if (in_quotes && out.error.empty()) out.error = "a quoted field is not closed before the end of the file";
  finish_field();
  if (too_long && out.error.empty()) {
    out.error = "a field is longer than " + std::to_string(m_options.max_field_bytes) + " bytes";
  }
  return true;
}

}  // namespace nurture
