#include "core/storage/save_plan.hpp"

#include <catch_amalgamated.hpp>

#include <map>
#include <set>

#include "core/io/workspace_json.hpp"
#include "core/storage/backups.hpp"
#include "core/storage/snapshot.hpp"
#include "core/storage/snapshot_parts.hpp"

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

/// Executes `ops` like the platform does, stopping after `limit` operations; `parts` holds the
/// bytes of the new snapshot's parts by name.
void run(Files& files, const std::vector<FileOp>& ops, const std::string& sealed, std::size_t limit = 1000,
         const Files& parts = {}) {
  for (std::size_t i = 0; i < ops.size() && i < limit; ++i) {
    const auto& op = ops[i];
    switch (op.kind) {
      case Kind::write:
        files[op.name] = sealed;
        break;
      case Kind::write_part:
        files[op.name] = parts.at(op.name);
        break;
      case Kind::write_text:
        files[op.name] = op.text;
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

/// The slot the head file in `files` names.
std::string latest_in(const Files& files) {
  const auto head = files.find(std::string(k_head_file));
  return std::string(latest_slot(head == files.end() ? std::nullopt : std::optional(head->second)));
}

/// What the loader would open from `files` (as storage_files::candidates orders them).
Recovery load(const Files& files) {
  const std::string latest = latest_in(files);
  std::vector<SnapshotCandidate> candidates;
  auto add = [&](const std::string& name) {
    const auto it = files.find(name);
    candidates.push_back(
        {candidate_label(name, latest), it == files.end() ? std::nullopt : std::optional(it->second)});
  };
  add(latest);
  add(std::string(other_slot(latest)));
  const auto all = names(files);
  for (const auto& b : backups_newest_first(all)) add(b);
  return recover_workspace(candidates, [&files](const std::string& name) -> std::optional<std::string> {
    const auto it = files.find(name);
    return it == files.end() ? std::nullopt : std::optional(it->second);
  });
}

/// A snapshot cut into parts small enough that a few hundred bytes make several.
struct Cut {
  std::string manifest;
  std::vector<std::string> names;  ///< in order
  Files parts;
};
Cut cut(const std::string& sealed) {
  Cut out;
  const auto refs = split_parts(sealed, PartLimits{16, 96, 4});
  out.manifest = encode_manifest(sealed, refs);
  std::size_t at = 0;
  for (const auto& ref : refs) {
    out.names.push_back(part_name(ref));
    out.parts[out.names.back()] = sealed.substr(at, static_cast<std::size_t>(ref.length));
    at += static_cast<std::size_t>(ref.length);
  }
  return out;
}

/// The plan's input for saving `next` over `files`, as the platform builds it.
std::vector<FileOp> plan_parts_save(const Files& files, const Cut& next, CivilDate today = k_today) {
  const auto existing = names(files);
  const std::string latest = latest_in(files);
  SavePlanInput in{existing, today, true, k_now, latest};
  in.parts = next.names;
  for (const auto& [name, bytes] : files) {
    if (is_manifest(bytes)) in.references[name] = referenced_parts(bytes);
  }
  auto ops = plan_save(in);
  return ops;
}

/// The part files in `files`, and the parts the manifests in `files` reference.
std::pair<std::set<std::string>, std::set<std::string>> parts_and_references(const Files& files) {
  std::set<std::string> present, referenced;
  for (const auto& [name, bytes] : files) {
    if (parse_part_name(name)) present.insert(name);
    for (const auto& part : referenced_parts(bytes)) referenced.insert(part);
  }
  return {present, referenced};
}

}  // namespace

TEST_CASE("the very first save writes today's backup, the first slot, then the head", "[save_plan]") {
  const std::vector<std::string> none;
  const auto ops = plan_save({none, k_today, true, k_now});
  const std::vector<FileOp> expected{{Kind::write, "backup-2026-11-27.snap", {}, {}},
                                     {Kind::write, "workspace.snap", {}, {}},
                                     {Kind::write_text, "workspace.head", {}, "workspace.snap"}};
  CHECK(ops == expected);
  CHECK(written_slot(ops) == "workspace.snap");
}

TEST_CASE("a later save writes the other slot, leaving the latest as the previous copy", "[save_plan]") {
  // The latest stays where it is: a save sends IndexedDB the new snapshot, not the old one again.
  const std::vector<std::string> files{"workspace.snap", "workspace.prev.snap", "workspace.head",
                                       "backup-2026-11-26.snap"};
  const auto ops = plan_save({files, k_today, true, k_now, "workspace.snap"});
  const std::vector<FileOp> expected{{Kind::copy, "workspace.snap", "backup-2026-11-27.snap", {}},
                                     {Kind::write, "workspace.prev.snap", {}, {}},
                                     {Kind::write_text, "workspace.head", {}, "workspace.prev.snap"}};
  CHECK(ops == expected);

  const std::vector<std::string> same_day{"workspace.snap", "workspace.prev.snap", "workspace.head",
                                          "backup-2026-11-27.snap"};
  const auto later = plan_save({same_day, k_today, true, k_now, "workspace.prev.snap"});
  const std::vector<FileOp> back{{Kind::write, "workspace.snap", {}, {}},
                                 {Kind::write_text, "workspace.head", {}, "workspace.snap"}};
  CHECK(later == back);
  CHECK(written_slot(later) == "workspace.snap");
}

TEST_CASE("a damaged latest copy is moved aside and its slot written, keeping the good previous one",
          "[save_plan]") {
  const std::vector<std::string> files{"workspace.snap", "workspace.prev.snap", "workspace.head",
                                       "backup-2026-11-27.snap"};
  const auto ops = plan_save({files, k_today, false, k_now, "workspace.prev.snap"});
  const std::vector<FileOp> expected{
      {Kind::rename, "workspace.prev.snap", "damaged-20261127T084205Z-workspace.prev.snap", {}},
      {Kind::write, "workspace.prev.snap", {}, {}},
      {Kind::write_text, "workspace.head", {}, "workspace.prev.snap"}};
  CHECK(ops == expected);
}

TEST_CASE("the head file names the latest slot; without one the first slot is the latest", "[save_plan]") {
  CHECK(latest_slot(std::nullopt) == "workspace.snap");
  CHECK(latest_slot(std::string("workspace.prev.snap")) == "workspace.prev.snap");
  CHECK(latest_slot(std::string("workspace.snap")) == "workspace.snap");
  CHECK(latest_slot(std::string("../etc/passwd")) == "workspace.snap");
  CHECK(latest_slot(std::string("")) == "workspace.snap");
  CHECK(other_slot("workspace.snap") == "workspace.prev.snap");
  CHECK(other_slot("workspace.prev.snap") == "workspace.snap");
}

TEST_CASE("a store from before the head file opens its latest and saves into the other slot", "[save_plan]") {
  // Stores written by earlier versions kept the latest in workspace.snap and the one before in
  // workspace.prev.snap, with no head file.
  Files files;
  files["workspace.snap"] = sealed_with_name("Old latest", 4);
  files["workspace.prev.snap"] = sealed_with_name("Old previous", 3);
  CHECK(load(files).workspace.practice.name == "Old latest");
  run(files, plan_save({names(files), k_today, true, k_now, latest_in(files)}), sealed_with_name("New", 5));
  CHECK(load(files).workspace.practice.name == "New");
  CHECK(files.at("workspace.head") == "workspace.prev.snap");
  CHECK(files.at("workspace.snap") == sealed_with_name("Old latest", 4));
}

TEST_CASE("old backups past retention are removed last", "[save_plan]") {
  std::vector<std::string> files{"workspace.snap"};
  for (unsigned d = 1; d <= 14; ++d) files.push_back(backup_name({2026, 11, d}));
  const auto ops = plan_save({files, k_today, true, k_now});
  REQUIRE(ops.size() == 4);
  CHECK(ops.back() == FileOp{Kind::remove, "backup-2026-11-01.snap", {}, {}});
}

TEST_CASE("damaged names are sortable and keep the original name", "[save_plan]") {
  CHECK(damaged_name(k_now, "workspace.snap") == "damaged-20261127T084205Z-workspace.snap");
  CHECK(damaged_name(0, "backup-2026-11-01.snap") == "damaged-19700101T000000Z-backup-2026-11-01.snap");
  CHECK_FALSE(backup_date(damaged_name(k_now, "backup-2026-11-01.snap")).has_value());
}

TEST_CASE("candidate labels say which copy was used", "[save_plan]") {
  CHECK(candidate_label("workspace.snap", "workspace.snap") == "latest save");
  CHECK(candidate_label("workspace.prev.snap", "workspace.snap") == "previous save");
  CHECK(candidate_label("workspace.prev.snap", "workspace.prev.snap") == "latest save");
  CHECK(candidate_label("workspace.snap", "workspace.prev.snap") == "previous save");
  CHECK(candidate_label("backup-2026-11-20.snap", "workspace.snap") == "backup of 2026-11-20");
}

TEST_CASE("an interrupted save at any step still loads the old or the new workspace",
          "[save_plan][property]") {
  // Even if a crash made a prefix of the operations durable, the loader must find a good copy
  // holding either the state before the save or the new one — never nothing.
  Files base;
  base["workspace.snap"] = sealed_with_name("Old", 4);
  base["workspace.prev.snap"] = sealed_with_name("Older", 3);
  base["workspace.head"] = "workspace.snap";
  base["backup-2026-11-26.snap"] = sealed_with_name("Yesterday", 2);
  const auto ops = plan_save({names(base), k_today, true, k_now, latest_in(base)});
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
      // The previous copy is the old latest, left where it was.
      CHECK(latest_in(files) == "workspace.prev.snap");
      CHECK(files.at("workspace.snap") == base.at("workspace.snap"));
      CHECK(files.at("backup-2026-11-27.snap") == base.at("workspace.snap"));
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
      const std::string before = latest_in(files);
      const auto prior = files.find(before);
      const std::optional<std::string> previous =
          prior == files.end() ? std::nullopt : std::optional(prior->second);
      run(files, plan_save({names(files), today, true, k_now, before}), sealed);
      CHECK(load(files).workspace.revision == rev);
      // The save before this one is the previous copy, byte for byte.
      if (previous) CHECK(files.at(std::string(other_slot(latest_in(files)))) == *previous);
    }
  }
  CHECK(backups_newest_first(names(files)).size() == k_backups_kept);
  CHECK(open_snapshot(files.at("workspace.prev.snap")).ok());
  CHECK(open_snapshot(files.at("workspace.snap")).ok());
}

