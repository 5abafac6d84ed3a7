#include "core/storage/save_plan.hpp"

#include <catch_amalgamated.hpp>

#include <map>

#include "core/io/workspace_json.hpp"
#include "core/storage/backups.hpp"
#include "core/storage/snapshot.hpp"

namespace save_plan_test {

using namespace nurture;
using Kind = FileOp::Kind;

namespace {

constexpr std::int64_t k_now = 1795768925000;  // 2026-11-27T08:42:05Z
constexpr CivilDate k_today{2026, 11, 27};

using Files = std::map<std::string, std::string>;

std::vector<std::string> names(const Files& files) {
  std::vector<std::string> out;
  for (const auto& [name, bytes] : files) out.push_back(name);
  return out;
}

/// Executes `ops` like the platform does, stopping after `limit` operations.
void run(Files& files, const std::vector<FileOp>& ops, const std::string& sealed, std::size_t limit = 1000) {
  for (std::size_t i = 0; i < ops.size() && i < limit; ++i) {
    const auto& op = ops[i];
    switch (op.kind) {
      case Kind::write:
        files[op.name] = sealed;
        break;
      case Kind::copy:
        files[op.to] = files.at(op.name);
        break;
      case Kind::rename:
        files[op.to] = files.at(op.name);
        files.erase(op.name);
        break;
      case Kind::remove:
        files.erase(op.name);
        break;
    }
  }
}

std::string sealed_with_name(const std::string& name, std::uint64_t revision) {
  Workspace ws;
  ws.practice.name = name;
  ws.revision = revision;
  return seal_snapshot(workspace_to_json(ws));
}

/// What the loader would open from `files`.
Recovery load(const Files& files) {
  std::vector<SnapshotCandidate> candidates;
  auto add = [&](const std::string& name) {
    const auto it = files.find(name);
    candidates.push_back(
        {candidate_label(name), it == files.end() ? std::nullopt : std::optional(it->second)});
  };
  add(std::string(k_latest_snapshot));
  add(std::string(k_previous_snapshot));
  const auto all = names(files);
  for (const auto& b : backups_newest_first(all)) add(b);
  return recover_workspace(candidates);
}

}  // namespace

TEST_CASE("the very first save writes temp, today's backup, then renames temp", "[save_plan]") {
  const std::vector<std::string> none;
  const auto ops = plan_save({none, k_today, true, k_now});
  const std::vector<FileOp> expected{{Kind::write, "workspace.snap.tmp", {}},
                                     {Kind::write, "backup-2026-11-27.snap", {}},
                                     {Kind::rename, "workspace.snap.tmp", "workspace.snap"}};
  CHECK(ops == expected);
}

TEST_CASE("a later save keeps the old latest as previous and as the day's first backup", "[save_plan]") {
  const std::vector<std::string> files{"workspace.snap", "workspace.prev.snap", "backup-2026-11-26.snap"};
  const auto ops = plan_save({files, k_today, true, k_now});
  const std::vector<FileOp> expected{{Kind::write, "workspace.snap.tmp", {}},
                                     {Kind::copy, "workspace.snap", "backup-2026-11-27.snap"},
                                     {Kind::rename, "workspace.snap", "workspace.prev.snap"},
                                     {Kind::rename, "workspace.snap.tmp", "workspace.snap"}};
  CHECK(ops == expected);

  const std::vector<std::string> same_day{"workspace.snap", "workspace.prev.snap", "backup-2026-11-27.snap"};
  const auto later = plan_save({same_day, k_today, true, k_now});
  CHECK(later.size() == 3);
  CHECK(later[1] == FileOp{Kind::rename, "workspace.snap", "workspace.prev.snap"});
}

TEST_CASE("a damaged latest copy is moved aside, never rotated over the good previous one", "[save_plan]") {
  const std::vector<std::string> files{"workspace.snap", "workspace.prev.snap", "backup-2026-11-27.snap"};
  const auto ops = plan_save({files, k_today, false, k_now});
  const std::vector<FileOp> expected{
      {Kind::write, "workspace.snap.tmp", {}},
      {Kind::rename, "workspace.snap", "damaged-20261127T084205Z-workspace.snap"},
      {Kind::rename, "workspace.snap.tmp", "workspace.snap"}};
  CHECK(ops == expected);
}

TEST_CASE("old backups past retention are removed last", "[save_plan]") {
  std::vector<std::string> files{"workspace.snap"};
  for (unsigned d = 1; d <= 14; ++d) files.push_back(backup_name({2026, 11, d}));
  const auto ops = plan_save({files, k_today, true, k_now});
  REQUIRE(ops.size() == 5);
  CHECK(ops.back() == FileOp{Kind::remove, "backup-2026-11-01.snap", {}});
}

TEST_CASE("damaged names are sortable and keep the original name", "[save_plan]") {
  CHECK(damaged_name(k_now, "workspace.snap") == "damaged-20261127T084205Z-workspace.snap");
  CHECK(damaged_name(0, "backup-2026-11-01.snap") == "damaged-19700101T000000Z-backup-2026-11-01.snap");
  CHECK_FALSE(backup_date(damaged_name(k_now, "backup-2026-11-01.snap")).has_value());
}

TEST_CASE("candidate labels say which copy was used", "[save_plan]") {
  CHECK(candidate_label("workspace.snap") == "latest save");
  CHECK(candidate_label("workspace.prev.snap") == "previous save");
  CHECK(candidate_label("backup-2026-11-20.snap") == "backup of 2026-11-20");
}

TEST_CASE("an interrupted save at any step still loads the old or the new workspace",
          "[save_plan][property]") {
  // Even if a crash made a prefix of the operations durable, the loader must find a good copy
  // holding either the state before the save or the new one — never nothing.
  Files base;
  base["workspace.snap"] = sealed_with_name("Old", 4);
  base["workspace.prev.snap"] = sealed_with_name("Older", 3);
  base["backup-2026-11-26.snap"] = sealed_with_name("Yesterday", 2);
  const auto ops = plan_save({names(base), k_today, true, k_now});
  const auto sealed = sealed_with_name("New", 5);
  for (std::size_t limit = 0; limit <= ops.size(); ++limit) {
    Files files = base;
    run(files, ops, sealed, limit);
    const auto got = load(files);
    INFO("after " << limit << " operations");
    REQUIRE_FALSE(got.unreadable);
    const auto& name = got.workspace.practice.name;
    CHECK((name == "Old" || name == "New" || name == "Older"));
    if (limit == ops.size()) {
      CHECK(name == "New");
      CHECK(got.warning.empty());
      CHECK(load(Files{{"workspace.snap", files.at("workspace.prev.snap")}}).workspace.practice.name ==
            "Old");
      CHECK(files.at("backup-2026-11-27.snap") == base.at("workspace.snap"));
      CHECK_FALSE(files.contains("workspace.snap.tmp"));
    }
  }
}

TEST_CASE("a month of daily saves keeps 14 backups and a good previous copy", "[save_plan][property]") {
  Files files;
  std::uint64_t rev = 0;
  for (int day = 0; day < 30; ++day) {
    const auto today = civil_from_days(days_from_civil({2026, 11, 1}) + day);
    for (int save = 0; save < 3; ++save) {
      ++rev;
      const auto sealed = sealed_with_name("Rev " + std::to_string(rev), rev);
      run(files, plan_save({names(files), today, true, k_now}), sealed);
      CHECK(load(files).workspace.revision == rev);
    }
  }
  CHECK(backups_newest_first(names(files)).size() == k_backups_kept);
  CHECK(open_snapshot(files.at("workspace.prev.snap")).ok());
}

}  // namespace save_plan_test
