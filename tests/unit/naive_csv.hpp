#pragma once
// The CSV reader as it was before it read in runs: one byte at a time, deliberately simple and
// slow. The oracle for csv_test.cpp's property test and for csv_import_fuzz.

#include <cstddef>
#include <string>
#include <string_view>

#include "core/io/csv.hpp"

namespace nurture::test {

struct NaiveCsv {
  std::string_view text;
  CsvOptions options;
  char delim = ',';
  std::size_t pos = 0;
  std::size_t line = 1;

  bool next(CsvRecord& out) {
    out.fields.clear();
    out.error.clear();
    const std::size_t n = text.size();
    while (pos < n && (text[pos] == '\n' || text[pos] == '\r')) {
      if (text[pos] == '\r' && pos + 1 < n && text[pos + 1] == '\n') ++pos;
      ++pos;
      ++line;
    }
    if (pos >= n) return false;
    out.line = line;
    std::string field;
    bool in_quotes = false;
    bool was_quoted = false;
    bool too_long = false;
    const auto finish_field = [&] {
      if (out.fields.size() >= options.max_fields) {
        if (out.error.empty()) out.error = "more than " + std::to_string(options.max_fields) + " fields";
      } else {
        out.fields.push_back(field);
      }
      field.clear();
      was_quoted = false;
    };
    const auto append = [&](char c) {
      if (field.size() < options.max_field_bytes) {
        field.push_back(c);
      } else {
        too_long = true;
      }
    };
    while (pos < n) {
      const char c = text[pos];
      if (in_quotes) {
        if (c == '"') {
          if (pos + 1 < n && text[pos + 1] == '"') {
            append('"');
            pos += 2;
            continue;
          }
          in_quotes = false;
          ++pos;
          continue;
        }
        if (c == '\n' || (c == '\r' && !(pos + 1 < n && text[pos + 1] == '\n'))) ++line;
        append(c);
        ++pos;
        continue;
      }
      if (c == '"' && field.empty() && !was_quoted) {
        in_quotes = true;
        was_quoted = true;
        ++pos;
        continue;
      }
      if (c == delim) {
        finish_field();
        ++pos;
        continue;
      }
      if (c == '\r' || c == '\n') {
        if (c == '\r' && pos + 1 < n && text[pos + 1] == '\n') ++pos;
        ++pos;
        ++line;
        break;
      }
      append(c);
      ++pos;
    }
    if (in_quotes && out.error.empty()) out.error = "a quoted field is not closed before the end of the file";
    finish_field();
    if (too_long && out.error.empty()) {
      out.error = "a field is longer than " + std::to_string(options.max_field_bytes) + " bytes";
    }
    return true;
  }
};

}  // namespace nurture::test
