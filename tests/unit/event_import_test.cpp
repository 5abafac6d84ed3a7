#include "core/import/event_import.hpp"

#include <catch_amalgamated.hpp>

#include "core/import/lead_import.hpp"
#include "core/import/values.hpp"
#include "core/session.hpp"
#include "import_test_support.hpp"

namespace event_import_test {

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

namespace {

Lead lead_with(const Workspace& ws, std::string_view email, std::string_view phone) {
  auto rows = email.empty() ? ws.leads.find_by_phone(phone) : ws.leads.find_by_email(email);
  REQUIRE(rows.size() == 1);
  return ws.leads.get(rows.front());
}

std::string dnc_of(const Lead& lead) {
  std::string out;
  for (const auto& d : lead.do_not_contact) {
    out += std::string(to_string(d.channel)) + ": " + d.reason + "\n";
  }
  return out;
}

}  // namespace

TEST_CASE("Event import honours opt-out replies and unsubscribes at once, in one undo step",
          "[opt-out][import]") {
  Session session = base_session();
  // Rows: Zoë texts STOP (→ sms), José answers in Spanish (→ email), Maria asks to stop by
  // (no opt-out) and unsubscribes (→ email), Ken texts STOP ALL (→ every channel), Zoë texts
  // "stop" again (sms already planned: logged, not honoured twice).
  const std::string text =
      "Email,Phone,Action,Timestamp,Message\n"
      ",+1 813 555 0142,text_replied,2026-11-25 10:00:00,STOP\n"
      "jose.nunez@example.com,,replied,2026-11-25 10:05:00,\"No más mensajes, por favor\"\n"
      "maria.garcia@example.com,,sms reply,2026-11-25 10:10:00,Can I stop by on Friday?\n"
      "maria.garcia@example.com,,unsubscribed,2026-11-25 10:15:00,\n"
      ",+1 813 555 0188,text reply,2026-11-25 10:20:00,Stop all\n"
      ",+1 813 555 0142,text_replied,2026-11-25 11:00:00,stop\n";
  const Workspace before = session.workspace();
  auto plan = plan_event_import(text, session.workspace(), options());
  REQUIRE(plan.ok());
  const auto& r = plan.value().report;
  INFO(to_json(r));
  CHECK(plan.value().mapping[4] == EventColumn{EventField::property, "text"});  // "Message"
  CHECK(r.rows == 6);
  CHECK(r.added == 6);
  CHECK(r.unmatched == 0);
  CHECK(r.opt_outs == 4);
  check_counts_add_up(r);
  REQUIRE(r.warnings.size() == 4);
  CHECK(r.warnings[0].row == 1);
  CHECK(r.warnings[0].message ==
        "opt-out honoured: Zoë Ångström-Łukasiewicz (zoe@example.com) is now do-not-contact on sms, "
        "replied \"STOP\" (2026-11-25)");
  CHECK(r.warnings[1].row == 2);
  CHECK(r.warnings[2].row == 4);
  CHECK(r.warnings[3].row == 5);
  CHECK(r.warnings[3].message.find("on email, sms, call") != std::string::npos);
  CHECK(to_json(r).find("\"opt_outs\": 4") != std::string::npos);
  // One AddEvents, then 1 + 1 + 1 + 3 do-not-contact commands.
  CHECK(plan.value().command.commands.size() == 7);
  CHECK(plan.value().command.summary == "Logged 6 events from 6 rows; 4 opt-outs honoured");

  const auto result = session.execute(plan.value().command);
  REQUIRE(result.ok);
  CHECK(result.message == "Logged 6 events from 6 rows; 4 opt-outs honoured");
  const Workspace& ws = session.workspace();
  CHECK(dnc_of(lead_with(ws, "zoe@example.com", "")) == "sms: replied \"STOP\" (2026-11-25)\n");
  CHECK(dnc_of(lead_with(ws, "jose.nunez@example.com", "")) ==
        "email: replied \"No más mensajes, por favor\" (2026-11-25)\n");
  CHECK(dnc_of(lead_with(ws, "maria.garcia@example.com", "")) == "email: unsubscribed (2026-11-25)\n");
  const Lead ken = lead_with(ws, "", "+18135550188");
  CHECK(ken.do_not_contact.size() == 3);
  CHECK(dnc_of(ken).find("call: replied \"Stop all\" (2026-11-25)") != std::string::npos);
  CHECK(lead_with(ws, "zoe@example.com", "").do_not_contact.front().at ==
        *parse_timestamp("2026-11-25 10:00:00", DateOrder::month_first, 0));  // the reply's time

  // Importing the same file again logs and honours nothing.
  auto again = plan_event_import(text, session.workspace(), options());
  REQUIRE(again.ok());
  CHECK(again.value().report.added == 0);
  CHECK(again.value().report.opt_outs == 0);
  CHECK(again.value().command.commands.empty());

  // Undo takes the events and every do-not-contact back.
  REQUIRE(session.undo());
  CHECK(session.workspace().events.size() == before.events.size());
  CHECK(lead_with(session.workspace(), "zoe@example.com", "").do_not_contact.empty());
  CHECK(lead_with(session.workspace(), "maria.garcia@example.com", "").do_not_contact.empty());
  CHECK(lead_with(session.workspace(), "", "+18135550188").do_not_contact.empty());
}

TEST_CASE("Event import: a reply that is not an opt-out, or already honoured, sets nothing",
          "[opt-out][import]") {
  Session session = base_session();
  // Maria already asked for no email: her unsubscribe changes nothing and is not counted; her
  // text reply "stop by on Friday" is an ordinary reply; a reply with no text column is too.
  const Lead maria = lead_with(session.workspace(), "maria.garcia@example.com", "");
  REQUIRE(session
              .execute(LeadBatch{
                  {SetDoNotContact{maria.id, Channel::email, true, "asked at the desk", k_import_now}},
                  "",
                  false})
              .ok);
  const std::string text =
      "Email,Action,Timestamp,Reply\n"
      "maria.garcia@example.com,unsubscribed,2026-11-25 10:00:00,\n"
      "maria.garcia@example.com,textreplied,2026-11-25 10:01:00,I'll stop by on Friday\n"
      "maria.garcia@example.com,replied,2026-11-25 10:02:00,\n";
  auto plan = plan_event_import(text, session.workspace(), options());
  REQUIRE(plan.ok());
  CHECK(plan.value().report.added == 3);
  CHECK(plan.value().report.opt_outs == 0);
  CHECK(plan.value().report.warnings.empty());
  CHECK(plan.value().command.commands.size() == 1);
  CHECK(plan.value().command.summary == "Logged 3 events from 3 rows");
  CHECK(to_json(plan.value().report).find("opt_outs") == std::string::npos);
}

TEST_CASE("Event import: an old STOP does not undo a do-not-contact cleared after it", "[opt-out][import]") {
  Session session = base_session();
  // Zoë texted STOP at 10:00 (handled elsewhere), opted back in, and the practice cleared sms
  // do-not-contact at k_import_now (2026-11-26). Importing the old reply later leaves the clear.
  const Lead zoe = lead_with(session.workspace(), "zoe@example.com", "");
  REQUIRE(session
              .execute(LeadBatch{
                  {SetDoNotContact{zoe.id, Channel::sms, true, "STOP at the desk", k_import_now - 3600000},
                   SetDoNotContact{zoe.id, Channel::sms, false, "opted back in", k_import_now}},
                  "",
                  false})
              .ok);
  const std::string text =
      "Email,Action,Timestamp,Body\nzoe@example.com,text_replied,2026-11-25 10:00:00,STOP\n";
  auto plan = plan_event_import(text, session.workspace(), options());
  REQUIRE(plan.ok());
  CHECK(plan.value().report.added == 1);
  CHECK(plan.value().report.opt_outs == 0);
  REQUIRE(plan.value().report.warnings.size() == 1);
  CHECK(
      plan.value().report.warnings[0].message ==
      "opt-out not applied to Zoë Ångström-Łukasiewicz (zoe@example.com) on sms: do-not-contact was cleared "
      "after replied \"STOP\" (2026-11-25)");
  CHECK(plan.value().command.commands.size() == 1);  // the event only
}

}  // namespace event_import_test
