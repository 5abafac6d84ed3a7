// Bind: the tree's names and literals resolved once per query, with the same acceptance rules
// as the reference evaluator (naive.cpp) so that both refuse the same queries. Saved segments
// are inlined here, so execution needs no resolver and a cycle is found before any lead is read.

#include <algorithm>

#include "core/segment/describe.hpp"
#include "core/segment/engine.hpp"
#include "core/segment/parser.hpp"

namespace nurture::segment {

std::vector<std::uint32_t> plan_order(const CompiledQuery& q, const std::vector<std::uint32_t>& children);
std::uint32_t plan_cost(const CompiledQuery& q, std::uint32_t step);

namespace {

bool is_text_attr(Attr a) {
  switch (a) {
    case Attr::source:
    case Attr::interest:
    case Attr::tag:
    case Attr::gender:
    case Attr::zip:
    case Attr::city:
    case Attr::state:
    case Attr::field:
      return true;
    default:
      return false;
  }
}

class Binder {
 public:
  Binder(std::string_view text, const EvalContext& ctx, CompiledQuery& out)
      : m_text(text), m_ctx(ctx), m_out(out) {}

  Expected<std::uint32_t> node(const Node& n) {
    using Op = CompiledQuery::Step::Op;
    switch (n.kind) {
      case Node::Kind::all:
      case Node::Kind::any: {
        std::vector<std::uint32_t> children;
        for (const Node& c : n.children) {
          auto r = node(c);
          if (!r) return r.error();
          children.push_back(r.value());
        }
        return group(n.kind == Node::Kind::all ? Op::all : Op::any, children);
      }
      case Node::Kind::negate: {
        if (n.children.size() != 1) return fail(n.span, "not needs one clause");
        auto r = node(n.children[0]);
        if (!r) return r.error();
        return group(Op::negate, {r.value()});
      }
      case Node::Kind::in_segment: {
        const Node* q = m_ctx.find_segment ? m_ctx.find_segment(n.segment) : nullptr;
        if (q == nullptr) return fail(n.span, "unknown segment \"" + n.segment + "\"");
        if (std::any_of(m_active.begin(), m_active.end(),
                        [&](const std::string& a) { return sem::iequals(a, n.segment); })) {
          return fail(n.span, "segment \"" + n.segment + "\" refers to itself");
        }
        m_active.push_back(n.segment);
        // The saved segment's spans point into its own text, not this query's: its errors
        // are reported at the in_segment clause.
        const std::string_view saved = m_text;
        m_text = {};
        auto r = node(*q);
        m_text = saved;
        m_active.pop_back();
        if (!r) return fail(n.span, "in segment \"" + n.segment + "\": " + r.error().message);
        return r;
      }
      case Node::Kind::condition: {
        CompiledQuery::Step s;
        s.op = Op::condition;
        auto st = condition(n.condition, s.condition);
        if (!st.ok()) return fail(n.span, st.message);
        if (n.condition.attr == Attr::last_activity) m_out.uses_events = true;
        if (n.condition.attr == Attr::age || n.condition.attr == Attr::birthday) m_out.uses_dates = true;
        if (n.condition.attr == Attr::interest || n.condition.attr == Attr::tag) m_out.uses_lists = true;
        return push(std::move(s));
      }
      case Node::Kind::behaviour: {
        CompiledQuery::Step s;
        s.op = Op::behaviour;
        auto st = behaviour(n.behaviour, s.behaviour);
        if (!st.ok()) return fail(n.span, st.message);
        m_out.uses_events = true;
        return push(std::move(s));
      }
    }
    return fail(n.span, "unknown clause");
  }

 private:
  [[nodiscard]] Error fail(Span span, std::string message) const {
    if (m_text.empty() || span.begin > m_text.size()) return Error{std::move(message), 0, 0};
    return error_at(m_text, span, std::move(message));
  }

  std::uint32_t push(CompiledQuery::Step s) {
    m_out.steps.push_back(std::move(s));
    const auto i = static_cast<std::uint32_t>(m_out.steps.size() - 1);
    m_out.steps[i].cost = plan_cost(m_out, i);
    return i;
  }

  std::uint32_t group(CompiledQuery::Step::Op op, const std::vector<std::uint32_t>& children) {
    CompiledQuery::Step s;
    s.op = op;
    s.children = plan_order(m_out, children);
    return push(std::move(s));
  }

  // Checks that `c`'s literal count fits its test (the same counts naive.cpp asks for).
  static Status counts(const Condition& c, std::size_t n) {
    switch (c.test) {
      case Test::compare:
      case Test::contains:
      case Test::starts_with:
        return n == 1 ? Status::success() : Status::failure("this test needs one value");
      case Test::in:
      case Test::not_in:
        return n >= 1 ? Status::success() : Status::failure("in needs values");
      case Test::between:
        return n == 2 ? Status::success() : Status::failure("between needs two values");
      default:
        return Status::success();
    }
  }

