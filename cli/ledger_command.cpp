// nurture ledger W.json [--lead ID] [--out FILE] [--csv]: the consent ledger as an audit export
// (JSON with a header and a final digest, or CSV for people), to FILE or stdout.
// nurture ledger-verify FILE: checks an exported ledger; exit 0 when intact, 1 naming the first
// broken entry otherwise.
#include <iostream>

#include "cli/cli_support.hpp"
#include "cli/commands.hpp"
#include "core/io/ledger_json.hpp"

namespace nurture::cli {

int run_ledger(int argc, char** argv, int first) {
  const auto args = parse_args(argc, argv, first, ArgSpec{{"--lead", "--out"}, {"--csv"}, {}, 1, 1});
  if (!args) return fail("ledger", args.error().message, k_exit_usage);
  std::optional<LeadId> lead;
  if (const auto text = args.value().get("--lead")) {
    lead = parse_lead_id(*text);
    if (!lead) return fail("ledger", "--lead must be a lead id (L and 16 hex digits)", k_exit_usage);
  }
  const auto ws = load_workspace(args.value().positional[0], false);
  if (!ws) return fail("ledger", ws.error().message);
  if (lead && !ws.value().leads.find_any(*lead)) return fail("ledger", "no lead " + to_string(*lead));

  const bool csv = args.value().has("--csv");
  const UnixMillis now = now_millis();
  const std::string bytes =
      csv ? ledger_export_csv(ws.value(), lead, now) : ledger_export_json(ws.value(), lead, now);
  const auto entries = ledger_export_entries(ws.value(), lead);
  if (const auto out = args.value().get("--out")) {
    if (const auto status = write_file_atomic(*out, bytes); !status.ok())
      return fail("ledger", status.message);
    nlohmann::ordered_json result;
    result["file"] = *out;
    result["format"] = csv ? "csv" : "json";
    result["lead"] = lead ? to_string(*lead) : "all";
    result["entries"] = entries.size();
    result["digest"] = ledger_digest(entries);
    return print_json(result);
  }
  std::cout << bytes;
  return std::cout.good() ? k_exit_ok : fail("ledger", "cannot write to stdout");
}

int run_ledger_verify(int argc, char** argv, int first) {
  const auto args = parse_args(argc, argv, first, ArgSpec{{}, {}, {}, 1, 1});
  if (!args) return fail("ledger-verify", args.error().message, k_exit_usage);
  const auto text = read_file(args.value().positional[0]);
  if (!text) return fail("ledger-verify", text.error().message);
  const auto verdict = verify_ledger_export(text.value());
  if (!verdict) return fail("ledger-verify", verdict.error().message);
  const auto& v = verdict.value();
  if (!v.ok) return fail("ledger-verify", "TAMPERED: " + v.message);
  nlohmann::ordered_json result;
  result["ok"] = true;
  result["entries"] = v.entries;
  result["digest"] = v.digest;
  return print_json(result);
}

}  // namespace nurture::cli
