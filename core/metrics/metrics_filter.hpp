#pragma once
/// The date range and the filter every measurement figure is computed over (docs/metrics.md).

#include <string>

#include "core/model/workspace.hpp"
#include "core/segment/lead_set.hpp"
#include "core/util/expected.hpp"
#include "core/util/time_units.hpp"

namespace nurture::metrics {

/// A half-open period [from, to). Valid when from < to.
struct MetricsRange {
  UnixMillis from = 0;
  UnixMillis to = 0;
  /// The period of the same length just before: [from - (to - from), from).
  [[nodiscard]] MetricsRange previous() const { return {from - (to - from), from}; }
  friend bool operator==(const MetricsRange&, const MetricsRange&) = default;
};

/// Which leads the figures count; an empty member does not filter.
struct MetricsFilter {
  std::string source;      ///< Lead::source equals it
  std::string treatment;   ///< an interest, or a booked/attended/purchased service, equals it
  std::string segment;     ///< a saved segment (id, or name ignoring case): members at `to`
  std::string sequence;    ///< a sequence id: the lead was ever enrolled in it
  std::string pipeline{};  ///< a funnel pipeline id: the lead belongs to it (pipeline_of)
  friend bool operator==(const MetricsFilter&, const MetricsFilter&) = default;
};

/// The live leads `filter` keeps, as a set over LeadStore rows. The segment is evaluated at `at`
/// (UTC dates; scores from the workspace's scoring model). An Error when the segment is unknown,
/// deleted or its query (or the scoring model) does not evaluate, or the pipeline is unknown.
Expected<segment::LeadSet> filter_leads(const Workspace& ws, const MetricsFilter& filter, UnixMillis at);

/// The LeadStore row of the live lead with the id in a touch key "<seq>/<lead>/<ms>/<step>",
/// with the sequence and step parts; false when the key is malformed or the lead is not live.
struct TouchKeyParts {
  std::string_view sequence;
  std::string_view step;
  std::uint32_t row = 0;
};
bool split_touch_key(const LeadStore& leads, std::string_view key, TouchKeyParts& out);

}  // namespace nurture::metrics
