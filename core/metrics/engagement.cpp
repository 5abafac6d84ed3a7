#include "core/metrics/engagement.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace nurture {

namespace {

constexpr std::uint32_t k_no_item = 0xFFFFFFFFu;

// One view of the range: its bucket is its report item, or the number of items for views of
// content that is not a live item.
struct View {
  std::uint32_t bucket = 0;
  std::uint32_t row = 0;
  std::uint32_t seconds = 0;
  bool timed = false;
  bool completed = false;
};

// The views bucketed by item (a counting sort: linear, no comparison sort per figure), and the
// figures of any union of buckets: distinct leads through a per-row stamp, the median through a
// histogram.
class Summary {
 public:
  Summary(const std::vector<View>& views, std::size_t buckets, std::size_t rows)
      : m_offsets(buckets + 1, 0), m_seen(rows, 0) {
    for (const View& v : views) ++m_offsets[v.bucket + 1];
    for (std::size_t b = 0; b < buckets; ++b) m_offsets[b + 1] += m_offsets[b];
    m_views.resize(views.size());
    std::vector<std::uint32_t> next(m_offsets.begin(), m_offsets.end() - 1);
    for (const View& v : views) m_views[next[v.bucket]++] = v;
  }

  EngagementFigures figures(const std::vector<std::uint32_t>& buckets) {
    EngagementFigures f;
    ++m_stamp;
    m_big.clear();
    for (const std::uint32_t b : buckets) {
      for (std::uint32_t i = m_offsets[b]; i < m_offsets[b + 1]; ++i) {
        const View& v = m_views[i];
        ++f.views;
        if (v.row < m_seen.size() && m_seen[v.row] != m_stamp) {
          m_seen[v.row] = m_stamp;
          ++f.unique_leads;
        }
        f.total_seconds += v.seconds;
        if (v.timed) ++f.timed_views;
        if (v.completed) ++f.completed;
        if (v.seconds < k_histogram) {
          ++m_histogram[v.seconds];
        } else {
          m_big.push_back(v.seconds);
        }
      }
    }
    // The median from a histogram of the seconds (views last less than an hour or so; longer
    // ones are sorted apart): the middle value, or the mean of the two middle ones.
    if (f.views > 0) {
      std::sort(m_big.begin(), m_big.end());
      const std::uint64_t small = f.views - m_big.size();
      const auto kth = [&](std::uint64_t k) -> double {
        if (k >= small) return static_cast<double>(m_big[static_cast<std::size_t>(k - small)]);
        std::uint64_t seen = 0;
        for (std::uint32_t s = 0;; ++s) {
          seen += m_histogram[s];
          if (seen > k) return static_cast<double>(s);
        }
      };
      const std::uint64_t mid = f.views / 2;
      const double upper = kth(mid);
      f.median_seconds = f.views % 2 == 1 ? upper : (kth(mid - 1) + upper) / 2.0;
      std::fill(m_histogram.begin(), m_histogram.end(), 0U);
    }
    f.completion_rate =
        f.timed_views == 0 ? 0.0 : static_cast<double>(f.completed) / static_cast<double>(f.timed_views);
    return f;
  }

 private:
  std::vector<View> m_views;
  std::vector<std::uint32_t> m_offsets;
  std::vector<std::uint32_t> m_seen;
  std::uint32_t m_stamp = 0;
  static constexpr std::uint32_t k_histogram = 4096;
  std::vector<std::uint32_t> m_histogram = std::vector<std::uint32_t>(k_histogram, 0U);
  std::vector<std::uint32_t> m_big;
};

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

  // Content dictionary code -> report item (k_no_item: not a live item).
  const Dictionary& dict = ws.events.content_dictionary();
  std::vector<std::uint32_t> code_item(dict.size(), k_no_item);
  for (std::uint32_t k = 0; k < report.items.size(); ++k) {
    const std::uint32_t code = dict.find(ws.content[report.items[k].item].id);
    // The first live item with an id wins (ids are unique among live items anyway).
    if (code != Dictionary::k_missing && code != 0 && code_item[code] == k_no_item) code_item[code] = k;
  }

  const auto n_items = static_cast<std::uint32_t>(report.items.size());
  const std::size_t n_treat = report.by_treatment.size();

  std::vector<View> views;
  const auto add_view = [&](std::uint32_t row, std::uint32_t pos) {
    if (keep_rows != nullptr && (row >= keep_rows->size() || !(*keep_rows)[row])) return;
    const std::uint32_t secs = ws.events.seconds(pos);
    const std::uint32_t code = ws.events.content_code(pos);
    const std::uint32_t k = code < code_item.size() ? code_item[code] : k_no_item;
    if (k == k_no_item) {
      views.push_back(View{n_items, row, secs, false, false});
      return;
    }
    const ContentItem& item = ws.content[report.items[k].item];
    const bool timed = item.minutes > 0;
    // seconds >= 0.8 * minutes * 60  <=>  5 * seconds >= 240 * minutes, in integers.
    const bool completed = timed && std::int64_t{5} * secs >= std::int64_t{240} * item.minutes;
    views.push_back(View{k, row, secs, timed, completed});
  };
  if (cache != nullptr) {
    // The per-type index already holds each view's row: no lead lookups.
    cache->refresh(ws);
    const auto& index = cache->of_type(EventType::content_viewed);
    const auto [first, last] = cache->type_range(EventType::content_viewed, from, to);
    views.reserve(last - first);
    for (std::size_t i = first; i < last; ++i) add_view(index.row[i], index.pos[i]);
  } else {
    const std::vector<std::uint32_t> positions = ws.events.of_type(EventType::content_viewed, from, to);
    views.reserve(positions.size());
    for (const std::uint32_t pos : positions) {
      if (const auto row = ws.leads.find(ws.events.lead(pos))) add_view(*row, pos);
    }
  }

  // Groups as unions of item buckets: each item, each stage, each treatment, unknown, all.
  Summary summary(views, n_items + std::size_t{1}, ws.leads.rows());
  std::array<std::vector<std::uint32_t>, k_stage_count> stage_items;
  std::vector<std::vector<std::uint32_t>> treatment_items(n_treat);
  std::vector<std::uint32_t> all_items;
  for (std::uint32_t k = 0; k < n_items; ++k) {
    report.items[k].figures = summary.figures({k});
    stage_items[static_cast<std::size_t>(ws.content[report.items[k].item].stage)].push_back(k);
    treatment_items[item_treatment[k]].push_back(k);
    all_items.push_back(k);
  }
  all_items.push_back(n_items);
  for (std::size_t st = 0; st < k_stage_count; ++st) report.by_stage[st] = summary.figures(stage_items[st]);
  for (std::size_t t = 0; t < n_treat; ++t)
    report.by_treatment[t].figures = summary.figures(treatment_items[t]);
  report.unknown_content = summary.figures({n_items});
  report.all = summary.figures(all_items);
  return report;
}

}  // namespace nurture
