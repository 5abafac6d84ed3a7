#pragma once
/// A simulation added up for people: touches per local day and channel, per sequence (with its
/// new enrolments, exits and projected bookings), and the totals. The simulator view and
/// `nurture simulate` show the same figures.

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "core/model/workspace.hpp"
#include "core/sequence/simulator.hpp"

namespace nurture {

using ChannelCounts = std::array<std::uint32_t, k_step_channel_count>;

struct SequenceForecast {
  std::string id;
  std::string name;  ///< the sequence's name ("" when it is gone)
  ChannelCounts touches{};
  std::uint32_t total = 0;
  std::uint32_t enrolled = 0;  ///< new enrolments during the simulation
  std::uint32_t finished = 0;  ///< enrolments that ran to the end
  std::uint32_t goals = 0;     ///< enrolments ended by a goal
  std::uint32_t stuck = 0;     ///< touches held at the end until something changes
  double projected_bookings = 0;
};

struct SimulationSummary {
  /// Every local day the simulation touches (days since 1970-01-01 in the practice's zone, UTC
  /// when it is unknown), in order, with the touches sent on it per channel.
  std::vector<std::int64_t> days;
  std::vector<ChannelCounts> per_day;
  /// Sequences with any touch, enrolment, exit or stuck touch, by total touches (then name).
  std::vector<SequenceForecast> sequences;
  ChannelCounts touches{};
  std::uint32_t total = 0;
  std::uint32_t peak = 0;  ///< the most touches on one day
};

/// The summary of `sim` (a simulation of `ws`).
SimulationSummary summarize(const Workspace& ws, const Simulation& sim);

/// The local day (days since 1970-01-01) of instant `t` in the practice's zone (UTC when the zone
/// is unknown): how the simulator buckets touches.
std::int64_t practice_day(const Workspace& ws, UnixMillis t);

}  // namespace nurture
