// The ad-spend table (issue 6, ROI): the model, SetAdSpend with its undo, the workspace file,
// the binary image and merging.

#include <catch_amalgamated.hpp>

#include <string>

#include "core/commands/command.hpp"
#include "core/io/workspace_json.hpp"
#include "core/session.hpp"
#include "core/storage/workspace_image.hpp"
#include "core/sync/merge.hpp"

namespace ad_spend_test {

using namespace nurture;

namespace {

constexpr UnixMillis k_now = 1795768925000;  // 2026-11-27T08:42:05Z

LeadSource source(const std::string& id, std::int64_t monthly = 0) {
  LeadSource s;
  s.id = id;
  s.name = id;
  s.kind = SourceKind::paid;
  s.monthly_cost_cents = monthly;
  return s;
}

Workspace with_sources() {
  Workspace ws;
  ws.sources = {source("google-ads"), source("facebook"), source("gone")};
  ws.sources[2].deleted = true;
  return ws;
}

AdSpendChange set(const std::string& src, int year, unsigned month, std::int64_t cents,
                  std::string note = "") {
  return AdSpendChange{src, YearMonth{year, month}, cents, std::move(note)};
}
AdSpendChange clear(const std::string& src, int year, unsigned month) {
  return AdSpendChange{src, YearMonth{year, month}, std::nullopt, ""};
}

}  // namespace

TEST_CASE("Year-months format, parse strictly and order by year then month", "[ad-spend]") {
  CHECK(format_year_month({2026, 3}) == "2026-03");
  CHECK(parse_year_month("2026-03") == YearMonth{2026, 3});
  CHECK(parse_year_month("2026-12") == YearMonth{2026, 12});
  CHECK_FALSE(parse_year_month("2026-13"));
  CHECK_FALSE(parse_year_month("2026-00"));
  CHECK_FALSE(parse_year_month("2026-3"));
  CHECK_FALSE(parse_year_month("2026/03"));
  CHECK_FALSE(parse_year_month("0999-03"));
  CHECK_FALSE(parse_year_month("2026-03-01"));
  CHECK(YearMonth{2025, 12} < YearMonth{2026, 1});
  CHECK(YearMonth{2026, 2} < YearMonth{2026, 10});
}

TEST_CASE("SetAdSpend sets a batch in one step, sorted by source and month", "[ad-spend]") {
  Session session(with_sources(), 7);
  const auto r = session.execute(SetAdSpend{{set("google-ads", 2026, 3, 120000, "invoice 12"),
                                             set("facebook", 2026, 4, 50000), set("facebook", 2026, 3, 0)},
                                            k_now,
                                            ""});
  REQUIRE(r.ok);
  CHECK(r.message == "Ad spend: 3 months set");
  const auto& t = session.workspace().ad_spend;
  REQUIRE(t.size() == 3);
  // facebook < google-ads; March < April.
  CHECK(t[0].source == "facebook");
  CHECK(t[0].month == YearMonth{2026, 3});
  CHECK(t[0].cents == 0);  // a real zero, live
  CHECK_FALSE(t[0].deleted);
  CHECK(t[1].month == YearMonth{2026, 4});
  CHECK(t[2].source == "google-ads");
  CHECK(t[2].note == "invoice 12");
  // One tick for the whole batch.
  CHECK(t[0].stamp == t[2].stamp);
  CHECK(t[0].stamp.millis == k_now);
  CHECK(t[0].stamp.device == 7);
  CHECK(session.workspace().revision == 1);
  CHECK_FALSE(session.workspace().is_empty());

  // Changing one cell and repeating another: only the changed one is stamped again.
  const auto r2 = session.execute(
      SetAdSpend{{set("facebook", 2026, 4, 60000), set("facebook", 2026, 3, 0)}, k_now + 1000, "Grid saved"});
  REQUIRE(r2.ok);
  CHECK(r2.message == "Grid saved");
  CHECK(t[1].cents == 60000);
  CHECK(t[1].stamp.millis == k_now + 1000);
  CHECK(t[0].stamp.millis == k_now);
  CHECK(session.execute(SetAdSpend{{set("facebook", 2026, 4, 60000)}, k_now + 2000, ""}).message ==
        "Nothing changed");
  CHECK(session.workspace().revision == 2);

  // Undo goes back one whole batch at a time.
  REQUIRE(session.undo());
  CHECK(t[1].cents == 50000);
  REQUIRE(session.undo());
  CHECK(session.workspace().ad_spend.empty());
}

TEST_CASE("SetAdSpend clears cells with tombstones", "[ad-spend]") {
  Session session(with_sources(), 7);
  REQUIRE(session.execute(SetAdSpend{{set("facebook", 2026, 3, 9900, "x")}, k_now, ""}).ok);
  // Clearing an empty cell is no change at all.
  CHECK(session.execute(SetAdSpend{{clear("facebook", 2026, 4)}, k_now + 1, ""}).message ==
        "Nothing changed");
  const auto r = session.execute(SetAdSpend{{clear("facebook", 2026, 3)}, k_now + 2, ""});
  REQUIRE(r.ok);
  CHECK(r.message == "Ad spend: 0 months set, 1 cleared");
  const auto& t = session.workspace().ad_spend;
  REQUIRE(t.size() == 1);
  CHECK(t[0].deleted);
  CHECK(t[0].cents == 0);
  CHECK(t[0].note.empty());
  CHECK(t[0].stamp.millis == k_now + 2);
  // Clearing again changes nothing; setting revives it.
  CHECK(session.execute(SetAdSpend{{clear("facebook", 2026, 3)}, k_now + 3, ""}).message ==
        "Nothing changed");
  REQUIRE(session.execute(SetAdSpend{{set("facebook", 2026, 3, 100)}, k_now + 4, ""}).ok);
  CHECK_FALSE(t[0].deleted);
  CHECK(t[0].cents == 100);
}

TEST_CASE("SetAdSpend refuses bad changes and changes nothing", "[ad-spend]") {
  Session session(with_sources(), 7);
  REQUIRE(session.execute(SetAdSpend{{set("facebook", 2026, 1, 5)}, k_now, ""}).ok);
  const Workspace before = session.workspace();
  const auto refused = [&](const AdSpendChange& bad) {
    const auto r = session.execute(SetAdSpend{{set("facebook", 2026, 2, 100), bad}, k_now + 10, ""});
    CHECK_FALSE(r.ok);
    CHECK(session.workspace() == before);
    return r.message;
  };
  CHECK(refused(set("tiktok", 2026, 2, 1)) ==
        "Ad spend change 2 (tiktok, 2026-02): 'tiktok' is not a lead source");
  CHECK(refused(set("gone", 2026, 2, 1)).find("is not a lead source") != std::string::npos);  // deleted
  CHECK(refused(set("google-ads", 2026, 2, -1)) ==
        "Ad spend change 2 (google-ads, 2026-02): cents must not be negative");
  CHECK(refused(set("google-ads", 1989, 12, 1)).find("month must be a month between 1990 and 2200") !=
        std::string::npos);
  CHECK(refused(set("google-ads", 2026, 13, 1)).find("month") != std::string::npos);
  CHECK(refused(set("google-ads", 2026, 2, k_ad_spend_max_cents + 1)).find("cents is larger") !=
        std::string::npos);
  CHECK(refused(set("google-ads", 2026, 2, 1, std::string(501, 'n'))).find("note") != std::string::npos);
  CHECK(refused(set("facebook", 2026, 2, 7)) == "Ad spend for facebook in 2026-02 is given twice");
  CHECK(session.workspace().revision == 1);
}

TEST_CASE("The ad-spend table round-trips through the file and the image", "[ad-spend]") {
  Workspace ws = with_sources();
  const std::string empty_json = workspace_to_json(ws);
  CHECK(empty_json.find("ad_spend") == std::string::npos);  // an empty table is not written
  HybridClock clock(3);
  REQUIRE(apply(ws,
                SetAdSpend{{set("google-ads", 2026, 3, 123456, "Google Ads \"export\""),
                            set("facebook", 2025, 12, 0), set("facebook", 2026, 1, 777)},
                           k_now,
                           ""},
                clock)
              .ok);
  REQUIRE(apply(ws, SetAdSpend{{clear("facebook", 2026, 1)}, k_now + 5, ""}, clock).ok);
  const std::string json = workspace_to_json(ws);
  CHECK(json.find(
            "\"ad_spend\": [\n    {\"source\":\"facebook\",\"month\":\"2025-12\",\"cents\":0,\"stamp\":") !=
        std::string::npos);
  CHECK(json.find("\"deleted\":true") != std::string::npos);
  auto back = workspace_from_json(json);
  REQUIRE(back.ok());
  CHECK(back.value().ad_spend == ws.ad_spend);
  CHECK(workspace_to_json(back.value()) == json);

  auto image = decode_image(encode_image(ws));
  REQUIRE(image.ok());
  CHECK(image.value().ad_spend == ws.ad_spend);

  // A hand-edited file out of order, or with a bad month or amount, is refused with the place.
  const auto refuse = [&](const std::string& from, const std::string& to) {
    std::string bad = json;
    const auto at = bad.find(from);
    REQUIRE(at != std::string::npos);
    bad.replace(at, from.size(), to);
    const auto r = workspace_from_json(bad);
    REQUIRE_FALSE(r.ok());
    return r.error().message;
  };
  CHECK(refuse("\"month\":\"2025-12\"", "\"month\":\"2026-02\"").find("ad_spend[1]: is out of order") !=
        std::string::npos);
  CHECK(refuse("\"month\":\"2025-12\"", "\"month\":\"2025-13\"").find("ad_spend[0].month") !=
        std::string::npos);
  CHECK(refuse("\"cents\":0", "\"cents\":-4").find("ad_spend[0].cents") != std::string::npos);
}

TEST_CASE("Merging ad spend keeps the later entry per source and month", "[ad-spend]") {
  Workspace a = with_sources();
  Workspace b = with_sources();
  HybridClock ca(1);
  HybridClock cb(2);
  REQUIRE(
      apply(a, SetAdSpend{{set("facebook", 2026, 3, 100), set("facebook", 2026, 4, 400)}, k_now, ""}, ca).ok);
  // b edits March later and clears April later; adds May.
  REQUIRE(
      apply(b, SetAdSpend{{set("facebook", 2026, 3, 300), set("facebook", 2026, 4, 1)}, k_now + 10, ""}, cb)
          .ok);
  REQUIRE(
      apply(b, SetAdSpend{{clear("facebook", 2026, 4), set("facebook", 2026, 5, 500)}, k_now + 20, ""}, cb)
          .ok);
  // a edits May even later: a's May wins.
  REQUIRE(apply(a, SetAdSpend{{set("facebook", 2026, 5, 555)}, k_now + 30, ""}, ca).ok);

  Workspace ab = a;
  MergeUndo undo;
  const MergeReport report = merge_into(ab, b, k_now + 40, &undo);
  CHECK(report.settings_changed == 2);  // March and April came from b
  REQUIRE(ab.ad_spend.size() == 3);
  CHECK(ab.ad_spend[0].cents == 300);
  CHECK(ab.ad_spend[1].deleted);
  CHECK(ab.ad_spend[2].cents == 555);
  CHECK(is_ad_spend_table(ab.ad_spend));

  Workspace ba = b;
  merge_into(ba, a, k_now + 40);
  CHECK(ba.ad_spend == ab.ad_spend);  // commutative
  Workspace again = ab;
  CHECK(merge_into(again, b, k_now + 50).nothing_new());  // idempotent
  CHECK(max_stamp(ab) == ab.ad_spend[2].stamp);

  revert_merge(ab, std::move(undo));
  CHECK(ab.ad_spend == a.ad_spend);
}

}  // namespace ad_spend_test
