#include "core/store/event_log.hpp"

#include <algorithm>
#include <numeric>

namespace nurture {

namespace {

template <class T>
void permute(std::vector<T>& column, const std::vector<std::uint32_t>& order) {
  std::vector<T> out;
  out.reserve(column.capacity());
  for (const auto i : order) out.push_back(column[i]);
  column.swap(out);
}

template <class T>
void keep_only(std::vector<T>& column, const std::vector<std::uint8_t>& keep) {
  std::size_t w = 0;
  for (std::size_t r = 0; r < column.size(); ++r) {
    if (keep[r] != 0) column[w++] = column[r];
  }
  column.resize(w);
}

}  // namespace

void EventLog::reserve(std::size_t events) {
  for_each_column([events](auto& column) { column.reserve(events); });
}

void EventLog::push(const Event& e) {
  m_id.push_back(e.id.value);
  m_lead.push_back(e.lead.value);
  m_at.push_back(e.at);
  m_type.push_back(static_cast<std::uint8_t>(e.type));
  m_content.push_back(m_content_dict.intern(e.content));
  m_sequence.push_back(m_sequence_dict.intern(e.sequence));
  m_step.push_back(e.step);
  m_seconds.push_back(e.seconds);
  m_amount.push_back(e.amount_cents);
  m_service.push_back(m_service_dict.intern(e.service));
  std::vector<std::pair<std::uint32_t, std::uint32_t>> props;
  props.reserve(e.properties.size());
  for (const auto& [k, v] : e.properties) props.emplace_back(m_prop_dict.intern(k), m_prop_dict.intern(v));
  m_props.push_back(props.data(), props.size());
  m_deleted.push_back(0);
}

void EventLog::add(const std::vector<Event>& events) {
  if (events.empty()) return;
  std::vector<std::uint32_t> batch(events.size());
  std::iota(batch.begin(), batch.end(), 0u);
  const auto earlier = [&](std::uint32_t a, std::uint32_t b) { return events[a].at < events[b].at; };
  // Imports and logging usually hand over batches already in time order: check before sorting.
  if (!std::is_sorted(batch.begin(), batch.end(), earlier))
    std::stable_sort(batch.begin(), batch.end(), earlier);
  const auto old_size = static_cast<std::uint32_t>(m_id.size());
  const bool in_order = old_size == 0 || events[batch.front()].at >= m_at.back();
  for (const auto i : batch) push(events[i]);
  if (in_order) return;  // the new positions join the index's scanned tail
  // Merge the sorted old rows with the sorted new rows; std::merge keeps old rows first on
  // equal times, so ties stay in insertion order.
  std::vector<std::uint32_t> order(m_id.size());
  std::vector<std::uint32_t> left(old_size);
  std::iota(left.begin(), left.end(), 0u);
  std::vector<std::uint32_t> right(m_id.size() - old_size);
  std::iota(right.begin(), right.end(), old_size);
  std::merge(left.begin(), left.end(), right.begin(), right.end(), order.begin(),
             [this](std::uint32_t a, std::uint32_t b) { return m_at[a] < m_at[b]; });
  for_each_column([&order](auto& column) { permute(column, order); });
  drop_lead_index();
}

void EventLog::remove(const std::unordered_set<std::uint64_t>& ids) {
  if (ids.empty()) return;
  std::vector<std::uint8_t> keep(m_id.size());
  for (std::size_t p = 0; p < m_id.size(); ++p) keep[p] = ids.count(m_id[p]) == 0 ? 1 : 0;
  for_each_column([&keep](auto& column) { keep_only(column, keep); });
  for (const auto id : ids) m_deleted_stamps.erase(id);
  drop_lead_index();
}

bool EventLog::set_deleted(EventId id, const Stamp& stamp) {
  const auto pos = find(id);
  if (!pos) return false;
  m_deleted[*pos] = 1;
  m_deleted_stamps[id.value] = stamp;
  return true;
}

std::size_t EventLog::set_deleted_batch(const std::vector<std::pair<EventId, Stamp>>& tombstones) {
  if (tombstones.empty()) return 0;
  std::unordered_map<std::uint64_t, Stamp> wanted;
  wanted.reserve(tombstones.size());
  for (const auto& [id, stamp] : tombstones) wanted[id.value] = stamp;
  std::size_t found = 0;
  for (std::size_t pos = 0; pos < m_id.size(); ++pos) {
    const auto it = wanted.find(m_id[pos]);
    if (it == wanted.end()) continue;
    m_deleted[pos] = 1;
    m_deleted_stamps[it->first] = it->second;
    ++found;
  }
  return found;
}

Stamp EventLog::deleted_stamp(EventId id) const {
  const auto it = m_deleted_stamps.find(id.value);
  return it == m_deleted_stamps.end() ? Stamp{} : it->second;
}

EventLog::View EventLog::view(std::uint32_t pos) const {
  View v;
  v.id = EventId{m_id[pos]};
  v.lead = LeadId{m_lead[pos]};
  v.at = m_at[pos];
  v.type = static_cast<EventType>(m_type[pos]);
  v.content = m_content_dict.at(m_content[pos]);
  v.sequence = m_sequence_dict.at(m_sequence[pos]);
  v.step = m_step[pos];
  v.seconds = m_seconds[pos];
  v.amount_cents = m_amount[pos];
  v.service = m_service_dict.at(m_service[pos]);
  return v;
}

std::pair<std::string_view, std::string_view> EventLog::property(std::uint32_t pos, std::size_t i) const {
  const auto& kv = m_props.data(pos)[i];
  return {m_prop_dict.at(kv.first), m_prop_dict.at(kv.second)};
}

Event EventLog::get(std::uint32_t pos) const {
  const View v = view(pos);
  Event e{v.id,
          v.lead,
          v.at,
          v.type,
          std::string(v.content),
          std::string(v.sequence),
          v.step,
          v.seconds,
          v.amount_cents,
          std::string(v.service),
          {}};
  const auto* p = m_props.data(pos);
  for (std::size_t i = 0; i < m_props.size(pos); ++i) {
    e.properties.emplace_back(m_prop_dict.at(p[i].first), m_prop_dict.at(p[i].second));
  }
  return e;
}

std::optional<std::uint32_t> EventLog::find(EventId id) const {
  const auto it = std::find(m_id.begin(), m_id.end(), id.value);
  if (it == m_id.end()) return std::nullopt;
  return static_cast<std::uint32_t>(it - m_id.begin());
}

bool EventLog::contains_any(const std::unordered_set<std::uint64_t>& ids) const {
  if (ids.empty()) return false;
  return std::any_of(m_id.begin(), m_id.end(), [&](std::uint64_t id) { return ids.count(id) != 0; });
}

void EventLog::drop_lead_index() {
  m_lead_slot.clear();
  m_slot_offsets.clear();
  m_slot_positions.clear();
  m_indexed = 0;
}

void EventLog::ensure_lead_index() const {
  const auto n = static_cast<std::uint32_t>(m_id.size());
  const std::uint32_t tail = n - m_indexed;
  if (tail <= std::max<std::uint32_t>(4096, n / 8)) return;
  m_lead_slot.clear();
  std::vector<std::uint32_t> slot_of(n);
  std::vector<std::uint32_t> counts;
  for (std::uint32_t p = 0; p < n; ++p) {
    const auto [it, inserted] = m_lead_slot.try_emplace(m_lead[p], static_cast<std::uint32_t>(counts.size()));
    if (inserted) counts.push_back(0);
    slot_of[p] = it->second;
    ++counts[it->second];
  }
  m_slot_offsets.assign(counts.size() + 1, 0);
  for (std::size_t s = 0; s < counts.size(); ++s) m_slot_offsets[s + 1] = m_slot_offsets[s] + counts[s];
  m_slot_positions.resize(n);
  std::vector<std::uint32_t> cursor(m_slot_offsets.begin(), m_slot_offsets.end() - 1);
  for (std::uint32_t p = 0; p < n; ++p) m_slot_positions[cursor[slot_of[p]]++] = p;
  m_indexed = n;
}

std::vector<std::uint32_t> EventLog::of_lead(LeadId lead) const {
  ensure_lead_index();
  std::vector<std::uint32_t> out;
  const auto it = m_lead_slot.find(lead.value);
  if (it != m_lead_slot.end()) {
    for (auto i = m_slot_offsets[it->second]; i < m_slot_offsets[it->second + 1]; ++i) {
      const auto p = m_slot_positions[i];
      if (m_deleted[p] == 0) out.push_back(p);
    }
  }
  for (auto p = m_indexed; p < m_id.size(); ++p) {
    if (m_lead[p] == lead.value && m_deleted[p] == 0) out.push_back(p);
  }
  return out;
}

std::pair<std::uint32_t, std::uint32_t> EventLog::time_range(UnixMillis from, UnixMillis to) const {
  const auto first = std::lower_bound(m_at.begin(), m_at.end(), from);
  const auto last = std::lower_bound(first, m_at.end(), std::max(from, to));
  return {static_cast<std::uint32_t>(first - m_at.begin()), static_cast<std::uint32_t>(last - m_at.begin())};
}

std::vector<std::uint32_t> EventLog::of_type(EventType type, UnixMillis from, UnixMillis to) const {
  const auto [first, last] = time_range(from, to);
  const auto code = static_cast<std::uint8_t>(type);
  std::vector<std::uint32_t> out;
  for (auto p = first; p < last; ++p) {
    if (m_type[p] == code && m_deleted[p] == 0) out.push_back(p);
  }
  return out;
}

MemoryUse EventLog::memory() const {
  MemoryUse use;
  const auto cap = [](const auto& v) { return v.capacity() * sizeof(v[0]); };
  use.columns = cap(m_id) + cap(m_lead) + cap(m_at) + cap(m_type) + cap(m_content) + cap(m_sequence) +
                cap(m_step) + cap(m_seconds) + cap(m_amount) + cap(m_service) + m_props.span_bytes() +
                cap(m_deleted);
  use.values = m_props.memory_bytes() - m_props.span_bytes() + m_content_dict.memory_bytes() +
               m_sequence_dict.memory_bytes() + m_service_dict.memory_bytes() + m_prop_dict.memory_bytes();
  use.indexes = m_deleted_stamps.size() * (sizeof(std::pair<std::uint64_t, Stamp>) + 2 * sizeof(void*));
  use.indexes += m_lead_slot.size() * (sizeof(std::pair<std::uint64_t, std::uint32_t>) + 2 * sizeof(void*)) +
                 m_lead_slot.bucket_count() * sizeof(void*) +
                 m_slot_offsets.capacity() * sizeof(std::uint32_t) +
                 m_slot_positions.capacity() * sizeof(std::uint32_t);
  return use;
}

bool operator==(const EventLog& a, const EventLog& b) {
  if (a.size() != b.size()) return false;
  for (std::uint32_t p = 0; p < a.size(); ++p) {
    if (a.is_deleted(p) != b.is_deleted(p) || !(a.get(p) == b.get(p))) return false;
    if (a.is_deleted(p) && a.deleted_stamp(a.id(p)) != b.deleted_stamp(b.id(p))) return false;
  }
  return true;
}

}  // namespace nurture
