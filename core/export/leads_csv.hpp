#pragma once
/// The leads as a CSV file a spreadsheet opens correctly: UTF-8 with a byte-order mark (so
/// Excel reads accents right), CRLF line ends, RFC 4180 quoting (only fields holding a comma,
/// quote, CR or LF are quoted, quotes doubled), one row per live lead in row order.
///
/// Columns, in this order: nurture_id, first_name, last_name, email, phone, birth_date, age,
/// gender, street, city, state, zip, country, time_zone, source, campaign, ad, form,
/// interests, tags, stage, created_at, notes, email_consent, sms_consent, call_consent,
/// do_not_contact, then one "custom:<name>" column per custom field name in use (sorted).
/// Lists are joined with "; ". Consent columns say "granted", "revoked" or nothing (marketing
/// purpose); do_not_contact lists the blocked channels. Dates are ISO (birth_date
/// YYYY-MM-DD, created_at YYYY-MM-DDTHH:MM:SSZ).
///
/// Formula injection (R16): every text cell starting with '=', '+', '-', '@', tab or CR gets
/// a leading apostrophe, so "=HYPERLINK(…)" or a phone "+1813…" is text in a spreadsheet.
/// The only numeric column, age, is written as a plain number. The lead importer removes the
/// apostrophe again, so an export re-imports to the same leads.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/model/workspace.hpp"

namespace nurture {

/// The fixed columns (custom field columns follow).
std::vector<std::string_view> leads_csv_fixed_columns();

/// A text cell as written: neutralised, then quoted when needed.
std::string csv_text_cell(std::string_view text);

/// Writes the export in chunks, for a progress bar. The workspace must not change between
/// calls (take a new writer after any command).
class LeadsCsvWriter {
 public:
  /// One pass over the live leads to collect the custom field names for the header.
  explicit LeadsCsvWriter(const Workspace& ws);
  /// Appends the BOM and header on the first call, then up to `max_rows` leads. Returns true
  /// when every lead has been written.
  bool write(std::string& out, std::size_t max_rows);
  [[nodiscard]] std::size_t written() const { return m_written; }
  /// Live leads to write.
  [[nodiscard]] std::size_t total() const { return m_total; }
  [[nodiscard]] const std::vector<std::string>& custom_columns() const { return m_custom; }

 private:
  const Workspace& m_ws;
  std::vector<std::string> m_custom;
  std::size_t m_total = 0;
  std::size_t m_written = 0;
  std::uint32_t m_next_row = 0;
  bool m_header_done = false;
};

/// The whole export at once.
std::string write_leads_csv(const Workspace& ws);

}  // namespace nurture
