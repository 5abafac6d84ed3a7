// libFuzzer target for the CSV/TSV lead importer (R15). Whatever the bytes, the importer must
// either refuse the file with a message or account for every data row exactly once
// (added + updated + merged + unchanged + skipped + errors == rows, where rows is what the
// byte-at-a-time reader of tests/unit/naive_csv.hpp counts), produce a plan that applies cleanly
// and adds exactly `added` leads, and, imported a second time, add no lead that has an email or a
// phone. The run-based CsvReader must also read exactly what that naive reader reads, with the
// default limits and with small ones. Build with the `fuzz` preset (or `asan` with clang); run:
//   build/fuzz/tests/csv_import_fuzz tests/fuzz/corpus/csv -dict=tests/fuzz/csv.dict -max_total_time=60

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/commands/command.hpp"
#include "core/import/lead_import.hpp"
#include "core/io/csv.hpp"
#include "core/model/workspace.hpp"
#include "tests/unit/naive_csv.hpp"

namespace {

constexpr nurture::UnixMillis k_now = 1'780'000'000'000;  // 2026-05-28

// Leads the file's rows can match (by email, by phone) so updates and merges are exercised.
const nurture::Workspace& base_workspace() {
  static const nurture::Workspace ws = [] {
    nurture::Workspace w;
    w.practice.country = "US";
    const auto add = [&](std::uint64_t id, const char* first, const char* email, const char* phone) {
      nurture::Lead lead;
      lead.id = nurture::LeadId{id};
      lead.first_name = first;
      lead.email = email;
      lead.phone = phone;
      if (!nurture::apply(w, nurture::Command{nurture::AddLead{lead, k_now - 1000}}).ok) std::abort();
    };
    add(1, "Zoë", "zoe@example.com", "+18135550142");
    add(2, "Marcus", "marcus@example.com", "");
    add(3, "Priya", "", "+18135550199");
    return w;
  }();
  return ws;
}

std::size_t live_leads(const nurture::Workspace& ws) {
  std::size_t n = 0;
  ws.leads.for_each_live([&](std::uint32_t /*row*/) { ++n; });
  return n;
}

nurture::LeadImportOptions options_for(std::uint64_t& next) {
  nurture::LeadImportOptions o;
  o.now = k_now;
  o.next_id = [&next] { return ++next; };
  return o;
}

bool counts_add_up(const nurture::ImportReport& r) {
  const std::size_t listed = nurture::ImportReport::k_max_listed;
  return r.rows == r.added + r.updated + r.merged + r.unchanged + r.skipped + r.errors && r.unmatched == 0 &&
         r.error_rows.size() == std::min(r.errors, listed) && r.skipped_rows.size() <= listed;
}

// The run-based CsvReader reads exactly what the byte-at-a-time reader reads (records, lines,
// errors, offsets). `records` receives the number of records.
bool same_records(std::string_view text, const nurture::CsvOptions& options, std::size_t* records) {
  nurture::CsvReader reader(text, options);
  nurture::test::NaiveCsv naive{text, options, reader.delimiter(), reader.offset()};
  nurture::CsvRecord got;
  nurture::CsvRecord want;
  for (std::size_t n = 0;; ++n) {
    const bool more = reader.next(got);
    if (more != naive.next(want)) return false;
    if (!more) {
      if (records != nullptr) *records = n;
      return true;
    }
    if (got.line != want.line || got.fields != want.fields || got.error != want.error ||
        reader.offset() != naive.pos) {
      return false;
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace nurture;
  const std::string text(reinterpret_cast<const char*>(data), size);
  // Small limits too, so that the too-long and too-many paths are compared as well.
  if (!same_records(text, CsvOptions{0, 16, 8}, nullptr)) std::abort();
  const Workspace& base = base_workspace();
  std::uint64_t next = 100;
  const auto plan = plan_lead_import(text, base, options_for(next));
  if (!plan.ok()) {
    if (plan.error().message.empty()) std::abort();  // every refusal says why
    return 0;
  }
  const ImportReport& report = plan.value().report;
  if (!counts_add_up(report)) std::abort();

  // The oracle for the row count: the records after the header, as the byte-at-a-time reader
  // reads them.
  std::size_t records = 0;
  if (!same_records(text, CsvOptions{}, &records)) std::abort();
  if (records == 0 || report.rows != records - 1) std::abort();

  Workspace ws = base;
  const std::size_t before = live_leads(ws);
  if (!plan.value().command.commands.empty()) {
    const auto result = nurture::apply(ws, Command{plan.value().command});
    if (!result.ok) std::abort();  // the importer's leads must pass the command's validation
  }
  if (live_leads(ws) != before + report.added) std::abort();

  // Again: rows with an email or a phone now match the leads the first pass added.
  const auto again = plan_lead_import(text, ws, options_for(next));
  if (!again.ok() || !counts_add_up(again.value().report)) std::abort();
  if (again.value().report.rows != report.rows || again.value().report.added > report.added) std::abort();
  return 0;
}
