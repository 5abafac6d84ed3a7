#include "core/sequence/lead_scheduler.hpp"

#include <algorithm>
#include <numeric>
#include <optional>
#include <string_view>

#include "core/sequence/compliance.hpp"
#include "core/sequence/lead_facts.hpp"
#include "core/sequence/recipient_clock.hpp"
#include "core/util/time_units.hpp"
#include "core/util/time_zone.hpp"

namespace nurture {

namespace {

constexpr std::array<std::string_view, k_step_channel_count> k_channel_plurals = {
    "emails", "texts", "calls", "social touches", "letters"};

// Outcomes that mean the touch reached (or was tried on) the lead: they count towards the caps.
bool counts_for_caps(TouchOutcome o) {
  return o == TouchOutcome::sent || o == TouchOutcome::replied || o == TouchOutcome::booked ||
         o == TouchOutcome::no_answer;
}
// Outcomes after which a text has certainly reached the lead (so the next text is not the first).
bool text_reached(TouchOutcome o) {
  return o == TouchOutcome::sent || o == TouchOutcome::replied || o == TouchOutcome::booked;
}
bool is_marketing_purpose(MessagePurpose p) { return p != MessagePurpose::reminder; }

const TouchRecord* find_record(const RecordRange& r, std::string_view step) {
  for (const TouchRecord* p = r.begin; p != r.end; ++p) {
    if (std::string_view(p->key).substr(r.prefix) == step) return p;
  }
  return nullptr;
}

RecordRange range_in(const std::vector<TouchRecord>& ts, const Enrollment& e) {
  const std::string prefix = e.key + '/';
  auto lo = std::lower_bound(ts.begin(), ts.end(), prefix,
                             [](const TouchRecord& r, const std::string& p) { return r.key < p; });
  auto hi = lo;
  while (hi != ts.end() && hi->key.compare(0, prefix.size(), prefix) == 0) ++hi;
  if (lo == hi) return {nullptr, nullptr, prefix.size()};
  return {&*lo, &*lo + (hi - lo), prefix.size()};
}

// Where `target` leads from step `i`: false when it ends the enrolment.
bool go(const Sequence& s, std::size_t& i, const std::string& target) {
  if (target.empty()) {
    ++i;
    return i < s.steps.size();
  }
  if (target == k_end_step) return false;
  const auto j = step_index(s, target);
  if (!j) return false;
  i = *j;
  return true;
}

std::optional<UnixMillis> wait_event(const LeadFacts& f, WaitFor w, UnixMillis start, UnixMillis upto) {
  switch (w) {
    case WaitFor::open:
      return first_after(f.opens, start, upto);
    case WaitFor::click:
      return first_after(f.clicks, start, upto);
    case WaitFor::reply:
      return first_after(f.replies, start, upto);
    case WaitFor::booking:
      return first_after(f.bookings, start, upto);
  }
  return std::nullopt;
}

// Sorts `list` by `less` through an index, moving each element once: DueTouch holds four
// strings, and sorting 100,000 of them in place spent most of its time moving them.
template <class T, class Less>
void sort_by_index(std::vector<T>& list, Less less) {
  std::vector<std::uint32_t> order(list.size());
  std::iota(order.begin(), order.end(), 0U);
  std::sort(order.begin(), order.end(),
            [&](std::uint32_t a, std::uint32_t b) { return less(list[a], list[b]); });
  std::vector<T> sorted;
  sorted.reserve(list.size());
  for (const std::uint32_t i : order) sorted.push_back(std::move(list[i]));
  list = std::move(sorted);
}

// When at least `cap` of `times` (plus this touch) would fall within `window`: the instant
// enough of them have left it, else nullopt.
std::optional<UnixMillis> over_cap(std::vector<UnixMillis>& times, std::size_t cap, UnixMillis window) {
  if (cap == 0 || times.size() < cap) return std::nullopt;
  std::sort(times.begin(), times.end());
  return times[times.size() - cap] + window;
}

}  // namespace

// A handled touch that counts towards the caps; channel -1 when its step is gone.
struct LeadScheduler::Counted {
  UnixMillis at = 0;
  int channel = -1;
};

struct LeadScheduler::Candidate {
  DueTouch touch;
  const Step* step = nullptr;
  const Sequence* sequence = nullptr;
};

LeadScheduler::LeadScheduler(const Workspace& ws, const FrequencyCaps& caps) : m_ws(ws), m_caps(caps) {
  for (const Sequence& s : ws.sequences) {
    if (s.deleted) continue;
    m_all.emplace(s.id, &s);
    if (s.status == SequenceStatus::active) m_active.emplace(s.id, &s);
  }
}

LeadScheduler::~LeadScheduler() = default;

RecordRange LeadScheduler::records_of(const Enrollment& e) const { return range_in(m_ws.touches, e); }

RecordRange LeadScheduler::records_in(const std::vector<TouchRecord>& records, const Enrollment& e) {
  return range_in(records, e);
}

const Sequence* LeadScheduler::active_sequence(const Enrollment& e) const {
  const auto it = m_active.find(e.sequence);
  return it == m_active.end() ? nullptr : it->second;
}

bool LeadScheduler::runs(const Enrollment& e) const {
  return e.ended_at == 0 && active_sequence(e) != nullptr;
}

void LeadScheduler::sort(Schedule& s) {
  const auto by_time = [](const DueTouch& a, const DueTouch& b) {
    return a.due_at != b.due_at ? a.due_at < b.due_at : a.key < b.key;
  };
  sort_by_index(s.due, by_time);
  sort_by_index(s.upcoming, by_time);
  sort_by_index(s.held, [](const HeldTouch& a, const HeldTouch& b) { return a.touch.key < b.touch.key; });
  sort_by_index(s.exits,
                [](const EnrollmentExit& a, const EnrollmentExit& b) { return a.enrollment < b.enrollment; });
}

UnixMillis LeadScheduler::schedule_lead(LeadId lead, std::span<const LeadEnrollment> group, UnixMillis now,
                                        UnixMillis horizon, Schedule& out) {
  m_now = now;
  m_horizon = std::max(horizon, now);
  m_wake = k_no_wake;
  m_out = &out;
  const bool any =
      std::any_of(group.begin(), group.end(), [&](const LeadEnrollment& g) { return runs(*g.enrollment); });
  if (!any) return k_no_wake;
  const auto row = m_ws.leads.find(lead);
  if (!row) return k_no_wake;
  LeadFacts facts;
  read_lead_fields(m_ws.leads, *row, facts);
  // Handled touches of every enrolment of the lead: caps, replies/bookings as facts, and whether
  // a text has reached the lead yet (the first text carries the opt-out wording).
  std::vector<Counted> counted;
  bool lead_text = false;
  for (const LeadEnrollment& g : group) {
    const RecordRange& r = g.records;
    const auto seq = m_all.find(g.enrollment->sequence);
    for (const TouchRecord* p = r.begin; p != r.end; ++p) {
      if (p->outcome == TouchOutcome::replied && p->at <= m_now) facts.touch_replies.push_back(p->at);
      if (p->outcome == TouchOutcome::booked && p->at <= m_now) facts.touch_bookings.push_back(p->at);
      int channel = -1;
      if (seq != m_all.end()) {
        if (const auto i = step_index(*seq->second, std::string_view(p->key).substr(r.prefix))) {
          channel = static_cast<int>(seq->second->steps[*i].channel);
        }
      }
      if (channel == static_cast<int>(StepChannel::text) && text_reached(p->outcome) && p->at <= m_now)
        lead_text = true;
      if (counts_for_caps(p->outcome)) counted.push_back({p->at, channel});
      // A record dated after now (a reply, a booking, a text reached) becomes a fact then.
      wake_at(p->at);
    }
  }
  std::vector<Candidate> candidates;
  for (const LeadEnrollment& g : group) {
    if (!runs(*g.enrollment)) continue;
    walk(*g.enrollment, *active_sequence(*g.enrollment), facts, g.records, lead_text, candidates);
  }
  decide(facts, candidates, counted);
  // Events dated after `now` become facts when their time comes.
  if (facts.events_read) {
    for (const std::uint32_t pos : m_ws.events.of_lead(lead)) wake_at(m_ws.events.at(pos));
  }
  m_out = nullptr;
  return m_wake;
}

// consent_problem, answered from the packed consent column when it can: marketing consent on
// the channel without an opt-out allows every purpose, so the records (with their evidence
// texts) are only read for the rest.
std::string LeadScheduler::consent_of(LeadFacts& f, StepChannel channel, MessagePurpose purpose) const {
  if (const auto c = consent_channel(channel)) {
    const bool address = channel == StepChannel::email ? !f.lead.email.empty() : !f.lead.phone.empty();
    if (address && m_ws.leads.marketing_consent(f.row, *c)) return {};
  }
  if (!f.consent_read) {
    m_ws.leads.read(f.row, LeadField::consent, f.lead);
    f.consent_read = true;
  }
  return consent_problem(f.lead, channel, purpose);
}

namespace {
const RecipientClock& clock(const Workspace& ws, LeadFacts& f) {
  if (!f.clock) f.clock = recipient_clock(f.lead, ws.practice);
  return *f.clock;
}
}  // namespace

// The step's own time; nullopt while it waits for an appointment. Sets `appointment` for
// before_appointment steps.
std::optional<UnixMillis> LeadScheduler::plan(const Step& step, const Enrollment& e, UnixMillis prev,
                                              LeadFacts& f, UnixMillis& appointment) const {
  const std::int64_t offset = step.timing.offset_minutes * 60'000;
  UnixMillis base = 0;
  switch (step.timing.anchor) {
    case TimingAnchor::after_previous:
      base = prev + offset;
      break;
    case TimingAnchor::after_enrolment:
      base = e.enrolled_at + offset;
      break;
    case TimingAnchor::before_appointment: {
      const auto& appointments = read_events(m_ws.events, m_now, f).appointments;
      const auto it = std::find_if(appointments.begin(), appointments.end(),
                                   [&](const Appointment& a) { return a.at > prev; });
      if (it == appointments.end()) return std::nullopt;
      appointment = it->at;
      base = it->at - offset;
      break;
    }
    case TimingAnchor::after_appointment:
      if (read_events(m_ws.events, m_now, f).attended.empty()) return std::nullopt;
      base = f.attended.back() + offset;
      break;
  }
  if (step.timing.at_minute) {
    const TimeZone& z = *clock(m_ws, f).zones.front();
    const LocalTime local = to_local(z, base);
    UnixMillis moved = from_local(z, local.date, *step.timing.at_minute);
    if (moved < base)
      moved = from_local(z, civil_from_days(days_from_civil(local.date) + 1), *step.timing.at_minute);
    base = moved;
  }
  return base;
}

void LeadScheduler::walk(const Enrollment& e, const Sequence& s, LeadFacts& f, const RecordRange& records,
                         bool lead_text, std::vector<Candidate>& out) {
  // Goal facts dated after now count when their time comes: segment exits here (events and
  // records wake the lead elsewhere).
  for (const Goal& g : s.goals) {
    if (g.kind != GoalKind::left_segment) continue;
    const auto& h = m_ws.segment_history;
    for (auto it = std::lower_bound(h.begin(), h.end(), MembershipChange{g.segment, e.lead, 0, false});
         it != h.end() && it->segment == g.segment && it->lead == e.lead; ++it) {
      if (!it->entered) wake_at(it->at);
    }
  }
  if (auto exit = goal_exit(m_ws, m_now, e, s, f)) {
    // An exit dated now was clamped to now (a do-not-contact or stage change dated later): it
    // moves with now until that date.
    if (exit->at >= m_now) wake_at(m_now + 1);
    m_out->exits.push_back(std::move(*exit));
    return;
  }
  std::vector<std::uint8_t>& visited = m_visited;
  visited.assign(s.steps.size(), 0);
  std::size_t i = 0;
  UnixMillis prev = e.enrolled_at;
  std::string arm;
  bool text_sent = lead_text;
  bool going = !s.steps.empty();
  while (going && visited[i] == 0) {
    visited[i] = 1;
    const Step& step = s.steps[i];
    if (step.kind == StepKind::split) {
      if (step.arms.empty()) {
        going = go(s, i, step.next);
        continue;
      }
      const SplitArm& a = step.arms[split_arm(e.key, step)];
      arm = a.label;
      going = go(s, i, a.next);
      continue;
    }
    if (step.kind == StepKind::wait) {
      const UnixMillis end = prev + std::int64_t{step.wait_days} * k_day_ms;
      if (const auto yes =
              wait_event(read_events(m_ws.events, m_now, f), step.wait_for, prev, std::min(end, m_now))) {
        prev = *yes;
        going = go(s, i, step.yes_next);
      } else if (m_now >= end) {
        prev = end;
        going = go(s, i, step.no_next);
      } else {
        wake_at(end);
        return;  // waiting for the lead
      }
      continue;
    }
    const TouchRecord* rec = find_record(records, step.id);
    if (rec != nullptr && rec->outcome != TouchOutcome::snoozed) {
      prev = rec->at;
      if (step.channel == StepChannel::text && text_reached(rec->outcome)) text_sent = true;
      going = go(s, i, step.next);
      continue;
    }
    UnixMillis appointment = 0;
    auto planned = plan(step, e, prev, f, appointment);
    if (!planned) return;  // waiting for an appointment
    if (rec != nullptr && rec->until != 0) planned = rec->until;
    DueTouch t;
    t.key = touch_key(e.key, step.id);
    t.enrollment = e.key;
    t.sequence = s.id;
    t.step = step.id;
    t.step_index = i;
    t.lead = e.lead;
    t.channel = step.channel;
    t.planned_at = *planned;
    t.due_at = *planned;
    t.first_text = step.channel == StepChannel::text && !text_sent;
    t.arm = arm;
    if (step.timing.anchor == TimingAnchor::before_appointment) {
      if (appointment <= m_now) {
        // Catch-up: a reminder for an appointment that has passed is never sent late.
        m_out->held.push_back({std::move(t), "the appointment has passed", 0});
        prev = appointment;
        going = go(s, i, step.next);
        continue;
      }
      wake_at(appointment);
    }
    if (t.planned_at <= m_now) {
      if (auto why = consent_of(f, t.channel, step.message.purpose); !why.empty()) {
        // A step the lead cannot receive is passed over at its time rather than held: waiting
        // for consent would stall every later step (a text in a mostly-email drip). It is
        // listed for a day so the practitioner sees why, then the walk goes on.
        if (m_now - t.planned_at < k_passed_over_shown) {
          wake_at(t.planned_at + k_passed_over_shown);
          m_out->held.push_back({std::move(t), "passed over: " + why, 0});
        }
        prev = *planned;
        going = go(s, i, step.next);
        continue;
      }
    }
    out.push_back({std::move(t), &step, &s});
    return;
  }
  m_out->exits.push_back({e.key, "finished", prev});
}

void LeadScheduler::hold(DueTouch t, std::string reason, UnixMillis retry_at) {
  wake_at(retry_at);
  m_out->held.push_back({std::move(t), std::move(reason), retry_at});
}

// The caps check for one ready touch: a reason and retry time, or nullopt when it may go.
std::optional<std::pair<std::string, UnixMillis>> LeadScheduler::capped(
    const Candidate& c, LeadFacts& f, const std::vector<Counted>& counted,
    const std::vector<StepChannel>& admitted, std::vector<UnixMillis>& wakes) const {
  std::optional<std::pair<std::string, UnixMillis>> result;
  const auto note = [&](std::optional<UnixMillis> retry, std::string reason) {
    if (!retry) return;
    if (!result)
      result = std::make_pair(std::move(reason), *retry);
    else
      result->second = std::max(result->second, *retry);
  };
  const auto gather = [&](UnixMillis window, auto&& pred) {
    std::vector<UnixMillis> times;
    for (const Counted& k : counted) {
      if (k.at > m_now - window && pred(k.channel)) {
        times.push_back(k.at);
        // The count (in a held touch's reason) drops when this touch leaves the window.
        wakes.push_back(k.at + window);
      }
    }
    for (const StepChannel ch : admitted) {
      if (pred(static_cast<int>(ch))) times.push_back(m_now);
    }
    return times;
  };
  const int ch = static_cast<int>(c.touch.channel);
  if (m_caps.days > 0) {
    const UnixMillis window = std::int64_t{m_caps.days} * k_day_ms;
    const std::string days = std::to_string(m_caps.days);
    const std::size_t channel_cap = m_caps.per_channel[static_cast<std::size_t>(ch)];
    auto same = gather(window, [&](int k) { return k == ch; });
    note(over_cap(same, channel_cap, window),
         "frequency cap: already " + std::to_string(same.size()) + " " +
             std::string(k_channel_plurals[static_cast<std::size_t>(ch)]) + " to this lead in " + days +
             " days");
    auto all = gather(window, [](int) { return true; });
    note(over_cap(all, m_caps.overall, window), "frequency cap: already " + std::to_string(all.size()) +
                                                    " touches to this lead in " + days + " days");
  }
  if (c.touch.channel == StepChannel::text || c.touch.channel == StepChannel::call) {
    const RecipientClock& rc = clock(m_ws, f);
    const QuietHours q = quiet_hours(rc.state);
    if (q.max_per_24h > 0) {
      const auto phone = [](int k) {
        return k == static_cast<int>(StepChannel::text) || k == static_cast<int>(StepChannel::call);
      };
      auto recent = gather(k_day_ms, phone);
      note(over_cap(recent, static_cast<std::size_t>(q.max_per_24h), k_day_ms),
           rc.state + " allows at most " + std::to_string(q.max_per_24h) +
               " texts and calls to a lead in 24 hours");
    }
  }
  return result;
}

void LeadScheduler::decide(LeadFacts& f, std::vector<Candidate>& candidates,
                           const std::vector<Counted>& counted) {
  std::vector<Candidate> ready;
  for (Candidate& c : candidates) {
    DueTouch& t = c.touch;
    const MessagePurpose purpose = c.step->message.purpose;
    if (t.planned_at > m_now) {
      if (m_notes || !consent_of(f, t.channel, purpose).empty()) {
        wake_at(t.planned_at);  // a step without consent is passed over at its planned time
      } else {
        const SendRules rules = send_rules(*c.sequence, t.channel, clock(m_ws, f), m_ws.practice);
        const auto first = next_allowed(rules, t.planned_at);
        wake_at(first ? *first : t.planned_at);
      }
      if (t.planned_at > m_horizon) continue;
      const SendRules rules = send_rules(*c.sequence, t.channel, clock(m_ws, f), m_ws.practice);
      const auto first = next_allowed(rules, t.planned_at);
      if (!first || *first > m_horizon) continue;
      t.due_at = *first;
      m_out->upcoming.push_back(std::move(t));
      continue;
    }
    if (auto why = consent_of(f, t.channel, purpose); !why.empty()) {
      hold(std::move(t), std::move(why), 0);
      continue;
    }
    if (auto why = sender_problem(m_ws.practice, t.channel, purpose); !why.empty()) {
      hold(std::move(t), std::move(why), 0);
      continue;
    }
    const SendRules rules = send_rules(*c.sequence, t.channel, clock(m_ws, f), m_ws.practice);
    const auto first = next_allowed(rules, t.planned_at);
    if (!first) {
      hold(std::move(t),
           "no time in the next 14 days fits the send window, quiet hours and business hours in every "
           "zone the lead may be in",
           0);
      continue;
    }
    t.due_at = *first;
    if (*first > m_now) {
      auto why = window_problem(rules, m_now);
      if (why.empty())
        why = "waiting for the send window";  // not expected: nothing in [planned, first) is allowed
      if (m_exact) wake_at(problem_until(rules, m_now));  // the reason's words change, e.g. at midnight
      hold(std::move(t), std::move(why), *first);
      continue;
    }
    if (is_marketing_purpose(purpose) && m_now - *first > k_late_limit) {
      hold(std::move(t), "more than 14 days late: skip or send by hand", 0);
      continue;
    }
    if (auto why = window_problem(rules, m_now); !why.empty()) {
      const auto retry = next_allowed(rules, m_now);
      if (m_exact) wake_at(problem_until(rules, m_now));
      hold(std::move(t), std::move(why), retry ? *retry : 0);
      continue;
    }
    // Ready now; it stops being ready when the window closes or (marketing) it grows too late.
    wake_at(allowed_until(rules, m_now));
    if (is_marketing_purpose(purpose)) wake_at(*first + k_late_limit + 1);
    ready.push_back(std::move(c));
  }
  std::sort(ready.begin(), ready.end(), [](const Candidate& a, const Candidate& b) {
    return a.touch.due_at != b.touch.due_at ? a.touch.due_at < b.touch.due_at : a.touch.key < b.touch.key;
  });
  std::vector<StepChannel> admitted;
  for (Candidate& c : ready) {
    std::vector<UnixMillis> wakes;
    if (auto cap = capped(c, f, counted, admitted, wakes)) {
      if (m_exact) {
        for (const UnixMillis w : wakes) wake_at(w);
      }
      // Touches admitted in this call count as sent now, so the retry time moves with now.
      if (!admitted.empty()) wake_at(m_now + 1);
      hold(std::move(c.touch), std::move(cap->first), cap->second);
      continue;
    }
    admitted.push_back(c.touch.channel);
    m_out->due.push_back(std::move(c.touch));
  }
}

}  // namespace nurture
