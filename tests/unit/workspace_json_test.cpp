#include "core/io/workspace_json.hpp"

#include <catch_amalgamated.hpp>

#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/io/workspace_json_reader.hpp"
#include "core/session.hpp"
#include "stepped_read_support.hpp"
#include "test_support.hpp"

namespace workspace_json_test {

using namespace nurture;

namespace {

constexpr UnixMillis k_now = 1790000000000;  // 2026-09-21

Workspace sample() {
  Workspace ws;
  ws.revision = 7;
  ws.practice.name = "Clínica Łukasiewicz & Dvořák";
  ws.practice.street = "12 Rue de la Paix";
  ws.practice.city = "Zürich";
  ws.practice.zip = "8001";
  ws.practice.country = "CH";
  ws.practice.time_zone = "Europe/Zurich";
  return ws;
}

}  // namespace

TEST_CASE("workspace JSON round-trips and is deterministic", "[workspace-json]") {
  const auto text = workspace_to_json(sample());
  const auto back = workspace_from_json(text);
  REQUIRE(back.ok());
  CHECK(back.value() == sample());
  CHECK(workspace_to_json(back.value()) == text);
}

TEST_CASE("the file names its format and version", "[workspace-json]") {
  const auto text = workspace_to_json(Workspace{});
  CHECK(text.find("\"format\": \"nurture.workspace\"") != std::string::npos);
  CHECK(text.find("\"version\": 2,") != std::string::npos);
}

TEST_CASE("the version 1 golden file always loads", "[workspace-json][golden]") {
  const auto golden = test::read_test_file("golden/workspace-v1.json");
  REQUIRE_FALSE(golden.empty());
  const auto ws = workspace_from_json(golden);
  REQUIRE(ws.ok());
  CHECK(ws.value().practice.name == "Lumen Aesthetics & Laser");
  CHECK(ws.value().practice.city == "Tampa");
  CHECK(ws.value().practice.time_zone == "America/New_York");
  CHECK(ws.value().practice.hours == k_default_business_hours);
  CHECK(ws.value().revision == 42);
  CHECK(ws.value().leads.rows() == 0);
  // Migrated forward: written back as version 2, which reads back the same.
  const auto v2 = workspace_to_json(ws.value());
  CHECK(v2.find("\"version\": 2,") != std::string::npos);
  const auto again = workspace_from_json(v2);
  REQUIRE(again.ok());
  CHECK(again.value() == ws.value());
}

TEST_CASE("the version 2 golden file loads and writes back byte for byte", "[workspace-json][golden]") {
  const auto golden = test::read_test_file("golden/workspace-v2.json");
  REQUIRE_FALSE(golden.empty());
  const auto r = workspace_from_json(golden);
  INFO((r.ok() ? "" : r.error().describe()));
  REQUIRE(r.ok());
  const Workspace& ws = r.value();
  CHECK(workspace_to_json(ws) == golden);

  CHECK(ws.practice.name == "Lumen Aesthetics & Laser");
  CHECK(ws.practice.hours[5] == DayHours{600, 840});
  CHECK(ws.practice_stamp == parse_stamp("2026-09-21T10:00:00.000Z/00000000/00000000000000a1"));
  REQUIRE(ws.treatments.size() == 2);
  CHECK(ws.treatments[0].retreatment_days == 90);
  CHECK(ws.treatments[1].deleted);
  REQUIRE(ws.sources.size() == 1);
  CHECK(ws.sources[0].kind == SourceKind::paid);
  REQUIRE(ws.content.size() == 1);
  CHECK(ws.content[0].kind == ContentKind::before_after);

  REQUIRE(ws.leads.rows() == 3);
  const Lead ana = ws.leads.get(0);
  CHECK(ana.email == "ana@example.com");
  CHECK(ana.phone == "+18135550142");
  CHECK(ana.custom_fields.at("skin type") == "III");
  CHECK(ana.stage == Stage::conversion);
  CHECK(ana.stage_history.size() == 2);
  REQUIRE(ana.consent.size() == 1);
  CHECK(ana.consent[0].granted);
  CHECK(ana.consent[0].method == "web form");
  REQUIRE(ana.do_not_contact.size() == 1);
  CHECK(ana.do_not_contact[0].channel == Channel::call);
  // Minor version 1: records without a "stamp" take their field's; a cleared do-not-contact.
  CHECK(ana.do_not_contact[0].stamp == ws.leads.stamp(0, LeadField::do_not_contact));
  CHECK(ana.consent[0].stamp == parse_stamp("2026-09-21T11:00:00.000Z/00000000/00000000000000a1"));
  CHECK(ana.consent[0].stamp < ws.leads.stamp(0, LeadField::consent));
  REQUIRE(ana.do_not_contact_cleared.size() == 1);
  CHECK(ana.do_not_contact_cleared[0].channel == Channel::sms);
  CHECK(ana.do_not_contact_cleared[0].reason == "texts are fine again");
  CHECK(may_contact(ana, Channel::email, Purpose::marketing));
  // A field with its own stamp (edited later) next to the lead's common stamp.
  CHECK(ws.leads.stamp(0, LeadField::notes) > ws.leads.stamp(0, LeadField::first_name));
  CHECK(ws.leads.stamp(0, LeadField::age).is_zero());
  CHECK(ws.leads.is_deleted(2));
  CHECK_FALSE(ws.leads.deleted_stamp(2).is_zero());

  REQUIRE(ws.events.size() == 4);
  const Event first = ws.events.get(0);
  CHECK(first.type == EventType::email_clicked);
  CHECK(first.content == "botox-guide");
  CHECK(first.properties == std::vector<std::pair<std::string, std::string>>{{"utm_source", "newsletter"}});
  CHECK(ws.events.get(3).amount_cents == 35000);
  CHECK(ws.events.is_deleted(1));
  CHECK_FALSE(ws.events.is_deleted(0));

  REQUIRE(ws.unknown_members.size() == 2);
  CHECK(ws.unknown_members[0].first == "segments");
  CHECK(ws.unknown_members[1] == std::pair<std::string, std::string>{"zz_note", "\"kept\""});
}

TEST_CASE("unknown members from a newer minor version survive a round trip", "[workspace-json]") {
  const auto text = R"({"format":"nurture.workspace","version":2,"minor_version":5,
    "practice":{"name":"A","motto":"x"},"future_feature":{"x":[1,2.50,-3,null,true,"\u00e9\n"]},"zz":"kept"})";
  const auto ws = workspace_from_json(text);
  REQUIRE(ws.ok());
  REQUIRE(ws.value().unknown_members.size() == 2);
  CHECK(ws.value().unknown_members[0].second == "{\"x\":[1,2.50,-3,null,true,\"é\\n\"]}");
  const auto written = workspace_to_json(ws.value());
  const auto again = workspace_from_json(written);
  REQUIRE(again.ok());
  CHECK(again.value().unknown_members == ws.value().unknown_members);
  CHECK(workspace_to_json(again.value()) == written);
}

