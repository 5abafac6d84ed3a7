// Lead scoring: hand-computed points (decay, expiry, caps, filters, fit), the explanation
// agreeing with the table, thresholds, and the model commands.

#include "core/scoring/scoring.hpp"

#include <catch_amalgamated.hpp>

#include <cmath>

#include "core/commands/command.hpp"
#include "core/session.hpp"
#include "test_support.hpp"

namespace scoring_test {

using namespace nurture;

namespace {

constexpr UnixMillis k_day = 86'400'000;
constexpr UnixMillis k_now = 1'790'000'000'000;  // 2026-09-21

Lead lead(std::uint64_t id, const char* name) {
  Lead l;
  l.id = LeadId{id};
  l.first_name = name;
  l.email = std::string(name) + "@example.com";
  return l;
}

Event event(std::uint64_t id, std::uint64_t who, UnixMillis at, EventType type, std::uint32_t seconds = 0) {
  Event e = test::make_event(id, who, at, type);
  e.seconds = seconds;
  return e;
}

// Ana: 2 opens (today, 30 days ago), a 90 s and a 20 s content view, a booking 200 days ago.
// Bea: 30 opens today (runs into the cap), an unsubscribe. Cy: no events, age 40. Dee: deleted.
Session fixture() {
  Session s(1);
  Lead ana = lead(1, "ana");
  ana.age = 25;
  ana.interests = {"botox"};
  Lead bea = lead(2, "bea");
  Lead cy = lead(3, "cy");
  cy.age = 40;
  cy.interests = {"coolsculpting"};
  Lead dee = lead(4, "dee");
  for (const Lead& l : {ana, bea, cy, dee}) REQUIRE(s.execute(AddLead{l, k_now - 400 * k_day}).ok);
  std::vector<Event> events = {event(1, 1, k_now, EventType::email_opened),
                               event(2, 1, k_now - 30 * k_day, EventType::email_opened),
                               event(3, 1, k_now - k_day, EventType::content_viewed, 90),
                               event(4, 1, k_now - k_day, EventType::content_viewed, 20),
                               event(5, 1, k_now - 200 * k_day, EventType::appointment_booked),
                               event(6, 2, k_now - 2 * k_day, EventType::unsubscribed),
                               event(7, 4, k_now, EventType::email_opened),
                               event(8, 1, k_now + k_day / 2, EventType::email_opened)};  // not yet
  for (std::uint64_t i = 0; i < 30; ++i)
    events.push_back(event(100 + i, 2, k_now - k_day, EventType::email_opened));
  REQUIRE(s.execute(AddEvents{events, k_now}).ok);
  REQUIRE(s.execute(DeleteLead{LeadId{4}, k_now}).ok);
  return s;
}

ScoringModel model() {
  ScoringModel m;
  m.groups = {{"engagement", "Engagement"}, {"fit", "Fit"}};
  m.event_rules = {
      {"engagement", "Opened", EventType::email_opened, "", 2, Decay::half_life, 30, 20},
      {"engagement", "Read a minute", EventType::content_viewed, "seconds >= 60", 4, Decay::none, 0, 0},
      {"engagement", "Booked", EventType::appointment_booked, "", 25, Decay::expiry, 120, 0},
      {"engagement", "Unsubscribed", EventType::unsubscribed, "", -30, Decay::none, 0, 0},
  };
  m.fit_rules = {{"fit", "Core age", "age between 30 and 60", 10},
                 {"fit", "High value", "interest in (coolsculpting, filler)", 15}};
  return m;
}

double engagement(const ScoreTable& t, const Workspace& ws, std::uint64_t id) {
  return t.score(*ws.leads.find(LeadId{id}), 0);
}

}  // namespace

TEST_CASE("event points decay by half-life, expire, cap and filter exactly", "[scoring]") {
  const Session s = fixture();
  const auto compiled = compile_scoring(model());
  REQUIRE(compiled.ok());
  const auto table = compute_scores(compiled.value(), s.workspace(), k_now);
  REQUIRE(table.groups == std::vector<std::string>{"engagement", "fit"});
  // Ana: opens 2 + 2·0.5 (one half-life ago) = 3; one view of 90 s = 4; the booking has expired.
  CHECK(engagement(table, s.workspace(), 1) == Catch::Approx(3 + 4));
  // Bea: 30 opens a day old = 60 · 0.5^(1/30) ≈ 58.6, capped at 20; unsubscribed −30.
  CHECK(engagement(table, s.workspace(), 2) == Catch::Approx(20 - 30));
  CHECK(engagement(table, s.workspace(), 3) == 0);
  // Fit: Cy is 40 and wants CoolSculpting; Ana is 25 and wants Botox.
  CHECK(table.score(*s.workspace().leads.find(LeadId{3}), 1) == 25);
  CHECK(table.score(*s.workspace().leads.find(LeadId{1}), 1) == 0);
  CHECK(table.total(*s.workspace().leads.find(LeadId{3})) == 25);
  // The deleted lead scores nothing even though its open is live.
  CHECK(table.score(*s.workspace().leads.find_any(LeadId{4}), 0) == 0);
}

TEST_CASE("the booking counts fully until its expiry", "[scoring]") {
  const Session s = fixture();
  const auto compiled = compile_scoring(model());
  REQUIRE(compiled.ok());
  // 119 days after the booking it still counts; at 120 it has expired.
  const UnixMillis booked = k_now - 200 * k_day;
  const auto before = compute_scores(compiled.value(), s.workspace(), booked + 119 * k_day);
  const auto after = compute_scores(compiled.value(), s.workspace(), booked + 120 * k_day);
  const auto ana = *s.workspace().leads.find(LeadId{1});
  CHECK(before.score(ana, 0) - after.score(ana, 0) == Catch::Approx(25));
}

TEST_CASE("a lead's explanation adds up to its score in the table", "[scoring]") {
  const Session s = fixture();
  const auto compiled = compile_scoring(model());
  REQUIRE(compiled.ok());
  const auto& ws = s.workspace();
  const auto table = compute_scores(compiled.value(), ws, k_now);
  ws.leads.for_each_live([&](std::uint32_t row) {
    const auto why = explain_score(compiled.value(), ws, row, k_now);
    for (std::size_t g = 0; g < table.groups.size(); ++g)
      CHECK(why.group_totals[g] == Catch::Approx(table.score(row, g)).margin(1e-4));
  });
  const auto bea = explain_score(compiled.value(), ws, *ws.leads.find(LeadId{2}), k_now);
  REQUIRE(bea.lines.size() == 2);
  CHECK(bea.lines[0].label == "Opened");
  CHECK(bea.lines[0].events == 30);
  CHECK(bea.lines[0].capped);
  CHECK(bea.lines[0].points == 20);
  CHECK(bea.lines[1].label == "Unsubscribed");
  CHECK(bea.lines[1].points == -30);
  CHECK(bea.total == Catch::Approx(-10));
  const auto cy = explain_score(compiled.value(), ws, *ws.leads.find(LeadId{3}), k_now);
  REQUIRE(cy.lines.size() == 2);
  CHECK(cy.lines[0].fit);
  CHECK(cy.lines[1].label == "High value");
}

TEST_CASE("rule texts are checked with the rule's path and position", "[scoring]") {
  ScoringModel m = model();
  m.event_rules[1].where = "seconds >= ";
  auto r = compile_scoring(m);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().message.rfind("event_rules[1].where: 1:", 0) == 0);
  m = model();
  m.fit_rules[0].condition = "score >= 10";
  r = compile_scoring(m);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().message == "fit_rules[0].condition: a fit rule cannot use scores or other segments");
  m = model();
  m.fit_rules[0].group = "nope";
  r = compile_scoring(m);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().message == "fit_rules[0].group: names no score group");
}

