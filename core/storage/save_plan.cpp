#include "core/storage/save_plan.hpp"

#include <algorithm>
#include <set>

#include "core/storage/backups.hpp"
#include "core/storage/snapshot_parts.hpp"

namespace nurture {

namespace {

bool contains(std::span<const std::string> files, std::string_view name) {
  return std::find(files.begin(), files.end(), name) != files.end();
}

}  // namespace

std::string_view latest_slot(const std::optional<std::string>& head_text) {
  if (head_text && *head_text == k_snapshot_slots[1]) return k_snapshot_slots[1];
  return k_snapshot_slots[0];
}

std::string_view other_slot(std::string_view slot) {
  return slot == k_snapshot_slots[0] ? k_snapshot_slots[1] : k_snapshot_slots[0];
}

std::vector<FileOp> plan_save(const SavePlanInput& in) {
  using Kind = FileOp::Kind;
  std::vector<FileOp> ops;
  // Parts first: every manifest written below names only parts that are there. A part already
  // present has the same bytes (its name is its checksum and length), so it is not sent again.
  std::set<std::string> wanted(in.parts.begin(), in.parts.end());
  for (const auto& part : wanted) {
    if (!contains(in.existing, part)) ops.push_back({Kind::write_part, part, {}, {}});
  }
  const std::string latest(latest_slot(std::string(in.latest)));
  const bool has_latest = contains(in.existing, latest);
  const bool latest_usable = has_latest && in.latest_is_good;

  const auto backups = plan_backups(in.existing, in.today);
  if (backups.write_today) {
    // Today's backup is the workspace as it was when the day's first save began, so a bad
    // change made today can be undone from it. With no usable latest copy, the new state is
    // the best there is.
    const std::string today = backup_name(in.today);
    if (latest_usable) {
      ops.push_back({Kind::copy, latest, today, {}});
    } else {
      ops.push_back({Kind::write, today, {}, {}});
    }
  }

  // The new bytes never go over the latest good copy: into the other slot, which held the copy
  // before it. A damaged latest is kept under a new name, and its slot takes the new bytes, so
  // the good other slot stays as the previous copy.
  std::string target(other_slot(latest));
  if (!latest_usable) {
    if (has_latest) ops.push_back({Kind::rename, latest, damaged_name(in.now, latest), {}});
    target = latest;
  }
  ops.push_back({Kind::write, target, {}, {}});
  // Last: until the head names the new slot, the loader opens the old latest.
  ops.push_back({Kind::write_text, std::string(k_head_file), {}, target});
  for (const auto& old : backups.remove) ops.push_back({Kind::remove, old, {}, {}});

  // Parts referenced by no file that remains go. A damaged latest moved aside keeps its parts
  // (nothing the user had is destroyed), and a copied backup references what the latest does,
  // which remains; a slot written over and the backups removed reference nothing any more (the
  // new snapshot's parts are `wanted`).
  const bool moved_aside = !latest_usable && has_latest;
  for (const auto& [file, parts] : in.references) {
    const bool overwritten = file == target && !moved_aside;
    const bool gone =
        overwritten || std::find(backups.remove.begin(), backups.remove.end(), file) != backups.remove.end();
    if (!gone && contains(in.existing, file)) wanted.insert(parts.begin(), parts.end());
  }
  for (const auto& name : in.existing) {
    if (parse_part_name(name) && !wanted.contains(name)) ops.push_back({Kind::remove, name, {}, {}});
  }
  return ops;
}

std::string_view written_slot(std::span<const FileOp> ops) {
  for (const auto& op : ops) {
    if (op.kind == FileOp::Kind::write_text && op.name == k_head_file) return latest_slot(op.text);
  }
  return k_snapshot_slots[0];
}

std::string damaged_name(std::int64_t now, std::string_view name) {
  // "2026-11-27T08:42:05Z" → "20261127T084205Z": sortable, and legal in every file system.
  std::string stamp;
  for (const char c : format_iso8601_utc(now)) {
    if (c != '-' && c != ':') stamp += c;
  }
  return "damaged-" + stamp + "-" + std::string(name);
}

std::string candidate_label(std::string_view file_name, std::string_view latest) {
  if (file_name == latest) return "latest save";
  if (file_name == other_slot(latest)) return "previous save";
  if (const auto day = backup_date(file_name)) return "backup of " + format_date(*day);
  return std::string(file_name);
}

}  // namespace nurture
