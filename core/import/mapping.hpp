#pragma once
/// Which column of an imported file goes into which lead field: the target fields, the
/// presets for the files practices really have (Meta lead ads, Mailchimp audiences, HubSpot
/// contacts, any spreadsheet), detection of the preset from the header, and user overrides
/// ("COLUMN=FIELD", as the CLI's --map takes them). docs/import.md lists every field name.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/util/expected.hpp"

namespace nurture {

/// Where a column's value goes. Lead fields keep their Lead names; the rest are described in
/// docs/import.md.
enum class ImportField : std::uint8_t {
  ignore,
  first_name,
  last_name,
  full_name,  ///< split: "Last, First" on the comma, else first word / the rest
  email,
  phone,
  birth_date,  ///< a date; "MM/DD" without a year goes to custom field "birthday"
  age,         ///< a number 0..120; a range "25-34" keeps its lower bound
  gender,
  street,
  city,
  state,
  zip,
  country,
  time_zone,
  source,  ///< fb/ig and HubSpot's ORGANIC_SEARCH… become readable names
  campaign,
  ad,
  form,
  interests,  ///< a list split on ';', '|' or ','
  tags,
  notes,
  created_at,
  stage,        ///< our stage names or HubSpot lifecycle stages
  external_id,  ///< kept as custom field "external_id"
  custom,       ///< custom field named by ColumnTarget::custom
  email_consent,
  sms_consent,
  call_consent,    ///< yes/no: marketing consent granted or revoked on that channel
  do_not_contact,  ///< a list of channels (email, sms, call)
  optin_time,      ///< Mailchimp consent evidence
  optin_ip,
  confirm_time,
  confirm_ip,
  unsub_time,
  unsub_reason,
  unsub_reason_other,
  clean_time,
};
inline constexpr std::size_t k_import_field_count = 39;

std::string_view to_string(ImportField field);

struct ColumnTarget {
  ImportField field = ImportField::ignore;
  std::string custom;  ///< the custom field's name when field == custom
  friend bool operator==(const ColumnTarget&, const ColumnTarget&) = default;
};

/// "email", "custom:lead_status", "ignore".
std::string to_string(const ColumnTarget& target);
/// Inverse of to_string; also accepts "custom:" names with any text after the colon.
std::optional<ColumnTarget> parse_column_target(std::string_view text);
/// Every field name a user may give (for --map help and the wizard's drop-down), in enum order.
std::vector<std::string_view> import_field_names();

enum class ImportFormat : std::uint8_t { automatic, csv, meta_leads, mailchimp, hubspot };
/// "auto", "csv", "meta-leads", "mailchimp", "hubspot".
std::string_view to_string(ImportFormat format);
std::optional<ImportFormat> parse_import_format(std::string_view text);

/// Which of Mailchimp's three audience files a file is.
enum class MailchimpKind : std::uint8_t { detect, subscribed, unsubscribed, cleaned };
std::string_view to_string(MailchimpKind kind);

/// Lowercase, without spaces, '_', '-', '.', '/', '(', ')' and '?': "E-mail Address" →
/// "emailaddress", so synonyms match whatever the spelling.
std::string normalize_header(std::string_view header);

/// The preset the header looks like: Meta (created_time with ad/form columns), Mailchimp
/// (Email Address with OPTIN_TIME/MEMBER_RATING/LEID), HubSpot (Record ID, or Lifecycle Stage
/// with Create Date), else generic csv.
ImportFormat detect_format(const std::vector<std::string>& header);
/// unsubscribed when there is an UNSUB_TIME column, cleaned with CLEAN_TIME/CLEAN_CAMPAIGN_*,
/// else subscribed.
MailchimpKind detect_mailchimp_kind(const std::vector<std::string>& header);

/// One target per header column. `format` automatic detects it first. Unknown columns become
/// custom fields in the Meta (form questions) and Mailchimp (merge fields) presets and are
/// ignored otherwise (the wizard shows them so the user can map them).
std::vector<ColumnTarget> auto_map(const std::vector<std::string>& header, ImportFormat format);

/// Applies "COLUMN=FIELD" overrides. COLUMN is a header name (exact, else matched like the
/// synonyms) or a 1-based column number "#3"; FIELD as parse_column_target. Errors name the
/// override that could not be used; `mapping` is unchanged then.
Status apply_overrides(const std::vector<std::string>& header, std::vector<ColumnTarget>& mapping,
                       const std::vector<std::string>& overrides);

}  // namespace nurture
