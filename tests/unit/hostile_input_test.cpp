// R15: hostile files through the importers the app and the CLI use. Each is refused (the whole
// file, or every bad row) with a message that names the problem, and the workspace is exactly
// what it was. The small samples are in tests/fixtures/hostile/ (also used by the CLI tests);
// the large ones are generated here. Work is bounded by limits (JSON depth 64, strings 64 KiB,
// CSV fields 1 MiB and 4,096 per record), not by timing assertions.

#include <catch_amalgamated.hpp>

#include <cstddef>
#include <string>
#include <tuple>

#include "core/commands/command.hpp"
#include "core/export/leads_csv.hpp"
#include "core/import/event_import.hpp"
#include "core/import/lead_import.hpp"
#include "core/io/workspace_json.hpp"
#include "core/sync/merge.hpp"
#include "import_test_support.hpp"

namespace hostile_input_test {

using namespace nurture;
using nurture::test::k_import_now;

namespace {

// A workspace with two leads, for "unchanged" to mean something.
Workspace local_workspace() {
  Workspace ws;
  ws.practice.name = "Lumen Aesthetics & Laser";
  for (const auto& [id, first, email] :
       {std::tuple{1U, "Zoë", "zoe@example.com"}, std::tuple{2U, "Marcus", "marcus@example.com"}}) {
    Lead lead;
    lead.id = LeadId{id};
    lead.first_name = first;
    lead.email = email;
    REQUIRE(nurture::apply(ws, Command{AddLead{lead, k_import_now - 86'400'000}}).ok);
  }
  return ws;
}

std::string fixture(const char* name) {
  const std::string text = test::read_test_file(std::string("fixtures/hostile/") + name);
  REQUIRE_FALSE(text.empty());
  return text;
}

LeadImportOptions lead_options() {
  LeadImportOptions o;
  o.now = k_import_now;
  o.next_id = test::counter_ids();
  return o;
}

// What the app does with a CSV: plan, then apply the plan (if any). Returns the error, if any.
std::string import_csv(Workspace& ws, std::string_view text, ImportReport* report = nullptr) {
  auto plan = plan_lead_import(text, ws, lead_options());
  if (!plan.ok()) return plan.error().message;
  if (report != nullptr) *report = plan.value().report;
  if (!plan.value().command.commands.empty()) {
    const auto result = nurture::apply(ws, Command{plan.value().command});
    if (!result.ok) return result.message;
  }
  return {};
}

// What the app does with another device's file: read it in steps, then merge it in.
std::string merge_file(Workspace& ws, std::string_view text) {
  WorkspaceJsonReader reader(text);
  while (!reader.step(std::size_t{1} << 16U)) {
  }
  auto remote = reader.take();
  if (!remote.ok()) return remote.error().message;
  merge_into(ws, remote.value(), k_import_now);
  return {};
}

}  // namespace

TEST_CASE("hostile workspace files are refused with a clear message and merge nothing", "[hostile]") {
  const struct {
    const char* file;
    const char* expect;
  } cases[] = {
      {"deep-nesting.json", "nested more than 64 levels"},
      {"nan.json", "malformed JSON"},
      {"infinity.json", "malformed JSON"},
      {"duplicate-keys.json", "the member appears twice"},
      {"wrong-types.json", "leads: must be an array"},
      {"invalid-utf8.json", "not valid UTF-8"},
      {"year-10000.json", "must be an integer from 0 to 253402300799999"},
      {"future-version.json", "update the app"},
  };
  for (const auto& c : cases) {
    INFO(c.file);
    Workspace ws = local_workspace();
    const Workspace before = ws;
    const std::string error = merge_file(ws, fixture(c.file));
    CHECK(error.find(c.expect) != std::string::npos);
    CHECK(ws == before);
  }
}

TEST_CASE("a file stamped in year 9999 merges with the clock-skew warning", "[hostile]") {
  // Stamps up to 9999-12-31 are valid; a stamp that far ahead of `now` is a wrong clock (R12).
  const auto remote = workspace_from_json(fixture("far-future-stamps.json"));
  REQUIRE(remote.ok());
  const Workspace local = local_workspace();
  const MergeReport report = preview_merge(local, remote.value(), k_import_now);
  REQUIRE(report.clock_skew_warning);
  // 2026-11-27 to 9999-12-31 is 2,918,... days: the wording names the gap in days.
  CHECK(report.clock_skew_warning->find("days ahead of this device's clock") != std::string::npos);
}

TEST_CASE("hostile CSV files are refused as a whole with a clear message", "[hostile][import]") {
  std::string wide_header;  // 10,000 columns: more than a record may have
  for (int i = 0; i < 10'000; ++i) wide_header += (i == 0 ? "email" : ",c" + std::to_string(i));
  wide_header += "\nzoe@example.com\n";
  const struct {
    const char* name;
    std::string text;
    const char* expect;
  } cases[] = {
      {"invalid UTF-8 header (Latin-1 export)", fixture("invalid-utf8-header.csv"), "not valid UTF-8 text"},
      {"UTF-16 (Excel's Unicode Text)", fixture("utf16.csv"), "UTF-16"},
      {"a workbook renamed .csv", fixture("workbook.csv"), "binary data"},
      {"10,000 columns", wide_header, "more than 4096 fields"},
      {"empty", "", "The file is empty"},
  };
  for (const auto& c : cases) {
    INFO(c.name);
    Workspace ws = local_workspace();
    const Workspace before = ws;
    CHECK(import_csv(ws, c.text).find(c.expect) != std::string::npos);
    CHECK(ws == before);
    // The event importer reads headers the same way.
    EventImportOptions events;
    events.now = k_import_now;
    events.next_id = test::counter_ids();
    const auto plan = plan_event_import(c.text, ws, events);
    REQUIRE_FALSE(plan.ok());
    CHECK(plan.error().message.find(c.expect) != std::string::npos);
  }
}

TEST_CASE("hostile CSV rows are each refused and counted; the good rows still import", "[hostile][import]") {
  // A 20 MB cell (over the 1 MiB field limit), then a 32 MB line with no separator at all, then
  // a row of 10,000 cells, then an unclosed quote that runs to the end of the file. (The reader
  // searches with memchr and stops copying at the limit, so a 1 GB line only costs a pass.)
  std::string text = "first_name,email\n";
  text += "Big,\"" + std::string(std::size_t{20} << 20U, 'a') + "\"\n";
  text += std::string(std::size_t{32} << 20U, 'b') + "\n";
  text += "Wide,wide@example.com" + std::string(10'000, ',') + "\n";
  text += "Good,good@example.com\n";
  text += "\"Open," + std::string(std::size_t{1} << 20U, 'c');
  Workspace ws = local_workspace();
  const Workspace before = ws;
  ImportReport report;
  REQUIRE(import_csv(ws, text, &report).empty());
  CHECK(report.rows == 5);
  CHECK(report.errors == 4);
  CHECK(report.added == 1);  // good@example.com
  REQUIRE(report.error_rows.size() == 4);
  CHECK(report.error_rows[0].message.find("longer than 1048576 bytes") != std::string::npos);
  // The 32 MB line is one field named "first_name": over the limit too.
  CHECK(report.error_rows[1].message.find("longer than 1048576 bytes") != std::string::npos);
  CHECK(report.error_rows[2].message.find("more than 4096 fields") != std::string::npos);
  CHECK(report.error_rows[3].message.find("quoted field is not closed") != std::string::npos);
  CHECK(ws.leads.rows() == before.leads.rows() + 1);
}

TEST_CASE("hostile CSV rows in a fixture are each refused and change nothing", "[hostile][import]") {
  const struct {
    const char* file;
    std::size_t rows;  // rows read, all refused
    const char* first_error;
  } cases[] = {
      // Both rows carry bytes that are not UTF-8 in their first column.
      {"invalid-utf8-cells.csv", 2, "column 1 (first_name) is not valid UTF-8 text"},
      // The quote opened on the first row swallows the rest of the file into that row.
      {"unclosed-quote.csv", 1, "malformed record: a quoted field is not closed before the end of the file"},
  };
  for (const auto& c : cases) {
    DYNAMIC_SECTION(c.file) {
      Workspace ws = local_workspace();
      const Workspace before = ws;
      ImportReport report;
      REQUIRE(import_csv(ws, fixture(c.file), &report).empty());
      CHECK(report.rows == c.rows);
      CHECK(report.errors == c.rows);
      REQUIRE(report.error_rows.size() == c.rows);
      CHECK(report.error_rows[0].message == c.first_error);
      CHECK(ws == before);  // nothing to apply
    }
  }
}

TEST_CASE("formula-like cells import as text and export neutralised", "[hostile][import]") {
  Workspace ws = local_workspace();
  ImportReport report;
  REQUIRE(import_csv(ws, fixture("formula-cells.csv"), &report).empty());
  CHECK(report.added == 2);
  CHECK(report.errors == 0);
  const auto rows = ws.leads.find_by_email("formula@example.com");
  REQUIRE(rows.size() == 1);
  CHECK(ws.leads.first_name(rows.front()) == "=HYPERLINK(\"http://evil.example\",\"click\")");
  CHECK(ws.leads.last_name(rows.front()) == "+1+1");
  // R16: the export turns them back into text a spreadsheet will not run.
  const std::string csv = write_leads_csv(ws);
  CHECK(csv.find("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\"") != std::string::npos);
  CHECK(csv.find(",'+1+1,") != std::string::npos);
  CHECK(csv.find(",'@SUM(1),") != std::string::npos);
  CHECK(csv.find("=HYPERLINK") == csv.find("'=HYPERLINK") + 1);  // never bare
}

}  // namespace hostile_input_test