TEST_CASE("thresholds move stages forward and tag, once", "[scoring]") {
  Session s = fixture();
  ScoringModel m = model();
  m.thresholds = {{"fit", 20, ThresholdAction::move_stage, Stage::consideration, ""},
                  {"", 5, ThresholdAction::add_tag, Stage::awareness, "warm"},
                  {"engagement", 1, ThresholdAction::enrol_sequence, Stage::awareness, "welcome"}};
  REQUIRE(s.execute(SetScoringModel{m, k_now}).ok);
  const auto compiled = compile_scoring(s.workspace().scoring);
  REQUIRE(compiled.ok());
  const auto table = compute_scores(compiled.value(), s.workspace(), k_now);
  auto actions = due_threshold_actions(compiled.value(), s.workspace(), table, k_now);
  // Cy (fit 25): stage and tag; Ana (total 7): tag; Bea (−10): nothing. Enrolment is not here.
  REQUIRE(actions.size() == 3);
  REQUIRE(s.record(LeadBatch{actions, "thresholds", false}).ok);
  const auto& ws = s.workspace();
  CHECK(ws.leads.stage(*ws.leads.find(LeadId{3})) == Stage::consideration);
  CHECK(ws.leads.get(*ws.leads.find(LeadId{1})).tags == std::vector<std::string>{"warm"});
  CHECK(ws.leads.get(*ws.leads.find(LeadId{2})).tags.empty());
  // Applied: asking again finds nothing, and the record left no undo point.
  const auto again = compute_scores(compiled.value(), ws, k_now);
  CHECK(due_threshold_actions(compiled.value(), ws, again, k_now).empty());
  CHECK(s.undo());  // undoes SetScoringModel, the last user command
  CHECK(s.workspace().scoring.empty());
}

TEST_CASE("SetScoringModel validates, stamps and undoes", "[scoring][commands]") {
  Session s(3);
  ScoringModel bad = model();
  bad.event_rules[0].where = "seconds >=";
  auto r = s.execute(SetScoringModel{bad, k_now});
  CHECK_FALSE(r.ok);
  REQUIRE(r.field_errors.size() == 1);
  CHECK(r.field_errors[0].field == "event_rules[0].where");
  CHECK(s.workspace().scoring.empty());
  r = s.execute(SetScoringModel{model(), k_now});
  CHECK(r.ok);
  CHECK(s.workspace().scoring.stamp.device == 3);
  CHECK(s.execute(SetScoringModel{model(), k_now + 1}).message == "Nothing changed");
  CHECK(s.undo());
  CHECK(s.workspace().scoring.empty());
}

TEST_CASE("the demo practice's model compiles and scores its leads", "[scoring][demo]") {
  const auto compiled = compile_scoring(demo_scoring_model());
  REQUIRE(compiled.ok());
  const Session s = fixture();
  const auto table = compute_scores(compiled.value(), s.workspace(), k_now);
  CHECK(table.groups.size() == 2);
  CHECK(table.rows() == s.workspace().leads.rows());
}

}  // namespace scoring_test
