// One sequence as JSON (core/io/sequence_json.hpp): a hand-written playbook read member by
// member, seeded round trips, defaults for omitted members, and refusals that name the path.

#include "core/io/sequence_json.hpp"

#include <catch_amalgamated.hpp>

#include <string>

#include <nlohmann/json.hpp>

#include "sequence_gen.hpp"

namespace sequence_json_test {

using namespace nurture;

namespace {

// Every kind of trigger, step and goal, written by hand from docs/schema.md.
constexpr const char* k_playbook = R"({
  "id": "welcome-inquiry",
  "name": "Welcome for new inquiries",
  "description": "Three touches after a form",
  "triggers": [{"kind": "event", "event": "form_submitted"},
               {"kind": "segment_entry", "segment": "vip"},
               {"kind": "stage_change", "stage": "consideration"},
               {"kind": "birthday", "days_before": 7},
               {"kind": "retreatment_due", "treatment": "botox"},
               {"kind": "manual"}],
  "steps": [
    {"id": "welcome", "kind": "message", "channel": "email",
     "timing": {"anchor": "after_enrolment", "offset_minutes": 0, "at_minute": 600},
     "message": {"purpose": "promotion", "subject": "Welcome, {first_name}", "body": "Hi",
                 "variants": [{"treatment": "botox", "subject": "S", "body": "B"}],
                 "review_request": true, "content": "guide-1"}},
    {"id": "wait-open", "kind": "wait", "wait_for": "click", "wait_days": 3,
     "yes_next": "ab", "no_next": "end"},
    {"id": "ab", "kind": "split", "arms": [{"label": "A", "percent": 30, "next": "call"},
                                           {"label": "B", "percent": 70, "next": "end"}]},
    {"id": "call", "kind": "message", "channel": "call", "message": {"body": "Call them"},
     "next": "end"}
  ],
  "goals": [{"kind": "booked"}, {"kind": "replied"}, {"kind": "unsubscribed"},
            {"kind": "reached_stage", "stage": "patient"}, {"kind": "left_segment", "segment": "vip"}],
  "reentry": "after_cooldown", "reentry_days": 30,
  "window": {"start": "08:30", "end": "24:00", "days": ["sat", "mon"]},
  "sponsor_authorization": "Form S-1, signed copies in the office"
})";

// The same sequence built by hand: each member as the text above says, defaults elsewhere.
Sequence expected_playbook() {
  Sequence s;
  s.id = "welcome-inquiry";
  s.name = "Welcome for new inquiries";
  s.description = "Three touches after a form";
  Trigger t;
  t.kind = TriggerKind::event;
  t.event = EventType::form_submitted;
  s.triggers.push_back(t);
  t = {};
  t.kind = TriggerKind::segment_entry;
  t.segment = "vip";
  s.triggers.push_back(t);
  t = {};
  t.kind = TriggerKind::stage_change;
  t.stage = Stage::consideration;
  s.triggers.push_back(t);
  t = {};
  t.kind = TriggerKind::birthday;
  t.days_before = 7;
  s.triggers.push_back(t);
  t = {};
  t.kind = TriggerKind::retreatment_due;
  t.treatment = "botox";
  s.triggers.push_back(t);
  t = {};
  t.kind = TriggerKind::manual;
  s.triggers.push_back(t);

  Step welcome;
  welcome.id = "welcome";
  welcome.channel = StepChannel::email;
  welcome.timing = {TimingAnchor::after_enrolment, 0, std::uint16_t{600}};
  welcome.message.purpose = MessagePurpose::promotion;
  welcome.message.subject = "Welcome, {first_name}";
  welcome.message.body = "Hi";
  welcome.message.variants = {{"botox", "S", "B"}};
  welcome.message.review_request = true;
  welcome.message.content = "guide-1";
  s.steps.push_back(welcome);
  Step wait;
  wait.id = "wait-open";
  wait.kind = StepKind::wait;
  wait.wait_for = WaitFor::click;
  wait.wait_days = 3;
  wait.yes_next = "ab";
  wait.no_next = "end";
  s.steps.push_back(wait);
  Step split;
  split.id = "ab";
  split.kind = StepKind::split;
  split.arms = {{"A", 30, "call"}, {"B", 70, "end"}};
  s.steps.push_back(split);
  Step call;
  call.id = "call";
  call.channel = StepChannel::call;
  call.message.body = "Call them";  // purpose omitted: promotion; timing omitted: defaults
  call.next = "end";
  s.steps.push_back(call);

  s.goals = {{GoalKind::booked, Stage::conversion, ""},
             {GoalKind::replied, Stage::conversion, ""},
             {GoalKind::unsubscribed, Stage::conversion, ""},
             {GoalKind::reached_stage, Stage::patient, ""},
             {GoalKind::left_segment, Stage::conversion, "vip"}};
  s.reentry = ReentryPolicy::after_cooldown;
  s.reentry_days = 30;
  s.window.start_minute = 8 * 60 + 30;
  s.window.end_minute = 24 * 60;
  s.window.days = {true, false, false, false, false, true, false};  // Monday first
  s.sponsor_authorization = "Form S-1, signed copies in the office";
  return s;
}

