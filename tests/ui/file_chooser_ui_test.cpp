// The "choose a file" buttons and the browser's file chooser (issue 7 item 5, U10), headless:
// a button with the visible keyboard focus tells the page what Enter or Space would pick (the
// page opens the chooser inside the key's own event handler), and a chooser the browser
// blocked is said under the button and spoken, naming the button to press again.
#include <catch_amalgamated.hpp>

#include <algorithm>
#include <optional>
#include <string>

#include <imgui.h>
#include <nlohmann/json.hpp>

#include "app_driver.hpp"
#include "fake_platform.hpp"
#include "web/ui/app.hpp"
#include "web/ui/file_intake_widget.hpp"
namespace file_chooser_ui_test {

using namespace nurture;
using test::click;
using test::click_at;
using test::count_prefix;
using test::frames;
using test::press;
using test::run_frame;
using test::state;

namespace {

constexpr const char* k_import_accept = ".csv,.tsv,.txt,text/csv,text/tab-separated-values";

Workspace practice() {
  Workspace ws;
  ws.practice.name = "Harbor Aesthetics";
  ws.sources = {LeadSource{"google-ads", "Google Ads", SourceKind::paid, 50000, {}, false}};
  return ws;
}

/// Presses Tab until the keyboard focus is on the widget marked `mark`.
void tab_to(ui::App& app, const std::string& mark) {
  for (int i = 0; i < 80 && state(app)["nav_focus"] != mark; ++i) press(app, ImGuiKey_Tab);
  REQUIRE(state(app)["nav_focus"] == mark);
}

/// The browser refused to open the chooser (shell/pre.js found no user activation).
void browser_blocks(test::FakePlatform& platform) {
  platform.intake_status.failed = true;
  platform.intake_status.blocked = true;
  platform.intake_status.message = "The browser blocked the file chooser.";
  ++platform.intake_status.finished;
}

std::size_t count(const std::vector<std::string>& said, const std::string& text) {
  return static_cast<std::size_t>(std::count(said.begin(), said.end(), text));
}

}  // namespace

TEST_CASE("a choose-a-file button with the keyboard focus offers its pick to the page",
          "[ui][a11y][picker]") {
  test::TestApp t(practice(), {.page = ui::Page::import_export, .size = ImVec2(1280, 2000)});
  auto& app = t.app;
  auto& platform = t.platform;
  frames(app, 2);
  CHECK_FALSE(platform.keyboard_pick.has_value());  // nothing focused yet

  tab_to(app, "import.choose");
  platform.keyboard_pick.reset();
  run_frame(app);
  CHECK(platform.keyboard_pick == std::string(k_import_accept));

  // Enter presses it once, as a click does; the page ignores this pick when it opened the
  // chooser in the key's handler already.
  press(app, ImGuiKey_Enter);
  CHECK(count_prefix(platform.calls, "pick:") == 1);
  CHECK(platform.calls.back() == std::string("pick:") + k_import_accept);

  // The focus moves on: the import's pick is no longer offered; Sync's button offers its own.
  press(app, ImGuiKey_Tab);
  REQUIRE(state(app)["nav_focus"] != "import.choose");
  platform.keyboard_pick.reset();
  frames(app, 2);
  CHECK(platform.keyboard_pick != std::optional<std::string>(k_import_accept));
  tab_to(app, "sync.choose");
  platform.keyboard_pick.reset();
  run_frame(app);
  CHECK(platform.keyboard_pick == std::string(".json,application/json"));

  // Back on it, then the mouse is used: ImGui hides the focus and Enter would not press the
  // button, so nothing is offered.
  tab_to(app, "import.choose");
  platform.keyboard_pick.reset();
  run_frame(app);
  REQUIRE(platform.keyboard_pick.has_value());
  click_at(app, ImVec2(1240, 1900));
  platform.keyboard_pick.reset();
  frames(app, 2);
  CHECK_FALSE(platform.keyboard_pick.has_value());

  // While a file is being read the button is disabled ("Reading the file…"): Enter would do
  // nothing, so no offer.
  tab_to(app, "import.choose");
  platform.intake_status.busy = true;
  platform.keyboard_pick.reset();
  frames(app, 2);
  CHECK_FALSE(platform.keyboard_pick.has_value());
}

TEST_CASE("a file chooser the browser blocked is said under the button, spoken once, and Enter tries again",
          "[ui][a11y][picker]") {
  test::TestApp t(practice(), {.page = ui::Page::import_export, .size = ImVec2(1280, 2000)});
  auto& app = t.app;
  auto& platform = t.platform;
  tab_to(app, "import.choose");
  platform.announcements.clear();
  press(app, ImGuiKey_Enter);
  REQUIRE(count_prefix(platform.calls, "pick:") == 1);

  browser_blocks(platform);
  frames(app, 10);
  const std::string said = ui::blocked_chooser_message("Choose a file…");
  CHECK(said == "The browser blocked the file chooser. Press Enter or click “Choose a file…” again.");
  CHECK(state(app)["import"]["error"] == said);
  CHECK(state(app)["import"]["step"] == "pick");
  CHECK(count(platform.announcements, said) == 1);
  // The focus stays on the button, so the next Enter is the retry.
  CHECK(state(app)["nav_focus"] == "import.choose");

  press(app, ImGuiKey_Enter);
  CHECK(count_prefix(platform.calls, "pick:") == 2);
  CHECK(state(app)["import"]["error"] == "");

  // Blocked again: said again (a new failure, not the same line kept on screen).
  browser_blocks(platform);
  frames(app, 5);
  CHECK(count(platform.announcements, said) == 2);
}

TEST_CASE("Settings: a blocked chooser for a spend CSV is said under its button and spoken",
          "[ui][a11y][picker]") {
  test::TestApp t(practice(), {.page = ui::Page::settings, .size = ImVec2(1280, 3000)});
  auto& app = t.app;
  auto& platform = t.platform;
  platform.announcements.clear();
  click(app, "settings.spend.import");
  REQUIRE(platform.calls.back() == "pick:.csv,.tsv,.txt");
  browser_blocks(platform);
  frames(app, 5);
  const std::string said = ui::blocked_chooser_message("Import spend CSV…");
  CHECK(state(app)["widgets"].contains("settings.spend.import.error"));
  CHECK(count(platform.announcements, said) == 1);
  // A click tries again and clears the message.
  click(app, "settings.spend.import");
  CHECK(count_prefix(platform.calls, "pick:") == 2);
  CHECK_FALSE(state(app)["widgets"].contains("settings.spend.import.error"));
}

}  // namespace file_chooser_ui_test
