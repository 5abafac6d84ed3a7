#include "core/sequence/schedule_cache.hpp"

#include <algorithm>
#include <iterator>
#include <numeric>
#include <string>

namespace nurture {

namespace {

constexpr std::size_t k_npos = static_cast<std::size_t>(-1);
enum : std::uint8_t { k_due = 0, k_upcoming = 1, k_held = 2, k_exits = 3 };

bool by_time(const DueTouch& a, const DueTouch& b) {
  return a.due_at != b.due_at ? a.due_at < b.due_at : a.key < b.key;
}
bool by_key(const HeldTouch& a, const HeldTouch& b) { return a.touch.key < b.touch.key; }
bool by_enrollment(const EnrollmentExit& a, const EnrollmentExit& b) { return a.enrollment < b.enrollment; }

// Sorts `v` by `less` moving each element once (DueTouch holds five strings).
template <class T, class Less>
void sort_moving_once(std::vector<T>& v, Less less) {
  if (v.size() < 2) return;
  std::vector<std::uint32_t> order(v.size());
  std::iota(order.begin(), order.end(), 0U);
  std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) { return less(v[a], v[b]); });
  std::vector<T> sorted;
  sorted.reserve(v.size());
  for (const std::uint32_t i : order) sorted.push_back(std::move(v[i]));
  v = std::move(sorted);
}

// Removes the entries at `removed` (distinct positions) from sorted `list` and inserts `added`,
// keeping the order, in place: every kept entry moves at most once, straight to its final slot,
// and only when entries before it were removed or inserted in unequal numbers. Entries that
// move left are moved front to back, entries that move right back to front (each one's target
// slot is then free: order is kept, so no entry targets a slot another still occupies). A
// DueTouch or HeldTouch holds five or six strings, so moves are what a tick costs here.
// Returns the number of entries moved or inserted.
template <class T, class Less>
std::size_t splice(std::vector<T>& list, std::vector<std::size_t>& removed, std::vector<T>& added,
                   Less less) {
  if (removed.empty() && added.empty()) return 0;
  std::sort(removed.begin(), removed.end());
  sort_moving_once(added, less);
  const std::size_t n = list.size();
  const std::size_t a = added.size();
  const std::size_t r = removed.size();
  // added[k] goes before old entry ins[k] (n: after all).
  std::vector<std::size_t> ins(a);
  for (std::size_t k = 0; k < a; ++k)
    ins[k] =
        static_cast<std::size_t>(std::lower_bound(list.begin(), list.end(), added[k], less) - list.begin());
  const std::size_t first = std::min(r ? removed.front() : n, a ? ins.front() : n);
  if (a > r) list.resize(n + a - r);
  std::size_t moved = 0;
  const auto shift = [&](std::size_t i, std::ptrdiff_t delta) {
    list[static_cast<std::size_t>(static_cast<std::ptrdiff_t>(i) + delta)] = std::move(list[i]);
    ++moved;
  };
  // Left moves, front to back: delta(i) = inserted before i - removed before i.
  {
    std::size_t ai = 0;
    std::size_t ri = 0;
    for (std::size_t i = first; i < n; ++i) {
      while (ai < a && ins[ai] <= i) ++ai;
      while (ri < r && removed[ri] < i) ++ri;
      if (ri < r && removed[ri] == i) continue;
      const auto delta = static_cast<std::ptrdiff_t>(ai) - static_cast<std::ptrdiff_t>(ri);
      if (ai == a && ri == r && delta >= 0) break;  // the rest moves right or not at all
      if (delta < 0) shift(i, delta);
    }
  }
  // Right moves, back to front.
  if (a > 0) {
    std::size_t ai = a;
    std::size_t ri = r;
    for (std::size_t i = n; i-- > first;) {
      while (ai > 0 && ins[ai - 1] > i) --ai;
      while (ri > 0 && removed[ri - 1] >= i) --ri;
      if (ri < r && removed[ri] == i) continue;
      const auto delta = static_cast<std::ptrdiff_t>(ai) - static_cast<std::ptrdiff_t>(ri);
      if (delta > 0) shift(i, delta);
    }
  }
  // The inserted entries, into the slots left for them.
  for (std::size_t k = 0, ri = 0; k < a; ++k) {
    while (ri < r && removed[ri] < ins[k]) ++ri;
    list[ins[k] + k - ri] = std::move(added[k]);
  }
  moved += a;
  if (r > a) list.resize(n + a - r);
  removed.clear();
  added.clear();
  return moved;
}

}  // namespace

