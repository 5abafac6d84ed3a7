// The demo's past with its sequences: enrolments and touch records that agree with its events,
// so per-step metrics have something to show and the scheduler repeats nothing.
#include "core/demo/demo_history.hpp"

#include <catch_amalgamated.hpp>

#include <algorithm>
#include <set>

#include "core/demo/demo_practice.hpp"
#include "core/demo/demo_sequences.hpp"
#include "core/io/sequence_json.hpp"
#include "core/metrics/step_metrics.hpp"
#include "core/sequence/scheduler.hpp"
#include "test_support.hpp"

namespace demo_history_test {

using namespace nurture;

namespace {

// Monday 2026-12-07 18:00 UTC.
constexpr UnixMillis k_now = 1'796'666'400'000;
constexpr UnixMillis k_day = 86'400'000;
constexpr UnixMillis k_hour = 3'600'000;

Workspace demo_with_sequences(std::size_t leads) {
  Workspace ws = make_demo_practice(DemoOptions{11, leads, k_now, 3, true});
  std::vector<Sequence> playbooks;
  for (const char* file : k_demo_playbooks) {
    auto s = sequence_from_json_text(test::read_test_file(std::string("../assets/playbooks/") + file));
    REQUIRE(s.ok());
    playbooks.push_back(std::move(s).value());
  }
  add_demo_sequences(ws, std::move(playbooks), k_now, 3);
  return ws;
}

const metrics::SequenceFigures* find_sequence(const std::vector<metrics::SequenceFigures>& all,
                                              std::string_view id) {
  for (const auto& s : all)
    if (s.sequence == id) return &s;
  return nullptr;
}

double rate(std::uint64_t part, std::uint64_t whole) {
  return whole == 0 ? 0.0 : static_cast<double>(part) / static_cast<double>(whole);
}

}  // namespace

TEST_CASE("demo windows: the next instant inside local hours", "[demo][history]") {
  // 2026-12-07 is a Monday; local time is UTC − 5 h. Worked out by hand from k_now (18:00 UTC
  // = 13:00 local): inside 9–18 it stays; at 20:00 local it moves to Tuesday 09:00 local.
  CHECK(demo::next_in_window(k_now, 9, 18, true, 5) == k_now);
  CHECK(demo::next_in_window(k_now + 7 * k_hour, 9, 18, true, 5) == k_now + 20 * k_hour);
  // Saturday 13:00 local → Monday 09:00 local (two days less four hours later).
  const UnixMillis saturday = k_now + 5 * k_day;
  CHECK(demo::next_in_window(saturday, 9, 18, true, 5) == saturday + 2 * k_day - 4 * k_hour);
  CHECK(demo::next_in_window(saturday, 9, 18, false, 5) == saturday);
  // 13:00 local → 10:00 local the next day; 08:00 local → 10:00 the same day.
  CHECK(demo::next_at_hour(k_now, 10, 5) == k_now + 21 * k_hour);
  CHECK(demo::next_at_hour(k_now - 5 * k_hour, 10, 5) == k_now - 3 * k_hour);
}

TEST_CASE("the demo has a past of sends per sequence step, with plausible rates", "[demo][history]") {
  const Workspace ws = demo_with_sequences(2000);
  REQUIRE_FALSE(ws.touches.empty());
  REQUIRE(std::is_sorted(ws.enrollments.begin(), ws.enrollments.end(),
                         [](const Enrollment& a, const Enrollment& b) { return a.key < b.key; }));
  REQUIRE(std::is_sorted(ws.touches.begin(), ws.touches.end(),
                         [](const TouchRecord& a, const TouchRecord& b) { return a.key < b.key; }));
  std::set<std::string> keys;
  for (const auto& e : ws.enrollments) {
    CHECK(e.enrolled_at < k_now - k_demo_activated_ago);  // later ones are the app's catch-up
    if (e.ended_at != 0) CHECK(e.ended_at < k_now);
    keys.insert(e.key);
  }
  for (const auto& t : ws.touches) {
    CHECK(t.at < k_now);
    const auto slash = t.key.rfind('/');
    CHECK(keys.contains(t.key.substr(0, slash)));
  }

  const auto leads = metrics::filter_leads(ws, {}, k_now);
  REQUIRE(leads.ok());
  const auto figures = metrics::compute_step_metrics(ws, leads.value(), {k_now - 365 * k_day, k_now});
  const auto* welcome = find_sequence(figures, "welcome-inquiry");
  const auto* reminders = find_sequence(figures, "consultation-reminders");
  REQUIRE(welcome != nullptr);
  REQUIRE(reminders != nullptr);
  std::set<std::string> steps;
  for (const auto& s : welcome->steps) steps.insert(s.step);
  CHECK(steps == std::set<std::string>{"welcome", "hello", "nudge", "stories", "first-visit"});
  CHECK(reminders->steps.size() == 3);
  // Emails only: the opens and clicks of the welcome emails.
  metrics::MessageCounts email;
  for (const auto& s : welcome->steps)
    if (s.step != "hello") email += s.counts;
  CHECK(email.sent > 1000);
  CHECK(rate(email.opened, email.sent) > 0.20);
  CHECK(rate(email.opened, email.sent) < 0.50);
  CHECK(rate(email.clicked, email.sent) > 0.02);
  CHECK(rate(email.clicked, email.sent) < 0.08);
  CHECK(welcome->counts.booked > 10);
  CHECK(welcome->counts.unsubscribed > 0);
  CHECK(reminders->counts.sent > 500);
}

TEST_CASE("the scheduler repeats nothing of the demo's past", "[demo][history]") {
  const Workspace ws = demo_with_sequences(1000);
  std::set<std::string> handled;
  for (const auto& t : ws.touches) handled.insert(t.key);
  const Schedule s = schedule(ws, k_now, ScheduleOptions{k_now + 14 * k_day, {}});
  for (const auto& d : s.due) CHECK_FALSE(handled.contains(d.key));
  for (const auto& d : s.upcoming) CHECK_FALSE(handled.contains(d.key));
  for (const auto& h : s.held) CHECK_FALSE(handled.contains(h.touch.key));
  // The history ended what had ended: no goal or finish the scheduler finds dates from before.
  for (const auto& x : s.exits) CHECK(x.at >= k_now - k_demo_activated_ago);
  // And some enrolments are still running into the demo's future.
  CHECK(s.upcoming.size() + s.due.size() > 0);
}

TEST_CASE("the sequence history is optional and changes no event", "[demo][history]") {
  const Workspace plain = make_demo_practice(DemoOptions{5, 300, k_now, 3});
  Workspace with = make_demo_practice(DemoOptions{5, 300, k_now, 3, true});
  CHECK(plain.enrollments.empty());
  CHECK(plain.touches.empty());
  CHECK_FALSE(with.enrollments.empty());
  CHECK_FALSE(with.touches.empty());
  with.enrollments.clear();
  with.touches.clear();
  CHECK(with == plain);
}

}  // namespace demo_history_test
