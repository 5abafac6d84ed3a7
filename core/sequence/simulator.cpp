#include "core/sequence/simulator.hpp"

#include <algorithm>
#include <map>
#include <memory>
#include <numeric>
#include <string_view>
#include <tuple>
#include <unordered_map>

#include "core/sequence/activation.hpp"
#include "core/sequence/enrollment_planner.hpp"
#include "core/sequence/lead_scheduler.hpp"
#include "core/util/time_units.hpp"
#include "core/util/time_zone.hpp"

namespace nurture {

namespace {

// The app's planner looks back this far for occurrences it has not enrolled yet (sequence_runtime).
constexpr UnixMillis k_catch_up = 30 * k_day_ms;
// A lead whose schedule keeps changing at one instant this often has a bug, not a plan.
constexpr int k_max_rounds_per_instant = 1000;

bool counted(TouchOutcome o) {
  return o == TouchOutcome::sent || o == TouchOutcome::replied || o == TouchOutcome::booked ||
         o == TouchOutcome::no_answer;
}

// Held entries the walk has already gone past (not waiting on anything): they are notes, not
// stuck touches.
bool informational(const HeldTouch& h) {
  return h.reason.starts_with("passed over: ") || h.reason == "the appointment has passed";
}

template <class T>
auto find_key(std::vector<T>& list, const std::string& key) {
  return std::lower_bound(list.begin(), list.end(), key,
                          [](const T& x, const std::string& k) { return x.key < k; });
}

// Inserts `r`, replacing a record with the same key (a snooze followed by a send).
void put_record(std::vector<TouchRecord>& records, TouchRecord r) {
  const auto it = find_key(records, r.key);
  if (it != records.end() && it->key == r.key)
    *it = std::move(r);
  else
    records.insert(it, std::move(r));
}

using StepKey = std::pair<std::string, std::string>;  // (sequence, step)

struct RateTable {
  std::map<StepKey, double> by_step;
  [[nodiscard]] double of(const std::string& sequence, const std::string& step) const {
    const auto it = by_step.find({sequence, step});
    return it == by_step.end() ? 0.0 : it->second;
  }
};

// One lead's simulation: its own copy of its enrolments and touch records, advanced instant by
// instant.
class LeadRun {
 public:
  LeadRun(LeadScheduler& scheduler, const Workspace& ws, const SimulationOptions& options,
          const RateTable& rates, const TimeZone* day_zone, Simulation& out)
      : m_scheduler(scheduler),
        m_ws(ws),
        m_options(options),
        m_rates(rates),
        m_day_zone(day_zone),
        m_out(out) {}

  void run(LeadId lead, std::vector<Enrollment> enrollments, std::vector<TouchRecord> records,
           std::vector<PlannedEnrollment> pending) {
    m_lead = lead;
    m_follow = m_options.follow && *m_options.follow == lead;
    m_enrollments = std::move(enrollments);
    m_records = std::move(records);
    m_pending = std::move(pending);
    m_pending_done.assign(m_pending.size(), 0);
    m_told_refused.assign(m_pending.size(), 0);
    m_last_held.clear();
    UnixMillis t = m_out.from;
    Schedule out;
    for (;;) {
      UnixMillis wake = k_no_wake;
      for (int round = 0; round < k_max_rounds_per_instant; ++round) {
        out.due.clear();
        out.upcoming.clear();
        out.held.clear();
        out.exits.clear();
        m_group.clear();
        for (const Enrollment& e : m_enrollments)
          m_group.push_back({&e, LeadScheduler::records_in(m_records, e)});
        m_scheduler.set_notes(m_follow);
        wake = m_scheduler.schedule_lead(lead, m_group, t, t, out);
        ++m_out.instants;
        note_held(out, t);
        bool changed = send(out, t);
        changed = end(out, t) || changed;
        changed = admit(t) || changed;
        if (!changed) break;
      }
      UnixMillis next = wake;
      for (std::size_t i = 0; i < m_pending.size(); ++i) {
        if (m_pending_done[i] == 0 && m_pending[i].at > t) next = std::min(next, m_pending[i].at);
      }
      if (next >= m_out.to || next <= t) break;
      t = next;
    }
    for (HeldTouch& h : out.held) {
      if (h.retry_at == 0 && !informational(h)) m_out.stuck.push_back(std::move(h));
    }
  }

