#pragma once
/// The metrics benchmark's seeded workspace (bench/metrics_bench.cpp): the demo practice at a
/// given size with touch records for its sequence emails. The demo itself has no touch records
/// yet, so they are made here, deterministically, from the workspace's email_sent events.

#include <cstdint>

#include "core/model/workspace.hpp"

namespace nurture::bench {

/// 2026-11-19 (the segment benchmark's instant): the demo's year of history ends here.
inline constexpr UnixMillis k_metrics_bench_now = 1'795'000'000'000;
inline constexpr std::uint64_t k_metrics_bench_seed = 20261127;

/// One touch record per live email_sent event that names a sequence, keyed
/// "<sequence>/<lead>/<lead created_at>/s<step>" (the first event per key wins), at the event's
/// time. The outcome comes from the event id: about 91 % sent, 4 % skipped (not a send), 3 %
/// replied and 2 % booked. Replaces ws.touches, sorted by key.
void add_bench_touches(Workspace& ws);

/// The demo practice with `leads` leads (seed k_metrics_bench_seed, history ending at
/// k_metrics_bench_now) and add_bench_touches().
Workspace make_metrics_bench_workspace(std::size_t leads);

}  // namespace nurture::bench
