// nurture audience W.json --segment 'QUERY' --format meta|google [-o FILE] [--now ISO8601]
//                  [--utc-offset MINUTES]: a segment's members as a Meta customer list or a Google
// Customer Match file, hashed here (core/audience/audience.hpp, docs/audience.md).
#include <string>

#include "cli/cli_support.hpp"
#include "cli/commands.hpp"
#include "cli/segment_support.hpp"
#include "core/audience/audience.hpp"

namespace nurture::cli {

int run_audience(int argc, char** argv, int first) {
  const auto args = parse_args(
      argc, argv, first, ArgSpec{{"--segment", "--format", "-o", "--now", "--utc-offset"}, {}, {}, 1, 1});
  if (!args) return fail("audience", args.error().message, k_exit_usage);
  const auto query = args.value().get("--segment");
  if (!query) return fail("audience", "missing --segment 'QUERY' (the leads to export)", k_exit_usage);
  const auto format_text = args.value().get("--format");
  if (!format_text) return fail("audience", "missing --format meta|google", k_exit_usage);
  const auto format = parse_audience_format(*format_text);
  if (!format)
    return fail("audience", "unknown format '" + *format_text + "' (use meta or google)", k_exit_usage);
  const auto when = when_of(args.value());
  if (!when) return fail("audience", when.error().message, k_exit_usage);

  const auto ws = load_workspace(args.value().positional[0], false);
  if (!ws) return fail("audience", ws.error().message);
  QueryFailure failure;
  const auto members = evaluate_query(ws.value(), *query, when.value(), failure);
  if (!members)
    return fail("audience", "--segment: " + failure.error.describe(),
                failure.usage ? k_exit_usage : k_exit_failure);
  auto file = build_audience(ws.value(), members.value(), *format, local_date(when.value()));
  if (!file) return fail("audience", file.error().message, k_exit_usage);

  // Without -o the file gets its neutral name in the current directory.
  const std::string path = args.value().get("-o").value_or(file.value().file_name);
  if (const auto status = write_file_atomic(path, file.value().csv); !status.ok())
    return fail("audience", status.message);

  const AudienceCount& c = file.value().count;
  nlohmann::ordered_json out;
  out["file"] = path;
  out["name"] = file.value().file_name;
  out["format"] = to_string(*format);
  out["members"] = c.members;
  out["rows"] = c.qualifying;
  out["with_email"] = c.with_email;
  out["with_phone"] = c.with_phone;
  nlohmann::ordered_json skipped = nlohmann::ordered_json::object();
  for (std::size_t i = 0; i < k_audience_skip_count; ++i)
    skipped[std::string(to_string(static_cast<AudienceSkip>(i)))] = c.skipped[i];
  out["skipped"] = std::move(skipped);
  return print_json(out);
}

}  // namespace nurture::cli
