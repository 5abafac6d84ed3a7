// The MetricsCache build as a sequence of passes, each resumable at any element: the event
// indexes (count, then fill), the sends (parse the touch keys, order them, attribute responses,
// compact), the three per-row time lists (count, scatter, sort each row), the stage paths and the
// visit days. Each pass does what the one-shot build did, in the same order, so the cache is the
// same whatever the slice sizes.
#include "core/metrics/metrics_cache_builder.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <optional>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include "core/metrics/funnel_metrics.hpp"
#include "core/metrics/local_calendar.hpp"
#include "core/metrics/metrics_filter.hpp"
#include "core/metrics/step_metrics.hpp"
#include "core/segment/row_of_id.hpp"

namespace nurture::metrics {

namespace {

// A send while the cache is built: its lead, channel and place in time order.
struct RowSend {
  UnixMillis at = 0;
  std::uint32_t row = 0;
  std::uint32_t index = 0;  // into MetricsCache::sends() once those are in time order
  bool email = true;
  bool text = false;
};

enum class Match : std::uint8_t { email, text, any };

// A send while the cache is built, in full.
struct FullSend {
  UnixMillis at = 0;
  std::uint32_t row = 0;
  std::uint32_t group = 0;
  std::uint8_t flags = 0;
};

struct Attributed {
  EventType type;
  Match match;
  std::uint8_t flag;
};
constexpr std::array<Attributed, 6> k_attributed = {
    Attributed{EventType::email_opened, Match::email, MetricsCache::k_opened},
    Attributed{EventType::email_clicked, Match::email, MetricsCache::k_clicked},
    Attributed{EventType::email_replied, Match::email, MetricsCache::k_replied},
    Attributed{EventType::text_replied, Match::text, MetricsCache::k_replied},
    Attributed{EventType::unsubscribed, Match::any, MetricsCache::k_unsubscribed},
    Attributed{EventType::appointment_booked, Match::any, MetricsCache::k_booked}};

constexpr std::array<EventType, 2> k_visit_types = {EventType::appointment_attended, EventType::purchase};

enum class Phase : std::uint8_t {
  live,
  count,
  index,
  parse,
  order,
  attribute,
  compact,
  events_of,
  bookings_of,
  touches_of,
  paths,
  visits,
  done
};
constexpr std::size_t k_phases = static_cast<std::size_t>(Phase::done);

// Runs body(i) for i from `cursor` up while the budget lasts and i < n; returns the units used.
template <class Body>
std::size_t run_loop(std::size_t& cursor, std::size_t n, std::size_t budget, Body&& body) {
  const std::size_t start = cursor;
  const std::size_t stop = start + std::min(budget, n - start);
  for (; cursor < stop; ++cursor) body(cursor);
  return stop - start;
}

// One source of (row, time) pairs for a per-row time list.
struct Source {
  const std::uint32_t* rows = nullptr;
  const UnixMillis* at = nullptr;
  std::size_t n = 0;
};

}  // namespace

struct MetricsCacheBuilder::Work {
  explicit Work(const Workspace& w);
  // One slice of the current phase; returns the units used (0 only when the phase ended).
  std::size_t run(std::size_t budget);
  void start(Phase p);

  void index_event(std::size_t pos);
  void parse_touch(std::size_t i);
  void order_sends();
  std::size_t attribute(std::size_t budget);
  void compact_sends();
  void start_list(std::vector<Source> sources);
  // True when the list is complete.
  bool run_list(std::size_t budget, std::size_t& used, MetricsCache::RowTimes& out);

  const Workspace& ws;
  MetricsCache cache;
  Phase phase = Phase::live;
  std::size_t cursor = 0;
  std::size_t phase_done = 0;  // units used in this phase
  std::size_t phase_size = 1;  // units this phase is expected to take
  std::array<double, k_phases> weight{};
  double total_weight = 0;

  std::optional<segment::RowOfId> rows_of;
  std::array<std::size_t, k_event_type_count> type_sizes{};

