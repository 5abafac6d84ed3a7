// nurture demo -o W.json [--leads N] [--seed S] [--playbooks DIR]: writes the fictional demo
// practice, with the demo's sequences from the playbooks in DIR (by default the assets/playbooks
// of the source tree this binary was built from, as the app bundles them).
#include <charconv>

#include "cli/cli_support.hpp"
#include "cli/commands.hpp"
#include "core/demo/demo_practice.hpp"
#include "core/demo/demo_sequences.hpp"
#include "core/io/sequence_json.hpp"
#include "core/io/workspace_json.hpp"

namespace nurture::cli {

namespace {

std::optional<std::uint64_t> parse_count(const std::string& text) {
  std::uint64_t v = 0;
  const auto* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, v);
  if (ec != std::errc() || ptr != end) return std::nullopt;
  return v;
}

}  // namespace

int run_demo(int argc, char** argv, int first) {
  const auto args =
      parse_args(argc, argv, first, ArgSpec{{"-o", "--leads", "--seed", "--playbooks"}, {}, {}, 0, 0});
  if (!args) return fail("demo", args.error().message, k_exit_usage);
  const auto out = args.value().get("-o");
  if (!out) return fail("demo", "missing -o FILE", k_exit_usage);
  DemoOptions options;
  options.now = now_millis();
  options.device = random_u64();
  options.sequence_history = true;  // the playbooks' sequences are added below
  if (const auto leads = args.value().get("--leads")) {
    const auto n = parse_count(*leads);
    if (!n || *n > 1'000'000) return fail("demo", "--leads must be a number from 0 to 1000000", k_exit_usage);
    options.leads = static_cast<std::size_t>(*n);
  }
  if (const auto seed = args.value().get("--seed")) {
    const auto s = parse_count(*seed);
    if (!s) return fail("demo", "--seed must be a non-negative integer", k_exit_usage);
    options.seed = *s;
  }
  Workspace ws = make_demo_practice(options);
  const std::string dir = args.value().get("--playbooks").value_or(NURTURE_PLAYBOOK_DIR);
  std::vector<Sequence> playbooks;
  for (const char* file : k_demo_playbooks) {
    const auto text = read_file(dir + "/" + file);
    if (!text)
      return fail("demo", text.error().message + " (give the playbooks' folder with --playbooks DIR)");
    auto seq = sequence_from_json_text(text.value());
    if (!seq) return fail("demo", dir + "/" + file + ": " + seq.error().message);
    playbooks.push_back(std::move(seq).value());
  }
  add_demo_sequences(ws, std::move(playbooks), options.now, options.device);
  const std::string bytes = workspace_to_json(ws);
  if (const auto status = write_file_atomic(*out, bytes); !status.ok()) return fail("demo", status.message);
  nlohmann::ordered_json result;
  result["file"] = *out;
  result["practice"] = ws.practice.name;
  result["leads"] = ws.leads.size();
  result["events"] = ws.events.size();
  result["sequences"] = ws.sequences.size();
  result["seed"] = options.seed;
  result["bytes"] = bytes.size();
  return print_json(result);
}

}  // namespace nurture::cli
