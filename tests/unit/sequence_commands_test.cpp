// The sequence commands (core/commands/sequence_commands.hpp): PutSequence and
// SetSequenceStatus through the catalog machinery, Enroll with the re-entry policies,
// EndEnrollments and RecordTouches with the events they log; each applied, refused, undone.

#include <catch_amalgamated.hpp>

#include <algorithm>

#include "core/commands/command.hpp"
#include "core/sequence/activation.hpp"
#include "core/session.hpp"
#include "core/util/splitmix.hpp"

namespace sequence_commands_test {

using namespace nurture;

namespace {

constexpr UnixMillis k_now = 1795768925000;  // 2026-11-27T08:42:05Z
constexpr std::int64_t k_day = 86'400'000;

Sequence welcome() {
  Sequence s;
  s.id = "welcome";
  s.name = "Welcome";
  Step email;
  email.id = "hello";
  email.channel = StepChannel::email;
  email.message.subject = "Hello {first_name}";
  email.message.body = "Welcome to {practice_name}";
  Step wait;
  wait.id = "wait";
  wait.kind = StepKind::wait;
  Step call;
  call.id = "call";
  call.channel = StepChannel::call;
  call.message.body = "Call to book";
  s.steps = {email, wait, call};
  return s;
}

Lead named(std::uint64_t id, const std::string& first) {
  Lead l;
  l.id = LeadId{id};
  l.first_name = first;
  return l;
}

// A session with leads 1–3 and the Welcome sequence (device 7).
Session with_welcome() {
  Session s(7);
  for (std::uint64_t id = 1; id <= 3; ++id)
    REQUIRE(s.execute(AddLead{named(id, "L" + std::to_string(id)), k_now}).ok);
  REQUIRE(s.execute(PutSequence{welcome(), k_now}).ok);
  return s;
}

// `ws` without its revision, for "undo restores exactly".
Workspace unrevised(Workspace ws) {
  ws.revision = 0;
  return ws;
}

}  // namespace

TEST_CASE("PutSequence adds, replaces by id, keeps the status given and refuses a taken name",
          "[sequence-commands]") {
  Session session(7);
  auto r = session.execute(PutSequence{welcome(), k_now});
  REQUIRE(r.ok);
  CHECK(r.message == "Sequence added");
  const auto& ws = session.workspace();
  REQUIRE(ws.sequences.size() == 1);
  CHECK(ws.sequences[0].stamp == Stamp{k_now, 0, 7});
  CHECK(ws.revision == 1);

  Sequence edited = welcome();
  edited.status = SequenceStatus::paused;
  edited.activated_at = k_now - 5;
  r = session.execute(PutSequence{edited, k_now + 1});
  CHECK(r.message == "Sequence saved");
  CHECK(ws.sequences[0].status == SequenceStatus::paused);
  CHECK(ws.sequences[0].activated_at == k_now - 5);
  CHECK(session.execute(PutSequence{edited, k_now + 2}).message == "Nothing changed");
  CHECK(ws.revision == 2);

  Sequence other = welcome();
  other.id = "other";
  other.name = "WELCOME";
  r = session.execute(PutSequence{other, k_now + 3});
  CHECK_FALSE(r.ok);
  REQUIRE(r.field_errors.size() == 1);
  CHECK(r.field_errors[0].field == "name");
  CHECK(r.field_errors[0].message == "another sequence is already called \"Welcome\"");

  other.name = "Other";
  other.steps.clear();
  r = session.execute(PutSequence{other, k_now + 3});
  CHECK_FALSE(r.ok);
  CHECK(r.field_errors[0].field == "steps");
  CHECK(ws.sequences.size() == 1);

  // Deleting leaves a tombstone; the name is free again; undo brings everything back.
  const Workspace before = ws;
  REQUIRE(session.execute(DeleteCatalogItem{CatalogKind::sequence, "welcome", k_now + 4}).ok);
  CHECK(ws.sequences[0].deleted);
  other = welcome();
  other.id = "other";
  CHECK(session.execute(PutSequence{other, k_now + 5}).ok);
  REQUIRE(session.undo());
  REQUIRE(session.undo());
  CHECK(unrevised(ws) == unrevised(before));
}

TEST_CASE("activating checks what the sequence names and stamps the moment", "[sequence-commands]") {
  Session session = with_welcome();
  Sequence s = welcome();
  s.triggers.push_back(
      {TriggerKind::segment_entry, "vip", Stage::consideration, EventType::form_submitted, "", 0});
  s.goals.push_back({GoalKind::left_segment, Stage::conversion, "gone"});
  s.steps[0].message.variants.push_back({"botox", "S", "B"});
  s.steps[0].message.purpose = MessagePurpose::sponsored;
  REQUIRE(session.execute(PutSequence{s, k_now}).ok);

  auto r = session.execute(SetSequenceStatus{"welcome", SequenceStatus::active, k_now + 10});
  CHECK_FALSE(r.ok);
  // The references first, then the lint's errors: sponsored content needs its authorisation. A
  // variant for a treatment the practice lacks does not block (it never matches).
  REQUIRE(r.field_errors.size() >= 3);
  CHECK(r.message ==
        "\"Welcome\" cannot be activated: " + std::to_string(r.field_errors.size()) + " problems");
  CHECK(r.field_errors[0].field == "triggers[0].segment");
  CHECK(r.field_errors[1].field == "goals[0].segment");
  CHECK(std::any_of(r.field_errors.begin() + 2, r.field_errors.end(), [](const FieldError& e) {
    return e.field.rfind("lint: ", 0) == 0 && e.message.find("authorisation") != std::string::npos;
  }));
  CHECK(std::none_of(r.field_errors.begin(), r.field_errors.end(),
                     [](const FieldError& e) { return e.field.find("variants") != std::string::npos; }));
  CHECK(session.workspace().sequences[0].status == SequenceStatus::draft);

  REQUIRE(session.execute(PutSegment{{"vip", "VIP", "stage = patient", "", {}, false}, k_now}).ok);
  REQUIRE(session.execute(PutSegment{{"gone", "Gone", "stage = retained", "", {}, false}, k_now}).ok);
  Treatment botox;
  botox.id = "botox";
  botox.name = "Botox";
  REQUIRE(session.execute(PutTreatment{botox, k_now}).ok);
  s.sponsor_authorization = "Signed forms in the office";
  REQUIRE(session.execute(PutSequence{s, k_now}).ok);
  r = session.execute(SetSequenceStatus{"welcome", SequenceStatus::active, k_now + 20});
  // Still refused: a marketing email needs the practice's postal address (the lint, CAN-SPAM).
  REQUIRE_FALSE(r.ok);
  REQUIRE(r.field_errors.size() == 1);
  CHECK(r.field_errors[0].message.find("postal address") != std::string::npos);
  PracticeProfile practice;
  practice.name = "Lumen Clinic";
  practice.street = "1 Main St";
  practice.city = "Miami";
  practice.state = "FL";
  practice.zip = "33101";
  REQUIRE(session.execute(SetPracticeProfile{practice, k_now}).ok);
  const Workspace before = session.workspace();
  r = session.execute(SetSequenceStatus{"welcome", SequenceStatus::active, k_now + 20});
  REQUIRE(r.ok);
  CHECK(r.message == "\"Welcome\" activated");
  CHECK(session.workspace().sequences[0].activated_at == k_now + 20);
  CHECK(session.workspace().sequences[0].stamp.millis == k_now + 20);
  CHECK(session.execute(SetSequenceStatus{"welcome", SequenceStatus::active, k_now + 30}).message ==
        "Nothing changed");
  CHECK(session.execute(SetSequenceStatus{"welcome", SequenceStatus::paused, k_now + 40}).message ==
        "\"Welcome\" paused");
  CHECK_FALSE(session.execute(SetSequenceStatus{"nope", SequenceStatus::paused, k_now}).ok);
  REQUIRE(session.undo());
  REQUIRE(session.undo());
  CHECK(unrevised(session.workspace()) == unrevised(before));
}

TEST_CASE("the re-entry policies, one by one", "[sequence-commands][reentry]") {
  Workspace ws;
  Sequence s = welcome();
  Enrollment e;
  e.sequence = "welcome";
  e.lead = LeadId{1};
  e.enrolled_at = k_now;
  e.key = enrollment_key("welcome", LeadId{1}, k_now);
  // Another sequence whose id starts like this one: its enrolments must not count. (Sorted by
  // key, it comes first: '-' sorts before '/'.)
  Enrollment other = e;
  other.sequence = "welcome-2";
  other.key = enrollment_key("welcome-2", LeadId{2}, k_now);
  ws.enrollments.push_back(other);
  ws.enrollments.push_back(e);

  s.reentry = ReentryPolicy::never;
  CHECK(reentry_problem(ws, s, LeadId{1}, k_now + 400 * k_day) == "already in it");
  CHECK(reentry_problem(ws, s, LeadId{2}, k_now) == std::nullopt);
  ws.enrollments[1].ended_at = k_now + 1;
  CHECK(reentry_problem(ws, s, LeadId{1}, k_now + 400 * k_day) == "in it before (it is once per lead)");

  s.reentry = ReentryPolicy::after_exit;
  CHECK(reentry_problem(ws, s, LeadId{1}, k_now + 1) == std::nullopt);
  ws.enrollments[1].ended_at = 0;
  CHECK(reentry_problem(ws, s, LeadId{1}, k_now + 1) == "already in it");

  s.reentry = ReentryPolicy::after_cooldown;
  s.reentry_days = 30;
  // Exactly 30 days later may enter; a millisecond earlier may not (and the running enrolment
  // does not matter under this policy).
  CHECK(reentry_problem(ws, s, LeadId{1}, k_now + 30 * k_day) == std::nullopt);
  CHECK(reentry_problem(ws, s, LeadId{1}, k_now + 30 * k_day - 1) == "enrolled in the last 30 days");
  CHECK(reentry_problem(ws, s, LeadId{1}, k_now - 29 * k_day) == "enrolled in the last 30 days");
}

TEST_CASE("Enroll enrols each lead once, skips and counts the rest, and undoes by key",
          "[sequence-commands]") {
  Session session = with_welcome();
  const Workspace before = session.workspace();
  auto r =
      session.execute(Enroll{"welcome", {LeadId{2}, LeadId{1}, LeadId{2}}, k_now + 5, "manual", k_now + 6});
  REQUIRE(r.ok);
  CHECK(r.message == "Enrolled 2 leads in \"Welcome\"");
  const auto& ws = session.workspace();
  REQUIRE(ws.enrollments.size() == 2);
  CHECK(ws.enrollments[0].key == "welcome/L0000000000000001/" + std::to_string(k_now + 5));
  CHECK(ws.enrollments[1].lead == LeadId{2});
  CHECK(ws.enrollments[1].reason == "manual");
  CHECK(ws.enrollments[1].stamp.millis == k_now + 6);
  CHECK(ws.enrollments[1].ended_at == 0);
  const auto rev = ws.revision;

  r = session.execute(Enroll{"welcome", {LeadId{1}, LeadId{3}}, k_now + 10, "manual", k_now + 10});
  CHECK(r.message == "Enrolled 1 lead in \"Welcome\"; 1 was already in it");
  CHECK(ws.enrollments.size() == 3);
  r = session.execute(Enroll{"welcome", {LeadId{1}, LeadId{3}}, k_now + 20, "manual", k_now + 20});
  CHECK(r.ok);
  CHECK(r.message == "Nobody enrolled in \"Welcome\"; 2 were already in it");
  CHECK(ws.revision == rev + 1);  // nothing to do moves nothing

  REQUIRE(session.execute(DeleteLead{LeadId{3}, k_now + 30}).ok);
  r = session.execute(Enroll{"welcome", {LeadId{3}}, k_now + 40, "", k_now + 40});
  CHECK_FALSE(r.ok);
  REQUIRE(r.field_errors.size() == 1);
  CHECK(r.field_errors[0].message == "the lead L0000000000000003 does not exist or was deleted");
  CHECK_FALSE(session.execute(Enroll{"nope", {LeadId{1}}, k_now + 40, "", k_now + 40}).ok);

  REQUIRE(session.undo());  // the delete
  REQUIRE(session.undo());  // lead 3's enrolment
  REQUIRE(session.undo());  // the first two
  CHECK(unrevised(session.workspace()) == unrevised(before));
}

TEST_CASE("enrolments the app records on its own leave the undo stack alone", "[sequence-commands]") {
  Session session = with_welcome();
  REQUIRE(session.execute(Enroll{"welcome", {LeadId{1}}, k_now + 1, "manual", k_now + 1}).ok);
  REQUIRE(session.record(Enroll{"welcome", {LeadId{2}}, k_now + 2, "segment: VIP", k_now + 2}).ok);
  CHECK(session.workspace().enrollments.size() == 2);
  // Undo takes back the manual enrolment by its key, not the recorded one.
  REQUIRE(session.undo());
  REQUIRE(session.workspace().enrollments.size() == 1);
  CHECK(session.workspace().enrollments[0].lead == LeadId{2});
}

TEST_CASE("EndEnrollments ends running enrolments by hand", "[sequence-commands]") {
  Session session = with_welcome();
  REQUIRE(session.execute(Enroll{"welcome", {LeadId{1}, LeadId{2}}, k_now + 1, "manual", k_now + 1}).ok);
  const Workspace before = session.workspace();
  const std::string k1 = before.enrollments[0].key;
  const std::string k2 = before.enrollments[1].key;
  CHECK_FALSE(session.execute(EndEnrollments{{k1, "welcome/nobody/1"}, "", k_now + 2}).ok);
  auto r = session.execute(EndEnrollments{{k1}, "moved away", k_now + 3});
  REQUIRE(r.ok);
  CHECK(r.message == "Ended 1 enrolment");
  CHECK(session.workspace().enrollments[0].ended_at == k_now + 3);
  CHECK(session.workspace().enrollments[0].end_reason == "moved away");
  CHECK(session.workspace().enrollments[0].stamp.millis == k_now + 3);
  r = session.execute(EndEnrollments{{k1, k2}, "", k_now + 4});
  CHECK(r.message == "Ended 1 enrolment");  // k1 had ended already
  CHECK(session.workspace().enrollments[1].end_reason == "ended by hand");
  REQUIRE(session.undo());
  REQUIRE(session.undo());
  CHECK(unrevised(session.workspace()) == unrevised(before));
}

TEST_CASE("RecordTouches records outcomes and logs each matching event once", "[sequence-commands]") {
  Session session = with_welcome();
  REQUIRE(session.execute(Enroll{"welcome", {LeadId{1}}, k_now + 1, "manual", k_now + 1}).ok);
  const std::string ek = session.workspace().enrollments[0].key;
  const std::string hello = touch_key(ek, "hello");
  const std::string call = touch_key(ek, "call");
  const Workspace before = session.workspace();
  const auto& ws = session.workspace();

  auto r = session.execute(
      RecordTouches{{{hello, TouchOutcome::sent, 0}, {call, TouchOutcome::no_answer, 0}}, k_now + 100});
  REQUIRE(r.ok);
  CHECK(r.message == "Recorded 2 touches (2 events logged)");
  REQUIRE(ws.touches.size() == 2);
  CHECK(ws.touches[0].key == call);  // sorted by key: "call" < "hello"
  CHECK(ws.touches[1].outcome == TouchOutcome::sent);
  CHECK(ws.touches[1].at == k_now + 100);
  REQUIRE(ws.events.size() == 2);
  const auto sent = ws.events.find(touch_event_id(hello, TouchOutcome::sent));
  REQUIRE(sent);
  const Event e = ws.events.get(*sent);
  CHECK(e.type == EventType::email_sent);
  CHECK(e.lead == LeadId{1});
  CHECK(e.sequence == "welcome");
  CHECK(e.step == 0);
  const Event c = ws.events.get(*ws.events.find(touch_event_id(call, TouchOutcome::no_answer)));
  CHECK(c.type == EventType::call);
  CHECK(c.step == 2);
  CHECK(c.properties == std::vector<std::pair<std::string, std::string>>{{"outcome", "no_answer"}});

  // The same outcome again replaces the record but logs nothing new; a snooze logs nothing.
  r = session.execute(RecordTouches{{{hello, TouchOutcome::sent, 0}}, k_now + 200});
  CHECK(r.message == "Recorded 1 touch");
  CHECK(ws.events.size() == 2);
  CHECK(ws.touches[1].at == k_now + 200);
  CHECK_FALSE(session.execute(RecordTouches{{{call, TouchOutcome::snoozed, 0}}, k_now + 300}).ok);
  REQUIRE(session.execute(RecordTouches{{{call, TouchOutcome::snoozed, k_now + k_day}}, k_now + 300}).ok);
  CHECK(ws.touches[0].until == k_now + k_day);
  // A reply on the email step is email_replied; booked is appointment_booked.
  REQUIRE(session.execute(RecordTouches{{{hello, TouchOutcome::replied, 0}}, k_now + 400}).ok);
  CHECK(ws.events.get(*ws.events.find(touch_event_id(hello, TouchOutcome::replied))).type ==
        EventType::email_replied);

  // Keys that do not name a message step of an enrolment are refused.
  r = session.execute(RecordTouches{{{touch_key(ek, "wait"), TouchOutcome::sent, 0}}, k_now + 500});
  CHECK_FALSE(r.ok);
  CHECK(r.field_errors[0].field == "touches[0].key");
  CHECK_FALSE(
      session.execute(RecordTouches{{{"welcome/L0000000000000009/1/hello", TouchOutcome::sent, 0}}, k_now})
          .ok);
  CHECK_FALSE(
      session.execute(RecordTouches{{{hello, TouchOutcome::sent, 0}, {hello, TouchOutcome::sent, 0}}, k_now})
          .ok);

  for (int i = 0; i < 4; ++i) REQUIRE(session.undo());
  CHECK(unrevised(ws) == unrevised(before));
}

TEST_CASE("touch event ids are stable and differ by key and outcome", "[sequence-commands]") {
  // The id is a pure function of its inputs, so two devices recording the same touch log the
  // same event (a merge then unions it).
  CHECK(touch_event_id("a/L1/2/s", TouchOutcome::sent) == touch_event_id("a/L1/2/s", TouchOutcome::sent));
  CHECK(touch_event_id("a/L1/2/s", TouchOutcome::sent) != touch_event_id("a/L1/2/s", TouchOutcome::replied));
  CHECK(touch_event_id("a/L1/2/s", TouchOutcome::sent) != touch_event_id("a/L1/2/t", TouchOutcome::sent));
  CHECK(touch_event_id("", TouchOutcome::sent).value != 0);
}

// Enroll merges a batch into the sorted enrolments in one pass (docs/long-work.md: inserting
// 25,000 one by one took 2.6 s in the browser). Oracle: the same leads enrolled one command
// each, which is the insert-by-insert path; both must give the same keys, leads and times in
// key order, over random lead ids, batches and earlier enrolments.
TEST_CASE("a large Enroll batch equals enrolling its leads one by one", "[sequence-commands][long-work]") {
  SplitMix64 rng(0xE7201);
  for (int round = 0; round < 6; ++round) {
    Session batch(7);
    Session single(7);
    const std::size_t n = 200 + rng.below(400);
    std::vector<LeadId> ids;
    for (std::size_t i = 0; i < n; ++i) {
      const LeadId id{(rng.next() >> 4U) | 1U};
      ids.push_back(id);
      REQUIRE(batch.execute(AddLead{named(id.value, "A"), k_now}).ok);
      REQUIRE(single.execute(AddLead{named(id.value, "A"), k_now}).ok);
    }
    REQUIRE(batch.execute(PutSequence{welcome(), k_now}).ok);
    REQUIRE(single.execute(PutSequence{welcome(), k_now}).ok);
    // Some leads are enrolled already (at another moment), so the batch lands between them.
    std::vector<LeadId> earlier;
    for (const LeadId id : ids)
      if (rng.below(4) == 0) earlier.push_back(id);
    REQUIRE(batch.execute(Enroll{"welcome", earlier, k_now - k_day, "first", k_now}).ok);
    REQUIRE(single.execute(Enroll{"welcome", earlier, k_now - k_day, "first", k_now}).ok);
    std::vector<LeadId> chosen;
    for (const LeadId id : ids)
      if (rng.below(3) != 0) chosen.push_back(id);
    chosen.push_back(chosen.front());  // a duplicate is enrolled once
    const auto r = batch.execute(Enroll{"welcome", chosen, k_now, "segment: all", k_now + 1});
    REQUIRE(r.ok);
    for (const LeadId id : chosen)
      (void)single.execute(Enroll{"welcome", {id}, k_now, "segment: all", k_now + 1});
    const auto& got = batch.workspace().enrollments;
    const auto& want = single.workspace().enrollments;
    REQUIRE(got.size() == want.size());
    CHECK(std::is_sorted(got.begin(), got.end(), [](const auto& a, const auto& b) { return a.key < b.key; }));
    for (std::size_t i = 0; i < got.size(); ++i) {
      CHECK(got[i].key == want[i].key);
      CHECK(got[i].lead == want[i].lead);
      CHECK(got[i].enrolled_at == want[i].enrolled_at);
      CHECK(got[i].reason == want[i].reason);
    }
    REQUIRE(batch.undo());
    CHECK(batch.workspace().enrollments.size() == earlier.size());
  }
}

}  // namespace sequence_commands_test
