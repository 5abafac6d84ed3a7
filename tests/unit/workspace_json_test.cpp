#include "core/io/workspace_json.hpp"

#include <catch_amalgamated.hpp>

#include "test_support.hpp"

using namespace nurture;

namespace {
Workspace sample() {
  Workspace ws;
  ws.revision = 7;
  ws.practice.name = "Clínica Łukasiewicz & Dvořák";
  ws.practice.street = "12 Rue de la Paix";
  ws.practice.city = "Zürich";
  ws.practice.zip = "8001";
  ws.practice.country = "CH";
  ws.practice.time_zone = "Europe/Zurich";
  return ws;
}
}  // namespace

TEST_CASE("workspace JSON round-trips and is deterministic", "[workspace-json]") {
  const auto text = workspace_to_json(sample());
  const auto back = workspace_from_json(text);
  REQUIRE(back.ok());
  CHECK(back.value() == sample());
  CHECK(workspace_to_json(back.value()) == text);
}

TEST_CASE("the file names its format and version", "[workspace-json]") {
  const auto text = workspace_to_json(Workspace{});
  CHECK(text.find("\"format\": \"nurture.workspace\"") != std::string::npos);
  CHECK(text.find("\"version\": 1") != std::string::npos);
}

TEST_CASE("the version 1 golden file always loads", "[workspace-json][golden]") {
  const auto golden = test::read_test_file("golden/workspace-v1.json");
  REQUIRE_FALSE(golden.empty());
  const auto ws = workspace_from_json(golden);
  REQUIRE(ws.ok());
  CHECK(ws.value().practice.name == "Lumen Aesthetics & Laser");
  CHECK(ws.value().practice.city == "Tampa");
  CHECK(ws.value().practice.time_zone == "America/New_York");
  CHECK(ws.value().revision == 42);
  // Writing it back gives the same bytes: the golden file is in canonical form.
  CHECK(workspace_to_json(ws.value()) == golden);
}

TEST_CASE("unknown members from a newer minor version survive a round trip", "[workspace-json]") {
  const auto text = R"({"format":"nurture.workspace","version":1,"minor_version":5,
    "practice":{"name":"A"},"future_feature":{"x":[1,2,3]},"zz":"kept"})";
  const auto ws = workspace_from_json(text);
  REQUIRE(ws.ok());
  REQUIRE(ws.value().unknown_members.size() == 2);
  const auto again = workspace_from_json(workspace_to_json(ws.value()));
  REQUIRE(again.ok());
  CHECK(again.value().unknown_members == ws.value().unknown_members);
}

TEST_CASE("a newer major version is refused with 'update the app'", "[workspace-json]") {
  const auto ws = workspace_from_json(R"({"format":"nurture.workspace","version":2})");
  REQUIRE_FALSE(ws.ok());
  CHECK(ws.error().message.find("update the app") != std::string::npos);
}

TEST_CASE("hostile or wrong files are refused with a clear message", "[workspace-json]") {
  struct Case {
    std::string text;
    std::string expect;
  };
  const std::vector<Case> cases = {
      {"", "malformed JSON"},
      {"{\"format\":\"nurture.workspace\",", "malformed JSON"},
      {"[1,2,3]", "must be a JSON object"},
      {R"({"format":"other"})", "not a Nurture workspace"},
      {R"({"format":"nurture.workspace"})", "no integer \"version\""},
      {R"({"format":"nurture.workspace","version":"1"})", "no integer \"version\""},
      {R"({"format":"nurture.workspace","version":1,"practice":[]})", "must be an object"},
      {R"({"format":"nurture.workspace","version":1,"practice":{"name":5}})", "practice.name"},
      {R"({"format":"nurture.workspace","version":1,"revision":-3})", "revision"},
      {"{\"format\":\"nurture.workspace\",\"version\":1,\"practice\":{\"name\":\"\xC3\"}}", "UTF-8"},
      {std::string(100, '[') + std::string(100, ']'), "nested"},
  };
  for (const auto& c : cases) {
    INFO(c.text.substr(0, 80));
    const auto ws = workspace_from_json(c.text);
    REQUIRE_FALSE(ws.ok());
    CHECK(ws.error().message.find(c.expect) != std::string::npos);
  }
}

TEST_CASE("malformed JSON reports line and column", "[workspace-json]") {
  const auto ws = workspace_from_json("{\n  \"format\": \"nurture.workspace\",\n  \"version\": 1,,\n}");
  REQUIRE_FALSE(ws.ok());
  CHECK(ws.error().line == 3);
  CHECK(ws.error().column == 16);
  CHECK(ws.error().describe().rfind("3:16: ", 0) == 0);
}
