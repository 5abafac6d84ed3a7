#pragma once
/// The file operations of one save, decided without touching a file system so that the order
/// (the part that makes a save atomic and keeps a fallback copy) is unit-tested. The platform
/// executes the operations in order, then makes them durable in one IndexedDB transaction.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/util/civil_time.hpp"

namespace nurture {

inline constexpr std::string_view k_latest_snapshot = "workspace.snap";
inline constexpr std::string_view k_previous_snapshot = "workspace.prev.snap";
inline constexpr std::string_view k_snapshot_temp = "workspace.snap.tmp";
inline constexpr std::string_view k_preferences_file = "prefs.json";
inline constexpr std::string_view k_meta_file = "meta.json";  ///< {"last_export_at": unix ms}

/// One step of a save. `write` stores the new sealed snapshot under `name`; `copy` and
/// `rename` go from `name` to `to`; `remove` deletes `name`.
struct FileOp {
  enum class Kind { write, copy, rename, remove };
  Kind kind = Kind::write;
  std::string name;
  std::string to;
  friend bool operator==(const FileOp&, const FileOp&) = default;
};

struct SavePlanInput {
  std::span<const std::string> existing;  ///< file names present now
  CivilDate today;                        ///< the date today's backup is named after
  /// The present latest snapshot is known to open (it was loaded or written by this tab).
  /// When false it is damaged and is moved aside rather than becoming the previous copy.
  bool latest_is_good = true;
  std::int64_t now = 0;  ///< Unix ms, names a moved-aside damaged file
};

/// The operations, in order: write the temp file; keep the present latest as today's backup
/// (first save of the day) or, on the very first save, the new snapshot; rotate the latest to
/// previous (or move a damaged one aside); rename temp to latest; drop backups past retention.
/// A crash before the final sync leaves the stored files untouched.
std::vector<FileOp> plan_save(const SavePlanInput& input);

/// "damaged-YYYYMMDDTHHMMSSZ-<name>": where an unreadable file is kept instead of being
/// overwritten, so that nothing the user had is ever destroyed by the app.
std::string damaged_name(std::int64_t now, std::string_view name);

/// Labels for recovery candidates: "latest save", "previous save", "backup of 2026-11-20".
std::string candidate_label(std::string_view file_name);

}  // namespace nurture