  std::vector<FullSend> all;
  std::vector<RowSend> by_row;
  std::map<std::pair<std::string_view, std::string_view>, std::uint32_t> group_of;
  std::vector<std::pair<bool, bool>> group_channel;  // (email, text)
  std::vector<std::uint32_t> send_offsets;           // rows + 1, into by_row
  std::size_t part = 0;                              // which attributed or visit type
  std::vector<std::uint32_t> send_rows;              // rows of the sends in time order

  std::vector<Source> sources;
  int list_pass = 0;  // 0 count, 1 scatter, 2 sort each row, 3 complete
  std::vector<std::uint32_t> count;
  std::vector<UnixMillis> times;
  std::vector<std::uint32_t> next;

  Lead lead;
  std::optional<LocalCalendar> calendar;
};

MetricsCacheBuilder::Work::Work(const Workspace& w) : ws(w) {
  cache.m_ws = &ws;
  cache.m_revision = ws.revision;
  cache.m_rows = ws.leads.rows();
  cache.m_events = ws.events.size();
  cache.m_touches = ws.touches.size();
  // Rough relative costs of the passes, for progress only.
  const auto r = static_cast<double>(cache.m_rows);
  const auto e = static_cast<double>(cache.m_events);
  const auto t = static_cast<double>(cache.m_touches);
  weight = {r, e, e, t, t, e / 2, t, 3 * e + r, e / 10 + r, 3 * t + r, 2 * r, e / 10};
  for (double& x : weight) {
    x += 1;
    total_weight += x;
  }
  start(Phase::live);
}

void MetricsCacheBuilder::Work::start(Phase p) {
  phase = p;
  cursor = 0;
  part = 0;
  phase_done = 0;
  phase_size = 1;
  const std::size_t rows = cache.m_rows;
  switch (p) {
    case Phase::count:
    case Phase::index:
      phase_size = ws.events.size();
      break;
    case Phase::parse:
      phase_size = ws.touches.size();
      break;
    case Phase::attribute:
      phase_size = 0;
      for (const Attributed& a : k_attributed) phase_size += cache.of_type(a.type).at.size();
      break;
    case Phase::events_of: {
      std::vector<Source> s;
      for (const auto& x : cache.m_by_type) s.push_back({x.row.data(), x.at.data(), x.at.size()});
      start_list(std::move(s));
      break;
    }
    case Phase::bookings_of: {
      const auto& x = cache.of_type(EventType::appointment_booked);
      start_list({{x.row.data(), x.at.data(), x.at.size()}});
      break;
    }
    case Phase::touches_of: {
      const auto& emails = cache.of_type(EventType::email_sent);
      const auto& texts = cache.of_type(EventType::text_sent);
      start_list({{send_rows.data(), cache.m_send_times.data(), send_rows.size()},
                  {emails.row.data(), emails.at.data(), emails.at.size()},
                  {texts.row.data(), texts.at.data(), texts.at.size()}});
      break;
    }
    case Phase::paths:
      phase_size = rows;
      cache.m_path_offsets.assign(rows + 1, 0);
      cache.m_paths.clear();
      break;
    case Phase::visits:
      phase_size = 1;
      for (const EventType type : k_visit_types) phase_size += cache.of_type(type).at.size();
      cache.m_visits.clear();
      calendar.emplace(find_time_zone(ws.practice.time_zone));
      break;
    default:
      break;
  }
  phase_size = std::max<std::size_t>(phase_size, 1);
}

void MetricsCacheBuilder::Work::index_event(std::size_t p) {
  // As segment::SegmentCache::ensure_events: live events of live leads, in log (time) order.
  const EventLog& log = ws.events;
  const auto pos = static_cast<std::uint32_t>(p);
  if (log.is_deleted(pos)) return;
  const auto row = rows_of->find(log.lead(pos).value);  // events of deleted leads never count
  if (!row) return;
  const UnixMillis at = log.at(pos);
  segment::SegmentCache::TypeIndex& t = cache.m_by_type[static_cast<std::size_t>(log.type(pos))];
  t.at.push_back(at);
  t.pos.push_back(pos);
  t.row.push_back(*row);
  cache.m_last_event[*row] = std::max(cache.m_last_event[*row], at);
}

void MetricsCacheBuilder::Work::parse_touch(std::size_t i) {
  // The touch keys are parsed once here; (sequence, step) groups and their channels are looked
  // up once per group, not per record.
  const TouchRecord& t = ws.touches[i];
  if (!is_send(t.outcome)) return;
  TouchKeyParts parts;
  if (!split_touch_key(ws.leads, t.key, parts)) return;
  auto [it, added] =
      group_of.try_emplace({parts.sequence, parts.step}, static_cast<std::uint32_t>(cache.m_groups.size()));
  if (added) {
    cache.m_groups.emplace_back(std::string(parts.sequence), std::string(parts.step));
    bool email = true;
    bool text = false;
    for (const auto& seq : ws.sequences) {
      if (seq.id != parts.sequence) continue;
      if (const auto s = step_index(seq, parts.step)) {
        email = seq.steps[*s].channel == StepChannel::email;
        text = seq.steps[*s].channel == StepChannel::text;
      }
    }
    group_channel.emplace_back(email, text);
  }
  FullSend s;
  s.at = t.at;
  s.row = parts.row;
  s.group = it->second;
  s.flags = static_cast<std::uint8_t>((t.outcome == TouchOutcome::replied ? MetricsCache::k_replied : 0) |
                                      (t.outcome == TouchOutcome::booked ? MetricsCache::k_booked : 0));
  by_row.push_back(RowSend{t.at, parts.row, static_cast<std::uint32_t>(all.size()),
                           group_channel[s.group].first, group_channel[s.group].second});
  all.push_back(s);
}

void MetricsCacheBuilder::Work::order_sends() {
  // Time order (stable: the rest of the order does not matter for counting).
  std::vector<std::uint32_t> order(all.size());
  for (std::uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](std::uint32_t a, std::uint32_t b) { return all[a].at < all[b].at; });
  std::vector<FullSend> timed(all.size());
  std::vector<std::uint32_t> place(all.size());
  for (std::uint32_t i = 0; i < order.size(); ++i) {
    timed[i] = all[order[i]];
    place[order[i]] = i;
  }
  all = std::move(timed);
  for (RowSend& r : by_row) r.index = place[r.index];
  // Per lead in time order, equal times in touch key order (as compute_step_metrics sorts them):
  // the latest send before an event is the last one at or before it.
  std::stable_sort(by_row.begin(), by_row.end(), [](const RowSend& a, const RowSend& b) {
    return a.row != b.row ? a.row < b.row : a.at < b.at;
  });
  const std::size_t rows = cache.m_rows;
  send_offsets.assign(rows + 1, 0);
  for (const RowSend& r : by_row) ++send_offsets[r.row + 1];
  for (std::size_t r = 0; r < rows; ++r) send_offsets[r + 1] += send_offsets[r];
}

