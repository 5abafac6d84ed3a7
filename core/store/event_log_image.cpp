// EventLog in the binary workspace image: one length-prefixed array per column, then a
// validation pass. The per-lead index is not stored: the first of_lead() builds it, which
// keeps opening a workspace a memcpy per column (bench/README.md has the measurements).

#include <algorithm>

#include "core/store/event_log.hpp"

namespace nurture {

namespace {

/// Open-addressing set of non-zero ids, sized once: checking 3 million ids for repeats this
/// way is several times faster than std::unordered_set or sorting a copy.
class IdSet {
 public:
  explicit IdSet(std::size_t n) : m_slots(n + n / 2 + 1, 0) {}
  /// False when `id` was there already.
  bool insert(std::uint64_t id) {
    for (auto i = slot(id);; i = i + 1 == m_slots.size() ? 0 : i + 1) {
      if (m_slots[i] == id) return false;
      if (m_slots[i] == 0) {
        m_slots[i] = id;
        return true;
      }
    }
  }
  [[nodiscard]] bool contains(std::uint64_t id) const {
    for (auto i = slot(id);; i = i + 1 == m_slots.size() ? 0 : i + 1) {
      if (m_slots[i] == id) return true;
      if (m_slots[i] == 0) return false;
    }
  }

 private:
  [[nodiscard]] std::size_t slot(std::uint64_t id) const {
    // A splitmix finaliser spreads sequential ids; the top 32 bits, scaled, pick the slot.
    id = (id ^ (id >> 30)) * 0xBF58476D1CE4E5B9ULL;
    id = (id ^ (id >> 27)) * 0x94D049BB133111EBULL;
    id ^= id >> 31;
    return static_cast<std::size_t>(((id >> 32) * m_slots.size()) >> 32);
  }
  std::vector<std::uint64_t> m_slots;
};

template <class T>
bool below(const std::vector<T>& values, std::size_t size) {
  return std::all_of(values.begin(), values.end(),
                     [size](T v) { return static_cast<std::size_t>(v) < size; });
}

}  // namespace

void EventLog::serialize(ImageWriter& out) const {
  out.array(m_id);
  out.array(m_lead);
  out.array(m_at);
  out.array(m_type);
  out.array(m_content);
  out.array(m_sequence);
  out.array(m_step);
  out.array(m_seconds);
  out.array(m_amount);
  out.array(m_service);
  out.array(m_deleted);
  out.array(m_props.span_table());
  std::vector<std::uint32_t> keys;
  std::vector<std::uint32_t> values;
  keys.reserve(m_props.pool().size());
  values.reserve(m_props.pool().size());
  for (const auto& [k, v] : m_props.pool()) {
    keys.push_back(k);
    values.push_back(v);
  }
  out.array(keys);
  out.array(values);
  m_content_dict.serialize(out);
  m_sequence_dict.serialize(out);
  m_service_dict.serialize(out);
  m_prop_dict.serialize(out);
  // Sorted, so the same log always gives the same bytes.
  std::vector<std::pair<std::uint64_t, Stamp>> stamps(m_deleted_stamps.begin(), m_deleted_stamps.end());
  std::sort(stamps.begin(), stamps.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<std::uint64_t> ids, devices;
  std::vector<std::int64_t> millis;
  std::vector<std::uint32_t> counters;
  for (const auto& [id, stamp] : stamps) {
    ids.push_back(id);
    millis.push_back(stamp.millis);
    counters.push_back(stamp.counter);
    devices.push_back(stamp.device);
  }
  out.array(ids);
  out.array(millis);
  out.array(counters);
  out.array(devices);
}

bool EventLog::deserialize(ImageReader& in) {
  EventLog log;
  if (!in.array(log.m_id)) return false;
  const auto n = log.m_id.size();
  if (n > 0xFFFFFFFFu) return in.fail("image holds too many events");
  if (!in.array(log.m_lead, n) || !in.array(log.m_at, n) || !in.array(log.m_type, n) ||
      !in.array(log.m_content, n) || !in.array(log.m_sequence, n) || !in.array(log.m_step, n) ||
      !in.array(log.m_seconds, n) || !in.array(log.m_amount, n) || !in.array(log.m_service, n) ||
      !in.array(log.m_deleted, n))
    return false;
  std::vector<PoolSpan> spans;
  std::vector<std::uint32_t> keys;
  std::vector<std::uint32_t> values;
  if (!in.array(spans, n) || !in.array(keys) || !in.array(values, keys.size())) return false;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> pool(keys.size());
  for (std::size_t i = 0; i < pool.size(); ++i) pool[i] = {keys[i], values[i]};
  if (!log.m_props.assign(std::move(spans), std::move(pool)))
    return in.fail("image event property span is out of range");
  if (!log.m_content_dict.deserialize(in) || !log.m_sequence_dict.deserialize(in) ||
      !log.m_service_dict.deserialize(in) || !log.m_prop_dict.deserialize(in))
    return false;

  if (!std::is_sorted(log.m_at.begin(), log.m_at.end())) return in.fail("image events are not in time order");
  if (!below(log.m_type, k_event_type_count) || !below(log.m_deleted, 2))
    return in.fail("image event type or deletion flag is out of range");
  if (!below(log.m_content, log.m_content_dict.size()) ||
      !below(log.m_sequence, log.m_sequence_dict.size()) ||
      !below(log.m_service, log.m_service_dict.size()) || !below(keys, log.m_prop_dict.size()) ||
      !below(values, log.m_prop_dict.size()))
    return in.fail("image event dictionary code is out of range");
  IdSet seen(n);
  for (const auto id : log.m_id) {
    if (id == 0 || !seen.insert(id)) return in.fail("image event id is zero or repeated");
  }

  std::vector<std::uint64_t> ids, devices;
  std::vector<std::int64_t> millis;
  std::vector<std::uint32_t> counters;
  if (!in.array(ids) || !in.array(millis, ids.size()) || !in.array(counters, ids.size()) ||
      !in.array(devices, ids.size()))
    return false;
  for (std::size_t i = 0; i < ids.size(); ++i) {
    if (ids[i] == 0 || !seen.contains(ids[i])) return in.fail("image deletion stamp names an unknown event");
    log.m_deleted_stamps[ids[i]] = Stamp{millis[i], counters[i], devices[i]};
  }
  *this = std::move(log);
  return true;
}

}  // namespace nurture
