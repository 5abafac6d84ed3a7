#include "core/segment/event_filter.hpp"

#include <algorithm>

#include "core/segment/describe.hpp"
#include "core/segment/parser.hpp"
#include "core/segment/semantics.hpp"

namespace nurture::segment {

BoundFilter::Prop filter_prop(std::string_view name) {
  using P = BoundFilter::Prop;
  if (name == "step") return P::step;
  if (name == "seconds") return P::seconds;
  if (name == "amount") return P::amount;
  if (name == "content") return P::content;
  if (name == "sequence") return P::sequence;
  if (name == "service") return P::service;
  return P::named;
}

Status bind_filter(const EventFilter& f, BoundFilter& out) {
  using P = BoundFilter::Prop;
  if (f.prop.empty()) return Status::failure("where needs a property");
  out.prop = filter_prop(f.prop);
  out.name = f.prop;
  out.op = f.op;
  const bool numeric = out.prop == P::step || out.prop == P::seconds || out.prop == P::amount;
  if (numeric && f.value.kind != Value::Kind::number) {
    return Status::failure(f.prop + " is a number, not " + describe(f.value));
  }
  auto t = sem::value_text(f.value);
  if (!t) return Status::failure("where " + f.prop + " needs a value, not " + describe(f.value));
  out.text = *t;
  out.number = f.value.number;
  return Status::success();
}

std::string_view EventRef::text(BoundFilter::Prop p) {
  using P = BoundFilter::Prop;
  if (!m_view) m_view = m_log.view(m_pos);
  return p == P::content ? m_view->content : (p == P::sequence ? m_view->sequence : m_view->service);
}

std::string_view EventRef::named(const std::string& name) const {
  for (std::size_t i = 0; i < m_log.property_count(m_pos); ++i) {
    const auto [k, v] = m_log.property(m_pos, i);
    if (k == name) return v;
  }
  return {};
}

bool filter_holds(const BoundFilter& f, EventRef& e) {
  using P = BoundFilter::Prop;
  switch (f.prop) {
    case P::step:
      return sem::op_holds(f.op, static_cast<double>(e.log().step(e.pos())), f.number);
    case P::seconds:
      return sem::op_holds(f.op, static_cast<double>(e.log().seconds(e.pos())), f.number);
    case P::amount:
      return sem::op_holds(f.op, static_cast<double>(e.log().amount_cents(e.pos())) / 100.0, f.number);
    case P::content:
    case P::sequence:
    case P::service: {
      const std::string_view t = e.text(f.prop);
      if (t.empty()) return f.op == CompareOp::ne;  // a missing value fails all but !=
      return sem::op_holds(f.op, sem::icompare(t, f.text));
    }
    case P::named: {
      const std::string_view t = e.named(f.name);
      if (t.empty()) return f.op == CompareOp::ne;
      return sem::op_holds(f.op, sem::compare_loose(t, f.text));
    }
  }
  return false;
}

double sum_value(const BoundFilter& f, EventRef& e) {
  using P = BoundFilter::Prop;
  switch (f.prop) {
    case P::step:
      return e.log().step(e.pos());
    case P::seconds:
      return e.log().seconds(e.pos());
    case P::amount:
      return static_cast<double>(e.log().amount_cents(e.pos())) / 100.0;
    case P::content:
    case P::sequence:
    case P::service:
      return sem::parse_number(e.text(f.prop)).value_or(0.0);
    case P::named:
      return sem::parse_number(e.named(f.name)).value_or(0.0);
  }
  return 0;
}

bool event_matches(const EventLog& log, std::uint32_t pos, const std::vector<BoundFilter>& where) {
  EventRef e(log, pos);
  return std::all_of(where.begin(), where.end(), [&](const BoundFilter& f) { return filter_holds(f, e); });
}

Expected<std::vector<BoundFilter>> compile_event_filters(std::string_view text) {
  // Parsed inside a behaviour clause, so the grammar stays in one place; positions are moved
  // back to the caller's text (the prefix has no line break, so only line 1 shifts).
  static constexpr std::string_view k_prefix = "ever(email_opened where ";
  std::string query(k_prefix);
  query.append(text);
  query.push_back(')');
  auto node = parse_query(query);
  const auto shift = static_cast<std::uint32_t>(k_prefix.size());
  if (!node) {
    Error e = node.error();
    if (e.line == 1) e.column = e.column > shift ? e.column - shift : 1;
    return e;
  }
  if (node.value().kind != Node::Kind::behaviour || node.value().behaviour.window) {
    return Error{"expected only conditions on event properties (decay sets the time, not 'within')", 1, 1};
  }
  std::vector<BoundFilter> out;
  for (const auto& f : node.value().behaviour.where) {
    BoundFilter b;
    if (auto st = bind_filter(f, b); !st.ok())
      return error_at(text, {f.span.begin - shift, f.span.end - shift}, st.message);
    out.push_back(std::move(b));
  }
  return out;
}

}  // namespace nurture::segment
