#include "core/scoring/score_crossings.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

#include "core/segment/engine.hpp"
#include "core/segment/event_filter.hpp"
#include "core/util/time_units.hpp"

namespace nurture {

namespace {

UnixMillis lifetime(const EventRule& rule) { return static_cast<UnixMillis>(rule.decay_days) * k_day_ms; }

// One event rule's running total for one lead, moved forward in time as the history is replayed.
struct RuleTotal {
  double value = 0;
  UnixMillis last = 0;                               // half_life: the moment `value` is for
  std::vector<std::pair<UnixMillis, double>> alive;  // expiry: counted events, oldest first
  std::size_t first = 0;                             // expiry: alive[first..] still count
};

// The total at `t`, which is never earlier than the previous call's.
double total_at(const EventRule& rule, RuleTotal& s, UnixMillis t) {
  switch (rule.decay) {
    case Decay::none:
      return s.value;
    case Decay::half_life:
      if (t != s.last) {
        s.value *= std::exp2(-static_cast<double>(t - s.last) / static_cast<double>(lifetime(rule)));
        s.last = t;
      }
      return s.value;
    case Decay::expiry: {
      // compute_scores counts an event while its age is below the lifetime.
      while (s.first < s.alive.size() && t - s.alive[s.first].first >= lifetime(rule)) {
        s.value -= s.alive[s.first].second;
        ++s.first;
      }
      // Subtracting may leave a rounding crumb; with nothing alive the total is exactly 0 again.
      if (s.first == s.alive.size()) s.value = 0;
      return s.value;
    }
  }
  return s.value;
}

void add_event(const EventRule& rule, RuleTotal& s, UnixMillis t) {
  (void)total_at(rule, s, t);
  s.value += rule.points;
  if (rule.decay == Decay::expiry) s.alive.emplace_back(t, rule.points);
}

double capped_points(const EventRule& rule, double total) {
  if (rule.max_points <= 0) return total;
  return std::clamp(total, -rule.max_points, rule.max_points);
}

std::size_t group_index(const ScoringModel& m, const std::string& id) {
  for (std::size_t i = 0; i < m.groups.size(); ++i) {
    if (m.groups[i].id == id) return i;
  }
  return 0;  // compile_scoring has checked that every rule's group exists
}

// Everything about the model that does not depend on the lead.
struct Replay {
  const CompiledScoring& scoring;
  const Workspace& ws;
  std::vector<std::size_t> thresholds;                      // ascending
  std::vector<std::optional<std::size_t>> threshold_group;  // nullopt: the total
  std::vector<bool> threshold_known;                        // false: an unknown group (score 0)
  std::vector<std::vector<std::size_t>> rules_by_type;
  std::vector<std::size_t> rule_group;
  std::vector<std::size_t> fit_group;
  std::vector<segment::LeadSet> fit_members;
};

// The group scores at `t`, added up as compute_scores adds them (floats, event rules in model
// order, then fit rules), so that "at the threshold" means the same as in the score table.
void scores_at(const Replay& r, std::vector<RuleTotal>& totals, std::uint32_t row, UnixMillis t,
               std::vector<float>& out) {
  const ScoringModel& m = r.scoring.model;
  std::fill(out.begin(), out.end(), 0.0F);
  for (std::size_t i = 0; i < m.event_rules.size(); ++i) {
    const double v = total_at(m.event_rules[i], totals[i], t);
    if (v != 0) out[r.rule_group[i]] += static_cast<float>(capped_points(m.event_rules[i], v));
  }
  for (std::size_t f = 0; f < r.fit_members.size(); ++f) {
    if (r.fit_members[f].contains(row)) out[r.fit_group[f]] += static_cast<float>(m.fit_rules[f].points);
  }
}

double threshold_score(const Replay& r, std::size_t k, const std::vector<float>& groups) {
  if (!r.threshold_known[k]) return 0;
  if (const auto g = r.threshold_group[k]) return groups[*g];
  double sum = 0;
  for (const float v : groups) sum += v;
  return sum;
}

void replay_lead(const Replay& r, LeadId lead, std::uint32_t row, UnixMillis from, UnixMillis now,
                 std::vector<ScoreCrossing>& out) {
  const ScoringModel& m = r.scoring.model;
  // The lead's scoring events (time, rule) in time order, and every moment the score can jump.
  std::vector<std::pair<UnixMillis, std::size_t>> hits;
  std::vector<UnixMillis> moments;
  for (const std::uint32_t p : r.ws.events.of_lead(lead)) {
    const UnixMillis at = r.ws.events.at(p);
    if (at > now) break;
    for (const std::size_t i : r.rules_by_type[static_cast<std::size_t>(r.ws.events.type(p))]) {
      if (!segment::event_matches(r.ws.events, p, r.scoring.where[i])) continue;
      hits.emplace_back(at, i);
      moments.push_back(at);
      if (m.event_rules[i].decay == Decay::expiry) moments.push_back(at + lifetime(m.event_rules[i]));
    }
  }
  std::sort(moments.begin(), moments.end());
  moments.erase(std::unique(moments.begin(), moments.end()), moments.end());

  std::vector<RuleTotal> totals(m.event_rules.size());
  std::vector<float> before(m.groups.size());
  std::vector<float> after(m.groups.size());
  std::size_t next = 0;
  for (const UnixMillis t : moments) {
    if (t > now) break;
    const bool counts = t >= from;
    // Just before `t` every earlier event is in and none at `t` is.
    if (counts) scores_at(r, totals, row, t - 1, before);
    for (; next < hits.size() && hits[next].first == t; ++next)
      add_event(m.event_rules[hits[next].second], totals[hits[next].second], t);
    if (!counts) continue;
    scores_at(r, totals, row, t, after);
    for (std::size_t k = 0; k < r.thresholds.size(); ++k) {
      const double at = m.thresholds[r.thresholds[k]].at;
      if (threshold_score(r, k, before) < at && threshold_score(r, k, after) >= at)
        out.push_back({r.thresholds[k], lead, t});
    }
  }
}

}  // namespace

std::vector<ScoreCrossing> score_crossings(const CompiledScoring& scoring, const Workspace& ws,
                                           const std::vector<std::size_t>& thresholds, UnixMillis from,
                                           UnixMillis now, int utc_offset_minutes) {
  const ScoringModel& m = scoring.model;
  std::vector<ScoreCrossing> out;
  // Without event rules a score never moves, so it never crosses anything.
  if (m.event_rules.empty() || m.groups.empty() || from > now) return out;

  Replay r{scoring, ws, {}, {}, {}, {}, {}, {}, {}};
  for (const std::size_t k : thresholds) {
    if (k < m.thresholds.size()) r.thresholds.push_back(k);
  }
  std::sort(r.thresholds.begin(), r.thresholds.end());
  r.thresholds.erase(std::unique(r.thresholds.begin(), r.thresholds.end()), r.thresholds.end());
  if (r.thresholds.empty()) return out;
  for (const std::size_t k : r.thresholds) {
    const auto& group = m.thresholds[k].group;
    bool known = group.empty();
    std::optional<std::size_t> index;
    for (std::size_t g = 0; !group.empty() && g < m.groups.size(); ++g) {
      if (m.groups[g].id == group) {
        index = g;
        known = true;
      }
    }
    r.threshold_group.push_back(index);
    r.threshold_known.push_back(known);
  }
  r.rules_by_type.resize(k_event_type_count);
  UnixMillis longest_life = 0;
  for (std::size_t i = 0; i < m.event_rules.size(); ++i) {
    const auto& rule = m.event_rules[i];
    r.rules_by_type[static_cast<std::size_t>(rule.event)].push_back(i);
    r.rule_group.push_back(group_index(m, rule.group));
    if (rule.decay == Decay::expiry) longest_life = std::max(longest_life, lifetime(rule));
  }

  // Candidates: live leads with a scoring event in the window, or one whose expiry falls in it.
  const UnixMillis scan_from = from < std::numeric_limits<UnixMillis>::min() + longest_life
                                   ? std::numeric_limits<UnixMillis>::min()
                                   : from - longest_life;
  const auto [begin, end] = ws.events.time_range(scan_from, now + 1);
  std::vector<std::uint64_t> leads;
  for (std::uint32_t p = begin; p < end; ++p) {
    if (ws.events.is_deleted(p) || r.rules_by_type[static_cast<std::size_t>(ws.events.type(p))].empty())
      continue;
    const std::uint64_t lead = ws.events.lead(p).value;
    if (leads.empty() || leads.back() != lead) leads.push_back(lead);  // runs are common
  }
  std::sort(leads.begin(), leads.end());
  leads.erase(std::unique(leads.begin(), leads.end()), leads.end());
  if (leads.empty()) return out;

  segment::EvalContext ctx;
  ctx.workspace = &ws;
  ctx.now = now;
  ctx.utc_offset_minutes = utc_offset_minutes;
  for (std::size_t f = 0; f < scoring.fit.size(); ++f) {
    r.fit_group.push_back(group_index(m, m.fit_rules[f].group));
    auto members = segment::evaluate(scoring.fit[f], m.fit_rules[f].condition, ctx);
    // compile_scoring parsed it, and a fit condition names no segment, so binding cannot fail.
    r.fit_members.push_back(members ? std::move(members).value() : segment::LeadSet(ws.leads.rows()));
  }

  for (const std::uint64_t id : leads) {
    const auto row = ws.leads.find(LeadId{id});
    if (!row) continue;  // deleted, or events of a lead that was never imported
    replay_lead(r, LeadId{id}, *row, from, now, out);
  }
  return out;
}

}  // namespace nurture
