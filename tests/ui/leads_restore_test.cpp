// The Leads page's Deleted view, driven headless like a user: select and delete two leads,
// switch to "Deleted (2)", restore one with its row's Restore, undo from the bar, restore both
// as a selection (one undo step), and open a deleted lead read-only with its Restore banner.
// Every step is checked against the store, not just the screen.
#include <catch_amalgamated.hpp>

#include <string>
#include <vector>

#include <imgui.h>
#include <nlohmann/json.hpp>

#include "app_driver.hpp"
#include "core/commands/command.hpp"
#include "fake_platform.hpp"
#include "web/ui/app.hpp"
#include "web/ui/lead_list.hpp"
#include "web/ui/test_seed.hpp"

namespace leads_restore_test {

using namespace nurture;
using test::click;
using test::ImGuiContextGuard;
using test::run_frame;
using test::state;

namespace {

bool is_live(const Session& session, LeadId id) { return session.workspace().leads.find(id).has_value(); }

// The ids of the first `n` rows the table shows, in order.
std::vector<LeadId> shown_ids(ui::App& app, const Session& session, std::size_t n) {
  std::vector<LeadId> ids;
  const auto& rows = app.leads().view().rows();
  for (std::size_t i = 0; i < n && i < rows.size(); ++i) ids.push_back(session.workspace().leads.id(rows[i]));
  return ids;
}

}  // namespace

TEST_CASE("deleted leads are listed apart, restored one by one or together, and undo works", "[ui][leads]") {
  ImGuiContextGuard guard;
  Session session;
  test::FakePlatform platform;
  ui::App app(session, platform);
  app.navigate(ui::Page::leads);
  REQUIRE(ui::seed_leads(session, platform, 12));
  run_frame(app);
  run_frame(app);
  auto s = state(app);
  CHECK(s["leads"]["deleted"] == 0);
  CHECK_FALSE(s["widgets"].contains("leads.filter.deleted"));  // nothing to restore: no chip

  // Delete the first two rows: click, Ctrl+click, Delete…, confirm.
  const std::vector<LeadId> doomed = shown_ids(app, session, 2);
  REQUIRE(doomed.size() == 2);
  click(app, "leads.row.0");
  click(app, "leads.row.1", true);
  REQUIRE(state(app)["leads"]["selected"] == 2);
  click(app, "leads.bulk.delete");
  click(app, "bulk.confirm");
  CHECK(session.workspace().leads.size() == 10);
  CHECK_FALSE(is_live(session, doomed[0]));
  CHECK_FALSE(is_live(session, doomed[1]));
  s = state(app);
  CHECK(s["leads"]["live"] == 10);
  CHECK(s["leads"]["shown"] == 10);  // the live table leaves them out
  CHECK(s["leads"]["deleted"] == 2);
  CHECK(s["leads"]["message"].get<std::string>().starts_with("Deleted 2 leads"));

  // Search does not find a deleted lead outside the Deleted view.
  ui::LeadListView probe;
  ui::LeadFilter by_email;
  by_email.search =
      std::string(session.workspace().leads.email(*session.workspace().leads.find_any(doomed[0])));
  REQUIRE_FALSE(by_email.search.empty());
  probe.update(session.workspace(), by_email, {});
  CHECK(probe.rows().empty());
  by_email.deleted = true;
  probe.update(session.workspace(), by_email, {});
  CHECK(probe.rows().size() == 1);

  // The Deleted view lists exactly the two deleted leads.
  click(app, "leads.filter.deleted");
  s = state(app);
  REQUIRE(s["leads"]["deleted_view"] == true);
  REQUIRE(s["leads"]["shown"] == 2);
  const std::vector<LeadId> listed = shown_ids(app, session, 2);
  CHECK(((listed[0] == doomed[0] && listed[1] == doomed[1]) ||
         (listed[0] == doomed[1] && listed[1] == doomed[0])));
  CHECK(s["widgets"].contains("leads.restore.0"));
  CHECK(s["widgets"].contains("leads.restore.1"));

  // Restore the first with its row's Restore: it is live again, the other is not.
  const auto revision = session.revision();
  click(app, "leads.restore.0");
  CHECK(is_live(session, listed[0]));
  CHECK_FALSE(is_live(session, listed[1]));
  CHECK(session.workspace().leads.size() == 11);
  CHECK(session.revision() == revision + 1);
  s = state(app);
  CHECK(s["leads"]["shown"] == 1);
  CHECK(s["leads"]["deleted"] == 1);
  CHECK(s["leads"]["message"].get<std::string>().starts_with("Restored "));

  // Undo in the bar deletes it again.
  REQUIRE(s["widgets"].contains("leads.undo"));
  click(app, "leads.undo");
  CHECK_FALSE(is_live(session, listed[0]));
  CHECK_FALSE(is_live(session, listed[1]));
  CHECK(session.workspace().leads.size() == 10);
  s = state(app);
  CHECK(s["leads"]["shown"] == 2);
  CHECK_FALSE(s["widgets"].contains("leads.undo"));

  // Both as a selection: one batch, one revision, one undo step.
  click(app, "leads.select_all");
  REQUIRE(state(app)["leads"]["selected"] == 2);
  const auto before_bulk = session.revision();
  click(app, "leads.bulk.restore");
  CHECK(session.workspace().leads.size() == 12);
  CHECK(session.revision() == before_bulk + 1);
  s = state(app);
  CHECK(s["leads"]["message"].get<std::string>().starts_with("Restored 2 leads"));
  // Nothing left to restore: the view teaches instead of showing an empty table.
  CHECK(s["widgets"].contains("leads.deleted.back"));
  REQUIRE(session.undo());
  CHECK(session.workspace().leads.size() == 10);
  CHECK_FALSE(is_live(session, doomed[0]));
  CHECK_FALSE(is_live(session, doomed[1]));
  run_frame(app);
  run_frame(app);

  // A deleted lead opens read-only with the banner and its own Restore.
  app.leads().open_lead(session.workspace(), doomed[1]);
  run_frame(app);
  run_frame(app);
  s = state(app);
  REQUIRE(s["leads"]["open"] == to_string(doomed[1]));
  CHECK(s["leads"]["open_deleted"] == true);
  CHECK(s["widgets"].contains("lead.deleted_banner"));
  CHECK_FALSE(s["widgets"].contains("lead.delete"));
  click(app, "lead.restore");
  CHECK(is_live(session, doomed[1]));
  s = state(app);
  CHECK(s["leads"]["open_deleted"] == false);
  CHECK(s["leads"]["lead_result"] == "Lead restored. Ctrl+Z deletes it again.");
  CHECK(s["widgets"].contains("lead.delete"));
}

TEST_CASE("with every lead deleted the empty Leads page still leads to the Deleted view", "[ui][leads]") {
  ImGuiContextGuard guard;
  Session session;
  test::FakePlatform platform;
  ui::App app(session, platform);
  app.navigate(ui::Page::leads);
  REQUIRE(ui::seed_leads(session, platform, 3));
  LeadBatch all;
  session.workspace().leads.for_each_live([&](std::uint32_t row) {
    all.commands.emplace_back(DeleteLead{session.workspace().leads.id(row), platform.now});
  });
  REQUIRE(session.execute(all).ok);
  run_frame(app);
  run_frame(app);
  auto s = state(app);
  CHECK(s["widgets"].contains("leads.add_first"));  // the "No leads yet" state
  click(app, "leads.filter.deleted");
  s = state(app);
  CHECK(s["leads"]["deleted_view"] == true);
  CHECK(s["leads"]["shown"] == 3);
}

}  // namespace leads_restore_test
