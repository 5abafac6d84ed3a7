#include "core/metrics/nurture_effect.hpp"

#include <algorithm>
#include <cmath>
#include <span>
#include <vector>

#include "core/metrics/step_metrics.hpp"

namespace nurture::metrics {

Interval wilson_interval(std::uint64_t successes, std::uint64_t trials, double z) {
  const auto n = static_cast<double>(trials);
  const double p = static_cast<double>(successes) / n;
  const double z2 = z * z;
  const double denom = 1 + z2 / n;
  const double centre = (p + z2 / (2 * n)) / denom;
  const double half = z / denom * std::sqrt(p * (1 - p) / n + z2 / (4 * n * n));
  return {std::max(0.0, centre - half), std::min(1.0, centre + half)};
}

std::optional<Interval> newcombe_difference(std::uint64_t s1, std::uint64_t n1, std::uint64_t s2,
                                            std::uint64_t n2, double z) {
  if (n1 == 0 || n2 == 0) return std::nullopt;
  const double p1 = static_cast<double>(s1) / static_cast<double>(n1);
  const double p2 = static_cast<double>(s2) / static_cast<double>(n2);
  const Interval a = wilson_interval(s1, n1, z);
  const Interval b = wilson_interval(s2, n2, z);
  const double d = p1 - p2;
  return Interval{d - std::sqrt((p1 - a.low) * (p1 - a.low) + (b.high - p2) * (b.high - p2)),
                  d + std::sqrt((a.high - p1) * (a.high - p1) + (p2 - b.low) * (p2 - b.low))};
}

namespace {

// Rates, difference and interval from the four counts.
void finish(NurtureEffect& out) {
  if (out.nurtured > 0)
    out.nurtured_rate = static_cast<double>(out.nurtured_booked) / static_cast<double>(out.nurtured);
  if (out.not_nurtured > 0)
    out.not_nurtured_rate =
        static_cast<double>(out.not_nurtured_booked) / static_cast<double>(out.not_nurtured);
  if (out.nurtured_rate && out.not_nurtured_rate)
    out.difference = *out.nurtured_rate - *out.not_nurtured_rate;
  out.difference_ci95 = newcombe_difference(out.nurtured_booked, out.nurtured, out.not_nurtured_booked,
                                            out.not_nurtured, k_z95);
}

void count(NurtureEffect& out, bool nurtured, bool booked) {
  if (nurtured) {
    ++out.nurtured;
    out.nurtured_booked += booked ? 1U : 0U;
  } else {
    ++out.not_nurtured;
    out.not_nurtured_booked += booked ? 1U : 0U;
  }
}

// The cached path: per lead, three binary searches in its own sorted times (events, bookings,
// touches), in row order, so no per-row arrays and no pass over the period's events.
NurtureEffect cached_nurture_effect(const Workspace& ws, const segment::LeadSet& leads,
                                    const MetricsRange& range, const MetricsCache& cache) {
  NurtureEffect out;
  // The first time in `times` at or after `from`, if it is before `to`.
  const auto first_in = [](std::span<const UnixMillis> times, UnixMillis from,
                           UnixMillis to) -> const UnixMillis* {
    const auto it = std::lower_bound(times.begin(), times.end(), from);
    return it != times.end() && *it < to ? &*it : nullptr;
  };
  const std::vector<UnixMillis>& last_event = cache.last_event();
  const std::vector<UnixMillis>& last_touch = cache.last_touch();
  leads.for_each([&](std::uint32_t row) {
    const UnixMillis c = ws.leads.created_at(row);
    // The latest event and touch, read in row order, settle most leads without a search in
    // their lists (a latest time inside the window is a hit, one before it a miss).
    bool active = c >= range.from && c < range.to;
    const UnixMillis le = last_event[row];
    if (!active && le >= range.from)
      active = le < range.to || first_in(cache.event_times(row), range.from, range.to) != nullptr;
    if (!active) return;
    const UnixMillis* booked = first_in(cache.booking_times(row), range.from, range.to);
    const UnixMillis lo = booked != nullptr ? *booked - k_nurture_lookback_ms : range.from;
    const UnixMillis hi = booked != nullptr ? *booked : range.to;
    const UnixMillis lt = last_touch[row];
    const bool nurtured = lt >= lo && (lt < hi || first_in(cache.touch_times(row), lo, hi) != nullptr);
    count(out, nurtured, booked != nullptr);
  });
  finish(out);
  return out;
}

}  // namespace

NurtureEffect compute_nurture_effect(const Workspace& ws, const segment::LeadSet& leads,
                                     const MetricsRange& range, MetricsCache* cache) {
  if (cache != nullptr) {
    cache->refresh(ws);
    return cached_nurture_effect(ws, leads, range, *cache);
  }
  const std::size_t rows = ws.leads.rows();
  constexpr UnixMillis k_none = INT64_MAX;
  std::vector<std::uint8_t> active(rows, 0);
  std::vector<UnixMillis> booked_at(rows, k_none);  // first booking in the range
  leads.for_each([&](std::uint32_t row) {
    const UnixMillis c = ws.leads.created_at(row);
    if (c >= range.from && c < range.to) active[row] = 1;
  });
  const UnixMillis since = range.from - k_nurture_lookback_ms;
  const auto [begin, end] = ws.events.time_range(range.from, range.to);
  // One lookup per lead id run: consecutive events of the same lead skip the hash.
  std::uint64_t last_id = 0;
  std::optional<std::uint32_t> last_row;
  for (std::uint32_t pos = begin; pos < end; ++pos) {
    if (ws.events.is_deleted(pos)) continue;
    const LeadId id = ws.events.lead(pos);
    if (id.value != last_id || pos == begin) {
      last_id = id.value;
      last_row = ws.leads.find(id);
    }
    if (!last_row || !leads.contains(*last_row)) continue;
    active[*last_row] = 1;
    if (ws.events.type(pos) == EventType::appointment_booked && booked_at[*last_row] == k_none)
      booked_at[*last_row] = ws.events.at(pos);
  }
  // A touch at `t` of an active row makes it nurtured when it falls in the row's look-back:
  // before its first booking in the range when it booked, else in the range.
  std::vector<std::uint8_t> nurtured(rows, 0);
  const auto touch = [&](std::uint32_t row, UnixMillis t) {
    if (active[row] == 0) return;
    const bool booked = booked_at[row] != k_none;
    const UnixMillis lo = booked ? booked_at[row] - k_nurture_lookback_ms : range.from;
    const UnixMillis hi = booked ? booked_at[row] : range.to;
    if (t >= lo && t < hi) nurtured[row] = 1;
  };
  for (const auto& t : ws.touches) {
    if (!is_send(t.outcome) || t.at < since || t.at >= range.to) continue;
    TouchKeyParts parts;
    if (split_touch_key(ws.leads, t.key, parts)) touch(parts.row, t.at);
  }
  for (const EventType type : {EventType::email_sent, EventType::text_sent}) {
    for (const std::uint32_t pos : ws.events.of_type(type, since, range.to)) {
      if (const auto row = ws.leads.find(ws.events.lead(pos))) touch(*row, ws.events.at(pos));
    }
  }
  NurtureEffect out;
  for (std::uint32_t row = 0; row < rows; ++row) {
    if (active[row] != 0) count(out, nurtured[row] != 0, booked_at[row] != k_none);
  }
  finish(out);
  return out;
}

}  // namespace nurture::metrics
