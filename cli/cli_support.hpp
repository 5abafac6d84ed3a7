#pragma once
/// Shared plumbing of the `nurture` subcommands: argument parsing, reading files, writing them
/// atomically (temp file + rename, so a failure never leaves a partial file), loading a
/// workspace file, and printing results as JSON.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/model/workspace.hpp"
#include "core/util/civil_time.hpp"
#include "core/util/expected.hpp"

namespace nurture::cli {

/// Exit codes: 0 success, 1 runtime failure (unreadable or invalid data), 2 usage error.
inline constexpr int k_exit_ok = 0;
inline constexpr int k_exit_failure = 1;
inline constexpr int k_exit_usage = 2;

/// The arguments after the subcommand name: positionals in order, options by name. An option
/// listed in `repeatable` may appear several times; the others at most once.
struct Args {
  std::vector<std::string> positional;
  std::map<std::string, std::vector<std::string>> options;  ///< "--map" → {"A=b", …}

  [[nodiscard]] std::optional<std::string> get(const std::string& name) const;
  [[nodiscard]] bool has(const std::string& name) const { return options.count(name) != 0; }
};

/// What a subcommand accepts: options that take a value and flags that don't.
struct ArgSpec {
  std::vector<std::string> with_value;  ///< e.g. "-o", "--format"
  std::vector<std::string> flags;       ///< e.g. "--dry-run"
  std::vector<std::string> repeatable;  ///< subset of with_value, e.g. "--map"
  std::size_t min_positional = 0;
  std::size_t max_positional = 0;
};

/// Parses `argv[first..argc)`; an Error says which argument is wrong (a usage error).
Expected<Args> parse_args(int argc, char** argv, int first, const ArgSpec& spec);

/// The whole file, or an Error naming the path and the reason.
Expected<std::string> read_file(const std::string& path);
/// Writes `bytes` to a temporary file next to `path`, flushes it, then renames it over `path`.
Status write_file_atomic(const std::string& path, std::string_view bytes);
/// True when `path` exists.
bool file_exists(const std::string& path);

/// Loads a workspace file; a missing file gives an empty workspace when `allow_missing`.
Expected<Workspace> load_workspace(const std::string& path, bool allow_missing);

/// The wall clock, in Unix milliseconds (the CLI is a front end: it may read the clock).
UnixMillis now_millis();
/// A random 64-bit value (never 0), for new ids and this run's device id.
std::uint64_t random_u64();

/// Prints `value` as pretty JSON on stdout and returns k_exit_ok.
int print_json(const nlohmann::ordered_json& value);
/// Prints "nurture <command>: message" on stderr and returns `code`.
int fail(std::string_view command, std::string_view message, int code = k_exit_failure);

}  // namespace nurture::cli
