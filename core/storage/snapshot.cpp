#include "core/storage/snapshot.hpp"

#include <charconv>
#include <limits>

#include "core/io/workspace_json.hpp"
#include "core/storage/image_decoder.hpp"
#include "core/storage/workspace_image.hpp"
#include "core/util/checksum.hpp"

namespace nurture {

namespace {
constexpr std::string_view k_magic = "NURTURE-SNAPSHOT 1 ";
}

std::string seal_snapshot(std::string_view workspace_json) {
  std::string out;
  out.reserve(workspace_json.size() + 64);
  out += k_magic;
  out += std::to_string(workspace_json.size());
  out += ' ';
  out += to_hex64(fnv1a64(workspace_json));
  out += '\n';
  out += workspace_json;
  return out;
}

Expected<std::string_view> open_snapshot(std::string_view stored) {
  if (stored.substr(0, k_magic.size()) != k_magic) return Error{"not a Nurture snapshot"};
  const auto newline = stored.find('\n');
  if (newline == std::string_view::npos) return Error{"snapshot header is incomplete"};
  const std::string_view header = stored.substr(k_magic.size(), newline - k_magic.size());
  const auto space = header.find(' ');
  if (space == std::string_view::npos) return Error{"snapshot header is damaged"};
  std::size_t length = 0;
  const auto len_text = header.substr(0, space);
  const auto [ptr, ec] = std::from_chars(len_text.data(), len_text.data() + len_text.size(), length);
  if (ec != std::errc{} || ptr != len_text.data() + len_text.size())
    return Error{"snapshot header is damaged"};
  const std::string_view payload = stored.substr(newline + 1);
  if (payload.size() != length) {
    return Error{"snapshot is truncated (" + std::to_string(payload.size()) + " of " +
                 std::to_string(length) + " bytes)"};
  }
  if (to_hex64(fnv1a64(payload)) != header.substr(space + 1))
    return Error{"snapshot checksum does not match"};
  return payload;
}

std::string seal_workspace(const Workspace& ws) { return encode_image(ws); }

Expected<Workspace> open_workspace(std::string_view stored) {
  ImageDecoder decoder(stored);  // both formats; one step each for as long as it takes
  while (!decoder.step(std::numeric_limits<std::size_t>::max())) {
  }
  return decoder.take();
}

Expected<std::string> resolve_stored(std::string stored, const PartReader& read_part) {
  if (!is_manifest(stored)) return stored;
  auto manifest = parse_manifest(stored);
  if (!manifest) return manifest.error();
  if (!read_part) return Error{"snapshot parts cannot be read here"};
  return join_parts(manifest.value(), read_part);
}

Recovery recover_workspace(std::span<const SnapshotCandidate> candidates, const PartReader& read_part) {
  Recovery result;
  std::string problems;
  bool any_existed = false;
  for (const auto& candidate : candidates) {
    if (!candidate.bytes) continue;
    any_existed = true;
    // A manifest's parts are joined into a copy; any other file opens where it is.
    auto ws = [&]() -> Expected<Workspace> {
      if (!is_manifest(*candidate.bytes)) return open_workspace(*candidate.bytes);
      auto joined = resolve_stored(*candidate.bytes, read_part);
      if (!joined) return joined.error();
      return open_workspace(joined.value());
    }();
    if (!ws) {
      problems += (problems.empty() ? "" : "; ") + candidate.label + ": " + ws.error().message;
      continue;
    }
    result.workspace = std::move(ws).value();
    result.source = candidate.label;
    if (!problems.empty()) result.warning = "Restored from the " + candidate.label + " because " + problems;
    return result;
  }
  result.unreadable = any_existed;
  if (any_existed) result.warning = "No stored copy could be read (" + problems + ")";
  return result;
}

}  // namespace nurture
