// The dashboard's figures over time (core/metrics/trends): buckets cut at local midnights and
// Mondays (hand-worked dates, a daylight-saving day of 23 hours), conversion per bucket against
// a naive count on random practices, and per-bucket step figures that add up to the range's.
#include <catch_amalgamated.hpp>

#include "core/metrics/trends.hpp"
#include "core/util/splitmix.hpp"
#include "tests/unit/metrics_support.hpp"
#include "tests/unit/metrics_workspace_build.hpp"

namespace nurture::metrics_trends_test {
namespace {

using namespace nurture::metrics;
using test::utc;

TEST_CASE("trend grain: days up to 31 days, weeks beyond", "[metrics][trends]") {
  CHECK(trend_grain({0, 31 * k_day_ms}) == TrendGrain::day);
  CHECK(trend_grain({0, 31 * k_day_ms + 1}) == TrendGrain::week);
}

TEST_CASE("trend buckets: UTC days and Monday weeks, clipped to the range", "[metrics][trends]") {
  // Wednesday 4 March 2026 to Friday 20 March 2026 (exclusive).
  const MetricsRange range{utc(2026, 3, 4), utc(2026, 3, 20)};
  const auto weeks = trend_buckets(nullptr, range, TrendGrain::week);
  // Mondays are 9 and 16 March: the first week is clipped to start on Wednesday the 4th.
  REQUIRE(weeks.size() == 3);
  CHECK(weeks[0] == TrendBucket{utc(2026, 3, 4), utc(2026, 3, 9), days_from_civil({2026, 3, 4})});
  CHECK(weeks[1] == TrendBucket{utc(2026, 3, 9), utc(2026, 3, 16), days_from_civil({2026, 3, 9})});
  CHECK(weeks[2] == TrendBucket{utc(2026, 3, 16), utc(2026, 3, 20), days_from_civil({2026, 3, 16})});
  const auto days = trend_buckets(nullptr, range, TrendGrain::day);
  REQUIRE(days.size() == 16);
  for (std::size_t i = 0; i < days.size(); ++i) {
    CHECK(days[i].to - days[i].from == k_day_ms);
    CHECK(days[i].first_day == days_from_civil({2026, 3, 4}) + static_cast<std::int64_t>(i));
  }
  // A range starting mid-day: the first bucket runs from the range's start to midnight.
  const auto mid = trend_buckets(nullptr, {utc(2026, 3, 4, 15), utc(2026, 3, 5, 6)}, TrendGrain::day);
  REQUIRE(mid.size() == 2);
  CHECK(mid[0] == TrendBucket{utc(2026, 3, 4, 15), utc(2026, 3, 5), days_from_civil({2026, 3, 4})});
  CHECK(mid[1] == TrendBucket{utc(2026, 3, 5), utc(2026, 3, 5, 6), days_from_civil({2026, 3, 5})});
  CHECK(trend_buckets(nullptr, {5, 5}, TrendGrain::day).empty());
}

TEST_CASE("trend buckets in New York: the spring-forward day has 23 hours", "[metrics][trends]") {
  const TimeZone* ny = find_time_zone("America/New_York");
  REQUIRE(ny != nullptr);
  // Local midnight of 7 March 2026 is 05:00 UTC (EST); clocks go forward on Sunday 8 March, so
  // local midnight of 9 March is 04:00 UTC (EDT).
  const MetricsRange range{utc(2026, 3, 7, 5), utc(2026, 3, 10, 4)};
  const auto days = trend_buckets(ny, range, TrendGrain::day);
  REQUIRE(days.size() == 3);
  CHECK(days[0].to == utc(2026, 3, 8, 5));
  CHECK(days[1].to == utc(2026, 3, 9, 4));
  CHECK(days[1].to - days[1].from == 23 * test::k_hour);
  CHECK(days[1].first_day == days_from_civil({2026, 3, 8}));
  // Weeks: Saturday 7th and Sunday 8th belong to the week of Monday 2 March; the next starts
  // at local midnight of Monday 9 March.
  const auto weeks = trend_buckets(ny, range, TrendGrain::week);
  REQUIRE(weeks.size() == 2);
  CHECK(weeks[0].first_day == days_from_civil({2026, 3, 7}));
  CHECK(weeks[1] == TrendBucket{utc(2026, 3, 9, 4), utc(2026, 3, 10, 4), days_from_civil({2026, 3, 9})});
}

TEST_CASE("conversion trend: a hand-worked week", "[metrics][trends]") {
  Workspace ws = test::utc_workspace();
  // Leads 1 and 2 created on 2 March, lead 3 on 10 March; lead 1 books on 3 March and again
  // on 11 March, lead 3 books on 25 March (after the range: it counts nowhere).
  test::add_lead(ws, 1, "", utc(2026, 3, 2, 9));
  test::add_lead(ws, 2, "", utc(2026, 3, 2, 10));
  test::add_lead(ws, 3, "", utc(2026, 3, 10, 10));
  test::EventBatch batch;
  batch.add(1, utc(2026, 3, 3), EventType::appointment_booked);
  batch.add(1, utc(2026, 3, 11), EventType::appointment_booked);
  batch.add(3, utc(2026, 3, 25), EventType::appointment_booked);
  batch.commit(ws);
  const MetricsRange range{utc(2026, 3, 2), utc(2026, 3, 16)};
  const auto buckets = trend_buckets(nullptr, range, TrendGrain::week);
  const auto points = conversion_trend(ws, segment::LeadSet::live(ws.leads), range, buckets);
  REQUIRE(points.size() == 2);
  CHECK(points[0].new_leads == 2);
  CHECK(points[0].bookings == 1);
  CHECK(points[0].converted == 1);  // lead 1 of the two
  CHECK(points[0].conversion_rate == Catch::Approx(0.5));
  CHECK(points[1].new_leads == 1);
  CHECK(points[1].bookings == 1);   // lead 1's second booking
  CHECK(points[1].converted == 0);  // lead 3 books after the range
  CHECK(points[1].conversion_rate == Catch::Approx(0.0));
}

TEST_CASE("conversion trend matches a naive count on random practices", "[metrics][trends][property]") {
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    SplitMix64 rng(seed);
    Workspace ws = test::utc_workspace();
    constexpr std::uint64_t k_leads = 40;
    for (std::uint64_t id = 1; id <= k_leads; ++id)
      test::add_lead(ws, id, "", static_cast<UnixMillis>(rng.below(60 * 24)) * test::k_hour);
    ws.leads.set_deleted(static_cast<std::uint32_t>(rng.below(k_leads)), true, Stamp{});
    test::EventBatch batch;
    for (int i = 0; i < 120; ++i)
      batch.add(1 + rng.below(k_leads + 3), static_cast<UnixMillis>(rng.below(70 * 24)) * test::k_hour,
                rng.chance(60) ? EventType::appointment_booked : EventType::email_opened);
    batch.commit(ws);
    segment::LeadSet keep = segment::LeadSet::live(ws.leads);
    keep.for_each([&](std::uint32_t row) {
      if (rng.chance(25)) keep.reset(row);
    });
    const MetricsRange range{static_cast<UnixMillis>(rng.below(10)) * k_day_ms + 7,
                             static_cast<UnixMillis>(40 + rng.below(20)) * k_day_ms};
    const TrendGrain grain = rng.chance(50) ? TrendGrain::day : TrendGrain::week;
    const auto buckets = trend_buckets(nullptr, range, grain);
    const auto points = conversion_trend(ws, keep, range, buckets);
    REQUIRE(points.size() == buckets.size());
    for (const TrendPoint& p : points) {
      // The naive oracle: every lead and every event, checked against the definitions.
      std::uint64_t new_leads = 0;
      std::uint64_t converted = 0;
      std::uint64_t bookings = 0;
      for (std::uint32_t row = 0; row < ws.leads.rows(); ++row) {
        if (!keep.contains(row)) continue;
        const UnixMillis created = ws.leads.created_at(row);
        bool booked_any = false;
        for (std::uint32_t pos = 0; pos < ws.events.size(); ++pos) {
          if (ws.events.lead(pos) != ws.leads.id(row) ||
              ws.events.type(pos) != EventType::appointment_booked || ws.events.is_deleted(pos))
            continue;
          const UnixMillis at = ws.events.at(pos);
          if (at >= p.bucket.from && at < p.bucket.to) ++bookings;
          if (at >= created && at < range.to) booked_any = true;
        }
        if (created >= p.bucket.from && created < p.bucket.to) {
          ++new_leads;
          if (booked_any) ++converted;
        }
      }
      INFO("seed " << seed << " bucket from " << p.bucket.from);
      CHECK(p.new_leads == new_leads);
      CHECK(p.bookings == bookings);
      CHECK(p.converted == converted);
    }
  }
}

TEST_CASE("step trend: the buckets' sends add up to the range's", "[metrics][trends]") {
  Workspace ws = test::utc_workspace();
  ws.sequences.push_back(test::two_channel_sequence("s1", {"e1", "e2"}, {"t1"}));
  for (std::uint64_t id = 1; id <= 6; ++id) test::add_lead(ws, id, "", 0);
  SplitMix64 rng(7);
  for (int i = 0; i < 40; ++i)
    ws.touches.push_back(test::touch("s1", 1 + rng.below(6), rng.pick({std::string("e1"), std::string("e2")}),
                                     TouchOutcome::sent,
                                     static_cast<UnixMillis>(rng.below(20 * 24)) * test::k_hour + i));
  test::sort_touches(ws);
  const MetricsRange range{2 * k_day_ms, 18 * k_day_ms};
  const auto live = segment::LeadSet::live(ws.leads);
  const auto buckets = trend_buckets(nullptr, range, TrendGrain::week);
  const auto per_bucket = step_trend(ws, live, buckets);
  REQUIRE(per_bucket.size() == buckets.size());
  std::uint64_t sent = 0;
  for (const auto& seqs : per_bucket)
    for (const auto& s : seqs) sent += s.counts.sent;
  std::uint64_t whole = 0;
  for (const auto& s : compute_step_metrics(ws, live, range)) whole += s.counts.sent;
  CHECK(whole > 0);
  CHECK(sent == whole);
}

TEST_CASE("keep_rows flags exactly the set's rows", "[metrics][trends]") {
  segment::LeadSet set(5);
  set.set(1);
  set.set(4);
  CHECK(keep_rows(set, 5) == std::vector<bool>{false, true, false, false, true});
}

}  // namespace
}  // namespace nurture::metrics_trends_test
