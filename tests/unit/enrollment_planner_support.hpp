#pragma once
// Helpers shared by the enrolment planner tests: a hand-built workspace piece by piece (leads,
// events, triggers, sequences, enrolments) around one fixed `now`.

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/model/workspace.hpp"
#include "core/sequence/enrollment_planner.hpp"
#include "test_support.hpp"

namespace nurture::planner_test {

inline constexpr UnixMillis k_hour = 3'600'000;
inline constexpr UnixMillis k_day = 86'400'000;

inline UnixMillis utc(int y, unsigned m, unsigned d, UnixMillis hour = 0) {
  return days_from_civil({y, m, d}) * k_day + hour * k_hour;
}

// Monday 2026-09-21, noon UTC. Every time below is "k_now - N days", worked out from it.
inline const UnixMillis k_now = utc(2026, 9, 21, 12);

inline constexpr LeadId L(std::uint64_t v) { return LeadId{v}; }

inline void add_lead(Workspace& ws, std::uint64_t id, const std::vector<StageChange>& history = {},
                     std::optional<CivilDate> born = std::nullopt) {
  Lead l;
  l.id = LeadId{id};
  l.first_name = "lead" + std::to_string(id);
  l.birth_date = born;
  if (!history.empty()) {
    l.stage_history = history;
    l.stage = history.back().stage;
  }
  ws.leads.append_row(l, Stamp{1, 0, 1});
}

inline void delete_lead(Workspace& ws, std::uint64_t id) {
  ws.leads.set_deleted(*ws.leads.find(LeadId{id}), true, Stamp{2, 0, 1});
}

inline Event event(std::uint64_t id, std::uint64_t lead, UnixMillis at, EventType type,
                   std::string service = {}) {
  Event e = test::make_event(id, lead, at, type);
  e.service = std::move(service);
  return e;
}

inline Trigger on_segment(std::string id) {
  Trigger t;
  t.kind = TriggerKind::segment_entry;
  t.segment = std::move(id);
  return t;
}
inline Trigger on_stage(Stage stage) {
  Trigger t;
  t.kind = TriggerKind::stage_change;
  t.stage = stage;
  return t;
}
inline Trigger on_event(EventType type) {
  Trigger t;
  t.kind = TriggerKind::event;
  t.event = type;
  return t;
}
inline Trigger on_birthday(std::uint16_t days_before) {
  Trigger t;
  t.kind = TriggerKind::birthday;
  t.days_before = days_before;
  return t;
}
inline Trigger on_retreatment(std::string treatment) {
  Trigger t;
  t.kind = TriggerKind::retreatment_due;
  t.treatment = std::move(treatment);
  return t;
}

// Active since a year before k_now; the one-day cool-down lets every occurrence below (all at
// least a day apart) through unless a test says otherwise.
inline Sequence sequence(std::string id, std::vector<Trigger> triggers,
                         ReentryPolicy reentry = ReentryPolicy::after_cooldown,
                         std::uint16_t reentry_days = 1, UnixMillis activated = k_now - 365 * k_day) {
  Sequence s;
  s.id = std::move(id);
  s.name = s.id;
  s.status = SequenceStatus::active;
  s.activated_at = activated;
  s.triggers = std::move(triggers);
  s.reentry = reentry;
  s.reentry_days = reentry_days;
  return s;
}

inline Enrollment enrollment(const std::string& seq, LeadId lead, UnixMillis at, UnixMillis ended = 0) {
  Enrollment e;
  e.key = enrollment_key(seq, lead, at);
  e.sequence = seq;
  e.lead = lead;
  e.enrolled_at = at;
  e.reason = "manual";
  e.ended_at = ended;
  return e;
}

inline void add_enrollments(Workspace& ws, const std::vector<PlannedEnrollment>& plan) {
  for (const auto& p : plan) {
    Enrollment e = enrollment(p.sequence, p.lead, p.at);
    e.reason = p.reason;
    ws.enrollments.push_back(std::move(e));
  }
  std::sort(ws.enrollments.begin(), ws.enrollments.end(),
            [](const Enrollment& a, const Enrollment& b) { return a.key < b.key; });
}

inline PlannedEnrollment planned(std::string seq, std::uint64_t lead, UnixMillis at, std::string reason) {
  return {std::move(seq), LeadId{lead}, at, std::move(reason)};
}

}  // namespace nurture::planner_test
