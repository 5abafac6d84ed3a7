#pragma once
/// The reference evaluator: as simple as possible, obviously correct, slow. It materialises
/// every live lead and its live events and interprets the tree directly. The engine
/// (engine.hpp) must give the same answer for every query and workspace; the property test
/// checks that. It also answers "why": each clause's value for one lead.
///
/// Semantics (docs/segment-language.md):
/// - Only live leads are members; only live events count.
/// - An attribute has a list of values: none (empty), one, or several (interest, tag). Empty
///   strings, Gender::unknown, a missing age and a lead without events (last_activity) are
///   no value. A test holds when some value satisfies it; `!=` and `not in` are the negation
///   of `=` and `in` (no value equals), so an empty attribute fails every test except
///   `is empty`, `!=` and `not in`.
/// - Text compares ASCII case-insensitively; `field.NAME` compares numerically when both
///   sides are numbers. Stage compares by funnel order (awareness < … < retained).
/// - Dates compare by local calendar day; `within D` means now − D < t <= now.
/// - Behaviours look at the lead's live events of the type that pass every `where` filter
///   and, when given, the `within` window. count/ever/never count them; `last(…) within D`
///   holds when one of them is in the last D; `last(…) before X` when the latest is on a
///   local day before X (before the period's start); sum adds the property (0 when missing
///   or not a number; amount in currency units).

#include <cstdint>
#include <string>
#include <vector>

#include "core/segment/ast.hpp"
#include "core/segment/context.hpp"
#include "core/segment/lead_set.hpp"
#include "core/util/expected.hpp"

namespace nurture::segment {

/// The live leads for which `query` holds. Errors (unknown score group, unknown or cyclic
/// segment, a test that does not fit its attribute) whatever the workspace holds.
Expected<LeadSet> naive_evaluate(const Node& query, const EvalContext& ctx);

/// One clause's value for one lead.
struct ClauseValue {
  Span span;
  std::string label;   ///< `count(email_opened within 30d) >= 2`, "all of", "not"
  bool holds = false;  ///< whether the clause holds for the lead
  std::string detail;  ///< the lead's value: `count = 3`, `age = 42`, `no birth date`
  std::vector<ClauseValue> children;
};

/// Why lead `row` is in or out: the tree with each clause's value. Error when `row` is not a
/// live lead or the query has an error.
Expected<ClauseValue> explain(const Node& query, const EvalContext& ctx, std::uint32_t row);

}  // namespace nurture::segment
