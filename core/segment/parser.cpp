#include "core/segment/parser.hpp"

#include <cmath>
#include <optional>
#include <utility>
#include <vector>

#include "core/segment/lexer.hpp"
#include "core/segment/parser_state.hpp"
#include "core/segment/vocabulary.hpp"

namespace nurture::segment {

namespace detail {

namespace {

// Words that shape the grammar: where a value is expected, one of these means the value is
// missing (`stage = and …`), so it is an error rather than the text "and".
constexpr std::string_view k_structural[] = {"and",         "or", "not",    "in",     "between", "contains",
                                             "starts_with", "is", "within", "before", "where"};
constexpr std::string_view k_durations = "(12h, 30d, 8w, 6m, 1y)";

}  // namespace

bool is_keyword(const Token& t, std::string_view keyword) {
  return t.kind == TokenKind::word && equals_folded(t.raw, keyword);
}

bool is_structural(const Token& t) {
  for (const auto k : k_structural) {
    if (is_keyword(t, k)) return true;
  }
  return false;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// What was found, as the user wrote it; long tokens are cut (at a code-point boundary).
std::string describe(const Token& t) {
  if (t.kind == TokenKind::end) return "end of query";
  constexpr std::size_t k_max = 30;
  std::string_view raw = t.raw;
  bool cut = false;
  if (raw.size() > k_max) {
    std::size_t n = k_max;
    while (n > 0 && (static_cast<unsigned char>(raw[n]) & 0xC0) == 0x80) --n;
    raw = raw.substr(0, n);
    cut = true;
  }
  if (t.kind == TokenKind::string) return std::string(raw) + (cut ? "…" : "");
  return "'" + std::string(raw) + (cut ? "…'" : "'");
}

namespace {

std::string join(std::span<const std::string_view> names, std::string_view last_sep = ", ") {
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += i + 1 == names.size() ? last_sep : ", ";
    out += names[i];
  }
  return out;
}

std::string attribute_names() {
  std::string out;
  for (const auto& a : attributes()) {
    if (!out.empty()) out += ", ";
    out += a.name;
    if (a.takes_name) out += a.attr == Attr::score_group ? "GROUP" : "NAME";
  }
  return out;
}

}  // namespace

std::string canonical_event_names() {
  std::string out;
  for (const auto& e : event_names()) {
    if (e.alias) continue;
    if (!out.empty()) out += ", ";
    out += e.name;
  }
  return out;
}

namespace {

// "=, !=, in (…), not in (…)": what an attribute takes, for "does not apply" errors.
std::string takes_phrase(const AttrInfo& info) {
  if (info.type == ValueType::boolean) return "= true, = false, or nothing (true when it stands alone)";
  std::string out;
  auto add = [&](std::string_view s) {
    if (!out.empty()) out += ", ";
    out += s;
  };
  for (const Test t : info.tests) {
    switch (t) {
      case Test::compare:
        for (const CompareOp op : info.ops) add(to_string(op));
        break;
      case Test::in:
        add("in (…)");
        break;
      case Test::not_in:
        add("not in (…)");
        break;
      case Test::between:
        add("between … and …");
        break;
      case Test::contains:
        add("contains");
        break;
      case Test::starts_with:
        add("starts_with");
        break;
      case Test::is_empty:
        add("is empty");
        break;
      case Test::is_not_empty:
        add("is not empty");
        break;
      case Test::is_true:
        break;  // booleans are phrased above
      case Test::within:
        add("within DURATION");
        break;
    }
  }
  return out;
}

std::string display_name(const AttrInfo& info, std::string_view name) {
  return std::string(info.name) + std::string(name);
}

}  // namespace

Expected<Node> Parser::run() {
  Node root;
  if (peek().kind == TokenKind::end) {
    root.span = {0, static_cast<std::uint32_t>(m_text.size())};
    return root;  // nothing written yet: the empty `all`, every lead
  }
  if (!parse_or(root, 0)) return std::move(*m_error);
  if (peek().kind != TokenKind::end) {
    std::string what = "'and', 'or' or end of query";
    if (peek().kind == TokenKind::word && !is_structural(peek())) {
      what += " (text with spaces goes in quotes: \"New York\")";
    }
    expected(peek(), what);
    return std::move(*m_error);
  }
  return root;
}

bool Parser::parse_chain(Node& out, std::size_t depth, Node::Kind kind) {
  const bool is_or = kind == Node::Kind::any;
  const std::string_view keyword = is_or ? "or" : "and";
  Node first;
  if (!(is_or ? parse_chain(first, depth, Node::Kind::all) : parse_unary(first, depth))) return false;
  if (!is_keyword(peek(), keyword)) {
    out = std::move(first);
    return true;
  }
  Node group;
  group.kind = kind;
  group.span = first.span;
  append_flat(group, std::move(first));
  while (is_keyword(peek(), keyword)) {
    take();
    Node next;
    if (!(is_or ? parse_chain(next, depth, Node::Kind::all) : parse_unary(next, depth))) return false;
    group.span.end = next.span.end;
    append_flat(group, std::move(next));
  }
  out = std::move(group);
  return true;
}

bool Parser::parse_unary(Node& out, std::size_t depth) {
  if (!is_keyword(peek(), "not")) return parse_primary(out, depth);
  const Token& t = take();
  if (!deeper(t, depth + 1)) return false;
  Node child;
  if (!parse_unary(child, depth + 1)) return false;
  out.kind = Node::Kind::negate;
  out.span = {t.span.begin, child.span.end};
  out.children.push_back(std::move(child));
  return true;
}

bool Parser::parse_primary(Node& out, std::size_t depth) {
  const Token& t = peek();
  if (t.kind == TokenKind::lparen) {
    take();
    if (!deeper(t, depth + 1)) return false;
    if (peek().kind == TokenKind::rparen) return expected(peek(), "a condition inside the parentheses");
    if (!parse_or(out, depth + 1)) return false;
    if (peek().kind != TokenKind::rparen) return expected(peek(), "'and', 'or' or ')'");
    take();
    // A group's span takes in its parentheses; a lone condition keeps its own text.
    if (out.kind == Node::Kind::all || out.kind == Node::Kind::any) out.span = {t.span.begin, m_last_end};
    return true;
  }
  if (t.kind != TokenKind::word || is_structural(t)) return expected(t, "a condition");
  if (peek(1).kind == TokenKind::lparen) return parse_function(out);
  return parse_condition(out);
}

// ---- conditions -------------------------------------------------------------------------

bool Parser::parse_condition(Node& out) {
  const Token& t = take();
  if (!count_clause(t)) return false;
  Condition c;
  c.attr_span = t.span;
  std::string_view name;
  const AttrInfo* info = find_attribute(t.raw, &name);
  if (info == nullptr && !t.raw.empty() && t.raw.back() == '.') {
    // field."Name with spaces": a prefix glued to a quoted name.
    for (const auto& a : attributes()) {
      if (a.takes_name && equals_folded(a.name, t.raw)) info = &a;
    }
    if (info != nullptr) {
      const std::string example = info->attr == Attr::field ? "field.budget" : "score.engagement";
      if (peek().kind != TokenKind::string || !peek().glued || peek().text.empty()) {
        return expected(peek(), "a name right after '" + std::string(t.raw) + "' (" + example + ")");
      }
      c.name = take().text;
      c.attr_span.end = m_last_end;
    }
  } else if (info != nullptr) {
    c.name = std::string(name);
  }
  if (info == nullptr) {
    return fail(t, "unknown attribute " + describe(t) + "; expected one of " + attribute_names());
  }
  c.attr = info->attr;
  const std::string shown = display_name(*info, c.name);
  if (!parse_test(*info, shown, c)) return false;
  out.kind = Node::Kind::condition;
  out.span = {t.span.begin, m_last_end};
  out.condition = std::move(c);
  return true;
}

bool Parser::not_applicable(const Token& at, const AttrInfo& info, const std::string& shown) {
  return fail(at, describe(at) + " does not apply to " + shown + ", which takes " + takes_phrase(info));
}

bool Parser::parse_test(const AttrInfo& info, const std::string& shown, Condition& c) {
  const Token& t = peek();
  auto require = [&](Test test) {
    c.test = test;
    return allows(info.attr, test) || not_applicable(t, info, shown);
  };
  if (t.kind == TokenKind::op) {
    if (!require(Test::compare) || !allows(info.attr, t.op)) return not_applicable(t, info, shown);
    c.op = t.op;
    take();
    return parse_value(info, shown, c, "after '" + std::string(to_string(c.op)) + "'");
  }
  if (is_keyword(t, "in")) return require(Test::in) && parse_list(info, shown, c);
  if (is_keyword(t, "not")) {
    if (!is_keyword(peek(1), "in")) return expected(peek(1), "'in' after 'not'");
    if (!require(Test::not_in)) return false;
    take();
    return parse_list(info, shown, c);
  }
  if (is_keyword(t, "between")) {
    if (!require(Test::between)) return false;
    take();
    if (!parse_value(info, shown, c, "after 'between'")) return false;
    if (!is_keyword(peek(), "and")) return expected(peek(), "'and' between the two values of 'between'");
    take();
    return parse_value(info, shown, c, "after 'and'");
  }
  if (is_keyword(t, "contains") || is_keyword(t, "starts_with")) {
    if (!require(is_keyword(t, "contains") ? Test::contains : Test::starts_with)) return false;
    take();
    return parse_value(info, shown, c, "after " + describe(t));
  }
  if (is_keyword(t, "is")) {
    const bool negated = is_keyword(peek(1), "not");
    if (!require(negated ? Test::is_not_empty : Test::is_empty)) return false;
    take();
    if (negated) take();
    if (!is_keyword(peek(), "empty"))
      return expected(peek(), negated ? "'empty' after 'is not'" : "'empty' or 'not empty' after 'is'");
    take();
    return true;
  }
  if (is_keyword(t, "within")) {
    if (!require(Test::within)) return false;
    take();
    Value v;
    if (!parse_duration(v)) return false;
    c.values.push_back(std::move(v));
    return true;
  }
  if (info.type == ValueType::boolean) {
    c.test = Test::is_true;  // a bare consent.sms: it is true
    return true;
  }
  return expected(t, "an operator after " + shown + " (" + takes_phrase(info) + ")");
}

bool Parser::parse_list(const AttrInfo& info, const std::string& shown, Condition& c) {
  const Token& in = take();
  if (peek().kind != TokenKind::lparen) return expected(peek(), "'(' after " + describe(in));
  take();
  while (true) {
    if (!parse_value(info, shown, c, "in the list")) return false;
    if (peek().kind == TokenKind::rparen) break;
    if (peek().kind != TokenKind::comma) return expected(peek(), "',' or ')' in the list");
    take();
  }
  take();
  return true;
}

bool Parser::parse_duration(Value& v) {
  const Token& t = peek();
  if (t.kind != TokenKind::duration) {
    return expected(t, "a duration after 'within' " + std::string(k_durations));
  }
  v.kind = Value::Kind::duration;
  v.duration = t.duration;
  v.span = t.span;
  take();
  return true;
}

// A date, today, this month or last month.
bool Parser::parse_date_value(Value& v, const std::string& needs) {
  const Token& t = peek();
  v.span = t.span;
  if (t.kind == TokenKind::date) {
    v.kind = Value::Kind::date;
    v.date = t.date;
    take();
    return true;
  }
  if (is_keyword(t, "today")) {
    v.kind = Value::Kind::today;
    take();
    return true;
  }
  if ((is_keyword(t, "this") || is_keyword(t, "last")) && is_keyword(peek(1), "month")) {
    v.kind = is_keyword(t, "this") ? Value::Kind::this_month : Value::Kind::last_month;
    take();
    take();
    v.span.end = m_last_end;
    return true;
  }
  return fail(t, needs + " a date (2026-01-31), today, this month or last month, found " + describe(t));
}

// Text as written: a word, a number, a date or a duration keeps its spelling (zip = 02134).
bool Parser::take_text(Value& v) {
  const Token& t = take();
  v.kind = Value::Kind::text;
  v.text = t.kind == TokenKind::string ? t.text : std::string(t.raw);
  return true;
}

bool Parser::parse_value(const AttrInfo& info, const std::string& shown, Condition& c,
                         const std::string& where) {
  const Token& t = peek();
  if (t.kind == TokenKind::end || t.kind == TokenKind::error || t.kind == TokenKind::lparen ||
      t.kind == TokenKind::rparen || t.kind == TokenKind::comma || t.kind == TokenKind::op ||
      is_structural(t)) {
    return expected(t, "a value " + where);
  }
  Value v;
  v.span = t.span;
  switch (info.type) {
    case ValueType::enumeration: {
      const auto names = enum_values(info.attr);
      std::string value = lower(t.kind == TokenKind::string ? std::string_view(t.text) : t.raw);
      bool known = false;
      for (const auto n : names) known = known || n == value;
      if (!known || (t.kind != TokenKind::word && t.kind != TokenKind::string)) {
        return fail(t, "unknown " + shown + " " + describe(t) + "; expected one of " + join(names, " or "));
      }
      take();
      v.kind = Value::Kind::text;
      v.text = std::move(value);
      break;
    }
    case ValueType::text:
    case ValueType::multi:
      // A custom field compares numbers numerically, so a number stays a number there, except
      // for text tests (field.phone starts_with 0044).
      if (info.attr == Attr::field && t.kind == TokenKind::number && c.test != Test::contains &&
          c.test != Test::starts_with) {
        v.kind = Value::Kind::number;
        v.number = t.number;
        take();
      } else {
        take_text(v);
      }
      break;
    case ValueType::number:
      if (t.kind != TokenKind::number) return fail(t, shown + " needs a number, found " + describe(t));
      v.kind = Value::Kind::number;
      v.number = t.number;
      take();
      break;
    case ValueType::date:
      if (!parse_date_value(v, shown + " needs")) return false;
      break;
    case ValueType::boolean: {
      const bool yes = is_keyword(t, "true") || is_keyword(t, "yes");
      if (!yes && !is_keyword(t, "false") && !is_keyword(t, "no")) {
        return fail(t, shown + " is true or false, found " + describe(t));
      }
      v.kind = Value::Kind::boolean;
      v.number = yes ? 1 : 0;
      take();
      break;
    }
  }
  c.values.push_back(std::move(v));
  return true;
}

}  // namespace detail

Error error_at(std::string_view text, Span span, std::string message) {
  const LineColumn lc = line_column(text, span.begin);
  return Error{std::move(message), lc.line, lc.column};
}

Expected<Node> parse_query(std::string_view text, const ParseLimits& limits) {
  // Length first, before anything walks the whole text: count code points up to the limit.
  std::size_t offset = 0;
  std::size_t chars = 0;
  while (offset < text.size() && chars < limits.max_length) {
    ++offset;
    while (offset < text.size() && (static_cast<unsigned char>(text[offset]) & 0xC0) == 0x80) ++offset;
    ++chars;
  }
  if (offset < text.size()) {
    return error_at(text, {static_cast<std::uint32_t>(offset), static_cast<std::uint32_t>(offset)},
                    "the query is longer than " + std::to_string(limits.max_length) + " characters");
  }
  const std::size_t bad = first_invalid_utf8(text);
  if (bad < text.size()) {
    return error_at(text, {static_cast<std::uint32_t>(bad), static_cast<std::uint32_t>(bad)},
                    "the query is not valid UTF-8 text");
  }
  return detail::Parser(text, tokenize(text), limits).run();
}

}  // namespace nurture::segment