ScheduleCache::ScheduleCache() = default;
ScheduleCache::~ScheduleCache() = default;

void ScheduleCache::clear() {
  m_valid = false;
  m_ws = nullptr;
  m_scheduler.reset();
  m_sequences.clear();
  m_groups.clear();
  m_leads.clear();
  m_locators.clear();
  m_dead_locators = 0;
  m_wakes = {};
  m_schedule = {};
  m_stats = {};
}

UnixMillis ScheduleCache::next_wake() const { return m_wakes.empty() ? k_no_wake : m_wakes.top().first; }

bool ScheduleCache::same_input(const Workspace& ws, std::uint64_t revision, UnixMillis now,
                               const ScheduleOptions& options) const {
  return m_valid && m_ws == &ws && m_revision == revision && m_enrollments_data == ws.enrollments.data() &&
         m_enrollments_size == ws.enrollments.size() && m_touches_data == ws.touches.data() &&
         m_touches_size == ws.touches.size() && m_sequences_data == ws.sequences.data() &&
         m_sequences_size == ws.sequences.size() && m_leads_size == ws.leads.size() &&
         m_options.horizon == options.horizon && m_options.caps == options.caps && now >= m_now;
}

const Schedule& ScheduleCache::tick(const Workspace& ws, std::uint64_t revision, UnixMillis now,
                                    const ScheduleOptions& options) {
  if (!same_input(ws, revision, now, options)) {
    recompute_all(ws, revision, now, options);
  } else if (now != m_now) {
    recompute_woken(now);
  } else {
    m_stats = {};
  }
  return m_schedule;
}

const Enrollment* ScheduleCache::enrollment_of(const LeadState& st, std::string_view key) const {
  for (std::uint32_t i = st.group_begin; i < st.group_end; ++i) {
    if (m_groups[i].enrollment->key == key) return m_groups[i].enrollment;
  }
  return nullptr;
}

void ScheduleCache::locate(LeadState& st, const Schedule& s, const std::array<std::size_t, 4>& from) {
  st.loc_begin = static_cast<std::uint32_t>(m_locators.size());
  const auto touches = [&](const std::vector<DueTouch>& v, std::size_t start, std::uint8_t list) {
    for (std::size_t i = start; i < v.size(); ++i) {
      m_locators.push_back({v[i].due_at, enrollment_of(st, v[i].enrollment),
                            static_cast<std::uint32_t>(v[i].step_index), list});
    }
  };
  touches(s.due, from[k_due], k_due);
  touches(s.upcoming, from[k_upcoming], k_upcoming);
  for (std::size_t i = from[k_held]; i < s.held.size(); ++i) {
    const DueTouch& t = s.held[i].touch;
    m_locators.push_back(
        {t.due_at, enrollment_of(st, t.enrollment), static_cast<std::uint32_t>(t.step_index), k_held});
  }
  for (std::size_t i = from[k_exits]; i < s.exits.size(); ++i)
    m_locators.push_back({0, enrollment_of(st, s.exits[i].enrollment), 0, k_exits});
  st.loc_count = static_cast<std::uint32_t>(m_locators.size() - st.loc_begin);
}

std::string ScheduleCache::key_of(const Locator& l) const {
  const auto it = m_sequences.find(l.enrollment->sequence);
  if (it == m_sequences.end() || l.step >= it->second->steps.size()) return {};
  return touch_key(l.enrollment->key, it->second->steps[l.step].id);
}

