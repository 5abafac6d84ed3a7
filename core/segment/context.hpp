#pragma once
/// What a segment query is evaluated against: the workspace at one moment.

#include <functional>
#include <string_view>

#include "core/model/workspace.hpp"
#include "core/scoring/score_table.hpp"
#include "core/segment/ast.hpp"
#include "core/util/civil_time.hpp"

namespace nurture::segment {

struct EvalContext {
  const Workspace* workspace = nullptr;
  /// The moment `within`, `today`, `this month`, ages and birthdays are measured from.
  UnixMillis now = 0;
  /// The practice's offset from UTC at `now`, in minutes (e.g. -300 for New York in winter):
  /// calendar words (today, this month, last month, birthday, age, dates) are local dates.
  int utc_offset_minutes = 0;
  /// Scores for `score` / `score.GROUP`; null means every score is 0 and no group is known.
  const ScoreTable* scores = nullptr;
  /// Saved segments by name (case-insensitive match is the resolver's job) for in_segment():
  /// the parsed query, or null when there is no such segment. Null resolver: none exist.
  std::function<const Node*(std::string_view name)> find_segment;
};

}  // namespace nurture::segment
