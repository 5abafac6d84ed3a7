// The behaviour functions of the segment language (count, ever, never, last, sum) and
// in_segment(): the half of the parser that reads events (docs/segment-language.md, "Behaviour").
#include <cmath>
#include <string>

#include "core/segment/parser_state.hpp"

namespace nurture::segment::detail {

namespace {
constexpr std::string_view k_functions = "count, ever, never, last, sum or in_segment";
}  // namespace

// ---- functions --------------------------------------------------------------------------

bool Parser::parse_function(Node& out) {
  const Token& name = take();
  if (equals_folded(name.raw, "in_segment")) return parse_in_segment(out, name);
  Behaviour b;
  if (equals_folded(name.raw, "count")) {
    b.kind = BehaviourKind::count;
  } else if (equals_folded(name.raw, "ever")) {
    b.kind = BehaviourKind::ever;
  } else if (equals_folded(name.raw, "never")) {
    b.kind = BehaviourKind::never;
  } else if (equals_folded(name.raw, "last")) {
    b.kind = BehaviourKind::last_within;
  } else if (equals_folded(name.raw, "sum")) {
    b.kind = BehaviourKind::sum;
  } else {
    return fail(name, "unknown function " + describe(name) + "; expected " + std::string(k_functions));
  }
  if (!count_clause(name)) return false;
  take();  // (
  if (!parse_event(b) || !parse_where(b)) return false;
  const bool is_last = b.kind == BehaviourKind::last_within;
  if (is_keyword(peek(), "within")) {
    if (is_last) {
      return fail(peek(),
                  "last(…) takes its window after the parentheses: last(" + b.event_text + ") within 30d");
    }
    take();
    Value v;
    if (!parse_duration(v)) return false;
    b.window = v.duration;
  }
  if (peek().kind != TokenKind::rparen) {
    if (b.window) return expected(peek(), "')' (a 'where' goes before 'within')");
    const std::string what = b.where.empty() ? "'where'" : "'and'";
    return expected(peek(), what + (is_last ? "" : ", 'within'") + " or ')'");
  }
  take();
  if (!parse_after_call(b, name)) return false;
  out.kind = Node::Kind::behaviour;
  out.span = {name.span.begin, m_last_end};
  out.behaviour = std::move(b);
  return true;
}

bool Parser::parse_in_segment(Node& out, const Token& name) {
  if (!count_clause(name)) return false;
  take();  // (
  const Token& t = peek();
  if ((t.kind != TokenKind::string && t.kind != TokenKind::word) || is_structural(t) ||
      (t.kind == TokenKind::string && t.text.empty())) {
    return expected(t, "a segment name in quotes (in_segment(\"VIP\"))");
  }
  out.segment = t.kind == TokenKind::string ? t.text : std::string(t.raw);
  take();
  if (peek().kind != TokenKind::rparen) return expected(peek(), "')' after the segment name");
  take();
  out.kind = Node::Kind::in_segment;
  out.span = {name.span.begin, m_last_end};
  return true;
}

bool Parser::parse_event(Behaviour& b) {
  const Token& t = peek();
  if (t.kind != TokenKind::word || is_structural(t)) {
    return expected(t, "an event name (" + canonical_event_names() + ")");
  }
  std::string_view event = t.raw;
  if (b.kind == BehaviourKind::sum) {
    const std::size_t dot = event.find('.');
    if (dot == std::string_view::npos || dot + 1 == event.size()) {
      return fail(t, "sum needs EVENT.PROPERTY, such as sum(content_view.seconds), found " + describe(t));
    }
    const std::string_view prop = event.substr(dot + 1);
    event = event.substr(0, dot);
    if (const EventPropInfo* p = find_event_property(prop)) {
      if (!p->numeric) {
        return fail(t, "sum needs a number property (step, seconds, amount or a named one); '" +
                           std::string(prop) + "' is text");
      }
      b.sum_prop = std::string(p->name);
    } else {
      b.sum_prop = std::string(prop);
    }
  }
  const auto type = find_event(event);
  if (!type) {
    return fail(t, "unknown event '" + std::string(event) + "'; expected one of " + canonical_event_names() +
                       " (or an alias such as email_open)");
  }
  b.event = *type;
  b.event_text = std::string(event);
  take();
  return true;
}

bool Parser::parse_where(Behaviour& b) {
  if (!is_keyword(peek(), "where")) return true;
  take();
  do {
    if (!b.where.empty()) take();  // and
    if (!parse_filter(b)) return false;
  } while (is_keyword(peek(), "and"));
  return true;
}

bool Parser::parse_filter(Behaviour& b) {
  const Token& t = peek();
  if (t.kind != TokenKind::word || is_reserved_word(t.raw)) {
    return expected(t,
                    "an event property (content, sequence, step, seconds, amount, service or another name)");
  }
  take();
  EventFilter f;
  const EventPropInfo* typed = find_event_property(t.raw);
  f.prop = typed != nullptr ? std::string(typed->name) : std::string(t.raw);
  const Token& op = peek();
  if (op.kind != TokenKind::op)
    return expected(op, "an operator after '" + f.prop + "' (=, !=, <, <=, >, >=)");
  if (typed != nullptr && !typed->numeric && op.op != CompareOp::eq && op.op != CompareOp::ne) {
    return fail(op, describe(op) + " does not apply to " + f.prop + ", which takes = or !=");
  }
  f.op = op.op;
  take();
  const Token& v = peek();
  if (v.kind == TokenKind::end || v.kind == TokenKind::error || v.kind == TokenKind::lparen ||
      v.kind == TokenKind::rparen || v.kind == TokenKind::comma || v.kind == TokenKind::op ||
      is_structural(v)) {
    return expected(v, "a value after '" + std::string(to_string(f.op)) + "'");
  }
  f.value.span = v.span;
  if (typed != nullptr && typed->numeric && v.kind != TokenKind::number) {
    return fail(v, f.prop + " needs a number, found " + describe(v));
  }
  if (v.kind == TokenKind::number && (typed == nullptr || typed->numeric)) {
    f.value.kind = Value::Kind::number;
    f.value.number = v.number;
    take();
  } else {
    take_text(f.value);
  }
  f.span = {t.span.begin, m_last_end};
  b.where.push_back(std::move(f));
  return true;
}

// count(…) OP N, sum(…) OP N, last(…) within D, last(…) before DATE.
bool Parser::parse_after_call(Behaviour& b, const Token& name) {
  const std::string call = lower(name.raw) + "(…)";
  if (b.kind == BehaviourKind::count || b.kind == BehaviourKind::sum) {
    const Token& op = peek();
    if (op.kind != TokenKind::op) return expected(op, "a comparison after " + call + ", such as >= 2");
    b.op = op.op;
    take();
    const Token& n = peek();
    if (n.kind != TokenKind::number) return expected(n, "a number after " + describe(op));
    if (b.kind == BehaviourKind::count && (n.number < 0 || std::floor(n.number) != n.number)) {
      return fail(n, "count(…) compares with a whole number, found " + describe(n));
    }
    b.number = n.number;
    take();
    return true;
  }
  if (b.kind != BehaviourKind::last_within) return true;
  if (is_keyword(peek(), "within")) {
    take();
    Value v;
    if (!parse_duration(v)) return false;
    b.last_window = v.duration;
    return true;
  }
  if (is_keyword(peek(), "before")) {
    take();
    b.kind = BehaviourKind::last_before;
    return parse_date_value(b.before, "'before' needs");
  }
  return expected(peek(), "'within' or 'before' after last(…)");
}

}  // namespace nurture::segment::detail