std::size_t MetricsCacheBuilder::Work::attribute(std::size_t budget) {
  std::size_t used = 0;
  while (used < budget && part < k_attributed.size()) {
    const Attributed& a = k_attributed[part];
    const auto& index = cache.of_type(a.type);
    used += run_loop(cursor, index.at.size(), budget - used, [&](std::size_t i) {
      const std::uint32_t row = index.row[i];
      const auto begin = by_row.begin() + send_offsets[row];
      auto it = by_row.begin() + send_offsets[row + 1];
      const UnixMillis at = index.at[i];
      it = std::upper_bound(begin, it, at, [](UnixMillis x, const RowSend& s) { return x < s.at; });
      // The latest matching send at or before `at`, within the window.
      while (it != begin) {
        --it;
        if (at - it->at >= k_attribution_window_ms) break;
        if (a.match == Match::any || (a.match == Match::email && it->email) ||
            (a.match == Match::text && it->text)) {
          std::uint8_t& f = all[it->index].flags;
          f = static_cast<std::uint8_t>(f | a.flag);
          if (a.type == EventType::email_opened && !is_machine_open(ws.events, index.pos[i], it->at))
            f = static_cast<std::uint8_t>(f | MetricsCache::k_opened_human);
          break;
        }
      }
    });
    if (cursor == index.at.size()) {
      ++part;
      cursor = 0;
    }
  }
  return used;
}

