// The Forecast page driven headless: an empty workspace teaches; the demo practice with its
// sequences shows the next 30 days as the simulator computes them (the page's figures equal
// simulate()'s), a shorter period re-runs it, and following a lead shows that lead's timeline.
#include <catch_amalgamated.hpp>

#include <fstream>
#include <sstream>
#include <string>

#include <imgui.h>
#include <nlohmann/json.hpp>

#include "app_driver.hpp"
#include "core/demo/demo_practice.hpp"
#include "core/demo/demo_sequences.hpp"
#include "core/io/sequence_json.hpp"
#include "core/sequence/simulation_summary.hpp"
#include "core/sequence/simulator.hpp"
#include "demo_fixture.hpp"
#include "fake_platform.hpp"
#include "web/ui/app.hpp"

namespace forecast_ui_test {

using namespace nurture;
using namespace nurture::test;  // the driver and the demo fixture

namespace {

// On Forecast after one frame.
struct Forecast : test::DemoApp {
  explicit Forecast(Workspace ws) : DemoApp(std::move(ws), ui::Page::forecast, ImVec2(1440, 2400), 1) {}
  // Frames until the simulation is done (a few hundred leads per frame).
  // While it runs the app asks the host for the next frame: the browser draws only on input
  // otherwise, and the forecast stalled half-way until the mouse moved.
  nlohmann::json settle() {
    for (int i = 0; i < 200 && state(app)["forecast"]["running"] == true; ++i) {
      CHECK(app.wants_next_frame());
      run_frame(app);
    }
    run_frame(app);
    CHECK_FALSE(app.wants_next_frame());
    return state(app);
  }
};

}  // namespace

TEST_CASE("with no active sequence, Forecast explains itself and leads to Sequences", "[ui][forecast]") {
  Forecast f(make_demo_practice(DemoOptions{1, 50, k_monday, 0}));
  run_frame(f.app);
  const auto s = state(f.app);
  CHECK_FALSE(s["forecast"].contains("total"));
  click(f.app, "forecast.go_sequences");
  CHECK(state(f.app)["page"] == "sequences");
}

TEST_CASE("Forecast shows the simulator's next 30 days, a shorter period, and one lead's timeline",
          "[ui][forecast]") {
  Forecast f(test::demo_with_playbooks());
  // The app records the catch-up enrolments first (its minute tick); the forecast follows the
  // workspace as it then stands.
  for (int i = 0; i < 4; ++i) run_frame(f.app);
  auto s = f.settle();
  const Workspace& ws = f.session.workspace();
  const Simulation expected = simulate(ws, SimulationOptions{k_monday, 30, {}, {}});
  const SimulationSummary sum = summarize(ws, expected);
  REQUIRE(s["forecast"]["days"] == 30);
  CHECK(s["forecast"]["total"] == sum.total);
  CHECK(sum.total > 0);  // the demo's sequences do send
  REQUIRE(s["forecast"]["per_day"].size() == sum.days.size());
  for (std::size_t i = 0; i < sum.days.size(); ++i) {
    std::uint32_t day = 0;
    for (const std::uint32_t v : sum.per_day[i]) day += v;
    CHECK(s["forecast"]["per_day"][i] == day);
  }
  REQUIRE(s["forecast"]["sequences"].size() == sum.sequences.size());
  CHECK(s["forecast"]["sequences"][0]["id"] == sum.sequences[0].id);
  CHECK(s["forecast"]["projected_bookings"].get<double>() == Catch::Approx(expected.projected_bookings));

  // Seven days: the page runs the simulation again for the shorter period.
  click(f.app, "forecast.days.7");
  s = f.settle();
  CHECK(s["forecast"]["days"] == 7);
  const SimulationSummary week = summarize(ws, simulate(ws, SimulationOptions{k_monday, 7, {}, {}}));
  CHECK(s["forecast"]["total"] == week.total);
  CHECK(s["forecast"]["total"].get<std::uint32_t>() <= sum.total);

  // Follow the lead of the first simulated touch: the page shows their timeline, which has that
  // touch as sent.
  const Simulation with_touch = simulate(ws, SimulationOptions{k_monday, 7, {}, {}});
  REQUIRE_FALSE(with_touch.touches.empty());
  const LeadId lead = with_touch.touches.front().touch.lead;
  f.app.forecast().follow(lead);
  run_frame(f.app);
  run_frame(f.app);
  s = state(f.app);
  REQUIRE(s["forecast"].contains("timeline"));
  const auto& timeline = s["forecast"]["timeline"];
  const bool has_sent = std::any_of(timeline.begin(), timeline.end(), [&](const nlohmann::json& e) {
    return e["kind"] == "sent" && e["step"] == with_touch.touches.front().touch.step;
  });
  CHECK(has_sent);
}

}  // namespace forecast_ui_test