 private:
  bool end(const Schedule& s, UnixMillis t) {
    bool changed = false;
    for (const EnrollmentExit& x : s.exits) {
      const auto it = find_key(m_enrollments, x.enrollment);
      if (it == m_enrollments.end() || it->key != x.enrollment || it->ended_at != 0) continue;
      it->ended_at = std::max<UnixMillis>(x.at, 1);
      it->end_reason = x.reason;
      m_out.exits.push_back(x);
      if (m_follow) m_out.timeline.push_back({t, TimelineKind::exited, it->sequence, {}, {}, 0, 0, x.reason});
      changed = true;
    }
    return changed;
  }

  bool send(const Schedule& s, UnixMillis t) {
    for (const DueTouch& d : s.due) {
      put_record(m_records, TouchRecord{d.key, TouchOutcome::sent, t, 0, {}});
      const double rate = m_rates.of(d.sequence, d.step);
      m_out.projected_bookings += rate;
      const std::int64_t day =
          m_day_zone != nullptr ? days_from_civil(to_local(*m_day_zone, t).date) : floor_div(t, k_day_ms);
      // Packed (day, sequence, channel): a map keyed by strings cost a tenth of a run at M.
      auto [it, added] =
          m_sequence_index.try_emplace(d.sequence, static_cast<std::uint32_t>(m_sequences.size()));
      if (added) m_sequences.push_back(d.sequence);
      const std::uint64_t key = (static_cast<std::uint64_t>(day + k_day_bias) << 24U) |
                                (std::uint64_t{it->second} << 3U) | static_cast<std::uint64_t>(d.channel);
      ++m_counts[key];
      if (m_follow) {
        m_out.timeline.push_back({t, TimelineKind::sent, d.sequence, d.step, d.channel, d.planned_at, 0, {}});
      }
      m_out.touches.push_back({d, t, rate});
    }
    return !s.due.empty();
  }

  // The followed lead's held and passed-over touches, each (key, reason) once in a row.
  void note_held(const Schedule& s, UnixMillis t) {
    if (!m_follow) return;
    for (const HeldTouch& h : s.held) {
      auto& last = m_last_held[h.touch.key];
      if (last == h.reason) continue;
      last = h.reason;
      const bool passed = informational(h);
      m_out.timeline.push_back({passed ? std::max(h.touch.planned_at, m_out.from) : t,
                                passed ? TimelineKind::passed_over : TimelineKind::held, h.touch.sequence,
                                h.touch.step, h.touch.channel, h.touch.planned_at, h.retry_at, h.reason});
    }
  }

  // Trigger occurrences at or before t, inside the catch-up window, that the re-entry policy
  // allows — what the app's tick enrols.
  bool admit(UnixMillis t) {
    bool changed = false;
    for (std::size_t i = 0; i < m_pending.size(); ++i) {
      const PlannedEnrollment& p = m_pending[i];
      if (m_pending_done[i] != 0 || p.at > t || p.at < t - k_catch_up) continue;
      const Sequence* seq = find_item(m_ws.sequences, p.sequence);
      if (seq == nullptr) continue;
      const std::string key = enrollment_key(p.sequence, p.lead, p.at);
      const auto it = find_key(m_enrollments, key);
      if (it != m_enrollments.end() && it->key == key) {
        m_pending_done[i] = 1;
        continue;
      }
      std::optional<std::string> problem;
      for (const Enrollment& e : m_enrollments) {
        if (e.sequence != p.sequence) continue;
        if ((problem = reentry_problem(*seq, e, p.at))) break;
      }
      if (problem) {
        if (m_follow && m_told_refused[i] == 0) {
          m_told_refused[i] = 1;
          m_out.timeline.push_back(
              {t, TimelineKind::not_enrolled, p.sequence, {}, {}, 0, 0, p.reason + ": " + *problem});
        }
        continue;
      }
      m_pending_done[i] = 1;
      Enrollment e{key, p.sequence, p.lead, p.at, p.reason, 0, {}, {}};
      m_enrollments.insert(find_key(m_enrollments, key), e);
      if (m_follow) m_out.timeline.push_back({t, TimelineKind::enrolled, p.sequence, {}, {}, 0, 0, p.reason});
      m_out.enrolled.push_back(std::move(e));
      changed = true;
    }
    return changed;
  }

  static std::int64_t floor_div(std::int64_t a, std::int64_t b) { return a / b - ((a % b) < 0 ? 1 : 0); }

 public:
  /// Touches per (local day, sequence, channel) over every lead run so far, in that order.
  [[nodiscard]] std::vector<SimulatedCount> counts() const {
    std::vector<SimulatedCount> out;
    out.reserve(m_counts.size());
    for (const auto& [key, n] : m_counts) {
      out.push_back({static_cast<std::int64_t>(key >> 24U) - k_day_bias, m_sequences[(key >> 3U) & 0x1FFFFFU],
                     static_cast<StepChannel>(key & 7U), n});
    }
    std::sort(out.begin(), out.end(), [](const SimulatedCount& a, const SimulatedCount& b) {
      return std::tie(a.day, a.sequence, a.channel) < std::tie(b.day, b.sequence, b.channel);
    });
    return out;
  }

