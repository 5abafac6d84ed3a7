#include "core/metrics/trends.hpp"

#include <algorithm>
#include <limits>

#include "core/metrics/local_calendar.hpp"

namespace nurture::metrics {

namespace {

// Local midnight starting `day` (days since 1970-01-01).
UnixMillis day_start(const TimeZone* zone, std::int64_t day) {
  if (zone == nullptr) return day * k_day_ms;
  return from_local(*zone, civil_from_days(day), 0);
}

}  // namespace

TrendGrain trend_grain(const MetricsRange& range) {
  return range.to - range.from <= 31 * k_day_ms ? TrendGrain::day : TrendGrain::week;
}

std::vector<TrendBucket> trend_buckets(const TimeZone* zone, const MetricsRange& range, TrendGrain grain) {
  std::vector<TrendBucket> out;
  if (range.from >= range.to) return out;
  const LocalCalendar cal(zone);
  std::int64_t day = cal.day_of(range.from);
  if (grain == TrendGrain::week) day -= weekday_of(civil_from_days(day));  // back to Monday
  const std::int64_t step = grain == TrendGrain::week ? 7 : 1;
  UnixMillis from = range.from;
  while (from < range.to) {
    const std::int64_t next = day + step;
    const UnixMillis to = std::min(range.to, day_start(zone, next));
    // A bucket that would be empty (a clock change right at the cut) is skipped.
    if (to > from) out.push_back(TrendBucket{from, to, std::max(day, cal.day_of(from))});
    from = std::max(from, to);
    day = next;
  }
  return out;
}

std::vector<TrendPoint> conversion_trend(const Workspace& ws, const segment::LeadSet& leads,
                                         const MetricsRange& range, const std::vector<TrendBucket>& buckets,
                                         MetricsCache* cache) {
  std::vector<TrendPoint> out(buckets.size());
  for (std::size_t i = 0; i < buckets.size(); ++i) out[i].bucket = buckets[i];
  if (buckets.empty()) return out;
  const auto bucket_of = [&](UnixMillis at) -> std::optional<std::size_t> {
    if (at < buckets.front().from || at >= buckets.back().to) return std::nullopt;
    const auto it = std::upper_bound(buckets.begin(), buckets.end(), at,
                                     [](UnixMillis t, const TrendBucket& b) { return t < b.from; });
    return static_cast<std::size_t>(it - buckets.begin()) - 1;
  };
  const LeadStore& store = ws.leads;
  // Per lead row, the bucket it was created in (none: not counted as new).
  constexpr std::uint32_t k_none = std::numeric_limits<std::uint32_t>::max();
  std::vector<std::uint32_t> created_bucket(store.rows(), k_none);
  leads.for_each([&](std::uint32_t row) {
    if (const auto b = bucket_of(store.created_at(row))) {
      created_bucket[row] = static_cast<std::uint32_t>(*b);
      ++out[*b].new_leads;
    }
  });
  std::vector<bool> converted(store.rows(), false);
  // Bookings in time order, each counted in its bucket and converting its lead's creation bucket.
  const auto booking = [&](std::uint32_t row, UnixMillis at) {
    if (!leads.contains(row)) return;
    if (const auto b = bucket_of(at)) ++out[*b].bookings;
    const std::uint32_t cb = created_bucket[row];
    if (cb != k_none && !converted[row] && at >= store.created_at(row)) {
      converted[row] = true;
      ++out[cb].converted;
    }
  };
  if (cache != nullptr) {
    // The cache's index already holds each booking's lead row: no lookup per event.
    cache->refresh(ws);
    const auto& index = cache->of_type(EventType::appointment_booked);
    const auto [first, last] = cache->type_range(EventType::appointment_booked, INT64_MIN, range.to);
    for (std::size_t i = first; i < last; ++i) booking(index.row[i], index.at[i]);
  } else {
    for (const std::uint32_t pos : ws.events.of_type(EventType::appointment_booked, INT64_MIN, range.to)) {
      const auto row = store.find(ws.events.lead(pos));
      if (row) booking(*row, ws.events.at(pos));
    }
  }
  for (TrendPoint& p : out)
    if (p.new_leads > 0)
      p.conversion_rate = static_cast<double>(p.converted) / static_cast<double>(p.new_leads);
  return out;
}

std::vector<std::vector<SequenceFigures>> step_trend(const Workspace& ws, const segment::LeadSet& leads,
                                                     const std::vector<TrendBucket>& buckets,
                                                     MetricsCache* cache) {
  std::vector<std::vector<SequenceFigures>> out;
  out.reserve(buckets.size());
  for (const TrendBucket& b : buckets)
    out.push_back(compute_step_metrics(ws, leads, MetricsRange{b.from, b.to}, cache));
  return out;
}

std::vector<bool> keep_rows(const segment::LeadSet& leads, std::size_t rows) {
  std::vector<bool> out(rows, false);
  leads.for_each([&](std::uint32_t row) {
    if (row < rows) out[row] = true;
  });
  return out;
}

}  // namespace nurture::metrics
