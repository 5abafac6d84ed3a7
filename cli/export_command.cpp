// nurture export W.json --format json|csv [-o FILE]: the workspace file or the leads as CSV,
// to FILE (written atomically) or to stdout.
#include <iostream>

#include "cli/cli_support.hpp"
#include "cli/commands.hpp"
#include "core/export/leads_csv.hpp"
#include "core/io/workspace_json.hpp"

namespace nurture::cli {

int run_export(int argc, char** argv, int first) {
  const auto args = parse_args(argc, argv, first, ArgSpec{{"--format", "-o"}, {}, {}, 1, 1});
  if (!args) return fail("export", args.error().message, k_exit_usage);
  const std::string format = args.value().get("--format").value_or("json");
  if (format != "json" && format != "csv") {
    return fail("export", "unknown format '" + format + "' (json, csv)", k_exit_usage);
  }
  const auto ws = load_workspace(args.value().positional[0], false);
  if (!ws) return fail("export", ws.error().message);

  const std::string bytes = format == "csv" ? write_leads_csv(ws.value()) : workspace_to_json(ws.value());
  if (const auto out = args.value().get("-o")) {
    if (const auto status = write_file_atomic(*out, bytes); !status.ok())
      return fail("export", status.message);
    nlohmann::ordered_json result;
    result["format"] = format;
    result["file"] = *out;
    result["bytes"] = bytes.size();
    result["leads"] = ws.value().leads.size();
    return print_json(result);
  }
  std::cout << bytes;
  return std::cout.good() ? k_exit_ok : fail("export", "cannot write to stdout");
}

}  // namespace nurture::cli
