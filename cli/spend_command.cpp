// nurture spend W.json [--import FILE.csv [--source ID] [--out OUT.json] [--dry-run]]: the
// ad-spend table (issue 6, ROI) as JSON, or a spend CSV read into it (docs/cli.md). Without
// --import, W.json is only read; with it, the table is updated in OUT.json (W.json itself when
// --out is not given) unless --dry-run.
#include <string>

#include "cli/cli_support.hpp"
#include "cli/commands.hpp"
#include "core/commands/command.hpp"
#include "core/import/spend_import.hpp"
#include "core/io/workspace_json.hpp"
#include "core/sync/merge.hpp"

namespace nurture::cli {

namespace {

using Json = nlohmann::ordered_json;

Json table_json(const Workspace& ws) {
  Json entries = Json::array();
  std::int64_t total = 0;
  for (const AdSpend& a : ws.ad_spend) {
    if (a.deleted) continue;
    const LeadSource* s = find_item(ws.sources, a.source);
    entries.push_back({{"source", a.source},
                       {"source_name", s != nullptr ? s->name : std::string()},
                       {"month", format_year_month(a.month)},
                       {"cents", a.cents},
                       {"note", a.note}});
    total += a.cents;
  }
  Json out;
  out["count"] = entries.size();
  out["total_cents"] = total;
  out["entries"] = std::move(entries);
  return out;
}

Json preview_json(const SpendImport& r) {
  Json months = Json::array();
  for (const SpendMonthTotal& t : r.totals) {
    months.push_back({{"source", t.source},
                      {"month", format_year_month(t.month)},
                      {"cents", t.cents},
                      {"rows", t.rows},
                      {"previous_cents", t.previous ? Json(*t.previous) : Json(nullptr)}});
  }
  Json rejected = Json::array();
  for (const SpendRowError& e : r.rejected) rejected.push_back({{"line", e.line}, {"reason", e.reason}});
  Json out;
  out["format"] = describe(r.format);
  out["header_line"] = r.header_line;
  out["rows_read"] = r.rows_read;
  out["rows_rejected"] = r.rejected.size();
  out["total_cents"] = r.total_cents();
  out["months"] = std::move(months);
  out["rejected"] = std::move(rejected);
  return out;
}

}  // namespace

int run_spend(int argc, char** argv, int first) {
  const auto args =
      parse_args(argc, argv, first, ArgSpec{{"--import", "--source", "--out"}, {"--dry-run"}, {}, 1, 1});
  if (!args) return fail("spend", args.error().message, k_exit_usage);
  const Args& a = args.value();
  const std::string& ws_path = a.positional[0];
  const auto file = a.get("--import");
  if (!file && (a.has("--source") || a.has("--out") || a.has("--dry-run")))
    return fail("spend", "--source, --out and --dry-run go with --import FILE.csv", k_exit_usage);

  auto ws = load_workspace(ws_path, false);
  if (!ws) return fail("spend", ws.error().message);
  if (!file) return print_json(table_json(ws.value()));

  const auto text = read_file(*file);
  if (!text) return fail("spend", text.error().message);
  const auto read =
      read_spend_csv(ws.value(), text.value(), SpendImportOptions{a.get("--source").value_or("")});
  if (!read) return fail("spend", *file + ": " + read.error().message);
  Json out = preview_json(read.value());

  const bool dry_run = a.has("--dry-run");
  std::string message = "Nothing to import";
  if (!dry_run && !read.value().totals.empty()) {
    HybridClock clock(random_u64());
    clock.observe(max_stamp(ws.value()));
    const auto result = apply(ws.value(), Command{read.value().command(now_millis())}, clock);
    if (!result.ok) return fail("spend", result.message);
    message = result.message;
    const std::string out_path = a.get("--out").value_or(ws_path);
    if (const auto status = write_file_atomic(out_path, workspace_to_json(ws.value())); !status.ok())
      return fail("spend", status.message);
  }
  out["dry_run"] = dry_run;
  out["message"] = dry_run ? std::string("Dry run: nothing written") : message;
  return print_json(out);
}

}  // namespace nurture::cli