TEST_CASE("a save writes only the parts not stored yet and removes the parts nothing references",
          "[save_plan][parts]") {
  Files files;
  const auto first = cut(sealed_with_name("Clinic", 1));
  REQUIRE(first.names.size() >= 3);
  run(files, plan_parts_save(files, first), first.manifest, 1000, first.parts);
  CHECK(load(files).workspace.practice.name == "Clinic");
  CHECK(files.at("workspace.snap") == first.manifest);
  CHECK(files.at("backup-2026-11-27.snap") == first.manifest);  // shares the parts

  // A change near the end of the snapshot: the parts before it are not written again.
  const auto second = cut(sealed_with_name("Clinic", 2));
  const auto ops = plan_parts_save(files, second);
  std::set<std::string> written;
  for (const auto& op : ops) {
    if (op.kind == Kind::write_part) written.insert(op.name);
  }
  for (const auto& name : written) CHECK_FALSE(files.contains(name));
  CHECK(written.size() < second.names.size());
  CHECK_FALSE(written.empty());
  // Parts go first, the manifest into the other slot, then the head; nothing is removed yet,
  // since the first save's parts are still the latest's and the backup's.
  REQUIRE(ops.size() == written.size() + 2);
  CHECK(ops[written.size()] == FileOp{Kind::write, "workspace.prev.snap", {}, {}});
  CHECK(ops.back() == FileOp{Kind::write_text, "workspace.head", {}, "workspace.prev.snap"});
  run(files, ops, second.manifest, 1000, second.parts);
  CHECK(load(files).workspace.revision == 2);

  // The next day the third save overwrites the first slot; its parts stay as long as the
  // backup names them, then go once the backup is past retention.
  const auto third = cut(sealed_with_name("Clinic three", 3));
  run(files, plan_parts_save(files, third), third.manifest, 1000, third.parts);
  auto [present, referenced] = parts_and_references(files);
  CHECK(present == referenced);
  for (const auto& name : first.names) CHECK(files.contains(name));  // the backup's
  CHECK(load(files).workspace.practice.name == "Clinic three");
}

