#pragma once
/// Importing leads from CSV/TSV files as a resumable job: the UI calls step() a few hundred
/// rows per frame (progress bar, cancel by dropping the job), then finish() for the plan.
/// Nothing changes until the caller applies the plan's LeadBatch (one undo step); a dry run
/// is a plan that is never applied.
///
/// Rows become normalised Leads (email lowercased, phone E.164) and are deduplicated by
/// email, then phone, against the workspace and within the file. A phone match is used only
/// when one side has no email (two people with different emails may share a family phone).
/// A match with a live lead becomes an update that fills empty fields, unites tags,
/// interests and custom fields, adds consent and opt-outs and never blanks anything. Every
/// data row is counted once in the report (see ImportReport).

#include <cstdint>
#include <deque>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/commands/command.hpp"
#include "core/import/csv_job.hpp"
#include "core/import/import_report.hpp"
#include "core/import/lead_row.hpp"
#include "core/import/mapping.hpp"
#include "core/import/values.hpp"
#include "core/io/csv.hpp"
#include "core/model/workspace.hpp"
#include "core/util/expected.hpp"

namespace nurture {

struct LeadImportOptions {
  ImportFormat format = ImportFormat::automatic;
  /// Mailchimp files only: which of the three audience files; detect reads the header.
  MailchimpKind mailchimp_kind = MailchimpKind::detect;
  /// A whole mapping (one target per column) instead of the preset's; overrides still apply.
  std::optional<std::vector<ColumnTarget>> mapping;
  /// "COLUMN=FIELD" items, as the CLI's --map (see apply_overrides).
  std::vector<std::string> overrides;
  DateOrder date_order = DateOrder::month_first;
  /// Offset east of UTC for times written without one (created_at). Mailchimp's are UTC.
  int utc_offset_minutes = 0;
  /// Wall time of the import (Unix ms): stamps, and the limit for future dates.
  UnixMillis now = 0;
  /// Source of fresh lead ids (the core has no entropy). Zero and taken ids are skipped.
  std::function<std::uint64_t()> next_id;
  /// Field separator; 0 detects it (Meta's export is tab-separated).
  char delimiter = 0;
};

/// What finish() returns: the report and the one command that applies everything.
struct LeadImportPlan {
  ImportReport report;
  LeadBatch command;  ///< summary = a one-line description of the counts
  ImportFormat format = ImportFormat::csv;
  std::vector<ColumnTarget> mapping;
};

class LeadImport {
 public:
  /// Reads the header. `text` must outlive the job. Problems with the header or the mapping
  /// make status() fail; step() and finish() then do nothing / return that error.
  LeadImport(std::string_view text, LeadImportOptions options);

  [[nodiscard]] const Status& status() const { return m_job.status; }
  [[nodiscard]] const std::vector<std::string>& header() const { return m_job.header; }
  [[nodiscard]] const std::vector<ColumnTarget>& mapping() const { return m_ctx.mapping; }
  [[nodiscard]] ImportFormat format() const { return m_ctx.format; }
  [[nodiscard]] MailchimpKind mailchimp_kind() const { return m_ctx.mailchimp_kind; }
  /// The report so far (counts of the rows read).
  [[nodiscard]] const ImportReport& report() const { return m_report; }
  [[nodiscard]] bool done() const { return m_job.done; }

  /// Reads up to `max_rows` data rows, matching them against `ws`. The workspace must not
  /// change while the job runs (its revision is checked; a change fails the job).
  ImportProgress step(const Workspace& ws, std::size_t max_rows);
  /// Reads the remaining rows and builds the plan. Call once.
  Expected<LeadImportPlan> finish(const Workspace& ws);

 private:
  struct Pending {
    std::optional<std::uint32_t> row;  ///< the matched workspace row
    Lead base;                         ///< that row's lead as stored
    Lead merged;                       ///< the wanted state
    bool stage_given = false;
  };
  void process(const Workspace& ws, const CsvRecord& record);
  std::optional<std::size_t> match(const Workspace& ws, const Lead& lead);
  void index(std::size_t pending);

  detail::CsvJob m_job;
  LeadImportOptions m_options;
  detail::RowContext m_ctx;
  ImportReport m_report;
  std::deque<Pending> m_pending;  // grows without moving the Leads already read
  std::unordered_map<std::string, std::size_t> m_by_email;
  std::unordered_map<std::string, std::size_t> m_by_phone;
  std::unordered_map<std::uint32_t, std::size_t> m_by_row;
};

/// The whole job in one call (CLI, tests).
Expected<LeadImportPlan> plan_lead_import(std::string_view text, const Workspace& ws,
                                          LeadImportOptions options);

}  // namespace nurture