 private:
  static constexpr std::int64_t k_day_bias = 1'000'000;  // days before 1970 stay positive
  std::unordered_map<std::uint64_t, std::uint32_t> m_counts;
  std::unordered_map<std::string, std::uint32_t> m_sequence_index;
  std::vector<std::string> m_sequences;
  LeadScheduler& m_scheduler;
  const Workspace& m_ws;
  const SimulationOptions& m_options;
  const RateTable& m_rates;
  const TimeZone* m_day_zone;
  Simulation& m_out;
  LeadId m_lead;
  bool m_follow = false;
  std::vector<Enrollment> m_enrollments;  // by key
  std::vector<TouchRecord> m_records;     // by key
  std::vector<PlannedEnrollment> m_pending;
  std::vector<std::uint8_t> m_pending_done, m_told_refused;
  std::vector<LeadEnrollment> m_group;
  std::unordered_map<std::string, std::string> m_last_held;
};

}  // namespace

std::vector<StepRate> observed_step_rates(const Workspace& ws) {
  std::vector<StepRate> out;
  std::map<StepKey, std::size_t> index;
  for (const Sequence& s : ws.sequences) {
    if (s.deleted || s.status != SequenceStatus::active) continue;
    for (const Step& step : s.steps) {
      if (step.kind != StepKind::message) continue;
      index.emplace(StepKey{s.id, step.id}, out.size());
      out.push_back({s.id, step.id, 0, 0, 0, RateBasis::none});
    }
  }
  // Counted touches per lead (time, step), from the records; a record's enrolment is its key
  // without the last "/step".
  std::unordered_map<std::uint64_t, std::vector<std::pair<UnixMillis, std::size_t>>> by_lead;
  const Enrollment* last = nullptr;
  for (const TouchRecord& r : ws.touches) {
    if (!counted(r.outcome)) continue;
    const auto slash = r.key.rfind('/');
    if (slash == std::string::npos) continue;
    const std::string_view enrollment(r.key.data(), slash);
    if (last == nullptr || last->key != enrollment) {
      const auto it = std::lower_bound(ws.enrollments.begin(), ws.enrollments.end(), enrollment,
                                       [](const Enrollment& e, std::string_view k) { return e.key < k; });
      last = it != ws.enrollments.end() && it->key == enrollment ? &*it : nullptr;
      if (last == nullptr) continue;
    }
    const auto found = index.find({last->sequence, r.key.substr(slash + 1)});
    if (found == index.end()) continue;
    ++out[found->second].touches;
    by_lead[last->lead.value].emplace_back(r.at, found->second);
  }
  for (auto& [lead, touches] : by_lead) std::sort(touches.begin(), touches.end());
  // Each booking goes to the lead's last counted touch in the window before it.
  for (const std::uint32_t p :
       ws.events.of_type(EventType::appointment_booked, std::numeric_limits<UnixMillis>::min(),
                         std::numeric_limits<UnixMillis>::max())) {
    const auto it = by_lead.find(ws.events.lead(p).value);
    if (it == by_lead.end()) continue;
    const UnixMillis at = ws.events.at(p);
    const auto& touches = it->second;
    auto after = std::upper_bound(touches.begin(), touches.end(), std::make_pair(at, std::size_t(-1)));
    if (after == touches.begin()) continue;
    const auto& before = *std::prev(after);
    if (at - before.first <= k_attribution_window) ++out[before.second].bookings;
  }
  // Pools: per sequence from its records; for the practice from the event log, which also holds
  // the history imported from other tools (every email_sent, text_sent and call event is a
  // touch, and each booking goes to the lead's last one in the window before it).
  std::map<std::string, std::pair<std::uint64_t, std::uint64_t>> pooled;
  for (const StepRate& r : out) {
    pooled[r.sequence].first += r.touches;
    pooled[r.sequence].second += r.bookings;
  }
  const auto is_touch = [](EventType t) {
    return t == EventType::email_sent || t == EventType::text_sent || t == EventType::call;
  };
  std::uint64_t all_touches = 0;
  std::uint64_t all_bookings = 0;
  constexpr UnixMillis k_min = std::numeric_limits<UnixMillis>::min();
  constexpr UnixMillis k_max = std::numeric_limits<UnixMillis>::max();
  for (const EventType t : {EventType::email_sent, EventType::text_sent, EventType::call})
    all_touches += ws.events.of_type(t, k_min, k_max).size();
  for (const std::uint32_t p : ws.events.of_type(EventType::appointment_booked, k_min, k_max)) {
    const UnixMillis at = ws.events.at(p);
    for (const std::uint32_t q : ws.events.of_lead(ws.events.lead(p))) {
      const UnixMillis when = ws.events.at(q);
      if (when <= at && at - when <= k_attribution_window && is_touch(ws.events.type(q))) {
        ++all_bookings;
        break;
      }
    }
  }
  for (StepRate& r : out) {
    const auto& [seq_touches, seq_bookings] = pooled[r.sequence];
    if (r.touches >= k_rate_minimum) {
      r.rate = static_cast<double>(r.bookings) / r.touches;
      r.basis = RateBasis::step;
    } else if (seq_touches >= k_rate_minimum) {
      r.rate = static_cast<double>(seq_bookings) / static_cast<double>(seq_touches);
      r.basis = RateBasis::sequence;
    } else if (all_touches >= k_rate_minimum) {
      r.rate = static_cast<double>(all_bookings) / static_cast<double>(all_touches);
      r.basis = RateBasis::practice;
    }
  }
  return out;
}

struct Simulator::State {
  const Workspace& ws;
  SimulationOptions options;
  Simulation sim;
  RateTable rates;
  LeadScheduler scheduler;
  std::vector<std::uint32_t> order;            // enrolments by lead
  std::vector<PlannedEnrollment> occurrences;  // by (lead, at, sequence)
  std::size_t i = 0;                           // next in order
  std::size_t k = 0;                           // next occurrence
  std::size_t total = 0;
  std::size_t done = 0;
  LeadRun run;