  Status condition(const Condition& c, BoundCondition& b) {
    b.attr = c.attr;
    b.test = c.test;
    b.op = c.op;
    b.field = c.name;
    // != and not in are the negation of = and in.
    if (c.test == Test::compare && c.op == CompareOp::ne) {
      b.op = CompareOp::eq;
      b.negated = true;
    } else if (c.test == Test::not_in) {
      b.test = Test::in;
      b.negated = true;
    }
    const std::string name = attr_name(c.attr, c.name);
    if (is_text_attr(c.attr)) {
      b.loose = c.attr == Attr::field;
      for (const Value& v : c.values) {
        auto t = sem::value_text(v);
        if (!t) return Status::failure(name + " needs text, not " + describe(v));
        b.texts.push_back(*t);
      }
      if (c.test == Test::within) return Status::failure("within needs a date attribute");
      return counts(c, b.texts.size());
    }
    switch (c.attr) {
      case Attr::stage:
      case Attr::age:
      case Attr::score:
      case Attr::score_group: {
        if (c.attr == Attr::stage && (c.test == Test::is_empty || c.test == Test::is_not_empty)) {
          return Status::success();
        }
        for (const Value& v : c.values) {
          if (c.attr == Attr::stage) {
            std::string folded = v.text;
            for (char& ch : folded) ch = (ch >= 'A' && ch <= 'Z') ? static_cast<char>(ch - 'A' + 'a') : ch;
            const auto st = v.kind == Value::Kind::text ? parse_stage(folded) : std::nullopt;
            if (!st) return Status::failure("unknown stage " + describe(v));
            b.numbers.push_back(static_cast<double>(*st));
          } else if (v.kind == Value::Kind::number) {
            b.numbers.push_back(v.number);
          } else {
            return Status::failure(name + " needs a number, not " + describe(v));
          }
        }
        if (c.attr == Attr::score_group) {
          const auto g = m_ctx.scores != nullptr ? m_ctx.scores->group(c.name) : std::nullopt;
          if (!g) return Status::failure("unknown score group \"" + c.name + "\"");
          b.score_group = *g;
        }
        switch (c.test) {
          case Test::compare:
          case Test::in:
          case Test::not_in:
          case Test::between:
            return counts(c, b.numbers.size());
          case Test::is_empty:
          case Test::is_not_empty:
            return Status::success();
          default:
            return Status::failure(name + " is a number: compare it, or use in, between or is empty");
        }
      }
      case Attr::created:
      case Attr::last_activity: {
        if (c.test == Test::within) {
          if (c.values.size() != 1 || c.values[0].kind != Value::Kind::duration) {
            return Status::failure("within needs a duration");
          }
          b.window_start = sem::window_start(m_ctx.now, m_ctx.utc_offset_minutes, c.values[0].duration);
          return Status::success();
        }
        if (c.test == Test::is_empty || c.test == Test::is_not_empty) return Status::success();
        for (const Value& v : c.values) {
          auto r = sem::period(v, m_ctx.now, m_ctx.utc_offset_minutes);
          if (!r) return Status::failure(name + " needs a date, today, this month or last month");
          b.ranges.push_back(*r);
        }
        switch (c.test) {
          case Test::compare:
          case Test::in:
          case Test::not_in:
          case Test::between:
            return counts(c, b.ranges.size());
          default:
            return Status::failure(name + " is a date: compare it, or use within, in or between");
        }
      }
      case Attr::birthday: {
        if (c.test != Test::within || c.values.size() != 1 || c.values[0].kind != Value::Kind::duration) {
          return Status::failure("birthday only takes within, e.g. birthday within 14d");
        }
        const CivilDate today = civil_from_days(sem::local_day(m_ctx.now, m_ctx.utc_offset_minutes));
        b.birthday_limit = sem::birthday_limit(today, c.values[0].duration);
        return Status::success();
      }
      default: {  // consent.X, dnc.X
        Status bad = Status::failure(name + " is true or false: use it alone, or = true / = false");
        switch (c.test) {
          case Test::is_true:
          case Test::is_empty:
          case Test::is_not_empty:
            return Status::success();
          case Test::compare:
            if (c.values.size() != 1 || (c.op != CompareOp::eq && c.op != CompareOp::ne) ||
                (c.values[0].kind != Value::Kind::boolean && c.values[0].kind != Value::Kind::number)) {
              return bad;
            }
            b.numbers.push_back(c.values[0].number != 0 ? 1 : 0);
            return Status::success();
          default:
            return bad;
        }
      }
    }
  }

  Status behaviour(const Behaviour& in, BoundBehaviour& b) {
    b.kind = in.kind;
    b.event = in.event;
    b.op = in.op;
    b.number = in.number;
    for (const EventFilter& f : in.where) {
      BoundFilter bf;
      if (auto st = bind_filter(f, bf); !st.ok()) return st;
      b.where.push_back(std::move(bf));
    }
    if (in.kind == BehaviourKind::sum) {
      if (in.sum_prop.empty()) return Status::failure("sum needs a property, e.g. content_viewed.seconds");
      b.sum.prop = filter_prop(in.sum_prop);
      b.sum.name = in.sum_prop;
    }
    if (in.window) {
      b.windowed = true;
      b.window_start = sem::window_start(m_ctx.now, m_ctx.utc_offset_minutes, *in.window);
    }
    if (in.kind == BehaviourKind::last_within) {
      b.last_start = sem::window_start(m_ctx.now, m_ctx.utc_offset_minutes, in.last_window);
    }
    if (in.kind == BehaviourKind::last_before) {
      const auto r = sem::period(in.before, m_ctx.now, m_ctx.utc_offset_minutes);
      if (!r) return Status::failure("before needs a date, today, this month or last month");
      b.before_day = r->first;
    }
    return Status::success();
  }

  std::string_view m_text;
  const EvalContext& m_ctx;
  CompiledQuery& m_out;
  std::vector<std::string> m_active;
};

}  // namespace

Expected<CompiledQuery> compile(const Node& query, std::string_view text, const EvalContext& ctx) {
  CompiledQuery q;
  q.now = ctx.now;
  q.utc_offset_minutes = ctx.utc_offset_minutes;
  Binder binder(text, ctx, q);
  auto root = binder.node(query);
  if (!root) return root.error();
  q.root = root.value();
  return q;
}

Expected<LeadSet> evaluate(const Node& query, std::string_view text, const EvalContext& ctx,
                           SegmentCache* cache) {
  auto q = compile(query, text, ctx);
  if (!q) return q.error();
  return execute(q.value(), ctx, cache);
}

}  // namespace nurture::segment
