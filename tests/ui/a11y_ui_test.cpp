// Accessibility, headless (issue 7 item 5; CHECKLISTS U10, U12): status messages reach the
// screen-reader live region through the fake platform exactly once per change, Ctrl+1…9 open
// the pages, the keyboard focus ring is drawn, and the high-contrast theme is chosen, follows
// the system's "more contrast" wish and keeps every text pair at 7:1 or better.
#include <catch_amalgamated.hpp>

#include <algorithm>
#include <string>

#include <imgui.h>
#include <nlohmann/json.hpp>

#include "app_driver.hpp"
#include "fake_platform.hpp"
#include "web/ui/announcer.hpp"
#include "web/ui/app.hpp"
#include "web/ui/theme.hpp"

namespace a11y_ui_test {

using namespace nurture;
using test::click;
using test::count_prefix;
using test::frames;
using test::hand_file;
using test::press;
using test::run_frame;
using test::state;

namespace {

Workspace practice() {
  Workspace ws;
  ws.practice.name = "Harbor Aesthetics";
  return ws;
}

/// The app on practice() set up as `setup` says, with what it announced on the way cleared: the
/// test hears only what it causes.
struct Listening : test::TestApp {
  explicit Listening(const test::AppSetup& setup = {}) : TestApp(practice(), setup) {
    platform.announcements.clear();
  }
};

}  // namespace

TEST_CASE("announcer: one announcement per frame, repeats dropped, shown text spoken on change",
          "[ui][a11y]") {
  test::FakePlatform platform;
  ui::Announcer a;
  a.say("Lead added");
  a.say("Lead added");  // the panel and the status bar report the same outcome
  a.say("");
  a.say("Saved 10:42");
  CHECK(a.flush(platform) == "Lead added. Saved 10:42");
  CHECK(a.flush(platform).empty());
  for (int frame = 0; frame < 5; ++frame) {
    a.shown("import.error", "data.csv has no rows.");
    a.flush(platform);
  }
  a.shown("import.error", "");
  a.shown("import.error", "data.csv has no rows.");  // gone and back: a new message
  a.flush(platform);
  CHECK(platform.announcements == std::vector<std::string>{"Lead added. Saved 10:42", "data.csv has no rows.",
                                                           "data.csv has no rows."});
  CHECK(ui::join_announcements({"Imported 2 new leads", "Import another file?", "Done…", "Next"}) ==
        "Imported 2 new leads. Import another file? Done… Next");
}

TEST_CASE("an import announces its result once, however many frames follow", "[ui][a11y]") {
  Listening t({.page = ui::Page::import_export, .size = ImVec2(1280, 2000)});
  auto& app = t.app;
  auto& platform = t.platform;

  hand_file(app, platform, "leads.csv",
            "First name,Last name,Email\nŁucja,Nowak,lucja@example.com\nØre,Berg,ore@example.com\n");
  REQUIRE(state(app)["import"]["step"] == "mapping");
  click(app, "import.check");
  for (int i = 0; i < 100 && state(app)["import"]["step"] != "review"; ++i) run_frame(app);
  REQUIRE(state(app)["import"]["step"] == "review");
  click(app, "import.apply");
  frames(app, 30);
  REQUIRE(state(app)["import"]["step"] == "done");
  CHECK(state(app)["workspace"]["leads"] == 2);
  CHECK(count_prefix(platform.announcements, "Imported 2 new leads") == 1);
  CHECK(platform.announcements.back().rfind("Imported 2 new leads and updated 0 from 2 rows", 0) == 0);

  // Undo from the summary: "undone" is spoken once too.
  click(app, "import.undo");
  frames(app, 10);
  CHECK(count_prefix(platform.announcements, "The import was undone") == 1);
}

TEST_CASE("an error under the import wizard is spoken once, and again for the next bad file", "[ui][a11y]") {
  Listening t({.page = ui::Page::import_export});
  auto& app = t.app;
  auto& platform = t.platform;
  hand_file(app, platform, "empty.csv", "");
  frames(app, 20);
  const std::string error = state(app)["import"]["error"];
  REQUIRE_FALSE(error.empty());
  CHECK(std::count(platform.announcements.begin(), platform.announcements.end(), error) == 1);
  hand_file(app, platform, "empty.csv", "");
  frames(app, 5);
  CHECK(std::count(platform.announcements.begin(), platform.announcements.end(), error) == 2);
}

TEST_CASE("a save failure is announced once, and so is the recovery", "[ui][a11y]") {
  Listening t;
  auto& app = t.app;
  auto& platform = t.platform;
  platform.status.save_state = SaveState::failed;
  platform.status.error = "the browser refused the write";
  frames(app, 20);
  CHECK(platform.announcements == std::vector<std::string>{"Not saved — the browser refused the write"});
  platform.status.save_state = SaveState::saved;
  platform.status.error.clear();
  platform.status.last_saved_at = platform.now;  // 08:42 UTC, 03:42 at the fake's UTC−5
  frames(app, 20);
  CHECK(platform.announcements.size() == 2);
  CHECK(platform.announcements.back() == "Saved 03:42");
}

TEST_CASE("Ctrl+1…9 open the pages in sidebar order, each arrival spoken once", "[ui][a11y]") {
  Listening t;
  auto& app = t.app;
  auto& platform = t.platform;
  press(app, ImGuiKey_2, true);
  CHECK(app.page() == ui::Page::leads);
  press(app, ImGuiKey_8, true);
  CHECK(app.page() == ui::Page::import_export);
  press(app, ImGuiKey_9, true);
  CHECK(app.page() == ui::Page::settings);
  press(app, ImGuiKey_1, true);
  CHECK(app.page() == ui::Page::today);
  frames(app, 5);
  CHECK(platform.announcements == std::vector<std::string>{ui::page_info(ui::Page::leads).title,
                                                           ui::page_info(ui::Page::import_export).title,
                                                           ui::page_info(ui::Page::settings).title,
                                                           ui::page_info(ui::Page::today).title});
  press(app, ImGuiKey_3);  // a bare digit is typing, not navigation
  CHECK(app.page() == ui::Page::today);
}

TEST_CASE("the focus ring appears once the keyboard moves the focus", "[ui][a11y]") {
  test::TestApp t(practice(), {.page = ui::Page::settings});
  auto& app = t.app;
  for (const ThemeChoice theme : {ThemeChoice::light, ThemeChoice::dark, ThemeChoice::high_contrast}) {
    Preferences prefs = app.preferences();
    prefs.theme = theme;
    app.set_preferences(prefs);
    // A click on empty space (the mouse was used last): no ring.
    test::click_at(app, ImVec2(1240, 420));
    const int before = ImGui::GetForegroundDrawList()->VtxBuffer.Size;
    press(app, ImGuiKey_Tab);
    press(app, ImGuiKey_Tab);
    INFO("theme " << to_string(theme));
    CHECK(ImGui::GetForegroundDrawList()->VtxBuffer.Size > before);
  }
}

TEST_CASE("high contrast: chosen in Settings, or by the system's wish under System", "[ui][a11y]") {
  // A window tall enough for the Settings page without scrolling.
  test::TestApp t(practice(), {.page = ui::Page::settings, .size = ImVec2(1280, 3000)});
  auto& app = t.app;
  auto& platform = t.platform;
  CHECK(state(app)["theme"] == "light");
  click(app, "settings.theme.high_contrast");
  CHECK(state(app)["theme"] == "high_contrast");
  CHECK(state(app)["theme_choice"] == "high_contrast");
  CHECK(platform.saved_prefs.theme == ThemeChoice::high_contrast);
  CHECK(ImGui::GetStyle().FrameBorderSize >= 2.0F);

  click(app, "settings.theme.system");
  CHECK(state(app)["theme"] == "light");
  platform.more_contrast = true;  // prefers-contrast: more
  frames(app, 2);
  CHECK(state(app)["theme"] == "high_contrast");
  platform.dark = true;  // more contrast outranks the colour scheme
  frames(app, 2);
  CHECK(state(app)["theme"] == "high_contrast");
  platform.more_contrast = false;
  frames(app, 2);
  CHECK(state(app)["theme"] == "dark");
  // An explicit choice wins over the system's wish.
  platform.more_contrast = true;
  click(app, "settings.theme.light");
  CHECK(state(app)["theme"] == "light");
}

TEST_CASE("high contrast: every text colour is at least 7:1 on every surface it sits on", "[ui][a11y]") {
  // Golden values of the formula, worked by hand from WCAG 2's definition: white on black is
  // (1 + 0.05) / (0 + 0.05) = 21; a colour against itself is 1.
  CHECK(ui::contrast_ratio(ImVec4(1, 1, 1, 1), ImVec4(0, 0, 0, 1)) == Catch::Approx(21.0F));
  CHECK(ui::contrast_ratio(ImVec4(0.5F, 0.2F, 0.9F, 1), ImVec4(0.5F, 0.2F, 0.9F, 1)) == Catch::Approx(1.0F));
  // #767676 on white is the well-known 4.54:1 AA threshold grey.
  const float g = static_cast<float>(0x76) / 255.0F;
  CHECK(ui::contrast_ratio(ImVec4(g, g, g, 1), ImVec4(1, 1, 1, 1)) == Catch::Approx(4.54F).epsilon(0.01));

  const ui::Palette& p = ui::high_contrast_palette();
  CHECK(p.high_contrast);
  const struct {
    const char* name;
    ImVec4 fg;
    ImVec4 bg;
  } pairs[] = {
      {"text/bg", p.text, p.bg},
      {"text/card", p.text, p.card},
      {"text/sidebar", p.text, p.sidebar},
      {"text/input", p.text, p.input},
      {"text/accent_soft (selected nav)", p.text, p.accent_soft},
      {"muted/bg", p.muted, p.bg},
      {"muted/card", p.muted, p.card},
      {"faint/input (placeholders)", p.faint, p.input},
      {"accent/bg (links, focus)", p.accent, p.bg},
      {"accent/accent_soft (chips)", p.accent, p.accent_soft},
      {"accent_text/accent (primary buttons)", p.accent_text, p.accent},
      {"accent_text/accent_hover", p.accent_text, p.accent_hover},
      {"success/card", p.success, p.card},
      {"warning/card", p.warning, p.card},
      {"warning/warning_bg", p.warning, p.warning_bg},
      {"text/warning_bg", p.text, p.warning_bg},
      {"danger/card", p.danger, p.card},
      {"danger/danger_bg", p.danger, p.danger_bg},
      {"text/danger_bg", p.text, p.danger_bg},
      {"text/info_bg", p.text, p.info_bg},
  };
  for (const auto& pair : pairs) {
    INFO(pair.name << ": " << ui::contrast_ratio(pair.fg, pair.bg));
    CHECK(ui::contrast_ratio(pair.fg, pair.bg) >= 7.0F);
  }
  // Outlines of fields and buttons are non-text: WCAG asks 3:1; high contrast gives far more.
  CHECK(ui::contrast_ratio(p.control, p.bg) >= 7.0F);
  CHECK(ui::contrast_ratio(p.border, p.bg) >= 4.5F);
}

}  // namespace a11y_ui_test
