// The Content page as a library: the demo's items with their engagement over a period, sorted
// and searched, a selected item's detail, "used in" opening the sequence, and editing as before.
#include <catch_amalgamated.hpp>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>

#include <imgui.h>
#include <nlohmann/json.hpp>

#include "app_driver.hpp"
#include "core/demo/demo_practice.hpp"
#include "core/demo/demo_sequences.hpp"
#include "core/io/sequence_json.hpp"
#include "demo_fixture.hpp"
#include "fake_platform.hpp"
#include "web/ui/app.hpp"

namespace content_ui_test {

using namespace nurture;
using namespace nurture::test;  // the driver and the demo fixture

namespace {

// The demo practice with its sequence history and the playbooks, on Content.
struct ContentApp : test::DemoApp {
  ContentApp() : DemoApp(test::demo_with_playbooks(400, true), ui::Page::content) {}
  nlohmann::json library() { return state(app)["content"]["library"]; }
};

std::uint64_t total_views(const nlohmann::json& rows) {
  std::uint64_t n = 0;
  for (const auto& r : rows) n += r["views"].get<std::uint64_t>();
  return n;
}

}  // namespace

TEST_CASE("the content library: figures per period, sorting, search and detail", "[ui][content]") {
  ContentApp d;
  auto lib = d.library();
  REQUIRE(lib["rows"].size() == d.session.workspace().content.size());
  CHECK(lib["period"] == "90d");
  CHECK(lib["sort"] == "views");
  // Most viewed first.
  for (std::size_t i = 1; i < lib["rows"].size(); ++i)
    CHECK(lib["rows"][i - 1]["views"].get<std::uint64_t>() >= lib["rows"][i]["views"].get<std::uint64_t>());
  const std::uint64_t views_90 = total_views(lib["rows"]);
  CHECK(views_90 > 0);
  // Computed once per revision and period, not per frame.
  const auto computed = d.library()["computations"].get<std::uint64_t>();
  CHECK(computed >= 1);
  for (int i = 0; i < 5; ++i) run_frame(d.app);
  CHECK(d.library()["computations"] == computed);

  // A longer period counts more views; a shorter one fewer.
  click(d.app, "content.period.all");
  lib = d.library();
  CHECK(lib["period"] == "all");
  CHECK(lib["computations"] == computed + 1);
  CHECK(total_views(lib["rows"]) > views_90);
  click(d.app, "content.period.30d");
  CHECK(total_views(d.library()["rows"]) < views_90);

  // "Used in": the welcome sequence links patient stories.
  bool found = false;
  lib = d.library();
  for (const auto& r : lib["rows"]) {
    if (r["id"] == "patient-stories") {
      found = true;
      CHECK(std::find(r["used_in"].begin(), r["used_in"].end(), "welcome-inquiry") != r["used_in"].end());
    }
  }
  CHECK(found);

  // Sorting by title: ascending, A to Z.
  click(d.app, "content.sort.title");
  lib = d.library();
  CHECK(lib["sort"] == "title");
  CHECK(lib["ascending"] == true);
  const Workspace& ws = d.session.workspace();
  const auto title_of = [&](const nlohmann::json& row) {
    return find_item(ws.content, row["id"].get<std::string>())->title;
  };
  CHECK(title_of(lib["rows"][0]) <= title_of(lib["rows"][1]));

  // Search narrows the rows.
  click(d.app, "content.search");
  ImGui::GetIO().AddInputCharactersUTF8("botox");
  run_frame(d.app);
  run_frame(d.app);
  lib = d.library();
  CHECK(lib["search"] == "botox");
  REQUIRE(lib["rows"].size() >= 3);
  CHECK(lib["rows"].size() < ws.content.size());
  // Titles, addresses and treatment names match ("injectables-aftercare" is for Botox).
  const auto has = [&](const char* id) {
    return std::any_of(lib["rows"].begin(), lib["rows"].end(),
                       [&](const nlohmann::json& r) { return r["id"] == id; });
  };
  CHECK(has("botox-guide"));
  CHECK(has("injectables-aftercare"));
  CHECK_FALSE(has("florida-sun"));

  // Selecting a row shows its detail: five weekly bars for 30 days, views by stage.
  click(d.app, "content.row.botox-guide");
  lib = d.library();
  CHECK(lib["selected"] == "botox-guide");
  REQUIRE(lib.contains("detail"));
  CHECK(lib["detail"]["weekly_views"].size() == 5);
  CHECK(lib["detail"]["by_stage"].size() == 5);
  CHECK(state(d.app)["widgets"].contains("content.detail.sparkline"));
  CHECK(d.library()["computations"] == computed + 2);  // sorting, search and selection do not recompute
}

TEST_CASE("the content library: used-in opens the sequence, edit and delete still work", "[ui][content]") {
  ContentApp d;
  // Edit from the row: the form opens on that item.
  click(d.app, "content.edit.first-visit");
  auto s = state(d.app)["content"];
  CHECK(s["form_open"] == true);
  CHECK(s["form_id"] == "first-visit");
  click(d.app, "content.form.cancel");
  // Delete: the row leaves the library (and the figures are recomputed for the new revision).
  const auto before = d.library()["rows"].size();
  const auto computed = d.library()["computations"].get<std::uint64_t>();
  click(d.app, "content.delete.glow-club");
  CHECK(d.library()["rows"].size() == before - 1);
  CHECK(d.library()["computations"] == computed + 1);
  // "Used in" opens the sequence on the Sequences page.
  click(d.app, "content.used.first-visit.welcome-inquiry");
  s = state(d.app);
  CHECK(s["page"] == "sequences");
  CHECK(s["sequences"]["open"] == "welcome-inquiry");
}

}  // namespace content_ui_test
