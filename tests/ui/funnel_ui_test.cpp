// The funnel's stage rules in the app, driven headless: a lead whose guide view calls for
// Consideration is moved by the app on its own (an undo point, a status notice, "by rule" in its
// history; an undo sticks), a manual move shows as such, and a rule edited in Settings → Funnel
// is saved.
#include <catch_amalgamated.hpp>

#include <imgui.h>
#include <nlohmann/json.hpp>

#include "app_driver.hpp"
#include "core/commands/command.hpp"
#include "fake_platform.hpp"
#include "web/ui/app.hpp"

namespace funnel_ui_test {

using namespace nurture;
using test::click;
using test::run_frame;
using test::state;

namespace {

constexpr std::int64_t k_day = 86'400'000;

Workspace practice(std::int64_t now) {
  Workspace ws;
  ws.practice.name = "Funnel Clinic";
  ContentItem guide;
  guide.id = "botox-guide";
  guide.title = "Botox: the guide";
  guide.kind = ContentKind::guide;
  ws.content.push_back(guide);
  Lead l;
  l.id = LeadId{0xa1};
  l.first_name = "Ana";
  l.email = "ana@example.com";
  l.created_at = now - 10 * k_day;
  l.stage_history = {{Stage::awareness, l.created_at}};
  ws.leads.append_row(l, Stamp{now - 10 * k_day, 0, 1});
  Event view;
  view.id = EventId{1};
  view.lead = l.id;
  view.at = now - 2 * k_day;
  view.type = EventType::content_viewed;
  view.content = "botox-guide";
  ws.events.add({view});
  return ws;
}

}  // namespace

TEST_CASE("the app applies stage rules with an undo point and shows the cause", "[ui][funnel]") {
  test::TestApp t(practice(test::k_fake_now),
                  {.page = std::nullopt, .size = ImVec2(1440, 2400), .frames = 2, .dismiss_welcome = false});
  auto& app = t.app;
  const auto& platform = t.platform;
  auto& session = t.session;
  const auto& ws = session.workspace();
  Lead ana = ws.leads.get(0);
  CHECK(ana.stage == Stage::consideration);
  REQUIRE(ana.stage_history.size() == 2);
  CHECK(ana.stage_history[1] ==
        StageChange{Stage::consideration, platform.now - 2 * k_day, StageCause::rule});
  CHECK(state(app)["notice"] == "1 lead moved: 1 to Consideration (Ctrl+Z undoes)");

  app.leads().open_lead(ws, ana.id);
  app.navigate(ui::Page::leads);
  run_frame(app);
  run_frame(app);
  auto s = state(app);
  CHECK(s["widgets"].contains("lead.stage_history.1.rule"));
  CHECK(s["widgets"].contains("lead.stage_history.0.imported"));

  // Undo sticks: the app does not move the lead again for the same event.
  REQUIRE(session.undo());
  for (int i = 0; i < 3; ++i) run_frame(app);
  CHECK(ws.leads.stage(0) == Stage::awareness);

  // A manual move shows as such.
  click(app, "lead.stage");
  click(app, "lead.stage.patient");
  ana = ws.leads.get(0);
  CHECK(ana.stage == Stage::patient);
  CHECK(ana.stage_history.back().cause == StageCause::manual);
  CHECK(state(app)["widgets"].contains("lead.stage_history.1.manual"));
}

TEST_CASE("a rule edited in Settings → Funnel is saved", "[ui][funnel]") {
  test::TestApp t(
      practice(test::k_fake_now),
      {.page = ui::Page::settings, .size = ImVec2(1440, 4000), .frames = 2, .dismiss_welcome = false});
  auto& app = t.app;
  const auto& session = t.session;
  click(app, "funnel.edit");
  auto s = state(app);
  REQUIRE(s["widgets"].contains("funnel.rule.0.cond.1.count"));
  CHECK(s["widgets"].contains("funnel.stage.1.name"));
  CHECK(s["widgets"].contains("funnel.add_pipeline"));
  // The second condition of the first rule is "2 educational opens": make it 3.
  click(app, "funnel.rule.0.cond.1.count");
  ImGuiIO& io = ImGui::GetIO();
  io.AddKeyEvent(ImGuiKey_Backspace, true);
  run_frame(app);
  io.AddKeyEvent(ImGuiKey_Backspace, false);
  run_frame(app);
  io.AddInputCharactersUTF8("3");
  run_frame(app);
  run_frame(app);
  io.AddKeyEvent(ImGuiKey_Enter, true);
  run_frame(app);
  io.AddKeyEvent(ImGuiKey_Enter, false);
  run_frame(app);
  click(app, "funnel.save");
  const auto& funnel = session.workspace().funnel;
  REQUIRE(funnel.pipelines.size() == 1);
  CHECK(funnel.pipelines[0].rules[0].any[1].count == 3);
  CHECK(session.workspace().funnel_stamp.device == 5);
  // Reset to defaults puts the default model back.
  click(app, "funnel.edit");
  click(app, "funnel.reset");
  CHECK(session.workspace().funnel == default_funnel_model());
}

}  // namespace funnel_ui_test