TEST_CASE("a newer major version is refused with 'update the app'", "[workspace-json]") {
  const auto ws =
      workspace_from_json(R"({"format":"nurture.workspace","version":3,"leads":{"new":"shape"}})");
  REQUIRE_FALSE(ws.ok());
  CHECK(ws.error().message.find("newer version of Nurture") != std::string::npos);
  CHECK(ws.error().message.find("update the app") != std::string::npos);
}

TEST_CASE("hostile or wrong files are refused with a clear message", "[workspace-json]") {
  struct Case {
    std::string text;
    std::string expect;
  };
  const std::string head = R"({"format":"nurture.workspace","version":2,)";
  const std::string lead = R"({"id":"L00000000000000a1","first_name":"Ana"})";
  const std::vector<Case> cases = {
      {"", "malformed JSON"},
      {"{\"format\":\"nurture.workspace\",", "malformed JSON"},
      {"[1,2,3]", "must be a JSON object"},
      {"42", "must be a JSON object"},
      {R"({"format":"other"})", "not a Nurture workspace"},
      {R"({"format":"nurture.workspace"})", "no integer \"version\""},
      {R"({"format":"nurture.workspace","version":"1"})", "no integer \"version\""},
      {head + R"("practice":[]})", "practice: must be an object"},
      {head + R"("practice":{"name":5}})", "practice.name: must be a string"},
      {head + R"("practice":{"hours":[[0,1]]}})", "practice.hours: must have 7 days"},
      {head + R"("revision":-3})", "revision"},
      {head + R"("revision":NaN})", "malformed JSON"},
      {head + R"("revision":Infinity})", "malformed JSON"},
      {head + R"("revision":1,"revision":2})", "revision: the member appears twice"},
      {head + R"("zz":1,"zz":2})", "zz: the member appears twice"},
      {"{\"format\":\"nurture.workspace\",\"version\":2,\"practice\":{\"name\":\"\xC3\"}}", "UTF-8"},
      {std::string(100, '[') + std::string(100, ']'), "nested"},
      {head + R"("leads":[{"first_name":"Ana"}]})", "leads[0].id: missing"},
      {head + R"("leads":[)" + lead + "," + lead + "]}",
       "leads[1].id: the lead id L00000000000000a1 appears twice"},
      {head + R"("leads":[{"id":"L1"}]})", "leads[0].id: \"L1\" is not a lead id"},
      {head + R"("leads":[{"id":"L00000000000000a1","email":"Ana@X.com"}]})",
       "leads[0].email: \"Ana@X.com\" is not a normalised"},
      {head + R"("leads":[{"id":"L00000000000000a1","phone":"(813) 555-0142"}]})", "leads[0].phone"},
      {head + R"("leads":[{"id":"L00000000000000a1","stage":"famous"}]})",
       "leads[0].stage: \"famous\" is not a known value"},
      {head + R"("leads":[{"id":"L00000000000000a1","age":300}]})",
       "leads[0].age: must be an integer from 0 to 255"},
      {head + R"("leads":[{"id":"L00000000000000a1","age":1.5}]})", "leads[0].age"},
      {head + R"("leads":[{"id":"L00000000000000a1","tags":[1]}]})", "leads[0].tags[0]: must be a string"},
      {head + R"("leads":[{"id":"L00000000000000a1","custom_fields":{"a":"1","a":"2"}}]})",
       "custom_fields.a: the member appears twice"},
      {head + R"("leads":[{"id":"L00000000000000a1","stamp":"yesterday"}]})",
       "leads[0].stamp: \"yesterday\" is not a change stamp"},
      {head + R"("leads":[{"id":"L00000000000000a1","created_at":253402300800000}]})", "leads[0].created_at"},
      {head + R"("leads":[{"id":"L00000000000000a1","do_not_contact":[{"channel":"sms"},)" +
           R"({"channel":"sms","cleared":true}]}]})",
       "leads[0].do_not_contact[1]: a second do-not-contact record for the same channel"},
      {head + R"("leads":[{"id":"L00000000000000a1","do_not_contact":[{"channel":"sms","cleared":1}]}]})",
       "leads[0].do_not_contact[0].cleared: must be"},
      {head + R"("leads":[{"id":"L00000000000000a1","consent":[{"channel":"sms","purpose":"marketing",)" +
           R"("stamp":"soon"}]}]})",
       "leads[0].consent[0].stamp: \"soon\" is not a change stamp"},
      {head + R"("leads":[{"id":"L00000000000000a1","consent":[{"channel":"email"}]}]})",
       "leads[0].consent[0]: a consent record needs"},
      {head + R"("events":[["E0000000000000001","L00000000000000a1",1,"call"]]})",
       "events[0][1]: no lead has the id"},
      {head + R"("leads":[)" + lead + R"(],"events":[["E0000000000000001","L00000000000000a1",1]]})",
       "events[0]: needs at least"},
      {head + R"("leads":[)" + lead + R"(],"events":[["E0000000000000001","L00000000000000a1",1,"hug"]]})",
       "events[0][3]"},
      {head + R"("leads":[)" + lead + R"(],"events":[["E0000000000000001","L00000000000000a1",1e3,"call"]]})",
       "events[0][2]: must be an integer"},
      {head + R"("leads":[)" + lead +
           R"(],"events":[["E0000000000000001","L00000000000000a1",99999999999999999,"call"]]})",
       "events[0][2]"},
      {head + R"("leads":[)" + lead +
           R"(],"events":[["E0000000000000001","L00000000000000a1",1,"call"],["E0000000000000001","L00000000000000a1",2,"call"]]})",
       "the event id E0000000000000001 appears twice"},
      {head + R"("treatments":[{"id":"Bad Id","name":"X"}]})", "treatments[0].id"},
      {head + R"("treatments":[{"id":"a","name":"X"},{"id":"a","name":"Y"}]})",
       "treatments[1].id: the id \"a\" is used twice"},
      {head + R"("sources":[{"id":"a","name":"X","kind":"magic"}]})", "sources[0].kind"},
  };
  for (const auto& c : cases) {
    INFO(c.text.substr(0, 200));
    const auto ws = workspace_from_json(c.text);
    REQUIRE_FALSE(ws.ok());
    INFO(ws.error().describe());
    CHECK(ws.error().message.find(c.expect) != std::string::npos);
  }
}