TEST_CASE("saves in parts over a month keep every referenced part and no other, at every interruption",
          "[save_plan][parts][property]") {
  Files files;
  std::uint64_t rev = 0;
  for (int day = 0; day < 20; ++day) {
    const auto today = civil_from_days(days_from_civil({2026, 11, 1}) + day);
    for (int save = 0; save < 2; ++save) {
      ++rev;
      // Names of varied length shift everything after them: the content-defined cuts keep most
      // parts anyway, which is what makes this worth it.
      const auto next =
          cut(sealed_with_name(std::string(static_cast<std::size_t>(rev % 7) + 1, 'x') + " Clinic", rev));
      const auto ops = plan_parts_save(files, next, today);
      const auto before = load(files).workspace.revision;
      for (std::size_t limit = 0; limit < ops.size(); ++limit) {
        Files partial = files;
        run(partial, ops, next.manifest, limit, next.parts);
        const auto got = load(partial);
        INFO("day " << day << ", after " << limit << " operations");
        REQUIRE_FALSE(got.unreadable);
        CHECK((got.workspace.revision == before || got.workspace.revision == rev));
      }
      run(files, ops, next.manifest, 1000, next.parts);
      const auto got = load(files);
      CHECK(got.workspace.revision == rev);
      CHECK(got.warning.empty());
      const auto [present, referenced] = parts_and_references(files);
      CHECK(present == referenced);
    }
  }
  CHECK(backups_newest_first(names(files)).size() == k_backups_kept);
}

