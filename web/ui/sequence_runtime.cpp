#include "web/ui/sequence_runtime.hpp"

#include <algorithm>
#include <map>
#include <tuple>

#include "core/commands/command.hpp"
#include "core/sequence/enrollment_planner.hpp"
#include "core/util/time_units.hpp"
#include "core/util/time_zone.hpp"

namespace nurture::ui {

namespace {

/// Where "later today" stops: the end of the practice's day (the practice works in its own zone,
/// wherever the browser is), or of the browser's day when the practice zone is not supported.
UnixMillis end_of_today(const Ui& ui, UnixMillis now) {
  if (const TimeZone* zone = find_time_zone(ui.session.workspace().practice.time_zone))
    return end_of_local_day(*zone, now);
  return end_of_local_day(ui.platform.local_utc_offset_minutes(now), now);
}

}  // namespace

SequenceRuntime::Numbers SequenceRuntime::numbers(const std::string& id) const {
  const auto it =
      std::lower_bound(m_numbers.begin(), m_numbers.end(), id,
                       [](const auto& entry, const std::string& key) { return entry.first < key; });
  return it != m_numbers.end() && it->first == id ? it->second : Numbers{};
}

void SequenceRuntime::update(Ui& ui) {
  const UnixMillis minute = ui.platform.now_ms() / k_minute_ms * k_minute_ms;
  if (ui.session.revision() == m_revision && minute == m_now) return;
  m_now = minute;
  // Each bookkeeping round applies what is due once (asking again finds nothing), so this
  // settles in a round or two; the bound is a guard, not a loop the app relies on.
  for (int round = 0; round < 3 && ui.editable() && bookkeeping(ui); ++round) {
  }
  recompute(ui);
}

bool SequenceRuntime::bookkeeping(Ui& ui) {
  const Workspace& ws = ui.session.workspace();
  bool changed = false;

  // Enrolments the triggers call for, one command per (sequence, moment, reason).
  auto planned = plan_enrollments(ws, m_now);
  std::map<std::tuple<std::string, UnixMillis, std::string>, std::vector<LeadId>> groups;
  for (auto& p : planned) groups[{p.sequence, p.at, p.reason}].push_back(p.lead);
  for (auto& [key, leads] : groups) {
    const auto& [sequence, at, reason] = key;
    const auto r = ui.mutable_session.record(Enroll{sequence, std::move(leads), at, reason, m_now});
    changed = changed || r.ok;
  }

  // Enrolments whose goal was met or whose steps ran out end, so that re-entry rules see them
  // as ended; one command per reason. Exits do not depend on the horizon, so the day's cached
  // schedule answers (its exits are copied before the commands change the workspace).
  std::map<std::string, std::vector<std::string>> exits;
  for (const auto& e : tick(ui).exits) exits[e.reason].push_back(e.enrollment);
  for (auto& [reason, keys] : exits) {
    const auto r = ui.mutable_session.record(EndEnrollments{std::move(keys), reason, m_now});
    changed = changed || r.ok;
  }
  return changed;
}

const Schedule& SequenceRuntime::tick(Ui& ui) {
  ScheduleOptions options;
  options.horizon = end_of_today(ui, m_now);
  return m_cache.tick(ui.session.workspace(), ui.session.revision(), m_now, options);
}

void SequenceRuntime::recompute(Ui& ui) {
  const Workspace& ws = ui.session.workspace();
  ++m_generation;
  const Schedule& schedule = tick(ui);

  // What depends on the workspace alone is counted once per revision, not every minute.
  if (ui.session.revision() != m_revision || m_base.empty()) {
    std::map<std::string, Numbers> base;
    for (const auto& e : ws.enrollments) {
      auto& n = base[e.sequence];
      ++n.enrolled;
      if (e.ended_at == 0) ++n.running;
    }
    for (const auto& rec : ws.touches) {
      if (rec.outcome == TouchOutcome::snoozed) continue;
      // The key starts with the sequence id: "<sequence>/<lead>/<ms>/<step>".
      const auto slash = rec.key.find('/');
      if (slash != std::string::npos) ++base[rec.key.substr(0, slash)].handled;
    }
    m_base.assign(base.begin(), base.end());
  }
  m_revision = ui.session.revision();
  std::map<std::string, Numbers> numbers(m_base.begin(), m_base.end());
  for (const auto& t : schedule.due) ++numbers[t.sequence].due;
  for (const auto& t : schedule.upcoming) ++numbers[t.sequence].later;
  for (const auto& h : schedule.held) ++numbers[h.touch.sequence].held;
  m_numbers.assign(numbers.begin(), numbers.end());
}

}  // namespace nurture::ui
