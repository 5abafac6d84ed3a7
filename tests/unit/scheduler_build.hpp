#pragma once
// A tiny workspace builder for the scheduler tests: a practice, leads with explicit zones and
// consent, sequences of hand-made steps, enrolments, touch records and events, all kept in the
// order Workspace documents (enrolments and records sorted by key).

#include <algorithm>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/model/workspace.hpp"
#include "core/sequence/scheduler.hpp"
#include "core/util/civil_time.hpp"

namespace nurture::test::sched {

inline constexpr UnixMillis k_minute = 60'000;
inline constexpr UnixMillis k_hour = 3'600'000;
inline constexpr UnixMillis k_day = 86'400'000;

/// An instant given as a UTC calendar date and time.
inline UnixMillis utc(int y, unsigned mo, unsigned d, int h = 0, int mi = 0) {
  return days_from_civil(CivilDate{y, mo, d}) * k_day + h * k_hour + mi * k_minute;
}

/// A lead in `zone` (IANA) and `state` with an email, a phone and every consent granted.
inline Lead person(std::uint64_t id, std::string zone = "America/New_York", std::string state = "NY",
                   std::string phone = "+12125550142") {
  Lead l;
  l.id = LeadId{id};
  l.first_name = "Lead";
  l.email = "lead" + std::to_string(id) + "@example.com";
  l.phone = std::move(phone);
  l.street = "1 Main St";
  l.city = "Somewhere";
  l.state = std::move(state);
  l.zip = "";
  l.country = "US";
  l.time_zone = std::move(zone);
  for (const Channel c : {Channel::email, Channel::sms, Channel::call}) {
    for (const Purpose p : {Purpose::marketing, Purpose::treatment}) {
      ConsentRecord r;
      r.channel = c;
      r.purpose = p;
      r.granted = true;
      r.at = 1;
      r.method = "web form";
      l.consent.push_back(r);
    }
  }
  return l;
}

/// A message step; anchors after_previous unless told.
inline Step message(std::string id, StepChannel channel, std::int64_t offset_minutes = 0,
                    MessagePurpose purpose = MessagePurpose::reminder,
                    TimingAnchor anchor = TimingAnchor::after_previous,
                    std::optional<std::uint16_t> at_minute = {}) {
  Step s;
  s.id = std::move(id);
  s.kind = StepKind::message;
  s.channel = channel;
  s.message.subject = "Hello";
  s.message.body = "Hello {first_name}";
  s.message.purpose = purpose;
  s.timing.anchor = anchor;
  s.timing.offset_minutes = offset_minutes;
  s.timing.at_minute = at_minute;
  return s;
}

inline Step wait(std::string id, WaitFor what, std::uint16_t days, std::string yes, std::string no) {
  Step s;
  s.id = std::move(id);
  s.kind = StepKind::wait;
  s.wait_for = what;
  s.wait_days = days;
  s.yes_next = std::move(yes);
  s.no_next = std::move(no);
  return s;
}

inline Step split(std::string id, std::vector<SplitArm> arms) {
  Step s;
  s.id = std::move(id);
  s.kind = StepKind::split;
  s.arms = std::move(arms);
  return s;
}

/// A window open all day, every day (so only the rule under test moves touches).
inline SendWindow always() { return SendWindow{0, 24 * 60, {true, true, true, true, true, true, true}}; }

struct Builder {
  Workspace ws;
  std::uint64_t next_event = 1;

  Builder() {
    ws.practice.name = "Bright Skin";
    ws.practice.street = "1 Bay St";
    ws.practice.city = "Tampa";
    ws.practice.state = "FL";
    ws.practice.zip = "33602";
    ws.practice.time_zone = "America/New_York";
  }

  LeadId lead(const Lead& l) {
    ws.leads.append_row(l, Stamp{1, 0, 1});
    return l.id;
  }

  Sequence& sequence(std::string id, std::vector<Step> steps, SendWindow window = always()) {
    Sequence s;
    s.id = id;
    s.name = id;
    s.status = SequenceStatus::active;
    s.steps = std::move(steps);
    s.window = window;
    ws.sequences.push_back(std::move(s));
    return ws.sequences.back();
  }

  std::string enroll(const std::string& sequence, LeadId lead, UnixMillis at) {
    Enrollment e;
    e.key = enrollment_key(sequence, lead, at);
    e.sequence = sequence;
    e.lead = lead;
    e.enrolled_at = at;
    e.reason = "manual";
    const auto it = std::lower_bound(ws.enrollments.begin(), ws.enrollments.end(), e.key,
                                     [](const Enrollment& x, const std::string& k) { return x.key < k; });
    ws.enrollments.insert(it, e);
    return e.key;
  }

  void record(const std::string& key, TouchOutcome outcome, UnixMillis at, UnixMillis until = 0) {
    TouchRecord r;
    r.key = key;
    r.outcome = outcome;
    r.at = at;
    r.until = until;
    auto it = std::lower_bound(ws.touches.begin(), ws.touches.end(), key,
                               [](const TouchRecord& x, const std::string& k) { return x.key < k; });
    if (it != ws.touches.end() && it->key == key) {
      *it = r;
    } else {
      ws.touches.insert(it, r);
    }
  }

  void event(LeadId lead, EventType type, UnixMillis at,
             std::vector<std::pair<std::string, std::string>> props = {}) {
    Event e;
    e.id = EventId{next_event++};
    e.lead = lead;
    e.at = at;
    e.type = type;
    e.properties = std::move(props);
    ws.events.add({e});
  }
};

/// Options with only a horizon.
inline ScheduleOptions with_horizon(UnixMillis horizon) {
  ScheduleOptions o;
  o.horizon = horizon;
  return o;
}

/// The touch with `key` in `list`, or null.
inline const DueTouch* find_touch(const std::vector<DueTouch>& list, const std::string& key) {
  for (const auto& t : list) {
    if (t.key == key) return &t;
  }
  return nullptr;
}

}  // namespace nurture::test::sched