TEST_CASE("a damaged latest manifest moved aside keeps its parts", "[save_plan][parts]") {
  const std::vector<std::string> files{"workspace.snap",          "workspace.prev.snap",
                                       "workspace.head",          "backup-2026-11-27.snap",
                                       "part-00000000000000aa-5", "part-00000000000000bb-5",
                                       "part-00000000000000cc-5"};
  SavePlanInput in{files, k_today, false, k_now, "workspace.snap"};
  const std::vector<std::string> parts{"part-00000000000000dd-5"};
  in.parts = parts;
  in.references["workspace.snap"] = {"part-00000000000000aa-5"};       // damaged, moved aside
  in.references["workspace.prev.snap"] = {"part-00000000000000bb-5"};  // the good previous copy
  // cc is referenced by nothing: it goes.
  const auto ops = plan_save(in);
  const std::vector<FileOp> expected{
      {Kind::write_part, "part-00000000000000dd-5", {}, {}},
      {Kind::rename, "workspace.snap", "damaged-20261127T084205Z-workspace.snap", {}},
      {Kind::write, "workspace.snap", {}, {}},
      {Kind::write_text, "workspace.head", {}, "workspace.snap"},
      {Kind::remove, "part-00000000000000cc-5", {}, {}}};
  CHECK(ops == expected);
}

TEST_CASE("a store with whole snapshots moves to parts without losing the previous copy",
          "[save_plan][parts]") {
  Files files;
  files["workspace.snap"] = sealed_with_name("Whole", 4);
  files["workspace.head"] = "workspace.snap";
  const auto next = cut(sealed_with_name("Parts", 5));
  run(files, plan_parts_save(files, next), next.manifest, 1000, next.parts);
  CHECK(load(files).workspace.practice.name == "Parts");
  CHECK(files.at("workspace.snap") == sealed_with_name("Whole", 4));  // now the previous copy
  CHECK(files.at("backup-2026-11-27.snap") == sealed_with_name("Whole", 4));
  // A missing part makes the latest unreadable: the loader says so and opens the previous copy.
  files.erase(next.names[1]);
  const auto got = load(files);
  CHECK(got.workspace.practice.name == "Whole");
  CHECK(got.warning.find("part " + next.names[1] + " of the snapshot is missing") != std::string::npos);
}

}  // namespace save_plan_test
