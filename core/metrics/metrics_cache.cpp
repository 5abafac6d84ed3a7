#include "core/metrics/metrics_cache.hpp"

#include <algorithm>
#include <map>
#include <tuple>

#include "core/metrics/funnel_metrics.hpp"
#include "core/metrics/local_calendar.hpp"
#include "core/metrics/step_metrics.hpp"

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

}  // namespace

void MetricsCache::build_sends(const Workspace& ws) {
  // The touch keys are parsed once here; (sequence, step) groups and their channels are looked
  // up once per group, not per record.
  std::vector<FullSend> all;
  m_groups.clear();
  std::vector<RowSend> by_row;
  std::map<std::pair<std::string_view, std::string_view>, std::uint32_t> group_of;
  std::vector<std::pair<bool, bool>> group_channel;  // (email, text)
  for (const TouchRecord& t : ws.touches) {
    if (!is_send(t.outcome)) continue;
    TouchKeyParts parts;
    if (!split_touch_key(ws.leads, t.key, parts)) continue;
    auto [it, added] =
        group_of.try_emplace({parts.sequence, parts.step}, static_cast<std::uint32_t>(m_groups.size()));
    if (added) {
      m_groups.emplace_back(std::string(parts.sequence), std::string(parts.step));
      bool email = true;
      bool text = false;
      for (const auto& seq : ws.sequences) {
        if (seq.id != parts.sequence) continue;
        if (const auto i = step_index(seq, parts.step)) {
          email = seq.steps[*i].channel == StepChannel::email;
          text = seq.steps[*i].channel == StepChannel::text;
        }
      }
      group_channel.emplace_back(email, text);
    }
    FullSend s;
    s.at = t.at;
    s.row = parts.row;
    s.group = it->second;
    s.flags = static_cast<std::uint8_t>((t.outcome == TouchOutcome::replied ? k_replied : 0) |
                                        (t.outcome == TouchOutcome::booked ? k_booked : 0));
    by_row.push_back(RowSend{t.at, parts.row, static_cast<std::uint32_t>(all.size()),
                             group_channel[s.group].first, group_channel[s.group].second});
    all.push_back(s);
  }
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
  std::vector<std::uint32_t> offsets(m_rows + 1, 0);
  for (const RowSend& r : by_row) ++offsets[r.row + 1];
  for (std::size_t r = 0; r < m_rows; ++r) offsets[r + 1] += offsets[r];

  struct Attributed {
    EventType type;
    Match match;
    std::uint8_t flag;
  };
  constexpr Attributed k_types[] = {{EventType::email_opened, Match::email, k_opened},
                                    {EventType::email_clicked, Match::email, k_clicked},
                                    {EventType::email_replied, Match::email, k_replied},
                                    {EventType::text_replied, Match::text, k_replied},
                                    {EventType::unsubscribed, Match::any, k_unsubscribed},
                                    {EventType::appointment_booked, Match::any, k_booked}};
  for (const Attributed& a : k_types) {
    const auto& index = of_type(a.type);
    for (std::size_t i = 0; i < index.at.size(); ++i) {
      const std::uint32_t row = index.row[i];
      const auto begin = by_row.begin() + offsets[row];
      auto it = by_row.begin() + offsets[row + 1];
      const UnixMillis at = index.at[i];
      it = std::upper_bound(begin, it, at, [](UnixMillis t, const RowSend& s) { return t < s.at; });
      // The latest matching send at or before `at`, within the window.
      while (it != begin) {
        --it;
        if (at - it->at >= k_attribution_window_ms) break;
        if (a.match == Match::any || (a.match == Match::email && it->email) ||
            (a.match == Match::text && it->text)) {
          std::uint8_t& f = all[it->index].flags;
          f = static_cast<std::uint8_t>(f | a.flag);
          if (a.type == EventType::email_opened && !is_machine_open(ws.events, index.pos[i], it->at))
            f = static_cast<std::uint8_t>(f | k_opened_human);
          break;
        }
      }
    }
  }

  // Compact, for the scans of every range change: times apart (binary search), then row and
  // group with flags in 8 bytes.
  m_send_times.resize(all.size());
  m_sends.resize(all.size());
  for (std::size_t i = 0; i < all.size(); ++i) {
    m_send_times[i] = all[i].at;
    m_sends[i] = Send{all[i].row, all[i].group << 8U | all[i].flags};
  }

  const std::size_t width = m_groups.size() * k_send_figures;
  m_block_counts.assign((m_sends.size() / k_send_block + 1) * width, 0);
  std::vector<std::uint32_t> running(width, 0);
  for (std::size_t i = 0; i < m_sends.size(); ++i) {
    if (i % k_send_block == 0)
      std::copy(running.begin(), running.end(),
                m_block_counts.begin() + static_cast<std::ptrdiff_t>((i / k_send_block) * width));
    std::uint32_t* c = running.data() + std::size_t{m_sends[i].group()} * k_send_figures;
    const std::uint8_t f = m_sends[i].flags();
    c[0] += 1;
    c[1] += (f & k_opened) != 0 ? 1U : 0U;
    c[2] += (f & k_opened_human) != 0 ? 1U : 0U;
    c[3] += (f & k_clicked) != 0 ? 1U : 0U;
    c[4] += (f & k_replied) != 0 ? 1U : 0U;
    c[5] += (f & k_unsubscribed) != 0 ? 1U : 0U;
    c[6] += (f & k_booked) != 0 ? 1U : 0U;
  }
  if (m_sends.size() % k_send_block == 0 && !m_sends.empty())
    std::copy(running.begin(), running.end(),
              m_block_counts.begin() + static_cast<std::ptrdiff_t>((m_sends.size() / k_send_block) * width));

  // Report order of the groups, as compute_step_metrics sorts them.
  const auto seq_rank = [&](const std::string& id) {
    for (std::size_t i = 0; i < ws.sequences.size(); ++i)
      if (ws.sequences[i].id == id) return i;
    return ws.sequences.size();
  };
  const auto step_rank = [&](const std::string& seq, const std::string& step) {
    const std::size_t r = seq_rank(seq);
    if (r == ws.sequences.size()) return std::size_t{0};
    return step_index(ws.sequences[r], step).value_or(ws.sequences[r].steps.size());
  };
  m_group_order.resize(m_groups.size());
  for (std::uint32_t g = 0; g < m_groups.size(); ++g) m_group_order[g] = g;
  std::sort(m_group_order.begin(), m_group_order.end(), [&](std::uint32_t a, std::uint32_t b) {
    const auto& [sa, ta] = m_groups[a];
    const auto& [sb, tb] = m_groups[b];
    const std::size_t ra = seq_rank(sa);
    const std::size_t rb = seq_rank(sb);
    if (ra != rb) return ra < rb;
    if (sa != sb) return sa < sb;
    const std::size_t qa = step_rank(sa, ta);
    const std::size_t qb = step_rank(sb, tb);
    if (qa != qb) return qa < qb;
    return ta < tb;
  });
}