void MetricsCacheBuilder::Work::compact_sends() {
  // Compact, for the scans of every range change: times apart (binary search), then row and
  // group with flags in 8 bytes.
  cache.m_send_times.resize(all.size());
  cache.m_sends.resize(all.size());
  send_rows.resize(all.size());
  for (std::size_t i = 0; i < all.size(); ++i) {
    cache.m_send_times[i] = all[i].at;
    cache.m_sends[i] = MetricsCache::Send{all[i].row, all[i].group << 8U | all[i].flags};
    send_rows[i] = all[i].row;
  }
  const std::vector<MetricsCache::Send>& sends = cache.m_sends;
  const std::size_t block = MetricsCache::k_send_block;
  const std::size_t figures = MetricsCache::k_send_figures;
  const std::size_t width = cache.m_groups.size() * figures;
  cache.m_block_counts.assign((sends.size() / block + 1) * width, 0);
  std::vector<std::uint32_t> running(width, 0);
  for (std::size_t i = 0; i < sends.size(); ++i) {
    if (i % block == 0)
      std::copy(running.begin(), running.end(),
                cache.m_block_counts.begin() + static_cast<std::ptrdiff_t>((i / block) * width));
    std::uint32_t* c = running.data() + std::size_t{sends[i].group()} * figures;
    const std::uint8_t f = sends[i].flags();
    c[0] += 1;
    c[1] += (f & MetricsCache::k_opened) != 0 ? 1U : 0U;
    c[2] += (f & MetricsCache::k_opened_human) != 0 ? 1U : 0U;
    c[3] += (f & MetricsCache::k_clicked) != 0 ? 1U : 0U;
    c[4] += (f & MetricsCache::k_replied) != 0 ? 1U : 0U;
    c[5] += (f & MetricsCache::k_unsubscribed) != 0 ? 1U : 0U;
    c[6] += (f & MetricsCache::k_booked) != 0 ? 1U : 0U;
  }
  if (sends.size() % block == 0 && !sends.empty())
    std::copy(running.begin(), running.end(),
              cache.m_block_counts.begin() + static_cast<std::ptrdiff_t>((sends.size() / block) * width));

  // Report order of the groups, as compute_step_metrics sorts them.
  cache.m_group_order.resize(cache.m_groups.size());
  for (std::uint32_t g = 0; g < cache.m_groups.size(); ++g) cache.m_group_order[g] = g;
  sort_groups(ws, cache.m_groups, cache.m_group_order);
  // What the attribution needed is done with.
  all = {};
  by_row = {};
  send_offsets = {};
  group_of.clear();
}

void MetricsCacheBuilder::Work::start_list(std::vector<Source> s) {
  // Each list is filled by a counting pass and a scatter, then sorted per row (a few dozen
  // times each), equal times kept once.
  sources = std::move(s);
  list_pass = 0;
  count.assign(cache.m_rows + 1, 0);
  std::size_t n = 0;
  for (const Source& x : sources) n += x.n;
  phase_size = 3 * n + cache.m_rows;
}

