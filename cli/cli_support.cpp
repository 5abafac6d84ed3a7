#include "cli/cli_support.hpp"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>
#include <sstream>

#include "core/io/workspace_json.hpp"

namespace nurture::cli {

namespace {

bool contains(const std::vector<std::string>& list, const std::string& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

}  // namespace

std::optional<std::string> Args::get(const std::string& name) const {
  const auto it = options.find(name);
  if (it == options.end() || it->second.empty()) return std::nullopt;
  return it->second.back();
}

Expected<Args> parse_args(int argc, char** argv, int first, const ArgSpec& spec) {
  Args args;
  for (int i = first; i < argc; ++i) {
    std::string arg = argv[i];
    std::optional<std::string> inline_value;
    if (arg.rfind("--", 0) == 0) {
      // --name=value is the same as --name value.
      if (const auto eq = arg.find('='); eq != std::string::npos) {
        inline_value = arg.substr(eq + 1);
        arg.resize(eq);
      }
    }
    if (contains(spec.flags, arg) && !inline_value) {
      args.options[arg].emplace_back();
      continue;
    }
    if (contains(spec.with_value, arg)) {
      if (args.has(arg) && !contains(spec.repeatable, arg)) return Error{"option " + arg + " given twice"};
      if (inline_value) {
        args.options[arg].push_back(*inline_value);
      } else if (i + 1 < argc) {
        args.options[arg].emplace_back(argv[++i]);
      } else {
        return Error{"option " + arg + " needs a value"};
      }
      continue;
    }
    if (arg.size() > 1 && arg[0] == '-') return Error{"unknown option '" + arg + "'"};
    args.positional.push_back(arg);
  }
  if (args.positional.size() < spec.min_positional) return Error{"missing arguments"};
  if (args.positional.size() > spec.max_positional) {
    return Error{"unexpected argument '" + args.positional[spec.max_positional] + "'"};
  }
  return args;
}

Expected<std::string> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error{"cannot open " + path + ": " + std::strerror(errno)};
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (in.bad()) return Error{"cannot read " + path};
  return bytes.str();
}

Status write_file_atomic(const std::string& path, std::string_view bytes) {
  namespace fs = std::filesystem;
  const fs::path target(path);
  fs::path temp = target;
  temp += ".tmp-" + std::to_string(random_u64() % 1000000);
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    if (!out) return Status::failure("cannot write " + temp.string() + ": " + std::strerror(errno));
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.flush();
    if (!out) {
      out.close();
      std::error_code ignored;
      fs::remove(temp, ignored);
      return Status::failure("cannot write " + path + " (disk full?)");
    }
  }
  std::error_code ec;
  fs::rename(temp, target, ec);
  if (ec) {
    std::error_code ignored;
    fs::remove(temp, ignored);
    return Status::failure("cannot replace " + path + ": " + ec.message());
  }
  return Status::success();
}

bool file_exists(const std::string& path) {
  std::error_code ec;
  return std::filesystem::exists(path, ec);
}

Expected<Workspace> load_workspace(const std::string& path, bool allow_missing) {
  if (allow_missing && !file_exists(path)) return Workspace{};
  auto bytes = read_file(path);
  if (!bytes) return bytes.error();
  auto ws = workspace_from_json(bytes.value());
  if (!ws) return Error{path + ": " + ws.error().describe()};
  return ws;
}

UnixMillis now_millis() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

std::uint64_t random_u64() {
  // Seeded once per run from the OS; ids only need to be unique, not secret.
  static std::mt19937_64 engine = [] {
    std::random_device device;
    std::seed_seq seed{device(), device(), device(), device()};
    return std::mt19937_64(seed);
  }();
  std::uint64_t v = 0;
  while (v == 0) v = engine();
  return v;
}

int print_json(const nlohmann::ordered_json& value) {
  std::cout << value.dump(2) << '\n';
  return k_exit_ok;
}

int fail(std::string_view command, std::string_view message, int code) {
  std::cerr << "nurture " << command << ": " << message << '\n';
  return code;
}

}  // namespace nurture::cli
