// The app lock's UI, driven headless: the strength hint's rules, Settings → App lock (turning it
// on only with two matching, acceptable passphrases; "Export first"; the idle time; Lock now and
// Ctrl+Shift+L), and the lock screen that replaces the whole app while locked.
#include <catch_amalgamated.hpp>

#include <algorithm>
#include <string>

#include <imgui.h>
#include <nlohmann/json.hpp>

#include "app_driver.hpp"
#include "fake_platform.hpp"
#include "web/ui/app.hpp"
#include "web/ui/settings_lock.hpp"

namespace lock_ui_test {

using namespace nurture;
using test::click;
using test::count_prefix;
using test::press;
using test::run_frame;
using test::state;
using test::type;

namespace {

bool called(const test::FakePlatform& p, const std::string& call) {
  return std::find(p.calls.begin(), p.calls.end(), call) != p.calls.end();
}

/// Settings with a window tall enough for the whole page without scrolling.
struct Fixture : test::TestApp {
  Fixture() : TestApp(Workspace{}, {.page = ui::Page::settings, .size = ImVec2(1280, 9000)}) {}
};

}  // namespace

TEST_CASE("the passphrase hint refuses short and repetitive passphrases and grades the rest", "[ui][lock]") {
  using ui::passphrase_hint;
  CHECK_FALSE(passphrase_hint("").acceptable);
  CHECK_FALSE(passphrase_hint("123456789").acceptable);     // 9 characters: one short of 10
  CHECK_FALSE(passphrase_hint("abababababab").acceptable);  // 12 long, but only 2 characters
  CHECK(passphrase_hint("0123456789").acceptable);          // exactly 10, all different
  CHECK(std::string(passphrase_hint("0123456789").text).starts_with("Fair"));
  CHECK(std::string(passphrase_hint("abcdefghijklmn").text).starts_with("Good"));  // 14
  // 4 words and 16+ characters, or 20+ characters: strong.
  CHECK(std::string(passphrase_hint("red fox ran far!").text).starts_with("Strong"));
  CHECK(std::string(passphrase_hint("amber lantern over quiet harbor").text).starts_with("Strong"));
}

TEST_CASE("Settings turns the lock on only with two matching acceptable passphrases", "[ui][lock]") {
  Fixture f;
  auto s = state(f.app);
  REQUIRE(s["widgets"].contains("settings.lock.start"));
  CHECK_FALSE(s["widgets"].contains("settings.lock.new"));
  click(f.app, "settings.lock.start");
  s = state(f.app);
  CHECK(s["lock"]["step"] == "enabling");
  REQUIRE(s["widgets"].contains("settings.lock.export_first"));

  click(f.app, "settings.lock.new");
  type(f.app, "too short");  // 9 characters
  click(f.app, "settings.lock.confirm");
  type(f.app, "too short");
  click(f.app, "settings.lock.enable");
  CHECK(count_prefix(f.platform.calls, "lock_enable:") == 0);
  CHECK_FALSE(state(f.app)["widgets"].contains("settings.lock.strength"));

  click(f.app, "settings.lock.new");
  type(f.app, " at all, now longer");    // "too short at all, now longer"
  click(f.app, "settings.lock.enable");  // the repeat still differs
  CHECK(count_prefix(f.platform.calls, "lock_enable:") == 0);
  CHECK(state(f.app)["widgets"].contains("settings.lock.strength"));
  click(f.app, "settings.lock.confirm");
  type(f.app, " at all, now longer");
  click(f.app, "settings.lock.enable");
  CHECK(called(f.platform, "lock_enable:too short at all, now longer"));
  // The drafts were wiped when handed over: a second click sends nothing.
  click(f.app, "settings.lock.enable");
  CHECK(count_prefix(f.platform.calls, "lock_enable:") == 1);
  // Done: the card shows the lock as on, with the idle lock at 15 minutes to start with.
  f.platform.status.lock_enabled = true;
  f.platform.lock_status = ui::TaskStatus{false, false, "The app lock is on.", 1};
  run_frame(f.app);
  run_frame(f.app);
  const auto after = state(f.app);
  CHECK(after["lock"]["step"] == "none");
  CHECK(after["lock"]["message"] == "The app lock is on.");
  CHECK(f.app.preferences().auto_lock_minutes == 15);
  CHECK(f.platform.saved_prefs.auto_lock_minutes == 15);
  CHECK(after["widgets"].contains("settings.lock.idle.15"));
}

TEST_CASE("turning the lock on shows a bar and Cancel stops it; a cancelled change keeps the form",
          "[ui][lock]") {
  Fixture f;
  click(f.app, "settings.lock.start");
  click(f.app, "settings.lock.new");
  type(f.app, "amber lantern over quiet harbor");
  click(f.app, "settings.lock.confirm");
  type(f.app, "amber lantern over quiet harbor");
  click(f.app, "settings.lock.enable");
  REQUIRE(called(f.platform, "lock_enable:amber lantern over quiet harbor"));

  // Running, not yet saying how far: no bar; Cancel asks the platform to stop the change.
  f.platform.lock_status.busy = true;
  f.platform.lock_status.cancellable = true;
  f.platform.lock_status.message = "Encrypting every stored file…";
  test::frames(f.app, 2);
  auto s = state(f.app);
  CHECK_FALSE(s["widgets"].contains("settings.lock.progress"));
  f.platform.lock_status.progress = 0.4;
  test::frames(f.app, 2);
  s = state(f.app);
  CHECK(s["widgets"].contains("settings.lock.progress"));
  CHECK(s["lock"]["step"] == "enabling");
  click(f.app, "settings.lock.cancel");
  CHECK(count_prefix(f.platform.calls, "lock_cancel") == 1);
  CHECK(state(f.app)["lock"]["step"] == "enabling");  // Cancel during the change does not leave the form

  // Past the point of no return (the write is committing): Cancel is disabled and does nothing.
  f.platform.lock_status.cancellable = false;
  f.platform.lock_status.progress = 1;
  test::frames(f.app, 2);
  click(f.app, "settings.lock.cancel");
  CHECK(count_prefix(f.platform.calls, "lock_cancel") == 1);

  // Cancelled: the outcome is said, the form stays for another try, the idle lock is untouched.
  f.platform.lock_status = ui::TaskStatus{false, false, "Cancelled: nothing was changed.", 1};
  f.platform.lock_status.cancelled = true;
  test::frames(f.app, 2);
  s = state(f.app);
  CHECK(s["lock"]["step"] == "enabling");
  CHECK(s["lock"]["message"] == "Cancelled: nothing was changed.");
  CHECK_FALSE(s["widgets"].contains("settings.lock.progress"));
  CHECK(f.app.preferences().auto_lock_minutes == 0);
  // Not busy: Cancel leaves the form.
  click(f.app, "settings.lock.cancel");
  CHECK(state(f.app)["lock"]["step"] == "none");
  CHECK(count_prefix(f.platform.calls, "lock_cancel") == 1);
}

TEST_CASE("\"Export first\" in the lock warning goes to the export", "[ui][lock]") {
  Fixture f;
  click(f.app, "settings.lock.start");
  click(f.app, "settings.lock.export_first");
  CHECK(state(f.app)["page"] == "import_export");
}

TEST_CASE("with the lock on: the idle time is a saved preference; Lock now and Ctrl+Shift+L lock",
          "[ui][lock]") {
  Fixture f;
  CHECK_FALSE(state(f.app)["widgets"].contains("settings.lock.idle.15"));  // only once the lock is on
  press(f.app, ImGuiKey_L, true, true);
  CHECK_FALSE(called(f.platform, "lock_now"));  // no lock to lock with

  f.platform.status.lock_enabled = true;
  run_frame(f.app);
  run_frame(f.app);
  click(f.app, "settings.lock.idle.15");
  CHECK(f.app.preferences().auto_lock_minutes == 15);
  CHECK(f.platform.saved_prefs.auto_lock_minutes == 15);
  click(f.app, "settings.lock.now");
  CHECK(count_prefix(f.platform.calls, "lock_now") == 1);
  press(f.app, ImGuiKey_L, true, true);
  CHECK(count_prefix(f.platform.calls, "lock_now") == 2);

  click(f.app, "settings.lock.off");
  click(f.app, "settings.lock.current");
  type(f.app, "my passphrase");
  click(f.app, "settings.lock.disable");
  CHECK(called(f.platform, "lock_disable:my passphrase"));
}

TEST_CASE("the lock screen replaces the whole app and shows the generic error", "[ui][lock]") {
  Fixture f;
  f.platform.status.mode = ui::StorageStatus::Mode::locked;
  f.platform.status.lock_enabled = true;
  for (int i = 0; i < 3; ++i) run_frame(f.app);
  auto s = state(f.app);
  REQUIRE(s["widgets"].contains("lock.passphrase"));
  CHECK_FALSE(s["widgets"].contains("nav.settings"));
  CHECK_FALSE(s["widgets"].contains("settings.lock.start"));
  // The field has the keyboard focus already: typing and Enter unlock.
  type(f.app, "guess one");
  press(f.app, ImGuiKey_Enter);
  CHECK(called(f.platform, "unlock:guess one"));
  f.platform.lock_status = ui::TaskStatus{false, true, "The passphrase is wrong.", 1};
  run_frame(f.app);
  run_frame(f.app);
  CHECK(state(f.app)["lock"]["screen_message"] == "The passphrase is wrong.");
}

}  // namespace lock_ui_test
