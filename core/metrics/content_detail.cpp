#include "core/metrics/content_detail.hpp"

#include <algorithm>

#include "core/util/time_units.hpp"

namespace nurture {

namespace {

struct ContentView {
  std::uint32_t row = 0;
  std::uint32_t seconds = 0;
};

// The figures of one stage's views (sorted by row here).
EngagementFigures figures_of(std::vector<ContentView>& views, std::uint16_t minutes) {
  EngagementFigures f;
  std::sort(views.begin(), views.end(),
            [](const ContentView& a, const ContentView& b) { return a.row < b.row; });
  std::vector<std::uint32_t> seconds;
  seconds.reserve(views.size());
  for (std::size_t i = 0; i < views.size(); ++i) {
    ++f.views;
    if (i == 0 || views[i].row != views[i - 1].row) ++f.unique_leads;
    f.total_seconds += views[i].seconds;
    seconds.push_back(views[i].seconds);
    if (minutes > 0) {
      ++f.timed_views;
      // seconds >= 0.8 * minutes * 60, in integers (as engagement.cpp).
      if (std::int64_t{5} * views[i].seconds >= std::int64_t{240} * minutes) ++f.completed;
    }
  }
  std::sort(seconds.begin(), seconds.end());
  const std::size_t n = seconds.size();
  if (n > 0) {
    f.median_seconds =
        n % 2 == 1 ? static_cast<double>(seconds[n / 2])
                   : (static_cast<double>(seconds[n / 2 - 1]) + static_cast<double>(seconds[n / 2])) / 2.0;
  }
  f.completion_rate =
      f.timed_views == 0 ? 0.0 : static_cast<double>(f.completed) / static_cast<double>(f.timed_views);
  return f;
}

}  // namespace

ContentDetail content_detail(const Workspace& ws, std::string_view content, UnixMillis from, UnixMillis to,
                             std::size_t weeks) {
  ContentDetail out;
  out.weekly_views.assign(weeks, 0);
  const ContentItem* item = nullptr;
  for (const ContentItem& c : ws.content) {
    if (!c.deleted && c.id == content) item = &c;
  }
  if (item == nullptr || content.empty() || from >= to) return out;
  const std::uint32_t code = ws.events.content_dictionary().find(content);
  if (code == Dictionary::k_missing || code == 0) return out;
  std::array<std::vector<ContentView>, k_stage_count> by_stage;
  const UnixMillis first_week = to - static_cast<UnixMillis>(weeks) * k_week_ms;
  for (const std::uint32_t pos : ws.events.of_type(EventType::content_viewed, from, to)) {
    if (ws.events.content_code(pos) != code) continue;
    const auto row = ws.leads.find(ws.events.lead(pos));
    if (!row) continue;
    const UnixMillis at = ws.events.at(pos);
    if (at >= first_week) ++out.weekly_views[static_cast<std::size_t>((at - first_week) / k_week_ms)];
    by_stage[static_cast<std::size_t>(ws.leads.stage(*row))].push_back({*row, ws.events.seconds(pos)});
  }
  for (std::size_t s = 0; s < k_stage_count; ++s)
    out.by_viewer_stage[s] = figures_of(by_stage[s], item->minutes);
  return out;
}

}  // namespace nurture
