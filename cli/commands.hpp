#pragma once
/// The `nurture` subcommands. Each takes the full argv and the index of its first argument,
/// prints its result as JSON on stdout and returns the exit code (see cli_support.hpp).

namespace nurture::cli {

int run_stats(int argc, char** argv, int first);
int run_export(int argc, char** argv, int first);
int run_import(int argc, char** argv, int first);
int run_merge(int argc, char** argv, int first);
int run_demo(int argc, char** argv, int first);
int run_segment(int argc, char** argv, int first);
int run_score(int argc, char** argv, int first);
int run_due(int argc, char** argv, int first);
int run_enroll(int argc, char** argv, int first);
int run_audience(int argc, char** argv, int first);
int run_simulate(int argc, char** argv, int first);
int run_metrics(int argc, char** argv, int first);
int run_spend(int argc, char** argv, int first);
int run_stages(int argc, char** argv, int first);
int run_ledger(int argc, char** argv, int first);
int run_ledger_verify(int argc, char** argv, int first);

}  // namespace nurture::cli
