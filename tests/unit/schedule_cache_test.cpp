// The tick cache: every tick equals schedule() computed from scratch (the oracle), over random
// workspaces ticked at random increasing instants; a warm tick recomputes only the leads whose
// wake has come; a new revision or a replaced workspace recomputes everything.

#include "core/sequence/schedule_cache.hpp"

#include <catch_amalgamated.hpp>

#include "core/sequence/scheduler.hpp"
#include "core/util/splitmix.hpp"
#include "scheduler_build.hpp"
#include "scheduler_gen.hpp"

namespace schedule_cache_test {

using namespace nurture;
using namespace nurture::test::sched;

namespace {

// A gap between ticks: often a minute or a few (so a wake that comes too late shows up as a
// tick that differs), sometimes hours, sometimes days (crossing windows, waits and caps).
UnixMillis random_gap(SplitMix64& rng) {
  const std::size_t r = rng.below(10);
  if (r < 5) return static_cast<UnixMillis>(1 + rng.below(30)) * k_minute;
  if (r < 8) return static_cast<UnixMillis>(1 + rng.below(12 * 60)) * k_minute;
  return static_cast<UnixMillis>(12 * 60 + rng.below(60 * 60)) * k_minute;  // 12 h to 3 days
}

// On mismatch, names the first list that differs (Catch2 cannot print a Schedule).
std::string first_difference(const Schedule& a, const Schedule& b) {
  if (a.due != b.due)
    return "due (" + std::to_string(a.due.size()) + " vs " + std::to_string(b.due.size()) + ")";
  if (a.upcoming != b.upcoming) return "upcoming";
  if (a.held != b.held) {
    for (std::size_t i = 0; i < std::min(a.held.size(), b.held.size()); ++i) {
      if (!(a.held[i] == b.held[i]))
        return "held: " + a.held[i].touch.key + " '" + a.held[i].reason + "' " +
               std::to_string(a.held[i].retry_at) + " vs " + b.held[i].touch.key + " '" + b.held[i].reason +
               "' " + std::to_string(b.held[i].retry_at);
    }
    return "held (sizes)";
  }
  if (a.exits != b.exits) return "exits";
  return "";
}

}  // namespace

// Oracle: schedule(ws, now, options), recomputed from nothing at every tick. The workspaces are
// the scheduler property test's richest (windows on some weekdays, every anchor, waits, splits,
// goals, events and records around the ticks, snoozes), with opt-outs and stage changes dated
// among the ticks (goals whose time is clamped to now). Ticks run from a day before k_t0 to a
// month after, across the US and UK daylight-saving changes (8 and 29 March 2026).
TEST_CASE("every tick of the cache equals the schedule computed from scratch", "[schedule-cache][property]") {
  std::size_t warm = 0;
  std::size_t changed = 0;
  std::size_t recomputed = 0;
  std::size_t ticks = 0;
  for (std::uint64_t seed = 1; seed <= 120; ++seed) {
    SplitMix64 rng(seed * 6151);
    const Builder b = random_world(rng, {false, seed % 2 == 0});
    ScheduleOptions o;
    o.caps.per_channel = {static_cast<std::uint8_t>(rng.below(4)), static_cast<std::uint8_t>(rng.below(4)), 2,
                          2, 1};
    o.caps.overall = static_cast<std::uint8_t>(rng.below(5));
    o.caps.days = static_cast<int>(1 + rng.below(7));
    ScheduleCache cache;
    UnixMillis now = k_t0 - k_day + static_cast<UnixMillis>(rng.below(24 * 60)) * k_minute;
    const UnixMillis end = k_t0 + 31 * k_day;
    // The horizon: none (now) or a fixed instant moved forward now and then, as the app's end of
    // the local day.
    const bool fixed = rng.chance(50);
    o.horizon = fixed ? now + k_day : 0;
    for (int k = 0; now < end; ++k, now += random_gap(rng)) {
      if (fixed && now > o.horizon && rng.chance(50))
        o.horizon = now + static_cast<UnixMillis>(rng.below(3)) * k_day;
      const Schedule& got = cache.tick(b.ws, 1, now, o);
      const Schedule want = schedule(b.ws, now, o);
      INFO("seed " << seed << " tick " << k << " now " << format_iso8601_utc(now) << ": "
                   << first_difference(got, want));
      REQUIRE(got == want);
      ++ticks;
      if (!cache.stats().full) {
        ++warm;
        recomputed += cache.stats().recomputed;
        changed += cache.stats().changed;
      }
    }
  }
  // Not vacuous: most ticks are warm, and warm ticks do recompute and change parts (at the time
  // of writing: 9,107 ticks, 8,253 warm, 3,634 leads recomputed, 2,620 of them changed).
  CHECK(warm > ticks / 2);
  CHECK(recomputed > 1000);
  CHECK(changed > 500);
}

TEST_CASE("a warm tick recomputes only the leads whose wake has come", "[schedule-cache]") {
  Builder b;
  const UnixMillis t0 = utc(2026, 3, 2, 16);  // Monday 11:00 in New York; the window is always open
  const LeadId a = b.lead(person(1));
  const LeadId c = b.lead(person(2));
  b.sequence("q", {message("e1", StepChannel::email, 60), message("e2", StepChannel::email, 24 * 60)});
  const std::string ka = b.enroll("q", a, t0);
  b.enroll("q", c, t0 + 4 * k_hour);
  ScheduleCache cache;
  ScheduleOptions o;
  CHECK(cache.tick(b.ws, 7, t0, o).due.empty());
  CHECK(cache.stats().full);
  // Lead a's e1 is planned at t0 + 1 h, lead c's at t0 + 5 h: those are the wakes.
  CHECK(cache.next_wake() == t0 + k_hour);
  cache.tick(b.ws, 7, t0 + k_minute, o);
  CHECK_FALSE(cache.stats().full);
  CHECK(cache.stats().recomputed == 0);
  const Schedule& s = cache.tick(b.ws, 7, t0 + k_hour, o);
  CHECK(cache.stats().recomputed == 1);
  CHECK(cache.stats().changed == 1);
  REQUIRE(s.due.size() == 1);
  CHECK(s.due[0].key == touch_key(ka, "e1"));
  CHECK(s == schedule(b.ws, t0 + k_hour, o));
  // The same instant again: nothing to do. An earlier instant: everything again.
  cache.tick(b.ws, 7, t0 + k_hour, o);
  CHECK(cache.stats().recomputed == 0);
  cache.tick(b.ws, 7, t0 + 30 * k_minute, o);
  CHECK(cache.stats().full);
  CHECK(cache.schedule().due.empty());
}

TEST_CASE("a new revision recomputes: the schedule follows a consent change", "[schedule-cache]") {
  Builder b;
  const UnixMillis t0 = utc(2026, 3, 2, 16);
  Lead l = person(1);
  const LeadId id = b.lead(l);
  b.sequence("q", {message("e1", StepChannel::email, 60, MessagePurpose::promotion)});
  b.enroll("q", id, t0);
  ScheduleCache cache;
  const UnixMillis now = t0 + 2 * k_hour;
  REQUIRE(cache.tick(b.ws, 1, now, {}).due.size() == 1);

  // Withdraw marketing consent on email; the promotion is now passed over (listed in held).
  std::erase_if(l.consent, [](const ConsentRecord& r) {
    return r.channel == Channel::email && r.purpose == Purpose::marketing;
  });
  b.ws.leads.set_field(*b.ws.leads.find(id), LeadField::consent, l, Stamp{2, 0, 1});
  const Schedule& s = cache.tick(b.ws, 2, now + k_minute, {});
  CHECK(cache.stats().full);
  CHECK(s.due.empty());
  REQUIRE(s.held.size() == 1);
  CHECK(s.held[0].reason.starts_with("passed over: no consent to marketing emails"));
  CHECK(s == schedule(b.ws, now + k_minute, {}));

  // A copy of the workspace under the same revision is another workspace: recomputed too.
  const Workspace copy = b.ws;
  cache.tick(copy, 2, now + 2 * k_minute, {});
  CHECK(cache.stats().full);
  // Other options recompute as well.
  ScheduleOptions other;
  other.caps.overall = 1;
  cache.tick(copy, 2, now + 3 * k_minute, other);
  CHECK(cache.stats().full);
}

// A touch held by a cap says how many touches fill the window; that number drops when the
// oldest leaves the window, before the retry time (when enough have left). Worked by hand: cap 1
// email in 7 days, emails sent at t0 - 7 d + 2 h and t0 - 1 d, so at t0 (11:00 in New York)
// "already 2", retry t0 + 6 d; at t0 + 3 h the first has left: "already 1", same retry. Nothing
// else wakes the lead before New York's midnight (the window's end).
TEST_CASE("a cap's count in the reason follows the window between ticks", "[schedule-cache]") {
  Builder b;
  const UnixMillis t0 = utc(2026, 3, 2, 16);
  const LeadId id = b.lead(person(1));
  b.sequence("old", {message("e1", StepChannel::email), message("e2", StepChannel::email)});
  b.sequence("q", {message("e1", StepChannel::email)});
  const std::string old = b.enroll("old", id, t0 - 10 * k_day);
  b.record(touch_key(old, "e1"), TouchOutcome::sent, t0 - 7 * k_day + 2 * k_hour);
  b.record(touch_key(old, "e2"), TouchOutcome::sent, t0 - k_day);
  b.ws.enrollments.front().ended_at = t0 - k_day;
  b.enroll("q", id, t0);
  ScheduleOptions o;
  o.caps.per_channel = {1, 0, 0, 0, 0};
  o.caps.overall = 0;
  ScheduleCache cache;
  const Schedule& first = cache.tick(b.ws, 1, t0, o);
  REQUIRE(first.held.size() == 1);
  CHECK(first.held[0].reason == "frequency cap: already 2 emails to this lead in 7 days");
  CHECK(first.held[0].retry_at == t0 + 6 * k_day);
  const UnixMillis later = t0 + 3 * k_hour;
  const Schedule& s = cache.tick(b.ws, 1, later, o);
  REQUIRE(s.held.size() == 1);
  CHECK(s.held[0].reason == "frequency cap: already 1 emails to this lead in 7 days");
  CHECK(s == schedule(b.ws, later, o));
}

}  // namespace schedule_cache_test
