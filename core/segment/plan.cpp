// Plan: within every and/or group, the cheapest clauses run first, so the expensive ones (event
// scans, per-row calendar arithmetic) only see the leads the cheap ones left. The costs are
// rough work per candidate lead, measured on bench/segment_bench.cpp's workspaces: a column
// read and compare is 1, a dictionary-coded or list column 2, per-row date arithmetic 3, and
// an event scan 20 (it walks events, not leads). A group costs the sum of its children.

#include <algorithm>

#include "core/segment/engine.hpp"

namespace nurture::segment {

namespace {

std::uint32_t condition_cost(const BoundCondition& c) {
  switch (c.attr) {
    case Attr::stage:
    case Attr::gender:
    case Attr::score:
    case Attr::score_group:
    case Attr::created:
    case Attr::consent_email:
    case Attr::consent_sms:
    case Attr::consent_call:
    case Attr::dnc_email:
    case Attr::dnc_sms:
    case Attr::dnc_call:
      return 1;
    case Attr::source:
    case Attr::city:
    case Attr::state:
    case Attr::interest:
    case Attr::tag:
    case Attr::last_activity:
      return 2;
    case Attr::age:
    case Attr::birthday:
    case Attr::zip:
    case Attr::field:
      return 3;
  }
  return 3;
}

}  // namespace

std::uint32_t plan_cost(const CompiledQuery& q, std::uint32_t step) {
  const CompiledQuery::Step& s = q.steps[step];
  switch (s.op) {
    case CompiledQuery::Step::Op::condition:
      return condition_cost(s.condition);
    case CompiledQuery::Step::Op::behaviour:
      return 20 + static_cast<std::uint32_t>(s.behaviour.where.size()) * 5;
    default: {
      std::uint32_t sum = 0;
      for (const std::uint32_t c : s.children) sum += q.steps[c].cost;
      return sum;
    }
  }
}

std::vector<std::uint32_t> plan_order(const CompiledQuery& q, const std::vector<std::uint32_t>& children) {
  std::vector<std::uint32_t> out = children;
  // Stable: equal costs keep the order the user wrote.
  std::stable_sort(out.begin(), out.end(),
                   [&](std::uint32_t a, std::uint32_t b) { return q.steps[a].cost < q.steps[b].cost; });
  return out;
}

}  // namespace nurture::segment
