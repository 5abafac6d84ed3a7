#pragma once
/// A forgiving, streaming reader for the CSV and TSV files practices really have: spreadsheet
/// exports with or without a UTF-8 BOM, CRLF or LF line ends, quoted fields holding separators,
/// quotes and newlines, and tab-separated "CSV" such as Meta's lead-ads export. One record at a
/// time, so a large file never needs a second copy in memory.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace nurture {

struct CsvOptions {
  /// Field separator; 0 detects it from the first record (comma, tab, semicolon or pipe).
  char delimiter = 0;
  /// A field longer than this makes its record an error (hostile or broken files).
  std::size_t max_field_bytes = 1u << 20;
  /// A record with more fields than this is an error.
  std::size_t max_fields = 4096;
};

struct CsvRecord {
  std::size_t line = 0;  ///< 1-based line on which the record starts
  std::vector<std::string> fields;
  std::string error;  ///< non-empty when the record is malformed; fields hold what was read
};

class CsvReader {
 public:
  /// `text` must outlive the reader. A leading UTF-8 byte-order mark is skipped.
  explicit CsvReader(std::string_view text, CsvOptions options = {});

  /// Reads the next record into `out`. Returns false at the end of the input. Blank lines are
  /// skipped. A malformed record still returns true, with `out.error` saying what is wrong.
  bool next(CsvRecord& out);

  [[nodiscard]] char delimiter() const { return m_delim; }
  /// Bytes consumed so far (for progress bars).
  [[nodiscard]] std::size_t offset() const { return m_pos; }
  [[nodiscard]] std::size_t size() const { return m_text.size(); }
  /// The whole input, as given.
  [[nodiscard]] std::string_view text() const { return m_text; }

 private:
  std::string_view m_text;
  CsvOptions m_options;
  char m_delim = ',';
  std::size_t m_pos = 0;
  std::size_t m_line = 1;
};

/// The separator the first record of `text` most likely uses.
char detect_delimiter(std::string_view text);

}  // namespace nurture
