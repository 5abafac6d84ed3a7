#include "core/demo/demo_history.hpp"

#include <algorithm>

#include "core/util/time_units.hpp"

namespace nurture::demo {

std::size_t History::enrol(std::string_view sequence, LeadId lead, UnixMillis at, std::string reason) {
  Enrollment e;
  e.key = enrollment_key(sequence, lead, at);
  e.sequence = std::string(sequence);
  e.lead = lead;
  e.enrolled_at = at;
  e.reason = std::move(reason);
  e.stamp = m_stamp;
  m_enrollments.push_back(std::move(e));
  return m_enrollments.size() - 1;
}

void History::touch(std::size_t index, std::string_view step, TouchOutcome outcome, UnixMillis at) {
  m_touches.push_back({touch_key(m_enrollments[index].key, step), outcome, at, 0, m_stamp});
}

void History::end(std::size_t index, UnixMillis at, std::string reason) {
  m_enrollments[index].ended_at = std::max<UnixMillis>(at, 1);
  m_enrollments[index].end_reason = std::move(reason);
}

void History::put_into(Workspace& ws) {
  std::sort(m_enrollments.begin(), m_enrollments.end(),
            [](const Enrollment& a, const Enrollment& b) { return a.key < b.key; });
  std::sort(m_touches.begin(), m_touches.end(),
            [](const TouchRecord& a, const TouchRecord& b) { return a.key < b.key; });
  ws.enrollments = std::move(m_enrollments);
  ws.touches = std::move(m_touches);
  m_enrollments.clear();
  m_touches.clear();
}

UnixMillis next_in_window(UnixMillis at, int start_hour, int end_hour, bool weekdays_only,
                          std::int64_t offset_hours) {
  const UnixMillis local = at - offset_hours * k_hour_ms;
  std::int64_t day = floor_div(local, k_day_ms);
  const UnixMillis into = local - day * k_day_ms;
  const auto allowed = [&](std::int64_t d) {
    const std::int64_t weekday = ((d + 3) % 7 + 7) % 7;  // 1970-01-01 was a Thursday; Monday is 0
    return !weekdays_only || weekday < 5;
  };
  UnixMillis local_out = 0;
  if (allowed(day) && into >= start_hour * k_hour_ms && into < end_hour * k_hour_ms) {
    local_out = local;
  } else {
    if (into >= start_hour * k_hour_ms) ++day;  // today's window has passed
    while (!allowed(day)) ++day;
    local_out = day * k_day_ms + start_hour * k_hour_ms;
  }
  return local_out + offset_hours * k_hour_ms;
}

UnixMillis next_at_hour(UnixMillis at, int hour, std::int64_t offset_hours) {
  const UnixMillis local = at - offset_hours * k_hour_ms;
  std::int64_t day = floor_div(local, k_day_ms);
  if (local > day * k_day_ms + hour * k_hour_ms) ++day;
  return day * k_day_ms + hour * k_hour_ms + offset_hours * k_hour_ms;
}

}  // namespace nurture::demo
