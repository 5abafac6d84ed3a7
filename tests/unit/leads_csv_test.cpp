#include "core/export/leads_csv.hpp"

#include <catch_amalgamated.hpp>

#include "core/import/lead_import.hpp"
#include "core/io/csv.hpp"
#include "core/session.hpp"
#include "import_test_support.hpp"

namespace leads_csv_test {

using namespace nurture;
using nurture::test::k_import_now;

namespace {

Lead hostile_lead() {
  Lead l;
  l.id = LeadId{0xabc};
  l.first_name = "=HYPERLINK(\"x\")";
  l.last_name = "+1+1";
  l.email = "formula@example.com";
  l.phone = "+18135550142";
  l.city = "@SUM(1)";
  l.notes = "-2";
  l.street = "\tTabbed";
  l.state = "FL";
  l.age = 42;
  l.gender = Gender::female;
  l.birth_date = CivilDate{1980, 5, 6};
  l.country = "US";
  l.source = "facebook";
  l.interests = {"Botox", "Peel"};
  l.tags = {"vip"};
  l.custom_fields = {{"external_id", "-17"}, {"colour", "blue, green"}};
  l.stage = Stage::consideration;
  l.created_at = k_import_now - 86'400'000;
  return l;
}

// What survives a CSV round trip: everything but the id, the stage history and the consent
// evidence (the CSV carries granted/revoked per channel, not who asked when).
Lead comparable(Lead l) {
  l.id = {};
  l.stage_history.clear();
  for (auto& c : l.consent) c = {c.channel, c.purpose, c.granted, 0, "", "", ""};
  for (auto& d : l.do_not_contact) d = {d.channel, "", 0};
  return l;
}

}  // namespace

TEST_CASE("CSV export neutralises formulas (R16), keeps numbers numeric, BOM and CRLF") {
  Session session(Workspace{}, 1);
  REQUIRE(session.execute(AddLead{hostile_lead(), k_import_now}).ok);
  const std::string csv = write_leads_csv(session.workspace());
  CHECK(csv.substr(0, 3) == "\xEF\xBB\xBF");
  CHECK(csv.find("\r\n") != std::string::npos);
  const std::string header =
      "nurture_id,first_name,last_name,email,phone,birth_date,age,gender,street,city,state,zip,country,"
      "time_zone,source,campaign,ad,form,interests,tags,stage,created_at,notes,email_consent,sms_consent,"
      "call_consent,do_not_contact,custom:colour,custom:external_id\r\n";
  CHECK(csv.substr(3, header.size()) == header);
  CsvReader reader(csv);
  CsvRecord head;
  CsvRecord row;
  REQUIRE(reader.next(head));
  REQUIRE(reader.next(row));
  const auto cell = [&](std::string_view column) {
    for (std::size_t i = 0; i < head.fields.size(); ++i) {
      if (head.fields[i] == column) return row.fields.at(i);
    }
    return std::string("?");
  };
  CHECK(cell("first_name") == "'=HYPERLINK(\"x\")");
  CHECK(cell("last_name") == "'+1+1");
  CHECK(cell("city") == "'@SUM(1)");
  CHECK(cell("notes") == "'-2");
  CHECK(cell("street") == "'\tTabbed");
  CHECK(cell("phone") == "'+18135550142");
  CHECK(cell("custom:external_id") == "'-17");
  CHECK(cell("age") == "42");  // numeric: no apostrophe
  CHECK(cell("birth_date") == "1980-05-06");
  CHECK(cell("interests") == "Botox; Peel");
  CHECK(cell("custom:colour") == "blue, green");
  // The raw bytes: the quoted formula doubles its quotes, the number is bare.
  CHECK(csv.find(",\"'=HYPERLINK(\"\"x\"\")\",") != std::string::npos);
  CHECK(csv.find(",42,female,") != std::string::npos);
  CHECK(csv_text_cell("plain") == "plain");
  CHECK(csv_text_cell("a\r\nb") == "\"a\r\nb\"");
  CHECK(csv_text_cell("\rx") == "\"'\rx\"");
}

TEST_CASE("Exported leads re-import to the same leads (round trip), in chunks") {
  Session session(Workspace{}, 1);
  REQUIRE(session.execute(AddLead{hostile_lead(), k_import_now}).ok);
  Lead second;
  second.id = LeadId{0xdef};
  second.first_name = "Zoë";
  second.last_name = "Ångström-Łukasiewicz";
  second.email = "zoe@example.com";
  second.notes = "Line one\nLine \"two\", with comma";
  second.created_at = k_import_now - 3600000;
  REQUIRE(session.execute(AddLead{second, k_import_now}).ok);
  REQUIRE(session
              .execute(SetConsent{LeadId{0xdef}, Channel::email, Purpose::marketing, true, "web form", "", "",
                                  k_import_now})
              .ok);
  REQUIRE(session.execute(SetDoNotContact{LeadId{0xdef}, Channel::sms, true, "asked", k_import_now}).ok);
  Lead deleted;
  deleted.id = LeadId{0x123};
  deleted.first_name = "Gone";
  REQUIRE(session.execute(AddLead{deleted, k_import_now}).ok);
  REQUIRE(session.execute(DeleteLead{LeadId{0x123}, k_import_now}).ok);

  LeadsCsvWriter writer(session.workspace());
  CHECK(writer.total() == 2);
  std::string csv;
  CHECK_FALSE(writer.write(csv, 1));
  CHECK(writer.written() == 1);
  while (!writer.write(csv, 1)) {
  }
  CHECK(writer.written() == 2);
  CHECK(csv == write_leads_csv(session.workspace()));
  CHECK(csv.find("Gone") == std::string::npos);

  LeadImportOptions o;
  o.now = k_import_now;
  o.next_id = test::counter_ids();
  auto plan = plan_lead_import(csv, Workspace{}, o);
  REQUIRE(plan.ok());
  CHECK(plan.value().report.added == 2);
  CHECK(plan.value().report.errors == 0);
  Session fresh(Workspace{}, 2);
  REQUIRE(fresh.execute(plan.value().command).ok);
  REQUIRE(fresh.workspace().leads.size() == 2);
  const auto& a = session.workspace().leads;
  const auto& b = fresh.workspace().leads;
  CHECK(comparable(b.get(0)) == comparable(a.get(0)));
  CHECK(comparable(b.get(1)) == comparable(a.get(1)));
  // Re-importing the export into the workspace it came from changes nothing.
  auto again = plan_lead_import(csv, session.workspace(), o);
  REQUIRE(again.ok());
  CHECK(again.value().report.unchanged == 2);
}

}  // namespace leads_csv_test
