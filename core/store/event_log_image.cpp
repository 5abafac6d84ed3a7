// EventLog in the binary workspace image: one length-prefixed array per column, then a
// validation pass. The per-lead index is not stored: the first of_lead() builds it, which
// keeps opening a workspace a memcpy per column (bench/README.md has the measurements).

#include <algorithm>

#include "core/store/event_log.hpp"

namespace nurture {

namespace {

std::uint64_t mix_id(std::uint64_t id) {
  // The splitmix finaliser: spreads sequential or patterned ids over all bits.
  id = (id ^ (id >> 30)) * 0xBF58476D1CE4E5B9ULL;
  id = (id ^ (id >> 27)) * 0x94D049BB133111EBULL;
  return id ^ (id >> 31);
}

/// True when the ids (all non-zero) are distinct. Millions of random ids in one hash table
/// would miss the cache on every insert, so they are first scattered into buckets of about
/// 8,000 by the top bits of their hash (two sequential passes), and each bucket is checked
/// in a small table that stays in cache: about four times faster than one big table.
bool distinct(const std::vector<std::uint64_t>& ids) {
  const std::size_t n = ids.size();
  int bits = 0;
  while (bits < 16 && (n >> bits) > 8192) ++bits;
  const auto bucket = [bits](std::uint64_t h) {
    return bits == 0 ? std::size_t{0} : static_cast<std::size_t>(h >> (64 - bits));
  };
  std::vector<std::uint32_t> start((std::size_t{1} << bits) + 1, 0);
  for (const auto id : ids) ++start[bucket(mix_id(id)) + 1];
  for (std::size_t b = 1; b < start.size(); ++b) start[b] += start[b - 1];
  std::vector<std::uint64_t> scattered(n);
  std::vector<std::uint32_t> cursor(start.begin(), start.end() - 1);
  std::uint32_t largest = 0;
  for (std::size_t b = 0; b + 1 < start.size(); ++b) largest = std::max(largest, start[b + 1] - start[b]);
  for (const auto id : ids) scattered[cursor[bucket(mix_id(id))]++] = id;
  std::size_t size = 16;
  while (size < 2 * std::size_t{largest}) size *= 2;
  std::vector<std::uint64_t> table(size, 0);
  std::vector<std::size_t> used;
  used.reserve(largest);
  for (std::size_t b = 0; b + 1 < start.size(); ++b) {
    for (auto i = start[b]; i < start[b + 1]; ++i) {
      const auto id = scattered[i];
      for (auto slot = static_cast<std::size_t>(mix_id(id)) & (size - 1);; slot = (slot + 1) & (size - 1)) {
        if (table[slot] == id) return false;
        if (table[slot] == 0) {
          table[slot] = id;
          used.push_back(slot);
          break;
        }
      }
    }
    for (const auto slot : used) table[slot] = 0;
    used.clear();
  }
  return true;
}

template <class T>
bool below(const std::vector<T>& values, std::size_t size) {
  return std::all_of(values.begin(), values.end(),
                     [size](T v) { return static_cast<std::size_t>(v) < size; });
}

}  // namespace

// Pieces: each column, then the properties, the dictionaries and the deletion stamps.
std::size_t EventLog::serialize_pieces() const { return 14; }

void EventLog::serialize(ImageWriter& out) const {
  for (std::size_t i = 0; i < serialize_pieces(); ++i) serialize_piece(out, i);
}

void EventLog::serialize_piece(ImageWriter& out, std::size_t i) const {
  switch (i) {
    case 0:
      return out.array(m_id);
    case 1:
      return out.array(m_lead);
    case 2:
      return out.array(m_at);
    case 3:
      return out.array(m_type);
    case 4:
      return out.array(m_content);
    case 5:
      return out.array(m_sequence);
    case 6:
      return out.array(m_step);
    case 7:
      return out.array(m_seconds);
    case 8:
      return out.array(m_amount);
    case 9:
      return out.array(m_service);
    case 10:
      return out.array(m_deleted);
    case 11: {
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
      return out.array(values);
    }
    case 12:
      m_content_dict.serialize(out);
      m_sequence_dict.serialize(out);
      m_service_dict.serialize(out);
      return m_prop_dict.serialize(out);
    case 13: {
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
      return out.array(devices);
    }
    default:
      return;
  }
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
  if (std::find(log.m_id.begin(), log.m_id.end(), 0) != log.m_id.end() || !distinct(log.m_id))
    return in.fail("image event id is zero or repeated");

  std::vector<std::uint64_t> ids, devices;
  std::vector<std::int64_t> millis;
  std::vector<std::uint32_t> counters;
  if (!in.array(ids) || !in.array(millis, ids.size()) || !in.array(counters, ids.size()) ||
      !in.array(devices, ids.size()))
    return false;
  // Deletion stamps belong to deleted events only (set_deleted sets both); those are few.
  std::vector<std::uint64_t> deleted;
  for (std::size_t p = 0; p < n; ++p) {
    if (log.m_deleted[p] != 0) deleted.push_back(log.m_id[p]);
  }
  std::sort(deleted.begin(), deleted.end());
  for (std::size_t i = 0; i < ids.size(); ++i) {
    if (!std::binary_search(deleted.begin(), deleted.end(), ids[i]))
      return in.fail("image deletion stamp names an event that is not deleted");
    log.m_deleted_stamps[ids[i]] = Stamp{millis[i], counters[i], devices[i]};
  }
  *this = std::move(log);
  return true;
}

}  // namespace nurture
