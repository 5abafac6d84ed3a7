#include <catch_amalgamated.hpp>

#include "core/session.hpp"
#include "test_support.hpp"

namespace lead_commands_test {

using namespace nurture;

namespace {

constexpr UnixMillis k_now = 1795000000000;  // 2026-11-18

Lead named(std::uint64_t id, std::string first, std::string email = {}, std::string phone = {}) {
  Lead l;
  l.id = LeadId{id};
  l.first_name = std::move(first);
  l.email = std::move(email);
  l.phone = std::move(phone);
  return l;
}

bool has_error(const CommandResult& r, const std::string& field) {
  for (const auto& e : r.field_errors) {
    if (e.field == field) return true;
  }
  return false;
}

Lead read(const Session& s, std::uint64_t id) {
  return s.workspace().leads.get(*s.workspace().leads.find(LeadId{id}));
}

Event event(std::uint64_t id, std::uint64_t lead, UnixMillis at, EventType type = EventType::email_opened) {
  return test::make_event(id, lead, at, type);
}

}  // namespace

TEST_CASE("AddLead normalises contact details and stamps the set fields", "[commands]") {
  Session s(7);
  const auto r = s.execute(AddLead{named(1, "Ana", " Ana@Example.COM ", "(813) 555-0142"), k_now});
  REQUIRE(r.ok);
  CHECK(s.revision() == 1);
  const Lead lead = read(s, 1);
  CHECK(lead.email == "ana@example.com");
  CHECK(lead.phone == "+18135550142");
  CHECK(lead.created_at == k_now);
  CHECK(lead.stage_history == std::vector<StageChange>{{Stage::awareness, k_now}});
  const auto& leads = s.workspace().leads;
  const Stamp stamp = leads.stamp(0, LeadField::email);
  CHECK(stamp.millis == k_now);
  CHECK(stamp.device == 7);
  CHECK(leads.stamp(0, LeadField::first_name) == stamp);
  CHECK(leads.stamp(0, LeadField::last_name).is_zero());
  CHECK(leads.find_by_email("ana@example.com") == std::vector<std::uint32_t>{0});
}

TEST_CASE("AddLead reports every bad field and changes nothing", "[commands]") {
  Session s;
  auto r = s.execute(AddLead{named(1, "", "not-an-email", "12"), k_now});
  CHECK_FALSE(r.ok);
  CHECK(has_error(r, "email"));
  CHECK(has_error(r, "phone"));
  CHECK_FALSE(has_error(r, "name"));
  r = s.execute(AddLead{named(1, ""), k_now});
  CHECK(has_error(r, "name"));
  r = s.execute(AddLead{named(0, "Ana"), k_now});
  CHECK(has_error(r, "id"));
  Lead bad_date = named(2, "Ana");
  bad_date.birth_date = CivilDate{1990, 2, 30};
  bad_date.age = 200;
  r = s.execute(AddLead{bad_date, k_now});
  CHECK(has_error(r, "birth_date"));
  CHECK(has_error(r, "age"));
  CHECK(s.revision() == 0);
  CHECK(s.workspace().leads.rows() == 0);
  CHECK_FALSE(s.can_undo());
  REQUIRE(s.execute(AddLead{named(3, "Ana"), k_now}).ok);
  CHECK(has_error(s.execute(AddLead{named(3, "Bea"), k_now}), "id"));
}

TEST_CASE("UpdateLead stamps only the fields that changed", "[commands]") {
  Session s(1);
  REQUIRE(s.execute(AddLead{named(1, "Ana", "ana@example.com"), k_now}).ok);
  const auto& leads = s.workspace().leads;
  const Stamp first = leads.stamp(0, LeadField::first_name);
  Lead edit = read(s, 1);
  edit.email = "ANA@new.example.com";
  edit.tags = {"vip"};
  edit.stage = Stage::patient;  // ignored: stage has its own command
  REQUIRE(s.execute(UpdateLead{LeadId{1}, edit, k_now + 1000}).ok);
  const Lead after = read(s, 1);
  CHECK(after.email == "ana@new.example.com");
  CHECK(after.tags == std::vector<std::string>{"vip"});
  CHECK(after.stage == Stage::awareness);
  CHECK(leads.stamp(0, LeadField::first_name) == first);
  CHECK(leads.stamp(0, LeadField::email) > first);
  CHECK(leads.stamp(0, LeadField::email) == leads.stamp(0, LeadField::tags));
  CHECK(leads.find_by_email("ana@example.com").empty());
  // The same values again are not a change.
  const auto revision = s.revision();
  CHECK(s.execute(UpdateLead{LeadId{1}, after, k_now + 2000}).ok);
  CHECK(s.revision() == revision);
  Lead bad = after;
  bad.phone = "555";
  CHECK(has_error(s.execute(UpdateLead{LeadId{1}, bad, k_now}), "phone"));
  CHECK(has_error(s.execute(UpdateLead{LeadId{9}, after, k_now}), "id"));
}

TEST_CASE("DeleteLead leaves a stamped tombstone invisible to lookups", "[commands]") {
  Session s(1);
  REQUIRE(s.execute(AddLead{named(1, "Ana", "ana@example.com", "+18135550142"), k_now}).ok);
  REQUIRE(s.execute(DeleteLead{LeadId{1}, k_now + 5}).ok);
  const auto& leads = s.workspace().leads;
  CHECK(leads.size() == 0);
  CHECK_FALSE(leads.find(LeadId{1}));
  CHECK(leads.find_by_email("ana@example.com").empty());
  CHECK(leads.find_by_phone("+18135550142").empty());
  CHECK(leads.deleted_stamp(0).millis == k_now + 5);
  CHECK(has_error(s.execute(DeleteLead{LeadId{1}, k_now}), "id"));
  CHECK(has_error(s.execute(SetStage{LeadId{1}, Stage::patient, k_now}), "id"));
  CHECK_FALSE(s.execute(AddEvents{{event(1, 1, k_now)}, k_now}).ok);
}

TEST_CASE("SetStage appends dated history", "[commands]") {
  Session s;
  REQUIRE(s.execute(AddLead{named(1, "Ana"), k_now}).ok);
  REQUIRE(s.execute(SetStage{LeadId{1}, Stage::conversion, k_now + 10}).ok);
  const auto rev = s.revision();
  REQUIRE(s.execute(SetStage{LeadId{1}, Stage::conversion, k_now + 20}).ok);
  CHECK(s.revision() == rev);
  const Lead lead = read(s, 1);
  CHECK(lead.stage == Stage::conversion);
  CHECK(lead.stage_history == std::vector<StageChange>{{Stage::awareness, k_now},
                                                       {Stage::conversion, k_now + 10, StageCause::manual}});
}

TEST_CASE("consent needs evidence and opt-out wins", "[commands]") {
  Session s;
  REQUIRE(s.execute(AddLead{named(1, "Ana", "", "+18135550142"), k_now}).ok);
  CHECK(has_error(s.execute(SetConsent{LeadId{1}, Channel::sms, Purpose::marketing, true, "", "", "", k_now}),
                  "method"));
  REQUIRE(s.execute(SetConsent{LeadId{1}, Channel::sms, Purpose::marketing, true, "web form", "Text me", "",
                               k_now})
              .ok);
  REQUIRE(s.execute(SetConsent{LeadId{1}, Channel::sms, Purpose::treatment, true, "web form", "Reminders", "",
                               k_now})
              .ok);
  CHECK(may_contact(read(s, 1), Channel::sms, Purpose::marketing));
  CHECK(has_error(
      s.execute(SetConsent{LeadId{1}, Channel::sms, Purpose::marketing, false, "reply", "", "", k_now}),
      "reason"));
  CHECK(has_error(s.execute(SetDoNotContact{LeadId{1}, Channel::sms, true, "", k_now}), "reason"));
  REQUIRE(s.execute(SetDoNotContact{LeadId{1}, Channel::sms, true, "replied STOP", k_now + 1}).ok);
  Lead lead = read(s, 1);
  CHECK_FALSE(may_contact(lead, Channel::sms, Purpose::marketing));
  REQUIRE(lead.consent.size() == 2);
  for (const auto& c : lead.consent) {
    CHECK_FALSE(c.granted);
    CHECK(c.reason == "replied STOP");
  }
  CHECK(s.workspace().leads.stamp(0, LeadField::consent) ==
        s.workspace().leads.stamp(0, LeadField::do_not_contact));
  // Granting again is refused while the opt-out stands.
  const auto grant =
      SetConsent{LeadId{1}, Channel::sms, Purpose::marketing, true, "web form", "", "", k_now + 2};
  CHECK(has_error(s.execute(grant), "consent"));
  REQUIRE(s.execute(SetDoNotContact{LeadId{1}, Channel::sms, false, "", k_now + 3}).ok);
  CHECK_FALSE(may_contact(read(s, 1), Channel::sms, Purpose::marketing));  // clearing grants nothing
  REQUIRE(s.execute(grant).ok);
  CHECK(may_contact(read(s, 1), Channel::sms, Purpose::marketing));
}

TEST_CASE("AddEvents validates the whole batch", "[commands]") {
  Session s;
  REQUIRE(s.execute(AddLead{named(1, "Ana"), k_now}).ok);
  auto r = s.execute(AddEvents{
      {event(1, 1, k_now), event(1, 1, k_now), event(2, 9, k_now), event(3, 1, 0),
       event(4, 1, k_now + 2 * k_event_future_slack), event(5, 1, k_now, static_cast<EventType>(99))},
      k_now});
  CHECK_FALSE(r.ok);
  CHECK(has_error(r, "events[1].id"));
  CHECK(has_error(r, "events[2].lead"));
  CHECK(has_error(r, "events[3].at"));
  CHECK(has_error(r, "events[4].at"));
  CHECK(has_error(r, "events[5].type"));
  CHECK_FALSE(has_error(r, "events[0].id"));
  CHECK(s.workspace().events.size() == 0);
  REQUIRE(s.execute(AddEvents{{event(1, 1, k_now - 10), event(2, 1, k_now - 20)}, k_now}).ok);
  CHECK(s.workspace().events.at(0) == k_now - 20);
  CHECK(has_error(s.execute(AddEvents{{event(1, 1, k_now)}, k_now}), "events"));
}

TEST_CASE("undo restores each command's state exactly", "[commands][undo]") {
  Session s(3);
  REQUIRE(s.execute(AddLead{named(1, "Ana", "ana@example.com"), k_now}).ok);
  REQUIRE(s.execute(AddEvents{{event(1, 1, k_now)}, k_now}).ok);
  std::vector<Workspace> states{s.workspace()};
  std::vector<Command> commands;
  Lead edit = read(s, 1);
  edit.email = "x@y.co";
  edit.interests = {"botox"};
  commands.emplace_back(UpdateLead{LeadId{1}, edit, k_now + 1});
  commands.emplace_back(SetStage{LeadId{1}, Stage::patient, k_now + 2});
  commands.emplace_back(
      SetConsent{LeadId{1}, Channel::email, Purpose::marketing, true, "form", "", "", k_now + 3});
  commands.emplace_back(SetDoNotContact{LeadId{1}, Channel::email, true, "complained", k_now + 4});
  commands.emplace_back(AddEvents{{event(3, 1, k_now - 5), event(2, 1, k_now + 5)}, k_now + 5});
  commands.emplace_back(AddLead{named(2, "Bea", "bea@example.com"), k_now + 6});
  commands.emplace_back(DeleteLead{LeadId{1}, k_now + 7});
  PracticeProfile p;
  p.name = "Glow";
  commands.emplace_back(SetPracticeProfile{p});
  commands.emplace_back(ReplaceWorkspace{Workspace{}});
  for (const auto& c : commands) {
    REQUIRE(s.execute(c).ok);
    states.push_back(s.workspace());
  }
  for (std::size_t i = states.size() - 1; i > 0; --i) {
    REQUIRE(s.undo());
    Workspace expected = states[i - 1];
    expected.revision = s.revision();
    // The consent ledger is append-only: undo adds compensating entries instead of removing
    // any (tests/unit/consent_ledger_test.cpp), so it is the one member that does not go back.
    CHECK(s.workspace().ledger.size() >= expected.ledger.size());
    expected.ledger = s.workspace().ledger;
    CHECK(s.workspace() == expected);
  }
  CHECK(s.workspace().leads.find_by_email("ana@example.com") == std::vector<std::uint32_t>{0});
  CHECK(s.workspace().leads.find_by_email("x@y.co").empty());
  CHECK(s.workspace().events.of_lead(LeadId{1}).size() == 1);
}

}  // namespace lead_commands_test
