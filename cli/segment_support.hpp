#pragma once
/// What the commands that evaluate a segment query share: the moment they answer for (--now,
/// --utc-offset) and the query's members, scored with the workspace's model so that `score`
/// means what the app shows.

#include <string>

#include "cli/cli_support.hpp"
#include "core/scoring/scoring.hpp"
#include "core/segment/engine.hpp"
#include "core/segment/membership.hpp"

namespace nurture::cli {

/// The moment and the local offset (minutes east of UTC) a command answers for.
struct When {
  UnixMillis now = 0;
  int offset = 0;
};

/// --now (ISO 8601), else the wall clock; --utc-offset MINUTES (−840…840), else 0. An Error
/// (a usage error) names the bad option.
Expected<When> when_of(const Args& args);

/// The local calendar date at `when`.
CivilDate local_date(const When& when);

/// Scores from the workspace's model (an empty table when it has none); an Error when the model
/// is invalid. `cache` (optional) is shared with later evaluations.
Expected<ScoreTable> scores_of(const Workspace& ws, const When& when, segment::SegmentCache* cache);

/// The live leads `text` matches in `ws` at `when`. A parse or bind error comes back with its
/// line and column (Error::describe); `usage` tells a query error (the user's text, exit 2)
/// from a broken workspace (exit 1).
struct QueryFailure {
  Error error;
  bool usage = true;
};
Expected<segment::LeadSet> evaluate_query(const Workspace& ws, const std::string& text, const When& when,
                                          QueryFailure& failure);

}  // namespace nurture::cli