bool MetricsCacheBuilder::Work::run_list(std::size_t budget, std::size_t& used, MetricsCache::RowTimes& out) {
  const std::size_t rows = cache.m_rows;
  while (used < budget && list_pass < 2) {
    if (part == sources.size()) {
      if (list_pass == 0) {
        for (std::size_t r = 0; r < rows; ++r) count[r + 1] += count[r];
        times.assign(count[rows], 0);
        next.assign(count.begin(), count.end() - 1);
      } else {
        out.offsets.assign(rows + 1, 0);
        out.times.clear();
        out.times.reserve(times.size());
      }
      ++list_pass;
      part = 0;
      cursor = 0;
      continue;
    }
    const Source& s = sources[part];
    if (list_pass == 0)
      used += run_loop(cursor, s.n, budget - used, [&](std::size_t i) { ++count[s.rows[i] + 1]; });
    else
      used +=
          run_loop(cursor, s.n, budget - used, [&](std::size_t i) { times[next[s.rows[i]]++] = s.at[i]; });
    if (cursor == s.n) {
      ++part;
      cursor = 0;
    }
  }
  while (list_pass == 2 && used < budget) {
    if (cursor == rows) {
      list_pass = 3;
      break;
    }
    const auto r = static_cast<std::uint32_t>(cursor);
    const auto first = times.begin() + count[r];
    const auto last = times.begin() + count[r + 1];
    std::sort(first, last);
    out.times.insert(out.times.end(), first, std::unique(first, last));
    out.offsets[r + 1] = static_cast<std::uint32_t>(out.times.size());
    used += 1 + (count[r + 1] - count[r]);
    ++cursor;
  }
  if (list_pass == 2 && cursor == rows) list_pass = 3;
  if (list_pass != 3) return false;
  times = {};
  next = {};
  count = {};
  return true;
}

std::size_t MetricsCacheBuilder::Work::run(std::size_t budget) {
  const std::size_t rows = cache.m_rows;
  std::size_t used = 0;
  bool finished = false;
  switch (phase) {
    case Phase::live:
      cache.m_live = segment::LeadSet::live(ws.leads);
      rows_of.emplace(ws.leads);
      cache.m_last_event.assign(rows, segment::SegmentCache::k_none);
      used = rows + 1;
      finished = true;
      break;
    case Phase::count: {
      const EventLog& log = ws.events;
      used = run_loop(cursor, log.size(), budget, [&](std::size_t p) {
        const auto pos = static_cast<std::uint32_t>(p);
        if (!log.is_deleted(pos)) ++type_sizes[static_cast<std::size_t>(log.type(pos))];
      });
      finished = cursor == log.size();
      // Each type's arrays are allocated once.
      if (finished) {
        for (std::size_t t = 0; t < k_event_type_count; ++t) {
          segment::SegmentCache::TypeIndex& x = cache.m_by_type[t];
          x.at.reserve(type_sizes[t]);
          x.pos.reserve(type_sizes[t]);
          x.row.reserve(type_sizes[t]);
        }
      }
      break;
    }
    case Phase::index:
      used = run_loop(cursor, ws.events.size(), budget, [&](std::size_t p) { index_event(p); });
      finished = cursor == ws.events.size();
      if (finished) rows_of.reset();
      break;
    case Phase::parse:
      used = run_loop(cursor, ws.touches.size(), budget, [&](std::size_t i) { parse_touch(i); });
      finished = cursor == ws.touches.size();
      break;
    case Phase::order:
      order_sends();
      used = all.size() + 1;
      finished = true;
      break;
    case Phase::attribute:
      used = attribute(budget);
      finished = part == k_attributed.size();
      break;
    case Phase::compact:
      used = all.size() + 1;
      compact_sends();
      finished = true;
      break;
    case Phase::events_of:
      finished = run_list(budget, used, cache.m_events_of);
      break;
    case Phase::bookings_of:
      finished = run_list(budget, used, cache.m_bookings_of);
      break;
    case Phase::touches_of:
      finished = run_list(budget, used, cache.m_touches_of);
      if (finished) {
        cache.m_last_touch.assign(rows, segment::SegmentCache::k_none);
        for (std::uint32_t r = 0; r < rows; ++r) {
          const auto t = cache.m_touches_of.of(r);
          if (!t.empty()) cache.m_last_touch[r] = t.back();
        }
        used += rows;
        send_rows = {};
      }
      break;
    case Phase::paths:
      // Stage paths, every row (filters pick rows later).
      used = run_loop(cursor, rows, budget, [&](std::size_t i) {
        const auto row = static_cast<std::uint32_t>(i);
        ws.leads.read(row, LeadField::stage, lead);
        lead.created_at = ws.leads.created_at(row);
        const auto path = stage_path(lead);
        cache.m_paths.insert(cache.m_paths.end(), path.begin(), path.end());
        cache.m_path_offsets[row + 1] = static_cast<std::uint32_t>(cache.m_paths.size());
      });
      finished = cursor == rows;
      break;
    case Phase::visits: {
      // Visit days, with the earliest time of each so a later `to` can cut them.
      std::vector<MetricsCache::Visit>& visits = cache.m_visits;
      while (used < budget && part < k_visit_types.size()) {
        const auto& index = cache.of_type(k_visit_types[part]);
        used += run_loop(cursor, index.at.size(), budget - used, [&](std::size_t i) {
          visits.push_back(MetricsCache::Visit{index.row[i], calendar->day_of(index.at[i]), index.at[i]});
        });
        if (cursor == index.at.size()) {
          ++part;
          cursor = 0;
        }
      }
      finished = part == k_visit_types.size();
      if (finished) {
        using Visit = MetricsCache::Visit;
        std::sort(visits.begin(), visits.end(), [](const Visit& a, const Visit& b) {
          return std::tie(a.row, a.day, a.first_at) < std::tie(b.row, b.day, b.first_at);
        });
        // One per (row, day): the first of each run has the earliest time.
        visits.erase(
            std::unique(visits.begin(), visits.end(),
                        [](const Visit& a, const Visit& b) { return a.row == b.row && a.day == b.day; }),
            visits.end());
        used += 1;
      }
      break;
    }
    case Phase::done:
      return 0;
  }
  phase_done += used;
  if (finished) start(static_cast<Phase>(static_cast<std::size_t>(phase) + 1));
  return used;
}

