#pragma once
/// The segment language's words: attributes with their value types and the tests they allow,
/// event names with their aliases, event properties, and the values of the enum attributes.
/// The parser, the printer, the visual builder and docs/segment-language.md all read these
/// tables, so a word added here is known everywhere at once.

#include <optional>
#include <span>
#include <string_view>

#include "core/model/lead_types.hpp"
#include "core/segment/ast.hpp"

namespace nurture::segment {

/// What kind of value an attribute holds, which decides the values and tests it accepts.
enum class ValueType : std::uint8_t {
  text,         ///< free text, compared case-insensitively (source, zip, city, state)
  enumeration,  ///< one of a fixed list of lowercase names (stage, gender)
  multi,        ///< a list of texts; a test holds when any entry satisfies it (interest, tag)
  number,       ///< age, score
  date,         ///< created, last_activity, birthday
  boolean,      ///< consent.X, dnc.X
};
/// "text", "enum", "multi", "number", "date", "boolean". A custom field (field.NAME) is text
/// whose values may also be numbers (they compare numerically when both sides parse).
std::string_view to_string(ValueType type);

struct AttrInfo {
  /// The name as written: "stage", "consent.sms"; for attributes that take a name (score.GROUP,
  /// field.NAME) the prefix including the dot: "score.", "field.".
  std::string_view name;
  Attr attr;
  ValueType type;
  bool takes_name;                 ///< score.GROUP, field.NAME
  std::span<const Test> tests;     ///< the tests it allows, in the order the builder offers them
  std::span<const CompareOp> ops;  ///< the operators Test::compare allows
  std::string_view example;        ///< a whole condition, for docs and the builder's hints
};

/// Every attribute, in the order the builder lists them.
std::span<const AttrInfo> attributes();
/// The table row of `attr` (every Attr has one).
const AttrInfo& attribute_info(Attr attr);
/// The attribute named `word` (ASCII case-insensitive): "Stage", "consent.SMS", "score" or a
/// prefixed name like "score.engagement" / "field.budget", whose part after the dot goes to
/// `name_out` as written. Null for unknown words and for a prefix with nothing after the dot.
const AttrInfo* find_attribute(std::string_view word, std::string_view* name_out = nullptr);
/// Whether `attr` allows `test` (and, for Test::compare, `op`).
bool allows(Attr attr, Test test);
bool allows(Attr attr, CompareOp op);

/// Canonical names of the values of an enum attribute (stage, gender); empty for others.
std::span<const std::string_view> enum_values(Attr attr);

/// An event name the language accepts: every to_string(EventType) name and shorter aliases.
struct EventName {
  std::string_view name;
  EventType type;
  bool alias;  ///< false for the canonical to_string(type) name
};
std::span<const EventName> event_names();
/// The event type named `word` (ASCII case-insensitive, canonical name or alias).
std::optional<EventType> find_event(std::string_view word);

/// A property of events that `where` filters and `sum` read.
struct EventPropInfo {
  std::string_view name;
  bool numeric;  ///< step, seconds, amount (in currency units); else text
  std::string_view description;
};
/// The typed event columns. Any other name means a free-form property of that name.
std::span<const EventPropInfo> event_properties();
/// The typed property named `word` (ASCII case-insensitive); null for free-form names.
const EventPropInfo* find_event_property(std::string_view word);

/// Words the language reserves: a text value spelled like one is printed in quotes.
bool is_reserved_word(std::string_view word);

/// ASCII case-insensitive equality, as every keyword comparison uses.
bool equals_folded(std::string_view a, std::string_view b);

}  // namespace nurture::segment