TEST_CASE("malformed JSON reports line and column", "[workspace-json]") {
  const auto ws = workspace_from_json("{\n  \"format\": \"nurture.workspace\",\n  \"version\": 1,,\n}");
  REQUIRE_FALSE(ws.ok());
  CHECK(ws.error().line == 3);
  CHECK(ws.error().column == 16);
  CHECK(ws.error().describe().rfind("3:16: ", 0) == 0);
}

TEST_CASE("the chunked writer gives the same bytes and reports progress", "[workspace-json]") {
  const auto golden = test::read_test_file("golden/workspace-v2.json");
  const auto ws = workspace_from_json(golden);
  REQUIRE(ws.ok());
  WorkspaceJsonWriter writer(ws.value());
  std::string out;
  double last = 0;
  int steps = 0;
  while (!writer.step(out, 64)) {
    CHECK(writer.progress() >= last);
    last = writer.progress();
    ++steps;
  }
  CHECK(steps > 5);
  CHECK(writer.progress() == 1.0);
  CHECK(out == golden);
}

TEST_CASE("the reader reports progress and can be cancelled", "[workspace-json]") {
  Workspace ws;
  for (std::uint64_t i = 1; i <= 40000; ++i) {
    Lead l;
    l.id = LeadId{i};
    l.first_name = "Lead";
    ws.leads.append_row(l, Stamp{k_now, 0, 1});
  }
  const auto text = workspace_to_json(ws);
  std::vector<double> seen;
  WorkspaceReadOptions options;
  options.progress = [&](double f) {
    seen.push_back(f);
    return true;
  };
  const auto back = workspace_from_json(text, options);
  REQUIRE(back.ok());
  CHECK(back.value().leads == ws.leads);
  REQUIRE(seen.size() == 2);  // every 16,384 items
  CHECK(seen[0] == Catch::Approx(16384.0 / 40000));
  options.progress = [](double f) { return f < 0.3; };
  const auto cancelled = workspace_from_json(text, options);
  REQUIRE_FALSE(cancelled.ok());
  CHECK(cancelled.error().message == "the import was cancelled");
}

