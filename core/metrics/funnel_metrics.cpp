#include "core/metrics/funnel_metrics.hpp"

#include <algorithm>
#include <span>

namespace nurture::metrics {

std::vector<StageChange> stage_path(const Lead& lead) {
  std::vector<StageChange> path = lead.stage_history;
  if (path.empty()) path.push_back({lead.stage, lead.created_at});
  std::stable_sort(path.begin(), path.end(),
                   [](const StageChange& a, const StageChange& b) { return a.at < b.at; });
  return path;
}

std::optional<double> median(std::vector<double>& values) {
  if (values.empty()) return std::nullopt;
  const std::size_t mid = values.size() / 2;
  std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(mid), values.end());
  const double upper = values[mid];
  if (values.size() % 2 == 1) return upper;
  const double lower = *std::max_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(mid));
  return (lower + upper) / 2;
}

FunnelFigures compute_funnel(const Workspace& ws, const segment::LeadSet& leads, const MetricsRange& range,
                             MetricsCache* cache) {
  if (cache != nullptr) cache->refresh(ws);
  FunnelFigures out;
  std::array<std::vector<double>, k_stage_count> stays;
  std::vector<double> to_conversion;
  constexpr UnixMillis k_never = INT64_MAX;
  const auto days = [](UnixMillis ms) { return static_cast<double>(ms) / static_cast<double>(k_day_ms); };
  // One Lead reused for every row: only the stage field (stage + history) and created_at are read.
  // With a cache, the paths are already sorted there.
  Lead lead;
  std::vector<StageChange> own;
  leads.for_each([&](std::uint32_t row) {
    std::span<const StageChange> path;
    if (cache != nullptr) {
      path = cache->path_of(row);
      if (path.empty()) return;  // not a row of this workspace
    } else {
      ws.leads.read(row, LeadField::stage, lead);
      lead.created_at = ws.leads.created_at(row);
      own = stage_path(lead);
      path = own;
    }
    // Most leads have no change in the period. A path wholly before `from` only puts the lead at
    // its last stage at the start (nothing reached, converted or ended in the period); a path
    // wholly after it counts nowhere.
    if (path.back().at < range.from) {
      StageFigures& f = out.stages[static_cast<std::size_t>(path.back().stage)];
      ++f.at_start;
      ++f.cohort;
      return;
    }
    if (path.front().at >= range.to) return;
    // arrival[k]: the first time the lead stood at stage k or later (the funnel is monotone).
    std::array<UnixMillis, k_stage_count> arrival{};
    arrival.fill(k_never);
    std::optional<std::size_t> at_from;  // stage at `from`: the latest change before it
    for (const auto& c : path) {
      const auto s = static_cast<std::size_t>(c.stage);
      for (std::size_t k = 0; k <= s; ++k) arrival[k] = std::min(arrival[k], c.at);
      if (c.at < range.from) at_from = s;
    }
    for (std::size_t k = 0; k < k_stage_count; ++k) {
      StageFigures& f = out.stages[k];
      const bool reached = arrival[k] >= range.from && arrival[k] < range.to;
      const bool started = at_from == k;
      if (reached) ++f.reached;
      if (started) ++f.at_start;
      if (!reached && !started) continue;
      ++f.cohort;
      if (k + 1 == k_stage_count) continue;
      const UnixMillis since = started ? range.from : arrival[k];
      const bool moved_on = std::any_of(path.begin(), path.end(), [&](const StageChange& c) {
        return static_cast<std::size_t>(c.stage) > k && c.at >= since && c.at < range.to;
      });
      if (moved_on) ++f.converted;
    }
    // Stays: from one change to the next change to another stage, counted when that next
    // change falls in the period.
    for (std::size_t i = 0; i < path.size(); ++i) {
      std::size_t j = i + 1;
      while (j < path.size() && path[j].stage == path[i].stage) ++j;
      if (i > 0 && path[i - 1].stage == path[i].stage) continue;  // inside a stay already counted
      if (j == path.size()) break;
      if (path[j].at >= range.from && path[j].at < range.to)
        stays[static_cast<std::size_t>(path[i].stage)].push_back(days(path[j].at - path[i].at));
    }
    const auto conv = static_cast<std::size_t>(Stage::conversion);
    if (arrival[conv] >= range.from && arrival[conv] < range.to)
      to_conversion.push_back(days(arrival[conv] - path.front().at));
  });
  for (std::size_t k = 0; k < k_stage_count; ++k) {
    StageFigures& f = out.stages[k];
    if (k + 1 < k_stage_count) f.dropped = f.cohort - f.converted;
    if (k + 1 < k_stage_count && f.cohort > 0)
      f.conversion_rate = static_cast<double>(f.converted) / static_cast<double>(f.cohort);
    f.stays_ended = stays[k].size();
    f.median_days_in_stage = median(stays[k]);
  }
  out.conversions = to_conversion.size();
  out.median_days_to_conversion = median(to_conversion);
  return out;
}

}  // namespace nurture::metrics
