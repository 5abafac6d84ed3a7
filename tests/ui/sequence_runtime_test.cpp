// The sequence runtime keeps the schedule with a ScheduleCache (core/sequence/schedule_cache.hpp):
// as the clock runs (a minute, hours, days) and the runtime ends finished enrolments, what Today
// shows stays what schedule() computes from scratch at that minute. A small demo practice on a
// Monday afternoon, a playbook enrolled from a saved segment, as in sequences_ui_test.cpp.
#include <catch_amalgamated.hpp>

#include <cstdint>

#include <imgui.h>

#include "app_driver.hpp"
#include "core/demo/demo_practice.hpp"
#include "core/sequence/scheduler.hpp"
#include "core/util/civil_time.hpp"
#include "demo_fixture.hpp"
#include "fake_platform.hpp"
#include "web/ui/app.hpp"

namespace sequence_runtime_test {

using namespace nurture;
using namespace nurture::test;  // the driver and the demo fixture

namespace {

// The demo practice (400 leads, no sequences yet) on Sequences.
struct Demo : test::DemoApp {
  Demo() : DemoApp(make_demo_practice(DemoOptions{1, 400, test::k_monday, 0}), ui::Page::sequences) {}
};

}  // namespace

// Due, held and exits are compared (upcoming depends on the end of the local day, which the
// runtime chooses). Gaps: single minutes (warm ticks), hours, days (a new day: a new horizon,
// everything recomputed).
TEST_CASE("the runtime's schedule follows the clock as schedule() computes it", "[ui][sequences]") {
  Demo d;
  click(d.app, "sequences.add_playbook");
  click(d.app, "sequences.playbook.welcome-inquiry.json");
  click(d.app, "sequences.activate");
  click(d.app, "sequences.enrol_segment");
  click(d.app, "sequences.enrol_segment.botox-curious");
  click(d.app, "sequences.enrol");
  const Workspace& ws = d.session.workspace();
  REQUIRE(!ws.enrollments.empty());
  constexpr std::int64_t k_min = 60'000;
  constexpr std::int64_t k_hour = 60 * k_min;
  const std::int64_t gaps[] = {k_min,       k_min,       5 * k_min,      k_hour, 7 * k_hour,
                               k_min,       24 * k_hour, 13 * k_min,     k_min,  2 * k_hour,
                               24 * k_hour, 30 * k_min,  3 * 24 * k_hour};
  std::size_t seen = 0;
  for (const std::int64_t gap : gaps) {
    d.platform.now += gap;
    run_frame(d.app);
    const UnixMillis minute = d.platform.now / k_min * k_min;
    const Schedule want = schedule(ws, minute);
    const Schedule& got = d.app.sequence_runtime().schedule();
    INFO("at " << format_iso8601_utc(minute));
    CHECK(d.app.sequence_runtime().now() == minute);
    CHECK(got.due == want.due);
    CHECK(got.held == want.held);
    CHECK(got.exits == want.exits);
    seen += got.due.size() + got.held.size();
  }
  CHECK(seen > 0);
}

}  // namespace sequence_runtime_test
