#pragma once
// Builders shared by the metrics tests: a workspace from plain leads, events and touch records.
#include <catch_amalgamated.hpp>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "core/metrics/metrics_report.hpp"
#include "tests/unit/test_support.hpp"

namespace nurture::test {

inline constexpr UnixMillis k_day = k_day_ms;
inline constexpr UnixMillis k_hour = std::int64_t{60} * 60 * 1000;

/// Checks the funnel figures every computation of them has (the naive oracle too): per stage
/// reached, at start, cohort, converted and median days in stage; conversions and the median
/// days to convert.
inline void check_funnel_counts(const metrics::FunnelFigures& got, const metrics::FunnelFigures& want) {
  for (std::size_t k = 0; k < k_stage_count; ++k) {
    INFO("stage " << k);
    CHECK(got.stages[k].reached == want.stages[k].reached);
    CHECK(got.stages[k].at_start == want.stages[k].at_start);
    CHECK(got.stages[k].cohort == want.stages[k].cohort);
    CHECK(got.stages[k].converted == want.stages[k].converted);
    CHECK(got.stages[k].median_days_in_stage == want.stages[k].median_days_in_stage);
  }
  CHECK(got.conversions == want.conversions);
  CHECK(got.median_days_to_conversion == want.median_days_to_conversion);
}

inline Lead metrics_lead(std::uint64_t id, UnixMillis created, std::vector<StageChange> history) {
  Lead l;
  l.id = LeadId{id};
  l.first_name = "L" + std::to_string(id);
  l.created_at = created;
  l.stage_history = std::move(history);
  if (!l.stage_history.empty()) l.stage = l.stage_history.back().stage;
  return l;
}

inline TouchRecord touch(const std::string& sequence, std::uint64_t lead, const std::string& step,
                         TouchOutcome outcome, UnixMillis at) {
  TouchRecord t;
  t.key = touch_key(enrollment_key(sequence, LeadId{lead}, 0), step);
  t.outcome = outcome;
  t.at = at;
  return t;
}

inline void sort_touches(Workspace& ws) {
  std::sort(ws.touches.begin(), ws.touches.end(),
            [](const TouchRecord& a, const TouchRecord& b) { return a.key < b.key; });
}

/// A sequence with email steps `emails` and text steps `texts`.
inline Sequence two_channel_sequence(const std::string& id, const std::vector<std::string>& emails,
                                     const std::vector<std::string>& texts) {
  Sequence s;
  s.id = id;
  s.name = id;
  for (const auto& e : emails) {
    Step st;
    st.id = e;
    st.channel = StepChannel::email;
    s.steps.push_back(st);
  }
  for (const auto& t : texts) {
    Step st;
    st.id = t;
    st.channel = StepChannel::text;
    s.steps.push_back(st);
  }
  return s;
}

}  // namespace nurture::test
