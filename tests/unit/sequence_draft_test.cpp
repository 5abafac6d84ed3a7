// Draft operations on a sequence's structure (core/sequence/sequence_draft.hpp) and the rule
// PutSequence applies to an active sequence's steps. Expected values are worked out by hand
// from the small flows built below.

#include "core/sequence/sequence_draft.hpp"

#include <catch_amalgamated.hpp>

#include "core/commands/command.hpp"
#include "core/session.hpp"

namespace sequence_draft_test {

using namespace nurture;

namespace {

constexpr UnixMillis k_now = 1795768925000;  // 2026-11-27T08:42:05Z

Step message(const std::string& id, const std::string& next = "") {
  Step s;
  s.id = id;
  s.message.subject = "Hi";
  s.message.body = "Hello {first_name}";
  s.next = next;
  return s;
}

// hello → wait (opened: thanks, else: nudge) → nudge → thanks
Sequence flow() {
  Sequence s;
  s.id = "flow";
  s.name = "Flow";
  Step wait;
  wait.id = "wait";
  wait.kind = StepKind::wait;
  wait.yes_next = "thanks";
  wait.no_next = "nudge";
  s.steps = {message("hello"), wait, message("nudge"), message("thanks")};
  return s;
}

std::vector<std::string> ids(const Sequence& s) {
  std::vector<std::string> out;
  for (const auto& step : s.steps) out.push_back(step.id);
  return out;
}

}  // namespace

TEST_CASE("fresh step ids skip the ones taken", "[sequence-draft]") {
  Sequence s = flow();  // 4 steps: the first candidate is step-5
  CHECK(fresh_step_id(s) == "step-5");
  s.steps.push_back(message("step-6"));  // 5 steps now: step-6 is taken, so step-7
  CHECK(fresh_step_id(s) == "step-7");
  CHECK(fresh_step_id(Sequence{}) == "step-1");
}

TEST_CASE("new steps have defaults that pass validate", "[sequence-draft]") {
  Sequence s = flow();
  for (const StepKind kind : {StepKind::message, StepKind::wait, StepKind::split}) {
    Step step = new_step(s, kind);
    CHECK(step.kind == kind);
    CHECK(step.id == fresh_step_id(s));
    insert_step(s, std::move(step), std::nullopt);
    INFO(to_string(kind));
    CHECK(validate(s).empty());
  }
  const Step& m = s.steps[4];
  CHECK(m.channel == StepChannel::email);
  CHECK(m.message.purpose == MessagePurpose::promotion);
  CHECK(m.timing.anchor == TimingAnchor::after_previous);
  CHECK(m.timing.offset_minutes == 24 * 60);
  CHECK(s.steps[5].wait_days == 3);
  REQUIRE(s.steps[6].arms.size() == 2);
  CHECK(s.steps[6].arms[0].percent + s.steps[6].arms[1].percent == 100);
  // The ids went step-5, step-6, step-7 as the list grew.
  CHECK(ids(s) == std::vector<std::string>{"hello", "wait", "nudge", "thanks", "step-5", "step-6", "step-7"});
}

TEST_CASE("insert after a step or at the end; move within the list", "[sequence-draft]") {
  Sequence s = flow();
  CHECK(insert_step(s, message("a"), 0) == 1);
  CHECK(insert_step(s, message("b"), std::nullopt) == 5);
  CHECK(insert_step(s, message("c"), 99) == 6);
  CHECK(ids(s) == std::vector<std::string>{"hello", "a", "wait", "nudge", "thanks", "b", "c"});

  CHECK_FALSE(move_step(s, 0, -1));
  CHECK_FALSE(move_step(s, 6, +1));
  CHECK_FALSE(move_step(s, 7, -1));
  CHECK(move_step(s, 1, -1));
  CHECK(move_step(s, 5, +1));
  CHECK(ids(s) == std::vector<std::string>{"a", "hello", "wait", "nudge", "thanks", "c", "b"});
  // Jumps are by id, so moving steps leaves them alone.
  CHECK(s.steps[2].yes_next == "thanks");
}

TEST_CASE("removing a step sends the jumps to it on to where it led", "[sequence-draft]") {
  SECTION("a step in the middle: its successor in the list") {
    Sequence s = flow();
    // nudge (index 2) is followed by thanks; wait's "not opened" pointed at nudge.
    CHECK(remove_step(s, 2) == std::size_t{1});
    CHECK(ids(s) == std::vector<std::string>{"hello", "wait", "thanks"});
    CHECK(s.steps[1].no_next == "thanks");
    CHECK(s.steps[1].yes_next == "thanks");
    CHECK(validate(s).empty());
  }
  SECTION("the last step: the end") {
    Sequence s = flow();
    CHECK(remove_step(s, 3) == std::size_t{1});  // wait's "opened" pointed at thanks
    CHECK(s.steps[1].yes_next == "end");
    CHECK(s.steps[1].no_next == "nudge");
    CHECK(validate(s).empty());
  }
  SECTION("a message with its own next: that next") {
    Sequence s = flow();
    s.steps[2].next = "end";  // nudge ends the enrolment
    CHECK(successor_of(s, 2) == "end");
    CHECK(remove_step(s, 2) == std::size_t{1});
    CHECK(s.steps[1].no_next == "end");
  }
  SECTION("split arms, and a jump that would point at itself") {
    Sequence s = flow();
    Step split;
    split.id = "split";
    split.kind = StepKind::split;
    split.arms = {{"A", 50, "x"}, {"B", 50, "thanks"}};
    insert_step(s, split, std::nullopt);  // after thanks
    Step x = message("x", "split");
    insert_step(s, x, std::nullopt);
    // x leads (by its next) to split; removing x sends arm A to split itself → "" instead.
    CHECK(remove_step(s, 5) == std::size_t{1});
    CHECK(s.steps[4].arms[0].next.empty());
    CHECK(s.steps[4].arms[1].next == "thanks");
  }
  SECTION("nothing points at it, or out of range") {
    Sequence s = flow();
    CHECK(remove_step(s, 0) == std::size_t{0});
    CHECK(ids(s) == std::vector<std::string>{"wait", "nudge", "thanks"});
    CHECK_FALSE(remove_step(s, 3).has_value());
    CHECK(s.steps.size() == 3);
  }
}

TEST_CASE("offsets as days, hours and minutes; clock text; step fields", "[sequence-draft]") {
  CHECK(split_offset(1590) == DayHourMinute{1, 2, 30});  // 1440 + 120 + 30
  CHECK(split_offset(59) == DayHourMinute{0, 0, 59});
  CHECK(split_offset(-5) == DayHourMinute{0, 0, 0});
  CHECK(join_offset({1, 2, 30}) == 1590);
  CHECK(join_offset({0, 25, 0}) == 1500);
  CHECK(join_offset({-1, 0, 5}) == 5);
  for (std::int64_t m : {0, 1, 59, 60, 1439, 1440, 527040}) CHECK(join_offset(split_offset(m)) == m);
  CHECK(clock_text(570) == "09:30");
  CHECK(clock_text(0) == "00:00");
  CHECK(clock_text(1440) == "24:00");
  CHECK(step_of_field("steps[3].arms") == std::size_t{3});
  CHECK(step_of_field("steps[12]") == std::size_t{12});
  CHECK_FALSE(step_of_field("steps").has_value());
  CHECK_FALSE(step_of_field("steps[x]").has_value());
  CHECK_FALSE(step_of_field("triggers[0].segment").has_value());
}

TEST_CASE("an active sequence may change its wording but not its steps", "[sequence-draft]") {
  Session session(7);
  Sequence s = flow();
  s.status = SequenceStatus::active;
  REQUIRE(session.execute(PutSequence{s, k_now}).ok);

  Sequence wording = s;
  wording.steps[0].message.body = "Welcome, {first_name}";
  wording.name = "Flow, reworded";
  CHECK(session.execute(PutSequence{wording, k_now + 1}).ok);

  Sequence moved = wording;
  REQUIRE(move_step(moved, 2, +1));
  auto r = session.execute(PutSequence{moved, k_now + 2});
  CHECK_FALSE(r.ok);
  REQUIRE(r.field_errors.size() == 1);
  CHECK(r.field_errors[0].field == "steps");
  CHECK(r.field_errors[0].message.rfind("Pause the sequence to change its steps", 0) == 0);

  Sequence timing = wording;
  timing.steps[0].timing.offset_minutes = 60;
  CHECK_FALSE(session.execute(PutSequence{timing, k_now + 3}).ok);

  // Paused (in the same put, or before): the structure may change.
  moved.status = SequenceStatus::paused;
  CHECK(session.execute(PutSequence{moved, k_now + 4}).ok);
  moved.steps.push_back(new_step(moved, StepKind::wait));
  CHECK(session.execute(PutSequence{moved, k_now + 5}).ok);
  CHECK(session.workspace().sequences[0].steps.size() == 5);

  CHECK(same_steps_apart_from_wording(flow().steps, wording.steps));
  CHECK_FALSE(same_steps_apart_from_wording(flow().steps, timing.steps));
}

}  // namespace sequence_draft_test