std::size_t ScheduleCache::position(const Locator& l) const {
  if (l.enrollment == nullptr) return k_npos;
  const auto found = [](const auto& v, auto it, auto match) {
    return it != v.end() && match(*it) ? static_cast<std::size_t>(it - v.begin()) : k_npos;
  };
  if (l.list == k_exits) {
    const auto& v = m_schedule.exits;
    const std::string& key = l.enrollment->key;
    const auto it =
        std::lower_bound(v.begin(), v.end(), key,
                         [](const EnrollmentExit& x, const std::string& k) { return x.enrollment < k; });
    return found(v, it, [&](const EnrollmentExit& x) { return x.enrollment == key; });
  }
  const std::string key = key_of(l);
  if (l.list == k_held) {
    const auto& v = m_schedule.held;
    const auto it = std::lower_bound(
        v.begin(), v.end(), key, [](const HeldTouch& x, const std::string& k) { return x.touch.key < k; });
    return found(v, it, [&](const HeldTouch& x) { return x.touch.key == key; });
  }
  const auto& v = l.list == k_due ? m_schedule.due : m_schedule.upcoming;
  const auto it = std::lower_bound(v.begin(), v.end(), l, [&](const DueTouch& x, const Locator& y) {
    return x.due_at != y.due_at ? x.due_at < y.due_at : x.key < key;
  });
  return found(v, it, [&](const DueTouch& x) { return x.due_at == l.due_at && x.key == key; });
}

void ScheduleCache::recompute_all(const Workspace& ws, std::uint64_t revision, UnixMillis now,
                                  const ScheduleOptions& options) {
  clear();
  m_ws = &ws;
  m_revision = revision;
  m_enrollments_data = ws.enrollments.data();
  m_enrollments_size = ws.enrollments.size();
  m_touches_data = ws.touches.data();
  m_touches_size = ws.touches.size();
  m_sequences_data = ws.sequences.data();
  m_sequences_size = ws.sequences.size();
  m_leads_size = ws.leads.size();
  m_options = options;
  m_now = now;
  m_scheduler = std::make_unique<LeadScheduler>(ws, options.caps);
  m_scheduler->set_exact(true);  // the parts must equal schedule()'s word for word
  for (const Sequence& s : ws.sequences) {
    if (!s.deleted && s.status == SequenceStatus::active) m_sequences.emplace(s.id, &s);
  }

  // Group enrolments by lead exactly as schedule() does (ties keep key order), keeping only the
  // leads with a running enrolment.
  const auto& es = ws.enrollments;
  std::vector<std::uint32_t> order(es.size());
  std::iota(order.begin(), order.end(), 0U);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::uint32_t a, std::uint32_t b) { return es[a].lead < es[b].lead; });
  m_groups.reserve(es.size());
  for (std::size_t i = 0; i < order.size();) {
    const LeadId lead = es[order[i]].lead;
    const auto begin = static_cast<std::uint32_t>(m_groups.size());
    bool any = false;
    for (; i < order.size() && es[order[i]].lead == lead; ++i) {
      const Enrollment& e = es[order[i]];
      any = any || m_scheduler->runs(e);
      m_groups.push_back({&e, m_scheduler->records_of(e)});
    }
    if (!any) {
      m_groups.resize(begin);
      continue;
    }
    m_leads.push_back({lead, begin, static_cast<std::uint32_t>(m_groups.size()), 0, 0, k_no_wake});
  }

  std::vector<Wake> wakes;
  for (std::size_t i = 0; i < m_leads.size(); ++i) {
    LeadState& st = m_leads[i];
    const std::array<std::size_t, 4> from = {m_schedule.due.size(), m_schedule.upcoming.size(),
                                             m_schedule.held.size(), m_schedule.exits.size()};
    const std::span<const LeadEnrollment> group(m_groups.data() + st.group_begin,
                                                st.group_end - st.group_begin);
    st.wake = m_scheduler->schedule_lead(st.lead, group, now, options.horizon, m_schedule);
    locate(st, m_schedule, from);
    if (st.wake != k_no_wake) wakes.emplace_back(st.wake, static_cast<std::uint32_t>(i));
  }
  m_wakes = decltype(m_wakes)(std::greater<>{}, std::move(wakes));
  LeadScheduler::sort(m_schedule);
  m_valid = true;
  m_stats = {true, m_leads.size(), m_leads.size(), 0};
}

