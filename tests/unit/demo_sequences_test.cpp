// The demo practice's sequences: the playbooks it uses go in active (three days back) when they
// fit the demo, so the trigger catch-up enrols the demo's recent inquiries and bookings and the
// schedule has touches at once.
#include "core/demo/demo_sequences.hpp"

#include <catch_amalgamated.hpp>

#include <algorithm>

#include "core/commands/command.hpp"
#include "core/demo/demo_practice.hpp"
#include "core/io/sequence_json.hpp"
#include "core/sequence/enrollment_planner.hpp"
#include "core/sequence/scheduler.hpp"
#include "test_support.hpp"

namespace demo_sequences_test {

using namespace nurture;

namespace {

// Monday 2026-12-07 18:00 UTC.
constexpr UnixMillis k_now = 1'796'666'400'000;

std::vector<Sequence> demo_playbooks() {
  std::vector<Sequence> out;
  for (const char* file : k_demo_playbooks) {
    auto s = sequence_from_json_text(test::read_test_file(std::string("../assets/playbooks/") + file));
    REQUIRE(s.ok());
    out.push_back(std::move(s).value());
  }
  return out;
}

}  // namespace

TEST_CASE("the demo's playbooks go in active, and its recent inquiries are enrolled", "[demo][sequences]") {
  Workspace ws = make_demo_practice(DemoOptions{1, 2000, k_now, 7});
  const auto activated = add_demo_sequences(ws, demo_playbooks(), k_now, 7);
  REQUIRE(ws.sequences.size() == std::size(k_demo_playbooks));
  CHECK(activated == ws.sequences.size());  // each fits the demo practice
  for (const auto& s : ws.sequences) {
    CHECK(s.status == SequenceStatus::active);
    CHECK(s.activated_at == k_now - k_demo_activated_ago);
    CHECK(s.stamp == Stamp{k_now, 0, 7});
  }
  // Adding them again changes nothing: ids and names are taken.
  CHECK(add_demo_sequences(ws, demo_playbooks(), k_now, 7) == 0);
  CHECK(ws.sequences.size() == std::size(k_demo_playbooks));

  // The catch-up finds the last three days' form submissions for the welcome sequence.
  const auto planned = plan_enrollments(ws, k_now);
  const auto welcome = std::count_if(planned.begin(), planned.end(), [](const PlannedEnrollment& p) {
    return p.sequence == "welcome-inquiry";
  });
  CHECK(welcome > 0);
  for (const auto& p : planned) CHECK(p.at >= k_now - k_demo_activated_ago);
  for (const auto& p : planned) {
    Enroll e{p.sequence, {p.lead}, p.at, p.reason, k_now};
    REQUIRE(apply(ws, e).ok);
  }
  const Schedule s = schedule(ws, k_now);
  CHECK(s.due.size() + s.held.size() > 0);
}

}  // namespace demo_sequences_test
