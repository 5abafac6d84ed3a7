#pragma once
/// Segment query text → syntax tree (docs/segment-language.md). A hand-written recursive
/// descent over the tokens of lexer.hpp, with the attribute and event tables of vocabulary.hpp.
/// Type errors (an unknown stage, a word where a number belongs) are caught here, with the
/// position of the offending text; names that need the workspace (segments, score groups) are
/// checked when the engine binds the tree.

#include <cstddef>
#include <string>
#include <string_view>

#include "core/segment/ast.hpp"
#include "core/util/expected.hpp"

namespace nurture::segment {

/// Bounds that keep a hostile or runaway query cheap: each is refused with its own error.
struct ParseLimits {
  std::size_t max_length = 4000;  ///< bytes of query text
  std::size_t max_depth = 32;     ///< nested parentheses and `not`s
  std::size_t max_clauses = 256;  ///< conditions, behaviours and in_segment() calls
};

/// Parses `text`. Keywords, attribute, function and event names are ASCII case-insensitive;
/// stage and gender values are lower-cased, other values keep their case. `and` binds tighter
/// than `or`, `not` tighter than both; chains are flattened (`a and (b and c)` is one `all`
/// with three children). Every node's span is filled in. Empty (or all-blank) text is an empty
/// `all`, which every lead satisfies. Errors carry a 1-based line and a column in code points.
/// Never throws; time and memory are linear in the text's length.
Expected<Node> parse_query(std::string_view text, const ParseLimits& limits = {});

/// An Error located at `span.begin` of `text` (line and code-point column), for errors found
/// after parsing, such as an unknown segment name when the engine binds the tree.
Error error_at(std::string_view text, Span span, std::string message);

}  // namespace nurture::segment