void ScheduleCache::recompute_woken(UnixMillis now) {
  m_stats = {};
  std::vector<std::uint32_t> woken;
  while (!m_wakes.empty() && m_wakes.top().first <= now) {
    const auto [wake, i] = m_wakes.top();
    m_wakes.pop();
    if (m_leads[i].wake != wake) continue;  // stale
    m_leads[i].wake = k_no_wake;
    woken.push_back(i);
  }
  m_now = now;
  if (woken.empty()) return;

  std::array<std::vector<std::size_t>, 4> removed;
  std::vector<DueTouch> added_due, added_upcoming;
  std::vector<HeldTouch> added_held;
  std::vector<EnrollmentExit> added_exits;
  std::vector<std::size_t> positions;
  bool broken = false;
  for (const std::uint32_t i : woken) {
    LeadState& st = m_leads[i];
    m_part.due.clear();
    m_part.upcoming.clear();
    m_part.held.clear();
    m_part.exits.clear();
    const std::span<const LeadEnrollment> group(m_groups.data() + st.group_begin,
                                                st.group_end - st.group_begin);
    st.wake = m_scheduler->schedule_lead(st.lead, group, now, m_options.horizon, m_part);
    if (st.wake != k_no_wake) m_wakes.emplace(st.wake, i);
    ++m_stats.recomputed;

    // Where the old part sits, and whether the new part is the same.
    const Locator* old = m_locators.data() + st.loc_begin;
    positions.resize(st.loc_count);
    std::array<std::size_t, 4> count{};
    for (std::uint32_t k = 0; k < st.loc_count; ++k) {
      positions[k] = position(old[k]);
      broken = broken || positions[k] == k_npos;
      ++count[old[k].list];
    }
    if (broken) break;
    bool same = count[k_due] == m_part.due.size() && count[k_upcoming] == m_part.upcoming.size() &&
                count[k_held] == m_part.held.size() && count[k_exits] == m_part.exits.size();
    std::array<std::size_t, 4> next{};
    for (std::uint32_t k = 0; k < st.loc_count && same; ++k) {
      const std::size_t p = positions[k];
      const std::size_t j = next[old[k].list]++;
      switch (old[k].list) {
        case k_due:
          same = m_schedule.due[p] == m_part.due[j];
          break;
        case k_upcoming:
          same = m_schedule.upcoming[p] == m_part.upcoming[j];
          break;
        case k_held:
          same = m_schedule.held[p] == m_part.held[j];
          break;
        default:
          same = m_schedule.exits[p] == m_part.exits[j];
          break;
      }
    }
    if (same) continue;  // the locators still point at identical entries

    ++m_stats.changed;
    for (std::uint32_t k = 0; k < st.loc_count; ++k) removed[old[k].list].push_back(positions[k]);
    m_dead_locators += st.loc_count;
    locate(st, m_part, {0, 0, 0, 0});
    std::move(m_part.due.begin(), m_part.due.end(), std::back_inserter(added_due));
    std::move(m_part.upcoming.begin(), m_part.upcoming.end(), std::back_inserter(added_upcoming));
    std::move(m_part.held.begin(), m_part.held.end(), std::back_inserter(added_held));
    std::move(m_part.exits.begin(), m_part.exits.end(), std::back_inserter(added_exits));
  }
  if (broken) {
    // Not expected: a kept entry could not be found. Start again from the workspace.
    const Workspace& ws = *m_ws;
    const std::uint64_t revision = m_revision;
    const ScheduleOptions options = m_options;
    recompute_all(ws, revision, now, options);
    return;
  }
  m_stats.moved += splice(m_schedule.due, removed[k_due], added_due, by_time);
  m_stats.moved += splice(m_schedule.upcoming, removed[k_upcoming], added_upcoming, by_time);
  m_stats.moved += splice(m_schedule.held, removed[k_held], added_held, by_key);
  m_stats.moved += splice(m_schedule.exits, removed[k_exits], added_exits, by_enrollment);
  if (m_dead_locators > 4096 && m_dead_locators > m_locators.size() / 2) compact_locators();
}

void ScheduleCache::compact_locators() {
  std::vector<Locator> kept;
  kept.reserve(m_locators.size() - m_dead_locators);
  for (LeadState& st : m_leads) {
    const auto begin = static_cast<std::uint32_t>(kept.size());
    kept.insert(kept.end(), m_locators.begin() + st.loc_begin,
                m_locators.begin() + st.loc_begin + st.loc_count);
    st.loc_begin = begin;
  }
  m_locators = std::move(kept);
  m_dead_locators = 0;
}

}  // namespace nurture
