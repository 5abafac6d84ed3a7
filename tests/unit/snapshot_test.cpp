#include "core/storage/snapshot.hpp"

#include <catch_amalgamated.hpp>

#include <array>

#include "core/io/workspace_json.hpp"

namespace snapshot_test {

using namespace nurture;

namespace {
std::string sealed_named(const std::string& name) {
  Workspace ws;
  ws.practice.name = name;
  return seal_snapshot(workspace_to_json(ws));
}
}  // namespace

TEST_CASE("a sealed snapshot opens to its payload", "[snapshot]") {
  const std::string payload = "{\"a\":1}";
  const auto sealed = seal_snapshot(payload);
  const auto opened = open_snapshot(sealed);
  REQUIRE(opened.ok());
  CHECK(opened.value() == payload);
}

TEST_CASE("truncation, bit flips and junk are detected", "[snapshot]") {
  const auto sealed = sealed_named("Lumen");
  CHECK_FALSE(open_snapshot(sealed.substr(0, sealed.size() - 1)).ok());
  CHECK_FALSE(open_snapshot(sealed + " ").ok());
  for (std::size_t i = 0; i < sealed.size(); i += 7) {
    auto flipped = sealed;
    flipped[i] = static_cast<char>(flipped[i] ^ 0x04);
    INFO("flipped byte " << i);
    CHECK_FALSE(open_snapshot(flipped).ok());
  }
  CHECK_FALSE(open_snapshot("").ok());
  CHECK_FALSE(open_snapshot("{\"format\":\"nurture.workspace\"}").ok());
}

TEST_CASE("recovery prefers the latest save", "[snapshot][recovery]") {
  const std::array candidates{SnapshotCandidate{"latest save", sealed_named("New")},
                              SnapshotCandidate{"previous save", sealed_named("Old")}};
  const auto r = recover_workspace(candidates);
  CHECK(r.workspace.practice.name == "New");
  CHECK(r.source == "latest save");
  CHECK(r.warning.empty());
  CHECK_FALSE(r.unreadable);
}

TEST_CASE("recovery falls back past a torn latest save and says so", "[snapshot][recovery]") {
  auto torn = sealed_named("New");
  torn.resize(torn.size() / 2);
  const std::array candidates{SnapshotCandidate{"latest save", torn},
                              SnapshotCandidate{"previous save", std::nullopt},
                              SnapshotCandidate{"backup of 2026-11-26", sealed_named("Backup")}};
  const auto r = recover_workspace(candidates);
  CHECK(r.workspace.practice.name == "Backup");
  CHECK(r.source == "backup of 2026-11-26");
  CHECK(r.warning.find("latest save") != std::string::npos);
  CHECK(r.warning.find("truncated") != std::string::npos);
}

TEST_CASE("first run: no candidates exist", "[snapshot][recovery]") {
  const std::array candidates{SnapshotCandidate{"latest save", std::nullopt}};
  const auto r = recover_workspace(candidates);
  CHECK(r.workspace == Workspace{});
  CHECK(r.source.empty());
  CHECK_FALSE(r.unreadable);
}

TEST_CASE("nothing readable is flagged so nothing gets overwritten", "[snapshot][recovery]") {
  const std::array candidates{SnapshotCandidate{"latest save", std::string("garbage")},
                              SnapshotCandidate{"previous save", seal_snapshot("{not json")}};
  const auto r = recover_workspace(candidates);
  CHECK(r.unreadable);
  CHECK(r.warning.find("No stored copy") != std::string::npos);
}

}  // namespace snapshot_test
