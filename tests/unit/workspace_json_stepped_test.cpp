// The stepped reader (WorkspaceJsonReader): whatever the budget, it gives exactly what
// workspace_from_json gives, reports monotonic progress, and can be dropped at any point.

#include <catch_amalgamated.hpp>

#include "core/io/workspace_json.hpp"
#include "stepped_read_support.hpp"
#include "test_support.hpp"

namespace workspace_json_stepped_test {

using namespace nurture;

namespace {

// A workspace with enough leads and events that a read spans several event batches.
std::string many_events_text() {
  Workspace ws;
  constexpr std::uint64_t k_leads = 300;
  for (std::uint64_t i = 1; i <= k_leads; ++i) {
    Lead l;
    l.id = LeadId{i};
    l.first_name = "Lead " + std::to_string(i);
    l.tags = {"vip", "spring"};
    ws.leads.append_row(l, Stamp{1790000000000, 0, 1});
  }
  std::vector<Event> events;
  for (std::uint64_t i = 1; i <= 20000; ++i) {
    Event e;
    e.id = EventId{i};
    e.lead = LeadId{1 + i % k_leads};
    e.at = 1790000000000 + static_cast<std::int64_t>(i);
    e.type = EventType::email_opened;
    if (i % 3 == 0) e.properties = {{"utm_source", "newsletter"}};
    events.push_back(std::move(e));
  }
  ws.events.add(events);
  return workspace_to_json(ws);
}

}  // namespace

TEST_CASE("the stepped reader reads the golden files like the one-shot reader", "[workspace-json][stepped]") {
  for (const char* name : {"golden/workspace-v1.json", "golden/workspace-v2.json"}) {
    INFO(name);
    const auto golden = test::read_test_file(name);
    REQUIRE_FALSE(golden.empty());
    const auto whole = workspace_from_json(golden);
    REQUIRE(whole.ok());
    for (const std::size_t budget : test::k_step_budgets) {
      INFO("budget " << budget);
      test::check_same_outcome(test::read_stepped(golden, budget), whole);
    }
  }
}

TEST_CASE("a step reads about its budget", "[workspace-json][stepped]") {
  const auto text = many_events_text();
  WorkspaceJsonReader reader(text);
  REQUIRE_FALSE(reader.step(4096));
  // At least the budget, and at most one value more (an event row is well under 200 bytes).
  const double expected = 4096.0 / static_cast<double>(text.size());
  CHECK(reader.progress() >= expected);
  CHECK(reader.progress() < expected + 200.0 / static_cast<double>(text.size()));
  int steps = 1;
  while (!reader.step(4096)) ++steps;
  // Each step reads its budget and at most one value more.
  CHECK(static_cast<std::size_t>(steps) * (4096 + 200) >= text.size());
  CHECK(static_cast<std::size_t>(steps - 1) * 4096 <= text.size());
  const auto ws = reader.take();
  REQUIRE(ws.ok());
  CHECK(ws.value().events.size() == 20000);
  CHECK(workspace_to_json(ws.value()) == text);
}

TEST_CASE("a reader dropped halfway or moved on the way is fine", "[workspace-json][stepped]") {
  const auto text = many_events_text();
  {
    // Dropped with leads read, an event batch half full and event ids collected.
    WorkspaceJsonReader reader(text);
    while (reader.progress() < 0.6) REQUIRE_FALSE(reader.step(1000));
  }
  {
    WorkspaceJsonReader reader(text);
    while (reader.progress() < 0.3) REQUIRE_FALSE(reader.step(1000));
    WorkspaceJsonReader moved(std::move(reader));
    while (!moved.step(1000)) {
    }
    const auto ws = moved.take();
    REQUIRE(ws.ok());
    CHECK(workspace_to_json(ws.value()) == text);
  }
  {
    // Never stepped; and taken before the end: an error, not a crash.
    WorkspaceJsonReader unused(text);
    WorkspaceJsonReader early(text);
    REQUIRE_FALSE(early.step(10));
    CHECK_FALSE(early.take().ok());
  }
}

TEST_CASE("the stepped reader reports the end-of-file checks like the one-shot reader",
          "[workspace-json][stepped]") {
  const std::vector<std::string> texts = {
      "",
      "[]",
      "{}",
      R"({"format":"nurture.workspace"})",
      R"({"version":2})",
      R"({"format":"nurture.workspace","version":2,"leads":[{"id":"L0000000000000001"}],)"
      R"("events":[["E0000000000000001","L0000000000000001",1,"email_opened"],)"
      R"(["E0000000000000001","L0000000000000001",2,"email_opened"]]})",
      R"({"format":"nurture.workspace","version":2} x)",
      "{\n  \"format\": \"nurture.workspace\",\n  \"version\": 1,,\n}",
  };
  for (const auto& text : texts) {
    INFO(text);
    const auto whole = workspace_from_json(text);
    REQUIRE_FALSE(whole.ok());
    for (const std::size_t budget : test::k_step_budgets) {
      INFO("budget " << budget);
      test::check_same_outcome(test::read_stepped(text, budget), whole);
    }
  }
}

}  // namespace workspace_json_stepped_test
