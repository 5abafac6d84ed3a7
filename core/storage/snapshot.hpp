#pragma once
/// Stored snapshots and recovery. The app stores the workspace as a binary image
/// (workspace_image.hpp); snapshots written before it are the workspace JSON behind a one-line
/// header. Both carry their length and a checksum, so a torn or corrupted write is detected on
/// load and the loader falls back to the previous snapshot, then to the newest daily backup —
/// never to an empty workspace while any good copy exists.

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "core/model/workspace.hpp"
#include "core/storage/snapshot_parts.hpp"
#include "core/util/expected.hpp"

namespace nurture {

/// What the app stores: the workspace as a binary image (encode_image).
std::string seal_workspace(const Workspace& ws);

/// Opens a stored workspace of either format, told apart by the first bytes: a binary image
/// (decode_image) or a sealed JSON snapshot (open_snapshot, then workspace_from_json).
Expected<Workspace> open_workspace(std::string_view stored);

/// The snapshot a stored file stands for: a parts manifest's parts read through `read_part` and
/// joined (join_parts, which checks every part); any other file as it is.
Expected<std::string> resolve_stored(std::string stored, const PartReader& read_part);

/// The JSON snapshot format (still read; still written by tests and tools that want text):
/// "NURTURE-SNAPSHOT 1 <length> <fnv1a64 hex>\n" + workspace JSON.
std::string seal_snapshot(std::string_view workspace_json);

/// Checks a JSON snapshot's header, length and checksum; returns the payload or why it is
/// unusable.
Expected<std::string_view> open_snapshot(std::string_view stored);

/// One stored copy the loader may use, in order of preference.
struct SnapshotCandidate {
  std::string label;                 ///< shown to the user, e.g. "latest save" or "backup of 2026-11-20"
  std::optional<std::string> bytes;  ///< nullopt when the file does not exist
};

struct Recovery {
  /// The workspace to open; empty (first run) only when no candidate existed at all.
  Workspace workspace;
  /// Label of the candidate used, or empty on first run.
  std::string source;
  /// Empty when the first candidate was fine; otherwise says what was damaged and what was
  /// restored instead, for the status bar.
  std::string warning;
  /// True when candidates existed but none could be read: the app must not overwrite them.
  bool unreadable = false;
};

/// Picks the first candidate that opens and parses. Pure: the platform reads the files, and
/// `read_part` the parts of candidates that are parts manifests.
Recovery recover_workspace(std::span<const SnapshotCandidate> candidates, const PartReader& read_part = {});

}  // namespace nurture
