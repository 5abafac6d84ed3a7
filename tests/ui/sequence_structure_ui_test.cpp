// Editing a sequence's structure on the Sequences page, driven like a user: the welcome
// playbook as a draft, "Edit sequence", a wait added, a message's channel and timing changed,
// the send days changed, saved (and undone), discarded, refused for a split that does not add
// up, and not offered at all while the sequence is active. Also: the template editor's wrapped
// view of a long message, which leaves the text as typed.
#include <catch_amalgamated.hpp>

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

namespace sequence_structure_ui_test {

using namespace nurture;
using namespace nurture::test;  // the driver and the demo fixture

namespace {

// Tall, so the whole edit form is on screen: the welcome-inquiry playbook open for editing.
struct Editing : test::DemoApp {
  Sequence before;
  explicit Editing(SequenceStatus status = SequenceStatus::draft)
      : DemoApp(make_demo_practice(DemoOptions{1, 200, k_monday, 0}), std::nullopt, ImVec2(1440, 2600), 0) {
    auto seq = sequence_from_json_text(platform.read_asset("playbooks/welcome-inquiry.json"));
    REQUIRE(seq.ok());
    Sequence s = seq.value();
    s.status = status;
    REQUIRE(session.execute(PutSequence{s, k_monday}).ok);
    before = session.workspace().sequences.back();
    app.navigate(ui::Page::sequences);
    app.sequences().open(s.id);
    run_frame(app);
    run_frame(app);
  }
  [[nodiscard]] const Sequence& stored() const { return session.workspace().sequences.back(); }
  [[nodiscard]] bool has(const std::string& mark) const { return state(app)["widgets"].contains(mark); }
};

// Clicks a field, selects what it holds and types `text` in its place, then Enter.
void type_into(ui::App& app, const std::string& mark, const std::string& text) {
  click(app, mark);
  ImGuiIO& io = ImGui::GetIO();
  io.AddKeyEvent(ImGuiMod_Ctrl, true);
  io.AddKeyEvent(ImGuiKey_A, true);
  run_frame(app);
  io.AddKeyEvent(ImGuiKey_A, false);
  io.AddKeyEvent(ImGuiMod_Ctrl, false);
  run_frame(app);
  io.AddInputCharactersUTF8(text.c_str());
  run_frame(app);
  io.AddKeyEvent(ImGuiKey_Enter, true);
  run_frame(app);
  io.AddKeyEvent(ImGuiKey_Enter, false);
  run_frame(app);
  run_frame(app);
}

// Opens the combo `mark` and picks its choice `key`.
void choose(ui::App& app, const std::string& mark, const std::string& key) {
  click(app, mark);
  click(app, mark + "." + key);
}

}  // namespace

TEST_CASE("a draft's steps, timing, channel and days are edited and saved; Ctrl+Z restores it",
          "[ui][sequence-edit]") {
  Editing d;
  REQUIRE(d.has("sequences.edit_structure"));
  click(d.app, "sequences.edit_structure");
  REQUIRE(state(d.app)["sequences"]["structure"]["editing"] == true);
  const auto& editor = d.app.sequences().structure();

  // A wait after the text step "hello" (the second step): a fresh id, selected for editing.
  click(d.app, "structure.step.hello");
  CHECK(editor.selected() == std::size_t{1});
  click(d.app, "structure.add_wait");
  REQUIRE(editor.draft().steps.size() == 7);
  CHECK(editor.draft().steps[2].id == "step-7");  // 6 steps before: step-7 is the first free
  CHECK(editor.draft().steps[2].kind == StepKind::wait);
  CHECK(editor.selected() == std::size_t{2});
  CHECK(state(d.app)["sequences"]["structure"]["steps"][2] == "step-7");

  // "hello": a text one hour after the previous step becomes an email two days and one hour
  // after enrolment.
  click(d.app, "structure.step.hello");
  choose(d.app, "structure.step.hello.channel", "email");
  choose(d.app, "structure.step.hello.anchor", "after_enrolment");
  type_into(d.app, "structure.step.hello.days", "2");
  const Step& draft_hello = editor.draft().steps[1];
  CHECK(draft_hello.channel == StepChannel::email);
  CHECK(draft_hello.timing.anchor == TimingAnchor::after_enrolment);
  CHECK(draft_hello.timing.offset_minutes == 2 * 1440 + 60);

  // Saturday on, Monday off.
  click(d.app, "structure.day.5");
  click(d.app, "structure.day.0");
  CHECK(d.stored() == d.before);  // nothing saved yet

  click(d.app, "structure.save");
  auto s = state(d.app);
  INFO(s["sequences"]["structure"]["error"].get<std::string>());
  CHECK(s["sequences"]["structure"]["editing"] == false);
  CHECK(s["sequences"]["message"].get<std::string>().rfind("Saved the changes", 0) == 0);
  const Sequence& saved = d.stored();
  REQUIRE(saved.steps.size() == 7);
  CHECK(saved.steps[2].id == "step-7");
  CHECK(saved.steps[2].kind == StepKind::wait);
  CHECK(saved.steps[1].id == "hello");
  CHECK(saved.steps[1].channel == StepChannel::email);
  CHECK(saved.steps[1].timing.anchor == TimingAnchor::after_enrolment);
  CHECK(saved.steps[1].timing.offset_minutes == 2940);
  CHECK(saved.window.days == std::array<bool, 7>{false, true, true, true, true, true, false});
  CHECK(saved.status == SequenceStatus::draft);

  REQUIRE(d.session.undo());
  run_frame(d.app);
  CHECK(d.stored() == d.before);
}

TEST_CASE("start and stop rules and re-entry are edited and saved", "[ui][sequence-edit]") {
  Editing d;
  click(d.app, "sequences.edit_structure");
  // A second start rule: entering the demo's saved segment "botox-curious".
  click(d.app, "structure.add_trigger");
  choose(d.app, "structure.trigger.1.kind", "segment_entry");
  choose(d.app, "structure.trigger.1.segment", "botox-curious");
  // The first stop rule (a booking) becomes reaching the patient stage.
  choose(d.app, "structure.goal.0.kind", "reached_stage");
  choose(d.app, "structure.goal.0.stage", "patient");
  // Again after a 30-day cool-down.
  choose(d.app, "structure.reentry", "after_cooldown");
  type_into(d.app, "structure.reentry_days", "30");
  click(d.app, "structure.save");
  INFO(state(d.app)["sequences"]["structure"]["error"].get<std::string>());
  const Sequence& saved = d.stored();
  REQUIRE(saved.triggers.size() == 2);
  CHECK(saved.triggers[0] == d.before.triggers[0]);
  CHECK(saved.triggers[1].kind == TriggerKind::segment_entry);
  CHECK(saved.triggers[1].segment == "botox-curious");
  REQUIRE(saved.goals.size() == 2);
  CHECK(saved.goals[0].kind == GoalKind::reached_stage);
  CHECK(saved.goals[0].stage == Stage::patient);
  CHECK(saved.reentry == ReentryPolicy::after_cooldown);
  CHECK(saved.reentry_days == 30);
  CHECK(saved.steps == d.before.steps);
}

TEST_CASE("Discard leaves the sequence as it was", "[ui][sequence-edit]") {
  Editing d;
  const auto revision = d.session.workspace().revision;
  click(d.app, "sequences.edit_structure");
  click(d.app, "structure.add_message");
  click(d.app, "structure.step.opened.remove");
  click(d.app, "structure.day.6");
  const auto& draft = d.app.sequences().structure().draft();
  CHECK(draft.steps.size() == 6);  // one added, one removed
  // "opened" was removed: nobody pointed at it, so nothing was retargeted.
  CHECK_FALSE(step_index(draft, "opened").has_value());
  // Discard asks once more; "Keep editing" keeps the draft.
  click(d.app, "structure.discard");
  CHECK(state(d.app)["sequences"]["structure"]["editing"] == true);
  click(d.app, "structure.discard_cancel");
  CHECK_FALSE(d.has("structure.discard_confirm"));
  CHECK(d.app.sequences().structure().draft().steps.size() == 6);
  click(d.app, "structure.discard");
  click(d.app, "structure.discard_confirm");
  CHECK(state(d.app)["sequences"]["structure"]["editing"] == false);
  CHECK(d.stored() == d.before);
  CHECK(d.session.workspace().revision == revision);
}

TEST_CASE("removing a step the wait goes to sends the wait on to where it led", "[ui][sequence-edit]") {
  Editing d;
  click(d.app, "sequences.edit_structure");
  // The wait "opened" goes to "nudge" when not opened; nudge is followed by "stories".
  click(d.app, "structure.step.nudge.remove");
  const auto& draft = d.app.sequences().structure().draft();
  const auto wait = step_index(draft, "opened");
  REQUIRE(wait);
  CHECK(draft.steps[*wait].no_next == "stories");
  CHECK(draft.steps[*wait].yes_next == "stories");
  CHECK(state(d.app)["widgets"].contains("structure.step.opened"));
  // The selection follows its step when a neighbour moves past it.
  click(d.app, "structure.step.opened");
  REQUIRE(d.app.sequences().structure().selected() == *wait);
  click(d.app, "structure.step.hello.down");  // hello and opened swap
  CHECK(d.app.sequences().structure().selected() == *wait - 1);
  CHECK(draft.steps[*wait - 1].id == "opened");
  click(d.app, "structure.step.opened.down");  // and back
  CHECK(d.app.sequences().structure().selected() == *wait);
  click(d.app, "structure.save");
  CHECK(d.stored().steps.size() == 5);
  CHECK(d.stored().steps[*wait].no_next == "stories");
}

TEST_CASE("a split whose shares do not add up to 100 shows the error and is not saved",
          "[ui][sequence-edit]") {
  Editing d;
  click(d.app, "sequences.edit_structure");
  click(d.app, "structure.add_split");  // nothing selected: at the end, as step-7
  const auto& editor = d.app.sequences().structure();
  REQUIRE(editor.draft().steps.back().id == "step-7");
  CHECK_FALSE(d.has("structure.step.step-7.split_error"));
  type_into(d.app, "structure.step.step-7.arm.0.percent", "60");
  CHECK(editor.draft().steps.back().arms[0].percent == 60);
  CHECK(d.has("structure.step.step-7.split_error"));
  CHECK(d.has("structure.checks"));

  click(d.app, "structure.save");
  auto s = state(d.app);
  CHECK(s["sequences"]["structure"]["editing"] == true);
  CHECK_FALSE(s["sequences"]["structure"]["error"].get<std::string>().empty());
  CHECK(s["widgets"].contains("structure.error"));
  CHECK(d.stored() == d.before);

  type_into(d.app, "structure.step.step-7.arm.1.percent", "40");
  CHECK_FALSE(d.has("structure.step.step-7.split_error"));
  click(d.app, "structure.save");
  CHECK(state(d.app)["sequences"]["structure"]["editing"] == false);
  REQUIRE(d.stored().steps.size() == 7);
  CHECK(d.stored().steps.back().arms[0].percent == 60);
}

TEST_CASE("an active sequence offers no editing of its structure", "[ui][sequence-edit]") {
  Editing d(SequenceStatus::active);
  CHECK_FALSE(d.has("sequences.edit_structure"));
  CHECK(d.has("sequences.edit_hint"));
  // Pausing it brings the Edit back.
  click(d.app, "sequences.pause");
  REQUIRE(d.stored().status == SequenceStatus::paused);
  CHECK(d.has("sequences.edit_structure"));
  CHECK_FALSE(d.has("sequences.edit_hint"));
}

TEST_CASE("the template editor shows a long message wrapped without changing it", "[ui][sequence-edit]") {
  Editing d;
  const std::string body = d.before.steps[0].message.body;
  click(d.app, "sequences.edit.welcome");
  REQUIRE(state(d.app)["sequences"]["editor"]["step"] == "welcome");
  // The welcome email has paragraphs far wider than the box.
  CHECK(d.has("sequences.editor.body_wrapped"));
  CHECK(state(d.app)["sequences"]["editor"]["body"] == body);
  // Typing at the end adds just what was typed: no line breaks of the wrapping.
  click(d.app, "sequences.editor.body");
  ImGuiIO& io = ImGui::GetIO();
  io.AddKeyEvent(ImGuiMod_Ctrl, true);
  io.AddKeyEvent(ImGuiKey_End, true);
  run_frame(d.app);
  io.AddKeyEvent(ImGuiKey_End, false);
  io.AddKeyEvent(ImGuiMod_Ctrl, false);
  run_frame(d.app);
  const std::string more = " And a last sentence that is long enough to need wrapping on its own line here.";
  io.AddInputCharactersUTF8(more.c_str());
  run_frame(d.app);
  run_frame(d.app);
  CHECK(state(d.app)["sequences"]["editor"]["body"] == body + more);
  CHECK(d.has("sequences.editor.body_wrapped"));

  // A click in the wrapped view puts the box's cursor there: what is typed next lands in the
  // middle of the text, not at the end.
  click(d.app, "sequences.editor.body_wrapped");
  io.AddInputCharactersUTF8("ZQZ");
  run_frame(d.app);
  run_frame(d.app);
  std::string edited = state(d.app)["sequences"]["editor"]["body"];
  const auto at = edited.find("ZQZ");
  REQUIRE(at != std::string::npos);
  CHECK(at > 0);
  CHECK(at < (body + more).size());
  CHECK(edited.erase(at, 3) == body + more);
}

TEST_CASE("at 1280 wide every control of the edit form stays inside the page column", "[ui][sequence-edit]") {
  Editing d;
  ImGui::GetIO().DisplaySize = ImVec2(1280, 2600);
  run_frame(d.app);
  run_frame(d.app);
  click(d.app, "sequences.edit_structure");
  click(d.app, "structure.step.hello");
  click(d.app, "structure.add_split");  // the widest step settings: the arms
  click(d.app, "structure.add_trigger");
  const auto widgets = state(d.app)["widgets"];
  // The sponsor field spans the cards' inner width: the column everything else must fit in.
  REQUIRE(widgets.contains("structure.sponsor"));
  const float left = widgets["structure.sponsor"][0].get<float>();
  const float right = left + widgets["structure.sponsor"][2].get<float>();
  int checked = 0;
  for (const auto& [key, r] : widgets.items()) {
    if (key.rfind("structure.", 0) != 0) continue;
    INFO(key);
    // A selectable step title reaches a few pixels into the item spacing on its left.
    CHECK(r[0].get<float>() >= left - 8);
    CHECK(r[0].get<float>() + r[2].get<float>() <= right + 1);
    ++checked;
  }
  CHECK(checked > 40);
  // Controls sharing a row share its top: the trigger's kind, its event and Remove (+2 to centre).
  CHECK(widgets["structure.trigger.0.kind"][1] == widgets["structure.trigger.0.event"][1]);
  CHECK(widgets["structure.window.start"][1] == widgets["structure.window.end"][1]);
}

}  // namespace sequence_structure_ui_test
