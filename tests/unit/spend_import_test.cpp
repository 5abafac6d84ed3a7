// Reading ad spend from CSV (core/import/spend_import.hpp) on the fixtures in
// tests/fixtures/spend/. The expected totals are summed by hand from the fixture rows; each
// comment names the lines.

#include "core/import/spend_import.hpp"

#include <catch_amalgamated.hpp>

#include <string>

#include "core/commands/command.hpp"
#include "test_support.hpp"

namespace spend_import_test {

using namespace nurture;

namespace {

constexpr UnixMillis k_now = 1795768925000;

Workspace practice() {
  Workspace ws;
  ws.sources = {LeadSource{"google-ads", "Google Ads", SourceKind::paid, 50000, {}, false},
                LeadSource{"facebook", "Facebook Ads", SourceKind::paid, 0, {}, false},
                LeadSource{"old", "Old", SourceKind::paid, 0, {}, true}};
  return ws;
}

SpendImport read(const Workspace& ws, const std::string& fixture, const std::string& source = "") {
  const std::string text = test::read_test_file("fixtures/spend/" + fixture);
  REQUIRE_FALSE(text.empty());
  auto r = read_spend_csv(ws, text, SpendImportOptions{source});
  if (!r.ok()) FAIL(r.error().message);
  return std::move(r).value();
}

}  // namespace

TEST_CASE("Spend months parse in the forms exports use", "[spend-import]") {
  CHECK(parse_spend_month("2026-03") == YearMonth{2026, 3});
  CHECK(parse_spend_month("2026-03-31") == YearMonth{2026, 3});
  CHECK(parse_spend_month("3/31/2026") == YearMonth{2026, 3});
  CHECK(parse_spend_month("March 2026") == YearMonth{2026, 3});
  CHECK(parse_spend_month("sep 2025") == YearMonth{2025, 9});
  CHECK(parse_spend_month("December, 2025") == YearMonth{2025, 12});
  CHECK_FALSE(parse_spend_month("Smarch 2026"));
  CHECK_FALSE(parse_spend_month("March 26"));
  CHECK_FALSE(parse_spend_month("--"));
  CHECK_FALSE(parse_spend_month(""));
}

TEST_CASE("Nurture's own spend layout: sums per source and month, reports every bad row", "[spend-import]") {
  Workspace ws = practice();
  // google-ads January already holds 100.00: the preview shows it as replaced.
  ws.ad_spend = {AdSpend{"google-ads", {2026, 1}, 10000, "", Stamp{1, 0, 1}, false}};
  const SpendImport r = read(ws, "nurture.csv");
  CHECK(r.format == SpendFileFormat::nurture);
  CHECK(r.header_line == 1);
  CHECK(r.rows_read == 9);
  // Lines 2 ($1,234.56), 3 (by name, 800), 4 + 5 (1000.00 + $15.50), 10 (a real zero).
  REQUIRE(r.totals.size() == 4);
  CHECK(r.totals[0] == SpendMonthTotal{"facebook", {2026, 1}, 80000, 1, std::nullopt});
  CHECK(r.totals[1] == SpendMonthTotal{"facebook", {2026, 3}, 0, 1, std::nullopt});
  CHECK(r.totals[2] == SpendMonthTotal{"google-ads", {2026, 1}, 123456, 1, 10000});
  CHECK(r.totals[3] == SpendMonthTotal{"google-ads", {2026, 2}, 101550, 2, std::nullopt});
  CHECK(r.total_cents() == 80000 + 0 + 123456 + 101550);
  REQUIRE(r.rejected.size() == 4);
  CHECK(r.rejected[0] == SpendRowError{6, "'tiktok' is not a lead source"});
  CHECK(r.rejected[1] == SpendRowError{7, "'2026-13' is not a month"});
  CHECK(r.rejected[2] == SpendRowError{8, "the amount is empty"});
  CHECK(r.rejected[3] == SpendRowError{9, "the amount is negative"});

  // Applying is one SetAdSpend: replaces January's 100.00, one undo step.
  const SetAdSpend c = r.command(k_now);
  CHECK(c.summary == "Imported ad spend: 4 months from a Nurture spend table");
  REQUIRE(apply(ws, c).ok);
  REQUIRE(ws.ad_spend.size() == 4);
  CHECK(ws.ad_spend[2].cents == 123456);
  CHECK(ws.ad_spend[2].note == "Imported from a Nurture spend table");
  // Importing the same file again changes nothing.
  CHECK(apply(ws, read(ws, "nurture.csv").command(k_now + 1)).message == "Nothing changed");
}

TEST_CASE("A Google Ads report: title lines, campaigns summed per month, total rows rejected",
          "[spend-import]") {
  const Workspace ws = practice();
  const SpendImport r = read(ws, "google_ads.csv", "google-ads");
  CHECK(r.format == SpendFileFormat::google_ads);
  CHECK(r.header_line == 3);
  CHECK(r.rows_read == 6);
  // March: 1,200.10 + 300.00 (lines 4, 5); April: 950.5 + 0.00 (lines 6, 7). "Cost / conv." is
  // not the cost.
  REQUIRE(r.totals.size() == 2);
  CHECK(r.totals[0] == SpendMonthTotal{"google-ads", {2026, 3}, 150010, 2, std::nullopt});
  CHECK(r.totals[1] == SpendMonthTotal{"google-ads", {2026, 4}, 95050, 2, std::nullopt});
  REQUIRE(r.rejected.size() == 2);
  CHECK(r.rejected[0].line == 8);
  CHECK(r.rejected[0].reason == "a total row, not counted (the rows above it are)");
  CHECK(r.rejected[1].line == 9);
}

TEST_CASE("A Meta Ads Manager export: months from Reporting starts, spans refused", "[spend-import]") {
  const Workspace ws = practice();
  const SpendImport r = read(ws, "meta_ads.csv", "facebook");
  CHECK(r.format == SpendFileFormat::meta_ads);
  CHECK(r.rows_read == 5);
  // March: 412.30 + 187.70 (lines 2, 3); April: 250.00 (line 4).
  REQUIRE(r.totals.size() == 2);
  CHECK(r.totals[0] == SpendMonthTotal{"facebook", {2026, 3}, 60000, 2, std::nullopt});
  CHECK(r.totals[1] == SpendMonthTotal{"facebook", {2026, 4}, 25000, 1, std::nullopt});
  REQUIRE(r.rejected.size() == 2);
  CHECK(r.rejected[0] ==
        SpendRowError{5, "the row spans 2026-03 to 2026-04; export with the breakdown by month"});
  CHECK(r.rejected[1] == SpendRowError{6, "'n/a' is not an amount"});
  CHECK(r.command(k_now).changes[0].note == "Imported from a Meta Ads Manager export");
}

TEST_CASE("Spend files that cannot be read say why", "[spend-import]") {
  const Workspace ws = practice();
  const auto error = [&](const std::string& text, const std::string& source = "") {
    const auto r = read_spend_csv(ws, text, SpendImportOptions{source});
    REQUIRE_FALSE(r.ok());
    return r.error().message;
  };
  CHECK(error("") == "The file is empty");
  CHECK(error("\n\n") == "The file is empty");
  CHECK(error("name,email\nAna,a@b.c\n").rfind("No spend columns found.", 0) == 0);
  const std::string google = test::read_test_file("fixtures/spend/google_ads.csv");
  CHECK(error(google) == "This is a Google Ads report: choose the lead source its spend belongs to");
  CHECK(error(google, "old") == "'old' is not a lead source");  // deleted
  // A header alone reads as nothing to import, not as an error.
  const auto empty = read_spend_csv(ws, "month,source,amount\n");
  REQUIRE(empty.ok());
  CHECK(empty.value().rows_read == 0);
  CHECK(empty.value().totals.empty());
  // In our layout, an empty source cell takes the chosen source.
  const auto filled =
      read_spend_csv(ws, "month,source,amount\n2026-05,,12\n", SpendImportOptions{"facebook"});
  REQUIRE(filled.ok());
  REQUIRE(filled.value().totals.size() == 1);
  CHECK(filled.value().totals[0].source == "facebook");
  CHECK(filled.value().totals[0].cents == 1200);
}

}  // namespace spend_import_test