  State(const Workspace& w, const SimulationOptions& o)
      : ws(w),
        options(o),
        scheduler(w, o.caps),
        run(scheduler, w, options, rates, find_time_zone(w.practice.time_zone), sim) {
    const int days = std::clamp(options.days, 1, k_max_simulation_days);
    sim.from = options.from;
    sim.to = options.from + std::int64_t{days} * k_day_ms;
    sim.rates = observed_step_rates(ws);
    for (const StepRate& r : sim.rates) rates.by_step.emplace(StepKey{r.sequence, r.step}, r.rate);
    const auto& es = ws.enrollments;
    for (std::uint32_t n = 0; n < es.size(); ++n) {
      if (!options.only_follow || (options.follow && es[n].lead == *options.follow)) order.push_back(n);
    }
    std::stable_sort(order.begin(), order.end(),
                     [&](std::uint32_t a, std::uint32_t b) { return es[a].lead < es[b].lead; });
    occurrences = trigger_occurrences(ws, sim.from - k_catch_up, sim.to - 1);
    if (options.only_follow) {
      std::erase_if(occurrences,
                    [&](const PlannedEnrollment& p) { return !options.follow || p.lead != *options.follow; });
    }
    std::stable_sort(occurrences.begin(), occurrences.end(),
                     [](const PlannedEnrollment& a, const PlannedEnrollment& b) {
                       if (a.lead != b.lead) return a.lead < b.lead;
                       if (a.at != b.at) return a.at < b.at;
                       return a.sequence < b.sequence;
                     });
    total = order.size() + occurrences.size();
  }

  bool finished() const { return i >= order.size() && k >= occurrences.size(); }

