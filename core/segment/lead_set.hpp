#pragma once
/// A set of LeadStore rows as a bitset: what segment evaluation passes between clauses and
/// returns. One bit per row (12.5 KB at 100,000 rows), so intersecting and counting are word
/// operations and no clause allocates per lead.

#include <bit>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/model/lead_types.hpp"

namespace nurture {
class LeadStore;
}

namespace nurture::segment {

class LeadSet {
 public:
  LeadSet() = default;
  /// An empty set over rows [0, size).
  explicit LeadSet(std::size_t size) : m_size(size), m_words((size + 63) / 64, 0) {}

  /// Every live row of `store` (the universe a query ranges over).
  static LeadSet live(const LeadStore& store);

  /// Rows the set ranges over (not how many are in it).
  [[nodiscard]] std::size_t size() const { return m_size; }
  /// How many rows are in the set.
  [[nodiscard]] std::size_t count() const;
  [[nodiscard]] bool empty() const;
  /// False for rows outside [0, size()).
  [[nodiscard]] bool contains(std::uint32_t row) const {
    return row < m_size && ((m_words[row >> 6U] >> (row & 63U)) & 1U) != 0;
  }
  /// Precondition: row < size().
  void set(std::uint32_t row) { m_words[row >> 6U] |= std::uint64_t{1} << (row & 63U); }
  void reset(std::uint32_t row) { m_words[row >> 6U] &= ~(std::uint64_t{1} << (row & 63U)); }

  /// Set operations with a set of the same size() (precondition).
  LeadSet& operator&=(const LeadSet& other);
  LeadSet& operator|=(const LeadSet& other);
  /// Removes every row of `other`.
  LeadSet& andnot(const LeadSet& other);
  /// The rows of `universe` not in this set. Precondition: same size().
  [[nodiscard]] LeadSet complement(const LeadSet& universe) const;

  /// Calls fn(row) for every row in the set, ascending.
  template <class Fn>
  void for_each(Fn&& fn) const {
    for (std::size_t w = 0; w < m_words.size(); ++w) {
      std::uint64_t bits = m_words[w];
      while (bits != 0) {
        const auto bit = static_cast<std::uint32_t>(std::countr_zero(bits));
        fn(static_cast<std::uint32_t>(w * 64 + bit));
        bits &= bits - 1;
      }
    }
  }

  /// The 64-row words (row r is bit r % 64 of word r / 64), for word-at-a-time scans.
  [[nodiscard]] const std::vector<std::uint64_t>& words() const { return m_words; }
  /// Replaces word `i`. Precondition: no bit at or beyond size() is set.
  void set_word(std::size_t i, std::uint64_t bits) { m_words[i] = bits; }

  /// The rows' lead ids, in row order.
  [[nodiscard]] std::vector<LeadId> ids(const LeadStore& store) const;
  /// The rows, ascending.
  [[nodiscard]] std::vector<std::uint32_t> rows() const;

  friend bool operator==(const LeadSet&, const LeadSet&) = default;

 private:
  std::size_t m_size = 0;
  std::vector<std::uint64_t> m_words;
};

}  // namespace nurture::segment
