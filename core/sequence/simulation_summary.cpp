#include "core/sequence/simulation_summary.hpp"

#include <algorithm>
#include <map>

#include "core/util/time_units.hpp"
#include "core/util/time_zone.hpp"

namespace nurture {

std::int64_t practice_day(const Workspace& ws, UnixMillis t) {
  if (const TimeZone* z = find_time_zone(ws.practice.time_zone)) return days_from_civil(to_local(*z, t).date);
  return t / k_day_ms - ((t % k_day_ms) < 0 ? 1 : 0);
}

SimulationSummary summarize(const Workspace& ws, const Simulation& sim) {
  SimulationSummary out;
  if (sim.to > sim.from) {
    const std::int64_t first = practice_day(ws, sim.from);
    const std::int64_t last = practice_day(ws, sim.to - 1);
    for (std::int64_t d = first; d <= last; ++d) out.days.push_back(d);
  }
  out.per_day.assign(out.days.size(), ChannelCounts{});
  std::map<std::string, SequenceForecast> by_id;
  const auto forecast = [&](const std::string& id) -> SequenceForecast& {
    SequenceForecast& f = by_id[id];
    if (f.id.empty()) {
      f.id = id;
      if (const Sequence* s = find_item(ws.sequences, id)) f.name = s->name;
    }
    return f;
  };
  for (const SimulatedCount& c : sim.counts) {
    const auto ch = static_cast<std::size_t>(c.channel);
    const auto it = std::lower_bound(out.days.begin(), out.days.end(), c.day);
    if (it != out.days.end() && *it == c.day)
      out.per_day[static_cast<std::size_t>(it - out.days.begin())][ch] += c.touches;
    SequenceForecast& f = forecast(c.sequence);
    f.touches[ch] += c.touches;
    f.total += c.touches;
    out.touches[ch] += c.touches;
    out.total += c.touches;
  }
  for (const SimulatedTouch& t : sim.touches) forecast(t.touch.sequence).projected_bookings += t.booking_rate;
  for (const Enrollment& e : sim.enrolled) ++forecast(e.sequence).enrolled;
  for (const EnrollmentExit& x : sim.exits) {
    // The enrolment key starts with "<sequence id>/".
    SequenceForecast& f = forecast(x.enrollment.substr(0, x.enrollment.find('/')));
    if (x.reason == "finished")
      ++f.finished;
    else
      ++f.goals;
  }
  for (const HeldTouch& h : sim.stuck) ++forecast(h.touch.sequence).stuck;
  for (auto& [id, f] : by_id) out.sequences.push_back(std::move(f));
  std::stable_sort(out.sequences.begin(), out.sequences.end(),
                   [](const SequenceForecast& a, const SequenceForecast& b) {
                     return a.total != b.total ? a.total > b.total : a.name < b.name;
                   });
  for (const ChannelCounts& d : out.per_day) {
    std::uint32_t sum = 0;
    for (const std::uint32_t n : d) sum += n;
    out.peak = std::max(out.peak, sum);
  }
  return out;
}

}  // namespace nurture
