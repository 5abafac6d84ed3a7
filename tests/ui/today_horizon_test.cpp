// Today's "Later today" ends at midnight in the practice's time zone, not the browser's: the fake
// browser is at UTC-5 while the practice is in Los Angeles (UTC-8 in December).
#include <catch_amalgamated.hpp>

#include <string>

#include <imgui.h>
#include <nlohmann/json.hpp>

#include "app_driver.hpp"
#include "core/commands/command.hpp"
#include "core/demo/demo_practice.hpp"
#include "demo_fixture.hpp"
#include "fake_platform.hpp"
#include "web/ui/app.hpp"

namespace today_horizon_test {

using namespace nurture;
using namespace nurture::test;  // the driver and the demo fixture

namespace {

// k_monday (demo_fixture.hpp), Monday 2026-12-07 18:00 UTC: 13:00 for the browser (UTC-5, its day
// ends Tue 05:00Z), 10:00 in Los Angeles (PST, UTC-8: the practice's day ends Tue 08:00Z).
constexpr std::int64_t k_minute = 60'000;

// Whether a touch planned for Tuesday 05:30Z (enrolled now, 11 h 30 min after enrolment) is in
// "Later today" for a practice in `zone`.
bool later_today(const std::string& zone) {
  ImGuiContextGuard guard;
  test::FakePlatform platform;
  platform.now = k_monday;
  Workspace ws = make_demo_practice(DemoOptions{1, 40, k_monday, 0});
  ws.practice.time_zone = zone;
  Session session(std::move(ws));
  Sequence s;
  s.id = "late";
  s.name = "Late";
  s.window = SendWindow{0, 24 * 60, {true, true, true, true, true, true, true}};
  Step step;
  step.id = "m";
  step.kind = StepKind::message;
  step.channel = StepChannel::email;
  step.message.subject = "See you";
  step.message.body = "Hello {first_name}";
  step.message.purpose = MessagePurpose::reminder;
  step.timing.anchor = TimingAnchor::after_enrolment;
  step.timing.offset_minutes = 11 * 60 + 30;
  s.steps = {step};
  REQUIRE(session.execute(PutSequence{s, k_monday}).ok);
  const auto activated = session.execute(SetSequenceStatus{"late", SequenceStatus::active, k_monday});
  INFO(activated.message);
  REQUIRE(activated.ok);
  const LeadId lead = session.workspace().leads.id(0);
  REQUIRE(session.execute(Enroll{"late", {lead}, k_monday, "by hand", k_monday}).ok);
  const std::string key = touch_key(enrollment_key("late", lead, k_monday), "m");

  ui::App app(session, platform);
  app.navigate(ui::Page::today);
  run_frame(app);
  run_frame(app);
  const auto s_json = state(app)["today"];
  for (const auto& t : s_json["later"]) {
    if (t["key"] == key) {
      CHECK(t["due_at"] == k_monday + (11 * 60 + 30) * k_minute);
      return true;
    }
  }
  return false;
}

}  // namespace

TEST_CASE("Later today ends at the practice's midnight, not the browser's", "[ui][today]") {
  // Tue 05:30Z is 21:30 Monday in Los Angeles: still the practice's today.
  CHECK(later_today("America/Los_Angeles"));
  // In New York (UTC-5) it is 00:30 Tuesday: tomorrow.
  CHECK_FALSE(later_today("America/New_York"));
  // A zone Nurture does not know: the browser's day (UTC-5), so tomorrow as well; and in
  // Honolulu (UTC-10) it is 19:30 Monday.
  CHECK_FALSE(later_today("Mars/Olympus_Mons"));
  CHECK(later_today("Pacific/Honolulu"));
}

}  // namespace today_horizon_test
