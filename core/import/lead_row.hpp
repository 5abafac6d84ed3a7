#pragma once
/// Internal to core/import: turning one CSV record into a normalised Lead, and merging two
/// Leads for the same person. Public API: core/import/lead_import.hpp.

#include <string>
#include <vector>

#include "core/import/mapping.hpp"
#include "core/import/values.hpp"
#include "core/model/lead_types.hpp"

namespace nurture::detail {

struct RowContext {
  std::vector<ColumnTarget> mapping;
  ImportFormat format = ImportFormat::csv;
  MailchimpKind mailchimp_kind = MailchimpKind::subscribed;
  DateOrder date_order = DateOrder::month_first;
  int utc_offset_minutes = 0;
  UnixMillis now = 0;
  std::string default_country = "US";
};

struct ParsedRow {
  Lead lead;
  bool stage_given = false;
  bool empty = false;  ///< every mapped cell was empty
  std::string error;   ///< non-empty: the row is refused
  std::vector<std::string> warnings;
};

/// Parses `fields` (one record) by `ctx`. Email is lowercased, the phone E.164.
ParsedRow parse_lead_row(const std::vector<std::string>& fields, const RowContext& ctx);

/// Merges `from` into `into` without blanking anything: empty fields are filled, lists and
/// custom fields united, consent and do-not-contact added (a revocation or opt-out always
/// wins; a grant never replaces a revocation), the later stage kept when `stage_given`,
/// the earlier created_at kept unless `existing` (a stored lead keeps its creation time).
/// Differing non-empty text is kept and reported in `conflicts`. Returns true when `into`
/// changed.
bool merge_lead(Lead& into, const Lead& from, bool stage_given, bool existing,
                std::vector<std::string>& conflicts);

/// `text` with every CRLF turned into LF (a lone CR is kept).
std::string normalize_newlines(std::string_view text);

/// A value with the spreadsheet-formula neutralisation of our CSV export undone: a leading '
/// before = + - @ tab or CR is dropped.
std::string_view unneutralize(std::string_view value);

}  // namespace nurture::detail
