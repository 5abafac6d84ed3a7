#include "core/import/event_import.hpp"

#include <catch_amalgamated.hpp>

#include "core/import/lead_import.hpp"
#include "core/session.hpp"
#include "import_test_support.hpp"

using namespace nurture;
using nurture::test::k_import_now;

namespace {

// The leads of the Meta and HubSpot fixtures (Zoë, José, Maria, Ken).
Session base_session() {
  Session session(Workspace{}, 3);
  auto ids = test::counter_ids();
  for (const char* file : {"meta-leads.tsv", "hubspot-contacts.csv"}) {
    LeadImportOptions o;
    o.now = k_import_now;
    o.next_id = ids;
    auto plan = plan_lead_import(test::read_test_file(std::string("fixtures/import/") + file),
                                 session.workspace(), o);
    REQUIRE(plan.ok());
    REQUIRE(session.execute(plan.value().command).ok);
  }
  return session;
}

EventImportOptions options() {
  EventImportOptions o;
  o.now = k_import_now;
  o.next_id = test::counter_ids(0x9000);
  return o;
}

std::string dump_event(const Event& e) {
  nlohmann::ordered_json j{{"id", to_string(e.id)},          {"lead", to_string(e.lead)},
                           {"at", format_iso8601_utc(e.at)}, {"type", to_string(e.type)},
                           {"content", e.content},           {"seconds", e.seconds},
                           {"amount_cents", e.amount_cents}, {"service", e.service}};
  auto props = nlohmann::ordered_json::object();
  for (const auto& [k, v] : e.properties) props[k] = v;
  j["properties"] = props;
  return j.dump();
}

void check_counts_add_up(const ImportReport& r) {
  CHECK(r.rows == r.added + r.skipped + r.unmatched + r.errors);
}

}  // namespace

TEST_CASE("Event import: mailing report, bookings and content analytics against golden output") {
  Session session = base_session();
  std::string golden;
  for (const char* file : {"events-mailing.csv", "events-bookings.csv", "events-content.csv"}) {
    auto plan = plan_event_import(test::read_test_file(std::string("fixtures/import/") + file),
                                  session.workspace(), options());
    REQUIRE(plan.ok());
    check_counts_add_up(plan.value().report);
    const auto result = session.execute(plan.value().command);
    REQUIRE(result.ok);
    golden += std::string("== ") + file + " (" + std::string(to_string(plan.value().format)) + ")\n" +
              to_json(plan.value().report) + "\n" + result.message + "\n";
  }
  golden += "== events\n";
  const auto& events = session.workspace().events;
  for (std::uint32_t pos = 0; pos < events.size(); ++pos) golden += dump_event(events.get(pos)) + "\n";
  test::check_golden("fixtures/import/expected/events.golden.txt", golden);

  CHECK(events.size() == 3 + 4 + 2);
  // The completed appointment carries its revenue.
  bool found_revenue = false;
  for (std::uint32_t pos = 0; pos < events.size(); ++pos) {
    const Event e = events.get(pos);
    if (e.type == EventType::appointment_attended) found_revenue = found_revenue || e.amount_cents == 125000;
  }
  CHECK(found_revenue);

  // Importing the same files again logs nothing twice.
  for (const char* file : {"events-mailing.csv", "events-bookings.csv", "events-content.csv"}) {
    auto again = plan_event_import(test::read_test_file(std::string("fixtures/import/") + file),
                                   session.workspace(), options());
    REQUIRE(again.ok());
    CHECK(again.value().report.added == 0);
    CHECK(again.value().command.commands.empty());
  }
}

TEST_CASE("Event import rows: unmatched, unknown actions, bad and future times are reported by row") {
  Session session = base_session();
  auto plan = plan_event_import(test::read_test_file("fixtures/import/events-mailing.csv"),
                                session.workspace(), options());
  REQUIRE(plan.ok());
  const auto& r = plan.value().report;
  CHECK(r.rows == 9);
  CHECK(r.added == 3);
  CHECK(r.unmatched == 1);
  CHECK(r.skipped == 2);  // "forwarded", and a repeated row
  CHECK(r.errors == 3);   // not a time, future, before 2000
  const auto issue = [&](const std::vector<RowIssue>& list, std::size_t row) {
    for (const auto& i : list) {
      if (i.row == row) return i.message;
    }
    return std::string();
  };
  CHECK(issue(r.skipped_rows, 4) == "no lead with email stranger@example.com");
  CHECK(issue(r.error_rows, 5) == "\"not a time\" is not a date and time");
  CHECK(issue(r.error_rows, 8).find("in the future") != std::string::npos);
  CHECK(issue(r.error_rows, 9).find("before 2000") != std::string::npos);
}

TEST_CASE("Event import: explicit mapping overrides, progress and cancel") {
  Session session = base_session();
  const std::string text = "Who,What,When\nzoe@example.com,clicked,2026-11-25 10:00:00\n";
  auto o = options();
  CHECK_FALSE(plan_event_import(text, session.workspace(), o).ok());  // nothing identifies the lead
  o.overrides = {"Who=email", "What=action", "When=at"};
  auto plan = plan_event_import(text, session.workspace(), o);
  REQUIRE(plan.ok());
  CHECK(plan.value().report.added == 1);
  o.overrides = {"Who=nonsense"};
  CHECK_FALSE(plan_event_import(text, session.workspace(), o).ok());

  const Workspace before = session.workspace();
  const std::string bookings =
      test::read_test_file("fixtures/import/events-bookings.csv");  // outlives the job
  EventImport job(bookings, options());
  REQUIRE(job.status().ok());
  CHECK(job.format() == EventFormat::bookings);
  const auto p = job.step(session.workspace(), 2);
  CHECK(p.rows == 2);
  CHECK_FALSE(p.done);
  CHECK(session.workspace() == before);  // cancelled: dropped without applying
}
