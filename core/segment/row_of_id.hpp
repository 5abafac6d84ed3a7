#pragma once
/// Live lead id → row as an open-addressing table (linear probing, ids are never 0). The event
/// indexes (SegmentCache, metrics::MetricsCache) look up every event's lead, and at 2 million
/// events the node-based hash index of the store cost most of their build in cache misses.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "core/store/lead_store.hpp"

namespace nurture::segment {

class RowOfId {
 public:
  explicit RowOfId(const LeadStore& leads) {
    std::size_t capacity = 16;
    while (capacity < leads.size() * 2) capacity *= 2;
    m_mask = capacity - 1;
    m_keys.assign(capacity, 0);
    m_rows.assign(capacity, 0);
    leads.for_each_live([&](std::uint32_t row) {
      const std::uint64_t id = leads.id(row).value;
      std::size_t i = slot(id);
      while (m_keys[i] != 0 && m_keys[i] != id) i = (i + 1) & m_mask;
      m_keys[i] = id;
      m_rows[i] = row;
    });
  }
  [[nodiscard]] std::optional<std::uint32_t> find(std::uint64_t id) const {
    for (std::size_t i = slot(id);; i = (i + 1) & m_mask) {
      if (m_keys[i] == id) return m_rows[i];
      if (m_keys[i] == 0) return std::nullopt;
    }
  }

 private:
  [[nodiscard]] std::size_t slot(std::uint64_t id) const {
    return static_cast<std::size_t>((id * 0x9E3779B97F4A7C15ULL) >> 32U) & m_mask;
  }
  std::size_t m_mask = 0;
  std::vector<std::uint64_t> m_keys;
  std::vector<std::uint32_t> m_rows;
};

}  // namespace nurture::segment