void MetricsCache::build_row_times() {
  // Each list is filled by a counting pass and a scatter, then sorted per row (a few dozen
  // times each), equal times kept once.
  const auto build = [&](RowTimes& out, auto&& each) {
    std::vector<std::uint32_t> count(m_rows + 1, 0);
    each([&](std::uint32_t row, UnixMillis) { ++count[row + 1]; });
    for (std::size_t r = 0; r < m_rows; ++r) count[r + 1] += count[r];
    std::vector<UnixMillis> times(count[m_rows]);
    std::vector<std::uint32_t> next(count.begin(), count.end() - 1);
    each([&](std::uint32_t row, UnixMillis at) { times[next[row]++] = at; });
    out.offsets.assign(m_rows + 1, 0);
    out.times.clear();
    out.times.reserve(times.size());
    for (std::uint32_t r = 0; r < m_rows; ++r) {
      const auto first = times.begin() + count[r];
      const auto last = times.begin() + count[r + 1];
      std::sort(first, last);
      out.times.insert(out.times.end(), first, std::unique(first, last));
      out.offsets[r + 1] = static_cast<std::uint32_t>(out.times.size());
    }
  };
  const auto of_types = [&](std::initializer_list<EventType> types) {
    return [this, types](auto&& fn) {
      for (const EventType t : types) {
        const auto& index = of_type(t);
        for (std::size_t i = 0; i < index.at.size(); ++i) fn(index.row[i], index.at[i]);
      }
    };
  };
  build(m_events_of, [&](auto&& fn) {
    for (std::size_t t = 0; t < k_event_type_count; ++t) {
      const auto& index = of_type(static_cast<EventType>(t));
      for (std::size_t i = 0; i < index.at.size(); ++i) fn(index.row[i], index.at[i]);
    }
  });
  build(m_bookings_of, of_types({EventType::appointment_booked}));
  build(m_touches_of, [&](auto&& fn) {
    for (std::size_t i = 0; i < m_sends.size(); ++i) fn(m_sends[i].row, m_send_times[i]);
    of_types({EventType::email_sent, EventType::text_sent})(fn);
  });
  m_last_touch.assign(m_rows, segment::SegmentCache::k_none);
  for (std::uint32_t r = 0; r < m_rows; ++r) {
    const auto times = m_touches_of.of(r);
    if (!times.empty()) m_last_touch[r] = times.back();
  }
}

void MetricsCache::refresh(const Workspace& ws) {
  if (m_ws == &ws && m_revision == ws.revision && m_rows == ws.leads.rows() && m_events == ws.events.size() &&
      m_touches == ws.touches.size())
    return;
  m_ws = &ws;
  m_revision = ws.revision;
  m_rows = ws.leads.rows();
  m_events = ws.events.size();
  m_touches = ws.touches.size();
  ++m_builds;
  m_segments.invalidate();
  m_segments.refresh(ws);
  m_segments.ensure_events();

  build_sends(ws);
  build_row_times();

  // Stage paths, every row (filters pick rows later).
  m_path_offsets.assign(m_rows + 1, 0);
  m_paths.clear();
  Lead lead;
  for (std::uint32_t row = 0; row < m_rows; ++row) {
    ws.leads.read(row, LeadField::stage, lead);
    lead.created_at = ws.leads.created_at(row);
    const auto path = stage_path(lead);
    m_paths.insert(m_paths.end(), path.begin(), path.end());
    m_path_offsets[row + 1] = static_cast<std::uint32_t>(m_paths.size());
  }

  // Visit days, with the earliest time of each so a later `to` can cut them.
  m_visits.clear();
  const LocalCalendar cal(find_time_zone(ws.practice.time_zone));
  for (const EventType type : {EventType::appointment_attended, EventType::purchase}) {
    const auto& index = of_type(type);
    for (std::size_t i = 0; i < index.at.size(); ++i)
      m_visits.push_back(Visit{index.row[i], cal.day_of(index.at[i]), index.at[i]});
  }
  std::sort(m_visits.begin(), m_visits.end(), [](const Visit& a, const Visit& b) {
    return std::tie(a.row, a.day, a.first_at) < std::tie(b.row, b.day, b.first_at);
  });
  // One per (row, day): the first of each run has the earliest time.
  m_visits.erase(std::unique(m_visits.begin(), m_visits.end(),
                             [](const Visit& a, const Visit& b) { return a.row == b.row && a.day == b.day; }),
                 m_visits.end());
}

}  // namespace nurture::metrics
