#include "core/metrics/engagement.hpp"

#include <algorithm>
#include <utility>

namespace nurture {

namespace {

constexpr std::uint32_t k_none = 0xFFFFFFFFu;

// One view, keyed by the group it counts in; sorted per figure so that no strings or hash maps
// are touched per event.
struct Sample {
  std::uint32_t group = 0;
  std::uint32_t row = 0;
  std::uint32_t seconds = 0;
  bool timed = false;
  bool completed = false;
};

double median_of_sorted(const std::vector<std::uint32_t>& v, std::size_t begin, std::size_t end) {
  const std::size_t n = end - begin;
  if (n == 0) return 0;
  const std::size_t mid = begin + n / 2;
  if (n % 2 == 1) return static_cast<double>(v[mid]);
  return (static_cast<double>(v[mid - 1]) + static_cast<double>(v[mid])) / 2.0;
}

// Fills figures[g] for every group g from the samples (reorders them).
void summarise(std::vector<Sample>& samples, std::vector<EngagementFigures>& figures) {
  std::sort(samples.begin(), samples.end(), [](const Sample& a, const Sample& b) {
    return a.group != b.group ? a.group < b.group : a.row < b.row;
  });
  std::vector<std::uint32_t> seconds;
  std::size_t i = 0;
  while (i < samples.size()) {
    const std::uint32_t g = samples[i].group;
    EngagementFigures& f = figures[g];
    seconds.clear();
    std::uint32_t last_row = k_none;
    for (; i < samples.size() && samples[i].group == g; ++i) {
      const Sample& s = samples[i];
      ++f.views;
      if (s.row != last_row) ++f.unique_leads;
      last_row = s.row;
      f.total_seconds += s.seconds;
      if (s.timed) ++f.timed_views;
      if (s.completed) ++f.completed;
      seconds.push_back(s.seconds);
    }
    std::sort(seconds.begin(), seconds.end());
    f.median_seconds = median_of_sorted(seconds, 0, seconds.size());
    f.completion_rate =
        f.timed_views == 0 ? 0.0 : static_cast<double>(f.completed) / static_cast<double>(f.timed_views);
  }
}

}  // namespace

EngagementReport engagement_metrics(const Workspace& ws, UnixMillis from, UnixMillis to,
                                    const std::vector<bool>* keep_rows, metrics::MetricsCache* cache) {
  EngagementReport report;
  // Live items, and the treatments they name (few: string work here is per item, not per event).
  std::vector<std::uint32_t> item_treatment;  // per report item: index into by_treatment
  for (std::uint32_t i = 0; i < ws.content.size(); ++i) {
    const ContentItem& c = ws.content[i];
    if (c.deleted) continue;
    ContentEngagement ce;
    ce.item = i;
    for (std::uint32_t s = 0; s < ws.sequences.size(); ++s) {
      const Sequence& seq = ws.sequences[s];
      if (seq.deleted) continue;
      const bool links = std::any_of(seq.steps.begin(), seq.steps.end(), [&](const Step& st) {
        return st.kind == StepKind::message && !c.id.empty() && st.message.content == c.id;
      });
      if (links) ce.sequences.push_back(s);
    }
    report.items.push_back(std::move(ce));
    std::uint32_t t = 0;
    while (t < report.by_treatment.size() && report.by_treatment[t].treatment != c.treatment) ++t;
    if (t == report.by_treatment.size()) report.by_treatment.push_back({c.treatment, {}});
    item_treatment.push_back(t);
  }

  // Content dictionary code -> report item (k_none: not a live item).
  const Dictionary& dict = ws.events.content_dictionary();
  std::vector<std::uint32_t> code_item(dict.size(), k_none);
  for (std::uint32_t k = 0; k < report.items.size(); ++k) {
    const std::uint32_t code = dict.find(ws.content[report.items[k].item].id);
    // The first live item with an id wins (ids are unique among live items anyway).
    if (code != Dictionary::k_missing && code != 0 && code_item[code] == k_none) code_item[code] = k;
  }

  const std::size_t n_items = report.items.size();
  const std::size_t n_treat = report.by_treatment.size();
  // Groups: items [0, n_items), stages, treatments, unknown, all.
  const auto stage_group = static_cast<std::uint32_t>(n_items);
  const auto treat_group = static_cast<std::uint32_t>(n_items + k_stage_count);
  const auto unknown_group = static_cast<std::uint32_t>(n_items + k_stage_count + n_treat);
  const std::uint32_t all_group = unknown_group + 1;

  std::vector<Sample> samples;
  const auto add_view = [&](std::uint32_t row, std::uint32_t pos) {
    if (keep_rows != nullptr && (row >= keep_rows->size() || !(*keep_rows)[row])) return;
    const std::uint32_t secs = ws.events.seconds(pos);
    const std::uint32_t code = ws.events.content_code(pos);
    const std::uint32_t k = code < code_item.size() ? code_item[code] : k_none;
    Sample s{all_group, row, secs, false, false};
    if (k == k_none) {
      samples.push_back(s);
      s.group = unknown_group;
      samples.push_back(s);
      return;
    }
    const ContentItem& item = ws.content[report.items[k].item];
    s.timed = item.minutes > 0;
    // seconds >= 0.8 * minutes * 60  <=>  5 * seconds >= 240 * minutes, in integers.
    s.completed = s.timed && std::int64_t{5} * secs >= std::int64_t{240} * item.minutes;
    samples.push_back(s);
    s.group = k;
    samples.push_back(s);
    s.group = stage_group + static_cast<std::uint32_t>(item.stage);
    samples.push_back(s);
    s.group = treat_group + item_treatment[k];
    samples.push_back(s);
  };
  if (cache != nullptr) {
    // The per-type index already holds each view's row: no lead lookups.
    cache->refresh(ws);
    const auto& index = cache->of_type(EventType::content_viewed);
    const auto [first, last] = cache->type_range(EventType::content_viewed, from, to);
    samples.reserve((last - first) * 4);
    for (std::size_t i = first; i < last; ++i) add_view(index.row[i], index.pos[i]);
  } else {
    const std::vector<std::uint32_t> views = ws.events.of_type(EventType::content_viewed, from, to);
    samples.reserve(views.size() * 4);
    for (const std::uint32_t pos : views) {
      if (const auto row = ws.leads.find(ws.events.lead(pos))) add_view(*row, pos);
    }
  }

  std::vector<EngagementFigures> figures(all_group + 1);
  summarise(samples, figures);
  for (std::size_t k = 0; k < n_items; ++k) report.items[k].figures = figures[k];
  for (std::size_t s = 0; s < k_stage_count; ++s) report.by_stage[s] = figures[stage_group + s];
  for (std::size_t t = 0; t < n_treat; ++t) report.by_treatment[t].figures = figures[treat_group + t];
  report.unknown_content = figures[unknown_group];
  report.all = figures[all_group];
  return report;
}

}  // namespace nurture
