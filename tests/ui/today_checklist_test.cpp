// Today's first-run checklist: each step shows as done from what is in the workspace, in
// whatever order the steps were taken (leads imported before the practice profile, say).
#include <catch_amalgamated.hpp>

#include <nlohmann/json.hpp>

#include "app_driver.hpp"
#include "core/commands/command.hpp"
#include "core/demo/demo_practice.hpp"
#include "demo_fixture.hpp"

namespace today_checklist_test {

using namespace nurture;
using namespace nurture::test;

namespace {

bool shown(const ui::App& app, const std::string& mark) { return state(app)["widgets"].contains(mark); }

Sequence welcome_sequence() {
  Sequence s;
  s.id = "hello";
  s.name = "Hello";
  Step step;
  step.id = "m";
  step.kind = StepKind::message;
  step.channel = StepChannel::email;
  step.message.subject = "Hello";
  step.message.body = "Hello {first_name}";
  step.message.purpose = MessagePurpose::reminder;
  step.timing.anchor = TimingAnchor::after_enrolment;
  step.timing.offset_minutes = 5;
  s.steps = {step};
  return s;
}

}  // namespace

TEST_CASE("the welcome checklist marks leads and an active sequence as done", "[ui][today]") {
  SECTION("an empty workspace: every step is left, each with its button") {
    TestApp t(Workspace{}, {.page = ui::Page::today});
    CHECK(shown(t.app, "today.setup_profile"));
    CHECK(shown(t.app, "today.go_leads"));
    CHECK(shown(t.app, "today.go_sequences"));
  }
  SECTION("leads in, no profile yet: leads are done; activating a sequence ticks the last step") {
    Workspace ws = make_demo_practice(DemoOptions{1, 40, k_monday, 0});
    ws.practice = PracticeProfile{};  // the welcome shows until the practice has a name
    TestApp t(std::move(ws), {.page = ui::Page::today});
    CHECK(shown(t.app, "today.setup_profile"));
    CHECK_FALSE(shown(t.app, "today.go_leads"));
    CHECK(shown(t.app, "today.go_sequences"));

    REQUIRE(t.session.execute(PutSequence{welcome_sequence(), k_monday}).ok);
    frames(t.app, 2);
    CHECK(shown(t.app, "today.go_sequences"));  // a draft is not yet sending anything
    REQUIRE(t.session.execute(SetSequenceStatus{"hello", SequenceStatus::active, k_monday}).ok);
    frames(t.app, 2);
    CHECK_FALSE(shown(t.app, "today.go_sequences"));
    CHECK(shown(t.app, "today.setup_profile"));
  }
}

}  // namespace today_checklist_test
