#include "core/model/preferences.hpp"

#include <catch_amalgamated.hpp>

namespace preferences_test {

using namespace nurture;

TEST_CASE("preferences round-trip through JSON", "[preferences]") {
  Preferences p;
  p.theme = ThemeChoice::dark;
  p.ui_scale = 1.25F;
  p.page = "settings";
  p.welcome_done = true;
  const auto back = preferences_from_json(preferences_to_json(p));
  REQUIRE(back.ok());
  CHECK(back.value() == p);
}

TEST_CASE("the high-contrast theme round-trips; files from before it still load", "[preferences]") {
  Preferences p;
  p.theme = ThemeChoice::high_contrast;
  const std::string text = preferences_to_json(p);
  CHECK(text.find(R"("theme": "high_contrast")") != std::string::npos);
  const auto back = preferences_from_json(text);
  REQUIRE(back.ok());
  CHECK(back.value().theme == ThemeChoice::high_contrast);
  // A version-1 file as the app wrote it before high contrast existed, byte for byte.
  const auto old = preferences_from_json(R"({
  "format": "nurture.preferences",
  "version": 1,
  "theme": "dark",
  "ui_scale": 1.25,
  "page": "leads",
  "device_id": "00000000000000ff",
  "welcome_done": true
})");
  REQUIRE(old.ok());
  CHECK(old.value().theme == ThemeChoice::dark);
  CHECK(old.value().ui_scale == 1.25F);
  CHECK(old.value().page == "leads");
  CHECK(old.value().device_id == 0xffU);
}

TEST_CASE("preferences clamp the scale and ignore junk", "[preferences]") {
  auto p = preferences_from_json(
      R"({"format":"nurture.preferences","version":1,"ui_scale":9,"theme":"neon","x":1})");
  REQUIRE(p.ok());
  CHECK(p.value().ui_scale == Preferences::k_max_scale);
  CHECK(p.value().theme == ThemeChoice::system);
  p = preferences_from_json(R"({"format":"nurture.preferences","ui_scale":0.1})");
  REQUIRE(p.ok());
  CHECK(p.value().ui_scale == Preferences::k_min_scale);
}

TEST_CASE("preferences refuse other files", "[preferences]") {
  CHECK_FALSE(preferences_from_json("[]").ok());
  CHECK_FALSE(preferences_from_json("{").ok());
  CHECK_FALSE(preferences_from_json(R"({"format":"nurture.workspace"})").ok());
}

TEST_CASE("the device id survives a round trip as hex text, and bad values fall back to 0") {
  Preferences prefs;
  prefs.device_id = 0xfedcba9876543210ULL;  // above 2^53: a JSON number would lose it in JS tools
  const auto text = preferences_to_json(prefs);
  CHECK(text.find("\"fedcba9876543210\"") != std::string::npos);
  const auto back = preferences_from_json(text);
  REQUIRE(back.ok());
  CHECK(back.value().device_id == prefs.device_id);
  const auto bad = preferences_from_json(R"({"format":"nurture.preferences","device_id":"xyz"})");
  REQUIRE(bad.ok());
  CHECK(bad.value().device_id == 0);
}

TEST_CASE("the auto-lock time round-trips and only the offered choices are accepted", "[preferences]") {
  Preferences prefs;
  prefs.auto_lock_minutes = 15;
  const auto back = preferences_from_json(preferences_to_json(prefs));
  REQUIRE(back.ok());
  CHECK(back.value().auto_lock_minutes == 15);
  // A hand-edited value between the choices would lock the app between two keystrokes (1) or
  // never (a negative): both fall back to "never", the default.
  for (const char* text : {R"({"format":"nurture.preferences","auto_lock_minutes":1})",
                           R"({"format":"nurture.preferences","auto_lock_minutes":-5})",
                           R"({"format":"nurture.preferences","auto_lock_minutes":"30"})"}) {
    const auto p = preferences_from_json(text);
    REQUIRE(p.ok());
    CHECK(p.value().auto_lock_minutes == 0);
  }
  const auto sixty = preferences_from_json(R"({"format":"nurture.preferences","auto_lock_minutes":60})");
  REQUIRE(sixty.ok());
  CHECK(sixty.value().auto_lock_minutes == 60);
}

}  // namespace preferences_test
