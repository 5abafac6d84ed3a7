#pragma once
/// Builds a MetricsCache in bounded slices, so the app can spread the build (about 1.4 s at L in
/// wasm: bench/metrics_bench.cpp) over frames behind a progress bar instead of freezing the tab
/// (CHECKLISTS U13). The budget is a count of work units, not time: core has no clock. The cache
/// it yields equals MetricsCache::refresh()'s, whatever the slice sizes
/// (tests/unit/metrics_cache_test.cpp); refresh() is this builder run in one slice.
///
/// The workspace must stay alive and unchanged while the build runs: before each step() the
/// caller checks describes(ws) and starts a new builder when it is false (an edit, an undo, an
/// import). Dropping a builder leaves nothing behind; a cache exists only once take() returns it.

#include <cstddef>
#include <memory>

#include "core/metrics/metrics_cache.hpp"

namespace nurture::metrics {

class MetricsCacheBuilder {
 public:
  /// Starts a build for `ws` as it is now.
  explicit MetricsCacheBuilder(const Workspace& ws);
  ~MetricsCacheBuilder();
  MetricsCacheBuilder(const MetricsCacheBuilder&) = delete;
  MetricsCacheBuilder& operator=(const MetricsCacheBuilder&) = delete;
  MetricsCacheBuilder(MetricsCacheBuilder&&) noexcept;
  MetricsCacheBuilder& operator=(MetricsCacheBuilder&&) noexcept;

  /// Does about `budget` units of work and returns true once the cache is complete. A unit is one
  /// lead row, event, touch record or send visited by a pass; a few whole-array steps (the live
  /// rows, sorting the sends and the visits) run within one call and count their length. Every
  /// call makes progress (a budget of 0 counts as 1); after completion it does nothing.
  bool step(std::size_t budget);
  [[nodiscard]] bool done() const;
  /// The share of the work done, in [0, 1]: 0 at the start, 1 exactly when done(), never
  /// decreasing.
  [[nodiscard]] double progress() const;
  /// True while `ws` is the workspace the build started from, at the same revision and sizes.
  [[nodiscard]] bool describes(const Workspace& ws) const;
  /// The finished cache (builds() == 1). Precondition: done(); afterwards the builder is spent.
  [[nodiscard]] MetricsCache take();

 private:
  struct Work;
  std::unique_ptr<Work> m_work;
};

}  // namespace nurture::metrics
