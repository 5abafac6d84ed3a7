// "Export audience…" on the Segments page, driven headless like a user: the dialog opens on the
// edited segment, shows who qualifies (checked against core's count), switches format, names the
// file neutrally and downloads it through the platform; a segment too small for an ad platform is
// refused with the count and no download happens.
#include <catch_amalgamated.hpp>

#include <algorithm>
#include <string>

#include <imgui.h>
#include <nlohmann/json.hpp>

#include "app_driver.hpp"
#include "core/audience/audience.hpp"
#include "core/demo/demo_practice.hpp"
#include "core/segment/engine.hpp"
#include "core/segment/membership.hpp"
#include "core/segment/parser.hpp"
#include "fake_platform.hpp"
#include "web/ui/app.hpp"

namespace audience_ui_test {

using namespace nurture;
using test::click;
using test::run_frame;
using test::state;

namespace {

// The members of `query` as core computes them (no scores: the queries below use none).
segment::LeadSet members_of(const Workspace& ws, const std::string& query, UnixMillis now) {
  const auto parsed = segment::parse_query(query);
  REQUIRE(parsed.ok());
  const segment::ParsedSegments saved(ws.segments);
  const auto ctx = segment::make_context(ws, now, 0, nullptr, saved);
  auto members = segment::evaluate(parsed.value(), query, ctx, nullptr);
  REQUIRE(members.ok());
  return std::move(members).value();
}

}  // namespace

TEST_CASE("the audience dialog counts, names neutrally, downloads, and refuses small lists",
          "[ui][segments][audience]") {
  test::TestApp t(
      make_demo_practice(DemoOptions{1, 600, test::k_fake_now, 0}),
      {.page = ui::Page::segments, .frames = 2, .dismiss_welcome = false, .device = std::nullopt});
  auto& app = t.app;
  auto& platform = t.platform;
  const auto& session = t.session;

  const std::string query = "consent.email or consent.sms";
  app.segments().start_new("Botox VIPs", query);
  run_frame(app);
  run_frame(app);
  const AudienceCount expected =
      count_audience(session.workspace(), members_of(session.workspace(), query, platform.now));
  REQUIRE(expected.qualifying >= k_min_audience);  // the demo has enough consenting leads

  click(app, "segments.audience");
  auto s = state(app)["segments"]["audience"];
  REQUIRE(s["open"] == true);
  CHECK(s["format"] == "meta");
  CHECK(s["members"] == expected.members);
  CHECK(s["qualifying"] == expected.qualifying);
  CHECK(s["skipped"]["do_not_contact"] == expected.skipped_for(AudienceSkip::do_not_contact));
  CHECK(s["refusal"] == "");
  // Dated by the device's local day (the fake is at UTC−5, 03:42 on 27 November), never the
  // segment's name.
  CHECK(s["file_name"] == "audience-2026-11-27-meta.csv");
  CHECK(state(app)["widgets"].contains("audience.count"));

  click(app, "audience.format.google");
  s = state(app)["segments"]["audience"];
  CHECK(s["format"] == "google");
  CHECK(s["file_name"] == "audience-2026-11-27-google.csv");

  click(app, "audience.download");
  REQUIRE(platform.downloads.size() == 1);
  CHECK(platform.downloads[0] == "audience-2026-11-27-google.csv");
  const std::string& csv = platform.download_bytes[0];
  CHECK(csv.rfind("Email,Phone,First Name,Last Name,Country,Zip\n", 0) == 0);
  CHECK(static_cast<std::size_t>(std::count(csv.begin(), csv.end(), '\n')) == expected.qualifying + 1);
  CHECK(csv.find("Botox") == std::string::npos);
  s = state(app)["segments"]["audience"];
  CHECK(s["open"] == false);
  CHECK(s["last_download"] == "audience-2026-11-27-google.csv");

  // A narrow segment: the dialog says how many qualify and Download does nothing.
  app.segments().start_new("", "consent.email and age between 30 and 31");
  run_frame(app);
  run_frame(app);
  click(app, "segments.audience");
  s = state(app)["segments"]["audience"];
  REQUIRE(s["open"] == true);
  const auto qualifying = s["qualifying"].get<std::size_t>();
  REQUIRE(qualifying < k_min_audience);
  CHECK(s["refusal"].get<std::string>().rfind("only " + std::to_string(qualifying), 0) == 0);
  CHECK(state(app)["widgets"].contains("audience.refusal"));
  click(app, "audience.download");
  CHECK(platform.downloads.size() == 1);
  click(app, "audience.close");
  CHECK(state(app)["segments"]["audience"]["open"] == false);
}

}  // namespace audience_ui_test
