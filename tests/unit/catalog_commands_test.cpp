#include <catch_amalgamated.hpp>

#include "core/commands/command.hpp"
#include "core/session.hpp"

namespace catalog_commands_test {

using namespace nurture;

namespace {

constexpr UnixMillis k_now = 1795768925000;  // 2026-11-27T08:42:05Z

Treatment botox() {
  Treatment t;
  t.id = "botox";
  t.name = "Botox";
  t.category = "injectables";
  t.retreatment_days = 90;
  t.price_cents = 45000;
  return t;
}

}  // namespace

TEST_CASE("PutTreatment adds, replaces by id and stamps the item") {
  Session session(7);
  REQUIRE(session.execute(PutTreatment{botox(), k_now}).ok);
  const auto& ws = session.workspace();
  REQUIRE(ws.treatments.size() == 1);
  CHECK(ws.treatments[0].stamp.millis == k_now);
  CHECK(ws.treatments[0].stamp.device == 7);
  CHECK(ws.revision == 1);

  Treatment changed = botox();
  changed.price_cents = 50000;
  const auto r = session.execute(PutTreatment{changed, k_now + 1000});
  CHECK(r.ok);
  CHECK(r.message == "Treatment saved");
  REQUIRE(ws.treatments.size() == 1);  // replaced, not duplicated
  CHECK(ws.treatments[0].price_cents == 50000);
  CHECK(ws.treatments[0].stamp.millis == k_now + 1000);

  // The same values again change nothing: no stamp, no revision, no undo point.
  const auto rev = ws.revision;
  CHECK(session.execute(PutTreatment{changed, k_now + 2000}).message == "Nothing changed");
  CHECK(ws.revision == rev);
  CHECK(ws.treatments[0].stamp.millis == k_now + 1000);
}

TEST_CASE("catalog puts are validated and refused whole") {
  Session session;
  Treatment bad = botox();
  bad.id = "Botox!";
  bad.name = " ";
  const auto r = session.execute(PutTreatment{bad, k_now});
  CHECK_FALSE(r.ok);
  REQUIRE(r.field_errors.size() == 2);
  CHECK(r.field_errors[0].field == "id");
  CHECK(r.field_errors[1].field == "name");
  CHECK(session.workspace().treatments.empty());
  CHECK(session.workspace().revision == 0);

  LeadSource src{"facebook", "Facebook lead ads", SourceKind::paid, -1, {}, false};
  const auto rs = session.execute(PutLeadSource{src, k_now});
  CHECK_FALSE(rs.ok);
  CHECK(rs.field_errors.at(0).field == "monthly_cost_cents");
  src.kind = static_cast<SourceKind>(99);
  src.monthly_cost_cents = 0;
  CHECK(session.execute(PutLeadSource{src, k_now}).field_errors.at(0).field == "kind");

  // Content must point at a live treatment.
  ContentItem c;
  c.id = "botox-faq";
  c.title = "Botox FAQ";
  c.treatment = "botox";
  const auto rc = session.execute(PutContentItem{c, k_now});
  CHECK_FALSE(rc.ok);
  CHECK(rc.field_errors.at(0).field == "treatment");
  REQUIRE(session.execute(PutTreatment{botox(), k_now}).ok);
  CHECK(session.execute(PutContentItem{c, k_now}).ok);
  c.stage = static_cast<Stage>(9);
  CHECK(session.execute(PutContentItem{c, k_now}).field_errors.at(0).field == "stage");
}

TEST_CASE("DeleteCatalogItem leaves a stamped tombstone; putting the id again revives it") {
  Session session(3);
  REQUIRE(session.execute(PutTreatment{botox(), k_now}).ok);
  REQUIRE(session.execute(DeleteCatalogItem{CatalogKind::treatment, "botox", k_now + 10}).ok);
  const auto& ws = session.workspace();
  REQUIRE(ws.treatments.size() == 1);
  CHECK(ws.treatments[0].deleted);
  CHECK(ws.treatments[0].stamp.millis == k_now + 10);
  CHECK(find_item(ws.treatments, "botox") == nullptr);

  // Deleting again, or something that never existed, is an error with the id field.
  const auto again = session.execute(DeleteCatalogItem{CatalogKind::treatment, "botox", k_now + 20});
  CHECK_FALSE(again.ok);
  CHECK(again.field_errors.at(0).field == "id");
  CHECK_FALSE(session.execute(DeleteCatalogItem{CatalogKind::source, "nope", k_now}).ok);

  const auto r = session.execute(PutTreatment{botox(), k_now + 30});
  CHECK(r.message == "Treatment restored");
  REQUIRE(ws.treatments.size() == 1);
  CHECK_FALSE(ws.treatments[0].deleted);
  CHECK(ws.treatments[0].stamp.millis == k_now + 30);
}

TEST_CASE("catalog commands undo to the exact previous state") {
  Session session(5);
  const LeadSource google{"google-ads", "Google Ads", SourceKind::paid, 120000, {}, false};
  REQUIRE(session.execute(PutLeadSource{google, k_now}).ok);
  const Workspace after_add = session.workspace();

  LeadSource cheaper = google;
  cheaper.monthly_cost_cents = 90000;
  REQUIRE(session.execute(PutLeadSource{cheaper, k_now + 5}).ok);
  REQUIRE(session.execute(DeleteCatalogItem{CatalogKind::source, "google-ads", k_now + 6}).ok);
  CHECK(session.workspace().sources[0].deleted);

  REQUIRE(session.undo());  // the deletion
  CHECK_FALSE(session.workspace().sources[0].deleted);
  CHECK(session.workspace().sources[0].monthly_cost_cents == 90000);
  REQUIRE(session.undo());  // the edit: the old value and its old stamp
  auto expected = after_add.sources;
  CHECK(session.workspace().sources == expected);
  REQUIRE(session.undo());  // the add
  CHECK(session.workspace().sources.empty());
}

TEST_CASE("catalog kinds have nouns for messages") {
  CHECK(catalog_noun(CatalogKind::treatment) == "treatment");
  CHECK(catalog_noun(CatalogKind::source) == "lead source");
  CHECK(catalog_noun(CatalogKind::content) == "content item");
  Session session;
  ContentItem c;
  c.id = "welcome";
  c.title = "Welcome to the practice";
  const auto r = session.execute(PutContentItem{c, k_now});
  CHECK(r.message == "Content item added");
}

}  // namespace catalog_commands_test
