// nurture segment W.json 'QUERY' [--now ISO8601] [--utc-offset MINUTES] [--ids] [--explain LEAD_ID]
// nurture score W.json [--now ISO8601] [--utc-offset MINUTES] [--lead LEAD_ID]
#include <string>

#include "cli/cli_support.hpp"
#include "cli/commands.hpp"
#include "cli/segment_support.hpp"
#include "core/scoring/scoring.hpp"
#include "core/segment/engine.hpp"
#include "core/segment/membership.hpp"
#include "core/segment/naive.hpp"
#include "core/segment/parser.hpp"

namespace nurture::cli {

namespace {

using Json = nlohmann::ordered_json;

Json clause_json(const segment::ClauseValue& c) {
  Json j;
  j["clause"] = c.label;
  j["holds"] = c.holds;
  if (!c.detail.empty()) j["value"] = c.detail;
  if (!c.children.empty()) {
    Json kids = Json::array();
    for (const auto& k : c.children) kids.push_back(clause_json(k));
    j["clauses"] = std::move(kids);
  }
  return j;
}

}  // namespace

int run_segment(int argc, char** argv, int first) {
  const auto args =
      parse_args(argc, argv, first, ArgSpec{{"--now", "--utc-offset", "--explain"}, {"--ids"}, {}, 2, 2});
  if (!args) return fail("segment", args.error().message, k_exit_usage);
  const auto when = when_of(args.value());
  if (!when) return fail("segment", when.error().message, k_exit_usage);
  const std::string& text = args.value().positional[1];
  auto query = segment::parse_query(text);
  if (!query) return fail("segment", query.error().describe(), k_exit_usage);

  const auto ws = load_workspace(args.value().positional[0], false);
  if (!ws) return fail("segment", ws.error().message);
  const Workspace& w = ws.value();
  segment::SegmentCache cache;
  const auto scores = scores_of(w, when.value(), &cache);
  if (!scores) return fail("segment", scores.error().message);
  const segment::ParsedSegments saved(w.segments);
  const auto ctx = segment::make_context(w, when.value().now, when.value().offset, &scores.value(), saved);
  auto members = segment::evaluate(query.value(), text, ctx, &cache);
  if (!members) return fail("segment", members.error().describe(), k_exit_usage);

  Json out;
  out["count"] = members.value().count();
  if (args.value().has("--ids")) {
    Json ids = Json::array();
    for (const LeadId id : members.value().ids(w.leads)) ids.push_back(to_string(id));
    out["ids"] = std::move(ids);
  }
  if (const auto lead_text = args.value().get("--explain")) {
    const auto id = parse_lead_id(*lead_text);
    if (!id)
      return fail("segment", "--explain: '" + *lead_text + "' is not a lead id (L + 16 hex digits)",
                  k_exit_usage);
    const auto row = w.leads.find(*id);
    if (!row) return fail("segment", "--explain: no live lead " + *lead_text);
    auto why = segment::explain(query.value(), ctx, *row);
    if (!why) return fail("segment", why.error().describe(), k_exit_usage);
    Json explain = clause_json(why.value());
    explain["lead"] = *lead_text;
    explain["member"] = members.value().contains(*row);
    out["explain"] = std::move(explain);
  }
  return print_json(out);
}

int run_score(int argc, char** argv, int first) {
  const auto args = parse_args(argc, argv, first, ArgSpec{{"--now", "--utc-offset", "--lead"}, {}, {}, 1, 1});
  if (!args) return fail("score", args.error().message, k_exit_usage);
  const auto when = when_of(args.value());
  if (!when) return fail("score", when.error().message, k_exit_usage);
  const auto ws = load_workspace(args.value().positional[0], false);
  if (!ws) return fail("score", ws.error().message);
  const Workspace& w = ws.value();
  if (w.scoring.empty())
    return fail("score", "the workspace has no scoring model (set one in Settings → Scoring)");
  auto compiled = compile_scoring(w.scoring);
  if (!compiled)
    return fail("score", "the workspace's scoring model is invalid: " + compiled.error().message);
  const UnixMillis now = when.value().now;
  const int offset = when.value().offset;

  Json out;
  out["now"] = format_iso8601_utc(now);
  Json groups = Json::array();
  for (const auto& g : w.scoring.groups) groups.push_back(g.id);
  out["groups"] = groups;
  if (const auto lead_text = args.value().get("--lead")) {
    const auto id = parse_lead_id(*lead_text);
    if (!id)
      return fail("score", "--lead: '" + *lead_text + "' is not a lead id (L + 16 hex digits)", k_exit_usage);
    const auto row = w.leads.find(*id);
    if (!row) return fail("score", "--lead: no live lead " + *lead_text);
    const auto why = explain_score(compiled.value(), w, *row, now, offset);
    out["lead"] = *lead_text;
    out["total"] = why.total;
    Json by_group = Json::object();
    for (std::size_t g = 0; g < w.scoring.groups.size(); ++g)
      by_group[w.scoring.groups[g].id] = why.group_totals[g];
    out["scores"] = by_group;
    Json lines = Json::array();
    for (const auto& l : why.lines) {
      Json line = {{"group", l.group}, {"rule", l.label}, {"points", l.points}};
      if (!l.fit) line["events"] = l.events;
      if (l.capped) line["capped"] = true;
      lines.push_back(std::move(line));
    }
    out["rules"] = std::move(lines);
    return print_json(out);
  }
  const auto table = compute_scores(compiled.value(), w, now, offset);
  Json leads = Json::array();
  w.leads.for_each_live([&](std::uint32_t row) {
    Json scores = Json::object();
    for (std::size_t g = 0; g < table.groups.size(); ++g) scores[table.groups[g]] = table.score(row, g);
    leads.push_back(
        {{"id", to_string(w.leads.id(row))}, {"total", table.total(row)}, {"scores", std::move(scores)}});
  });
  out["leads"] = std::move(leads);
  return print_json(out);
}

}  // namespace nurture::cli