TEST_CASE("the merged-stamps summary lists each device once, in order", "[workspace-json]") {
  const std::string head =
      R"({"format":"nurture.workspace","version":2,"minor_version":0,"revision":1,"seen":[)";
  const auto with_seen = [&](const std::string& list) { return workspace_from_json(head + list + "]}"); };
  const auto ok = with_seen(R"("2026-09-22T08:16:00.000Z/00000000/00000000000000a1",)"
                            R"("2026-09-22T08:15:00.000Z/00000000/00000000000000b2")");
  REQUIRE(ok.ok());
  REQUIRE(ok.value().seen.size() == 2);
  CHECK(ok.value().seen[1].device == 0xb2);
  const auto unordered = with_seen(R"("2026-09-22T08:15:00.000Z/00000000/00000000000000b2",)"
                                   R"("2026-09-22T08:16:00.000Z/00000000/00000000000000a1")");
  REQUIRE_FALSE(unordered.ok());
  CHECK(unordered.error().message.find("ascending order of device") != std::string::npos);
  CHECK_FALSE(with_seen(R"("not a stamp")").ok());
  CHECK_FALSE(workspace_from_json(head.substr(0, head.size() - 1) + "{}}").ok());
}

TEST_CASE("a version 1 file with a later version's member is refused (fuzzer finding)", "[workspace-json]") {
  const auto r =
      workspace_from_json(R"({"format":"nurture.workspace","version":1,"leads":{"id":"L0000000000000001"}})");
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().message.find("not of version 1") != std::string::npos);
  // Anything else unknown is still kept (R13).
  const auto ok = workspace_from_json(R"({"format":"nurture.workspace","version":1,"later":{"x":1}})");
  REQUIRE(ok.ok());
  CHECK(ok.value().unknown_members.size() == 1);
}

