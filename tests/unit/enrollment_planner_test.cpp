// Enrolment triggers: each trigger kind on a hand-built workspace with hand-worked expected
// enrolments, the activation time and the lookback, idempotence, the re-entry policies,
// birthdays on 29 February, deleted leads, and the plan going through the Enroll command.
// Score thresholds and the property tests are in enrollment_planner_score_test.cpp.

#include "core/sequence/enrollment_planner.hpp"

#include <catch_amalgamated.hpp>

#include <algorithm>

#include "core/commands/command.hpp"
#include "core/session.hpp"
#include "enrollment_planner_support.hpp"

namespace enrollment_planner_test {

using namespace nurture;
using namespace nurture::planner_test;

namespace {

// Lead 1 enters VIP 10 days ago, leaves 5 days ago and enters again 2 days ago; lead 2 entered 40
// days ago (before the 30-day lookback); lead 3 entered yesterday but is deleted; lead 4
// entered another segment.
Workspace segment_workspace() {
  Workspace ws;
  for (std::uint64_t id = 1; id <= 4; ++id) add_lead(ws, id);
  delete_lead(ws, 3);
  ws.segments.push_back({"vip", "VIP", "tag = vip", "", {}, false});
  ws.segments.push_back({"other", "Other", "tag = other", "", {}, false});
  ws.segment_history = {
      {"other", L(4), k_now - 3 * k_day, true}, {"vip", L(1), k_now - 10 * k_day, true},
      {"vip", L(1), k_now - 5 * k_day, false},  {"vip", L(1), k_now - 2 * k_day, true},
      {"vip", L(2), k_now - 40 * k_day, true},  {"vip", L(3), k_now - 1 * k_day, true},
  };
  std::sort(ws.segment_history.begin(), ws.segment_history.end());
  return ws;
}

}  // namespace

TEST_CASE("segment entries enrol at the entry time, inside the window, for live leads", "[planner]") {
  Workspace ws = segment_workspace();
  ws.sequences.push_back(sequence("welcome", {on_segment("vip")}));
  CHECK(plan_enrollments(ws, k_now) == std::vector<PlannedEnrollment>{
                                           planned("welcome", 1, k_now - 10 * k_day, "segment: VIP"),
                                           planned("welcome", 1, k_now - 2 * k_day, "segment: VIP"),
                                       });
  SECTION("only what happened since activation counts") {
    ws.sequences[0].activated_at = k_now - 3 * k_day;
    CHECK(plan_enrollments(ws, k_now) ==
          std::vector<PlannedEnrollment>{planned("welcome", 1, k_now - 2 * k_day, "segment: VIP")});
  }
  SECTION("a longer lookback reaches lead 2's entry 40 days ago") {
    const auto plan = plan_enrollments(ws, k_now, 45);
    REQUIRE(plan.size() == 3);
    CHECK(plan[0] == planned("welcome", 2, k_now - 40 * k_day, "segment: VIP"));
  }
  SECTION("a deleted segment starts nothing") {
    ws.segments[0].deleted = true;
    CHECK(plan_enrollments(ws, k_now).empty());
  }
  SECTION("draft, paused and deleted sequences plan nothing") {
    ws.sequences[0].status = SequenceStatus::paused;
    CHECK(plan_enrollments(ws, k_now).empty());
    ws.sequences[0].status = SequenceStatus::draft;
    CHECK(plan_enrollments(ws, k_now).empty());
    ws.sequences[0].status = SequenceStatus::active;
    ws.sequences[0].deleted = true;
    CHECK(plan_enrollments(ws, k_now).empty());
  }
  SECTION("nothing is planned before it happens") {
    // At k_now - 3 days only the first entry (10 days before k_now) has happened.
    CHECK(plan_enrollments(ws, k_now - 3 * k_day) ==
          std::vector<PlannedEnrollment>{planned("welcome", 1, k_now - 10 * k_day, "segment: VIP")});
  }
}

TEST_CASE("stage changes enrol each time the lead reaches the stage", "[planner]") {
  Workspace ws;
  add_lead(ws, 1,
           {{Stage::consideration, k_now - 20 * k_day},
            {Stage::conversion, k_now - 10 * k_day},
            {Stage::consideration, k_now - 3 * k_day}});
  add_lead(ws, 2, {{Stage::consideration, k_now - 31 * k_day}});  // before the lookback
  add_lead(ws, 3, {{Stage::consideration, k_now - 1 * k_day}});
  delete_lead(ws, 3);
  ws.sequences.push_back(sequence("nurture", {on_stage(Stage::consideration)}));
  CHECK(plan_enrollments(ws, k_now) == std::vector<PlannedEnrollment>{
                                           planned("nurture", 1, k_now - 20 * k_day, "stage: consideration"),
                                           planned("nurture", 1, k_now - 3 * k_day, "stage: consideration"),
                                       });
}

TEST_CASE("events enrol at their time; the window is inclusive, the future and tombstones excluded",
          "[planner]") {
  Workspace ws;
  for (std::uint64_t id = 1; id <= 3; ++id) add_lead(ws, id);
  ws.events.add({event(1, 1, k_now - 30 * k_day, EventType::form_submitted),  // exactly at the edge
                 event(2, 1, k_now - 5 * k_day, EventType::form_submitted),
                 event(3, 2, k_now - 1 * k_day, EventType::form_submitted),
                 event(4, 2, k_now - 1 * k_day + 5, EventType::email_opened),  // other type
                 event(5, 3, k_now - 1 * k_day, EventType::form_submitted),    // deleted lead
                 event(6, 2, k_now - 4 * k_day, EventType::form_submitted),    // tombstoned below
                 event(7, 1, k_now + k_hour, EventType::form_submitted)});     // not yet
  delete_lead(ws, 3);
  REQUIRE(ws.events.set_deleted(EventId{6}, Stamp{3, 0, 1}));
  ws.sequences.push_back(sequence("forms", {on_event(EventType::form_submitted)}));
  CHECK(plan_enrollments(ws, k_now) == std::vector<PlannedEnrollment>{
                                           planned("forms", 1, k_now - 30 * k_day, "event: form_submitted"),
                                           planned("forms", 1, k_now - 5 * k_day, "event: form_submitted"),
                                           planned("forms", 2, k_now - 1 * k_day, "event: form_submitted"),
                                       });
  SECTION("a 3-day lookback keeps yesterday's only") {
    CHECK(plan_enrollments(ws, k_now, 3) ==
          std::vector<PlannedEnrollment>{planned("forms", 2, k_now - 1 * k_day, "event: form_submitted")});
  }
  SECTION("a negative lookback is an empty window, except for what happens exactly now") {
    ws.events.add({event(8, 2, k_now, EventType::form_submitted)});
    CHECK(plan_enrollments(ws, k_now, -5) ==
          std::vector<PlannedEnrollment>{planned("forms", 2, k_now, "event: form_submitted")});
  }
}

TEST_CASE("the plan is sorted by time, then sequence, then lead; duplicates of a key collapse", "[planner]") {
  Workspace ws = segment_workspace();
  // Lead 1 also submits a form at the very moment it enters VIP 2 days ago.
  ws.events.add({event(1, 1, k_now - 2 * k_day, EventType::form_submitted),
                 event(2, 2, k_now - 2 * k_day, EventType::form_submitted)});
  ws.sequences.push_back(sequence("b-seq", {on_event(EventType::form_submitted), on_segment("vip")}));
  ws.sequences.push_back(sequence("a-seq", {on_segment("vip")}));
  CHECK(plan_enrollments(ws, k_now) == std::vector<PlannedEnrollment>{
                                           planned("a-seq", 1, k_now - 10 * k_day, "segment: VIP"),
                                           planned("b-seq", 1, k_now - 10 * k_day, "segment: VIP"),
                                           planned("a-seq", 1, k_now - 2 * k_day, "segment: VIP"),
                                           // one enrolment for two triggers: the first names it
                                           planned("b-seq", 1, k_now - 2 * k_day, "event: form_submitted"),
                                           planned("b-seq", 2, k_now - 2 * k_day, "event: form_submitted"),
                                       });
}

TEST_CASE("birthdays: days before, at 09:00 UTC, 29 February on 28 February in common years", "[planner]") {
  Workspace ws;
  add_lead(ws, 1, {}, CivilDate{2000, 2, 29});  // leap-day baby
  add_lead(ws, 2, {}, CivilDate{1990, 3, 5});   // 3 days before: 2 March, after 1 March noon
  add_lead(ws, 3, {}, CivilDate{1985, 2, 10});  // 3 days before: 7 February
  add_lead(ws, 4, {}, CivilDate{2027, 2, 20});  // born inside the window: no birthday yet
  add_lead(ws, 5);                              // no birth date
  add_lead(ws, 6, {}, CivilDate{1970, 2, 15});
  delete_lead(ws, 6);
  ws.sequences.push_back(sequence("bday", {on_birthday(3)}));

  // 2027 is a common year: 28 February − 3 days = 25 February. Lead 2's 2 March is still ahead
  // and its 2026 one (2 March 2026) is a year back, outside the 30 days. Window: 30 Jan – 1 Mar.
  CHECK(plan_enrollments(ws, utc(2027, 3, 1, 12)) == std::vector<PlannedEnrollment>{
                                                         planned("bday", 3, utc(2027, 2, 7, 9), "birthday"),
                                                         planned("bday", 1, utc(2027, 2, 25, 9), "birthday"),
                                                     });
  // 2028 is a leap year: 29 February − 3 days = 26 February.
  CHECK(plan_enrollments(ws, utc(2028, 2, 27, 12), 10) ==
        std::vector<PlannedEnrollment>{planned("bday", 1, utc(2028, 2, 26, 9), "birthday")});
  // On the day (days_before 0) 09:00 is the moment: at 08:59 nothing, at 09:00 the enrolment.
  ws.sequences[0].triggers = {on_birthday(0)};
  CHECK(plan_enrollments(ws, utc(2027, 2, 28, 9) - 60'000, 1).empty());
  CHECK(plan_enrollments(ws, utc(2027, 2, 28, 9), 1) ==
        std::vector<PlannedEnrollment>{planned("bday", 1, utc(2027, 2, 28, 9), "birthday")});
  // Year boundary: a 2 January birthday 5 days before falls on 28 December of the year before.
  add_lead(ws, 7, {}, CivilDate{1999, 1, 2});
  ws.sequences[0].triggers = {on_birthday(5)};
  CHECK(plan_enrollments(ws, utc(2026, 12, 29, 0), 3) ==
        std::vector<PlannedEnrollment>{planned("bday", 7, utc(2026, 12, 28, 9), "birthday")});
}

TEST_CASE("re-treatment is due at the last visit plus the treatment's interval", "[planner]") {
  Workspace ws;
  ws.treatments.push_back({"botox", "Botox", "injectables", 90, 0, {}, false});
  ws.treatments.push_back({"filler", "Filler", "injectables", 180, 0, {}, false});
  ws.treatments.push_back({"consult", "Consultation", "", 0, 0, {}, false});
  for (std::uint64_t id = 1; id <= 7; ++id) add_lead(ws, id);
  ws.events.add({
      // Lead 1: attended 100 days ago, bought again 95 days ago: last visit 95 → due 5 days ago.
      event(1, 1, k_now - 100 * k_day, EventType::appointment_attended, "botox"),
      event(2, 1, k_now - 95 * k_day, EventType::purchase, "botox"),
      // Lead 2: 200 and 50 days ago: the last visit is 50 days ago → due in 40 days.
      event(3, 2, k_now - 200 * k_day, EventType::appointment_attended, "botox"),
      event(4, 2, k_now - 50 * k_day, EventType::appointment_attended, "botox"),
      // Lead 3: filler 190 days ago → due 10 days ago (for "any treatment" only).
      event(5, 3, k_now - 190 * k_day, EventType::appointment_attended, "filler"),
      // Lead 4: a consultation has no interval.
      event(6, 4, k_now - 100 * k_day, EventType::appointment_attended, "consult"),
      // Lead 5: botox 150 days ago → due 60 days ago, before the lookback.
      event(7, 5, k_now - 150 * k_day, EventType::appointment_attended, "botox"),
      // Lead 6: booked, never attended.
      event(8, 6, k_now - 100 * k_day, EventType::appointment_booked, "botox"),
      // Lead 7: due 1 day ago, but deleted.
      event(9, 7, k_now - 91 * k_day, EventType::appointment_attended, "botox"),
  });
  delete_lead(ws, 7);
  ws.sequences.push_back(sequence("recall", {on_retreatment("botox")}));
  CHECK(plan_enrollments(ws, k_now) ==
        std::vector<PlannedEnrollment>{planned("recall", 1, k_now - 5 * k_day, "retreatment: Botox")});
  SECTION("an empty treatment means each treatment with an interval") {
    ws.sequences[0].triggers = {on_retreatment("")};
    CHECK(plan_enrollments(ws, k_now) == std::vector<PlannedEnrollment>{
                                             planned("recall", 3, k_now - 10 * k_day, "retreatment: Filler"),
                                             planned("recall", 1, k_now - 5 * k_day, "retreatment: Botox"),
                                         });
  }
  SECTION("a treatment without an interval, or an unknown one, is never due") {
    ws.sequences[0].triggers = {on_retreatment("consult"), on_retreatment("nope")};
    CHECK(plan_enrollments(ws, k_now).empty());
  }
  SECTION("manual triggers plan nothing") {
    ws.sequences[0].triggers = {Trigger{}};
    REQUIRE(ws.sequences[0].triggers[0].kind == TriggerKind::manual);
    CHECK(plan_enrollments(ws, k_now).empty());
  }
}

TEST_CASE("an occurrence already enrolled is not planned again", "[planner]") {
  Workspace ws = segment_workspace();
  ws.sequences.push_back(sequence("welcome", {on_segment("vip")}));
  const auto first = plan_enrollments(ws, k_now);
  REQUIRE(first.size() == 2);
  add_enrollments(ws, {first[0]});
  CHECK(plan_enrollments(ws, k_now) == std::vector<PlannedEnrollment>{first[1]});
  add_enrollments(ws, {first[1]});
  CHECK(plan_enrollments(ws, k_now).empty());
  CHECK(plan_enrollments(ws, k_now + 7 * k_day).empty());  // a week later: still nothing new
}

TEST_CASE("re-entry policies", "[planner]") {
  // Lead 1 submits forms 20, 10 and 3 days ago.
  Workspace ws;
  add_lead(ws, 1);
  ws.events.add({event(1, 1, k_now - 20 * k_day, EventType::form_submitted),
                 event(2, 1, k_now - 10 * k_day, EventType::form_submitted),
                 event(3, 1, k_now - 3 * k_day, EventType::form_submitted)});
  const auto at = [](int days_ago) {
    return planned("s", 1, k_now - days_ago * k_day, "event: form_submitted");
  };
  Sequence& s = ws.sequences.emplace_back(sequence("s", {on_event(EventType::form_submitted)}));

  SECTION("never: the first occurrence only, none after any earlier enrolment") {
    s.reentry = ReentryPolicy::never;
    CHECK(plan_enrollments(ws, k_now) == std::vector<PlannedEnrollment>{at(20)});
    ws.enrollments = {enrollment("s", L(1), k_now - 100 * k_day, k_now - 90 * k_day)};
    CHECK(plan_enrollments(ws, k_now).empty());
  }
  SECTION("after_exit: not while an enrolment (existing or just planned) is running") {
    s.reentry = ReentryPolicy::after_exit;
    CHECK(plan_enrollments(ws, k_now) == std::vector<PlannedEnrollment>{at(20)});
    ws.enrollments = {enrollment("s", L(1), k_now - 100 * k_day)};
    CHECK(plan_enrollments(ws, k_now).empty());
    ws.enrollments = {enrollment("s", L(1), k_now - 100 * k_day, k_now - 90 * k_day)};  // ended
    CHECK(plan_enrollments(ws, k_now) == std::vector<PlannedEnrollment>{at(20)});
    // Once the enrolment of 20 days ago has ended, the next occurrence goes, never 20 again
    // (its key is taken even though that enrolment is over).
    ws.enrollments = {enrollment("s", L(1), k_now - 20 * k_day, k_now - 15 * k_day)};
    CHECK(plan_enrollments(ws, k_now) == std::vector<PlannedEnrollment>{at(10)});
  }
  SECTION("after_cooldown: not within reentry_days of another enrolment, either side") {
    s.reentry = ReentryPolicy::after_cooldown;
    s.reentry_days = 8;
    // 20 → planned; 10 is 10 days later (≥ 8) → planned; 3 is 7 days after 10 (< 8) → not.
    CHECK(plan_enrollments(ws, k_now) == std::vector<PlannedEnrollment>{at(20), at(10)});
    // An enrolment 25 days ago blocks 20 (5 days), so 10 goes (15 days) and blocks 3.
    ws.enrollments = {enrollment("s", L(1), k_now - 25 * k_day)};
    CHECK(plan_enrollments(ws, k_now) == std::vector<PlannedEnrollment>{at(10)});
    // One 15 days ago blocks 20 and 10 (5 days either side); 3 is 12 days after it.
    ws.enrollments = {enrollment("s", L(1), k_now - 15 * k_day)};
    CHECK(plan_enrollments(ws, k_now) == std::vector<PlannedEnrollment>{at(3)});
  }
  SECTION("another sequence's enrolments do not count") {
    s.reentry = ReentryPolicy::never;
    ws.enrollments = {enrollment("t", L(1), k_now - 100 * k_day)};
    CHECK(plan_enrollments(ws, k_now) == std::vector<PlannedEnrollment>{at(20)});
  }
}

TEST_CASE("the plan goes through the Enroll command unchanged, in its order", "[planner]") {
  // Lead 1 submits forms 20, 10 and 3 days ago, lead 2 five days ago, lead 3 yesterday and is
  // then deleted. With an 8-day cool-down the plan is lead 1 at 20 and 10 days ago (3 is 7 days
  // after 10) and lead 2 at 5 days ago; Enroll's own re-entry check accepts each of them.
  Session session(7);
  for (std::uint64_t id = 1; id <= 3; ++id) {
    Lead l;
    l.id = LeadId{id};
    l.first_name = "lead" + std::to_string(id);
    REQUIRE(session.execute(AddLead{l, k_now - 60 * k_day}).ok);
  }
  REQUIRE(session
              .execute(AddEvents{{event(1, 1, k_now - 20 * k_day, EventType::form_submitted),
                                  event(2, 1, k_now - 10 * k_day, EventType::form_submitted),
                                  event(3, 1, k_now - 3 * k_day, EventType::form_submitted),
                                  event(4, 2, k_now - 5 * k_day, EventType::form_submitted),
                                  event(5, 3, k_now - 1 * k_day, EventType::form_submitted)},
                                 k_now - k_hour})
              .ok);
  REQUIRE(session.execute(DeleteLead{LeadId{3}, k_now - k_hour}).ok);
  Sequence s = sequence("forms", {on_event(EventType::form_submitted)}, ReentryPolicy::after_cooldown, 8);
  Step hello;
  hello.id = "hello";
  hello.message.subject = "Hello {first_name}";
  hello.message.body = "Welcome to {practice_name}";
  s.steps = {hello};
  REQUIRE(session.execute(PutSequence{s, k_now - k_hour}).ok);

  const auto plan = plan_enrollments(session.workspace(), k_now);
  REQUIRE(plan == std::vector<PlannedEnrollment>{
                      planned("forms", 1, k_now - 20 * k_day, "event: form_submitted"),
                      planned("forms", 1, k_now - 10 * k_day, "event: form_submitted"),
                      planned("forms", 2, k_now - 5 * k_day, "event: form_submitted"),
                  });
  for (const auto& p : plan) {
    const auto r = session.execute(Enroll{p.sequence, {p.lead}, p.at, p.reason, k_now});
    CHECK(r.ok);
  }
  const auto& enrollments = session.workspace().enrollments;
  REQUIRE(enrollments.size() == plan.size());
  for (const auto& p : plan) {
    const auto key = enrollment_key(p.sequence, p.lead, p.at);
    const auto it = std::find_if(enrollments.begin(), enrollments.end(),
                                 [&](const Enrollment& e) { return e.key == key; });
    REQUIRE(it != enrollments.end());
    CHECK(it->reason == p.reason);
  }
  CHECK(plan_enrollments(session.workspace(), k_now).empty());
}

}  // namespace enrollment_planner_test
