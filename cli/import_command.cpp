// nurture import W.json FILE [--format auto|meta-leads|mailchimp|hubspot|csv|events]
//                [--map COLUMN=FIELD ...] [--dry-run]
// Imports leads (or, with --format events, activity) into W.json, creating it when missing.
#include "cli/cli_support.hpp"
#include "cli/commands.hpp"
#include "core/commands/command.hpp"
#include "core/import/event_import.hpp"
#include "core/import/lead_import.hpp"
#include "core/io/workspace_json.hpp"
#include "core/sync/merge.hpp"

namespace nurture::cli {

namespace {

nlohmann::ordered_json issues_json(const std::vector<RowIssue>& list) {
  auto out = nlohmann::ordered_json::array();
  for (const auto& issue : list) {
    out.push_back({{"row", issue.row}, {"line", issue.line}, {"message", issue.message}});
  }
  return out;
}

}  // namespace

int run_import(int argc, char** argv, int first) {
  const auto args =
      parse_args(argc, argv, first, ArgSpec{{"--format", "--map"}, {"--dry-run"}, {"--map"}, 2, 2});
  if (!args) return fail("import", args.error().message, k_exit_usage);
  const std::string& ws_path = args.value().positional[0];
  const std::string& file_path = args.value().positional[1];
  const std::string format_name = args.value().get("--format").value_or("auto");
  const bool events = format_name == "events";
  const auto format = parse_import_format(format_name);
  if (!events && !format) {
    return fail("import",
                "unknown format '" + format_name + "' (auto, meta-leads, mailchimp, hubspot, csv, events)",
                k_exit_usage);
  }
  std::vector<std::string> overrides;
  if (const auto it = args.value().options.find("--map"); it != args.value().options.end())
    overrides = it->second;

  auto ws = load_workspace(ws_path, true);
  if (!ws) return fail("import", ws.error().message);
  const auto text = read_file(file_path);
  if (!text) return fail("import", text.error().message);

  const UnixMillis now = now_millis();
  ImportReport report;
  LeadBatch batch;
  if (events) {
    EventImportOptions options;
    options.overrides = overrides;
    options.now = now;
    options.next_id = random_u64;
    auto plan = plan_event_import(text.value(), ws.value(), options);
    if (!plan) return fail("import", file_path + ": " + plan.error().describe());
    report = plan.value().report;
    batch = std::move(plan.value().command);
  } else {
    LeadImportOptions options;
    options.format = *format;
    options.overrides = overrides;
    options.now = now;
    options.next_id = random_u64;
    auto plan = plan_lead_import(text.value(), ws.value(), options);
    if (!plan) return fail("import", file_path + ": " + plan.error().describe());
    report = plan.value().report;
    batch = std::move(plan.value().command);
  }

  const bool dry_run = args.value().has("--dry-run");
  const bool has_changes = !batch.commands.empty();
  if (!dry_run && has_changes) {
    HybridClock clock(random_u64());
    clock.observe(max_stamp(ws.value()));
    const auto result = apply(ws.value(), Command{std::move(batch)}, clock);
    if (!result.ok) return fail("import", result.message);
  }
  if (!dry_run && (has_changes || !file_exists(ws_path))) {
    if (const auto status = write_file_atomic(ws_path, workspace_to_json(ws.value())); !status.ok()) {
      return fail("import", status.message);
    }
  }
  nlohmann::ordered_json out;
  out["added"] = report.added;
  out["updated"] = report.updated + report.merged;
  out["skipped"] = report.skipped + report.unchanged + report.unmatched;
  out["errors"] = issues_json(report.error_rows);
  out["rows"] = report.rows;
  out["merged_within_file"] = report.merged;
  out["unchanged"] = report.unchanged;
  out["unmatched"] = report.unmatched;
  out["error_count"] = report.errors;
  out["opt_outs"] = report.opt_outs;
  out["skipped_rows"] = issues_json(report.skipped_rows);
  out["warnings"] = issues_json(report.warnings);
  out["dry_run"] = dry_run;
  return print_json(out);
}

}  // namespace nurture::cli
