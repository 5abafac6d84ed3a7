#pragma once
// Internal to core/demo: the demo generator's seeded random numbers (splitmix64 steps).

#include <cstdint>
#include <span>

namespace nurture::demo {

inline std::uint64_t mix(std::uint64_t z) {
  z = (z ^ (z >> 30U)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27U)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31U);
}

class Rng {
 public:
  explicit Rng(std::uint64_t seed) : m_state(mix(seed + 0x9e3779b97f4a7c15ULL)) {}
  std::uint64_t next() { return mix(m_state += 0x9e3779b97f4a7c15ULL); }
  double uniform() { return static_cast<double>(next() >> 11U) * 0x1.0p-53; }
  bool chance(double p) { return uniform() < p; }
  /// a <= x <= b
  std::int64_t range(std::int64_t a, std::int64_t b) {
    return a + static_cast<std::int64_t>(next() % static_cast<std::uint64_t>(b - a + 1));
  }
  template <class T>
  const T& pick(std::span<const T> items) {
    return items[next() % items.size()];
  }
  std::size_t weighted(std::span<const int> weights) {
    int total = 0;
    for (const int w : weights) total += w;
    int r = static_cast<int>(next() % static_cast<std::uint64_t>(total));
    for (std::size_t i = 0; i < weights.size(); ++i) {
      if (r < weights[i]) return i;
      r -= weights[i];
    }
    return weights.size() - 1;
  }

 private:
  std::uint64_t m_state;
};

}  // namespace nurture::demo
