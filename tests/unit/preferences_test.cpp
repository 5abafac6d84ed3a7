#include "core/model/preferences.hpp"

#include <catch_amalgamated.hpp>

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