std::string error_of(std::string_view text) {
  auto r = sequence_from_json_text(text);
  return r.ok() ? std::string("(read fine)") : r.error().message;
}

// The minimal valid playbook with `extra` members added at the end of the top-level object,
// or `step` (the one step's members) replaced.
std::string minimal(const std::string& extra = "",
                    const std::string& step =
                        R"("id": "a", "kind": "message", "channel": "text", "message": {"body": "Hi"})") {
  return R"({"id": "x", "name": "X", "steps": [{)" + step + "}]" + extra + "}";
}

}  // namespace

TEST_CASE("a hand-written playbook reads member by member", "[sequence-json]") {
  auto r = sequence_from_json_text(k_playbook);
  REQUIRE(r.ok());
  CHECK(r.value() == expected_playbook());
  CHECK(r.value().status == SequenceStatus::draft);  // omitted: a playbook is a draft
  CHECK(r.value().stamp.is_zero());
  // And it writes back to the same sequence, with the kinds' members spelled out.
  const std::string text = sequence_to_json_text(r.value());
  CHECK(text.back() == '\n');
  CHECK(text.find("\"start\": \"08:30\"") != std::string::npos);
  CHECK(text.find("\"days\": [\n      \"mon\",\n      \"sat\"\n    ]") != std::string::npos);
  CHECK(text.find("stamp") == std::string::npos);
  auto again = sequence_from_json_text(text);
  REQUIRE(again.ok());
  CHECK(again.value() == r.value());
}

TEST_CASE("omitted members take the model's defaults", "[sequence-json]") {
  auto r = sequence_from_json_text(minimal());
  REQUIRE(r.ok());
  Sequence expected;
  expected.id = "x";
  expected.name = "X";
  Step step;
  step.id = "a";
  step.channel = StepChannel::text;
  step.message.body = "Hi";
  expected.steps.push_back(step);
  CHECK(r.value() == expected);
  CHECK(r.value().window == SendWindow{});
  CHECK(r.value().reentry == ReentryPolicy::never);
}

TEST_CASE("seeded random sequences survive the JSON object and the playbook text", "[sequence-json]") {
  SplitMix64 rng(20261206);
  for (int i = 0; i < 300; ++i) {
    const Sequence s = test::random_sequence(rng, "seq-" + std::to_string(i), 1'780'000'000'000 + i);
    REQUIRE(validate(s).empty());
    auto back = read_sequence(sequence_json(s, true), "sequences[0]", true);
    REQUIRE(back.ok());
    CHECK(back.value() == s);

    Sequence unstamped = s;
    unstamped.stamp = {};
    unstamped.deleted = false;
    const std::string text = sequence_to_json_text(s);
    auto from_text = sequence_from_json_text(text);
    REQUIRE(from_text.ok());
    CHECK(from_text.value() == unstamped);
    CHECK(sequence_to_json_text(from_text.value()) == text);
  }
}

TEST_CASE("the workspace form carries the stamp and the tombstone", "[sequence-json]") {
  Sequence s = expected_playbook();
  s.stamp = Stamp{1'780'000'000'123, 2, 9};
  s.deleted = true;
  const auto j = sequence_json(s, true);
  CHECK(j["stamp"] == "2026-05-28T20:26:40.123Z/00000002/0000000000000009");
  CHECK(j["deleted"] == true);
  s.deleted = false;
  CHECK(sequence_json(s, true).contains("deleted") == false);
  CHECK(sequence_json(s, false).contains("stamp") == false);

  auto missing = read_sequence(sequence_json(s, false), "sequences[4]", true);
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().message == "sequences[4].stamp: is missing");
}

