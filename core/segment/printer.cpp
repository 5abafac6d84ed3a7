#include "core/segment/printer.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "core/segment/lexer.hpp"
#include "core/segment/vocabulary.hpp"

namespace nurture::segment {

namespace {

// Where a node is printed, which decides whether it needs parentheses: `or` binds loosest,
// so an `any` inside an `all` or a `not` needs them, and an `all` inside a `not` does.
enum class Context : std::uint8_t { top, all, any, negate };

void quote(std::string_view text, std::string& out) {
  out.push_back('"');
  for (const char c : text) {
    if (c == '"' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  out.push_back('"');
}

void print_text(std::string_view text, std::string& out) {
  if (is_bare_word(text)) {
    out += text;
  } else {
    quote(text, out);
  }
}

void print_value(const Value& v, std::string& out) {
  switch (v.kind) {
    case Value::Kind::text:
      print_text(v.text, out);
      break;
    case Value::Kind::number:
      out += format_number(v.number);
      break;
    case Value::Kind::date:
      out += format_date(v.date);
      break;
    case Value::Kind::duration:
      out += format_duration(v.duration);
      break;
    case Value::Kind::today:
      out += "today";
      break;
    case Value::Kind::this_month:
      out += "this month";
      break;
    case Value::Kind::last_month:
      out += "last month";
      break;
    case Value::Kind::boolean:
      out += v.number != 0 ? "true" : "false";
      break;
  }
}

void print_op(CompareOp op, std::string& out) {
  out.push_back(' ');
  out += to_string(op);
  out.push_back(' ');
}

void print_condition(const Condition& c, std::string& out) {
  const AttrInfo& info = attribute_info(c.attr);
  out += info.name;
  if (info.takes_name) {
    // field."Preferred time": a name that is no word is quoted, glued to the dot.
    if (is_word_tail(c.name)) {
      out += c.name;
    } else {
      quote(c.name, out);
    }
  }
  const Value none;
  const Value& first = c.values.empty() ? none : c.values.front();
  auto list = [&](std::string_view keyword) {
    out += keyword;
    out += " (";
    for (std::size_t i = 0; i < c.values.size(); ++i) {
      if (i > 0) out += ", ";
      print_value(c.values[i], out);
    }
    out += ")";
  };
  switch (c.test) {
    case Test::compare:
      print_op(c.op, out);
      print_value(first, out);
      break;
    case Test::in:
      list(" in");
      break;
    case Test::not_in:
      list(" not in");
      break;
    case Test::between:
      out += " between ";
      print_value(first, out);
      out += " and ";
      print_value(c.values.size() > 1 ? c.values[1] : none, out);
      break;
    case Test::contains:
      out += " contains ";
      print_value(first, out);
      break;
    case Test::starts_with:
      out += " starts_with ";
      print_value(first, out);
      break;
    case Test::is_empty:
      out += " is empty";
      break;
    case Test::is_not_empty:
      out += " is not empty";
      break;
    case Test::is_true:
      break;
    case Test::within:
      out += " within ";
      print_value(first, out);
      break;
  }
}

std::string_view event_name(const Behaviour& b) {
  // As written when it still names the event (email_open), else the canonical name.
  if (!b.event_text.empty() && find_event(b.event_text) == b.event) return b.event_text;
  return to_string(b.event);
}

void print_behaviour(const Behaviour& b, std::string& out) {
  switch (b.kind) {
    case BehaviourKind::count:
      out += "count(";
      break;
    case BehaviourKind::ever:
      out += "ever(";
      break;
    case BehaviourKind::never:
      out += "never(";
      break;
    case BehaviourKind::last_within:
    case BehaviourKind::last_before:
      out += "last(";
      break;
    case BehaviourKind::sum:
      out += "sum(";
      break;
  }
  out += event_name(b);
  if (b.kind == BehaviourKind::sum) {
    out.push_back('.');
    out += b.sum_prop;
  }
  for (std::size_t i = 0; i < b.where.size(); ++i) {
    out += i == 0 ? " where " : " and ";
    out += b.where[i].prop;
    print_op(b.where[i].op, out);
    print_value(b.where[i].value, out);
  }
  const bool is_last = b.kind == BehaviourKind::last_within || b.kind == BehaviourKind::last_before;
  if (b.window && !is_last) {
    out += " within ";
    out += format_duration(*b.window);
  }
  out.push_back(')');
  switch (b.kind) {
    case BehaviourKind::count:
    case BehaviourKind::sum:
      print_op(b.op, out);
      out += format_number(b.number);
      break;
    case BehaviourKind::last_within:
      out += " within ";
      out += format_duration(b.last_window);
      break;
    case BehaviourKind::last_before:
      out += " before ";
      print_value(b.before, out);
      break;
    case BehaviourKind::ever:
    case BehaviourKind::never:
      break;
  }
}

void print_node(const Node& n, Context context, std::string& out) {
  const bool group = n.kind == Node::Kind::all || n.kind == Node::Kind::any;
  if (group && n.children.size() == 1) {
    print_node(n.children.front(), context, out);
    return;
  }
  if (group && n.children.empty()) {
    if (context != Context::top) out += "()";
    return;
  }
  switch (n.kind) {
    case Node::Kind::all:
    case Node::Kind::any: {
      const bool is_any = n.kind == Node::Kind::any;
      const bool parens = context == Context::negate || (is_any && context == Context::all);
      if (parens) out.push_back('(');
      for (std::size_t i = 0; i < n.children.size(); ++i) {
        if (i > 0) out += is_any ? " or " : " and ";
        print_node(n.children[i], is_any ? Context::any : Context::all, out);
      }
      if (parens) out.push_back(')');
      break;
    }
    case Node::Kind::negate:
      out += "not ";
      if (n.children.empty()) {
        out += "()";
      } else {
        print_node(n.children.front(), Context::negate, out);
      }
      break;
    case Node::Kind::condition:
      print_condition(n.condition, out);
      break;
    case Node::Kind::behaviour:
      print_behaviour(n.behaviour, out);
      break;
    case Node::Kind::in_segment:
      out += "in_segment(";
      quote(n.segment, out);
      out.push_back(')');
      break;
  }
}

void strip_spans(Value& v) { v.span = {}; }

void strip_spans(Node& n) {
  n.span = {};
  n.condition.attr_span = {};
  for (auto& v : n.condition.values) strip_spans(v);
  for (auto& f : n.behaviour.where) {
    f.span = {};
    strip_spans(f.value);
  }
  strip_spans(n.behaviour.before);
  for (auto& c : n.children) strip_spans(c);
}

}  // namespace

std::string format_number(double value) {
  if (!std::isfinite(value)) return "0";  // no literal makes one; keep the output parseable
  char buf[64];
  int precision = 1;
  for (; precision < 17; ++precision) {
    std::snprintf(buf, sizeof buf, "%.*g", precision, value);
    if (std::strtod(buf, nullptr) == value) break;
  }
  std::snprintf(buf, sizeof buf, "%.*g", precision, value);
  if (std::strchr(buf, 'e') == nullptr) return buf;
  // The language has no exponents: write the same significant digits out in full.
  std::snprintf(buf, sizeof buf, "%.*e", precision - 1, value);
  const int exponent = std::atoi(std::strchr(buf, 'e') + 1);
  const int decimals = std::max(0, precision - 1 - exponent);
  const int length = std::snprintf(nullptr, 0, "%.*f", decimals, value);
  std::string out(static_cast<std::size_t>(length) + 1, '\0');
  std::snprintf(out.data(), out.size(), "%.*f", decimals, value);
  out.pop_back();
  return out;
}

std::string format_duration(Duration duration) {
  char unit = 'd';
  switch (duration.unit) {
    case DurationUnit::hours:
      unit = 'h';
      break;
    case DurationUnit::days:
      unit = 'd';
      break;
    case DurationUnit::weeks:
      unit = 'w';
      break;
    case DurationUnit::months:
      unit = 'm';
      break;
    case DurationUnit::years:
      unit = 'y';
      break;
  }
  return std::to_string(duration.count) + unit;
}

std::string print_query(const Node& node) {
  std::string out;
  print_node(node, Context::top, out);
  return out;
}

bool same_query(const Node& a, const Node& b) {
  Node x = a;
  Node y = b;
  strip_spans(x);
  strip_spans(y);
  return x == y;
}

}  // namespace nurture::segment
