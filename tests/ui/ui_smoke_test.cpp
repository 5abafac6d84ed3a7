// Draws the whole interface headless with ImGui's null backend (no window, no GPU): every page,
// both themes, several scales and every storage state. Catches ImGui assertion failures
// (mismatched Begin/End, ID conflicts, unbalanced style stacks) and crashes without a browser.
#include <catch_amalgamated.hpp>

#include <imgui.h>
#include <nlohmann/json.hpp>

#include "app_driver.hpp"
#include "core/commands/command.hpp"
#include "core/io/workspace_json.hpp"
#include "fake_platform.hpp"
#include "web/ui/app.hpp"
#include "web/ui/lead_list.hpp"
#include "web/ui/test_seed.hpp"

namespace ui_smoke_test {

using namespace nurture;
using test::click;
using test::ImGuiContextGuard;
using test::run_frame;
using test::state;

namespace {

/// Draws every page a few frames each.
void draw_all_pages(ui::App& app, float dpr = 1.0F) {
  for (const ui::Page page : ui::k_pages) {
    app.navigate(page);
    for (int i = 0; i < 2; ++i) run_frame(app, dpr);
    REQUIRE(app.page() == page);
    REQUIRE(ImGui::GetDrawData()->TotalVtxCount > 0);
  }
}

}  // namespace

TEST_CASE("the interface draws a frame headless", "[ui]") {
  ImGuiContextGuard guard;
  Session session;
  test::FakePlatform platform;
  ui::App app(session, platform);
  for (int i = 0; i < 3; ++i) run_frame(app);
  CHECK(ImGui::GetDrawData()->TotalVtxCount > 0);
  const auto s = state(app);
  CHECK(s["page"] == "today");
  CHECK(s["theme"] == "light");
  CHECK(s["widgets"].contains("nav.settings"));
  CHECK(s["widgets"].contains("status.save"));
  CHECK(s["status_text"] == "All changes saved");
}

TEST_CASE("every page draws in both themes at several scales and pixel ratios", "[ui]") {
  ImGuiContextGuard guard;
  Session session;
  test::FakePlatform platform;
  ui::App app(session, platform);
  for (const ThemeChoice theme : {ThemeChoice::light, ThemeChoice::dark, ThemeChoice::system}) {
    for (const float scale : {0.75F, 1.0F, 1.5F, 2.0F}) {
      Preferences prefs;
      prefs.theme = theme;
      prefs.ui_scale = scale;
      app.set_preferences(prefs);
      draw_all_pages(app, scale == 2.0F ? 3.0F : scale == 1.5F ? 2.0F : 1.0F);
      CHECK(state(app)["theme"] == (theme == ThemeChoice::dark ? "dark" : "light"));
    }
  }
  platform.dark = true;
  Preferences system;
  app.set_preferences(system);
  run_frame(app);
  CHECK(state(app)["theme"] == "dark");
}

TEST_CASE("storage states, banners and a filled practice draw", "[ui]") {
  ImGuiContextGuard guard;
  Workspace ws;
  ws.practice.name = "Harbor Aesthetics — Zoë Ångström-Łukasiewicz";
  ws.practice.street = "1 Ocean Drive";
  ws.practice.city = "Miami";
  ws.practice.zip = "33139";
  Session session(ws);
  test::FakePlatform platform;
  platform.status.backups = {"2026-11-26", "2026-11-25"};
  platform.status.recovery_warning = "The last save was damaged; Nurture opened the copy from 10:40.";
  platform.status.private_mode = true;
  ui::App app(session, platform);
  using Mode = ui::StorageStatus::Mode;
  for (const Mode mode : {Mode::loading, Mode::ready, Mode::read_only, Mode::unavailable, Mode::locked}) {
    platform.status.mode = mode;
    for (const SaveState save :
         {SaveState::saved, SaveState::pending, SaveState::saving, SaveState::failed}) {
      platform.status.save_state = save;
      platform.status.error = save == SaveState::failed ? "the browser refused the write" : "";
      platform.status.last_saved_at = platform.now - 60000;
      draw_all_pages(app);
    }
  }
  platform.status.mode = Mode::ready;
  platform.status.quota_exceeded = true;
  draw_all_pages(app);
  CHECK(state(app)["status_text"] == "Storage full — export your data");
  // A narrow window must not trip any assertion either.
  ImGui::GetIO().DisplaySize = ImVec2(360, 480);
  draw_all_pages(app);
}

TEST_CASE("status text follows the save state", "[ui]") {
  ui::StorageStatus st;
  st.mode = ui::StorageStatus::Mode::ready;
  st.last_saved_at = 1795768925000;  // 08:42:05 UTC
  CHECK(ui::save_status_text(st, -300) == "Saved 03:42");
  st.save_state = SaveState::saving;
  CHECK(ui::save_status_text(st, 0) == "Saving…");
  st.save_state = SaveState::pending;
  CHECK(ui::save_status_text(st, 0) == "Unsaved changes");
  st.save_state = SaveState::failed;
  st.error = "disk error";
  CHECK(ui::save_status_text(st, 0) == "Not saved — disk error");
  st.mode = ui::StorageStatus::Mode::loading;
  CHECK(ui::save_status_text(st, 0) == "Loading…");
}

TEST_CASE("first run offers the demo; it loads, Settings and Content show it, Ctrl+Z undoes it", "[ui]") {
  ImGuiContextGuard guard;
  Session session(11);
  test::FakePlatform platform;
  ui::App app(session, platform);
  for (int i = 0; i < 3; ++i) run_frame(app);
  auto s = state(app);
  CHECK(s["welcome"] == true);
  CHECK(s["widgets"].contains("welcome.demo"));
  CHECK(s["widgets"].contains("welcome.empty"));
  CHECK(s["workspace"]["empty"] == true);

  click(app, "welcome.demo");
  s = state(app);
  CHECK(s["welcome"] == false);
  CHECK(session.workspace().leads.size() == 2000);
  CHECK(s["workspace"]["demo"] == true);
  CHECK(s["notice"] == "Demo practice loaded. Undo with Ctrl+Z");
  CHECK(platform.saved_prefs.welcome_done);
  CHECK(s["widgets"].contains("banner.demo"));
  // The history ends at the platform's clock and is stamped by this session's device.
  CHECK(session.workspace().treatments[0].stamp.device == 11);
  CHECK(session.workspace().treatments[0].stamp.millis == platform.now);

  for (const bool dark : {false, true}) {
    Preferences prefs;
    prefs.theme = dark ? ThemeChoice::dark : ThemeChoice::light;
    prefs.welcome_done = true;
    app.set_preferences(prefs);
    app.navigate(ui::Page::settings);
    for (int i = 0; i < 3; ++i) run_frame(app);
    s = state(app);
    CHECK(s["widgets"].contains("settings.treatments.row.botox"));
    CHECK(s["widgets"].contains("settings.sources.row.google-ads"));
    CHECK(s["widgets"].contains("settings.hours.mon.open"));
    CHECK(s["widgets"].contains("settings.demo.load"));
    app.navigate(ui::Page::content);
    for (int i = 0; i < 3; ++i) run_frame(app);
    CHECK(state(app)["widgets"].contains("content.table"));
  }

  // Ctrl+Z restores the empty workspace the demo replaced.
  ImGuiIO& io = ImGui::GetIO();
  io.AddKeyEvent(ImGuiMod_Ctrl, true);
  io.AddKeyEvent(ImGuiKey_Z, true);
  run_frame(app);
  io.AddKeyEvent(ImGuiKey_Z, false);
  io.AddKeyEvent(ImGuiMod_Ctrl, false);
  run_frame(app);
  CHECK(session.workspace().is_empty());
  CHECK(state(app)["notice"] == "Undone");
  // The choice was made: the dialog does not come back although the workspace is empty again.
  for (int i = 0; i < 3; ++i) run_frame(app);
  CHECK(state(app)["welcome"] == false);
}

TEST_CASE("starting empty is remembered and the dialog closes", "[ui]") {
  ImGuiContextGuard guard;
  Session session;
  test::FakePlatform platform;
  ui::App app(session, platform);
  for (int i = 0; i < 3; ++i) run_frame(app);
  click(app, "welcome.empty");
  CHECK(state(app)["welcome"] == false);
  CHECK(session.workspace().is_empty());
  CHECK(platform.saved_prefs.welcome_done);
}

TEST_CASE("Settings' Export now writes the workspace through the export job on Import / Export", "[ui][io]") {
  ImGuiContextGuard guard;
  Session session;
  test::FakePlatform platform;
  REQUIRE(ui::seed_leads(session, platform, 25));
  ImGui::GetIO().DisplaySize = ImVec2(1280, 4000);  // the Settings page without scrolling
  ui::App app(session, platform);
  app.dismiss_welcome();
  app.navigate(ui::Page::settings);
  for (int i = 0; i < 3; ++i) run_frame(app);
  click(app, "settings.export");
  for (int i = 0; i < 20 && state(app)["export"]["step"] != "done"; ++i) run_frame(app);
  CHECK(app.page() == ui::Page::import_export);  // where the progress and Cancel are
  CHECK(state(app)["export"]["step"] == "done");
  REQUIRE(platform.downloads.size() == 1);
  CHECK(platform.download_bytes[0] == workspace_to_json(session.workspace()));
  // The request is used once: later frames write nothing more.
  for (int i = 0; i < 5; ++i) run_frame(app);
  CHECK(platform.downloads.size() == 1);
}

TEST_CASE("a read-only tab never offers the demo: it cannot act on the answer", "[ui]") {
  ImGuiContextGuard guard;
  Session other;
  test::FakePlatform reader;
  reader.status.mode = ui::StorageStatus::Mode::read_only;
  ui::App app2(other, reader);
  for (int i = 0; i < 3; ++i) run_frame(app2);
  CHECK(state(app2)["welcome"] == false);
}

TEST_CASE("catalog forms parse money and make ids from names", "[ui]") {
  CHECK(ui::slug_for("Botox & Dysport") == "botox-dysport");
  CHECK(ui::slug_for("  Zoë's Peel ") == "zo-s-peel");
  CHECK(ui::slug_for("€€") == "item");
  CHECK(ui::parse_dollars("$1,250.50") == 125050);
  CHECK(ui::parse_dollars("450") == 45000);
  CHECK(ui::parse_dollars("0.5") == 50);
  CHECK(ui::parse_dollars("") == 0);
  CHECK_FALSE(ui::parse_dollars("12.345").has_value());
  CHECK_FALSE(ui::parse_dollars("ten").has_value());
  CHECK(ui::format_dollars(125050) == "1,250.50");
  CHECK(ui::format_dollars(45000) == "450");
  CHECK(ui::format_dollars(100000000) == "1,000,000");
  CHECK(ui::format_dollars(105) == "1.05");
}

TEST_CASE("the Leads page draws empty, with 100,000 leads, a lead open and the add form", "[ui][leads]") {
  ImGuiContextGuard guard;
  Session session;
  test::FakePlatform platform;
  ui::App app(session, platform);
  app.navigate(ui::Page::leads);
  run_frame(app);
  run_frame(app);
  auto s = state(app);
  CHECK(s["widgets"].contains("leads.add_first"));
  CHECK(s["widgets"].contains("leads.search"));
  CHECK(s["leads"]["live"] == 0);

  REQUIRE(ui::seed_leads(session, platform, 100000));
  REQUIRE(session.workspace().leads.size() == 100000);
  run_frame(app);
  run_frame(app);
  s = state(app);
  CHECK(s["leads"]["live"] == 100000);
  CHECK(s["leads"]["shown"] == 100000);
  CHECK(s["widgets"].contains("leads.row.0"));
  CHECK(s["widgets"].contains("leads.sort.name"));
  CHECK_FALSE(s["widgets"].contains("leads.row.49"));  // only the visible rows are drawn
  // Frames without changes reuse the cached view: no rebuild per frame.
  const auto rebuilds = app.leads().view().rebuilds();
  for (int i = 0; i < 5; ++i) run_frame(app);
  CHECK(app.leads().view().rebuilds() == rebuilds);
  // Newest first by default.
  const auto& rows = app.leads().view().rows();
  const auto& leads = session.workspace().leads;
  for (std::size_t i = 1; i < 1000; ++i) CHECK(leads.created_at(rows[i - 1]) >= leads.created_at(rows[i]));

  // A lead open, in both themes.
  const LeadId first = leads.id(rows[0]);
  app.leads().open_lead(session.workspace(), first);
  for (const ThemeChoice theme : {ThemeChoice::light, ThemeChoice::dark}) {
    Preferences prefs;
    prefs.theme = theme;
    prefs.page = "leads";
    app.set_preferences(prefs);
    run_frame(app);
    run_frame(app);
    s = state(app);
    CHECK(s["leads"]["open"] == to_string(first));
    CHECK(s["widgets"].contains("lead.save"));
    CHECK(s["widgets"].contains("lead.email"));
    CHECK(s["widgets"].contains("lead.stage"));
    CHECK(s["widgets"].contains("lead.consent.email.marketing"));
  }
  // The add form over the page.
  app.leads().open_add_form();
  run_frame(app);
  run_frame(app);
  s = state(app);
  CHECK(s["leads"]["add_open"] == true);
  CHECK(s["widgets"].contains("add.first_name"));
  CHECK(s["widgets"].contains("add.save"));
}

TEST_CASE("lead search folds case and accents and matches phone digits", "[ui][leads]") {
  CHECK(ui::fold_text("Zoë Ångström-Łukasiewicz Straße") == "zoe angstrom-lukasiewicz strasse");
  CHECK(ui::digits_of("+1 (305) 555-0142") == "13055550142");
  Session session;
  test::FakePlatform platform;
  REQUIRE(ui::seed_leads(session, platform, 40));
  ui::LeadListView view;
  ui::LeadFilter filter;
  filter.search = "ANGSTROM";
  view.update(session.workspace(), filter, {});
  const auto& leads = session.workspace().leads;
  // Naive oracle: every lead whose last name is Ångström, and nothing else.
  std::size_t expected = 0;
  leads.for_each_live([&](std::uint32_t r) { expected += leads.last_name(r) == "Ångström" ? 1 : 0; });
  REQUIRE(expected > 0);
  CHECK(view.rows().size() == expected);
  for (const auto r : view.rows()) CHECK(leads.last_name(r) == "Ångström");
  filter.search = "555 0007";
  view.update(session.workspace(), filter, {});
  REQUIRE(view.rows().size() == 1);
  CHECK(leads.phone(view.rows()[0]) == "+13055550007");
  filter.search.clear();
  filter.stage = Stage::patient;
  filter.tag = "vip";
  view.update(session.workspace(), filter, {ui::LeadColumn::name, true});
  std::size_t oracle = 0;
  leads.for_each_live([&](std::uint32_t r) {
    const Lead l = leads.get(r);
    oracle +=
        l.stage == Stage::patient && std::find(l.tags.begin(), l.tags.end(), "vip") != l.tags.end() ? 1 : 0;
  });
  CHECK(view.rows().size() == oracle);
  const auto rebuilds = view.rebuilds();
  CHECK_FALSE(view.update(session.workspace(), filter, {ui::LeadColumn::name, true}));
  CHECK(view.rebuilds() == rebuilds);
}

TEST_CASE("clicking a column header sorts the Leads table", "[ui][leads]") {
  ImGuiContextGuard guard;
  Session session;
  test::FakePlatform platform;
  ui::App app(session, platform);
  app.navigate(ui::Page::leads);
  REQUIRE(ui::seed_leads(session, platform, 50));
  run_frame(app);
  run_frame(app);
  const auto before = app.leads().view().rebuilds();
  click(app, "leads.sort.name");
  CHECK(app.leads().view().rebuilds() > before);
  const auto& rows = app.leads().view().rows();
  const auto& leads = session.workspace().leads;
  for (std::size_t i = 1; i < rows.size(); ++i) {
    CHECK(ui::fold_text(ui::display_name(leads, rows[i - 1])) <=
          ui::fold_text(ui::display_name(leads, rows[i])));
  }
}

TEST_CASE("a double-click on a row opens that lead, even when the pointer arrives with the press",
          "[ui][leads]") {
  ImGuiContextGuard guard;
  Session session;
  test::FakePlatform platform;
  ui::App app(session, platform);
  app.navigate(ui::Page::leads);
  REQUIRE(ui::seed_leads(session, platform, 30));
  run_frame(app);
  run_frame(app);
  const auto r = state(app)["widgets"]["leads.row.2"];
  const float x = r[0].get<float>() + r[2].get<float>() * 0.5F;
  const float y = r[1].get<float>() + r[3].get<float>() * 0.5F;
  const std::uint32_t row = app.leads().view().rows()[2];
  const std::string expected = to_string(session.workspace().leads.id(row));
  // A tap-like double-click: the pointer moves and presses in one frame; ImGui's input queue
  // spreads the four button changes over four frames.
  ImGuiIO& io = ImGui::GetIO();
  io.AddMousePosEvent(x, y);
  io.AddMouseButtonEvent(0, true);
  io.AddMouseButtonEvent(0, false);
  io.AddMouseButtonEvent(0, true);
  io.AddMouseButtonEvent(0, false);
  for (int i = 0; i < 6; ++i) run_frame(app);
  CHECK(state(app)["leads"]["open"] == expected);
}

TEST_CASE("the lead view keeps Save in the window at 1280x800 while the cards scroll", "[ui][leads]") {
  ImGuiContextGuard guard;
  Session session;
  test::FakePlatform platform;
  ui::App app(session, platform);
  app.navigate(ui::Page::leads);
  REQUIRE(ui::seed_leads(session, platform, 10));
  run_frame(app);
  app.leads().open_lead(session.workspace(), session.workspace().leads.id(0));
  for (int i = 0; i < 3; ++i) run_frame(app);
  const auto save = state(app)["widgets"]["lead.save"];
  REQUIRE(save.is_array());
  CHECK(save[1].get<float>() >= 0.0F);
  CHECK(save[1].get<float>() + save[3].get<float>() <= 800.0F);
  // The notes field is further down than the window is tall: the cards scroll, the bar not.
  const auto body = state(app)["widgets"]["lead.body"];
  ImGuiIO& io = ImGui::GetIO();
  io.AddMousePosEvent(body[0].get<float>() + 40, body[1].get<float>() + 40);
  run_frame(app);
  for (int i = 0; i < 10; ++i) {
    io.AddMouseWheelEvent(0, -5);
    run_frame(app);
  }
  run_frame(app);
  const auto after = state(app)["widgets"]["lead.save"];
  CHECK(after == save);
}

TEST_CASE("web addresses of content items are checked", "[ui]") {
  CHECK(ui::web_address_problem("").empty());
  CHECK(ui::web_address_problem("https://yourpractice.com/botox").empty());
  CHECK(ui::web_address_problem("http://localhost:8080/x").empty());
  CHECK(ui::web_address_problem("https://a.b").empty());
  CHECK_FALSE(ui::web_address_problem("yourpractice.com/botox").empty());
  CHECK_FALSE(ui::web_address_problem("ftp://yourpractice.com").empty());
  CHECK_FALSE(ui::web_address_problem("https://yourpractice").empty());
  CHECK_FALSE(ui::web_address_problem("https://.com").empty());
  CHECK_FALSE(ui::web_address_problem("https://example.com/a b").empty());
  CHECK_FALSE(ui::web_address_problem("https://").empty());
  std::vector<Treatment> items(2);
  items[0].id = "botox";
  items[1].id = "botox-2";
  CHECK(ui::new_catalog_id(items, "Botox") == "botox-3");
  items[0].deleted = true;
  CHECK(ui::new_catalog_id(items, "Botox") == "botox");
}

TEST_CASE("the Content page adds, edits and deletes items with undo", "[ui][content]") {
  ImGuiContextGuard guard;
  Session session;
  test::FakePlatform platform;
  ui::App app(session, platform);
  app.dismiss_welcome();
  app.navigate(ui::Page::content);
  for (int i = 0; i < 3; ++i) run_frame(app);
  CHECK(state(app)["widgets"].contains("content.add_first"));
  click(app, "content.add_first");
  auto s = state(app);
  REQUIRE(s["content"]["form_open"] == true);
  // Saving an empty form: the title is required, nothing is stored.
  const auto revision = session.revision();
  click(app, "content.form.save");
  s = state(app);
  CHECK(s["content"]["errors"]["title"] == "is required");
  CHECK(session.revision() == revision);
  CHECK(session.workspace().content.empty());

  // An item put through the command shows in the list with its Edit and Delete buttons.
  ContentItem item;
  item.id = "peel-faq";
  item.title = "Chemical peel FAQ";
  item.kind = ContentKind::faq;
  item.url = "https://yourpractice.com/peel-faq";
  REQUIRE(session.execute(PutContentItem{item, platform.now}).ok);
  // With an item the page takes the wide column: a frame lays it out before the next click.
  run_frame(app);
  click(app, "content.form.cancel");
  for (int i = 0; i < 2; ++i) run_frame(app);
  s = state(app);
  CHECK(s["content"]["form_open"] == false);
  REQUIRE(s["widgets"].contains("content.row.peel-faq"));
  click(app, "content.edit.peel-faq");
  s = state(app);
  CHECK(s["content"]["form_open"] == true);
  CHECK(s["content"]["form_id"] == "peel-faq");
  click(app, "content.form.save");  // unchanged values save as they are
  CHECK(session.workspace().content.at(0).title == "Chemical peel FAQ");
  CHECK(session.workspace().content.at(0).kind == ContentKind::faq);

  click(app, "content.delete.peel-faq");
  CHECK(find_item(session.workspace().content, "peel-faq") == nullptr);
  s = state(app);
  CHECK(s["content"]["items"].empty());
  REQUIRE(s["widgets"].contains("content.undo"));
  click(app, "content.undo");
  CHECK(find_item(session.workspace().content, "peel-faq") != nullptr);
  CHECK_FALSE(state(app)["widgets"].contains("content.undo"));

  for (const ThemeChoice theme : {ThemeChoice::light, ThemeChoice::dark}) {
    Preferences prefs;
    prefs.theme = theme;
    prefs.page = "content";
    prefs.welcome_done = true;
    app.set_preferences(prefs);
    app.content().open_add_form();
    for (int i = 0; i < 2; ++i) run_frame(app);
    CHECK(state(app)["widgets"].contains("content.form.kind"));
    CHECK(state(app)["widgets"].contains("content.table"));
  }
}

}  // namespace ui_smoke_test
