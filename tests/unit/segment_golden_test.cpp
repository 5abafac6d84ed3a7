// Golden segment cases (tests/golden/segment/eval_cases.txt): each query over the hand-made
// clinic fixture must return exactly the leads worked out by hand, or fail at the position
// given — through the engine and through the naive reference evaluator alike.

#include <catch_amalgamated.hpp>

#include <sstream>
#include <string>
#include <vector>

#include "core/io/workspace_json.hpp"
#include "core/scoring/scoring.hpp"
#include "core/segment/engine.hpp"
#include "core/segment/membership.hpp"
#include "core/segment/naive.hpp"
#include "core/segment/parser.hpp"
#include "test_support.hpp"

namespace segment_golden_test {

using namespace nurture;

namespace {

constexpr UnixMillis k_now = 1'790'035'200'000;  // 2026-09-22T00:00:00Z

struct Case {
  std::string query;
  std::string expected;  // "1,2", "none" or "error L:C"
  int line = 0;
};

std::vector<Case> read_cases() {
  std::istringstream in(test::read_test_file("golden/segment/eval_cases.txt"));
  std::vector<Case> cases;
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (line.empty() || line[0] == '#') continue;
    const auto arrow = line.rfind(" => ");
    REQUIRE(arrow != std::string::npos);
    cases.push_back({line.substr(0, arrow), line.substr(arrow + 4), n});
  }
  return cases;
}

// "1,2" from the live members' ids (the fixture's ids end in their number).
std::string members_text(const segment::LeadSet& set, const LeadStore& leads) {
  std::string out;
  for (const LeadId id : set.ids(leads)) out += (out.empty() ? "" : ",") + std::to_string(id.value);
  return out.empty() ? "none" : out;
}

}  // namespace

TEST_CASE("golden segment cases give the hand-worked leads or errors", "[segments][golden]") {
  auto loaded = workspace_from_json(test::read_test_file("fixtures/segment/clinic.json"));
  REQUIRE(loaded.ok());
  const Workspace& ws = loaded.value();
  const auto scoring = compile_scoring(ws.scoring);
  REQUIRE(scoring.ok());
  const ScoreTable scores = compute_scores(scoring.value(), ws, k_now);
  const segment::ParsedSegments saved(ws.segments);
  const auto ctx = segment::make_context(ws, k_now, 0, &scores, saved);
  segment::SegmentCache cache;

  const auto cases = read_cases();
  REQUIRE(cases.size() >= 40);
  for (const auto& c : cases) {
    INFO("eval_cases.txt line " << c.line << ": " << c.query);
    std::string engine_answer;
    std::string naive_answer;
    auto parsed = segment::parse_query(c.query);
    if (!parsed) {
      engine_answer = naive_answer =
          "error " + std::to_string(parsed.error().line) + ":" + std::to_string(parsed.error().column);
    } else {
      auto fast = segment::evaluate(parsed.value(), c.query, ctx, &cache);
      engine_answer =
          fast ? members_text(fast.value(), ws.leads)
               : "error " + std::to_string(fast.error().line) + ":" + std::to_string(fast.error().column);
      auto slow = segment::naive_evaluate(parsed.value(), ctx);
      naive_answer = slow ? members_text(slow.value(), ws.leads) : "error";
    }
    CHECK(engine_answer == c.expected);
    // The naive evaluator reports no positions; it must agree on the members, or also refuse.
    CHECK(naive_answer == (c.expected.rfind("error", 0) == 0 ? (parsed ? "error" : c.expected) : c.expected));
  }
}

}  // namespace segment_golden_test
