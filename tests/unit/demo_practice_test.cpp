#include "core/demo/demo_practice.hpp"

#include <catch_amalgamated.hpp>

#include <algorithm>
#include <map>
#include <set>

#include "core/commands/command.hpp"
#include "core/scoring/scoring.hpp"
#include "core/segment/engine.hpp"
#include "core/segment/membership.hpp"
#include "core/segment/parser.hpp"
#include "core/util/splitmix.hpp"

namespace demo_practice_test {

using namespace nurture;

namespace {

constexpr UnixMillis k_now = 1795768925000;  // 2026-11-27T08:42:05Z
constexpr UnixMillis k_day = 86400000;

const Workspace& demo_2000() {
  static const Workspace ws = make_demo_practice({42, 2000, k_now, 9});
  return ws;
}

bool ends_with(const std::string& s, std::string_view tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

std::vector<Lead> all_leads(const Workspace& ws) {
  std::vector<Lead> out;
  ws.leads.for_each_live([&](std::uint32_t row) { out.push_back(ws.leads.get(row)); });
  return out;
}

}  // namespace

TEST_CASE("the demo practice is deterministic in its seed") {
  const Workspace a = make_demo_practice({7, 200, k_now, 1});
  const Workspace b = make_demo_practice({7, 200, k_now, 1});
  const Workspace c = make_demo_practice({8, 200, k_now, 1});
  CHECK(a == b);
  CHECK_FALSE(a == c);
  CHECK(a.leads.get(0) != c.leads.get(0));
  CHECK(is_demo_practice(a));
  CHECK_FALSE(is_demo_practice(Workspace{}));
}

// The app builds the demo a few leads a frame (web/ui/demo_job.hpp): any slicing must give the
// one-shot workspace, with or without the sequences' history. Seeded random step sizes.
TEST_CASE("the demo builder in any slices equals the one-shot demo", "[demo][long-work]") {
  SplitMix64 rng(0xDE3011);
  for (int round = 0; round < 4; ++round) {
    const DemoOptions options{rng.next(), 40 + rng.below(60), k_now, 3, round % 2 == 0};
    const Workspace whole = make_demo_practice(options);
    DemoBuilder builder(options);
    CHECK(builder.progress() == 0.0);
    double last = 0.0;
    std::size_t steps = 0;
    bool done = false;
    while (!done) {
      done = builder.step(1 + rng.below(round < 2 ? 3 : 17));
      CHECK(builder.progress() >= last);
      last = builder.progress();
      ++steps;
    }
    CHECK(builder.progress() == 1.0);
    CHECK(steps > 1);
    const Workspace sliced = builder.finish();
    CHECK(sliced.leads.size() == options.leads);
    CHECK(sliced == whole);
  }
}

TEST_CASE("the demo practice has the asked size and full catalogs") {
  const Workspace& ws = demo_2000();
  CHECK(ws.leads.size() == 2000);
  CHECK(ws.events.size() >= 20 * 2000);
  CHECK(ws.events.size() <= 40 * 2000);
  CHECK(ws.treatments.size() == 12);
  CHECK(ws.sources.size() == 8);
  CHECK(ws.content.size() >= 25);
  CHECK(has_postal_address(ws.practice));
  CHECK(ws.practice.hours[6].closed());
  CHECK_FALSE(ws.practice.hours[0].closed());
  CHECK_FALSE(ws.is_empty());
  // Every item is stamped once, at `now`, by the given device.
  CHECK(ws.treatments[0].stamp.millis == k_now);
  CHECK(ws.treatments[0].stamp.device == 9);
  CHECK(ws.leads.stamp(0, LeadField::email).device == 9);
  const auto small = make_demo_practice({42, 50, k_now, 9});
  CHECK(small.leads.size() == 50);
}

TEST_CASE("the demo practice has a year of ad spend for its paid sources") {
  const Workspace& ws = demo_2000();
  // Two paid sources (google-ads, meta-lead-ads) × the 12 months before now's month.
  REQUIRE(ws.ad_spend.size() == 24);
  CHECK(is_ad_spend_table(ws.ad_spend));
  const CivilDate today = utc_date(k_now - 5 * 3'600'000);
  const YearMonth this_month{today.year, today.month};
  CHECK(ws.ad_spend.front().source == "google-ads");
  CHECK(ws.ad_spend.front().month == YearMonth{this_month.year - 1, this_month.month});
  CHECK(ws.ad_spend[11].month < this_month);
  CHECK(find_ad_spend(ws.ad_spend, "google-ads", this_month) == nullptr);  // an estimate
  for (const AdSpend& a : ws.ad_spend) {
    const LeadSource* s = find_item(ws.sources, a.source);
    REQUIRE(s != nullptr);
    CHECK(s->kind == SourceKind::paid);
    // 70% to 130% of the monthly cost, ±12%.
    CHECK(a.cents >= s->monthly_cost_cents * 6 / 10);
    CHECK(a.cents <= s->monthly_cost_cents * 15 / 10);
    CHECK(a.stamp.millis == k_now);
    CHECK(validate(a).empty());
  }
}

TEST_CASE("demo events are sorted, belong to leads and name existing content and treatments") {
  const Workspace& ws = demo_2000();
  std::set<std::uint64_t> ids;
  std::map<std::uint64_t, UnixMillis> created;
  ws.leads.for_each_live(
      [&](std::uint32_t row) { created[ws.leads.id(row).value] = ws.leads.get(row).created_at; });
  std::map<EventType, std::size_t> by_type;
  for (std::uint32_t i = 0; i < ws.events.size(); ++i) {
    const Event e = ws.events.get(i);
    REQUIRE(created.contains(e.lead.value));
    CHECK(e.at >= created[e.lead.value]);
    CHECK(e.at < k_now);
    CHECK(e.at >= k_now - 366 * k_day);
    if (i > 0) REQUIRE(ws.events.at(i - 1) <= e.at);
    CHECK(ids.insert(e.id.value).second);
    if (!e.content.empty()) CHECK(find_item(ws.content, e.content) != nullptr);
    if (!e.service.empty()) CHECK(find_item(ws.treatments, e.service) != nullptr);
    if (e.type == EventType::email_sent) CHECK_FALSE(e.sequence.empty());
    if (e.type == EventType::purchase) CHECK(e.amount_cents > 0);
    ++by_type[e.type];
  }
  // Email engagement narrows like a real funnel; every kind of event occurs.
  CHECK(by_type[EventType::email_sent] > by_type[EventType::email_opened]);
  CHECK(by_type[EventType::email_opened] > by_type[EventType::email_clicked]);
  CHECK(by_type[EventType::appointment_booked] > by_type[EventType::appointment_attended]);
  CHECK(by_type.size() == k_event_type_count);
}

TEST_CASE("the demo funnel narrows stage by stage and patients have attended") {
  const Workspace& ws = demo_2000();
  std::array<std::size_t, k_stage_count> reached{};
  std::set<std::uint64_t> attended;
  for (std::uint32_t i = 0; i < ws.events.size(); ++i) {
    if (ws.events.type(i) == EventType::appointment_attended) attended.insert(ws.events.lead(i).value);
  }
  for (const Lead& l : all_leads(ws)) {
    for (std::size_t s = 0; s <= static_cast<std::size_t>(l.stage); ++s) ++reached[s];
    REQUIRE_FALSE(l.stage_history.empty());
    CHECK(l.stage_history.front().at == l.created_at);
    CHECK(l.stage_history.back().stage == l.stage);
    for (std::size_t k = 1; k < l.stage_history.size(); ++k) {
      CHECK(l.stage_history[k - 1].at <= l.stage_history[k].at);
      CHECK(l.stage_history[k - 1].stage < l.stage_history[k].stage);
    }
    if (l.stage >= Stage::patient) CHECK(attended.contains(l.id.value));
  }
  for (std::size_t s = 1; s < k_stage_count; ++s) {
    INFO("stage " << s);
    CHECK(reached[s] < reached[s - 1]);
    CHECK(reached[s] > 0);
  }
}

TEST_CASE("demo contact details are fictional and opt-outs are honoured") {
  const Workspace& ws = demo_2000();
  std::size_t with_consent = 0;
  std::size_t opted_out = 0;
  std::size_t accented = 0;
  for (const Lead& l : all_leads(ws)) {
    if (!l.email.empty()) {
      CHECK((ends_with(l.email, "@example.com") || ends_with(l.email, "@example.net") ||
             ends_with(l.email, "@example.org")));
    }
    if (!l.phone.empty()) {
      REQUIRE(l.phone.size() == 12);
      CHECK(l.phone.substr(0, 2) == "+1");
      CHECK(l.phone.substr(5, 5) == "55501");  // the 555-01xx block reserved for fiction
    }
    if (l.first_name.find_first_of("\xc3\xc5\xc4") != std::string::npos ||
        l.last_name.find_first_of("\xc3\xc5\xc4") != std::string::npos)
      ++accented;
    if (!l.consent.empty()) ++with_consent;
    for (const ConsentRecord& c : l.consent) {
      CHECK_FALSE(c.method.empty());
      if (c.granted) CHECK_FALSE(c.text.empty());
    }
    // Nothing was sent on a channel after the lead opted out of it.
    for (const ConsentRecord& c : l.consent) {
      if (c.granted) continue;
      ++opted_out;
      const EventType sent = c.channel == Channel::email ? EventType::email_sent : EventType::text_sent;
      for (const auto pos : ws.events.of_lead(l.id)) {
        if (ws.events.type(pos) == sent) CHECK(ws.events.at(pos) <= c.at);
      }
    }
    for (const DoNotContact& d : l.do_not_contact) {
      const EventType sent = d.channel == Channel::email ? EventType::email_sent : EventType::text_sent;
      for (const auto pos : ws.events.of_lead(l.id)) {
        if (ws.events.type(pos) == sent) CHECK(ws.events.at(pos) <= d.at);
      }
    }
  }
  CHECK(with_consent > 1600);
  CHECK(opted_out > 10);
  CHECK(opted_out < 300);
  CHECK(accented > 100);
}

TEST_CASE("retained demo patients come back at about the treatment's interval") {
  const Workspace& ws = demo_2000();
  std::map<std::pair<std::uint64_t, std::string>, std::vector<UnixMillis>> visits;
  for (std::uint32_t i = 0; i < ws.events.size(); ++i) {
    if (ws.events.type(i) != EventType::purchase) continue;
    const Event e = ws.events.get(i);
    visits[{e.lead.value, e.service}].push_back(e.at);
  }
  std::size_t repeats = 0;
  for (const auto& [key, times] : visits) {
    const Treatment* t = find_item(ws.treatments, key.second);
    REQUIRE(t != nullptr);
    for (std::size_t k = 1; k < times.size(); ++k) {
      ++repeats;
      CHECK(t->retreatment_days > 0);
      const auto gap_days = (times[k] - times[k - 1]) / k_day;
      CHECK(gap_days >= t->retreatment_days * 9 / 10 - 10);
    }
  }
  CHECK(repeats > 100);
}

TEST_CASE("everything in the demo passes the validation the commands apply") {
  const Workspace ws = make_demo_practice({3, 300, k_now, 2});
  Workspace copy;
  REQUIRE(apply(copy, SetPracticeProfile{ws.practice}).ok);
  for (const auto& t : ws.treatments) REQUIRE(apply(copy, PutTreatment{t, k_now}).ok);
  for (const auto& s : ws.sources) REQUIRE(apply(copy, PutLeadSource{s, k_now}).ok);
  for (const auto& c : ws.content) {
    INFO(c.id);
    REQUIRE(apply(copy, PutContentItem{c, k_now}).ok);
  }
  for (const Lead& l : all_leads(ws)) {
    const auto r = apply(copy, AddLead{l, k_now});
    INFO(l.first_name << " " << l.email << " " << l.phone << ": " << r.message);
    REQUIRE(r.ok);
    // Already normalised: the command stored exactly what the generator wrote.
    CHECK(copy.leads.get(*copy.leads.find(l.id)) == l);
  }
  std::vector<Event> events;
  for (std::uint32_t i = 0; i < ws.events.size(); ++i) events.push_back(ws.events.get(i));
  const auto r = apply(copy, AddEvents{events, k_now});
  INFO(r.message);
  REQUIRE(r.ok);
  CHECK(copy.events == ws.events);
}

// The demo is built back from the moment it is loaded, so what its saved segments hold changes
// with the day. Each must have a fair number of members (and not everyone) on any day of the
// year, with the seed the app uses: a segment of two or three is one unlucky day from empty, as
// "VIP patients" was on 2026-12-07 when VIPs were tagged from $3,000 spent.
TEST_CASE("every saved demo segment has at least ten members on any day of the year", "[demo][segments]") {
  // A day a quarter, and 2026-12-07 13:00Z, the day it happened.
  for (const UnixMillis now :
       {1767445200000LL, 1775307600000LL, 1783170000000LL, 1791032400000LL, 1796648400000LL}) {
    const Workspace ws = make_demo_practice({2026, 2000, now, 1, true});
    auto scoring = compile_scoring(ws.scoring);
    REQUIRE(scoring.ok());
    segment::SegmentCache cache;
    const ScoreTable scores = compute_scores(scoring.value(), ws, now, 0, &cache);
    const segment::ParsedSegments parsed(ws.segments);
    const auto ctx = segment::make_context(ws, now, 0, &scores, parsed);
    REQUIRE(ws.segments.size() == 7);
    for (const SavedSegment& s : ws.segments) {
      auto query = segment::parse_query(s.query);
      REQUIRE(query.ok());
      auto members = segment::evaluate(query.value(), s.query, ctx, &cache);
      REQUIRE(members.ok());
      INFO("at " << now << ": " << s.name);
      CHECK(members.value().count() >= 10);
      CHECK(members.value().count() < 2000);
    }
  }
}

}  // namespace demo_practice_test
