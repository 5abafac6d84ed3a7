#pragma once
/// What an import job reports: counts that add up to the number of data rows, and the rows
/// behind the errors, skips and warnings (1-based data row and the file line it starts on).

#include <cstddef>
#include <string>
#include <vector>

namespace nurture {

struct RowIssue {
  std::size_t row = 0;   ///< 1-based data row (the header is row 0)
  std::size_t line = 0;  ///< 1-based line of the file where the row starts
  std::string message;
  friend bool operator==(const RowIssue&, const RowIssue&) = default;
};

/// Every data row is counted in exactly one of added, updated, merged, unchanged, skipped
/// and errors (for event imports: added, skipped, unmatched and errors). The lists hold the
/// first k_max_listed issues of each kind; the counts are always exact.
struct ImportReport {
  static constexpr std::size_t k_max_listed = 1000;
  std::size_t rows = 0;
  std::size_t added = 0;      ///< new leads (or events logged)
  std::size_t updated = 0;    ///< rows that brought something new to an existing lead
  std::size_t merged = 0;     ///< rows for the same person as an earlier row of the file
  std::size_t unchanged = 0;  ///< rows matching an existing lead with nothing new
  std::size_t skipped = 0;    ///< empty rows, duplicate events (reason in skipped_rows)
  std::size_t unmatched = 0;  ///< event rows whose lead was not found
  std::size_t errors = 0;     ///< rows refused (reason in error_rows)
  /// Event imports: replies classified as opt-outs and unsubscribes that set do-not-contact
  /// (each also listed in warnings). Not a row count: these rows are also counted as added.
  std::size_t opt_outs = 0;
  std::vector<RowIssue> error_rows;
  std::vector<RowIssue> skipped_rows;  ///< skipped and unmatched rows
  std::vector<RowIssue> warnings;      ///< values ignored or kept; the row itself was used
  friend bool operator==(const ImportReport&, const ImportReport&) = default;
};

/// Adds an issue to `list` unless it is full.
void note(std::vector<RowIssue>& list, std::size_t row, std::size_t line, std::string message);

/// The report as JSON with a fixed key order (the CLI prints it; golden tests compare it).
std::string to_json(const ImportReport& report);

/// Where a running job is, for a progress bar.
struct ImportProgress {
  std::size_t bytes_done = 0;
  std::size_t bytes_total = 0;
  std::size_t rows = 0;  ///< data rows read so far
  bool done = false;     ///< no rows left (or the job failed: see status())
};

}  // namespace nurture
