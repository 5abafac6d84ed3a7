// Golden figures on a hand-built practice; every expected number is worked out in the comments.

#include <catch_amalgamated.hpp>

#include "tests/unit/metrics_support.hpp"

namespace nurture::metrics_golden_test {
namespace {

using namespace nurture::metrics;
using test::k_day;
using test::k_hour;

constexpr UnixMillis D(std::int64_t n) { return n * k_day; }

// The period is [D10, D20). Leads (stage changes):
//   A (1): awareness D2, consideration D5, conversion D12, patient D15; source google, botox
//   B (2): awareness D11, consideration D14; source facebook, created D11
//   C (3): no history, awareness, created D3; source google
//   D (4): awareness D1, consideration D8, conversion D25; booked "filler" on D5
//   E (5): awareness D12, deleted: never counted
// Sequence "welcome": email step "hello", text step "txt". Touch records:
//   A hello sent D10+1h, A txt sent D12, B hello sent D11, B txt replied D15,
//   C hello sent D9 (before the period: takes attribution, never counted), D hello skipped D11.
Workspace golden_workspace() {
  Workspace ws;
  const Stamp stamp{};
  Lead a = test::metrics_lead(1, D(2),
                              {{Stage::awareness, D(2)},
                               {Stage::consideration, D(5)},
                               {Stage::conversion, D(12)},
                               {Stage::patient, D(15)}});
  a.source = "google";
  a.interests = {"botox"};
  Lead b = test::metrics_lead(2, D(11), {{Stage::awareness, D(11)}, {Stage::consideration, D(14)}});
  b.source = "facebook";
  Lead c = test::metrics_lead(3, D(3), {});
  c.source = "google";
  Lead d = test::metrics_lead(
      4, D(1), {{Stage::awareness, D(1)}, {Stage::consideration, D(8)}, {Stage::conversion, D(25)}});
  Lead e = test::metrics_lead(5, D(12), {{Stage::awareness, D(12)}});
  for (const Lead* l : {&a, &b, &c, &d, &e}) ws.leads.append_row(*l, stamp);
  ws.leads.set_deleted(4, true, stamp);

  const UnixMillis t1 = D(10) + k_hour;
  std::vector<Event> events;
  std::uint64_t id = 1;
  const auto add = [&](std::uint64_t lead, UnixMillis at, EventType type) -> Event& {
    events.push_back(test::make_event(id++, lead, at, type));
    return events.back();
  };
  add(1, t1 + 1000, EventType::email_opened);         // 1 s after the send: machine
  add(1, t1 + k_hour, EventType::email_opened);       // a person
  add(1, t1 + 2 * k_hour, EventType::email_clicked);  // hello A clicked
  add(1, D(12) + k_hour, EventType::text_replied);    // → txt A (the latest text send)
  add(1, D(13), EventType::appointment_booked);       // → txt A (latest send of any channel)
  add(1, t1 + 8 * k_day, EventType::email_opened);    // 8 days after hello A: outside the window
  add(2, D(11) + 60'000, EventType::email_opened).properties = {{"machine", "true"}};
  add(2, D(19), EventType::unsubscribed);           // → txt B (D15)
  add(3, D(10) + k_hour, EventType::email_opened);  // → C's D9 send, not counted
  add(4, D(5), EventType::appointment_booked).service = "filler";
  add(5, D(12), EventType::email_opened);  // deleted lead
  std::sort(events.begin(), events.end(), [](const Event& x, const Event& y) { return x.at < y.at; });
  ws.events.add(events);

  ws.sequences.push_back(test::two_channel_sequence("welcome", {"hello"}, {"txt"}));
  ws.touches = {test::touch("welcome", 1, "hello", TouchOutcome::sent, t1),
                test::touch("welcome", 1, "txt", TouchOutcome::sent, D(12)),
                test::touch("welcome", 2, "hello", TouchOutcome::sent, D(11)),
                test::touch("welcome", 2, "txt", TouchOutcome::replied, D(15)),
                test::touch("welcome", 3, "hello", TouchOutcome::sent, D(9)),
                test::touch("welcome", 4, "hello", TouchOutcome::skipped, D(11))};
  test::sort_touches(ws);
  Enrollment en;
  en.key = enrollment_key("welcome", LeadId{2}, 0);
  en.sequence = "welcome";
  en.lead = LeadId{2};
  ws.enrollments.push_back(en);
  SavedSegment seg;
  seg.id = "googlers";
  seg.name = "Googlers";
  seg.query = "source = \"google\"";
  ws.segments.push_back(seg);
  return ws;
}

const MetricsRange k_range{D(10), D(20)};

TEST_CASE("funnel figures on the golden practice", "[metrics]") {
  const Workspace ws = golden_workspace();
  const auto leads = filter_leads(ws, {}, k_range.to);
  REQUIRE(leads);
  CHECK(leads.value().count() == 4);  // E is deleted
  const FunnelFigures f = compute_funnel(ws, leads.value(), k_range);
  const auto& s = f.stages;
  // First arrivals in [D10, D20): awareness B (D11); consideration B (D14); conversion A (D12);
  // patient A (D15).
  CHECK(s[0].reached == 1);
  CHECK(s[1].reached == 1);
  CHECK(s[2].reached == 1);
  CHECK(s[3].reached == 1);
  CHECK(s[4].reached == 0);
  // Stage at D10 (latest change before it): C awareness; A, D consideration; B none yet.
  CHECK(s[0].at_start == 1);
  CHECK(s[1].at_start == 2);
  CHECK(s[2].at_start == 0);
  // Cohorts: awareness {B, C}; consideration {A, D, B}; conversion {A}; patient {A}.
  CHECK(s[0].cohort == 2);
  CHECK(s[1].cohort == 3);
  CHECK(s[2].cohort == 1);
  CHECK(s[3].cohort == 1);
  // Moved on by D20: B (consideration D14); A (conversion D12), not D (D25) nor B;
  // A (patient D15); nobody reached retained.
  CHECK(s[0].converted == 1);
  CHECK(s[0].dropped == 1);
  CHECK(s[0].conversion_rate == Catch::Approx(0.5));
  CHECK(s[1].converted == 1);
  CHECK(s[1].dropped == 2);
  CHECK(s[1].conversion_rate == Catch::Approx(1.0 / 3));
  CHECK(s[2].conversion_rate == Catch::Approx(1.0));
  CHECK(s[3].converted == 0);
  CHECK(s[3].conversion_rate == Catch::Approx(0.0));
  CHECK_FALSE(s[4].conversion_rate.has_value());
  // Stays that ended in the period: B awareness D11→D14 (3 days), A consideration D5→D12 (7),
  // A conversion D12→D15 (3). D's stays end at D8 and D25, A's awareness at D5: outside.
  CHECK(s[0].median_days_in_stage == Catch::Approx(3.0));
  CHECK(s[1].median_days_in_stage == Catch::Approx(7.0));
  CHECK(s[2].median_days_in_stage == Catch::Approx(3.0));
  CHECK_FALSE(s[3].median_days_in_stage.has_value());
  // Time to conversion: A only, D2 → D12 = 10 days.
  CHECK(f.conversions == 1);
  CHECK(f.median_days_to_conversion == Catch::Approx(10.0));
}

TEST_CASE("step figures on the golden practice", "[metrics]") {
  const Workspace ws = golden_workspace();
  const auto leads = filter_leads(ws, {}, k_range.to);
  REQUIRE(leads);
  const auto seqs = compute_step_metrics(ws, leads.value(), k_range);
  REQUIRE(seqs.size() == 1);
  REQUIRE(seqs[0].steps.size() == 2);
  const MessageCounts& hello = seqs[0].steps[0].counts;
  const MessageCounts& txt = seqs[0].steps[1].counts;
  CHECK(seqs[0].steps[0].step == "hello");
  // hello: sends A and B (C's is before the period, D's was skipped); both opened, but B's only
  // open is flagged machine, and A has a human open 1 h after; A clicked. A's open 8 days later
  // is outside the window and C's open goes to C's uncounted send.
  CHECK(hello == MessageCounts{2, 2, 1, 1, 0, 0, 0});
  // txt: sends A (D12) and B (D15, outcome replied). A's text reply and booking (D13) go to txt A
  // (its latest send); B's unsubscribe on D19 to txt B.
  CHECK(txt == MessageCounts{2, 0, 0, 0, 2, 1, 1});
  CHECK(seqs[0].counts == MessageCounts{4, 2, 1, 1, 2, 1, 1});
}

TEST_CASE("machine opens", "[metrics]") {
  EventLog log;
  std::vector<Event> events{test::make_event(1, 1, 1000, EventType::email_opened),
                            test::make_event(2, 1, 5000, EventType::email_opened),
                            test::make_event(3, 1, 9000, EventType::email_opened)};
  events[2].properties = {{"user_agent", "Mozilla/5.0 (Apple Mail Privacy Protection)"}};
  log.add(events);
  CHECK(is_machine_open(log, 0, 0));        // 1 s after the send
  CHECK_FALSE(is_machine_open(log, 1, 0));  // 5 s after, no property
  CHECK(is_machine_open(log, 1, 3500));     // 1.5 s after a later send
  CHECK(is_machine_open(log, 2, 0));        // the user agent
}

TEST_CASE("nurtured versus not on the golden practice", "[metrics]") {
  const Workspace ws = golden_workspace();
  const auto leads = filter_leads(ws, {}, k_range.to);
  REQUIRE(leads);
  // Population: A, B, C (events in the period); D has none and was created D1. A booked D13 with
  // sends D10+1h and D12 in the 30 days before: nurtured booker. B: sends D11, D15: nurtured.
  // C: its only send (D9) is before the period: not nurtured.
  const NurtureEffect n = compute_nurture_effect(ws, leads.value(), k_range);
  CHECK(n.nurtured == 2);
  CHECK(n.nurtured_booked == 1);
  CHECK(n.not_nurtured == 1);
  CHECK(n.not_nurtured_booked == 0);
  CHECK(n.difference == Catch::Approx(0.5));
  REQUIRE(n.difference_ci95);
  // 1/2 vs 0/1 (z² = 3.8415): Wilson 1/2 = 0.5 ± 1.96/2.9207·sqrt(0.25/2 + 3.8415/16) = [0.0945, 0.9055];
  // Wilson 0/1 = [0, 3.8415/4.8415 = 0.7935]; low = 0.5 - sqrt(0.4055² + 0.7935²) = -0.3911,
  // high = 0.5 + sqrt(0.4055² + 0) = 0.9055.
  CHECK(n.difference_ci95->low == Catch::Approx(-0.3911).margin(1e-4));
  CHECK(n.difference_ci95->high == Catch::Approx(0.9055).margin(1e-4));
}

TEST_CASE("Newcombe's hybrid score interval matches his published examples", "[metrics]") {
  // Newcombe (1998), Statistics in Medicine 17:873-890, table II, method 10.
  const auto a = newcombe_difference(56, 70, 48, 80, k_z95);
  REQUIRE(a);
  CHECK(a->low == Catch::Approx(0.0524).margin(1e-4));
  CHECK(a->high == Catch::Approx(0.3339).margin(1e-4));
  const auto b = newcombe_difference(9, 10, 3, 10, k_z95);
  REQUIRE(b);
  CHECK(b->low == Catch::Approx(0.1705).margin(1e-4));
  CHECK(b->high == Catch::Approx(0.8090).margin(1e-4));
  const auto f = newcombe_difference(0, 10, 0, 10, k_z95);
  REQUIRE(f);
  CHECK(f->low == Catch::Approx(-0.2775).margin(1e-4));
  CHECK(f->high == Catch::Approx(0.2775).margin(1e-4));
  CHECK_FALSE(newcombe_difference(1, 2, 0, 0, k_z95).has_value());
}

TEST_CASE("the filter keeps leads by source, treatment, sequence and segment", "[metrics]") {
  const Workspace ws = golden_workspace();
  const auto rows = [&](const MetricsFilter& f) {
    const auto s = filter_leads(ws, f, k_range.to);
    REQUIRE(s);
    return s.value().rows();
  };
  CHECK(rows({"google", "", "", ""}) == std::vector<std::uint32_t>{0, 2});  // A, C
  CHECK(rows({"", "botox", "", ""}) == std::vector<std::uint32_t>{0});      // A's interest
  CHECK(rows({"", "filler", "", ""}) == std::vector<std::uint32_t>{3});     // D's booking
  CHECK(rows({"", "", "", "welcome"}) == std::vector<std::uint32_t>{1});    // B is enrolled
  CHECK(rows({"", "", "googlers", ""}) == std::vector<std::uint32_t>{0, 2});
  CHECK(rows({"", "", "GOOGLERS", ""}) == std::vector<std::uint32_t>{0, 2});  // by name
  CHECK(rows({"facebook", "", "", "welcome"}) == std::vector<std::uint32_t>{1});
  CHECK(rows({"nowhere", "", "", ""}).empty());
  CHECK_FALSE(filter_leads(ws, {"", "", "nope", ""}, k_range.to));
}

TEST_CASE("compute_metrics gives both periods", "[metrics]") {
  const Workspace ws = golden_workspace();
  const auto r = compute_metrics(ws, k_range, {});
  REQUIRE(r);
  CHECK(r.value().leads == 4);
  CHECK(r.value().previous.range == MetricsRange{D(0), D(10)});
  // The previous period [D0, D10): first arrivals at awareness A (D2), C (D3), D (D1);
  // consideration A (D5), D (D8). C's D9 hello is its only counted send.
  CHECK(r.value().previous.funnel.stages[0].reached == 3);
  CHECK(r.value().previous.funnel.stages[1].reached == 2);
  REQUIRE(r.value().previous.sequences.size() == 1);
  CHECK(r.value().previous.sequences[0].counts.sent == 1);
  CHECK(r.value().current.funnel.stages[2].reached == 1);
  CHECK_FALSE(compute_metrics(ws, {D(5), D(5)}, {}));
}

}  // namespace
}  // namespace nurture::metrics_golden_test
