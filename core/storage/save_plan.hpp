#pragma once
/// The file operations of one save, decided without touching a file system so that the order
/// (the part that makes a save atomic and keeps a fallback copy) is unit-tested. The platform
/// executes the operations in order, then makes them durable in one IndexedDB transaction.

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/util/civil_time.hpp"

namespace nurture {

/// The two snapshot slots. A save writes the slot that does not hold the latest save, then the
/// head file naming it: the copy before stays where it is, and IndexedDB, which stores only the
/// files that changed, is not sent it again (a snapshot of 100,000 leads is about 67 MB, and
/// copying it into IndexedDB is most of a save's time). The first slot is where stores written
/// before the head file existed keep their latest save (the second held the one before it).
inline constexpr std::array<std::string_view, 2> k_snapshot_slots = {"workspace.snap", "workspace.prev.snap"};
/// Holds the name of the slot with the latest save.
inline constexpr std::string_view k_head_file = "workspace.head";
inline constexpr std::string_view k_preferences_file = "prefs.json";
inline constexpr std::string_view k_meta_file = "meta.json";  ///< {"last_export_at": unix ms}

/// The slot the head file's text names as the latest save: the first slot when there is no head
/// file (nullopt: a store from before it) or its text names no slot.
std::string_view latest_slot(const std::optional<std::string>& head_text);
/// The slot that is not `slot`.
std::string_view other_slot(std::string_view slot);

/// One step of a save. `write` stores the new sealed snapshot (or its parts manifest) under
/// `name`; `write_part` stores the new snapshot's part `name` (snapshot_parts.hpp);
/// `write_text` stores `text` under `name`; `copy` and `rename` go from `name` to `to`;
/// `remove` deletes `name`.
struct FileOp {
  enum class Kind { write, write_part, write_text, copy, rename, remove };
  Kind kind = Kind::write;
  std::string name;
  std::string to;
  std::string text;
  friend bool operator==(const FileOp&, const FileOp&) = default;
};

struct SavePlanInput {
  std::span<const std::string> existing;  ///< file names present now
  CivilDate today;                        ///< the date today's backup is named after
  /// The present latest snapshot is known to open (it was loaded or written by this tab).
  /// When false it is damaged and is moved aside rather than kept as the previous copy.
  bool latest_is_good = true;
  std::int64_t now = 0;  ///< Unix ms, names a moved-aside damaged file
  /// The slot holding the latest save now (latest_slot of the head file as loaded, then the
  /// slot each save wrote).
  std::string_view latest = k_snapshot_slots[0];
  /// The part names of the new snapshot, in order (snapshot_parts.hpp); empty when the
  /// snapshot is written whole.
  std::span<const std::string> parts{};
  /// For each present file that is a parts manifest, the part names it references
  /// (referenced_parts): the parts no remaining file references are removed.
  std::map<std::string, std::vector<std::string>> references{};
};

/// The operations, in order: write the new snapshot's parts that are not stored yet; keep the
/// present latest as today's backup (first save of the day; a manifest's copy shares its parts)
/// or, on the very first save, write the new snapshot there; write the new snapshot to the other
/// slot (a damaged latest is moved aside instead, and its slot written); write the head file
/// naming the slot written; drop backups past retention; last, remove the parts no remaining
/// file references. The platform makes all of them durable in one IndexedDB transaction, so a
/// crash before it leaves the stored files untouched, and one after it leaves the new latest
/// and the previous copy.
std::vector<FileOp> plan_save(const SavePlanInput& input);

/// The slot a plan writes the new snapshot to (the text of its head-file operation).
std::string_view written_slot(std::span<const FileOp> ops);

/// "damaged-YYYYMMDDTHHMMSSZ-<name>": where an unreadable file is kept instead of being
/// overwritten, so that nothing the user had is ever destroyed by the app.
std::string damaged_name(std::int64_t now, std::string_view name);

/// Labels for recovery candidates: "latest save" (the slot `latest`), "previous save" (the other
/// slot), "backup of 2026-11-20"; other names as they are.
std::string candidate_label(std::string_view file_name, std::string_view latest);

}  // namespace nurture
