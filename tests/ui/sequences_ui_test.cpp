// Sequences and Today driven headless like a user, on a small demo practice on a Monday
// afternoon: a playbook added and activated, a saved segment enrolled, its touches due in Today,
// one opened in the mail app, marked sent (an event logged, the touch no longer due), undone,
// and the day's emails exported.
#include <catch_amalgamated.hpp>

#include <algorithm>
#include <string>

#include <imgui.h>
#include <nlohmann/json.hpp>

#include "app_driver.hpp"
#include "core/commands/command.hpp"
#include "core/demo/demo_practice.hpp"
#include "core/io/sequence_json.hpp"
#include "demo_fixture.hpp"
#include "fake_platform.hpp"
#include "web/ui/app.hpp"

namespace sequences_ui_test {

using namespace nurture;
using namespace nurture::test;  // the driver and the demo fixture

namespace {

// The demo practice (400 leads, no sequences yet) on Sequences.
struct DemoSequences : test::DemoApp {
  DemoSequences()
      : DemoApp(make_demo_practice(DemoOptions{1, 400, test::k_monday, 0}), ui::Page::sequences) {}
};

bool has_key(const nlohmann::json& touches, const std::string& key) {
  return std::any_of(touches.begin(), touches.end(),
                     [&](const nlohmann::json& t) { return t["key"] == key; });
}

}  // namespace

TEST_CASE("a playbook enrolled from a segment fills Today; a touch marked sent leaves it",
          "[ui][sequences]") {
  DemoSequences d;
  auto s = state(d.app);
  REQUIRE(s["sequences"]["list"].empty());

  // The empty page offers the playbooks; adding one opens it as a draft.
  click(d.app, "sequences.add_playbook");
  s = state(d.app);
  const auto files = s["sequences"]["playbook_files"];
  REQUIRE(files.size() >= 10);
  REQUIRE(std::find(files.begin(), files.end(), "welcome-inquiry.json") != files.end());
  click(d.app, "sequences.playbook.welcome-inquiry.json");
  const Workspace& ws = d.session.workspace();
  REQUIRE(ws.sequences.size() == 1);
  const std::string id = ws.sequences[0].id;
  CHECK(ws.sequences[0].status == SequenceStatus::draft);
  CHECK(state(d.app)["sequences"]["open"] == id);

  // The template editor: a merge field from the picker lands at the cursor (the end, untouched),
  // the lint reads the draft as it stands, and Save puts the sequence back (Ctrl+Z undoes).
  click(d.app, "sequences.edit.welcome");
  s = state(d.app);
  REQUIRE(s["sequences"]["editor"]["step"] == "welcome");
  CHECK(s["sequences"]["editor"]["findings"] == 0);
  const std::string body = s["sequences"]["editor"]["body"];
  click(d.app, "sequences.editor.field.booking_link");
  s = state(d.app);
  CHECK(s["sequences"]["editor"]["body"] == body + "{booking_link}");
  CHECK(s["widgets"].contains("sequences.editor.preview"));
  click(d.app, "sequences.editor.save");
  CHECK(d.session.workspace().sequences[0].steps[0].message.body == body + "{booking_link}");
  CHECK(state(d.app)["sequences"]["editor"]["step"] == "");
  REQUIRE(d.session.undo());
  run_frame(d.app);
  CHECK(d.session.workspace().sequences[0].steps[0].message.body == body);

  // Activate: the playbook passes the lint against the demo practice.
  click(d.app, "sequences.activate");
  INFO(state(d.app)["sequences"]["message"].get<std::string>());
  REQUIRE(ws.sequences[0].status == SequenceStatus::active);
  CHECK(ws.sequences[0].activated_at == k_monday);

  // Enrol a saved segment of the demo.
  const auto* segment = d.app.segment_runtime().saved_state("botox-curious");
  REQUIRE(segment != nullptr);
  REQUIRE(segment->count > 0);
  click(d.app, "sequences.enrol_segment");
  click(d.app, "sequences.enrol_segment.botox-curious");
  click(d.app, "sequences.enrol");
  CHECK(ws.enrollments.size() == segment->count);
  CHECK(d.app.sequence_runtime().numbers(id).running == segment->count);

  // Today: the welcome emails of those with email consent are due now.
  d.app.navigate(ui::Page::today);
  run_frame(d.app);
  s = state(d.app);
  const auto due = s["today"]["due"];
  REQUIRE(!due.empty());
  const std::string key = due[0]["key"];
  CHECK(due[0]["sequence"] == id);
  click(d.app, "today.touch." + key);
  CHECK(state(d.app)["today"]["open"] == key);
  const bool email = due[0]["channel"] == "email";
  click(d.app, "today.open_app");
  REQUIRE(!d.platform.calls.empty());
  CHECK(d.platform.calls.back().rfind(email ? "open:mailto:" : "open:sms:", 0) == 0);

  const auto events_before = ws.events.size();
  click(d.app, "today.sent");
  const auto rec =
      std::find_if(ws.touches.begin(), ws.touches.end(), [&](const TouchRecord& r) { return r.key == key; });
  REQUIRE(rec != ws.touches.end());
  CHECK(rec->outcome == TouchOutcome::sent);
  CHECK(ws.events.size() == events_before + 1);
  CHECK_FALSE(has_key(state(d.app)["today"]["due"], key));

  // Undo puts it back in the queue.
  REQUIRE(d.session.undo());
  run_frame(d.app);
  CHECK(has_key(state(d.app)["today"]["due"], key));

  // The day's emails as a CSV for a mail-merge tool.
  click(d.app, "today.export_emails");
  REQUIRE(!d.platform.downloads.empty());
  CHECK(d.platform.downloads.back() == "emails-2026-12-07.csv");
  CHECK(d.platform.download_bytes.back().rfind("\xEF\xBB\xBF"
                                               "Email,First Name,Last Name,Subject,Body",
                                               0) == 0);
}

TEST_CASE("a lead is enrolled by hand from its view, and the enrolment ended", "[ui][sequences]") {
  DemoSequences d;
  auto seq = sequence_from_json_text(d.platform.read_asset("playbooks/welcome-inquiry.json"));
  REQUIRE(seq.ok());
  REQUIRE(d.session.execute(PutSequence{seq.value(), k_monday}).ok);
  const Workspace& ws = d.session.workspace();
  const LeadId lead = ws.leads.id(3);
  d.app.navigate(ui::Page::leads);
  d.app.leads().open_lead(ws, lead);
  run_frame(d.app);
  run_frame(d.app);

  click(d.app, "lead.enrol_sequence");
  click(d.app, "lead.enrol_sequence.welcome-inquiry");
  click(d.app, "lead.enrol");
  REQUIRE(ws.enrollments.size() == 1);
  CHECK(ws.enrollments[0].lead == lead);
  CHECK(ws.enrollments[0].reason == "manual");
  CHECK(ws.enrollments[0].enrolled_at == k_monday);

  click(d.app, "lead.sequence.end.welcome-inquiry");
  CHECK(ws.enrollments[0].ended_at == k_monday);
  CHECK(ws.enrollments[0].end_reason == "ended by hand");
  REQUIRE(d.session.undo());
  CHECK(ws.enrollments[0].ended_at == 0);
}

}  // namespace sequences_ui_test