// The reader skips sorting the event ids when they arrive strictly ascending (the fast path)
// and sorts them otherwise; either way a repeated id is refused, naming the smallest one. The
// oracle counts ids in a std::map.
TEST_CASE("repeated event ids are found whether ids arrive in order or not", "[workspace-json]") {
  const std::string head =
      R"({"format":"nurture.workspace","version":2,"leads":[{"id":"L00000000000000a1"}],"events":[)";
  std::uint64_t seed = 12345;
  const auto next = [&seed] {
    seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
    return seed >> 33;
  };
  for (int round = 0; round < 200; ++round) {
    // Every tenth round is large enough for the radix sort.
    const std::size_t n = round % 10 == 9 ? 1500 + next() % 1500 : 1 + next() % 40;
    std::vector<std::uint64_t> ids;
    for (std::size_t i = 0; i < n; ++i) ids.push_back(1 + next() % (n > 40 ? 1000000 : 1000));
    switch (round % 4) {
      case 0:  // strictly ascending: the fast path, no repeat
        std::sort(ids.begin(), ids.end());
        ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
        break;
      case 1:  // ascending with one repeat: leaves the fast path at the repeat
        std::sort(ids.begin(), ids.end());
        ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
        ids.insert(ids.begin() + static_cast<std::ptrdiff_t>(next() % ids.size()), ids[next() % ids.size()]);
        std::sort(ids.begin(), ids.end());
        break;
      case 2:  // descending
        std::sort(ids.rbegin(), ids.rend());
        break;
      default:  // random order, repeats likely for larger n
        break;
    }
    std::string text = head;
    for (std::size_t i = 0; i < ids.size(); ++i) {
      if (i > 0) text += ',';
      text += "[\"" + to_string(EventId{ids[i]}) + R"(","L00000000000000a1",)" + std::to_string(i) +
              R"(,"call"])";
    }
    text += "]}";
    std::map<std::uint64_t, int> counts;
    for (const auto id : ids) ++counts[id];
    std::optional<std::uint64_t> repeated;
    for (const auto& [id, count] : counts) {
      if (count > 1) {
        repeated = id;
        break;
      }
    }
    INFO(text);
    const auto ws = workspace_from_json(text);
    if (repeated) {
      REQUIRE_FALSE(ws.ok());
      CHECK(ws.error().message == "events: the event id " + to_string(EventId{*repeated}) + " appears twice");
    } else {
      REQUIRE(ws.ok());
      CHECK(ws.value().events.size() == ids.size());
    }
  }
}

// The reader's radix sort of event ids against std::sort: random 64-bit ids, small ids (most
// byte passes skipped), repeats, and sizes either side of the switch from std::sort.
TEST_CASE("the event id sort orders like std::sort", "[workspace-json]") {
  std::uint64_t seed = 987654321;
  const auto next = [&seed] {
    seed ^= seed << 13;
    seed ^= seed >> 7;
    seed ^= seed << 17;
    return seed;
  };
  for (const std::size_t n : {0, 1, 2, 1023, 1024, 1025, 5000, 40000}) {
    for (int shape = 0; shape < 4; ++shape) {
      std::vector<std::uint64_t> ids(n);
      for (auto& id : ids) {
        id = next();
        if (shape == 1) id &= 0xFFFF;                 // high bytes all zero
        if (shape == 2) id = 1 + id % 64;             // many repeats
        if (shape == 3) id |= 0xFF00000000000000ULL;  // a shared high byte that is not zero
      }
      auto want = ids;
      std::sort(want.begin(), want.end());
      workspace_json_detail::sort_ids(ids);
      INFO(n << " " << shape);
      CHECK(ids == want);
    }
  }
}

