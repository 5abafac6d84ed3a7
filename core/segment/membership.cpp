#include "core/segment/membership.hpp"

#include <algorithm>

#include "core/segment/engine.hpp"
#include "core/segment/parser.hpp"

namespace nurture::segment {

ParsedSegments::ParsedSegments(const std::vector<SavedSegment>& segments) {
  for (const auto& s : segments) {
    if (!s.deleted) m_entries.push_back({s, parse_query(s.query)});
  }
}

const Node* ParsedSegments::find(std::string_view name) const {
  for (const auto& e : m_entries) {
    if (same_segment_name(e.segment.name, name)) return e.query.ok() ? &e.query.value() : nullptr;
  }
  return nullptr;
}

EvalContext make_context(const Workspace& ws, UnixMillis now, int utc_offset_minutes,
                         const ScoreTable* scores, const ParsedSegments& parsed) {
  EvalContext ctx;
  ctx.workspace = &ws;
  ctx.now = now;
  ctx.utc_offset_minutes = utc_offset_minutes;
  ctx.scores = scores;
  ctx.find_segment = [&parsed](std::string_view name) { return parsed.find(name); };
  return ctx;
}

std::vector<MembershipChange> membership_changes(const Workspace& ws, const EvalContext& ctx,
                                                 const ParsedSegments& parsed, SegmentCache* cache) {
  std::vector<MembershipChange> out;
  const auto record = [&](const std::string& segment, const std::vector<LeadId>& now_in) {
    const auto before = recorded_members(ws.segment_history, segment);
    // Both sorted by id: one merge walk finds entries and exits.
    std::size_t i = 0;
    std::size_t j = 0;
    while (i < before.size() || j < now_in.size()) {
      if (j == now_in.size() || (i < before.size() && before[i] < now_in[j])) {
        out.push_back({segment, before[i++], ctx.now, false});
      } else if (i == before.size() || now_in[j] < before[i]) {
        out.push_back({segment, now_in[j++], ctx.now, true});
      } else {
        ++i;
        ++j;
      }
    }
  };
  for (const auto& s : ws.segments) {
    if (s.deleted) {
      record(s.id, {});
      continue;
    }
    const auto it = std::find_if(parsed.entries().begin(), parsed.entries().end(),
                                 [&](const ParsedSegments::Entry& e) { return e.segment.id == s.id; });
    if (it == parsed.entries().end() || !it->query.ok()) continue;
    auto members = evaluate(it->query.value(), s.query, ctx, cache);
    if (!members) continue;
    auto ids = members.value().ids(ws.leads);
    std::sort(ids.begin(), ids.end());
    record(s.id, ids);
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace nurture::segment
