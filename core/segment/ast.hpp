#pragma once
/// The segment language's syntax tree (docs/segment-language.md). The parser (parser.hpp)
/// builds it from text, the printer writes it back as canonical text, the visual builder edits
/// it, and the evaluators (naive.hpp, engine.hpp) answer it. Every node keeps the byte span of
/// the text it came from, so errors can be underlined and the "why" view can show each clause's
/// own text.
///
/// The tree is plain values: copying a query is copying a Node. Nodes built by hand (the
/// builder, tests) may leave spans empty.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/model/lead_types.hpp"
#include "core/util/civil_time.hpp"

namespace nurture::segment {

/// Byte offsets [begin, end) into the query text.
struct Span {
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
  friend bool operator==(const Span&, const Span&) = default;
};

enum class CompareOp : std::uint8_t { eq, ne, lt, le, gt, ge };
/// "=", "!=", "<", "<=", ">", ">=".
std::string_view to_string(CompareOp op);

/// Units of a duration. Months and years are calendar months and years counted back from
/// `now` (6m on 2026-08-31 reaches 2026-02-28); the others are fixed lengths.
enum class DurationUnit : std::uint8_t { hours, days, weeks, months, years };

/// "12h", "30d", "8w", "6m", "1y". Count is 1..100000.
struct Duration {
  std::uint32_t count = 0;
  DurationUnit unit = DurationUnit::days;
  friend bool operator==(const Duration&, const Duration&) = default;
};

/// A literal on the right-hand side of a test.
struct Value {
  enum class Kind : std::uint8_t {
    text,        ///< a bare word (botox, facebook) or a "quoted string"; `text` holds it, unquoted
    number,      ///< 42, 3.5, -2; `number` holds it
    date,        ///< 2026-01-31; `date` holds it
    duration,    ///< 30d; `duration` holds it
    today,       ///< the practice's current calendar day
    this_month,  ///< the current calendar month
    last_month,  ///< the calendar month before it
    boolean,     ///< true / false (also yes / no); `number` is 1 or 0
  };
  Kind kind = Kind::text;
  std::string text;
  double number = 0;
  CivilDate date;
  Duration duration;
  Span span;
  friend bool operator==(const Value&, const Value&) = default;
};

/// The lead attributes a condition can test.
enum class Attr : std::uint8_t {
  stage,          ///< Stage name
  source,         ///< LeadSource id
  interest,       ///< multi-valued: a test holds when any interest satisfies it
  tag,            ///< multi-valued, like interest
  age,            ///< number: age from birth date at `now`, else the stored age; empty if neither
  gender,         ///< Gender name
  zip,            ///< text
  city,           ///< text
  state,          ///< text
  created,        ///< date-time the lead was created
  last_activity,  ///< time of the lead's latest live event; empty when it has none
  birthday,       ///< the next birthday; only `birthday within D` (upcoming within D)
  score,          ///< total score (every group); `name` empty
  score_group,    ///< score.NAME: one group's score; `name` holds the group
  consent_email,  ///< boolean: marketing consent granted on the channel and not opted out
  consent_sms,
  consent_call,
  dnc_email,  ///< boolean: a do-not-contact on the channel
  dnc_sms,
  dnc_call,
  field,  ///< field.NAME: a custom field, as text (numbers compare numerically when both parse)
};

/// What a condition does with its attribute.
enum class Test : std::uint8_t {
  compare,       ///< attr OP value (`op`, one value)
  in,            ///< attr in (v1, v2, …)
  not_in,        ///< attr not in (…)
  between,       ///< attr between A and B (inclusive; two values)
  contains,      ///< text contains the value (case-insensitive)
  starts_with,   ///< text starts with the value (case-insensitive)
  is_empty,      ///< no value (for multi-valued: no entries)
  is_not_empty,  ///< has a value
  is_true,       ///< a bare boolean attribute: consent.sms
  within,        ///< a date attribute within the last D (`birthday`: the next D); one duration value
};

/// `attr test values`, e.g. `age between 30 and 50`.
struct Condition {
  Attr attr = Attr::stage;
  std::string name;  ///< the group of score.NAME, the field of field.NAME; else empty
  Test test = Test::compare;
  CompareOp op = CompareOp::eq;  ///< for Test::compare
  std::vector<Value> values;
  Span attr_span;  ///< the attribute's text, for "unknown attribute" errors
  friend bool operator==(const Condition&, const Condition&) = default;
};

/// One `PROP OP VALUE` of a `where` clause. PROP is a typed event column (content, sequence,
/// step, seconds, amount — in currency units —, service) or any other property by name.
struct EventFilter {
  std::string prop;
  CompareOp op = CompareOp::eq;
  Value value;
  Span span;
  friend bool operator==(const EventFilter&, const EventFilter&) = default;
};

enum class BehaviourKind : std::uint8_t {
  count,        ///< count(EVENT [where …] [within D]) OP N
  ever,         ///< ever(EVENT [where …] [within D])
  never,        ///< never(EVENT [where …] [within D])
  last_within,  ///< last(EVENT [where …]) within D
  last_before,  ///< last(EVENT [where …]) before DATE — the latest such event is before DATE
  sum,          ///< sum(EVENT.PROP [where …] [within D]) OP N
};

/// A test over a lead's live events of one type.
struct Behaviour {
  BehaviourKind kind = BehaviourKind::ever;
  EventType event = EventType::email_opened;
  std::string event_text;          ///< as written (email_open is an accepted alias of email_opened)
  std::string sum_prop;            ///< for sum: the numeric property (seconds, amount, step, or a named one)
  std::vector<EventFilter> where;  ///< all must hold
  std::optional<Duration> window;  ///< `within D` inside the parentheses: events in the last D
  CompareOp op = CompareOp::ge;    ///< count / sum
  double number = 0;               ///< count / sum threshold
  Duration last_window;            ///< last_within
  Value before;                    ///< last_before: a date, today, this_month or last_month
  friend bool operator==(const Behaviour&, const Behaviour&) = default;
};

/// A boolean query.
struct Node {
  enum class Kind : std::uint8_t {
    all,         ///< and: every child holds (an empty `all` holds for every lead)
    any,         ///< or: some child holds
    negate,      ///< not: the one child does not hold
    condition,   ///< `condition`
    behaviour,   ///< `behaviour`
    in_segment,  ///< in_segment("Name"): `segment` holds the saved segment's name
  };
  Kind kind = Kind::all;
  std::vector<Node> children;
  Condition condition;
  Behaviour behaviour;
  std::string segment;
  Span span;
  friend bool operator==(const Node&, const Node&) = default;
};

}  // namespace nurture::segment
