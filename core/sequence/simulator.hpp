#pragma once
/// The simulator: "what will happen over the next N days" on the current workspace, without
/// changing it (docs/simulator.md).
///
/// Contract — the simulation lives the days from `from` to `from + days` as the app would if the
/// practitioner sent every touch the moment it came due and nothing else happened (no reply, open,
/// booking or new lead; the projected bookings below are expectations, they change no walk):
/// - Each lead is simulated on its own (caps and facts are per lead) by the scheduler's per-lead
///   core, at the instants its schedule can change (lead_scheduler.hpp's wake) and when a trigger
///   fires. At each instant: the lead is scheduled; every due touch is recorded sent at that
///   instant; every exit ends its enrolment (ended_at = the exit's time); then trigger
///   occurrences are enrolled as the app's minute tick does — every occurrence at or before the
///   instant and within the planner's 30-day catch-up, not enrolled yet, that the re-entry policy
///   allows, in time order; this repeats at the same instant until nothing changes.
/// - Trigger occurrences come from trigger_occurrences() over [from − 30 days, to): date
///   triggers (birthdays, re-treatment due) and anything already recorded with a later time.
///   Occurrences that need something new to happen (a form, a booking, a segment entry) are not
///   foreseen.
/// - Projected bookings: each simulated touch adds its step's observed booking rate. A step's rate
///   is the bookings attributed to it (a booking goes to the lead's last counted touch in the 14
///   days before it: sent, replied, booked or no answer) over its counted touches; a step with
///   fewer than k_rate_minimum touches borrows its sequence's pooled rate, else the practice's,
///   else none (0). The practice's rate comes from the event log, imported history included:
///   bookings with an email_sent, text_sent or call event of the lead in the 14 days before, over
///   all such events.
/// - Deterministic: the result depends only on the workspace and the options. Simulating day by
///   day, applying each day's result to the workspace (apply_simulation), gives the same touches,
///   enrolments and exits as one long run.
/// - Cost: per simulated lead, one per-lead schedule per instant (a few per touch).

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/model/workspace.hpp"
#include "core/sequence/scheduler.hpp"

namespace nurture {

/// Fewer counted touches than this and a step's observed rate is not trusted on its own.
inline constexpr std::uint32_t k_rate_minimum = 20;
/// A booking within this long after a touch is attributed to it (the last one).
inline constexpr UnixMillis k_attribution_window = 14LL * 86'400'000;
/// The longest simulation.
inline constexpr int k_max_simulation_days = 366;

struct SimulationOptions {
  UnixMillis from = 0;
  int days = 30;  ///< 1 … k_max_simulation_days
  FrequencyCaps caps;
  std::optional<LeadId> follow;  ///< the lead whose timeline to explain
  bool only_follow = false;      ///< simulate only that lead (its timeline, cheaply)
};

/// A touch the simulation sends.
struct SimulatedTouch {
  DueTouch touch;           ///< as the scheduler gave it (planned_at, due_at, first_text, arm)
  UnixMillis sent_at = 0;   ///< when it went: the instant it was due
  double booking_rate = 0;  ///< its step's rate (see StepRate)
  friend bool operator==(const SimulatedTouch&, const SimulatedTouch&) = default;
};

/// Touches on one local day (the practice's zone), for one sequence and channel.
struct SimulatedCount {
  std::int64_t day = 0;  ///< days since 1970-01-01 of the local date
  std::string sequence;
  StepChannel channel = StepChannel::email;
  std::uint32_t touches = 0;
  friend bool operator==(const SimulatedCount&, const SimulatedCount&) = default;
};

/// What the projection of a step is based on.
enum class RateBasis : std::uint8_t { step, sequence, practice, none };

/// A step's observed booking rate.
struct StepRate {
  std::string sequence, step;
  std::uint32_t touches = 0;   ///< counted touches of the step so far
  std::uint32_t bookings = 0;  ///< bookings attributed to them
  double rate = 0;             ///< what the projection uses
  RateBasis basis = RateBasis::none;
  friend bool operator==(const StepRate&, const StepRate&) = default;
};

/// One moment of the followed lead's timeline.
enum class TimelineKind : std::uint8_t { enrolled, not_enrolled, held, passed_over, sent, exited };
struct TimelineEntry {
  UnixMillis at = 0;
  TimelineKind kind = TimelineKind::sent;
  std::string sequence;  ///< Sequence id
  std::string step;      ///< step id (touches)
  StepChannel channel = StepChannel::email;
  UnixMillis planned_at = 0;  ///< touches: the step's own time
  UnixMillis retry_at = 0;    ///< held: when it is tried again (0: when something changes)
  std::string reason;         ///< why: held/passed-over reasons, the trigger, the exit
  friend bool operator==(const TimelineEntry&, const TimelineEntry&) = default;
};

struct Simulation {
  UnixMillis from = 0, to = 0;
  std::vector<SimulatedTouch> touches;  ///< ordered by (sent_at, key)
  std::vector<SimulatedCount> counts;   ///< ordered by (day, sequence, channel)
  std::vector<Enrollment> enrolled;     ///< new enrolments, ordered by key
  std::vector<EnrollmentExit> exits;    ///< ordered by (at, enrolment)
  std::vector<HeldTouch> stuck;         ///< held at the end until something changes, by key
  std::vector<StepRate> rates;          ///< every step of the active sequences, in order
  double projected_bookings = 0;
  std::vector<TimelineEntry> timeline;  ///< the followed lead's, in time order
  std::uint64_t instants = 0;           ///< per-lead schedules run (for benchmarks)
  friend bool operator==(const Simulation&, const Simulation&) = default;
};

/// Simulates `ws` (see the contract above). Options out of range are clamped (days to
/// 1 … k_max_simulation_days).
Simulation simulate(const Workspace& ws, const SimulationOptions& options);

/// The same simulation in steps, so a page can show progress: construct it (which reads the step
/// rates and the trigger occurrences), call step() until it returns true, then take() the result,
/// equal to simulate()'s. `ws` must stay alive and unchanged until then.
class Simulator {
 public:
  Simulator(const Workspace& ws, const SimulationOptions& options);
  ~Simulator();
  Simulator(const Simulator&) = delete;
  Simulator& operator=(const Simulator&) = delete;
  /// Simulates up to `leads` more leads; true when every lead is done.
  bool step(std::size_t leads);
  /// The share of the work done, 0 … 1.
  [[nodiscard]] double progress() const;
  /// The result; finishes the remaining leads first. Call once.
  Simulation take();

 private:
  struct State;
  std::unique_ptr<State> m_state;
};

/// `ws` as the simulation leaves it: the new enrolments added, the exits' enrolments ended (end
/// reason = the exit's), a `sent` TouchRecord per simulated touch at its sent_at. Stamps are
/// left empty: a simulated workspace is never saved.
void apply_simulation(Workspace& ws, const Simulation& sim);

/// The observed booking rates of every step of the active sequences (see the contract).
std::vector<StepRate> observed_step_rates(const Workspace& ws);

std::string_view to_string(RateBasis v);
std::string_view to_string(TimelineKind v);

}  // namespace nurture
