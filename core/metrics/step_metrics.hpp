#pragma once
/// Per sequence and per step: sends in the period and what followed them (docs/metrics.md).
/// Sends come from touch records; opens, clicks, replies, unsubscribes and bookings from the
/// lead's events, each attributed to the lead's latest send before it within the window.

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/metrics/metrics_cache.hpp"
#include "core/metrics/metrics_filter.hpp"

namespace nurture::metrics {

/// How long after a send an event still counts for it.
inline constexpr UnixMillis k_attribution_window_ms = 7 * k_day_ms;
/// An open this soon after the send is a machine (a mail server or privacy proxy fetching it).
inline constexpr UnixMillis k_machine_open_ms = 2000;

/// Sends, and how many of them were followed (within the window) by each response. Each figure
/// counts sends, so a send opened three times counts once.
struct MessageCounts {
  std::uint64_t sent = 0;
  std::uint64_t opened = 0;        ///< any open, machine ones included
  std::uint64_t opened_human = 0;  ///< at least one open that is not a machine open
  std::uint64_t clicked = 0;
  std::uint64_t replied = 0;
  std::uint64_t unsubscribed = 0;
  std::uint64_t booked = 0;
  MessageCounts& operator+=(const MessageCounts& o);
  friend bool operator==(const MessageCounts&, const MessageCounts&) = default;
};

struct StepFigures {
  std::string step;
  MessageCounts counts;
};

struct SequenceFigures {
  std::string sequence;
  MessageCounts counts;  ///< the sum over its steps
  std::vector<StepFigures> steps;
};

/// Touch outcomes that mean the message went out: sent, replied, booked.
bool is_send(TouchOutcome outcome);

/// True when the open at `pos` is a machine open for a send at `sent_at`: within
/// k_machine_open_ms of it, or property machine=true, or a user_agent property naming Apple
/// Mail Privacy Protection ("privacy protection", any case).
bool is_machine_open(const EventLog& events, std::uint32_t pos, UnixMillis sent_at);

/// Sorts `order` (indexes into `groups`, each a (sequence id, step id)) in report order: the
/// workspace's sequences in their order, then unknown sequence ids by name; within a sequence its
/// steps in their order, then unknown step ids by name.
void sort_groups(const Workspace& ws, const std::vector<std::pair<std::string, std::string>>& groups,
                 std::vector<std::uint32_t>& order);

/// Figures per sequence (workspace order, then unknown ids by name) and step (the sequence's
/// order, then unknown ids by name), over sends in `range` to leads in `leads`; only sequences
/// and steps with a send appear.
/// With `cache` (refreshed here for `ws`), the same figures from its indexes.
std::vector<SequenceFigures> compute_step_metrics(const Workspace& ws, const segment::LeadSet& leads,
                                                  const MetricsRange& range, MetricsCache* cache = nullptr);

}  // namespace nurture::metrics
