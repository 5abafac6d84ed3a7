// nurture: command-line front end over the core. Results are JSON on stdout; errors go to
// stderr with a non-zero exit (2 for usage errors).
#include <cstdio>
#include <cstring>
#include <string>
#include <string_view>

#include "cli/commands.hpp"

namespace {

constexpr const char* k_usage = R"(nurture — patient lead nurturing for medical and aesthetic practices

Usage:
  nurture --version           print the version
  nurture --help              print this help
  nurture <command> [args]    run a command

Commands:
  nurture stats W.json                          counts of leads and events, by stage and source
  nurture import W.json FILE [--format auto|meta-leads|mailchimp|hubspot|csv|events]
                 [--map COLUMN=FIELD ...] [--dry-run]
                                                import leads or activity (creates W.json)
  nurture export W.json [--format json|csv] [-o F]
                                                the workspace file or the leads as CSV
  nurture merge A.json B.json -o OUT.json       merge two devices' workspace files
  nurture demo -o W.json [--leads N] [--seed S] write the fictional demo practice
  nurture segment W.json 'QUERY' [--now ISO8601] [--utc-offset MIN] [--ids] [--explain LEAD_ID]
                                                count (and list) the leads a segment query matches
  nurture score W.json [--now ISO8601] [--utc-offset MIN] [--lead LEAD_ID]
                                                every lead's scores, or why one lead has its score
  nurture due W.json --at ISO8601 [--mark-sent]  the touches due at that moment and those held back
                                                (--mark-sent records them as sent in W.json)
  nurture enroll W.json --sequence NAME (--segment 'QUERY' | --lead ID) --at ISO8601
                                                enrol leads in a sequence (W.json is updated)
  nurture simulate W.json --from ISO8601 --days N [--lead ID] [--touches]
                                                the next N days if every touch goes as it comes due
  nurture metrics W.json --from DATE --to DATE [--by source|treatment|sequence] [--source X]
                 [--treatment X] [--segment NAME] [--sequence ID] [--pipeline ID]
                                                funnel, per-step and nurtured-vs-not figures
  nurture spend W.json [--import FILE.csv [--source ID] [--out OUT.json] [--dry-run]]
                                                the ad-spend table, or a spend CSV read into it
  nurture stages W.json [--apply] [--out OUT.json] [--now ISO8601]
                                                the stage moves the funnel's rules would make
                                                (--apply writes them to W.json or OUT.json)
  nurture audience W.json --segment 'QUERY' --format meta|google [-o F] [--now ISO8601] [--utc-offset MIN]
                                                a segment as a hashed Meta or Google customer list
  nurture ledger W.json [--lead ID] [--out FILE] [--csv]
                                                the consent ledger as an audit export (JSON or CSV)
  nurture ledger-verify FILE                    check an exported ledger (exit 1 names the first
                                                altered entry)

Results are JSON on stdout; errors go to stderr with exit code 1 (2 for usage errors).
See docs/cli.md for every command and field.
)";

int usage_error(const std::string& message) {
  std::fprintf(stderr, "nurture: %s\nRun 'nurture --help' for usage.\n", message.c_str());
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) return usage_error("no command given");
  const std::string_view first = argv[1];
  if (first == "--version" || first == "-V") {
    std::printf("nurture %s\n", NURTURE_VERSION);
    return 0;
  }
  if (first == "--help" || first == "-h" || first == "help") {
    std::fputs(k_usage, stdout);
    return 0;
  }
  if (first == "stats") return nurture::cli::run_stats(argc, argv, 2);
  if (first == "export") return nurture::cli::run_export(argc, argv, 2);
  if (first == "import") return nurture::cli::run_import(argc, argv, 2);
  if (first == "merge") return nurture::cli::run_merge(argc, argv, 2);
  if (first == "demo") return nurture::cli::run_demo(argc, argv, 2);
  if (first == "segment") return nurture::cli::run_segment(argc, argv, 2);
  if (first == "score") return nurture::cli::run_score(argc, argv, 2);
  if (first == "due") return nurture::cli::run_due(argc, argv, 2);
  if (first == "enroll") return nurture::cli::run_enroll(argc, argv, 2);
  if (first == "simulate") return nurture::cli::run_simulate(argc, argv, 2);
  if (first == "metrics") return nurture::cli::run_metrics(argc, argv, 2);
  if (first == "spend") return nurture::cli::run_spend(argc, argv, 2);
  if (first == "stages") return nurture::cli::run_stages(argc, argv, 2);
  if (first == "audience") return nurture::cli::run_audience(argc, argv, 2);
  if (first == "ledger") return nurture::cli::run_ledger(argc, argv, 2);
  if (first == "ledger-verify") return nurture::cli::run_ledger_verify(argc, argv, 2);
  return usage_error("unknown command '" + std::string(first) + "'");
}
