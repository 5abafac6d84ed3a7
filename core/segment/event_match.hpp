#pragma once
/// The `where` part of behaviour clauses (`count(content_viewed where seconds >= 60)`), shared by
/// the segment evaluators and the scoring rules, so that a filter means the same everywhere.
///
/// Properties: content, sequence and service compare as text; step and seconds as numbers;
/// amount as a number in currency units (amount_cents / 100); any other name reads the
/// event's generic property of that name, numerically when both sides are numbers, else as
/// text. Text compares ignoring ASCII case. A property the event does not have satisfies only
/// `!=`.

#include <cstdint>
#include <string_view>
#include <vector>

#include "core/segment/ast.hpp"
#include "core/store/event_log.hpp"
#include "core/util/expected.hpp"

namespace nurture::segment {

/// True when the live or deleted event at `pos` satisfies every filter (callers skip deleted
/// events themselves). An empty list matches every event.
bool event_matches(const EventLog& log, std::uint32_t pos, const std::vector<EventFilter>& where);

/// Parses a bare filter list as written after `where`: `seconds >= 60 and content = botox-guide`.
/// Errors carry the line and column within `text`.
Expected<std::vector<EventFilter>> parse_event_filters(std::string_view text);

}  // namespace nurture::segment
