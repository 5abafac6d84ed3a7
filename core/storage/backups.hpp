#pragma once
/// Rolling daily backups: one snapshot per calendar day, the newest `keep` days kept.

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/util/civil_time.hpp"

namespace nurture {

inline constexpr std::size_t k_backups_kept = 14;

/// File name of the backup for `day`: "backup-YYYY-MM-DD.snap".
std::string backup_name(CivilDate day);
/// The date in a backup file name, or nullopt for any other file.
std::optional<CivilDate> backup_date(std::string_view file_name);

struct BackupPlan {
  bool write_today = false;         ///< no backup exists for today yet
  std::vector<std::string> remove;  ///< older backups past the retention count
};

/// Given the files present and today's date, what to write and what to delete so that at most
/// `keep` backups remain, today's included. Files that are not backups are never touched.
BackupPlan plan_backups(std::span<const std::string> existing_files, CivilDate today,
                        std::size_t keep = k_backups_kept);

/// Backups newest first, for the restore list.
std::vector<std::string> backups_newest_first(std::span<const std::string> existing_files);

}  // namespace nurture
