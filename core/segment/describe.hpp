#pragma once
/// Short readable forms of clauses for the "why" view and error messages:
/// `count(email_opened within 30d) >= 2`, `age between 30 and 50`, `consent.sms`. Not the
/// canonical printer (that one round-trips through the parser); groups print as "all of",
/// "any of" and "not".

#include <string>

#include "core/segment/ast.hpp"

namespace nurture::segment {

/// "stage", "score.engagement", "consent.sms", "field.vip".
std::string attr_name(Attr attr, const std::string& name);
/// "botox", "\"St. Petersburg\"", "42", "2026-01-31", "30d", "today", "this month", "true".
std::string describe(const Value& v);
std::string describe(Duration d);
/// The clause itself, without its children.
std::string describe(const Node& node);

}  // namespace nurture::segment
