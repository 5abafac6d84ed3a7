// nurture stages: the moves the funnel's stage rules would make, and with --apply the workspace
// with them applied (docs/cli.md, docs/funnel.md).

#include <string>

#include "cli/cli_support.hpp"
#include "cli/commands.hpp"
#include "core/commands/command.hpp"
#include "core/funnel/stage_rules.hpp"
#include "core/import/values.hpp"
#include "core/io/workspace_json.hpp"
#include "core/sync/merge.hpp"

namespace nurture::cli {

int run_stages(int argc, char** argv, int first) {
  using OrderedJson = nlohmann::ordered_json;
  const auto args = parse_args(argc, argv, first, ArgSpec{{"--out", "--now"}, {"--apply"}, {}, 1, 1});
  if (!args) return fail("stages", args.error().message, k_exit_usage);
  const Args& a = args.value();
  if (a.has("--out") && !a.has("--apply")) return fail("stages", "--out needs --apply", k_exit_usage);
  UnixMillis now = now_millis();
  if (const auto text = a.get("--now")) {
    const auto t = parse_timestamp(*text);
    if (!t)
      return fail("stages",
                  "--now: '" + *text + "' is not a date-time (use ISO 8601, e.g. 2026-12-07T09:00:00Z)",
                  k_exit_usage);
    now = *t;
  }
  const std::string& path = a.positional[0];
  auto ws = load_workspace(path, false);
  if (!ws) return fail("stages", ws.error().message);
  Workspace& w = ws.value();
  const auto moves = plan_stage_moves(w);

  OrderedJson out;
  OrderedJson list = OrderedJson::array();
  for (const auto& m : moves) {
    list.push_back(
        {{"lead", to_string(m.lead)}, {"stage", to_string(m.stage)}, {"at", format_iso8601_utc(m.at)}});
  }
  std::size_t leads = 0;
  for (std::size_t i = 0; i < moves.size(); ++i) {
    if (i + 1 == moves.size() || moves[i + 1].lead != moves[i].lead) ++leads;
  }
  out["count"] = moves.size();
  out["leads"] = leads;
  out["message"] = moves.empty() ? "No lead to move" : describe_stage_moves(w, moves);
  out["moves"] = std::move(list);
  out["applied"] = false;
  if (a.has("--apply") && !moves.empty()) {
    HybridClock clock(random_u64());
    clock.observe(max_stamp(w));
    const auto r = apply(w, ApplyStageMoves{moves, now}, clock);
    if (!r.ok) return fail("stages", r.message);
    const std::string target = a.get("--out").value_or(path);
    if (const auto status = write_file_atomic(target, workspace_to_json(w)); !status.ok())
      return fail("stages", status.message);
    out["applied"] = true;
    out["file"] = target;
  }
  return print_json(out);
}

}  // namespace nurture::cli
