// The Leads page's "Enrol in sequence…" bulk action, driven headless like a user on a small demo
// practice: three rows selected, the dialog lists the active sequences (a draft greyed and not
// choosable), the selection enrolled in one step, Ctrl+Z takes it back, and a lead the re-entry
// policy keeps out is skipped and named in the message. Every step is checked against the store.
#include <catch_amalgamated.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include <imgui.h>
#include <nlohmann/json.hpp>

#include "app_driver.hpp"
#include "core/commands/command.hpp"
#include "core/demo/demo_practice.hpp"
#include "core/io/sequence_json.hpp"
#include "demo_fixture.hpp"
#include "fake_platform.hpp"
#include "web/ui/app.hpp"

namespace leads_enrol_test {

using namespace nurture;
using namespace nurture::test;  // the driver and the demo fixture

namespace {

constexpr std::int64_t k_day = 86'400'000;

std::vector<LeadId> enrolled(const Workspace& ws, const std::string& sequence) {
  std::vector<LeadId> out;
  for (const auto& e : ws.enrollments) {
    if (e.sequence == sequence) out.push_back(e.lead);
  }
  std::sort(out.begin(), out.end());
  return out;
}

void press_ctrl_z(ui::App& app) {
  ImGuiIO& io = ImGui::GetIO();
  io.AddKeyEvent(ImGuiMod_Ctrl, true);
  io.AddKeyEvent(ImGuiKey_Z, true);
  run_frame(app);
  io.AddKeyEvent(ImGuiKey_Z, false);
  io.AddKeyEvent(ImGuiMod_Ctrl, false);
  run_frame(app);
}

}  // namespace

TEST_CASE("a selection of leads is enrolled in a sequence in one undoable step", "[ui][leads][sequences]") {
  ImGuiContextGuard guard;
  test::FakePlatform platform = at_monday();
  Session session(make_demo_practice(DemoOptions{1, 400, k_monday, 0}));
  ui::App app(session, platform);
  ImGui::GetIO().DisplaySize = ImVec2(1440, 1200);

  // Three sequences from the welcome playbook: active, active once per lead, and a draft.
  auto welcome = sequence_from_json_text(platform.read_asset("playbooks/welcome-inquiry.json"));
  REQUIRE(welcome.ok());
  Sequence once = welcome.value();
  once.id = "once";
  once.name = "Once only";
  once.reentry = ReentryPolicy::never;
  once.triggers.clear();  // only enrolments by hand in this test
  Sequence draft = once;
  draft.id = "draft-one";
  draft.name = "Not yet";
  Sequence active = welcome.value();
  active.triggers.clear();
  for (const Sequence& s : {active, once, draft}) REQUIRE(session.execute(PutSequence{s, k_monday}).ok);
  for (const char* id : {"welcome-inquiry", "once"}) {
    const auto r = session.execute(SetSequenceStatus{id, SequenceStatus::active, k_monday});
    INFO(r.message);
    REQUIRE(r.ok);
  }
  const Workspace& ws = session.workspace();

  app.navigate(ui::Page::leads);
  run_frame(app);
  run_frame(app);
  const auto& rows = app.leads().view().rows();
  REQUIRE(rows.size() >= 3);
  std::vector<LeadId> picked = {ws.leads.id(rows[0]), ws.leads.id(rows[1]), ws.leads.id(rows[2])};
  std::sort(picked.begin(), picked.end());
  // The third row's lead was already enrolled in "Once only" by hand yesterday.
  const LeadId already = ws.leads.id(rows[2]);
  REQUIRE(session.execute(Enroll{"once", {already}, k_monday - k_day, "by hand", k_monday - k_day}).ok);

  click(app, "leads.row.0");
  click(app, "leads.row.1", true);
  click(app, "leads.row.2", true);
  REQUIRE(state(app)["leads"]["selected"] == 3);

  // The dialog: both active sequences and the draft, greyed; clicking the draft chooses nothing
  // and Enrol stays off.
  click(app, "leads.bulk.enrol");
  auto s = state(app);
  REQUIRE(s["leads"]["enrol_open"] == true);
  CHECK(s["widgets"].contains("bulk.sequence.welcome-inquiry"));
  CHECK(s["widgets"].contains("bulk.sequence.once"));
  REQUIRE(s["widgets"].contains("bulk.sequence.draft-one"));
  CHECK(s["leads"]["enrol_sequence"] == "");  // two active sequences: nothing preselected
  click(app, "bulk.sequence.draft-one");
  CHECK(state(app)["leads"]["enrol_sequence"] == "");
  click(app, "bulk.confirm");
  CHECK(enrolled(ws, "draft-one").empty());
  REQUIRE(state(app)["leads"]["enrol_open"] == true);

  // Enrol all three in the welcome sequence: three enrolments, by hand, now.
  click(app, "bulk.sequence.welcome-inquiry");
  s = state(app);
  CHECK(s["leads"]["enrol_sequence"] == "welcome-inquiry");
  CHECK(s["leads"]["enrol_skips"] == 0);
  CHECK_FALSE(s["widgets"].contains("bulk.enrol_skips"));
  const auto revision = session.revision();
  click(app, "bulk.confirm");
  CHECK(session.revision() == revision + 1);  // one command
  CHECK(enrolled(ws, "welcome-inquiry") == picked);
  for (const auto& e : ws.enrollments) {
    if (e.sequence != "welcome-inquiry") continue;
    CHECK(e.reason == "by hand");
    CHECK(e.enrolled_at == k_monday);
  }
  s = state(app);
  CHECK(s["leads"]["enrol_open"] == false);
  CHECK(s["leads"]["message"] == "Enrolled 3 leads in \"" + active.name + "\". Ctrl+Z undoes it.");
  CHECK(s["leads"]["can_undo_message"] == true);

  // Ctrl+Z: all three enrolments go at once.
  press_ctrl_z(app);
  CHECK(enrolled(ws, "welcome-inquiry").empty());
  CHECK(enrolled(ws, "once") == std::vector<LeadId>{already});

  // "Once only": the lead already in it is skipped and the reason named; the others enrolled.
  REQUIRE(state(app)["leads"]["selected"] == 3);
  click(app, "leads.bulk.enrol");
  click(app, "bulk.sequence.once");
  s = state(app);
  CHECK(s["leads"]["enrol_skips"] == 1);  // said before the click
  CHECK(s["widgets"].contains("bulk.enrol_skips"));
  click(app, "bulk.confirm");
  CHECK(enrolled(ws, "once") == picked);
  s = state(app);
  CHECK(s["leads"]["message"] == "Enrolled 2 leads in \"Once only\"; 1 was already in it. Ctrl+Z undoes it.");

  // Again: nobody may enter; nothing changes and there is nothing to undo.
  const auto before = session.revision();
  click(app, "leads.bulk.enrol");
  s = state(app);
  CHECK(s["leads"]["enrol_sequence"] == "once");  // the last choice is kept
  CHECK(s["leads"]["enrol_skips"] == 3);
  click(app, "bulk.confirm");
  CHECK(session.revision() == before);
  CHECK(enrolled(ws, "once") == picked);
  s = state(app);
  CHECK(s["leads"]["message"] == "Nobody enrolled in \"Once only\"; 3 were already in it");
  CHECK(s["leads"]["can_undo_message"] == false);
}

}  // namespace leads_enrol_test
