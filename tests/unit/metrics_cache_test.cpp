// MetricsCache: every figure computed from the cache equals the figure computed without it, on
// random practices in a zone with daylight-saving time (ties between sends, text and email steps,
// machine opens, deleted leads and events, filters), for many ranges over one cache; the cache
// is built once per workspace revision. The stepped build (MetricsCacheBuilder) in random slices
// equals the one-shot build, index for index. And LocalCalendar::day_of's remembered offset
// against the zone's own conversion.
#include "core/metrics/metrics_cache.hpp"

#include <catch_amalgamated.hpp>

#include <string>
#include <vector>

#include "core/metrics/dashboard.hpp"
#include "core/metrics/engagement.hpp"
#include "core/metrics/metrics_cache_builder.hpp"
#include "core/metrics/metrics_report.hpp"
#include "core/metrics/retention.hpp"
#include "core/metrics/roi.hpp"
#include "core/util/splitmix.hpp"
#include "tests/unit/metrics_support.hpp"
#include "tests/unit/metrics_workspace_build.hpp"

namespace nurture::metrics_cache_test {
namespace {

using namespace nurture::metrics;
using test::k_day;
using test::k_hour;

constexpr std::uint64_t k_leads = 60;

// Over 2026-01-01 .. 2026-05-01 (the March change to daylight time inside), New York.
constexpr UnixMillis k_start = 1'767'225'600'000;  // 2026-01-01T00:00Z
constexpr UnixMillis k_span = 120 * k_day;

Workspace random_practice(SplitMix64& rng) {
  Workspace ws;
  ws.practice.time_zone = "America/New_York";
  ws.sources = {LeadSource{"fb", "Facebook", SourceKind::paid, 31000, {}, false},
                LeadSource{"google", "Google", SourceKind::paid, 1000, {}, false}};
  ws.treatments = {Treatment{"botox", "Botox", "injectables", 90, 45000, {}, false}};
  ws.content = {test::content_item("a", 3, Stage::consideration, "botox"), test::content_item("b")};
  const auto random_at = [&] {
    return k_start + static_cast<UnixMillis>(rng.below(k_span / 60'000)) * 60'000;
  };
  for (std::uint64_t id = 1; id <= k_leads; ++id) {
    std::vector<StageChange> history;
    const std::size_t changes = rng.below(5);
    for (std::size_t i = 0; i < changes; ++i)
      history.push_back({static_cast<Stage>(rng.below(k_stage_count)), random_at()});
    Lead l = test::metrics_lead(id, random_at(), history);
    if (history.empty()) l.stage = static_cast<Stage>(rng.below(k_stage_count));
    l.source = rng.pick({std::string("fb"), std::string("google"), std::string("")});
    const std::uint32_t row = ws.leads.append_row(l, Stamp{});
    if (rng.chance(5)) ws.leads.set_deleted(row, true, Stamp{});
  }
  ws.sequences.push_back(test::two_channel_sequence("s1", {"e1", "e2"}, {"t1"}));
  ws.sequences.push_back(test::two_channel_sequence("s2", {"e1"}, {}));
  const std::vector<std::pair<std::string, std::string>> steps{
      {"s1", "e1"}, {"s1", "e2"}, {"s1", "t1"}, {"s2", "e1"}, {"ghost", "x"}};
  std::vector<Event> events;
  std::uint64_t next = 1;
  for (std::uint32_t i = 0; i < 300; ++i) {
    const auto& [seq, step] = rng.pick(steps);
    const std::uint64_t lead = 1 + rng.below(k_leads + 1);
    // Whole hours: two sends of a lead at the same instant happen (ties go by key order).
    const UnixMillis at = k_start + static_cast<UnixMillis>(rng.below(k_span / k_hour)) * k_hour;
    TouchRecord t;
    t.key = touch_key(enrollment_key(seq, LeadId{lead}, i), step);
    t.outcome = static_cast<TouchOutcome>(rng.below(k_touch_outcome_count));
    t.at = at;
    ws.touches.push_back(t);
    if (rng.chance(30)) events.push_back(test::make_event(next++, lead, at + 1000, EventType::email_opened));
  }
  test::sort_touches(ws);
  const std::vector<EventType> types{
      EventType::email_opened,         EventType::email_clicked, EventType::email_replied,
      EventType::text_replied,         EventType::unsubscribed,  EventType::appointment_booked,
      EventType::email_sent,           EventType::text_sent,     EventType::content_viewed,
      EventType::appointment_attended, EventType::purchase,      EventType::form_submitted};
  for (int i = 0; i < 1500; ++i) {
    Event e = test::make_event(next++, 1 + rng.below(k_leads + 1), random_at(), rng.pick(types));
    if (e.type == EventType::email_opened && rng.chance(15)) e.properties = {{"machine", "true"}};
    if (e.type == EventType::email_opened && rng.chance(15))
      e.properties = {{"user_agent", "Apple Mail Privacy Protection"}};
    e.content = rng.pick({std::string("a"), std::string("b"), std::string("gone")});
    e.seconds = static_cast<std::uint32_t>(rng.below(400));
    e.service = rng.pick({std::string("botox"), std::string("")});
    e.amount_cents = static_cast<std::int64_t>(rng.below(50000));
    events.push_back(e);
  }
  std::stable_sort(events.begin(), events.end(), [](const Event& x, const Event& y) { return x.at < y.at; });
  ws.events.add(events);
  for (int i = 0; i < 40; ++i) ws.events.set_deleted(EventId{1 + rng.below(next - 1)}, Stamp{1, 0, 1});
  return ws;
}

void check_same(const FunnelFigures& a, const FunnelFigures& b) {
  test::check_funnel_counts(a, b);
  // And what only the real computations have.
  for (std::size_t k = 0; k < k_stage_count; ++k) {
    INFO("stage " << k);
    CHECK(a.stages[k].dropped == b.stages[k].dropped);
    CHECK(a.stages[k].conversion_rate == b.stages[k].conversion_rate);
    CHECK(a.stages[k].stays_ended == b.stages[k].stays_ended);
  }
}

void check_same(const std::vector<SequenceFigures>& a, const std::vector<SequenceFigures>& b) {
  REQUIRE(a.size() == b.size());
  for (std::size_t s = 0; s < a.size(); ++s) {
    CHECK(a[s].sequence == b[s].sequence);
    CHECK(a[s].counts == b[s].counts);
    REQUIRE(a[s].steps.size() == b[s].steps.size());
    for (std::size_t i = 0; i < a[s].steps.size(); ++i) {
      CHECK(a[s].steps[i].step == b[s].steps[i].step);
      CHECK(a[s].steps[i].counts == b[s].steps[i].counts);
    }
  }
}

void check_same(const NurtureEffect& a, const NurtureEffect& b) {
  CHECK(a.nurtured == b.nurtured);
  CHECK(a.nurtured_booked == b.nurtured_booked);
  CHECK(a.not_nurtured == b.not_nurtured);
  CHECK(a.not_nurtured_booked == b.not_nurtured_booked);
  CHECK(a.difference == b.difference);
  CHECK(a.difference_ci95.has_value() == b.difference_ci95.has_value());
}

void check_same(const PeriodMetrics& a, const PeriodMetrics& b) {
  CHECK(a.range == b.range);
  check_same(a.funnel, b.funnel);
  check_same(a.sequences, b.sequences);
  check_same(a.nurture, b.nurture);
}

TEST_CASE("figures from the MetricsCache equal those without it", "[metrics][cache][property]") {
  for (std::uint64_t seed = 1; seed <= 12; ++seed) {
    SplitMix64 rng(seed);
    const Workspace ws = random_practice(rng);
    MetricsCache cache;
    INFO("seed " << seed);
    for (int r = 0; r < 10; ++r) {
      const UnixMillis from = k_start + static_cast<UnixMillis>(rng.below(100 * 24)) * k_hour - k_day * 5;
      const MetricsRange range{from, from + static_cast<UnixMillis>(1 + rng.below(60 * 24)) * k_hour};
      MetricsFilter filter;
      if (rng.chance(40)) filter.source = rng.pick({std::string("fb"), std::string("google")});
      if (rng.chance(20)) filter.sequence = "s1";
      INFO("range " << range.from << ".." << range.to << " source '" << filter.source << "'");
      const auto plain = compute_metrics(ws, range, filter);
      const auto cached = compute_metrics(ws, range, filter, cache);
      REQUIRE(plain);
      REQUIRE(cached);
      CHECK(plain.value().leads == cached.value().leads);
      check_same(plain.value().current, cached.value().current);
      check_same(plain.value().previous, cached.value().previous);

      const std::vector<bool> keep = test::random_keep(rng, ws.leads.rows());
      const std::vector<bool>* keep_rows = rng.chance(50) ? &keep : nullptr;
      CHECK(engagement_metrics(ws, range.from, range.to, keep_rows) ==
            engagement_metrics(ws, range.from, range.to, keep_rows, &cache));
      CHECK(retention_metrics(ws, range.from, range.to, keep_rows) ==
            retention_metrics(ws, range.from, range.to, keep_rows, &cache));
      CHECK(roi_metrics(ws, range.from, range.to, keep_rows) ==
            roi_metrics(ws, range.from, range.to, keep_rows, &cache));

      // The dashboard's trends from the cache, and the dashboard as a whole, against the plain
      // figures it is made of.
      const auto leads = filter_leads(ws, filter, range.to);
      REQUIRE(leads);
      const TimeZone* zone = practice_zone(ws);
      const auto buckets = trend_buckets(zone, range, trend_grain(range));
      const auto plain_trend = conversion_trend(ws, leads.value(), range, buckets);
      CHECK(plain_trend == conversion_trend(ws, leads.value(), range, buckets, &cache));
      const auto weeks = trend_buckets(zone, range, TrendGrain::week);
      const auto plain_weeks = step_trend(ws, leads.value(), weeks);
      const auto cached_weeks = step_trend(ws, leads.value(), weeks, &cache);
      REQUIRE(plain_weeks.size() == cached_weeks.size());
      for (std::size_t w = 0; w < weeks.size(); ++w) check_same(plain_weeks[w], cached_weeks[w]);
      const auto dash = compute_dashboard(ws, range, filter, cache);
      REQUIRE(dash);
      const Dashboard& d = dash.value();
      CHECK(d.report.leads == plain.value().leads);
      check_same(plain.value().current, d.report.current);
      check_same(plain.value().previous, d.report.previous);
      CHECK(d.trend == plain_trend);
      REQUIRE(d.step_weeks.size() == plain_weeks.size());
      for (std::size_t w = 0; w < weeks.size(); ++w) check_same(plain_weeks[w], d.step_weeks[w]);
      const std::vector<bool> kept = metrics::keep_rows(leads.value(), ws.leads.rows());
      CHECK(d.engagement == engagement_metrics(ws, range.from, range.to, &kept));
      CHECK(d.roi == roi_metrics(ws, range.from, range.to, &kept));
    }
    // Ten ranges and filters, one build.
    CHECK(cache.builds() == 1);
  }
}

TEST_CASE("the MetricsCache rebuilds when the workspace changes", "[metrics][cache]") {
  SplitMix64 rng(99);
  Workspace ws = random_practice(rng);
  MetricsCache cache;
  const MetricsRange range{k_start, k_start + 90 * k_day};
  const segment::LeadSet live = segment::LeadSet::live(ws.leads);
  (void)compute_step_metrics(ws, live, range, &cache);
  (void)compute_funnel(ws, live, range, &cache);
  CHECK(cache.builds() == 1);
  // A new open of lead 1 attributed to a send: the revision changes, the cache rebuilds, and the
  // figures follow the workspace.
  ws.events.add({test::make_event(100'000, 1, k_start + 45 * k_day, EventType::email_opened)});
  ++ws.revision;
  check_same(compute_step_metrics(ws, live, range), compute_step_metrics(ws, live, range, &cache));
  CHECK(cache.builds() == 2);
  // Without a revision bump, invalidate() forces it.
  ws.touches.pop_back();
  ws.touches.push_back(test::touch("s1", 2, "e1", TouchOutcome::sent, k_start + 44 * k_day));
  test::sort_touches(ws);
  cache.invalidate();
  check_same(compute_step_metrics(ws, live, range), compute_step_metrics(ws, live, range, &cache));
  CHECK(cache.builds() == 3);
}

// Every index of two caches of the same workspace, element by element.
void check_same_cache(const MetricsCache& a, const MetricsCache& b, std::uint32_t rows) {
  CHECK(a.live() == b.live());
  for (std::size_t t = 0; t < k_event_type_count; ++t) {
    INFO("event type " << t);
    const auto& x = a.of_type(static_cast<EventType>(t));
    const auto& y = b.of_type(static_cast<EventType>(t));
    CHECK(x.at == y.at);
    CHECK(x.pos == y.pos);
    CHECK(x.row == y.row);
  }
  CHECK(a.last_event() == b.last_event());
  CHECK(a.last_touch() == b.last_touch());
  CHECK(a.send_times() == b.send_times());
  REQUIRE(a.sends().size() == b.sends().size());
  for (std::size_t i = 0; i < a.sends().size(); ++i) {
    CHECK(a.sends()[i].row == b.sends()[i].row);
    CHECK(a.sends()[i].group_flags == b.sends()[i].group_flags);
  }
  CHECK(a.groups() == b.groups());
  CHECK(a.group_order() == b.group_order());
  for (std::size_t block = 0; block <= a.sends().size() / MetricsCache::k_send_block; ++block) {
    const auto x = a.block_counts(block);
    const auto y = b.block_counts(block);
    CHECK(std::equal(x.begin(), x.end(), y.begin(), y.end()));
  }
  const auto same = [](auto x, auto y) { return std::equal(x.begin(), x.end(), y.begin(), y.end()); };
  for (std::uint32_t r = 0; r < rows; ++r) {
    INFO("row " << r);
    CHECK(same(a.event_times(r), b.event_times(r)));
    CHECK(same(a.booking_times(r), b.booking_times(r)));
    CHECK(same(a.touch_times(r), b.touch_times(r)));
    CHECK(same(a.path_of(r), b.path_of(r)));
  }
  REQUIRE(a.visits().size() == b.visits().size());
  for (std::size_t i = 0; i < a.visits().size(); ++i) {
    CHECK(a.visits()[i].row == b.visits()[i].row);
    CHECK(a.visits()[i].day == b.visits()[i].day);
    CHECK(a.visits()[i].first_at == b.visits()[i].first_at);
  }
}

TEST_CASE("the stepped MetricsCache build equals the one-shot build", "[metrics][cache][property]") {
  for (std::uint64_t seed = 1; seed <= 16; ++seed) {
    SplitMix64 rng(seed * 7919);
    const Workspace ws = random_practice(rng);
    INFO("seed " << seed);
    MetricsCache whole;
    whole.refresh(ws);
    // Something to compare in every index.
    REQUIRE(!whole.sends().empty());
    REQUIRE(!whole.visits().empty());

    // Slices of 1 unit for some seeds; otherwise random sizes per call, small to large.
    const bool ones = seed % 4 == 1;
    MetricsCacheBuilder builder(ws);
    CHECK(builder.progress() == 0.0);
    CHECK(builder.describes(ws));
    std::size_t calls = 0;
    double last = 0;
    for (bool done = false; !done; ++calls) {
      const std::size_t budget = ones ? 1
                                      : rng.pick({std::size_t{0}, std::size_t{1}, 1 + rng.below(9),
                                                  1 + rng.below(300), 1 + rng.below(5000)});
      done = builder.step(budget);
      CHECK(builder.done() == done);
      const double p = builder.progress();
      CHECK(p >= last);
      CHECK(p <= 1.0);
      CHECK((p == 1.0) == done);
      last = p;
      REQUIRE(calls < 1'000'000);
    }
    // One unit per call: at least one call per event of the log (the passes over it are sliced).
    if (ones) CHECK(calls > ws.events.size());
    CHECK(builder.step(1));  // nothing left: it stays done
    MetricsCache stepped = builder.take();
    CHECK(stepped.builds() == 1);
    CHECK(stepped.describes(ws));
    check_same_cache(whole, stepped, static_cast<std::uint32_t>(ws.leads.rows()));

    // The dashboard from the stepped cache equals the plain figures; the cache is not rebuilt.
    const UnixMillis from = k_start + static_cast<UnixMillis>(rng.below(90)) * k_day;
    const MetricsRange range{from, from + static_cast<UnixMillis>(1 + rng.below(40)) * k_day};
    MetricsFilter filter;
    if (rng.chance(50)) filter.source = "fb";
    const auto dash = compute_dashboard(ws, range, filter, stepped);
    REQUIRE(dash);
    CHECK(stepped.builds() == 1);
    const auto plain = compute_metrics(ws, range, filter);
    REQUIRE(plain);
    check_same(plain.value().current, dash.value().report.current);
    check_same(plain.value().previous, dash.value().report.previous);
    const auto leads = filter_leads(ws, filter, range.to);
    REQUIRE(leads);
    const std::vector<bool> kept = metrics::keep_rows(leads.value(), ws.leads.rows());
    CHECK(dash.value().engagement == engagement_metrics(ws, range.from, range.to, &kept));
    CHECK(dash.value().roi == roi_metrics(ws, range.from, range.to, &kept));
  }
}

TEST_CASE("a MetricsCacheBuilder knows when its workspace moved on", "[metrics][cache]") {
  SplitMix64 rng(5);
  Workspace ws = random_practice(rng);
  MetricsCacheBuilder builder(ws);
  CHECK_FALSE(builder.step(50));
  CHECK(builder.progress() > 0.0);
  CHECK(builder.progress() < 1.0);
  CHECK(builder.describes(ws));
  ++ws.revision;  // an edit: the caller must start again
  CHECK_FALSE(builder.describes(ws));
  const Workspace other = random_practice(rng);
  CHECK_FALSE(MetricsCacheBuilder(ws).describes(other));
}

TEST_CASE("LocalCalendar::day_of equals the zone's local date, in and out of time order",
          "[metrics][cache]") {
  const LocalCalendar cal(find_time_zone("America/New_York"));
  const TimeZone& zone = *find_time_zone("America/New_York");
  const auto want = [&](UnixMillis at) { return days_from_civil(to_local(zone, at).date); };
  // 2026-03-08 07:00Z is 02:00 EST, when New York moves to daylight time; 2026-11-01 06:00Z is
  // 02:00 EDT, back to standard: every minute of both days, in order, then random instants.
  for (const UnixMillis change : {UnixMillis{1'772'953'200'000}, UnixMillis{1'793'512'800'000}}) {
    for (UnixMillis at = change - 12 * k_hour; at < change + 12 * k_hour; at += 60'000) {
      INFO("at " << at);
      REQUIRE(cal.day_of(at) == want(at));
    }
  }
  SplitMix64 rng(7);
  for (int i = 0; i < 20'000; ++i) {
    const UnixMillis at = k_start + static_cast<UnixMillis>(rng.below(400 * 24 * 60)) * 60'000 - 30 * k_day;
    INFO("at " << at);
    REQUIRE(cal.day_of(at) == want(at));
  }
}

}  // namespace
}  // namespace nurture::metrics_cache_test
