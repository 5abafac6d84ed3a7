#pragma once
/// The segment engine: bind → plan → execute over the columnar store (the parser makes the
/// tree). It answers exactly what the reference evaluator (naive.hpp, whose comment states the
/// rules) answers, fast enough to run on every keystroke at 100,000 leads:
/// - bind (bind.cpp) resolves names and literals once: stage names, score groups, saved
///   segments (inlined, cycles refused), dates and windows against `now`; errors carry the
///   line and column of the clause in the query text;
/// - plan (plan.cpp) orders every and/or group cheapest clause first;
/// - execute (execute.cpp) narrows a candidate set clause by clause: `and` evaluates each
///   clause only over the leads still in, `or` only over the leads not yet in, categorical
///   columns are tested once per dictionary code, behaviours scan only their event type inside
///   the window (binary search on time) into a dense per-row array.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/segment/ast.hpp"
#include "core/segment/context.hpp"
#include "core/segment/event_filter.hpp"
#include "core/segment/lead_set.hpp"
#include "core/segment/semantics.hpp"
#include "core/util/expected.hpp"

namespace nurture::segment {

/// A condition with its literals resolved. ne / not_in are bound as eq / in with `negated`
/// (they are the negation of those, empty values included).
struct BoundCondition {
  Attr attr = Attr::stage;
  Test test = Test::compare;
  CompareOp op = CompareOp::eq;
  bool negated = false;
  bool loose = false;                 ///< text compares as numbers when both parse (field.NAME)
  std::string field;                  ///< field.NAME
  std::vector<std::string> texts;     ///< text literals
  std::vector<double> numbers;        ///< number literals (stage: funnel positions; boolean: 1/0)
  std::vector<sem::DayRange> ranges;  ///< date literals as local days
  UnixMillis window_start = 0;        ///< within: start < t <= now
  std::int64_t birthday_limit = 0;    ///< birthday within: the last local day reached
  std::size_t score_group = 0;        ///< score.NAME
};

struct BoundBehaviour {
  BehaviourKind kind = BehaviourKind::ever;
  EventType event = EventType::email_opened;
  std::vector<BoundFilter> where;
  bool windowed = false;
  UnixMillis window_start = 0;  ///< windowed: start < at <= now
  BoundFilter sum;              ///< sum: the property (op and literal unused)
  CompareOp op = CompareOp::ge;
  double number = 0;
  UnixMillis last_start = 0;    ///< last_within: start < at <= now
  std::int64_t before_day = 0;  ///< last_before: the latest event's local day is before it
};

/// A query ready to execute: a flat tree, groups' children cheapest first.
struct CompiledQuery {
  struct Step {
    enum class Op : std::uint8_t { all, any, negate, condition, behaviour };
    Op op = Op::all;
    std::vector<std::uint32_t> children;  ///< indexes into steps, in execution order
    std::uint32_t cost = 0;               ///< estimated work per candidate lead (plan.cpp)
    BoundCondition condition;
    BoundBehaviour behaviour;
  };
  std::vector<Step> steps;
  std::uint32_t root = 0;
  UnixMillis now = 0;
  int utc_offset_minutes = 0;
  bool uses_events = false;  ///< a behaviour or last_activity: execute needs the event index
  bool uses_dates = false;   ///< age or birthday: execute needs the per-row dates
  bool uses_lists = false;   ///< interest or tag: execute needs their row sets
};

/// Per-workspace-revision indexes the engine reuses across queries and keystrokes, each built
/// on first need: the live rows and per-channel consent / do-not-contact rows; live events of
/// live leads by type in time order with their lead's row, and each row's latest live event;
/// each row's age and next birthday on a given local day. Owned by the caller (one per open
/// workspace). It starts over when the workspace, its revision or its sizes change; code that
/// edits the stores directly without bumping Workspace::revision must call invalidate().
class SegmentCache {
 public:
  struct TypeIndex {
    std::vector<UnixMillis> at;      ///< ascending
    std::vector<std::uint32_t> pos;  ///< event log positions
    std::vector<std::uint32_t> row;  ///< the lead's LeadStore row
  };
  /// Makes the cache describe `ws`: forgets everything when it is stale, then (re)builds the
  /// live and consent rows.
  void refresh(const Workspace& ws);
  /// Builds the event indexes if they are missing. Precondition: refresh() was called.
  void ensure_events();
  /// Computes ages and next birthdays on local day `today` if they are for another day.
  void ensure_dates(std::int64_t today);
  /// Builds the interest and tag row sets if they are missing.
  void ensure_lists();
  void invalidate() { m_ws = nullptr; }