  // Simulates the next lead in id order among both lists.
  void next_lead() {
    const auto& es = ws.enrollments;
    const LeadId lead =
        k >= occurrences.size() || (i < order.size() && es[order[i]].lead < occurrences[k].lead)
            ? es[order[i]].lead
            : occurrences[k].lead;
    std::vector<Enrollment> mine;
    bool runs = false;
    for (; i < order.size() && es[order[i]].lead == lead; ++i) {
      mine.push_back(es[order[i]]);
      runs = runs || scheduler.runs(es[order[i]]);
    }
    std::vector<PlannedEnrollment> pending;
    for (; k < occurrences.size() && occurrences[k].lead == lead; ++k) pending.push_back(occurrences[k]);
    done = i + k;
    if (!runs && pending.empty()) return;
    std::sort(mine.begin(), mine.end(),
              [](const Enrollment& a, const Enrollment& b) { return a.key < b.key; });
    // The lead's records are the ones under its enrolments' keys.
    std::vector<TouchRecord> records;
    for (const Enrollment& e : mine) {
      const RecordRange r = scheduler.records_of(e);
      records.insert(records.end(), r.begin, r.end);
    }
    std::sort(records.begin(), records.end(),
              [](const TouchRecord& a, const TouchRecord& b) { return a.key < b.key; });
    run.run(lead, std::move(mine), std::move(records), std::move(pending));
  }
};

Simulator::Simulator(const Workspace& ws, const SimulationOptions& options)
    : m_state(std::make_unique<State>(ws, options)) {}

Simulator::~Simulator() = default;

bool Simulator::step(std::size_t leads) {
  for (std::size_t n = 0; n < leads && !m_state->finished(); ++n) m_state->next_lead();
  return m_state->finished();
}

double Simulator::progress() const {
  return m_state->total == 0 ? 1.0 : static_cast<double>(m_state->done) / static_cast<double>(m_state->total);
}

Simulation Simulator::take() {
  while (!m_state->finished()) m_state->next_lead();
  Simulation sim = std::move(m_state->sim);
  sim.counts = m_state->run.counts();
  std::sort(sim.touches.begin(), sim.touches.end(), [](const SimulatedTouch& a, const SimulatedTouch& b) {
    return a.sent_at != b.sent_at ? a.sent_at < b.sent_at : a.touch.key < b.touch.key;
  });
  std::sort(sim.enrolled.begin(), sim.enrolled.end(),
            [](const Enrollment& a, const Enrollment& b) { return a.key < b.key; });
  std::sort(sim.exits.begin(), sim.exits.end(), [](const EnrollmentExit& a, const EnrollmentExit& b) {
    return a.at != b.at ? a.at < b.at : a.enrollment < b.enrollment;
  });
  std::sort(sim.stuck.begin(), sim.stuck.end(),
            [](const HeldTouch& a, const HeldTouch& b) { return a.touch.key < b.touch.key; });
  std::stable_sort(sim.timeline.begin(), sim.timeline.end(),
                   [](const TimelineEntry& a, const TimelineEntry& b) { return a.at < b.at; });
  return sim;
}

Simulation simulate(const Workspace& ws, const SimulationOptions& options) {
  Simulator s(ws, options);
  return s.take();
}

// Merges `added` (sorted by key) into `list` (sorted by key, one per key); an added item replaces
// one with the same key when `replace`. One pass: a simulation at M adds 100,000 records.
template <class T>
void merge_by_key(std::vector<T>& list, std::vector<T> added, bool replace) {
  std::vector<T> out;
  out.reserve(list.size() + added.size());
  auto a = list.begin();
  auto b = added.begin();
  while (a != list.end() || b != added.end()) {
    if (b == added.end() || (a != list.end() && a->key < b->key)) {
      out.push_back(std::move(*a++));
    } else if (a == list.end() || b->key < a->key) {
      out.push_back(std::move(*b++));
    } else {
      out.push_back(replace ? std::move(*b) : std::move(*a));
      ++a;
      ++b;
    }
  }
  list = std::move(out);
}

void apply_simulation(Workspace& ws, const Simulation& sim) {
  merge_by_key(ws.enrollments, sim.enrolled, false);
  for (const EnrollmentExit& x : sim.exits) {
    const auto it = find_key(ws.enrollments, x.enrollment);
    if (it == ws.enrollments.end() || it->key != x.enrollment || it->ended_at != 0) continue;
    it->ended_at = std::max<UnixMillis>(x.at, 1);
    it->end_reason = x.reason;
  }
  std::vector<TouchRecord> sent;
  sent.reserve(sim.touches.size());
  for (const SimulatedTouch& t : sim.touches)
    sent.push_back({t.touch.key, TouchOutcome::sent, t.sent_at, 0, {}});
  std::sort(sent.begin(), sent.end(),
            [](const TouchRecord& a, const TouchRecord& b) { return a.key < b.key; });
  merge_by_key(ws.touches, std::move(sent), true);
}

std::string_view to_string(RateBasis v) {
  switch (v) {
    case RateBasis::step:
      return "step";
    case RateBasis::sequence:
      return "sequence";
    case RateBasis::practice:
      return "practice";
    case RateBasis::none:
      return "none";
  }
  return "none";
}

std::string_view to_string(TimelineKind v) {
  switch (v) {
    case TimelineKind::enrolled:
      return "enrolled";
    case TimelineKind::not_enrolled:
      return "not_enrolled";
    case TimelineKind::held:
      return "held";
    case TimelineKind::passed_over:
      return "passed_over";
    case TimelineKind::sent:
      return "sent";
    case TimelineKind::exited:
      return "exited";
  }
  return "sent";
}

}  // namespace nurture
