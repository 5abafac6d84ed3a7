// Settings' ad-spend grid and spend import, driven headless like a user: the empty state
// without sources, typed amounts saved as one undo step, a CSV previewed and applied, and a file
// that is not a spend file refused with a message.
#include <catch_amalgamated.hpp>

#include <string>

#include <imgui.h>
#include <nlohmann/json.hpp>

#include "app_driver.hpp"
#include "fake_platform.hpp"
#include "web/ui/app.hpp"

namespace spend_ui_test {

using namespace nurture;
using test::click;
using test::hand_file;
using test::run_frame;
using test::state;
using test::type;

namespace {

Workspace harbor() {
  Workspace ws;
  ws.practice.name = "Harbor";
  return ws;
}

/// Settings, in a window tall enough for the whole page without scrolling.
struct SettingsApp : test::TestApp {
  explicit SettingsApp(Workspace ws)
      : TestApp(std::move(ws), {.page = ui::Page::settings, .size = ImVec2(1280, 3000)}) {}
};

}  // namespace

TEST_CASE("Settings' ad spend teaches when there are no lead sources", "[ui][spend]") {
  SettingsApp t(harbor());
  const auto s = state(t.app);
  CHECK(s["widgets"].contains("settings.spend.empty"));
  CHECK_FALSE(s["widgets"].contains("settings.spend.save"));
}

TEST_CASE("Settings' ad spend grid saves as one step; a spend CSV is previewed and applied", "[ui][spend]") {
  Workspace ws = harbor();
  ws.practice.time_zone = "";  // UTC: the platform's 2026-11-27 is in November
  ws.sources = {LeadSource{"google-ads", "Google Ads", SourceKind::paid, 50000, {}, false},
                LeadSource{"facebook", "Facebook", SourceKind::social, 0, {}, false}};
  SettingsApp t(std::move(ws));
  auto& app = t.app;
  auto& platform = t.platform;
  const auto& session = t.session;
  auto s = state(app);
  // The last 6 months: June to November 2026; "Earlier" shows December 2025 to May 2026.
  CHECK(s["widgets"].contains("settings.spend.cell.google-ads.2026-11"));
  CHECK(s["widgets"].contains("settings.spend.cell.facebook.2026-06"));
  CHECK_FALSE(s["widgets"].contains("settings.spend.cell.facebook.2026-05"));
  click(app, "settings.spend.earlier");
  run_frame(app);
  s = state(app);
  CHECK(s["widgets"].contains("settings.spend.cell.facebook.2025-12"));
  CHECK(s["widgets"].contains("settings.spend.cell.facebook.2026-05"));
  CHECK_FALSE(s["widgets"].contains("settings.spend.cell.facebook.2026-06"));
  click(app, "settings.spend.later");
  run_frame(app);
  s = state(app);
  CHECK(s["widgets"].contains("settings.spend.total.google-ads"));

  click(app, "settings.spend.cell.google-ads.2026-11");
  type(app, "1,250.50");
  click(app, "settings.spend.cell.facebook.2026-10");
  type(app, "0");
  click(app, "settings.spend.save");
  const auto& table = session.workspace().ad_spend;
  REQUIRE(table.size() == 2);
  CHECK(table[0].source == "facebook");
  CHECK(table[0].month == YearMonth{2026, 10});
  CHECK(table[0].cents == 0);
  CHECK(table[1].source == "google-ads");
  CHECK(table[1].cents == 125050);
  CHECK(session.workspace().revision == 1);  // one command for the whole grid
  CHECK(state(app)["widgets"].contains("settings.spend.result"));

  // A CSV in our layout: two rows summed, one rejected; applied as one more step.
  click(app, "settings.spend.import");
  REQUIRE_FALSE(platform.calls.empty());
  CHECK(platform.calls.back() == "pick:.csv,.tsv,.txt");
  hand_file(app, platform, "spend.csv",
            "month,source,amount\n2026-09,Google Ads,$300\n2026-09,google-ads,200\nsoon,google-ads,1\n");
  s = state(app);
  CHECK(s["widgets"].contains("settings.spend.import.summary"));
  CHECK(s["widgets"].contains("settings.spend.import.rejected"));
  CHECK(table.size() == 2);  // nothing applied yet
  click(app, "settings.spend.import.apply");
  REQUIRE(table.size() == 3);
  CHECK(table[1].month == YearMonth{2026, 9});
  CHECK(table[1].cents == 50000);
  CHECK(session.workspace().revision == 2);

  // Not a spend file: a clear message, nothing to apply.
  click(app, "settings.spend.import");
  hand_file(app, platform, "leads.csv", "name,email\nAna,ana@example.com\n");
  s = state(app);
  CHECK(s["widgets"].contains("settings.spend.import.error"));
  CHECK_FALSE(s["widgets"].contains("settings.spend.import.summary"));
  click(app, "settings.spend.import.apply");
  CHECK(session.workspace().revision == 2);
  click(app, "settings.spend.import.cancel");
  CHECK(state(app)["widgets"].contains("settings.spend.import"));
}

}  // namespace spend_ui_test
