#include "core/import/lead_import.hpp"

#include <catch_amalgamated.hpp>

#include <random>
#include <set>

#include "core/session.hpp"
#include "import_test_support.hpp"

namespace lead_import_test {

using namespace nurture;
using nurture::test::k_import_now;

namespace {

LeadImportOptions options(std::function<std::uint64_t()> ids) {
  LeadImportOptions o;
  o.now = k_import_now;
  o.next_id = std::move(ids);
  return o;
}

void check_counts_add_up(const ImportReport& r) {
  CHECK(r.rows == r.added + r.updated + r.merged + r.unchanged + r.skipped + r.errors);
  CHECK(r.error_rows.size() == r.errors);
}

std::optional<Lead> by_email(const Workspace& ws, std::string_view email) {
  const auto rows = ws.leads.find_by_email(email);
  if (rows.size() != 1) return std::nullopt;
  return ws.leads.get(rows.front());
}

const char* const k_files[] = {
    "meta-leads.tsv",        "mailchimp-subscribed.csv", "mailchimp-unsubscribed.csv",
    "mailchimp-cleaned.csv", "hubspot-contacts.csv",     "spreadsheet.csv"};

}  // namespace

TEST_CASE("Lead import pipeline: every preset, the same people across files, golden leads and reports") {
  Session session(Workspace{}, 7);
  auto ids = test::counter_ids();
  std::string golden;
  for (const char* file : k_files) {
    const std::string text = test::read_test_file(std::string("fixtures/import/") + file);
    REQUIRE_FALSE(text.empty());
    auto plan = plan_lead_import(text, session.workspace(), options(ids));
    REQUIRE(plan.ok());
    check_counts_add_up(plan.value().report);
    const auto result = session.execute(plan.value().command);
    REQUIRE(result.ok);
    CHECK(result.message == plan.value().command.summary);
    golden += std::string("== ") + file + " (" + std::string(to_string(plan.value().format)) + ")\n" +
              to_json(plan.value().report) + "\n" + result.message + "\n";
  }
  golden += "== leads\n";
  session.workspace().leads.for_each_live(
      [&](std::uint32_t row) { golden += test::dump_lead(session.workspace().leads.get(row)) + "\n"; });
  test::check_golden("fixtures/import/expected/pipeline.golden.txt", golden);

  const Workspace& ws = session.workspace();
  // Zoë came from Meta (twice: by email, then by phone only), Mailchimp and HubSpot: one lead.
  const auto zoe = by_email(ws, "zoe@example.com");
  REQUIRE(zoe);
  CHECK(ws.leads.find_by_phone("+18135550142").size() == 1);
  CHECK(zoe->first_name == "Zoë");
  CHECK(zoe->last_name == "Ångström-Łukasiewicz");
  CHECK(zoe->source == "facebook");
  CHECK(zoe->zip == "33602");
  CHECK(zoe->custom_fields.at("external_id") == "1234567890");  // the first value is kept
  CHECK(zoe->custom_fields.at("birthday") == "04-17");
  CHECK(zoe->tags == std::vector<std::string>{"VIP", "Botox"});
  CHECK(zoe->stage == Stage::conversion);  // HubSpot "opportunity" moved her on
  CHECK(zoe->created_at == *parse_timestamp("2026-11-20T14:03:11-05:00"));
  REQUIRE(zoe->consent.size() == 1);
  CHECK(zoe->consent[0].granted);
  CHECK(zoe->consent[0].method == "Mailchimp opt-in");
  CHECK(zoe->consent[0].at == *parse_timestamp("2026-03-01 10:05:12"));  // CONFIRM_TIME
  // José unsubscribed in Mailchimp: consent revoked with the reason, and do-not-contact.
  const auto jose = by_email(ws, "jose.nunez@example.com");
  REQUIRE(jose);
  CHECK(jose->source == "instagram");
  REQUIRE(jose->do_not_contact.size() == 1);
  CHECK(jose->do_not_contact[0].reason == "No longer interested in this content");
  CHECK_FALSE(may_contact(*jose, Channel::email, Purpose::marketing));
  CHECK(jose->birth_date == CivilDate{1985, 7, 4});  // filled by the spreadsheet
  const auto bounce = by_email(ws, "bounce@example.com");
  REQUIRE(bounce);
  CHECK(bounce->do_not_contact.at(0).reason == "bounced (Mailchimp cleaned)");
  const auto ana = by_email(ws, "ana.silva@example.com");
  REQUIRE(ana);
  CHECK(ana->interests == std::vector<std::string>{"Botox", "Filler", "Peel"});
  CHECK(ana->tags == std::vector<std::string>{"returning"});
  CHECK(ana->notes == "Line one\nLine two, with comma");
  CHECK(ana->street == "123 Main St, Apt 4");
  CHECK(ana->birth_date == CivilDate{1982, 2, 18});  // Excel serial 30000
  const auto eleni = by_email(ws, "eleni@example.gr");
  REQUIRE(eleni);
  CHECK(eleni->first_name == "Ελένη");
  CHECK(eleni->phone == "+302101234567");
  CHECK(by_email(ws, "yulia@example.com")->first_name == "Юлия");

  // Importing every file again changes nothing (R14: "nothing new").
  for (const char* file : k_files) {
    const std::string text = test::read_test_file(std::string("fixtures/import/") + file);
    auto again = plan_lead_import(text, ws, options(ids));
    REQUIRE(again.ok());
    INFO(file);
    CHECK(again.value().report.added == 0);
    CHECK(again.value().report.updated == 0);
    check_counts_add_up(again.value().report);
    const auto before = ws.leads;
    Session copy(ws, 9);
    REQUIRE(copy.execute(again.value().command).ok);
    CHECK(copy.workspace().leads == before);
  }
}

TEST_CASE("Every kind of row error is reported with its row and line; nothing is dropped silently") {
  const std::string text = test::read_test_file("fixtures/import/spreadsheet.csv");
  auto plan = plan_lead_import(text, Workspace{}, options(test::counter_ids()));
  REQUIRE(plan.ok());
  const auto& r = plan.value().report;
  check_counts_add_up(r);
  CHECK(r.rows == 15);
  CHECK(r.added == 3);
  CHECK(r.merged == 1);
  CHECK(r.skipped == 1);
  CHECK(r.errors == 10);
  const auto has = [&](std::size_t row, std::string_view text_part) {
    return std::any_of(r.error_rows.begin(), r.error_rows.end(), [&](const RowIssue& i) {
      return i.row == row && i.message.find(text_part) != std::string::npos;
    });
  };
  CHECK(has(4, "is not an email address"));
  CHECK(has(5, "cannot be read as a phone number"));
  CHECK(has(6, "no name, email or phone"));
  CHECK(has(7, "is not a date"));
  CHECK(has(8, "created_at"));
  CHECK(has(9, "age"));
  CHECK(has(10, "not valid UTF-8"));
  CHECK(has(11, "fields but the header has"));
  CHECK(has(12, "in the future"));
  CHECK(has(15, "malformed record"));
  // Row 1 spans two lines (a quoted newline), so row 4 starts on line 6.
  CHECK(r.error_rows.front().row == 4);
  CHECK(r.error_rows.front().line == 6);
}

TEST_CASE("Dedupe against the workspace fills, unites and never blanks") {
  Session session(Workspace{}, 1);
  Lead existing;
  existing.id = LeadId{42};
  existing.first_name = "Ana";
  existing.email = "ana@example.com";
  existing.city = "Tampa";
  existing.tags = {"vip"};
  existing.custom_fields = {{"colour", "blue"}};
  REQUIRE(session.execute(AddLead{existing, k_import_now - 1000}).ok);
  const LeadStore stored = session.workspace().leads;
  const std::string text =
      "email,first_name,last_name,city,tags,custom:colour,custom:size\n"
      "ANA@example.com,Anna,Silva,,new;vip,red,M\n";
  auto plan = plan_lead_import(text, session.workspace(), options(test::counter_ids()));
  REQUIRE(plan.ok());
  CHECK(plan.value().report.updated == 1);
  CHECK(plan.value().report.warnings.size() == 2);  // first_name and colour kept
  REQUIRE(session.execute(plan.value().command).ok);
  const Lead after = session.workspace().leads.get(0);
  CHECK(after.first_name == "Ana");
  CHECK(after.last_name == "Silva");
  CHECK(after.city == "Tampa");
  CHECK(after.tags == std::vector<std::string>{"vip", "new"});
  CHECK(after.custom_fields == std::map<std::string, std::string>{{"colour", "blue"}, {"size", "M"}});
  CHECK(session.workspace().leads.size() == 1);
  // Undo restores exactly.
  REQUIRE(session.undo());
  CHECK(session.workspace().leads == stored);
  CHECK(session.workspace().leads.get(0).last_name.empty());
}

TEST_CASE("A phone joins two records only when one has no email") {
  const std::string text =
      "email,phone,first_name\n"
      "a@example.com,813-555-0100,Ann\n"
      "b@example.com,(813) 555-0100,Bob\n"  // family phone, different person
      ",8135550100,Ann\n";                  // no email: the first with that phone
  auto plan = plan_lead_import(text, Workspace{}, options(test::counter_ids()));
  REQUIRE(plan.ok());
  CHECK(plan.value().report.added == 2);
  CHECK(plan.value().report.merged == 1);
}

TEST_CASE("The import job steps with progress; cancelling leaves the workspace unchanged") {
  std::string text = "email,first_name\n";
  for (int i = 0; i < 50; ++i) text += "p" + std::to_string(i) + "@example.com,P" + std::to_string(i) + "\n";
  Session session(Workspace{}, 1);
  const Workspace before = session.workspace();
  LeadImport job(text, options(test::counter_ids()));
  REQUIRE(job.status().ok());
  const auto p1 = job.step(session.workspace(), 10);
  CHECK(p1.rows == 10);
  CHECK_FALSE(p1.done);
  CHECK(p1.bytes_done > 0);
  CHECK(p1.bytes_done < p1.bytes_total);
  const auto p2 = job.step(session.workspace(), 10);
  CHECK(p2.rows == 20);
  CHECK(p2.bytes_done > p1.bytes_done);
  // Cancel: the job is dropped; nothing was applied.
  CHECK(session.workspace() == before);
  CHECK_FALSE(session.can_undo());

  // A job whose workspace changes under it fails instead of planning against stale data.
  LeadImport stale(text, options(test::counter_ids()));
  stale.step(session.workspace(), 5);
  Lead other;
  other.id = LeadId{7};
  other.first_name = "X";
  REQUIRE(session.execute(AddLead{other, k_import_now}).ok);
  const auto result = stale.finish(session.workspace());
  REQUIRE_FALSE(result.ok());
  CHECK(result.error().message.find("changed") != std::string::npos);
}

TEST_CASE("An import batch is all or nothing and undoes as one step") {
  Session session(Workspace{}, 1);
  Lead a;
  a.id = LeadId{1};
  a.first_name = "A";
  Lead b;
  b.id = LeadId{2};
  b.first_name = "B";
  const auto before = session.workspace();
  LeadBatch bad{{AddLead{a, k_import_now}, AddLead{b, k_import_now}, UpdateLead{LeadId{99}, b, k_import_now}},
                "three steps"};
  const auto failed = session.execute(bad);
  CHECK_FALSE(failed.ok);
  CHECK(failed.message.find("step 3 of 3") != std::string::npos);
  CHECK(session.workspace() == before);
  CHECK_FALSE(session.can_undo());

  LeadBatch good{
      {AddLead{a, k_import_now}, AddLead{b, k_import_now}, SetStage{LeadId{1}, Stage::patient, k_import_now}},
      "two leads"};
  const auto ok = session.execute(good);
  REQUIRE(ok.ok);
  CHECK(ok.message == "two leads");
  CHECK(session.workspace().leads.size() == 2);
  CHECK(session.workspace().revision == before.revision + 1);
  REQUIRE(session.undo());
  CHECK(session.workspace().leads == before.leads);
}

TEST_CASE("Header problems are errors, not crashes") {
  CHECK_FALSE(plan_lead_import("", Workspace{}, options(test::counter_ids())).ok());
  CHECK_FALSE(plan_lead_import("colour,size\nred,M\n", Workspace{}, options(test::counter_ids())).ok());
  auto o = options(test::counter_ids());
  o.overrides = {"colour=first_name"};
  CHECK(plan_lead_import("colour,size\nred,M\n", Workspace{}, o).ok());
  o.overrides = {"colour=nonsense"};
  CHECK_FALSE(plan_lead_import("colour,size\nred,M\n", Workspace{}, o).ok());
  o = options(nullptr);
  CHECK_FALSE(plan_lead_import("email\na@example.com\n", Workspace{}, o).ok());
  // Hostile bytes: junk and a giant field give row errors, never a crash; with a NUL byte the
  // junk is binary and the whole file is refused (hostile_input_test.cpp has more).
  std::string junk = "email,first_name\n";
  for (int i = 0; i < 2000; ++i) junk.push_back(static_cast<char>((i * 37) % 256));
  const auto binary = plan_lead_import(junk, Workspace{}, options(test::counter_ids()));
  REQUIRE_FALSE(binary.ok());
  CHECK(binary.error().message.find("binary data") != std::string::npos);
  std::erase(junk, '\0');
  junk += "\n\"" + std::string(20000, 'x') + "\",y\n";
  auto plan = plan_lead_import(junk, Workspace{}, options(test::counter_ids()));
  REQUIRE(plan.ok());
  check_counts_add_up(plan.value().report);
  CHECK(plan.value().report.errors >= 1);
}

TEST_CASE("Property: dedupe against a naive oracle of distinct emails and phones") {
  const std::vector<std::string> emails{"a@example.com", "b@example.com", "c@example.org",
                                        "d@example.net", "e@example.com", "f@example.com"};
  const std::vector<std::string> phones{"8135550101", "8135550102", "8135550103", "7275550104", "7275550105"};
  for (std::uint32_t seed = 1; seed <= 200; ++seed) {
    std::mt19937 rng(seed);
    const auto pick = [&](std::size_t n) { return static_cast<std::size_t>(rng() % n); };
    // Some people already exist.
    Session session(Workspace{}, 1);
    std::set<std::string> known;
    std::uint64_t next = 1;
    const std::size_t existing = pick(4);
    for (std::size_t i = 0; i < existing; ++i) {
      Lead l;
      l.id = LeadId{next++};
      l.first_name = "Old";
      if (rng() % 2 == 0) {
        l.email = emails[pick(emails.size())];
      } else {
        l.phone = "+1" + phones[pick(phones.size())];
      }
      const std::string key = l.email.empty() ? l.phone : l.email;
      if (known.insert(key).second) REQUIRE(session.execute(AddLead{l, k_import_now}).ok);
    }
    // Rows carry an email or a phone, written in varying ways.
    std::string text = "Email Address,Phone Number,First Name\n";
    std::set<std::string> fresh;
    const std::size_t rows = 1 + pick(30);
    for (std::size_t i = 0; i < rows; ++i) {
      if (rng() % 2 == 0) {
        std::string e = emails[pick(emails.size())];
        const std::string key = e;
        if (rng() % 2 == 0) e[0] = static_cast<char>(e[0] - 'a' + 'A');
        text += "  " + e + " ,,Row\n";
        if (known.count(key) == 0) fresh.insert(key);
      } else {
        const std::string p = phones[pick(phones.size())];
        const std::string key = "+1" + p;
        const std::string shown =
            rng() % 2 == 0 ? "(" + p.substr(0, 3) + ") " + p.substr(3, 3) + "-" + p.substr(6) : p;
        text += "," + shown + ",Row\n";
        if (known.count(key) == 0) fresh.insert(key);
      }
    }
    auto plan = plan_lead_import(text, session.workspace(), options(test::counter_ids(1000)));
    REQUIRE(plan.ok());
    INFO("seed " << seed);
    const auto& r = plan.value().report;
    CHECK(r.rows == rows);
    CHECK(r.added == fresh.size());
    check_counts_add_up(r);
    const auto before = session.workspace().leads.size();
    REQUIRE(session.execute(plan.value().command).ok);
    CHECK(session.workspace().leads.size() == before + fresh.size());
  }
}

}  // namespace lead_import_test
