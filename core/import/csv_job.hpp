#pragma once
// Internal to core/import: what the lead and the event import jobs share — the CSV reader, the
// header row, the job's status, and the guard against the workspace changing between steps.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/import/import_report.hpp"
#include "core/io/csv.hpp"
#include "core/model/workspace.hpp"
#include "core/util/expected.hpp"
#include "core/util/text.hpp"

namespace nurture::detail {

struct CsvJob {
  CsvJob(std::string_view text, char delimiter) : reader(text, CsvOptions{delimiter}) {}

  /// Reads the header row into `header`; false, with the job failed, when the file is empty,
  /// binary (a NUL byte in its first 64 KiB: a workbook or an image, not a CSV export), or the
  /// row is malformed or not UTF-8 (the file was saved in another encoding).
  bool read_header() {
    const std::string_view start = reader.text().substr(0, std::size_t{64} << 10U);
    if (start.starts_with("\xFF\xFE") || start.starts_with("\xFE\xFF"))
      return fail(
          "The file is UTF-16 text (Excel's \"Unicode Text\"): save it as CSV UTF-8 and import it again");
    if (start.find('\0') != std::string_view::npos)
      return fail("The file is not a CSV or TSV text file (it holds binary data): export it as CSV UTF-8");
    CsvRecord row;
    if (!reader.next(row)) return fail("The file is empty");
    if (!row.error.empty()) return fail("The header row is malformed: " + row.error);
    for (const auto& name : row.fields) {
      if (!is_valid_utf8(name))
        return fail("The header row is not valid UTF-8 text: save the file as CSV UTF-8 and import it again");
    }
    header = std::move(row.fields);
    return true;
  }

  /// Ends the job with `why`. Returns false, for `return fail(…)`.
  bool fail(std::string why) {
    status = Status::failure(std::move(why));
    done = true;
    return false;
  }

  /// Called at the start of every step. True on the first one (the caller takes the workspace's
  /// settings then); afterwards a changed workspace fails the job, since rows were matched
  /// against the workspace as it was.
  bool begin_step(const Workspace& ws) {
    if (!started) {
      started = true;
      revision = ws.revision;
      return true;
    }
    if (!done && ws.revision != revision)
      fail("The workspace changed during the import; start the import again");
    return false;
  }

  /// Reads up to `max_rows` records, handing each to `process`.
  template <class Process>
  void read_rows(std::size_t max_rows, Process&& process) {
    CsvRecord record;
    for (std::size_t n = 0; !done && n < max_rows; ++n) {
      if (!reader.next(record)) {
        done = true;
        break;
      }
      process(record);
    }
    if (!done && reader.offset() >= reader.size()) done = true;
  }

  [[nodiscard]] ImportProgress progress(std::size_t rows) const {
    return {reader.offset(), reader.size(), rows, done};
  }

  CsvReader reader;
  Status status;
  std::vector<std::string> header;
  bool done = false;
  bool started = false;
  std::uint64_t revision = 0;
};

}  // namespace nurture::detail
