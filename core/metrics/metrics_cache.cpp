#include "core/metrics/metrics_cache.hpp"

#include <algorithm>
#include <cstdint>

#include "core/metrics/metrics_cache_builder.hpp"

namespace nurture::metrics {

std::pair<std::size_t, std::size_t> MetricsCache::type_range(EventType t, UnixMillis from,
                                                             UnixMillis to) const {
  const std::vector<UnixMillis>& at = of_type(t).at;
  const auto first = std::lower_bound(at.begin(), at.end(), from);
  const auto last = std::lower_bound(first, at.end(), std::max(from, to));
  return {static_cast<std::size_t>(first - at.begin()), static_cast<std::size_t>(last - at.begin())};
}

std::pair<std::size_t, std::size_t> MetricsCache::send_range(UnixMillis from, UnixMillis to) const {
  const auto first = std::lower_bound(m_send_times.begin(), m_send_times.end(), from);
  const auto last = std::lower_bound(first, m_send_times.end(), std::max(from, to));
  return {static_cast<std::size_t>(first - m_send_times.begin()),
          static_cast<std::size_t>(last - m_send_times.begin())};
}

std::span<const StageChange> MetricsCache::path_of(std::uint32_t row) const {
  if (row + std::size_t{1} >= m_path_offsets.size()) return {};
  return std::span<const StageChange>(m_paths).subspan(m_path_offsets[row],
                                                       m_path_offsets[row + 1] - m_path_offsets[row]);
}

bool MetricsCache::describes(const Workspace& ws) const {
  return m_ws == &ws && m_revision == ws.revision && m_rows == ws.leads.rows() &&
         m_events == ws.events.size() && m_touches == ws.touches.size();
}

void MetricsCache::refresh(const Workspace& ws) {
  if (describes(ws)) return;
  // The stepped build in one slice: one code path for both.
  const std::size_t builds = m_builds;
  MetricsCacheBuilder builder(ws);
  builder.step(SIZE_MAX);
  *this = builder.take();
  m_builds = builds + 1;
}

}  // namespace nurture::metrics