// Event leads are checked in batches; the error must be the one an immediate check gives: the
// first unknown lead, before any later problem in the file, and leads read after the events
// do not count. Each file is also read in steps of several budgets.
TEST_CASE("an unknown event lead is reported as if checked when read", "[workspace-json]") {
  const std::string head =
      R"({"format":"nurture.workspace","version":2,"leads":[{"id":"L00000000000000a1"}],)";
  const auto event = [](int id, const std::string& lead) {
    return "[\"" + to_string(EventId{static_cast<std::uint64_t>(id)}) + "\",\"" + lead + "\"," +
           std::to_string(id) + ",\"call\"]";
  };
  const std::string known = "L00000000000000a1";
  std::string many;  // 10,000 events, the 9,000th (index 8999) with an unknown lead: a later batch
  for (int i = 1; i <= 10000; ++i)
    many += (i > 1 ? "," : "") + event(i, i == 9000 ? "L00000000000000b2" : known);
  struct Case {
    std::string text;
    std::string expect;
  };
  const std::vector<Case> cases = {
      {head + R"("events":[)" + event(1, "L00000000000000b2") + "]}",
       "events[0][1]: no lead has the id L00000000000000b2"},
      // A later type error, syntax error, excessive nesting or bad id: the lead comes first.
      {head + R"("events":[)" + event(1, "L00000000000000b2") +
           R"(,["E0000000000000002","L00000000000000a1","x","call"]]})",
       "events[0][1]: no lead has the id L00000000000000b2"},
      {head + R"("events":[)" + event(1, "L00000000000000b2") + ",,]}",
       "events[0][1]: no lead has the id L00000000000000b2"},
      {head + R"("events":[)" + event(1, "L00000000000000b2") +
           R"(,["E0000000000000002","L00000000000000a1",2,"call",)" +
           R"("","",0,0,0,"",{},"2025-01-01T00:00:00.000Z/00000000/0000000000000001",)" +
           std::string(600, '[') + std::string(600, ']') + "]]}",
       "events[0][1]: no lead has the id L00000000000000b2"},
      {head + R"("events":[)" + event(1, known) + "," + event(2, "L00000000000000B2") + "," +
           event(3, "Lxyz") + "]}",
       "events[1][1]: no lead has the id L00000000000000B2"},
      // The text as written (upper case, escapes) is quoted.
      {head + R"("events":[)" + event(1, known) +
           R"(,["E0000000000000002","L00000000000000\u00622",2,"call"]]})",
       "events[1][1]: no lead has the id L00000000000000b2"},
      // A lead that only comes after the events does not count.
      {R"({"format":"nurture.workspace","version":2,"events":[)" + event(1, known) + R"(],"leads":[{"id":")" +
           known + "\"}]}",
       "events[0][1]: no lead has the id L00000000000000a1"},
      {head + R"("events":[)" + many + "]}", "events[8999][1]: no lead has the id L00000000000000b2"},
      {head + R"("events":[)" + many + ",]}", "events[8999][1]: no lead has the id L00000000000000b2"},
  };
  for (const auto& c : cases) {
    INFO(c.text.substr(0, 300));
    const auto whole = workspace_from_json(c.text);
    REQUIRE_FALSE(whole.ok());
    CHECK(whole.error().message == c.expect);
    for (const std::size_t budget : test::k_step_budgets) {
      if (budget == 1 && c.text.size() > 10000) continue;
      test::check_same_outcome(test::read_stepped(c.text, budget), whole);
    }
  }
  // Known leads, in a file long enough for several batches: accepted.
  std::string fine;
  for (int i = 1; i <= 20000; ++i) fine += (i > 1 ? "," : "") + event(i, known);
  const auto ws = workspace_from_json(head + R"("events":[)" + fine + "]}");
  REQUIRE(ws.ok());
  CHECK(ws.value().events.size() == 20000);
}

}  // namespace workspace_json_test