TEST_CASE("bad sequences are refused with the path of the problem", "[sequence-json]") {
  const std::string message_step =
      R"("id": "a", "kind": "message", "channel": "text", "message": {"body": "Hi"})";
  CHECK(error_of(minimal(R"(, "reentry": "sometimes")")) == "reentry: 'sometimes' is not a known value");
  CHECK(error_of(minimal(R"(, "colour": "red")")) == "colour: is not a known member");
  CHECK(error_of(minimal(R"(, "stamp": "x")")) == "stamp: is only allowed in workspace files");
  CHECK(error_of(minimal(R"(, "reentry_days": -1)")) ==
        "reentry_days: must be a whole number from 0 to 65535");
  CHECK(error_of(minimal(R"(, "reentry_days": 1.5)")) ==
        "reentry_days: must be a whole number from 0 to 65535");
  CHECK(error_of(minimal(R"(, "activated_at": "soon")")) ==
        "activated_at: must be a whole number from 0 to 253402300799999");
  CHECK(error_of(minimal(R"(, "triggers": [{"kind": "manual"}, {"kind": "event", "event": "fax"}])")) ==
        "triggers[1].event: 'fax' is not a known value");
  CHECK(error_of(minimal(R"(, "goals": [{"stage": "patient"}])")) == "goals[0].kind: is missing");
  CHECK(error_of(minimal(R"(, "window": {"start": "9:00"})")) ==
        "window.start: '9:00' is not a time of day like 09:00");
  CHECK(error_of(minimal(R"(, "window": {"end": "24:01"})")) ==
        "window.end: '24:01' is not a time of day like 09:00");
  CHECK(error_of(minimal(R"(, "window": {"days": ["mon", "someday"]})")) ==
        "window.days[1]: must be one of mon, tue, wed, thu, fri, sat, sun");
  CHECK(error_of(minimal(R"(, "steps": {})")) == "steps: must be an array");
  CHECK(error_of(minimal("", message_step + R"(, "timing": {"offset_minutes": 600000})")) ==
        "steps[0].timing.offset_minutes: must be a whole number from 0 to 527040");
  CHECK(error_of(minimal("", message_step + R"(, "timing": {"at_minute": 1440})")) ==
        "steps[0].timing.at_minute: must be a whole number from 0 to 1439");
  CHECK(error_of(minimal("", R"("id": "a", "kind": "message", "channel": "fax")")) ==
        "steps[0].channel: 'fax' is not a known value");
  CHECK(error_of(minimal("", message_step + R"(, "message": {"body": 7})")) ==
        "steps[0].message.body: must be a string");
  CHECK(error_of(minimal("", R"("id": "a", "kind": "split", "arms": [{"label": "A", "percent": 101}])")) ==
        "steps[0].arms[0].percent: must be a whole number from 0 to 100");
  CHECK(error_of(minimal("", R"("id": "a", "kind": "wait", "wait_days": 3, "flavour": 1)")) ==
        "steps[0].flavour: is not a known member");
  // validate()'s problems come with the same paths.
  CHECK(error_of(minimal("", R"("id": "a", "kind": "wait", "wait_days": 91)")) ==
        "steps[0].wait_days: must be 1 to 90 days");
  CHECK(error_of(R"({"id": "x", "name": "X", "steps": []})") == "steps: a sequence needs at least one step");
  CHECK(error_of(R"({"id": "Bad Id", "name": "X", "steps": [{"id": "a", "kind": "wait"}]})") ==
        "id: must be 1–64 lowercase letters, digits, '-' or '_'");
  CHECK(error_of("[1, 2]") == "must be an object");

  auto in_file =
      read_sequence(nlohmann::ordered_json::parse(minimal(R"(, "reentry": 3)")), "sequences[2]", true);
  REQUIRE_FALSE(in_file.ok());
  CHECK(in_file.error().message == "sequences[2].reentry: must be a string");
}

TEST_CASE("JSON syntax errors come back with a line and column, never as exceptions", "[sequence-json]") {
  // Line 2 is `  "name": X`: the X is the 11th character on it.
  auto r = sequence_from_json_text("{\"id\": \"x\",\n  \"name\": X}");
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().line == 2);
  CHECK(r.error().column == 11);
  CHECK(r.error().message.find("syntax error") == 0);
  CHECK(r.error().describe().find("2:11: syntax error") == 0);

  CHECK_FALSE(sequence_from_json_text("").ok());
  CHECK_FALSE(sequence_from_json_text("{\"id\": \"x\"} trailing").ok());
  CHECK_FALSE(sequence_from_json_text("{\"id\": \"\xff\"}").ok());  // not UTF-8
}

}  // namespace sequence_json_test
