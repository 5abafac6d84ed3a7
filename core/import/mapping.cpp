#include "core/import/mapping.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <utility>

#include "core/import/values.hpp"
#include "core/util/text.hpp"

namespace nurture {

namespace {

constexpr std::array<std::string_view, k_import_field_count> k_names = {"ignore",
                                                                        "first_name",
                                                                        "last_name",
                                                                        "full_name",
                                                                        "email",
                                                                        "phone",
                                                                        "birth_date",
                                                                        "age",
                                                                        "gender",
                                                                        "street",
                                                                        "city",
                                                                        "state",
                                                                        "zip",
                                                                        "country",
                                                                        "time_zone",
                                                                        "source",
                                                                        "campaign",
                                                                        "ad",
                                                                        "form",
                                                                        "interests",
                                                                        "tags",
                                                                        "notes",
                                                                        "created_at",
                                                                        "stage",
                                                                        "external_id",
                                                                        "custom",
                                                                        "email_consent",
                                                                        "sms_consent",
                                                                        "call_consent",
                                                                        "do_not_contact",
                                                                        "optin_time",
                                                                        "optin_ip",
                                                                        "confirm_time",
                                                                        "confirm_ip",
                                                                        "unsub_time",
                                                                        "unsub_reason",
                                                                        "unsub_reason_other",
                                                                        "clean_time"};

using F = ImportField;

// Normalised header → field, for every preset. Preset-specific names come after.
constexpr std::pair<std::string_view, ImportField> k_synonyms[] = {
    {"firstname", F::first_name},
    {"first", F::first_name},
    {"fname", F::first_name},
    {"givenname", F::first_name},
    {"forename", F::first_name},
    {"lastname", F::last_name},
    {"last", F::last_name},
    {"lname", F::last_name},
    {"surname", F::last_name},
    {"familyname", F::last_name},
    {"fullname", F::full_name},
    {"name", F::full_name},
    {"contactname", F::full_name},
    {"patientname", F::full_name},
    {"clientname", F::full_name},
    {"email", F::email},
    {"emailaddress", F::email},
    {"mail", F::email},
    {"emailaddr", F::email},
    {"phone", F::phone},
    {"phonenumber", F::phone},
    {"mobile", F::phone},
    {"mobilephone", F::phone},
    {"mobilephonenumber", F::phone},
    {"mobilenumber", F::phone},
    {"cell", F::phone},
    {"cellphone", F::phone},
    {"cellnumber", F::phone},
    {"telephone", F::phone},
    {"tel", F::phone},
    {"phoneno", F::phone},
    {"birthdate", F::birth_date},
    {"dateofbirth", F::birth_date},
    {"dob", F::birth_date},
    {"birthday", F::birth_date},
    {"age", F::age},
    {"gender", F::gender},
    {"sex", F::gender},
    {"street", F::street},
    {"address", F::street},
    {"streetaddress", F::street},
    {"address1", F::street},
    {"addressline1", F::street},
    {"city", F::city},
    {"town", F::city},
    {"state", F::state},
    {"stateregion", F::state},
    {"region", F::state},
    {"province", F::state},
    {"zip", F::zip},
    {"zipcode", F::zip},
    {"postalcode", F::zip},
    {"postcode", F::zip},
    {"country", F::country},
    {"countrycode", F::country},
    {"cc", F::country},
    {"timezone", F::time_zone},
    {"tz", F::time_zone},
    {"source", F::source},
    {"leadsource", F::source},
    {"originalsource", F::source},
    {"platform", F::source},
    {"campaign", F::campaign},
    {"campaignname", F::campaign},
    {"utmcampaign", F::campaign},
    {"ad", F::ad},
    {"adname", F::ad},
    {"form", F::form},
    {"formname", F::form},
    {"interests", F::interests},
    {"interest", F::interests},
    {"tags", F::tags},
    {"tag", F::tags},
    {"notes", F::notes},
    {"note", F::notes},
    {"comments", F::notes},
    {"createdat", F::created_at},
    {"createdtime", F::created_at},
    {"createdate", F::created_at},
    {"created", F::created_at},
    {"datecreated", F::created_at},
    {"stage", F::stage},
    {"lifecyclestage", F::stage},
    {"externalid", F::external_id},
    {"recordid", F::external_id},
    {"emailconsent", F::email_consent},
    {"smsconsent", F::sms_consent},
    {"callconsent", F::call_consent},
    {"donotcontact", F::do_not_contact},
    {"optintime", F::optin_time},
    {"optinip", F::optin_ip},
    {"confirmtime", F::confirm_time},
    {"confirmip", F::confirm_ip},
    {"unsubtime", F::unsub_time},
    {"unsubreason", F::unsub_reason},
    {"unsubreasonother", F::unsub_reason_other},
    {"cleantime", F::clean_time},
};

// Columns the presets know and deliberately drop (ids of ads, map coordinates, tool internals).
constexpr std::string_view k_known_ignored[] = {"adid",
                                                "adsetid",
                                                "campaignid",
                                                "formid",
                                                "isorganic",
                                                "memberrating",
                                                "latitude",
                                                "longitude",
                                                "gmtoff",
                                                "dstoff",
                                                "lastchanged",
                                                "leid",
                                                "euid",
                                                "nurtureid",
                                                "unsubcampaigntitle",
                                                "unsubcampaignid",
                                                "cleancampaigntitle",
                                                "cleancampaignid",
                                                "lastactivitydate"};

std::optional<ImportField> synonym(std::string_view normalized) {
  for (const auto& [name, field] : k_synonyms) {
    if (name == normalized) return field;
  }
  return std::nullopt;
}

bool has_column(const std::vector<std::string>& header, std::string_view normalized) {
  return std::any_of(header.begin(), header.end(),
                     [&](const std::string& h) { return normalize_header(h) == normalized; });
}

ColumnTarget custom(std::string_view name) { return {ImportField::custom, std::string(trim(name))}; }

ColumnTarget map_one(const std::string& column, ImportFormat format) {
  const std::string n = normalize_header(column);
  const std::string_view raw = trim(column);
  if (ascii_lower(raw.substr(0, 7)) == "custom:" && raw.size() > 7) return custom(raw.substr(7));
  switch (format) {
    case ImportFormat::meta_leads:
      if (n == "id") return {ImportField::external_id, {}};
      if (n == "adsetname" || n == "leadstatus") return custom(column);
      break;
    case ImportFormat::hubspot:
      if (n == "leadstatus") return custom("lead_status");
      break;
    default:
      break;
  }
  if (auto field = synonym(n)) return {*field, {}};
  if (std::find(std::begin(k_known_ignored), std::end(k_known_ignored), n) != std::end(k_known_ignored))
    return {};
  if (n.empty()) return {};
  // Meta's form questions and Mailchimp's merge fields are the practice's own data.
  if (format == ImportFormat::meta_leads || format == ImportFormat::mailchimp) return custom(column);
  return {};
}

}  // namespace

std::string_view to_string(ImportField field) {
  const auto i = static_cast<std::size_t>(field);
  return i < k_names.size() ? k_names[i] : std::string_view{};
}

std::string to_string(const ColumnTarget& target) {
  if (target.field == ImportField::custom) return "custom:" + target.custom;
  return std::string(to_string(target.field));
}

std::optional<ColumnTarget> parse_column_target(std::string_view text) {
  text = trim(text);
  if (text.substr(0, 7) == "custom:") {
    const auto name = trim(text.substr(7));
    if (name.empty()) return std::nullopt;
    return custom(name);
  }
  for (std::size_t i = 0; i < k_names.size(); ++i) {
    if (k_names[i] == text && static_cast<ImportField>(i) != ImportField::custom) {
      return ColumnTarget{static_cast<ImportField>(i), {}};
    }
  }
  return std::nullopt;
}

std::vector<std::string_view> import_field_names() { return {k_names.begin(), k_names.end()}; }

std::string_view to_string(ImportFormat format) {
  switch (format) {
    case ImportFormat::automatic:
      return "auto";
    case ImportFormat::csv:
      return "csv";
    case ImportFormat::meta_leads:
      return "meta-leads";
    case ImportFormat::mailchimp:
      return "mailchimp";
    case ImportFormat::hubspot:
      return "hubspot";
  }
  return {};
}

std::optional<ImportFormat> parse_import_format(std::string_view text) {
  for (const auto f : {ImportFormat::automatic, ImportFormat::csv, ImportFormat::meta_leads,
                       ImportFormat::mailchimp, ImportFormat::hubspot}) {
    if (to_string(f) == text) return f;
  }
  return std::nullopt;
}

std::string_view to_string(MailchimpKind kind) {
  switch (kind) {
    case MailchimpKind::detect:
      return "detect";
    case MailchimpKind::subscribed:
      return "subscribed";
    case MailchimpKind::unsubscribed:
      return "unsubscribed";
    case MailchimpKind::cleaned:
      return "cleaned";
  }
  return {};
}

std::string normalize_header(std::string_view header) {
  std::string out;
  for (const char c : trim(header)) {
    if (c == ' ' || c == '_' || c == '-' || c == '.' || c == '/' || c == '(' || c == ')' || c == '?')
      continue;
    out.push_back((c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c);
  }
  return out;
}

ImportFormat detect_format(const std::vector<std::string>& header) {
  const auto has = [&](std::string_view n) { return has_column(header, n); };
  if (has("createdtime") && (has("adid") || has("formid") || has("campaignname") || has("formname"))) {
    return ImportFormat::meta_leads;
  }
  if (has("emailaddress") && (has("optintime") || has("memberrating") || has("leid") || has("euid"))) {
    return ImportFormat::mailchimp;
  }
  if (has("recordid") || (has("lifecyclestage") && has("createdate"))) return ImportFormat::hubspot;
  return ImportFormat::csv;
}

MailchimpKind detect_mailchimp_kind(const std::vector<std::string>& header) {
  if (has_column(header, "unsubtime")) return MailchimpKind::unsubscribed;
  if (has_column(header, "cleantime") || has_column(header, "cleancampaigntitle"))
    return MailchimpKind::cleaned;
  return MailchimpKind::subscribed;
}

std::vector<ColumnTarget> auto_map(const std::vector<std::string>& header, ImportFormat format) {
  if (format == ImportFormat::automatic) format = detect_format(header);
  std::vector<ColumnTarget> out;
  out.reserve(header.size());
  for (const auto& column : header) out.push_back(map_one(column, format));
  return out;
}

Status apply_overrides(const std::vector<std::string>& header, std::vector<ColumnTarget>& mapping,
                       const std::vector<std::string>& overrides) {
  std::vector<ColumnTarget> result = mapping;
  result.resize(header.size());
  for (const auto& item : overrides) {
    const auto eq = item.rfind('=');
    if (eq == std::string::npos) return Status::failure("--map " + item + ": expected COLUMN=FIELD");
    const std::string_view column = trim(std::string_view(item).substr(0, eq));
    const auto target = parse_column_target(std::string_view(item).substr(eq + 1));
    if (!target) {
      return Status::failure("--map " + item + ": unknown field \"" + item.substr(eq + 1) +
                             "\" (see docs/import.md for the field names)");
    }
    std::optional<std::size_t> index;
    if (column.size() > 1 && column[0] == '#') {
      std::size_t n = 0;
      const auto [ptr, ec] = std::from_chars(column.data() + 1, column.data() + column.size(), n);
      if (ec == std::errc{} && ptr == column.data() + column.size() && n >= 1 && n <= header.size())
        index = n - 1;
    }
    for (std::size_t i = 0; !index && i < header.size(); ++i) {
      if (trim(header[i]) == column) index = i;
    }
    for (std::size_t i = 0; !index && i < header.size(); ++i) {
      if (normalize_header(header[i]) == normalize_header(column)) index = i;
    }
    if (!index)
      return Status::failure("--map " + item + ": the file has no column \"" + std::string(column) + "\"");
    result[*index] = *target;
  }
  mapping = std::move(result);
  return Status::success();
}

}  // namespace nurture
