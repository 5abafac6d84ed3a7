#include <catch_amalgamated.hpp>

#include "core/import/mapping.hpp"
#include "core/import/values.hpp"
#include "core/io/csv.hpp"
#include "test_support.hpp"

namespace import_values_test {

using namespace nurture;

namespace {

std::optional<std::string> date(std::string_view text, DateOrder order = DateOrder::month_first) {
  const auto d = parse_spreadsheet_date(text, order);
  if (!d) return std::nullopt;
  return format_date(*d);
}

std::optional<std::string> when(std::string_view text, int offset = 0) {
  const auto t = parse_timestamp(text, DateOrder::month_first, offset);
  if (!t) return std::nullopt;
  return format_iso8601_utc(*t);
}

std::vector<std::string> header_of(const std::string& fixture) {
  const std::string text = test::read_test_file("fixtures/import/" + fixture);
  CsvReader reader(text);
  CsvRecord r;
  reader.next(r);
  return r.fields;
}

}  // namespace

TEST_CASE("Spreadsheet dates: ISO, US, day-first, dotted and Excel serials") {
  CHECK(date("2024-03-01") == "2024-03-01");
  CHECK(date("2024-03-01T10:00:00Z") == "2024-03-01");
  CHECK(date("2024/3/1") == "2024-03-01");
  CHECK(date("3/4/1990") == "1990-03-04");
  CHECK(date("3/4/1990", DateOrder::day_first) == "1990-04-03");
  CHECK(date("04.03.1990") == "1990-03-04");  // dotted is always day first
  CHECK(date("45123") == "2023-07-16");
  CHECK(date("30000") == "1982-02-18");
  CHECK(date("31/31/2020") == std::nullopt);
  CHECK(date("2/30/2024") == std::nullopt);
  CHECK(date("3/4/90") == std::nullopt);  // two-digit years are refused
  CHECK(date("2024") == std::nullopt);    // not a five-digit serial
  CHECK(date("01-03-2024") == std::nullopt);
  CHECK(date("yesterday") == std::nullopt);
}

TEST_CASE("Timestamps: offsets, Mailchimp UTC, US with AM/PM, Excel fractions") {
  CHECK(when("2026-11-20T14:03:11-05:00") == "2026-11-20T19:03:11Z");
  CHECK(when("2026-11-21T09:30:00+01:00") == "2026-11-21T08:30:00Z");
  CHECK(when("2026-11-21T09:30:00+0530") == "2026-11-21T04:00:00Z");
  CHECK(when("2026-11-21T09:30:00.250Z") == "2026-11-21T09:30:00Z");
  CHECK(parse_timestamp("2026-11-21T09:30:00.250Z").value() % 1000 == 250);
  CHECK(when("2026-03-01 10:05:12") == "2026-03-01T10:05:12Z");
  CHECK(when("2026-03-01 10:05:12", -300) == "2026-03-01T15:05:12Z");
  CHECK(when("11/10/2026 2:30 PM") == "2026-11-10T14:30:00Z");
  CHECK(when("11/10/2026 12:05 AM") == "2026-11-10T00:05:00Z");
  CHECK(when("2026-10-01 09:15") == "2026-10-01T09:15:00Z");
  CHECK(when("2026-10-01") == "2026-10-01T00:00:00Z");
  CHECK(when("45123.5") == "2023-07-16T12:00:00Z");
  CHECK(when("not a time") == std::nullopt);
  CHECK(when("2026-10-01 25:00") == std::nullopt);
  CHECK(when("2026-10-01T10:00:00+99:00") == std::nullopt);
  CHECK(parse_time_of_day("2:30 PM") == 14 * 3600 + 30 * 60);
  CHECK(parse_time_of_day("13:30 PM") == std::nullopt);
}

TEST_CASE("Booleans, amounts, durations and lists") {
  CHECK(parse_bool("Yes") == true);
  CHECK(parse_bool("granted") == true);
  CHECK(parse_bool("REVOKED") == false);
  CHECK(parse_bool("maybe") == std::nullopt);
  CHECK(parse_amount_cents("$1,250.00") == 125000);
  CHECK(parse_amount_cents("1250") == 125000);
  CHECK(parse_amount_cents("1.250,50 €") == 125050);
  CHECK(parse_amount_cents("12,5") == 1250);
  CHECK(parse_amount_cents("EUR 99.9") == 9990);
  CHECK(parse_amount_cents("(25.00)") == -2500);
  CHECK(parse_amount_cents("-25") == -2500);
  CHECK(parse_amount_cents("1.2.3") == std::nullopt);
  CHECK(parse_amount_cents("12.345") == std::nullopt);
  CHECK(parse_amount_cents("twelve dollars") == std::nullopt);
  CHECK(parse_duration_seconds("90") == 90U);
  CHECK(parse_duration_seconds("90s") == 90U);
  CHECK(parse_duration_seconds("1:30") == 90U);
  CHECK(parse_duration_seconds("01:02:03") == 3723U);
  CHECK(parse_duration_seconds("1:75") == std::nullopt);
  CHECK(split_list("Botox; Filler;;botox") == std::vector<std::string>{"Botox", "Filler", "botox"});
  CHECK(split_list("Laser|Peel") == std::vector<std::string>{"Laser", "Peel"});
  CHECK(split_list("\"VIP\",\"Botox\"") == std::vector<std::string>{"VIP", "Botox"});
  CHECK(split_list("a, b").size() == 2);
}

TEST_CASE("Header synonyms match whatever the spelling") {
  const std::vector<std::string> header{
      "E-mail",   "Email Address", "Mobile Phone Number", "phone_number",     "Postal Code",
      "zip_code", "Record ID",     "First  Name",         "custom:Favourite", "Something Else"};
  const auto mapping = auto_map(header, ImportFormat::csv);
  std::vector<std::string> names;
  for (const auto& m : mapping) names.push_back(to_string(m));
  CHECK(names == std::vector<std::string>{"email", "email", "phone", "phone", "zip", "zip", "external_id",
                                          "first_name", "custom:Favourite", "ignore"});
}

TEST_CASE("Presets are detected from the fixtures' headers") {
  CHECK(detect_format(header_of("meta-leads.tsv")) == ImportFormat::meta_leads);
  CHECK(detect_format(header_of("mailchimp-subscribed.csv")) == ImportFormat::mailchimp);
  CHECK(detect_format(header_of("mailchimp-unsubscribed.csv")) == ImportFormat::mailchimp);
  CHECK(detect_format(header_of("hubspot-contacts.csv")) == ImportFormat::hubspot);
  CHECK(detect_format(header_of("spreadsheet.csv")) == ImportFormat::csv);
  CHECK(detect_mailchimp_kind(header_of("mailchimp-subscribed.csv")) == MailchimpKind::subscribed);
  CHECK(detect_mailchimp_kind(header_of("mailchimp-unsubscribed.csv")) == MailchimpKind::unsubscribed);
  CHECK(detect_mailchimp_kind(header_of("mailchimp-cleaned.csv")) == MailchimpKind::cleaned);

  // Meta: form questions become custom fields, ad ids are dropped, id is the external id.
  const auto meta_header = header_of("meta-leads.tsv");
  const auto meta = auto_map(meta_header, ImportFormat::automatic);
  const auto target_of = [&](const std::vector<std::string>& h, const std::vector<ColumnTarget>& m,
                             std::string_view column) {
    for (std::size_t i = 0; i < h.size(); ++i) {
      if (h[i] == column) return to_string(m[i]);
    }
    return std::string("?");
  };
  CHECK(target_of(meta_header, meta, "id") == "external_id");
  CHECK(target_of(meta_header, meta, "ad_id") == "ignore");
  CHECK(target_of(meta_header, meta, "platform") == "source");
  CHECK(target_of(meta_header, meta, "what_treatment_are_you_interested_in?") ==
        "custom:what_treatment_are_you_interested_in?");
  // The same unknown column in a generic spreadsheet is left for the user to map.
  CHECK(target_of(meta_header, auto_map(meta_header, ImportFormat::csv),
                  "what_treatment_are_you_interested_in?") == "ignore");
  const auto hs_header = header_of("hubspot-contacts.csv");
  const auto hs = auto_map(hs_header, ImportFormat::hubspot);
  CHECK(target_of(hs_header, hs, "Lifecycle Stage") == "stage");
  CHECK(target_of(hs_header, hs, "Lead Status") == "custom:lead_status");
  CHECK(target_of(hs_header, hs, "Create Date") == "created_at");
  CHECK(target_of(hs_header, hs, "State/Region") == "state");
}

TEST_CASE("Overrides: by name, by normalised name, by column number; errors leave the mapping") {
  const std::vector<std::string> header{"Mail", "Cell", "Colour"};
  auto mapping = auto_map(header, ImportFormat::csv);
  const auto before = mapping;
  CHECK(apply_overrides(header, mapping, {"Colour=custom:favourite colour", "cell=ignore", "#1=notes"}).ok());
  CHECK(to_string(mapping[0]) == "notes");
  CHECK(to_string(mapping[1]) == "ignore");
  CHECK(to_string(mapping[2]) == "custom:favourite colour");
  auto copy = before;
  const auto bad_field = apply_overrides(header, copy, {"Colour=favourite"});
  CHECK_FALSE(bad_field.ok());
  CHECK(bad_field.message.find("unknown field") != std::string::npos);
  CHECK(copy == before);
  CHECK_FALSE(apply_overrides(header, copy, {"Nope=email"}).ok());
  CHECK_FALSE(apply_overrides(header, copy, {"#4=email"}).ok());
  CHECK_FALSE(apply_overrides(header, copy, {"no equals sign"}).ok());
  CHECK(copy == before);
  for (const auto name : import_field_names()) {
    if (name != "custom") CHECK(parse_column_target(name).has_value());
  }
  CHECK(parse_import_format("meta-leads") == ImportFormat::meta_leads);
  CHECK(parse_import_format("auto") == ImportFormat::automatic);
  CHECK_FALSE(parse_import_format("excel").has_value());
}

}  // namespace import_values_test