  [[nodiscard]] const LeadSet& live() const { return m_live; }
  /// Rows where may_contact(lead, channel, marketing) / a do-not-contact on the channel.
  [[nodiscard]] const LeadSet& consent(Channel c) const { return m_consent[static_cast<std::size_t>(c)]; }
  [[nodiscard]] const LeadSet& dnc(Channel c) const { return m_dnc[static_cast<std::size_t>(c)]; }
  [[nodiscard]] const TypeIndex& of_type(EventType t) const { return m_by_type[static_cast<std::size_t>(t)]; }
  /// Latest live event per row; k_none when the row has none.
  [[nodiscard]] const std::vector<UnixMillis>& last_activity() const { return m_last; }
  /// Age per row (k_no_age when unknown) and next birthday as a local day (k_no_day without a
  /// birth date), on the day given to ensure_dates().
  [[nodiscard]] const std::vector<std::int16_t>& ages() const { return m_ages; }
  [[nodiscard]] const std::vector<std::int32_t>& next_birthdays() const { return m_birthdays; }
  /// Per interest / tag dictionary code, the rows whose list holds it; and the rows whose list
  /// holds any non-empty value. After ensure_lists().
  [[nodiscard]] const std::vector<LeadSet>& interest_rows() const { return m_interest_rows; }
  [[nodiscard]] const std::vector<LeadSet>& tag_rows() const { return m_tag_rows; }
  [[nodiscard]] const LeadSet& any_interest() const { return m_any_interest; }
  [[nodiscard]] const LeadSet& any_tag() const { return m_any_tag; }
  /// How many times the event index was built (tests check reuse).
  [[nodiscard]] std::size_t builds() const { return m_builds; }
  static constexpr UnixMillis k_none = INT64_MIN;
  static constexpr std::int16_t k_no_age = INT16_MIN;
  static constexpr std::int32_t k_no_day = INT32_MIN;

 private:
  const Workspace* m_ws = nullptr;
  std::uint64_t m_revision = 0;
  std::size_t m_rows = 0;
  std::size_t m_events = 0;
  std::size_t m_builds = 0;
  bool m_events_ready = false;
  bool m_lists_ready = false;
  std::int64_t m_dates_day = INT64_MIN;
  LeadSet m_live;
  std::array<LeadSet, k_channel_count> m_consent;
  std::array<LeadSet, k_channel_count> m_dnc;
  std::array<TypeIndex, k_event_type_count> m_by_type;
  std::vector<UnixMillis> m_last;
  std::vector<std::int16_t> m_ages;
  std::vector<std::int32_t> m_birthdays;
  std::vector<LeadSet> m_interest_rows;
  std::vector<LeadSet> m_tag_rows;
  LeadSet m_any_interest;
  LeadSet m_any_tag;
};

/// Binds and plans `query` for the workspace and moment in `ctx`. `text` is the query text the
/// spans refer to (empty for trees built in code: errors then have no position). Errors:
/// unknown stage, score group or segment, a segment that refers to itself, a test or literal
/// that does not fit its attribute.
Expected<CompiledQuery> compile(const Node& query, std::string_view text, const EvalContext& ctx);

/// The live leads for which the compiled query holds. `ctx` must be the one compile() saw
/// (same workspace, now and scores); the workspace may have changed since (new revision).
/// With a cache, the event indexes are reused while the revision stays the same.
LeadSet execute(const CompiledQuery& q, const EvalContext& ctx, SegmentCache* cache = nullptr);

/// compile() then execute().
Expected<LeadSet> evaluate(const Node& query, std::string_view text, const EvalContext& ctx,
                           SegmentCache* cache = nullptr);

}  // namespace nurture::segment
