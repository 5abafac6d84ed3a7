#include "core/segment/lead_set.hpp"

#include "core/store/lead_store.hpp"

namespace nurture::segment {

LeadSet LeadSet::live(const LeadStore& store) {
  LeadSet set(store.rows());
  store.for_each_live([&](std::uint32_t row) { set.set(row); });
  return set;
}

std::size_t LeadSet::count() const {
  std::size_t n = 0;
  for (const std::uint64_t w : m_words) n += static_cast<std::size_t>(std::popcount(w));
  return n;
}

bool LeadSet::empty() const {
  for (const std::uint64_t w : m_words) {
    if (w != 0) return false;
  }
  return true;
}

LeadSet& LeadSet::operator&=(const LeadSet& other) {
  for (std::size_t i = 0; i < m_words.size(); ++i) m_words[i] &= other.m_words[i];
  return *this;
}

LeadSet& LeadSet::operator|=(const LeadSet& other) {
  for (std::size_t i = 0; i < m_words.size(); ++i) m_words[i] |= other.m_words[i];
  return *this;
}

LeadSet& LeadSet::andnot(const LeadSet& other) {
  for (std::size_t i = 0; i < m_words.size(); ++i) m_words[i] &= ~other.m_words[i];
  return *this;
}

LeadSet LeadSet::complement(const LeadSet& universe) const {
  LeadSet out = universe;
  out.andnot(*this);
  return out;
}

std::vector<LeadId> LeadSet::ids(const LeadStore& store) const {
  std::vector<LeadId> out;
  out.reserve(count());
  for_each([&](std::uint32_t row) { out.push_back(store.id(row)); });
  return out;
}

std::vector<std::uint32_t> LeadSet::rows() const {
  std::vector<std::uint32_t> out;
  out.reserve(count());
  for_each([&](std::uint32_t row) { out.push_back(row); });
  return out;
}

}  // namespace nurture::segment
