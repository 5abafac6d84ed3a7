// The lead view's Consent history card, driven headless: consent granted in the lead view shows
// up in the card as a ledger entry, an undo adds a compensating entry rather than removing one,
// and "Export ledger" downloads an export that verifies.
#include <catch_amalgamated.hpp>

#include <imgui.h>
#include <nlohmann/json.hpp>

#include "app_driver.hpp"
#include "core/io/ledger_json.hpp"
#include "fake_platform.hpp"
#include "web/ui/app.hpp"

namespace consent_history_ui_test {

using namespace nurture;
using test::click;
using test::run_frame;
using test::state;

namespace {

Workspace one_lead(std::int64_t now) {
  Workspace ws;
  ws.practice.name = "Ledger Clinic";
  Lead l;
  l.id = LeadId{0xc1};
  l.first_name = "Cora";
  l.email = "cora@example.com";
  l.created_at = now - 86'400'000;
  l.stage_history = {{Stage::awareness, l.created_at}};
  ws.leads.append_row(l, Stamp{l.created_at, 0, 1});
  return ws;
}

}  // namespace

TEST_CASE("a consent change in the lead view shows in the Consent history card", "[ui][ledger]") {
  test::TestApp t(one_lead(test::k_fake_now),
                  {.page = std::nullopt, .size = ImVec2(1440, 3000), .frames = 0, .dismiss_welcome = false});
  auto& app = t.app;
  auto& platform = t.platform;
  auto& session = t.session;
  app.leads().open_lead(session.workspace(), LeadId{0xc1});
  app.navigate(ui::Page::leads);
  run_frame(app);
  run_frame(app);
  auto s = state(app);
  REQUIRE(s["widgets"].contains("lead.consent_history"));
  CHECK_FALSE(s["widgets"].contains("lead.consent_history.0.granted"));

  // Grant email marketing through the consent dialog (its method is filled in).
  click(app, "lead.consent.email.marketing");
  click(app, "consent.confirm");
  run_frame(app);
  REQUIRE(session.workspace().ledger.size() == 1);
  s = state(app);
  CHECK(s["widgets"].contains("lead.consent_history.0.granted"));
  CHECK(s["widgets"].contains("lead.consent_history.intact"));

  // Undo appends a withdrawal; the grant stays in the history.
  REQUIRE(session.undo(platform.now + 1000));
  run_frame(app);
  run_frame(app);
  s = state(app);
  CHECK(s["widgets"].contains("lead.consent_history.0.granted"));
  CHECK(s["widgets"].contains("lead.consent_history.1.withdrawn"));

  click(app, "lead.consent_history.export");
  REQUIRE(platform.downloads.size() == 1);
  CHECK(platform.downloads[0].find("consent-ledger-L00000000000000c1") != std::string::npos);
  const auto verdict = verify_ledger_export(platform.download_bytes[0]);
  REQUIRE(verdict.ok());
  CHECK(verdict.value().ok);
  CHECK(verdict.value().entries == 2);
}

}  // namespace consent_history_ui_test
