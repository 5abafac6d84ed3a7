#pragma once
/// The sequence benchmarks' seeded workspace (bench/sequence_bench.cpp; a 90-day simulation at
/// M = 20,000 leads can build the same data): `leads` leads in a few US zones and states, each
/// with ONE running enrolment in one of three active sequences of email and text steps (send
/// windows, offsets of hours and days), its earlier steps recorded as sent (a few skipped), and
/// for about a sixth of the leads an ended "blast" enrolment with recent sends, so frequency
/// caps bite. Some leads lack marketing consent or an address, some asked not to be emailed or
/// texted.
///
/// Built so that a SQL engine keeping (enrolment, pending step, planned time) rows decides the
/// same due touches with plain rules at any instant in [k_sequence_bench_now, + 1 hour]: zones
/// keep one UTC offset through that hour (November, standard time), every pending step is planned
/// within 47 hours before that instant or later and every step after the first comes two days or
/// more after its previous one (so a step passed over for want of consent never makes the next one
/// due in the window), nothing is 14 days late, and no goals or waits.

#include <cstdint>
#include <string>
#include <vector>

#include "core/model/workspace.hpp"

namespace nurture::bench {

/// Tuesday 17 November 2026, 20:30 in New York (01:30 UTC on the 18th): Florida's quiet hours
/// (until 20:00) have begun, the federal ones (21:00) not yet; the sequences' windows are open
/// in some zones and closed in others.
inline constexpr UnixMillis k_sequence_bench_now = 1'794'965'400'000;
inline constexpr std::uint64_t k_sequence_bench_seed = 20261127;

/// What a SQL-based engine would store for one running enrolment: its pending step and when it
/// is planned (the step after the last recorded one; its planned time from that record).
struct PendingTouch {
  std::string enrollment;
  std::string sequence;
  std::string step;
  std::size_t step_index = 0;
  LeadId lead;
  UnixMillis planned_at = 0;
};

struct SequenceBenchData {
  Workspace ws;                       ///< enrolments and touch records sorted by key
  std::vector<PendingTouch> pending;  ///< one per running enrolment
  /// Per lead (index = lead id - 1): its zone's UTC offset in minutes at k_sequence_bench_now.
  std::vector<int> utc_offset_minutes;
};

/// The seeded workspace with `leads` leads (100,000 in sequence_bench; 20,000 is "M").
SequenceBenchData make_sequence_bench_data(std::size_t leads, std::uint64_t seed = k_sequence_bench_seed);

}  // namespace nurture::bench
