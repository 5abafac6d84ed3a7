#pragma once
/// SplitMix64 (Steele, Lea and Flood, 2014): a tiny, fast, seeded pseudo-random generator.
/// Everything that must repeat from run to run draws from it: the demo practice, the property
/// tests, the benchmark data and the UI tests' fake platform. Not for secrets (passphrase salts
/// and IVs come from the browser's crypto).

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <vector>

namespace nurture {

class SplitMix64 {
 public:
  /// The same seed gives the same sequence on every platform.
  explicit constexpr SplitMix64(std::uint64_t seed) : m_state(seed) {}

  constexpr std::uint64_t next() {
    std::uint64_t z = (m_state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30U)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27U)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31U);
  }
  /// 0 <= x < n (a slight modulo bias, irrelevant for test data). Precondition: n > 0.
  std::size_t below(std::size_t n) { return static_cast<std::size_t>(next() % n); }
  /// True `percent` times in a hundred.
  bool chance(unsigned percent) { return below(100) < percent; }
  /// One of `items`. Precondition: not empty.
  template <class T>
  const T& pick(const std::vector<T>& items) {
    return items[below(items.size())];
  }
  template <class T>
  T pick(std::initializer_list<T> items) {
    return *(items.begin() + static_cast<std::ptrdiff_t>(below(items.size())));
  }

 private:
  std::uint64_t m_state;
};

}  // namespace nurture
