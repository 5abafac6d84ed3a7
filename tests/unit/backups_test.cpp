#include "core/storage/backups.hpp"

#include <catch_amalgamated.hpp>

#include <algorithm>
#include <set>

namespace backups_test {

using namespace nurture;

TEST_CASE("backup names carry the date and parse back", "[backups]") {
  CHECK(backup_name({2026, 11, 27}) == "backup-2026-11-27.snap");
  CHECK(backup_date("backup-2026-11-27.snap") == CivilDate{2026, 11, 27});
  CHECK_FALSE(backup_date("backup-2026-11-31.snap").has_value());
  CHECK_FALSE(backup_date("workspace.snap").has_value());
  CHECK_FALSE(backup_date("backup-2026-11-27.snap.tmp").has_value());
}

TEST_CASE("the first save of a day writes a backup; later ones do not", "[backups]") {
  std::vector<std::string> files{"workspace.snap"};
  auto plan = plan_backups(files, {2026, 11, 27});
  CHECK(plan.write_today);
  CHECK(plan.remove.empty());
  files.push_back("backup-2026-11-27.snap");
  plan = plan_backups(files, {2026, 11, 27});
  CHECK_FALSE(plan.write_today);
}

TEST_CASE("retention keeps the newest N days, never other files (simulated month)", "[backups][property]") {
  // Simulate 40 days of daily use, applying each plan like the platform does, and check the
  // invariant against a naive model: the kept set is exactly the last min(day, 14) days.
  std::set<std::string> files{"workspace.snap", "prefs.json"};
  for (int day = 0; day < 40; ++day) {
    const CivilDate today = civil_from_days(days_from_civil({2026, 10, 1}) + day);
    std::vector<std::string> listing(files.begin(), files.end());
    const auto plan = plan_backups(listing, today);
    if (plan.write_today) files.insert(backup_name(today));
    for (const auto& f : plan.remove) files.erase(f);

    std::set<std::string> expected{"workspace.snap", "prefs.json"};
    for (int back = 0; back < std::min(day + 1, static_cast<int>(k_backups_kept)); ++back) {
      expected.insert(backup_name(civil_from_days(days_from_civil(today) - back)));
    }
    REQUIRE(files == expected);
  }
}

TEST_CASE("days with no use leave gaps but still count to the limit", "[backups]") {
  std::vector<std::string> files;
  for (int d = 1; d <= 20; d += 2) files.push_back(backup_name({2026, 1, static_cast<unsigned>(d)}));
  const auto plan = plan_backups(files, {2026, 1, 25}, 5);
  CHECK(plan.write_today);
  // Today plus the 4 newest remain: 19, 17, 15, 13.
  CHECK(plan.remove.size() == files.size() - 4);
  CHECK(std::find(plan.remove.begin(), plan.remove.end(), "backup-2026-01-19.snap") == plan.remove.end());
  CHECK(std::find(plan.remove.begin(), plan.remove.end(), "backup-2026-01-11.snap") != plan.remove.end());
}

TEST_CASE("backups are listed newest first", "[backups]") {
  const std::vector<std::string> files{"backup-2026-01-02.snap", "x", "backup-2026-03-01.snap",
                                       "backup-2025-12-31.snap"};
  const auto list = backups_newest_first(files);
  REQUIRE(list.size() == 3);
  CHECK(list[0] == "backup-2026-03-01.snap");
  CHECK(list[2] == "backup-2025-12-31.snap");
}

}  // namespace backups_test
