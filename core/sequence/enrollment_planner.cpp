#include "core/sequence/enrollment_planner.hpp"

#include <algorithm>
#include <optional>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "core/scoring/score_crossings.hpp"
#include "core/scoring/scoring.hpp"
#include "core/segment/printer.hpp"
#include "core/sequence/activation.hpp"
#include "core/util/time_units.hpp"

namespace nurture {

namespace {

constexpr UnixMillis k_birthday_time_ms = UnixMillis{9} * 3'600'000;  // 09:00 UTC

// One trigger occurrence, before duplicates and the re-entry policy are taken out.
struct Occurrence {
  std::size_t sequence = 0;  // index into ws.sequences
  LeadId lead;
  UnixMillis at = 0;
  std::size_t order = 0;  // the trigger's position (thresholds after triggers): the first one names it
  std::string reason;
};

// Where one sequence's triggers put their occurrences: only those inside its window and for
// live leads get through.
struct Sink {
  const Workspace& ws;
  std::size_t sequence = 0;
  UnixMillis from = 0;
  UnixMillis now = 0;
  std::size_t order = 0;
  std::vector<Occurrence>& out;

  void add(LeadId lead, UnixMillis at, const std::string& reason) const {
    if (at < from || at > now || !ws.leads.find(lead)) return;
    out.push_back({sequence, lead, at, order, reason});
  }
};

void segment_entries(const Trigger& t, const Sink& sink) {
  const SavedSegment* segment = find_item(sink.ws.segments, t.segment);
  if (segment == nullptr) return;  // deleted: its old entries start nothing new
  const std::string reason = "segment: " + segment->name;
  const auto& history = sink.ws.segment_history;  // sorted by segment first
  auto it = std::lower_bound(history.begin(), history.end(), t.segment,
                             [](const MembershipChange& c, const std::string& id) { return c.segment < id; });
  for (; it != history.end() && it->segment == t.segment; ++it) {
    if (it->entered) sink.add(it->lead, it->at, reason);
  }
}

void stage_changes(const Trigger& t, const Sink& sink) {
  const std::string reason = "stage: " + std::string(to_string(t.stage));
  Lead scratch;
  sink.ws.leads.for_each_live([&](std::uint32_t row) {
    sink.ws.leads.read(row, LeadField::stage, scratch);
    for (const auto& change : scratch.stage_history) {
      if (change.stage == t.stage) sink.add(sink.ws.leads.id(row), change.at, reason);
    }
  });
}

void events_of_type(const Trigger& t, const Sink& sink) {
  // Binary search on time, then only this window's events: the log may hold millions.
  const std::string reason = "event: " + std::string(to_string(t.event));
  for (const std::uint32_t p : sink.ws.events.of_type(t.event, sink.from, sink.now + 1))
    sink.add(sink.ws.events.lead(p), sink.ws.events.at(p), reason);
}

bool is_leap(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

void birthdays(const Trigger& t, const Sink& sink) {
  const UnixMillis ahead = static_cast<UnixMillis>(t.days_before) * k_day_ms;
  const int last_year = utc_date(sink.now + ahead + k_day_ms).year;
  sink.ws.leads.for_each_live([&](std::uint32_t row) {
    const auto born_day = sink.ws.leads.birth_day(row);
    if (!born_day) return;
    const CivilDate born = civil_from_days(*born_day);
    // A birthday at or after `from` is in a year no earlier than from's; the max() keeps a
    // window reaching far back (a huge lookback) inside the calendar's range.
    const UnixMillis earliest = std::max(sink.from, static_cast<UnixMillis>(*born_day) * k_day_ms);
    for (int year = std::max(born.year + 1, utc_date(earliest).year); year <= last_year; ++year) {
      CivilDate day{year, born.month, born.day};
      if (born.month == 2 && born.day == 29 && !is_leap(year)) day.day = 28;
      const UnixMillis at = days_from_civil(day) * k_day_ms - ahead + k_birthday_time_ms;
      sink.add(sink.ws.leads.id(row), at, "birthday");
    }
  });
}

void retreatments(const Trigger& t, const Sink& sink) {
  const Workspace& ws = sink.ws;
  std::vector<const Treatment*> due;
  if (!t.treatment.empty()) {
    const Treatment* one = find_item(ws.treatments, t.treatment);
    if (one != nullptr && one->retreatment_days > 0) due.push_back(one);
  } else {
    for (const auto& item : ws.treatments) {
      if (!item.deleted && item.retreatment_days > 0) due.push_back(&item);
    }
  }
  if (due.empty()) return;
  std::unordered_map<std::string_view, std::size_t> index;
  UnixMillis longest = 0;
  for (std::size_t i = 0; i < due.size(); ++i) {
    index.emplace(due[i]->id, i);
    longest = std::max(longest, static_cast<UnixMillis>(due[i]->retreatment_days) * k_day_ms);
  }
  // Every visit (attended or bought) of these treatments whose due date can fall in the window,
  // per (lead, treatment) in time order. A visit's due date is an occurrence while it is the
  // lead's last visit, i.e. when it comes before the next visit: a later visit replaces it (one
  // recall per last visit), but a due date already reached stays an occurrence, so planning at
  // any instant, or over any window, agrees with planning minute by minute.
  std::unordered_map<std::uint64_t, std::vector<std::vector<UnixMillis>>> visits;  // lead → per treatment
  for (const EventType type : {EventType::appointment_attended, EventType::purchase}) {
    for (const std::uint32_t p : ws.events.of_type(type, sink.from - longest, sink.now + 1)) {
      const auto found = index.find(ws.events.view(p).service);
      if (found == index.end()) continue;
      auto& per = visits[ws.events.lead(p).value];
      per.resize(due.size());
      per[found->second].push_back(ws.events.at(p));
    }
  }
  for (auto& [lead, per] : visits) {
    for (std::size_t i = 0; i < per.size(); ++i) {
      auto& times = per[i];
      std::sort(times.begin(), times.end());
      const UnixMillis interval = static_cast<UnixMillis>(due[i]->retreatment_days) * k_day_ms;
      for (std::size_t v = 0; v < times.size(); ++v) {
        const UnixMillis at = times[v] + interval;
        if (v + 1 < times.size() && times[v + 1] <= at) continue;  // visited again before it was due
        sink.add(LeadId{lead}, at, "retreatment: " + due[i]->name);
      }
    }
  }
}

void collect(const Trigger& t, const Sink& sink) {
  switch (t.kind) {
    case TriggerKind::segment_entry:
      segment_entries(t, sink);
      return;
    case TriggerKind::stage_change:
      stage_changes(t, sink);
      return;
    case TriggerKind::event:
      events_of_type(t, sink);
      return;
    case TriggerKind::birthday:
      birthdays(t, sink);
      return;
    case TriggerKind::retreatment_due:
      retreatments(t, sink);
      return;
    case TriggerKind::manual:
      return;
  }
}

// Occurrences from score thresholds: each upward crossing, for the active sequence the threshold
// names. A threshold is a level, not an event; its crossing time is what turns it into an
// occurrence with a stable key (see score_crossings.hpp).
void threshold_crossings(const std::vector<ScoreCrossing>& crossings, const ScoringModel& model,
                         const std::vector<Sink>& sinks, const std::vector<Sequence>& sequences) {
  for (const auto& c : crossings) {
    const ScoreThreshold& t = model.thresholds[c.threshold];
    const std::string reason =
        "score: " + (t.group.empty() ? std::string("total") : t.group) + " ≥ " + segment::format_number(t.at);
    for (const Sink& sink : sinks) {
      if (sequences[sink.sequence].id != t.value) continue;
      Sink with_order = sink;
      with_order.order = sequences[sink.sequence].triggers.size() + c.threshold;
      with_order.add(c.lead, c.at, reason);
    }
  }
}

// ---- Re-entry ------------------------------------------------------------------------------
// Enrolments already in the workspace are checked by the Enroll command's own reentry_problem
// (activation.hpp), so the plan and the command agree. That check cannot see the enrolments
// planned earlier in this same call, which this one adds: the same policy against them (all
// still running, since they have not even started).
std::optional<std::string> planned_reentry_problem(const Sequence& s, const std::vector<UnixMillis>& planned,
                                                   UnixMillis at) {
  if (planned.empty()) return std::nullopt;
  switch (s.reentry) {
    case ReentryPolicy::never:
    case ReentryPolicy::after_exit:
      return "already planned for this lead";
    case ReentryPolicy::after_cooldown: {
      const UnixMillis cooldown = static_cast<UnixMillis>(s.reentry_days) * k_day_ms;
      for (const UnixMillis p : planned) {
        // Either side of `at`, as reentry_problem does.
        if ((p > at ? p - at : at - p) < cooldown) return "planned for this lead within the cool-down";
      }
      return std::nullopt;
    }
  }
  return std::nullopt;
}

bool enrolled(const Workspace& ws, const std::string& key) {
  // ws.enrollments is sorted by key, one per key.
  const auto it = std::lower_bound(ws.enrollments.begin(), ws.enrollments.end(), key,
                                   [](const Enrollment& e, const std::string& k) { return e.key < k; });
  return it != ws.enrollments.end() && it->key == key;
}

// Every trigger occurrence of the active sequences in [window_start, now], one per enrolment
// key (named by the first trigger), sorted by (sequence, lead, at).
std::vector<Occurrence> occurrences(const Workspace& ws, UnixMillis window_start, UnixMillis now) {
  std::vector<Occurrence> found;
  std::vector<Sink> sinks;
  for (std::size_t s = 0; s < ws.sequences.size(); ++s) {
    const Sequence& seq = ws.sequences[s];
    if (seq.deleted || seq.status != SequenceStatus::active) continue;
    const UnixMillis from = std::max(window_start, seq.activated_at);
    if (from > now) continue;
    sinks.push_back({ws, s, from, now, 0, found});
    for (std::size_t i = 0; i < seq.triggers.size(); ++i) {
      Sink sink = sinks.back();
      sink.order = i;
      collect(seq.triggers[i], sink);
    }
  }

  // Thresholds that enrol into an active sequence: one replay of the scores for all of them.
  std::vector<std::size_t> thresholds;
  UnixMillis earliest = now;
  for (std::size_t k = 0; k < ws.scoring.thresholds.size(); ++k) {
    const ScoreThreshold& t = ws.scoring.thresholds[k];
    if (t.action != ThresholdAction::enrol_sequence) continue;
    for (const Sink& sink : sinks) {
      if (ws.sequences[sink.sequence].id != t.value) continue;
      thresholds.push_back(k);
      earliest = std::min(earliest, sink.from);
    }
  }
  if (!thresholds.empty()) {
    // A model that does not compile scores nothing; the scoring commands refuse such a model, so
    // this only happens with a damaged file, which the scoring panel reports.
    if (auto compiled = compile_scoring(ws.scoring)) {
      const auto crossings = score_crossings(compiled.value(), ws, thresholds, earliest, now);
      threshold_crossings(crossings, compiled.value().model, sinks, ws.sequences);
    }
  }

  // One occurrence per (sequence, lead, time) — the enrolment key — named by the first trigger.
  std::sort(found.begin(), found.end(), [](const Occurrence& a, const Occurrence& b) {
    if (a.sequence != b.sequence) return a.sequence < b.sequence;
    if (a.lead != b.lead) return a.lead < b.lead;
    if (a.at != b.at) return a.at < b.at;
    if (a.order != b.order) return a.order < b.order;
    return a.reason < b.reason;
  });
  found.erase(std::unique(found.begin(), found.end(),
                          [](const Occurrence& a, const Occurrence& b) {
                            return a.sequence == b.sequence && a.lead == b.lead && a.at == b.at;
                          }),
              found.end());
  return found;
}

}  // namespace

std::vector<PlannedEnrollment> trigger_occurrences(const Workspace& ws, UnixMillis from, UnixMillis to) {
  std::vector<PlannedEnrollment> out;
  if (to < from) return out;
  for (Occurrence& o : occurrences(ws, from, to))
    out.push_back({ws.sequences[o.sequence].id, o.lead, o.at, std::move(o.reason)});
  return out;
}

std::vector<PlannedEnrollment> plan_enrollments(const Workspace& ws, UnixMillis now, int lookback_days) {
  const UnixMillis window_start = now - static_cast<UnixMillis>(std::max(lookback_days, 0)) * k_day_ms;
  const std::vector<Occurrence> found = occurrences(ws, window_start, now);

  // Re-entry, per (sequence, lead) in time order, against the workspace and this call's plan.
  std::vector<PlannedEnrollment> out;
  std::vector<UnixMillis> planned;
  for (std::size_t i = 0; i < found.size(); ++i) {
    const Occurrence& o = found[i];
    if (i == 0 || o.sequence != found[i - 1].sequence || o.lead != found[i - 1].lead) planned.clear();
    const Sequence& seq = ws.sequences[o.sequence];
    // An occurrence already enrolled is done, whether or not that enrolment has ended since.
    if (enrolled(ws, enrollment_key(seq.id, o.lead, o.at))) continue;
    if (reentry_problem(ws, seq, o.lead, o.at) || planned_reentry_problem(seq, planned, o.at)) continue;
    planned.push_back(o.at);
    out.push_back({seq.id, o.lead, o.at, o.reason});
  }
  std::sort(out.begin(), out.end(), [](const PlannedEnrollment& a, const PlannedEnrollment& b) {
    if (a.at != b.at) return a.at < b.at;
    if (a.sequence != b.sequence) return a.sequence < b.sequence;
    return a.lead < b.lead;
  });
  return out;
}

}  // namespace nurture
