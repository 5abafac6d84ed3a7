#pragma once
/// Syntax tree → canonical query text: lowercase keywords, one space around operators, the
/// fewest parentheses that keep the meaning, quotes only around text that needs them. The
/// builder prints with it after every edit, and the round trip is a contract:
/// parse_query(print_query(n)) equals n, ignoring spans, for every tree parse_query produces.

#include <string>

#include "core/segment/ast.hpp"

namespace nurture::segment {

/// The canonical text of `node`. An empty top-level `all` prints as "" (every lead). Trees
/// the parser cannot produce print as well as they can: a one-child group prints its child,
/// an empty group nested in another prints "()" (which does not parse: the builder drops
/// empty groups before printing).
std::string print_query(const Node& node);

/// A number as the language writes it: the shortest decimal that reads back to the same
/// double, never with an exponent (1e21 prints all its digits).
std::string format_number(double value);

/// "30d", "12h", "6m".
std::string format_duration(Duration duration);

/// Equality ignoring every span: what the round trip preserves.
bool same_query(const Node& a, const Node& b);

}  // namespace nurture::segment