MetricsCacheBuilder::MetricsCacheBuilder(const Workspace& ws) : m_work(std::make_unique<Work>(ws)) {}
MetricsCacheBuilder::~MetricsCacheBuilder() = default;
MetricsCacheBuilder::MetricsCacheBuilder(MetricsCacheBuilder&&) noexcept = default;
MetricsCacheBuilder& MetricsCacheBuilder::operator=(MetricsCacheBuilder&&) noexcept = default;

bool MetricsCacheBuilder::step(std::size_t budget) {
  if (!m_work) return true;
  budget = std::max<std::size_t>(budget, 1);
  std::size_t used = 0;
  while (used < budget && m_work->phase != Phase::done) used += m_work->run(budget - used);
  return m_work->phase == Phase::done;
}

bool MetricsCacheBuilder::done() const { return !m_work || m_work->phase == Phase::done; }

double MetricsCacheBuilder::progress() const {
  if (done()) return 1.0;
  const Work& w = *m_work;
  double before = 0;
  for (std::size_t p = 0; p < static_cast<std::size_t>(w.phase); ++p) before += w.weight[p];
  const double within = std::min(1.0, static_cast<double>(w.phase_done) / static_cast<double>(w.phase_size));
  const double share = (before + w.weight[static_cast<std::size_t>(w.phase)] * within) / w.total_weight;
  // 1 means done: until then the bar stops just short of it.
  return std::min(share, 0.999);
}

bool MetricsCacheBuilder::describes(const Workspace& ws) const {
  return m_work && m_work->cache.describes(ws);
}

MetricsCache MetricsCacheBuilder::take() {
  MetricsCache out = std::move(m_work->cache);
  out.m_builds = 1;
  m_work.reset();
  return out;
}

}  // namespace nurture::metrics
