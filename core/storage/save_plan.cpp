#include "core/storage/save_plan.hpp"

#include <algorithm>

#include "core/storage/backups.hpp"

namespace nurture {

namespace {

bool contains(std::span<const std::string> files, std::string_view name) {
  return std::find(files.begin(), files.end(), name) != files.end();
}

}  // namespace

std::vector<FileOp> plan_save(const SavePlanInput& in) {
  using Kind = FileOp::Kind;
  std::vector<FileOp> ops;
  const std::string latest(k_latest_snapshot);
  const std::string temp(k_snapshot_temp);
  const bool has_latest = contains(in.existing, latest);
  const bool latest_usable = has_latest && in.latest_is_good;

  // The new bytes go to a temp file first: an interrupted write never replaces a good copy.
  ops.push_back({Kind::write, temp, {}});

  const auto backups = plan_backups(in.existing, in.today);
  if (backups.write_today) {
    // Today's backup is the workspace as it was when the day's first save began, so a bad
    // change made today can be undone from it. With no usable latest copy, the new state is
    // the best there is.
    const std::string today = backup_name(in.today);
    if (latest_usable) {
      ops.push_back({Kind::copy, latest, today});
    } else {
      ops.push_back({Kind::write, today, {}});
    }
  }

  if (latest_usable) {
    ops.push_back({Kind::rename, latest, std::string(k_previous_snapshot)});
  } else if (has_latest) {
    ops.push_back({Kind::rename, latest, damaged_name(in.now, latest)});
  }
  ops.push_back({Kind::rename, temp, latest});
  for (const auto& old : backups.remove) ops.push_back({Kind::remove, old, {}});
  return ops;
}

std::string damaged_name(std::int64_t now, std::string_view name) {
  // "2026-11-27T08:42:05Z" → "20261127T084205Z": sortable, and legal in every file system.
  std::string stamp;
  for (const char c : format_iso8601_utc(now)) {
    if (c != '-' && c != ':') stamp += c;
  }
  return "damaged-" + stamp + "-" + std::string(name);
}

std::string candidate_label(std::string_view file_name) {
  if (file_name == k_latest_snapshot) return "latest save";
  if (file_name == k_previous_snapshot) return "previous save";
  if (const auto day = backup_date(file_name)) return "backup of " + format_date(*day);
  return std::string(file_name);
}

}  // namespace nurture
