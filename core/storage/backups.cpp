#include "core/storage/backups.hpp"

#include <algorithm>

namespace nurture {

namespace {
constexpr std::string_view k_backup_prefix = "backup-";
constexpr std::string_view k_backup_suffix = ".snap";
}  // namespace

std::string backup_name(CivilDate day) {
  return std::string(k_backup_prefix) + format_date(day) + std::string(k_backup_suffix);
}

std::optional<CivilDate> backup_date(std::string_view name) {
  if (name.size() != k_backup_prefix.size() + 10 + k_backup_suffix.size()) return std::nullopt;
  if (name.substr(0, k_backup_prefix.size()) != k_backup_prefix ||
      name.substr(name.size() - k_backup_suffix.size()) != k_backup_suffix) {
    return std::nullopt;
  }
  return parse_date(name.substr(k_backup_prefix.size(), 10));
}

std::vector<std::string> backups_newest_first(std::span<const std::string> existing) {
  std::vector<std::pair<std::int64_t, std::string>> dated;
  for (const auto& name : existing) {
    if (const auto d = backup_date(name)) dated.emplace_back(days_from_civil(*d), name);
  }
  std::sort(dated.begin(), dated.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  std::vector<std::string> out;
  out.reserve(dated.size());
  for (auto& [day, name] : dated) out.push_back(std::move(name));
  return out;
}

BackupPlan plan_backups(std::span<const std::string> existing, CivilDate today, std::size_t keep) {
  BackupPlan plan;
  const std::string today_name = backup_name(today);
  auto sorted = backups_newest_first(existing);
  plan.write_today = std::find(sorted.begin(), sorted.end(), today_name) == sorted.end();
  if (plan.write_today) sorted.insert(sorted.begin(), today_name);
  // A backup dated in the future (clock moved back) still counts by its date; it is simply
  // among the newest and ages out like any other.
  for (std::size_t i = keep; i < sorted.size(); ++i) plan.remove.push_back(sorted[i]);
  return plan;
}

}  // namespace nurture
