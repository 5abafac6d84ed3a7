// The Segments page driven headless like a user, on a small demo practice: the saved segments
// count live, typing in the editor recounts on the next frame (checked against the store), an
// error stops the count and names its position, saving records the members, and a Leads filter
// turns into a segment query.
#include <catch_amalgamated.hpp>

#include <string>

#include <imgui.h>
#include <nlohmann/json.hpp>

#include "app_driver.hpp"
#include "core/demo/demo_practice.hpp"
#include "core/model/segments.hpp"
#include "fake_platform.hpp"
#include "web/ui/app.hpp"
#include "web/ui/lead_list.hpp"

namespace segments_ui_test {

using namespace nurture;
using test::click;
using test::ImGuiContextGuard;
using test::run_frame;
using test::state;

namespace {

// Types `text` at the end of the focused field: End, then the characters, a frame each.
void type_at_end(ui::App& app, const std::string& text) {
  ImGuiIO& io = ImGui::GetIO();
  io.AddKeyEvent(ImGuiMod_Ctrl, true);
  io.AddKeyEvent(ImGuiKey_End, true);
  run_frame(app);
  io.AddKeyEvent(ImGuiKey_End, false);
  io.AddKeyEvent(ImGuiMod_Ctrl, false);
  run_frame(app);
  io.AddInputCharactersUTF8(text.c_str());
  run_frame(app);
  run_frame(app);
}

// A headless app on the Segments page over a small demo practice.
struct DemoSegments {
  ImGuiContextGuard guard;
  test::FakePlatform platform;
  Session session;
  ui::App app;
  explicit DemoSegments(std::size_t leads)
      : session(make_demo_practice(DemoOptions{1, leads, platform.now, 0})), app(session, platform) {
    app.navigate(ui::Page::segments);
    run_frame(app);
    run_frame(app);
  }
};

std::size_t live_in_stage(const Workspace& ws, Stage stage) {
  std::size_t n = 0;
  ws.leads.for_each_live([&](std::uint32_t r) { n += ws.leads.stage(r) == stage ? 1 : 0; });
  return n;
}

}  // namespace

TEST_CASE("the editor recounts as the user types, shows errors, saves and records members",
          "[ui][segments]") {
  DemoSegments demo(300);
  ui::App& app = demo.app;
  Session& session = demo.session;

  auto s = state(app);
  REQUIRE(s["segments"]["saved"].size() == 7);
  for (const auto& seg : s["segments"]["saved"]) CHECK(seg["error"] == "");
  // The app recorded the saved segments' members on its own, without an undo point.
  const std::size_t recorded = session.workspace().segment_history.size();
  CHECK(recorded > 0);
  CHECK(recorded_members(session.workspace().segment_history, "hot-leads").size() ==
        s["segments"]["saved"][2]["count"].get<std::size_t>());

  app.segments().start_new("", "stage = consideration");
  run_frame(app);
  run_frame(app);
  s = state(app);
  CHECK(s["segments"]["count"] == live_in_stage(session.workspace(), Stage::consideration));

  // Typing narrows it: every lead in consideration aged 40 or more, counted from the store.
  click(app, "segments.query");
  type_at_end(app, " and age >= 40");
  s = state(app);
  REQUIRE(s["segments"]["query"] == "stage = consideration and age >= 40");
  const auto parsed_count = s["segments"]["count"].get<std::size_t>();
  CHECK(parsed_count < live_in_stage(session.workspace(), Stage::consideration));

  // A dangling "and" is an error at its position; the count is not shown.
  type_at_end(app, " and");
  s = state(app);
  CHECK(s["segments"]["error"].get<std::string>().rfind("1:", 0) == 0);
  CHECK(s["widgets"].contains("segments.error"));
  CHECK_FALSE(s["widgets"].contains("segments.count"));
  type_at_end(app, " not dnc.sms");
  s = state(app);
  CHECK(s["segments"]["error"] == "");

  // Named and saved: one undoable command, and the members are recorded on the next frame.
  click(app, "segments.name");
  type_at_end(app, "Over forty");
  click(app, "segments.save");
  run_frame(app);
  const auto& ws = session.workspace();
  const auto* saved = find_segment_by_name(ws.segments, "Over forty");
  REQUIRE(saved != nullptr);
  CHECK(saved->query == "stage = consideration and age >= 40 and not dnc.sms");
  CHECK(recorded_members(ws.segment_history, saved->id).size() ==
        state(app)["segments"]["count"].get<std::size_t>());
  CHECK(session.undo());
  CHECK(find_segment_by_name(session.workspace().segments, "Over forty") == nullptr);
}

TEST_CASE("a leads filter reads as a segment", "[ui][segments]") {
  ui::LeadFilter f;
  f.stage = Stage::consideration;
  f.source = "google-ads";
  f.tag = "say \"hi\"";
  f.consent = Channel::sms;
  f.search = "ana";  // no segment equivalent: left out
  const auto [name, query] = ui::filter_segment(f);
  CHECK(query == R"(stage = consideration and source = "google-ads" and tag = "say \"hi\"" and consent.sms)");
  CHECK(name == "Consideration · google-ads · tag say \"hi\" · sms consent");
}

TEST_CASE("an edit in the builder rewrites the query text and the count follows", "[ui][segments]") {
  DemoSegments demo(200);
  ui::App& app = demo.app;
  const Session& session = demo.session;
  app.segments().start_new("", "stage = consideration and age >= 40");
  run_frame(app);
  run_frame(app);
  const auto before = state(app)["segments"]["count"].get<std::size_t>();
  REQUIRE(state(app)["widgets"].contains("segment_builder.1.not"));

  // "not" on the second row negates it: the text and the count change with it.
  click(app, "segment_builder.1.not");
  auto s = state(app);
  CHECK(s["segments"]["query"] == "stage = consideration and not age >= 40");
  CHECK(s["segments"]["error"] == "");
  std::size_t consideration = 0;
  session.workspace().leads.for_each_live([&](std::uint32_t r) {
    consideration += session.workspace().leads.stage(r) == Stage::consideration ? 1 : 0;
  });
  // Every lead in consideration is either 40 or over, or not: the two answers add up.
  CHECK(s["segments"]["count"].get<std::size_t>() + before == consideration);
}

}  // namespace segments_ui_test
