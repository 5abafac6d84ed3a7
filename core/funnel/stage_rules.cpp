#include "core/funnel/stage_rules.hpp"

#include <algorithm>
#include <limits>
#include <map>

#include "core/util/text.hpp"

namespace nurture {

namespace {

constexpr std::int8_t k_no_kind = -1;

// A condition of one pipeline, with what it needs for the one-pass evaluation.
struct FlatCondition {
  const RuleCondition* cond = nullptr;
  std::uint8_t target = 0;       // the resolved slot (used_slot_from)
  std::int8_t kind = k_no_kind;  // the content kind required; k_no_kind: any
};

struct LeadState {
  std::uint32_t pipeline = 0;
  std::uint32_t counts = 0;  // offset of this lead's counters in the shared vector
  Stage stage = Stage::awareness;
  UnixMillis anchor = 0;
  bool active = false;
};

// Educational sends: an email of a sequence that is not a reminder sequence. A sequence the
// workspace does not know (a newsletter logged by an import) counts as educational.
std::vector<std::uint8_t> educational_codes(const Workspace& ws) {
  const Dictionary& dict = ws.events.sequence_dictionary();
  std::vector<std::uint8_t> out(dict.size(), 0);
  for (std::uint32_t code = 1; code < dict.size(); ++code) {
    const Sequence* seq = nullptr;
    for (const auto& s : ws.sequences) {
      if (!s.deleted && s.id == dict.at(code)) seq = &s;
    }
    bool reminder_only = seq != nullptr;
    bool any_message = false;
    if (seq != nullptr) {
      for (const auto& step : seq->steps) {
        if (step.kind != StepKind::message) continue;
        any_message = true;
        if (step.message.purpose != MessagePurpose::reminder) reminder_only = false;
      }
    }
    out[code] = reminder_only && any_message ? 0 : 1;
  }
  return out;
}

std::vector<std::int8_t> content_kinds(const Workspace& ws) {
  const Dictionary& dict = ws.events.content_dictionary();
  std::vector<std::int8_t> out(dict.size(), k_no_kind);
  for (std::uint32_t code = 1; code < dict.size(); ++code) {
    if (const ContentItem* c = find_item(ws.content, dict.at(code)))
      out[code] = static_cast<std::int8_t>(c->kind);
  }
  return out;
}

// Per interest code, the first non-default pipeline listing it (0: none), so that a lead's
// pipeline is its first interest with a non-zero entry: pipeline_of without strings.
std::vector<std::uint32_t> pipeline_codes(const Workspace& ws, const FunnelModel& model) {
  const Dictionary& dict = ws.leads.interest_dictionary();
  std::vector<std::uint32_t> out(dict.size(), 0);
  for (std::uint32_t code = 1; code < dict.size(); ++code) {
    const std::string& interest = dict.at(code);
    out[code] = static_cast<std::uint32_t>(pipeline_of(model, std::span<const std::string>(&interest, 1)));
  }
  return out;
}

}  // namespace

std::vector<StageMove> plan_stage_moves(const Workspace& ws, const FunnelModel& model) {
  std::vector<StageMove> moves;
  if (model.pipelines.empty()) return moves;

  // Per pipeline: its conditions, and per event type the indexes of those that count it.
  const std::size_t np = model.pipelines.size();
  std::vector<std::vector<FlatCondition>> conditions(np);
  std::vector<std::array<std::vector<std::uint32_t>, k_event_type_count>> by_type(np);
  for (std::size_t p = 0; p < np; ++p) {
    const Pipeline& pipeline = model.pipelines[p];
    for (const auto& rule : pipeline.rules) {
      const std::size_t target = used_slot_from(pipeline, static_cast<std::size_t>(rule.to));
      if (target >= k_stage_count) continue;  // no used slot at or after it: idle
      for (const auto& cond : rule.any) {
        const auto type = static_cast<std::size_t>(cond.type);
        if (type >= k_event_type_count) continue;
        by_type[p][type].push_back(static_cast<std::uint32_t>(conditions[p].size()));
        const auto kind = parse_content_kind(cond.content_type);
        conditions[p].push_back(
            {&cond, static_cast<std::uint8_t>(target), kind ? static_cast<std::int8_t>(*kind) : k_no_kind});
      }
    }
  }

  const LeadStore& leads = ws.leads;
  const auto interest_pipeline = pipeline_codes(ws, model);
  std::vector<LeadState> states(leads.rows());
  std::uint32_t counters = 0;
  for (std::uint32_t row = 0; row < leads.rows(); ++row) {
    if (leads.is_deleted(row)) continue;
    LeadState& s = states[row];
    for (const std::uint32_t code : leads.interest_codes(row)) {
      if (interest_pipeline[code] != 0) {
        s.pipeline = interest_pipeline[code];
        break;
      }
    }
    s.stage = leads.stage(row);
    s.anchor = leads.created_at(row);
    const auto history = leads.stage_history(row);
    if (!history.empty()) {
      s.anchor = std::numeric_limits<UnixMillis>::min();
      for (const auto& change : history) s.anchor = std::max(s.anchor, change.at);
    }
    s.active = !conditions[s.pipeline].empty() && s.stage != Stage::retained;
    if (!s.active) continue;
    s.counts = counters;
    counters += static_cast<std::uint32_t>(conditions[s.pipeline].size());
  }
  std::vector<std::uint32_t> counts(counters, 0);

  const auto kinds = content_kinds(ws);
  const auto educational = educational_codes(ws);
  // Each move is found at its event, which comes in time order; the moves are sorted by row
  // at the end (stable, so each lead's stay in time order).
  std::vector<std::pair<std::uint32_t, StageMove>> found;
  const EventLog& log = ws.events;
  for (std::uint32_t pos = 0; pos < log.size(); ++pos) {
    if (log.is_deleted(pos)) continue;
    const auto type = static_cast<std::size_t>(log.type(pos));
    if (type >= k_event_type_count) continue;
    const auto row = leads.find(log.lead(pos));
    if (!row) continue;
    LeadState& s = states[*row];
    if (!s.active) continue;
    const auto& candidates = by_type[s.pipeline][type];
    if (candidates.empty()) continue;
    const UnixMillis at = log.at(pos);
    auto best = static_cast<std::size_t>(s.stage);
    for (const std::uint32_t index : candidates) {
      const FlatCondition& fc = conditions[s.pipeline][index];
      const RuleCondition& c = *fc.cond;
      if (fc.kind != k_no_kind && kinds[log.content_code(pos)] != fc.kind) continue;
      if (c.educational && educational[log.sequence_code(pos)] == 0) continue;
      if (c.min_amount_cents != 0 && log.amount_cents(pos) < c.min_amount_cents) continue;
      std::uint32_t& n = counts[s.counts + index];
      if (n < std::numeric_limits<std::uint32_t>::max()) ++n;
      if (n >= c.count && at >= s.anchor) best = std::max(best, std::size_t{fc.target});
    }
    if (best <= static_cast<std::size_t>(s.stage)) continue;
    s.stage = static_cast<Stage>(best);
    s.anchor = at;
    found.push_back({*row, {log.lead(pos), s.stage, at}});
    if (s.stage == Stage::retained) s.active = false;
  }
  std::stable_sort(found.begin(), found.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  moves.reserve(found.size());
  for (auto& [row, move] : found) moves.push_back(move);
  return moves;
}

std::vector<StageMove> plan_stage_moves(const Workspace& ws) { return plan_stage_moves(ws, ws.funnel); }

std::string describe_stage_moves(const Workspace& ws, const std::vector<StageMove>& moves) {
  if (moves.empty() || ws.funnel.pipelines.empty()) return {};
  // The last move of each lead is where it ends; moves of one lead are adjacent.
  std::array<std::map<std::string, std::size_t>, k_stage_count> ends;
  std::size_t leads = 0;
  for (std::size_t i = 0; i < moves.size(); ++i) {
    if (i + 1 < moves.size() && moves[i + 1].lead == moves[i].lead) continue;
    ++leads;
    std::size_t p = 0;
    if (const auto row = ws.leads.find(moves[i].lead)) {
      Lead lead;
      ws.leads.read(*row, LeadField::interests, lead);
      p = pipeline_of(ws.funnel, lead);
    }
    const auto slot = static_cast<std::size_t>(moves[i].stage);
    ++ends[slot][ws.funnel.pipelines[p].stages[slot].name];
  }
  std::string out = count_noun(leads, "lead", "leads") + " moved:";
  bool first = true;
  for (const auto& slot : ends) {
    for (const auto& [name, n] : slot) {
      out += first ? " " : ", ";
      out += format_thousands(n) + " to " + name;
      first = false;
    }
  }
  return out;
}

}  // namespace nurture
