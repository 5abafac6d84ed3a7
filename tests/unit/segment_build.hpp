#pragma once
// Segment query trees built in code (the tests do not depend on the parser): short builders for
// values, conditions, behaviours and groups.

#include <string>
#include <utility>
#include <vector>

#include "core/segment/ast.hpp"

namespace nurture::test::seg {

using namespace nurture::segment;

inline Value txt(std::string s) {
  Value v;
  v.kind = Value::Kind::text;
  v.text = std::move(s);
  return v;
}
inline Value num(double x) {
  Value v;
  v.kind = Value::Kind::number;
  v.number = x;
  return v;
}
inline Value boolean(bool b) {
  Value v;
  v.kind = Value::Kind::boolean;
  v.number = b ? 1 : 0;
  return v;
}
inline Value date(int y, unsigned m, unsigned d) {
  Value v;
  v.kind = Value::Kind::date;
  v.date = CivilDate{y, m, d};
  return v;
}
inline Duration span_of(std::uint32_t n, DurationUnit u) { return Duration{n, u}; }
inline Value dur(std::uint32_t n, DurationUnit u = DurationUnit::days) {
  Value v;
  v.kind = Value::Kind::duration;
  v.duration = Duration{n, u};
  return v;
}
inline Value word(Value::Kind k) {
  Value v;
  v.kind = k;
  return v;
}

inline Node cond(Attr a, Test t, std::vector<Value> values = {}, std::string name = {}) {
  Node n;
  n.kind = Node::Kind::condition;
  n.condition.attr = a;
  n.condition.test = t;
  n.condition.values = std::move(values);
  n.condition.name = std::move(name);
  return n;
}
inline Node cmp(Attr a, CompareOp op, Value v, std::string name = {}) {
  Node n = cond(a, Test::compare, {std::move(v)}, std::move(name));
  n.condition.op = op;
  return n;
}
inline Node beh(BehaviourKind k, EventType e, CompareOp op = CompareOp::ge, double number = 0) {
  Node n;
  n.kind = Node::Kind::behaviour;
  n.behaviour.kind = k;
  n.behaviour.event = e;
  n.behaviour.op = op;
  n.behaviour.number = number;
  return n;
}
inline Node within(Node n, Duration d) {
  n.behaviour.window = d;
  return n;
}
inline Node where(Node n, std::string prop, CompareOp op, Value v) {
  EventFilter f;
  f.prop = std::move(prop);
  f.op = op;
  f.value = std::move(v);
  n.behaviour.where.push_back(std::move(f));
  return n;
}
inline Node group(Node::Kind k, std::vector<Node> children) {
  Node n;
  n.kind = k;
  n.children = std::move(children);
  return n;
}
inline Node all(std::vector<Node> c) { return group(Node::Kind::all, std::move(c)); }
inline Node any(std::vector<Node> c) { return group(Node::Kind::any, std::move(c)); }
inline Node neg(Node c) { return group(Node::Kind::negate, {std::move(c)}); }
inline Node in_segment(std::string name) {
  Node n;
  n.kind = Node::Kind::in_segment;
  n.segment = std::move(name);
  return n;
}

}  // namespace nurture::test::seg
