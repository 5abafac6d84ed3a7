// R15: every hostile sample is refused with a clear message, fast. The samples are also the
// fuzzer's seed corpus (tests/fuzz/corpus/workspace/).

#include <catch_amalgamated.hpp>

#include <chrono>

#include "core/io/workspace_json.hpp"
#include "stepped_read_support.hpp"
#include "test_support.hpp"

namespace workspace_json_hostile_test {

using namespace nurture;

namespace {

struct Sample {
  const char* name;
  std::string text;
  const char* expect;
};

std::vector<Sample> samples() {
  const std::string head = R"({"format":"nurture.workspace","version":2,)";
  std::vector<Sample> s;
  s.push_back({"deep nesting (100,000 '[')", std::string(100000, '['), "nested more than 64 levels"});
  s.push_back({"deep nesting in a member", head + R"("x":)" + std::string(100000, '['),
               "nested more than 64 levels"});
  s.push_back({"50 MB string",
               head + R"("practice":{"name":")" + std::string(std::size_t{50} << 20, 'a') + "\"}}",
               "longer than the limit"});
  s.push_back({"NaN", head + R"("revision":NaN})", "malformed JSON"});
  s.push_back(
      {"Infinity", head + R"("leads":[{"id":"L0000000000000001","age":Infinity}]})", "malformed JSON"});
  s.push_back({"duplicate keys", head + R"("version":2})", "the member appears twice"});
  s.push_back({"wrong types", head + R"("leads":{"id":"L0000000000000001"}})", "leads: must be an array"});
  s.push_back({"invalid UTF-8", head + "\"practice\":{\"name\":\"\xFF\xFE\"}}", "not valid UTF-8"});
  s.push_back({"overlong UTF-8", head + "\"practice\":{\"name\":\"\xC0\xAF\"}}", "not valid UTF-8"});
  s.push_back({"truncated file", head + R"("leads":[{"id":"L0000000000000001","first_na)", "malformed JSON"});
  s.push_back({"future version", R"({"format":"nurture.workspace","version":99})", "update the app"});
  s.push_back({"year 10000", head + R"("leads":[{"id":"L0000000000000001","created_at":253402300800000}]})",
               "must be an integer from 0 to 253402300799999"});
  s.push_back({"stamp past 9999",
               head + R"("practice_stamp":"10000-01-01T00:00:00.000Z/00000000/0000000000000001"})",
               "is not a change stamp"});
  return s;
}

}  // namespace

TEST_CASE("hostile workspace files are refused quickly with a clear message", "[workspace-json][hostile]") {
  for (const auto& sample : samples()) {
    INFO(sample.name);
    const auto start = std::chrono::steady_clock::now();
    const auto ws = workspace_from_json(sample.text);
    const auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    REQUIRE_FALSE(ws.ok());
    INFO(ws.error().describe());
    CHECK(ws.error().message.find(sample.expect) != std::string::npos);
    CHECK(seconds < 2.0);
  }
}

TEST_CASE("files over the size limit are refused before parsing", "[workspace-json][hostile]") {
  // A view larger than the limit; its bytes are never read, so no memory is needed for it.
  const std::string small = "{}";
  const std::string_view huge(small.data(), k_max_workspace_bytes + 1);
  const auto ws = workspace_from_json(huge);
  REQUIRE_FALSE(ws.ok());
  CHECK(ws.error().message.find("larger than 512 MB") != std::string::npos);
}

TEST_CASE("hostile files give the same error through the stepped reader",
          "[workspace-json][hostile][stepped]") {
  for (const auto& sample : samples()) {
    INFO(sample.name);
    const auto whole = workspace_from_json(sample.text);
    REQUIRE_FALSE(whole.ok());
    for (const std::size_t budget : test::k_step_budgets) {
      INFO("budget " << budget);
      test::check_same_outcome(test::read_stepped(sample.text, budget), whole);
    }
  }
  const std::string small = "{}";
  const std::string_view huge(small.data(), k_max_workspace_bytes + 1);
  WorkspaceJsonReader reader(huge);
  CHECK(reader.step(1));  // refused before any byte is read
  CHECK(reader.progress() == 1.0);
  const auto ws = reader.take();
  REQUIRE_FALSE(ws.ok());
  CHECK(ws.error().message.find("larger than 512 MB") != std::string::npos);
}

}  // namespace workspace_json_hostile_test
