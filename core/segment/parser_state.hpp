#pragma once
/// The parser's internals, shared by parser.cpp (expressions and conditions) and
/// parser_behaviour.cpp (behaviour functions and in_segment). Not an API: include parser.hpp.

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/segment/ast.hpp"
#include "core/segment/lexer.hpp"
#include "core/segment/parser.hpp"
#include "core/segment/vocabulary.hpp"
#include "core/util/expected.hpp"

namespace nurture::segment::detail {

/// `t` is the word `keyword` (ASCII case-insensitive).
bool is_keyword(const Token& t, std::string_view keyword);
/// `t` is a word that shapes the grammar (and, or, not, in, between, …), so never a bare value.
bool is_structural(const Token& t);
/// ASCII lower case.
std::string lower(std::string_view s);
/// What was found, for "expected …, found …": 'word', "string" or end of query.
std::string describe(const Token& t);
/// "email_sent, email_opened, …": the canonical event names, for messages.
std::string canonical_event_names();

/// Recursive descent over the tokens; each `parse_*` returns false after recording the first
/// error. Nothing is ever re-read, so time is linear in the number of tokens.
class Parser {
 public:
  Parser(std::string_view text, std::vector<Token> tokens, const ParseLimits& limits)
      : m_text(text), m_tokens(std::move(tokens)), m_limits(limits) {}

  Expected<Node> run();

 private:
  [[nodiscard]] const Token& peek(std::size_t ahead = 0) const {
    return m_tokens[std::min(m_pos + ahead, m_tokens.size() - 1)];
  }
  // The last token (end or error) is never stepped over, so peek() always has something to show.
  const Token& take() {
    const Token& t = m_tokens[m_pos];
    m_last_end = t.span.end;
    if (m_pos + 1 < m_tokens.size()) ++m_pos;
    return t;
  }

  bool fail(const Token& at, std::string message) {
    // A token that failed to lex is what is actually wrong where the parser stopped.
    if (at.kind == TokenKind::error) message = at.text;
    if (!m_error) m_error = error_at(m_text, at.span, std::move(message));
    return false;
  }
  bool expected(const Token& at, std::string_view what) {
    return fail(at, "expected " + std::string(what) + ", found " + describe(at));
  }

  bool count_clause(const Token& at) {
    if (++m_clauses <= m_limits.max_clauses) return true;
    return fail(at, "the query has more than " + std::to_string(m_limits.max_clauses) +
                        " conditions; save parts as segments and combine them with in_segment()");
  }
  bool deeper(const Token& at, std::size_t depth) {
    if (depth <= m_limits.max_depth) return true;
    return fail(at, "the query nests deeper than " + std::to_string(m_limits.max_depth) +
                        " levels of parentheses and 'not'");
  }

  // Appends `child` to the and/or `group`, splicing in its children when it is a group of the
  // same kind: `a and (b and c)` means the same as `a and b and c`, and the printer writes it so.
  static void append_flat(Node& group, Node&& child) {
    if (child.kind == group.kind) {
      for (auto& c : child.children) group.children.push_back(std::move(c));
    } else {
      group.children.push_back(std::move(child));
    }
  }

  // Expressions and conditions (parser.cpp).
  bool parse_chain(Node& out, std::size_t depth, Node::Kind kind);
  bool parse_or(Node& out, std::size_t depth) { return parse_chain(out, depth, Node::Kind::any); }
  bool parse_unary(Node& out, std::size_t depth);
  bool parse_primary(Node& out, std::size_t depth);
  bool parse_condition(Node& out);
  bool not_applicable(const Token& at, const AttrInfo& info, const std::string& shown);
  bool parse_test(const AttrInfo& info, const std::string& shown, Condition& c);
  bool parse_list(const AttrInfo& info, const std::string& shown, Condition& c);
  bool parse_duration(Value& v);
  bool parse_date_value(Value& v, const std::string& needs);
  bool take_text(Value& v);
  bool parse_value(const AttrInfo& info, const std::string& shown, Condition& c, const std::string& where);

  // Behaviour functions and in_segment (parser_behaviour.cpp).
  bool parse_function(Node& out);
  bool parse_in_segment(Node& out, const Token& name);
  bool parse_event(Behaviour& b);
  bool parse_where(Behaviour& b);
  bool parse_filter(Behaviour& b);
  bool parse_after_call(Behaviour& b, const Token& name);

  std::string_view m_text;
  std::vector<Token> m_tokens;
  const ParseLimits& m_limits;
  std::size_t m_pos = 0;
  std::uint32_t m_last_end = 0;
  std::size_t m_clauses = 0;
  std::optional<Error> m_error;
};

}  // namespace nurture::segment::detail
