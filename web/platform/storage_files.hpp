#pragma once
/// The stored files as the app sees them: plain files in the in-memory file system under
/// /nurture, which IDBFS mirrors to IndexedDB on each sync. Nothing here syncs.

#include <functional>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/storage/save_plan.hpp"
#include "core/storage/snapshot.hpp"
#include "core/storage/snapshot_parts.hpp"
#include "core/util/expected.hpp"

namespace nurture::web::storage_files {

inline constexpr const char* k_dir = "/nurture";

/// Names of the regular files in the storage folder.
std::vector<std::string> list();
/// The bytes of `name`, or nullopt when it does not exist or cannot be read.
std::optional<std::string> read(const std::string& name);
/// Writes `bytes` to `name`, replacing it; fails with a message.
Status write(const std::string& name, std::string_view bytes);
Status rename(const std::string& from, const std::string& to);
Status remove(const std::string& name);

/// The bytes of the new snapshot's part `name` (a write_part op).
using PartBytes = std::function<std::string_view(const std::string& name)>;

/// Performs `ops` in order; `sealed` is what a write op stores (a write_text op stores its text, a
/// write_part op the part's bytes). Stops at the first failure. `before_each` (optional) sees each op
/// just before it runs: the browser tests' fault injection (an abort in the middle of a save) hooks in.
Status apply(std::span<const FileOp> ops, std::string_view sealed, const PartBytes& part_bytes,
             const std::function<void(const FileOp&)>& before_each = {});

/// For each of `files` that is a parts manifest, the parts it references (save_plan's input).
std::map<std::string, std::vector<std::string>> references(std::span<const std::string> files);
/// The part files among `files` whose bytes do not match their name (length and checksum).
std::vector<std::string> damaged_parts(std::span<const std::string> files);

/// The slot the stored head file names as the latest save (save_plan.hpp).
std::string_view latest_slot();
/// Recovery candidates in order: the latest slot, the other slot, then backups newest first.
std::vector<SnapshotCandidate> candidates(std::span<const std::string> files, std::string_view latest);

}  // namespace nurture::web::storage_files
