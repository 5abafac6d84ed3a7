#include "core/scoring/scoring.hpp"

#include <algorithm>
#include <cmath>
#include <unordered_map>

#include "core/segment/engine.hpp"
#include "core/segment/event_filter.hpp"
#include "core/segment/parser.hpp"
#include "core/util/time_units.hpp"

namespace nurture {

namespace {

std::string rule_path(const char* list, std::size_t i, const char* field) {
  return std::string(list) + "[" + std::to_string(i) + "]." + field;
}

// True when the tree reads scores or other segments (either could make scoring depend on itself).
bool reads_scores_or_segments(const segment::Node& n) {
  if (n.kind == segment::Node::Kind::in_segment) return true;
  if (n.kind == segment::Node::Kind::condition &&
      (n.condition.attr == segment::Attr::score || n.condition.attr == segment::Attr::score_group))
    return true;
  return std::any_of(n.children.begin(), n.children.end(), reads_scores_or_segments);
}

double decay_factor(const EventRule& rule, UnixMillis age) {
  switch (rule.decay) {
    case Decay::none:
      return 1.0;
    case Decay::half_life:
      return std::exp2(-static_cast<double>(age) / (static_cast<double>(k_day_ms) * rule.decay_days));
    case Decay::expiry:
      return static_cast<double>(age) < static_cast<double>(k_day_ms) * rule.decay_days ? 1.0 : 0.0;
  }
  return 1.0;
}

double capped(const EventRule& rule, double total) {
  if (rule.max_points <= 0) return total;
  return std::clamp(total, -rule.max_points, rule.max_points);
}

// Rules per event type, so each event is checked against its own rules only.
std::vector<std::vector<std::size_t>> rules_by_type(const ScoringModel& m) {
  std::vector<std::vector<std::size_t>> by(k_event_type_count);
  for (std::size_t i = 0; i < m.event_rules.size(); ++i)
    by[static_cast<std::size_t>(m.event_rules[i].event)].push_back(i);
  return by;
}

std::vector<std::size_t> group_of_rules(const ScoringModel& m, bool fit) {
  std::vector<std::size_t> out;
  const auto index = [&](const std::string& g) {
    for (std::size_t i = 0; i < m.groups.size(); ++i) {
      if (m.groups[i].id == g) return i;
    }
    return std::size_t{0};  // compile_scoring has checked every group exists
  };
  if (fit) {
    for (const auto& r : m.fit_rules) out.push_back(index(r.group));
  } else {
    for (const auto& r : m.event_rules) out.push_back(index(r.group));
  }
  return out;
}

segment::EvalContext fit_context(const Workspace& ws, UnixMillis now, int offset) {
  segment::EvalContext ctx;
  ctx.workspace = &ws;
  ctx.now = now;
  ctx.utc_offset_minutes = offset;
  return ctx;
}

}  // namespace

Expected<CompiledScoring> compile_scoring(const ScoringModel& model) {
  if (auto errors = validate(model); !errors.empty())
    return Error{errors[0].field + ": " + errors[0].message};
  CompiledScoring out;
  out.model = model;
  for (std::size_t i = 0; i < model.event_rules.size(); ++i) {
    const auto& rule = model.event_rules[i];
    if (rule.where.empty()) {
      out.where.emplace_back();
      continue;
    }
    auto filters = segment::compile_event_filters(rule.where);
    if (!filters) return Error{rule_path("event_rules", i, "where") + ": " + filters.error().describe()};
    out.where.push_back(std::move(filters).value());
  }
  for (std::size_t i = 0; i < model.fit_rules.size(); ++i) {
    const auto& rule = model.fit_rules[i];
    auto node = segment::parse_query(rule.condition);
    if (!node) return Error{rule_path("fit_rules", i, "condition") + ": " + node.error().describe()};
    if (reads_scores_or_segments(node.value()))
      return Error{rule_path("fit_rules", i, "condition") +
                   ": a fit rule cannot use scores or other segments"};
    out.fit.push_back(std::move(node).value());
  }
  return out;
}

ScoreTable compute_scores(const CompiledScoring& scoring, const Workspace& ws, UnixMillis now,
                          int utc_offset_minutes, segment::SegmentCache* cache) {
  const ScoringModel& m = scoring.model;
  ScoreTable table;
  for (const auto& g : m.groups) table.groups.push_back(g.id);
  const std::size_t rows = ws.leads.rows();
  const std::size_t groups = m.groups.size();
  table.points.assign(rows * groups, 0.0F);
  if (groups == 0) return table;

  // Event rules: one pass over the log up to `now`, a running total per (row, rule).
  const std::size_t rules = m.event_rules.size();
  if (rules != 0) {
    const auto by_type = rules_by_type(m);
    std::vector<double> acc(rows * rules, 0.0);
    const auto [begin, end] = ws.events.time_range(std::numeric_limits<UnixMillis>::min(), now + 1);
    std::uint64_t last_lead = 0;
    std::optional<std::uint32_t> last_row;
    for (std::uint32_t p = begin; p < end; ++p) {
      const auto& rules_here = by_type[static_cast<std::size_t>(ws.events.type(p))];
      if (rules_here.empty() || ws.events.is_deleted(p)) continue;
      const LeadId lead = ws.events.lead(p);
      if (lead.value != last_lead || !last_row) {  // a lead's events often come in runs
        last_lead = lead.value;
        last_row = ws.leads.find(lead);
      }
      if (!last_row) continue;  // the lead is deleted
      const UnixMillis age = now - ws.events.at(p);
      for (const std::size_t r : rules_here) {
        if (!segment::event_matches(ws.events, p, scoring.where[r])) continue;
        acc[*last_row * rules + r] += m.event_rules[r].points * decay_factor(m.event_rules[r], age);
      }
    }
    const auto rule_group = group_of_rules(m, false);
    for (std::size_t row = 0; row < rows; ++row) {
      for (std::size_t r = 0; r < rules; ++r) {
        const double v = acc[row * rules + r];
        if (v != 0)
          table.points[row * groups + rule_group[r]] += static_cast<float>(capped(m.event_rules[r], v));
      }
    }
  }

  // Fit rules: one segment evaluation each.
  const auto fit_group = group_of_rules(m, true);
  const auto ctx = fit_context(ws, now, utc_offset_minutes);
  for (std::size_t f = 0; f < scoring.fit.size(); ++f) {
    auto members = segment::evaluate(scoring.fit[f], m.fit_rules[f].condition, ctx, cache);
    if (!members) continue;  // compile_scoring parsed it; binding cannot fail without segments
    const auto pts = static_cast<float>(m.fit_rules[f].points);
    members.value().for_each([&](std::uint32_t row) { table.points[row * groups + fit_group[f]] += pts; });
  }
  return table;
}

ScoreExplanation explain_score(const CompiledScoring& scoring, const Workspace& ws, std::uint32_t row,
                               UnixMillis now, int utc_offset_minutes, segment::SegmentCache* cache) {
  const ScoringModel& m = scoring.model;
  ScoreExplanation out;
  out.group_totals.assign(m.groups.size(), 0.0);
  if (row >= ws.leads.rows() || ws.leads.is_deleted(row)) return out;
  const auto rule_group = group_of_rules(m, false);
  std::vector<double> acc(m.event_rules.size(), 0.0);
  std::vector<std::size_t> counts(m.event_rules.size(), 0);
  for (const std::uint32_t p : ws.events.of_lead(ws.leads.id(row))) {
    if (ws.events.at(p) > now) continue;
    for (std::size_t r = 0; r < m.event_rules.size(); ++r) {
      const auto& rule = m.event_rules[r];
      if (rule.event != ws.events.type(p) || !segment::event_matches(ws.events, p, scoring.where[r]))
        continue;
      acc[r] += rule.points * decay_factor(rule, now - ws.events.at(p));
      ++counts[r];
    }
  }
  for (std::size_t r = 0; r < m.event_rules.size(); ++r) {
    if (counts[r] == 0) continue;
    const auto& rule = m.event_rules[r];
    // The table stores floats: explain in the same precision, so the totals agree exactly.
    const double pts = static_cast<float>(capped(rule, acc[r]));
    out.lines.push_back({rule.group, rule.label, pts, counts[r], false, pts != static_cast<float>(acc[r])});
    out.group_totals[rule_group[r]] += pts;
  }
  const auto fit_group = group_of_rules(m, true);
  const auto ctx = fit_context(ws, now, utc_offset_minutes);
  for (std::size_t f = 0; f < scoring.fit.size(); ++f) {
    auto members = segment::evaluate(scoring.fit[f], m.fit_rules[f].condition, ctx, cache);
    if (!members || !members.value().contains(row)) continue;
    const auto& rule = m.fit_rules[f];
    out.lines.push_back({rule.group, rule.label, rule.points, 0, true, false});
    out.group_totals[fit_group[f]] += rule.points;
  }
  for (const double t : out.group_totals) out.total += t;
  return out;
}

std::vector<LeadCommand> due_threshold_actions(const CompiledScoring& scoring, const Workspace& ws,
                                               const ScoreTable& scores, UnixMillis now) {
  const ScoringModel& m = scoring.model;
  std::vector<LeadCommand> out;
  ws.leads.for_each_live([&](std::uint32_t row) {
    std::optional<Stage> stage;
    std::vector<std::string> tags;
    for (const auto& t : m.thresholds) {
      double score = 0;
      if (t.group.empty()) {
        score = scores.total(row);
      } else if (const auto g = scores.group(t.group)) {
        score = scores.score(row, *g);
      }
      if (score < t.at) continue;
      if (t.action == ThresholdAction::move_stage && ws.leads.stage(row) < t.stage) {
        if (!stage || *stage < t.stage) stage = t.stage;
      } else if (t.action == ThresholdAction::add_tag) {
        tags.push_back(t.value);
      }
    }
    if (stage) out.emplace_back(SetStage{ws.leads.id(row), *stage, now, StageCause::rule});
    if (tags.empty()) return;
    Lead lead;
    ws.leads.read(row, LeadField::tags, lead);
    bool added = false;
    for (const auto& tag : tags) {
      if (std::find(lead.tags.begin(), lead.tags.end(), tag) == lead.tags.end()) {
        lead.tags.push_back(tag);
        added = true;
      }
    }
    if (!added) return;
    Lead full = ws.leads.get(row);
    full.tags = std::move(lead.tags);
    out.emplace_back(UpdateLead{full.id, std::move(full), now});
  });
  return out;
}

}  // namespace nurture
