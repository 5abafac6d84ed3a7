// Properties of the scheduler over random small workspaces (seeded, SplitMix64), each checked
// against a naive oracle written out here: consent, quiet hours, caps, determinism, and that
// ticking day by day or two days at a time sends the same touches.

#include <catch_amalgamated.hpp>

#include <chrono>
#include <map>
#include <set>

#include "core/sequence/recipient_clock.hpp"
#include "core/sequence/scheduler.hpp"
#include "core/util/splitmix.hpp"
#include "core/util/time_zone.hpp"
#include "scheduler_build.hpp"
#include "scheduler_gen.hpp"

namespace scheduler_property_test {

#ifndef NURTURE_SCALE_DIVISOR
#define NURTURE_SCALE_DIVISOR 1
#endif

using namespace nurture;
using namespace nurture::test::sched;

namespace {

const Step* step_of(const Workspace& ws, const DueTouch& t) {
  for (const Sequence& s : ws.sequences) {
    if (s.id != t.sequence) continue;
    for (const Step& st : s.steps) {
      if (st.id == t.step) return &st;
    }
  }
  return nullptr;
}

// The consent rules, written out directly from DOMAIN.md and the brief.
bool naive_may_send(const Lead& l, StepChannel ch, MessagePurpose p) {
  const auto dnc = [&](Channel c) {
    for (const auto& d : l.do_not_contact) {
      if (d.channel == c) return true;
    }
    return false;
  };
  const auto granted = [&](Channel c, Purpose pu) {
    for (const auto& r : l.consent) {
      if (r.channel == c && r.purpose == pu && r.granted) return true;
    }
    return false;
  };
  const bool marketing = p != MessagePurpose::reminder;
  const auto phone = [&](Channel c) {
    return !l.phone.empty() && !dnc(c) &&
           (granted(c, Purpose::marketing) || (!marketing && granted(c, Purpose::treatment)));
  };
  switch (ch) {
    case StepChannel::email:
      return !l.email.empty() && !dnc(Channel::email) &&
             (!marketing || granted(Channel::email, Purpose::marketing));
    case StepChannel::text:
      return phone(Channel::sms);
    case StepChannel::call:
      return phone(Channel::call);
    case StepChannel::letter:
      return !l.street.empty();
    case StepChannel::social:
      return !(dnc(Channel::email) && dnc(Channel::sms) && dnc(Channel::call));
  }
  return false;
}

Lead lead_of(const Workspace& ws, LeadId id) { return ws.leads.get(*ws.leads.find(id)); }

}  // namespace

TEST_CASE("due touches have consent, respect every window at now, and repeat exactly",
          "[scheduler][property]") {
  for (std::uint64_t seed = 1; seed <= 150; ++seed) {
    SplitMix64 rng(seed);
    const Builder b = random_world(rng, {});
    ScheduleOptions o;
    o.caps.per_channel = {static_cast<std::uint8_t>(rng.below(4)), static_cast<std::uint8_t>(rng.below(4)), 2,
                          2, 1};
    for (int k = 0; k < 24; ++k) {
      const UnixMillis now = k_t0 + k * 11 * k_hour;
      o.horizon = now + static_cast<UnixMillis>(rng.below(4)) * k_day;
      const Schedule s = schedule(b.ws, now, o);
      const Schedule again = schedule(b.ws, now, o);
      INFO("seed " << seed << " tick " << k);
      REQUIRE(s == again);
      std::set<std::string> keys;
      for (const auto& t : s.due) {
        CHECK(keys.insert(t.key).second);
        CHECK(t.due_at <= now);
        CHECK(t.planned_at <= t.due_at);
        const Step* st = step_of(b.ws, t);
        REQUIRE(st != nullptr);
        const Lead l = lead_of(b.ws, t.lead);
        CHECK(naive_may_send(l, t.channel, st->message.purpose));
        if (t.channel == StepChannel::email && st->message.purpose != MessagePurpose::reminder) {
          CHECK(has_postal_address(b.ws.practice));
        }
        const RecipientClock clock = recipient_clock(l, b.ws.practice);
        for (const TimeZone* z : clock.zones) {
          const LocalTime local = to_local(*z, now);
          const Sequence* seq = nullptr;
          for (const auto& q : b.ws.sequences) {
            if (q.id == t.sequence) seq = &q;
          }
          REQUIRE(seq != nullptr);
          CHECK(seq->window.days[static_cast<std::size_t>(local.weekday)]);
          CHECK(local.minute >= seq->window.start_minute);
          CHECK(local.minute < seq->window.end_minute);
          if (t.channel == StepChannel::text || t.channel == StepChannel::call) {
            const QuietHours q = quiet_hours(clock.state, local.weekday);
            CHECK(local.minute >= q.start_minute);
            CHECK(local.minute < q.end_minute);
          }
        }
      }
      for (const auto& t : s.upcoming) {
        CHECK(keys.insert(t.key).second);
        CHECK(t.due_at > now);
        CHECK(t.due_at <= o.horizon);
      }
      for (const auto& h : s.held) {
        CHECK(keys.insert(h.touch.key).second);
        CHECK(!h.reason.empty());
        CHECK((h.retry_at == 0 || h.retry_at > now));
      }
    }
  }
}

namespace {

struct Sent {
  std::string key;
  LeadId lead;
  StepChannel channel;
  UnixMillis at;
};

// Ticks from k_t0 every `step` days until `days` have passed: records every due touch as sent at
// the tick. Checks that no due key was recorded before.
std::vector<Sent> tick(Builder b, int step, int days, const ScheduleOptions& o, Schedule* after = nullptr) {
  std::vector<Sent> sent;
  std::set<std::string> seen;
  for (int d = 0; d <= days; d += step) {
    const UnixMillis now = k_t0 + d * k_day;
    for (const DueTouch& t : schedule(b.ws, now, o).due) {
      CHECK(seen.insert(t.key).second);  // a key is never due twice
      sent.push_back({t.key, t.lead, t.channel, now});
    }
    for (const Sent& s : sent) {
      if (s.at == now) b.record(s.key, TouchOutcome::sent, now);
    }
  }
  if (after != nullptr) {
    ScheduleOptions later = o;
    later.horizon = k_t0 + (days + 31) * k_day;
    *after = schedule(b.ws, k_t0 + (days + 1) * k_day, later);
  }
  return sent;
}

}  // namespace

// Ticking every day or every two days sends the same set of touches. Why this holds for these
// workspaces: the path an enrolment takes depends only on split hashes, on wait outcomes and on
// goals. With no events after the start, every wait resolves "no" and no booked/replied goal
// fires, whenever it is evaluated; stage, do-not-contact and segment goals are fixed facts. So
// the time a touch is recorded moves later touches in time but never changes which steps are
// taken. Nothing is dropped for lateness either: windows are open all day, zones are known and
// 16:00Z is inside quiet hours everywhere used, so a touch waits at most for the next tick, for
// business days (calls, under three days) or the Florida 24-hour cap (a day), never 14 days.
// Eighty days is well past the end of every sequence (at most 5 steps of at most 4 days each, plus
// those delays) in both runs, so both runs finish. Caps are off: they could otherwise hold a
// touch in one run and not the other, and the order of later touches would differ (still the
// same set, but over a longer time than is worth simulating).
TEST_CASE("ticking day by day or every two days sends the same touches", "[scheduler][property]") {
  std::size_t total = 0;
  for (std::uint64_t seed = 1; seed <= 80; ++seed) {
    SplitMix64 rng(seed * 7919);
    const Builder b = random_world(rng, {true});
    ScheduleOptions o;
    o.caps.per_channel = {0, 0, 0, 0, 0};
    o.caps.overall = 0;
    Schedule rest;
    const auto daily = tick(b, 1, 80, o, &rest);
    const auto every_other = tick(b, 2, 80, o);
    std::set<std::string> a;
    std::set<std::string> c;
    for (const auto& s : daily) a.insert(s.key);
    for (const auto& s : every_other) c.insert(s.key);
    INFO("seed " << seed);
    CHECK(a == c);
    total += a.size();
    CHECK(rest.due.empty());  // every sequence has run its course
    CHECK(rest.upcoming.empty());
  }
  CHECK(total > 200);  // not vacuous: the worlds do send touches
}

TEST_CASE("never more than the caps in any window", "[scheduler][property]") {
  for (std::uint64_t seed = 1; seed <= 80; ++seed) {
    SplitMix64 rng(seed * 104729);
    const Builder b = random_world(rng, {true});
    ScheduleOptions o;
    for (auto& c : o.caps.per_channel) c = static_cast<std::uint8_t>(1 + rng.below(2));
    o.caps.overall = static_cast<std::uint8_t>(1 + rng.below(3));
    o.caps.days = static_cast<int>(1 + rng.below(7));
    const auto sent = tick(b, 1, 40, o);
    const UnixMillis window = o.caps.days * k_day;
    INFO("seed " << seed);
    // Naive oracle: for every sent touch, count the touches of the same lead in the window ending
    // at it (its own tick included).
    for (const Sent& x : sent) {
      std::size_t same = 0;
      std::size_t all = 0;
      std::size_t phone24 = 0;
      for (const Sent& y : sent) {
        if (y.lead != x.lead || y.at > x.at) continue;
        if (y.at > x.at - window) {
          ++all;
          if (y.channel == x.channel) ++same;
        }
        const bool phone = y.channel == StepChannel::text || y.channel == StepChannel::call;
        if (phone && y.at > x.at - k_day) ++phone24;
      }
      CHECK(same <= o.caps.per_channel[static_cast<std::size_t>(x.channel)]);
      CHECK(all <= o.caps.overall);
      const Lead l = lead_of(b.ws, x.lead);
      const QuietHours q = quiet_hours(recipient_clock(l, b.ws.practice).state);
      if (q.max_per_24h > 0) CHECK(phone24 <= static_cast<std::size_t>(q.max_per_24h));
    }
  }
}

TEST_CASE("100,000 enrolments schedule quickly", "[.][scheduler-perf]") {
  Builder b;
  b.sequence("drip", {message("e1", StepChannel::email, 60), wait("w", WaitFor::open, 3, "", ""),
                      message("t1", StepChannel::text, 24 * 60)});
  constexpr std::uint64_t k_n = 100'000 / NURTURE_SCALE_DIVISOR;
  b.ws.leads.reserve(k_n);
  std::vector<Event> events;
  for (std::uint64_t i = 1; i <= k_n; ++i) {
    b.ws.leads.append_row(person(i), Stamp{1, 0, 1});
    Enrollment e;
    e.sequence = "drip";
    e.lead = LeadId{i};
    e.enrolled_at = k_t0 + static_cast<UnixMillis>(i % 48) * k_hour;
    e.key = enrollment_key("drip", e.lead, e.enrolled_at);
    b.ws.enrollments.push_back(e);
    Event ev;
    ev.id = EventId{i};
    ev.lead = e.lead;
    ev.at = k_t0 + static_cast<UnixMillis>(i % 96) * k_hour;
    ev.type = EventType::email_opened;
    events.push_back(ev);
  }
  std::sort(events.begin(), events.end(), [](const Event& x, const Event& y) { return x.at < y.at; });
  b.ws.events.add(events);
  std::sort(b.ws.enrollments.begin(), b.ws.enrollments.end(),
            [](const Enrollment& x, const Enrollment& y) { return x.key < y.key; });
  for (const auto& e : b.ws.enrollments) {
    if (e.lead.value % 2 == 0)
      b.ws.touches.push_back({touch_key(e.key, "e1"), TouchOutcome::sent, e.enrolled_at + k_hour, 0, {}});
  }
  const auto start = std::chrono::steady_clock::now();
  const Schedule s = schedule(b.ws, k_t0 + 5 * k_day);
  const auto ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count();
  WARN("scheduled " << k_n << " enrolments in " << ms << " ms: " << s.due.size() << " due, " << s.held.size()
                    << " held");
  CHECK(s.due.size() + s.held.size() + s.upcoming.size() + s.exits.size() > 0);
}

}  // namespace scheduler_property_test
