#pragma once
/// Reading ad spend from CSV files (issue 6, ROI) into per-source, per-month totals: a preview
/// the user confirms, then one SetAdSpend. Three layouts are recognised by their header row
/// (which may follow a few title lines, as in Google Ads downloads):
/// - Nurture's own: `month,source,amount` (other columns ignored) — month "YYYY-MM", source a lead source id
/// or
///   name, amount as typed ("1234.56", "$1,234.56");
/// - a Google Ads report: a "Month" (or "Day") column and a "Cost" column, any campaign
///   columns; the user picks the lead source for the whole file;
/// - a Meta Ads Manager export: "Reporting starts" (and "Reporting ends") with an
///   "Amount spent (…)" column; the user picks the lead source.
/// Rows of the same source and month are summed. Every data row is either counted or listed as
/// rejected with its line and the reason (total rows of an export are rejected, so they are
/// not counted twice). See docs/import.md "Ad spend".

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/commands/spend_commands.hpp"
#include "core/model/workspace.hpp"
#include "core/util/expected.hpp"

namespace nurture {

enum class SpendFileFormat : std::uint8_t { nurture, google_ads, meta_ads };
/// "Nurture spend table", "Google Ads report", "Meta Ads Manager export".
std::string_view describe(SpendFileFormat format);

struct SpendImportOptions {
  /// The lead source id the whole file's spend belongs to. Required for Google Ads and Meta
  /// files; for Nurture's own layout it fills in rows whose source cell is empty.
  std::string source;
};

/// One source and month of the file, summed.
struct SpendMonthTotal {
  std::string source;  ///< a live lead source id
  YearMonth month;
  std::int64_t cents = 0;
  std::size_t rows = 0;                  ///< rows summed into it
  std::optional<std::int64_t> previous;  ///< the table's live entry now, if any (replaced)
  friend bool operator==(const SpendMonthTotal&, const SpendMonthTotal&) = default;
};

struct SpendRowError {
  std::size_t line = 0;  ///< 1-based line of the file
  std::string reason;
  friend bool operator==(const SpendRowError&, const SpendRowError&) = default;
};

/// What a spend file holds, for the preview.
struct SpendImport {
  SpendFileFormat format = SpendFileFormat::nurture;
  std::size_t header_line = 0;
  std::vector<SpendMonthTotal> totals;  ///< sorted by source, then month
  std::size_t rows_read = 0;            ///< data rows after the header (counted + rejected)
  std::vector<SpendRowError> rejected;  ///< in file order
  [[nodiscard]] std::int64_t total_cents() const;
  /// The command that stores the totals: each replaces its month's figure (importing the same
  /// file twice leaves the table as it is). Its summary names the file's layout.
  [[nodiscard]] SetAdSpend command(UnixMillis now) const;
};

/// Reads `text` (CSV or TSV, any line ends, with or without a BOM) against the workspace's
/// live lead sources. Fails, with a message for the user, when no known header row is found in
/// the first 20 lines, when a Google or Meta file has no (live) source chosen, or when the file
/// is empty. Row problems do not fail the read: they are listed in `rejected`.
Expected<SpendImport> read_spend_csv(const Workspace& ws, std::string_view text,
                                     const SpendImportOptions& options = {});

/// A month as people and ad platforms write it: "2026-03", a date in it ("2026-03-01",
/// "3/1/2026"), or "March 2026" / "Mar 2026" (English names, any case).
std::optional<YearMonth> parse_spend_month(std::string_view text);

}  // namespace nurture
