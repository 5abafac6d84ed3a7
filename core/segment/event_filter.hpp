#pragma once
/// The `where` part of behaviour clauses (`count(content_viewed where seconds >= 60)`), bound
/// once and matched one event at a time. The segment engine and the scoring rules share it, so
/// a filter means the same everywhere; the reference evaluator (naive.cpp) keeps its own,
/// deliberately independent statement of the same rules as the oracle.
///
/// Properties: step, seconds and amount (currency units: amount_cents / 100) compare as
/// numbers; content, sequence and service as text ignoring ASCII case; any other name reads
/// the event's first generic property of that name, as numbers when both sides parse, else as
/// text. A missing value satisfies only `!=`.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/segment/ast.hpp"
#include "core/store/event_log.hpp"
#include "core/util/expected.hpp"

namespace nurture::segment {

/// One `where` filter resolved.
struct BoundFilter {
  enum class Prop : std::uint8_t { step, seconds, amount, content, sequence, service, named };
  Prop prop = Prop::named;
  std::string name;  ///< Prop::named
  CompareOp op = CompareOp::eq;
  std::string text;   ///< the literal as text
  double number = 0;  ///< the literal as a number (typed number properties)
};

/// The kind of property `name` is.
BoundFilter::Prop filter_prop(std::string_view name);

/// Binds one written filter. Fails (a message without position) when the property is empty, a
/// number property gets something else, or the literal has no text form.
Status bind_filter(const EventFilter& filter, BoundFilter& out);

/// One event as the filters see it: numeric columns read directly, the text columns through a
/// View built only when a text property is asked for.
class EventRef {
 public:
  EventRef(const EventLog& log, std::uint32_t pos) : m_log(log), m_pos(pos) {}
  [[nodiscard]] const EventLog& log() const { return m_log; }
  [[nodiscard]] std::uint32_t pos() const { return m_pos; }
  /// content, sequence or service.
  std::string_view text(BoundFilter::Prop p);
  /// The first generic property called `name`, empty when there is none.
  [[nodiscard]] std::string_view named(const std::string& name) const;

 private:
  const EventLog& m_log;
  std::uint32_t m_pos = 0;
  std::optional<EventLog::View> m_view;
};

/// True when the event satisfies `f`.
bool filter_holds(const BoundFilter& f, EventRef& e);
/// The event's value of `f`'s property for sum(): numbers as they are, other text parsed as a
/// number, 0 when missing or not a number.
double sum_value(const BoundFilter& f, EventRef& e);
/// True when the event at `pos` satisfies every filter (an empty list: every event).
bool event_matches(const EventLog& log, std::uint32_t pos, const std::vector<BoundFilter>& where);

/// Parses and binds a bare filter list as written after `where` (`seconds >= 60 and
/// content = botox-guide`), for scoring rules. Errors carry the line and column in `text`.
Expected<std::vector<BoundFilter>> compile_event_filters(std::string_view text);

}  // namespace nurture::segment
