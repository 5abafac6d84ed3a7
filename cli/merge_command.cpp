// nurture merge A.json B.json -o OUT.json: merges B into A (the result is the same either
// way round: merge is commutative) and writes OUT.json.
#include "cli/cli_support.hpp"
#include "cli/commands.hpp"
#include "core/io/workspace_json.hpp"
#include "core/sync/merge.hpp"

namespace nurture::cli {

int run_merge(int argc, char** argv, int first) {
  const auto args = parse_args(argc, argv, first, ArgSpec{{"-o"}, {}, {}, 2, 2});
  if (!args) return fail("merge", args.error().message, k_exit_usage);
  const auto out_path = args.value().get("-o");
  if (!out_path) return fail("merge", "missing -o OUT.json", k_exit_usage);
  auto a = load_workspace(args.value().positional[0], false);
  if (!a) return fail("merge", a.error().message);
  const auto b = load_workspace(args.value().positional[1], false);
  if (!b) return fail("merge", b.error().message);

  const MergeReport report = merge_into(a.value(), b.value(), now_millis());
  if (const auto status = write_file_atomic(*out_path, workspace_to_json(a.value())); !status.ok()) {
    return fail("merge", status.message);
  }
  nlohmann::ordered_json out;
  out["added"] = report.leads_added;
  out["updated"] = report.leads_updated;
  out["deleted"] = report.leads_deleted;
  out["events_added"] = report.events_added;
  auto conflicts = nlohmann::ordered_json::array();
  for (const FieldConflict& c : report.conflicts) {
    conflicts.push_back({{"lead", to_string(c.lead)},
                         {"field", to_string(c.field)},
                         {"a", c.local_value},
                         {"b", c.remote_value},
                         {"kept", c.remote_won ? "b" : "a"}});
  }
  for (const DeleteConflict& d : report.delete_conflicts) {
    conflicts.push_back({{"lead", to_string(d.lead)},
                         {"field", "deleted"},
                         {"a", d.deleted_locally ? "deleted" : "edited"},
                         {"b", d.deleted_locally ? "edited" : "deleted"},
                         {"kept", "deleted"}});
  }
  out["conflicts"] = conflicts;
  out["conflicts_total"] = report.conflicts_total + report.delete_conflicts_total;
  if (report.clock_skew_warning) out["warning"] = *report.clock_skew_warning;
  out["file"] = *out_path;
  return print_json(out);
}

}  // namespace nurture::cli
