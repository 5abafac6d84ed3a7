#include "cli/segment_support.hpp"

#include <stdexcept>

#include "core/import/values.hpp"
#include "core/segment/parser.hpp"

namespace nurture::cli {

Expected<When> when_of(const Args& args) {
  When w{now_millis(), 0};
  if (const auto now = args.get("--now")) {
    const auto t = parse_timestamp(*now);
    if (!t)
      return Error{"--now: '" + *now + "' is not a date-time (use ISO 8601, e.g. 2026-11-27T09:00:00Z)"};
    w.now = *t;
  }
  if (const auto off = args.get("--utc-offset")) {
    try {
      std::size_t used = 0;
      w.offset = std::stoi(*off, &used);
      if (used != off->size() || w.offset < -14 * 60 || w.offset > 14 * 60) throw std::out_of_range("offset");
    } catch (const std::exception&) {
      return Error{"--utc-offset: '" + *off + "' is not a number of minutes between -840 and 840"};
    }
  }
  return w;
}

CivilDate local_date(const When& when) { return utc_date(when.now + std::int64_t{when.offset} * 60'000); }

Expected<ScoreTable> scores_of(const Workspace& ws, const When& when, segment::SegmentCache* cache) {
  if (ws.scoring.empty()) return ScoreTable{};
  auto compiled = compile_scoring(ws.scoring);
  if (!compiled) return Error{"the workspace's scoring model is invalid: " + compiled.error().message};
  return compute_scores(compiled.value(), ws, when.now, when.offset, cache);
}

Expected<segment::LeadSet> evaluate_query(const Workspace& ws, const std::string& text, const When& when,
                                          QueryFailure& failure) {
  auto query = segment::parse_query(text);
  if (!query) {
    failure = {query.error(), true};
    return query.error();
  }
  segment::SegmentCache cache;
  const auto scores = scores_of(ws, when, &cache);
  if (!scores) {
    failure = {scores.error(), false};
    return scores.error();
  }
  const segment::ParsedSegments saved(ws.segments);
  const auto ctx = segment::make_context(ws, when.now, when.offset, &scores.value(), saved);
  auto members = segment::evaluate(query.value(), text, ctx, &cache);
  if (!members) failure = {members.error(), true};
  return members;
}

}  // namespace nurture::cli
