// The reference evaluator: one lead at a time, straight from the rules in naive.hpp. It
// deliberately evaluates every child of a group (no short circuit), so an error anywhere in the
// tree is reported whatever the leads hold, and it checks the tree once against an empty lead
// so that an empty workspace reports errors too.

#include "core/segment/naive.hpp"

#include <algorithm>
#include <optional>

#include "core/segment/describe.hpp"
#include "core/segment/semantics.hpp"

namespace nurture::segment {

namespace {

struct Subject {
  Lead lead;
  std::vector<Event> events;  // live events, time order
  std::uint32_t row = 0;
};

Error fail(std::string message) { return Error{std::move(message), 0, 0}; }

std::optional<Channel> channel_of(Attr a) {
  switch (a) {
    case Attr::consent_email:
    case Attr::dnc_email:
      return Channel::email;
    case Attr::consent_sms:
    case Attr::dnc_sms:
      return Channel::sms;
    case Attr::consent_call:
    case Attr::dnc_call:
      return Channel::call;
    default:
      return std::nullopt;
  }
}

bool is_truthy(const std::string& v) { return sem::iequals(v, "true") || sem::iequals(v, "yes") || v == "1"; }

class Interp {
 public:
  explicit Interp(const EvalContext& ctx)
      : m_ctx(ctx), m_today(civil_from_days(sem::local_day(ctx.now, ctx.utc_offset_minutes))) {}

  Expected<bool> holds(const Node& n, const Subject& s) {
    switch (n.kind) {
      case Node::Kind::all:
      case Node::Kind::any: {
        bool result = n.kind == Node::Kind::all;
        for (const Node& child : n.children) {
          auto r = holds(child, s);
          if (!r) return r.error();
          result = n.kind == Node::Kind::all ? (result && r.value()) : (result || r.value());
        }
        return result;
      }
      case Node::Kind::negate: {
        if (n.children.size() != 1) return fail("not needs one clause");
        auto r = holds(n.children[0], s);
        if (!r) return r.error();
        return !r.value();
      }
      case Node::Kind::condition:
        return condition(n.condition, s);
      case Node::Kind::behaviour:
        return behaviour(n.behaviour, s);
      case Node::Kind::in_segment: {
        const Node* q = m_ctx.find_segment ? m_ctx.find_segment(n.segment) : nullptr;
        if (q == nullptr) return fail("unknown segment \"" + n.segment + "\"");
        for (const std::string& active : m_active) {
          if (sem::iequals(active, n.segment)) return fail("segment \"" + n.segment + "\" refers to itself");
        }
        m_active.push_back(n.segment);
        auto r = holds(*q, s);
        m_active.pop_back();
        return r;
      }
    }
    return fail("unknown clause");
  }

  /// The lead's value of the clause, in words, for explain().
  std::string detail(const Node& n, const Subject& s) {
    if (n.kind == Node::Kind::condition) return condition_detail(n.condition, s);
    if (n.kind == Node::Kind::behaviour) return behaviour_detail(n.behaviour, s);
    return {};
  }

  [[nodiscard]] const EvalContext& ctx() const { return m_ctx; }

 private:
  // ---- attribute values ----
  [[nodiscard]] std::vector<std::string> texts(const Condition& c, const Lead& lead) const {
    std::vector<std::string> out;
    const auto add = [&](const std::string& v) {
      if (!v.empty()) out.push_back(v);
    };
    switch (c.attr) {
      case Attr::source:
        add(lead.source);
        break;
      case Attr::city:
        add(lead.city);
        break;
      case Attr::state:
        add(lead.state);
        break;
      case Attr::zip:
        add(lead.zip);
        break;
      case Attr::interest:
        for (const auto& v : lead.interests) add(v);
        break;
      case Attr::tag:
        for (const auto& v : lead.tags) add(v);
        break;
      case Attr::gender:
        if (lead.gender != Gender::unknown) add(std::string(to_string(lead.gender)));
        break;
      case Attr::field:
        if (auto it = lead.custom_fields.find(c.name); it != lead.custom_fields.end()) add(it->second);
        break;
      default:
        break;
    }
    return out;
  }

  [[nodiscard]] std::optional<double> age(const Lead& lead) const {
    if (lead.birth_date) return sem::age_on(*lead.birth_date, m_today);
    if (lead.age) return *lead.age;
    return std::nullopt;
  }

  static std::optional<UnixMillis> last_activity(const Subject& s) {
    std::optional<UnixMillis> last;
    for (const Event& e : s.events) last = last ? std::max(*last, e.at) : e.at;
    return last;
  }

  [[nodiscard]] Expected<double> score(const Condition& c, std::uint32_t row) const {
    const ScoreTable* t = m_ctx.scores;
    if (c.attr == Attr::score) return t != nullptr ? t->total(row) : 0.0;
    const auto g = t != nullptr ? t->group(c.name) : std::nullopt;
    if (!g) return fail("unknown score group \"" + c.name + "\"");
    return t->score(row, *g);
  }

  // ---- tests ----
  static Expected<bool> text_test(const std::vector<std::string>& values, const Condition& c, bool loose) {
    std::vector<std::string> lits;
    for (const Value& v : c.values) {
      auto t = sem::value_text(v);
      if (!t) return fail(attr_name(c.attr, c.name) + " needs text, not " + describe(v));
      lits.push_back(*t);
    }
    const auto cmp = [&](const std::string& a, const std::string& b) {
      return loose ? sem::compare_loose(a, b) : sem::icompare(a, b);
    };
    const auto any = [&](auto pred) { return std::any_of(values.begin(), values.end(), pred); };
    const auto in_list = [&] {
      return any([&](const std::string& v) {
        return std::any_of(lits.begin(), lits.end(), [&](const std::string& l) { return cmp(v, l) == 0; });
      });
    };
    switch (c.test) {
      case Test::compare:
        if (lits.size() != 1) return fail("a comparison needs one value");
        if (c.op == CompareOp::ne) return !any([&](const std::string& v) { return cmp(v, lits[0]) == 0; });
        return any([&](const std::string& v) { return sem::op_holds(c.op, cmp(v, lits[0])); });
      case Test::in:
      case Test::not_in:
        if (lits.empty()) return fail("in needs values");
        return c.test == Test::in ? in_list() : !in_list();
      case Test::between:
        if (lits.size() != 2) return fail("between needs two values");
        return any([&](const std::string& v) { return cmp(v, lits[0]) >= 0 && cmp(v, lits[1]) <= 0; });
      case Test::contains:
        if (lits.size() != 1) return fail("contains needs one value");
        return any([&](const std::string& v) { return sem::icontains(v, lits[0]); });
      case Test::starts_with:
        if (lits.size() != 1) return fail("starts_with needs one value");
        return any([&](const std::string& v) { return sem::istarts_with(v, lits[0]); });
      case Test::is_empty:
        return values.empty();
      case Test::is_not_empty:
        return !values.empty();
      case Test::is_true:
        return any([](const std::string& v) { return is_truthy(v); });
      case Test::within:
        return fail("within needs a date attribute");
    }
    return fail("unknown test");
  }

  static Expected<bool> number_test(std::optional<double> x, const Condition& c,
                                    const std::vector<double>& lits) {
    const auto in_list = [&] { return x && std::find(lits.begin(), lits.end(), *x) != lits.end(); };
    switch (c.test) {
      case Test::compare:
        if (lits.size() != 1) return fail("a comparison needs one value");
        if (c.op == CompareOp::ne) return !(x && *x == lits[0]);
        return x && sem::op_holds(c.op, *x, lits[0]);
      case Test::in:
      case Test::not_in:
        if (lits.empty()) return fail("in needs values");
        return c.test == Test::in ? in_list() : !in_list();
      case Test::between:
        if (lits.size() != 2) return fail("between needs two values");
        return x && *x >= lits[0] && *x <= lits[1];
      case Test::is_empty:
        return !x;
      case Test::is_not_empty:
        return x.has_value();
      default:
        return fail(attr_name(c.attr, c.name) + " is a number: compare it, or use in, between or is empty");
    }
  }

  static Expected<std::vector<double>> numbers(const Condition& c) {
    std::vector<double> out;
    for (const Value& v : c.values) {
      if (c.attr == Attr::stage) {
        std::string folded = v.text;
        for (char& ch : folded) ch = (ch >= 'A' && ch <= 'Z') ? static_cast<char>(ch - 'A' + 'a') : ch;
        const auto st = v.kind == Value::Kind::text ? parse_stage(folded) : std::nullopt;
        if (!st) return fail("unknown stage " + describe(v));
        out.push_back(static_cast<double>(*st));
        continue;
      }
      if (v.kind != Value::Kind::number)
        return fail(attr_name(c.attr, c.name) + " needs a number, not " + describe(v));
      out.push_back(v.number);
    }
    return out;
  }

  [[nodiscard]] Expected<bool> time_test(std::optional<UnixMillis> t, const Condition& c) const {
    if (c.test == Test::within) {
      if (c.values.size() != 1 || c.values[0].kind != Value::Kind::duration)
        return fail("within needs a duration");
      const UnixMillis start = sem::window_start(m_ctx.now, m_ctx.utc_offset_minutes, c.values[0].duration);
      return t && *t > start && *t <= m_ctx.now;
    }
    if (c.test == Test::is_empty) return !t;
    if (c.test == Test::is_not_empty) return t.has_value();
    std::vector<sem::DayRange> ranges;
    for (const Value& v : c.values) {
      auto r = sem::period(v, m_ctx.now, m_ctx.utc_offset_minutes);
      if (!r) return fail(attr_name(c.attr, c.name) + " needs a date, today, this month or last month");
      ranges.push_back(*r);
    }
    const std::optional<std::int64_t> day =
        t ? std::optional<std::int64_t>(sem::local_day(*t, m_ctx.utc_offset_minutes)) : std::nullopt;
    const auto in_list = [&] {
      return day && std::any_of(ranges.begin(), ranges.end(), [&](const sem::DayRange& r) {
               return sem::day_holds(CompareOp::eq, *day, r);
             });
    };
    switch (c.test) {
      case Test::compare:
        if (ranges.size() != 1) return fail("a comparison needs one value");
        if (c.op == CompareOp::ne) return !(day && sem::day_holds(CompareOp::eq, *day, ranges[0]));
        return day && sem::day_holds(c.op, *day, ranges[0]);
      case Test::in:
      case Test::not_in:
        if (ranges.empty()) return fail("in needs values");
        return c.test == Test::in ? in_list() : !in_list();
      case Test::between:
        if (ranges.size() != 2) return fail("between needs two values");
        return day && *day >= ranges[0].first && *day <= ranges[1].last;
      default:
        return fail(attr_name(c.attr, c.name) + " is a date: compare it, or use within, in or between");
    }
  }

  static Expected<bool> bool_test(bool b, const Condition& c) {
    switch (c.test) {
      case Test::is_true:
        return b;
      case Test::is_empty:
        return false;
      case Test::is_not_empty:
        return true;
      case Test::compare: {
        if (c.values.size() != 1 || (c.op != CompareOp::eq && c.op != CompareOp::ne) ||
            (c.values[0].kind != Value::Kind::boolean && c.values[0].kind != Value::Kind::number)) {
          return fail(attr_name(c.attr, c.name) + " is true or false: use it alone, or = true / = false");
        }
        const bool eq = b == (c.values[0].number != 0);
        return c.op == CompareOp::eq ? eq : !eq;
      }
      default:
        return fail(attr_name(c.attr, c.name) + " is true or false: use it alone, or = true / = false");
    }
  }

  [[nodiscard]] Expected<bool> condition(const Condition& c, const Subject& s) const {
    const Lead& lead = s.lead;
    switch (c.attr) {
      case Attr::stage: {
        if (c.test == Test::is_empty || c.test == Test::is_not_empty) return c.test == Test::is_not_empty;
        auto lits = numbers(c);
        if (!lits) return lits.error();
        return number_test(static_cast<double>(lead.stage), c, lits.value());
      }
      case Attr::age:
      case Attr::score:
      case Attr::score_group: {
        auto lits = numbers(c);
        if (!lits) return lits.error();
        if (c.attr == Attr::age) return number_test(age(lead), c, lits.value());
        auto sc = score(c, s.row);
        if (!sc) return sc.error();
        return number_test(sc.value(), c, lits.value());
      }
      case Attr::created:
        return time_test(lead.created_at, c);
      case Attr::last_activity:
        return time_test(last_activity(s), c);
      case Attr::birthday: {
        if (c.test != Test::within || c.values.size() != 1 || c.values[0].kind != Value::Kind::duration) {
          return fail("birthday only takes within, e.g. birthday within 14d");
        }
        if (!lead.birth_date) return false;
        return sem::next_birthday(*lead.birth_date, m_today) <=
               sem::birthday_limit(m_today, c.values[0].duration);
      }
      case Attr::consent_email:
      case Attr::consent_sms:
      case Attr::consent_call:
        return bool_test(may_contact(lead, *channel_of(c.attr), Purpose::marketing), c);
      case Attr::dnc_email:
      case Attr::dnc_sms:
      case Attr::dnc_call: {
        const Channel ch = *channel_of(c.attr);
        return bool_test(std::any_of(lead.do_not_contact.begin(), lead.do_not_contact.end(),
                                     [&](const DoNotContact& d) { return d.channel == ch; }),
                         c);
      }
      default:
        return text_test(texts(c, lead), c, c.attr == Attr::field);
    }
  }

  // ---- behaviours ----
  // An event's property as text or number; nullopt when the event lacks it.
  struct Prop {
    std::optional<std::string> text;
    std::optional<double> number;
  };
  static Prop prop_of(const Event& e, const std::string& name) {
    if (name == "content") return {e.content.empty() ? std::nullopt : std::optional(e.content), std::nullopt};
    if (name == "sequence")
      return {e.sequence.empty() ? std::nullopt : std::optional(e.sequence), std::nullopt};
    if (name == "service") return {e.service.empty() ? std::nullopt : std::optional(e.service), std::nullopt};
    if (name == "step") return {std::nullopt, static_cast<double>(e.step)};
    if (name == "seconds") return {std::nullopt, static_cast<double>(e.seconds)};
    if (name == "amount") return {std::nullopt, static_cast<double>(e.amount_cents) / 100.0};
    for (const auto& [k, v] : e.properties) {
      if (k == name) return {v.empty() ? std::nullopt : std::optional(v), std::nullopt};
    }
    return {};
  }
  static bool numeric_prop(const std::string& name) {
    return name == "step" || name == "seconds" || name == "amount";
  }
  static bool typed_text_prop(const std::string& name) {
    return name == "content" || name == "sequence" || name == "service";
  }

  static Status check_filter(const EventFilter& f) {
    if (f.prop.empty()) return Status::failure("where needs a property");
    if (numeric_prop(f.prop) && f.value.kind != Value::Kind::number) {
      return Status::failure(f.prop + " is a number, not " + describe(f.value));
    }
    if (!sem::value_text(f.value))
      return Status::failure("where " + f.prop + " needs a value, not " + describe(f.value));
    return Status::success();
  }

  static bool filter_holds(const EventFilter& f, const Event& e) {
    const Prop p = prop_of(e, f.prop);
    if (numeric_prop(f.prop)) return sem::op_holds(f.op, *p.number, f.value.number);
    if (!p.text) return f.op == CompareOp::ne;  // a missing value fails all but !=
    const std::string lit = *sem::value_text(f.value);
    const int cmp = typed_text_prop(f.prop) ? sem::icompare(*p.text, lit) : sem::compare_loose(*p.text, lit);
    return sem::op_holds(f.op, cmp);
  }

  static double sum_value(const Event& e, const std::string& name) {
    const Prop p = prop_of(e, name);
    if (p.number) return *p.number;
    if (p.text) return sem::parse_number(*p.text).value_or(0.0);
    return 0;
  }

  // The events the behaviour looks at, after checking the clause.
  [[nodiscard]] Expected<std::vector<const Event*>> matching(const Behaviour& b, const Subject& s) const {
    for (const EventFilter& f : b.where) {
      if (auto st = check_filter(f); !st.ok()) return fail(st.message);
    }
    if (b.kind == BehaviourKind::sum && b.sum_prop.empty())
      return fail("sum needs a property, e.g. content_viewed.seconds");
    const UnixMillis start =
        b.window ? sem::window_start(m_ctx.now, m_ctx.utc_offset_minutes, *b.window) : UnixMillis{0};
    std::vector<const Event*> out;
    for (const Event& e : s.events) {
      if (e.type != b.event) continue;
      if (b.window && !(e.at > start && e.at <= m_ctx.now)) continue;
      if (std::all_of(b.where.begin(), b.where.end(),
                      [&](const EventFilter& f) { return filter_holds(f, e); })) {
        out.push_back(&e);
      }
    }
    return out;
  }

  [[nodiscard]] Expected<bool> behaviour(const Behaviour& b, const Subject& s) const {
    auto m = matching(b, s);
    if (!m) return m.error();
    const auto& events = m.value();
    switch (b.kind) {
      case BehaviourKind::count:
        return sem::op_holds(b.op, static_cast<double>(events.size()), b.number);
      case BehaviourKind::ever:
        return !events.empty();
      case BehaviourKind::never:
        return events.empty();
      case BehaviourKind::last_within: {
        const UnixMillis start = sem::window_start(m_ctx.now, m_ctx.utc_offset_minutes, b.last_window);
        return std::any_of(events.begin(), events.end(),
                           [&](const Event* e) { return e->at > start && e->at <= m_ctx.now; });
      }
      case BehaviourKind::last_before: {
        const auto range = sem::period(b.before, m_ctx.now, m_ctx.utc_offset_minutes);
        if (!range) return fail("before needs a date, today, this month or last month");
        if (events.empty()) return false;
        UnixMillis last = events[0]->at;
        for (const Event* e : events) last = std::max(last, e->at);
        return sem::local_day(last, m_ctx.utc_offset_minutes) < range->first;
      }
      case BehaviourKind::sum: {
        double total = 0;
        for (const Event* e : events) total += sum_value(*e, b.sum_prop);
        return sem::op_holds(b.op, total, b.number);
      }
    }
    return fail("unknown behaviour");
  }

  // ---- details for explain() ----
  [[nodiscard]] std::string day_text(UnixMillis t) const {
    return format_date(civil_from_days(sem::local_day(t, m_ctx.utc_offset_minutes)));
  }

  [[nodiscard]] std::string condition_detail(const Condition& c, const Subject& s) const {
    const Lead& lead = s.lead;
    const std::string name = attr_name(c.attr, c.name);
    const auto number = [](double x) { return describe(Value{Value::Kind::number, {}, x, {}, {}, {}}); };
    switch (c.attr) {
      case Attr::stage:
        return "stage = " + std::string(to_string(lead.stage));
      case Attr::age:
        if (lead.birth_date) return "age = " + number(*age(lead));
        if (lead.age) return "age = " + number(*lead.age) + " (as given)";
        return "no age";
      case Attr::score:
      case Attr::score_group: {
        auto sc = score(c, s.row);
        return sc ? name + " = " + number(sc.value()) : sc.error().message;
      }
      case Attr::created:
        return "created " + day_text(lead.created_at);
      case Attr::last_activity: {
        const auto last = last_activity(s);
        return last ? "last activity " + day_text(*last) : "no activity";
      }
      case Attr::birthday:
        if (!lead.birth_date) return "no birth date";
        return "next birthday " + format_date(civil_from_days(sem::next_birthday(*lead.birth_date, m_today)));
      case Attr::consent_email:
      case Attr::consent_sms:
      case Attr::consent_call:
      case Attr::dnc_email:
      case Attr::dnc_sms:
      case Attr::dnc_call: {
        const Condition bare{c.attr, {}, Test::is_true, CompareOp::eq, {}, {}};
        auto b = condition(bare, s);
        return name + (b && b.value() ? " = yes" : " = no");
      }
      default: {
        const auto values = texts(c, lead);
        if (values.empty()) return "no " + name;
        std::string out = name + " = ";
        for (std::size_t i = 0; i < values.size(); ++i) out += (i > 0 ? ", " : "") + values[i];
        return out;
      }
    }
  }

  [[nodiscard]] std::string behaviour_detail(const Behaviour& b, const Subject& s) const {
    auto m = matching(b, s);
    if (!m) return m.error().message;
    const auto& events = m.value();
    switch (b.kind) {
      case BehaviourKind::count:
      case BehaviourKind::ever:
      case BehaviourKind::never:
        return "count = " + std::to_string(events.size());
      case BehaviourKind::last_within:
      case BehaviourKind::last_before: {
        if (events.empty()) return "none";
        UnixMillis last = events[0]->at;
        for (const Event* e : events) last = std::max(last, e->at);
        return "last " + day_text(last);
      }
      case BehaviourKind::sum: {
        double total = 0;
        for (const Event* e : events) total += sum_value(*e, b.sum_prop);
        return "sum = " + describe(Value{Value::Kind::number, {}, total, {}, {}, {}});
      }
    }
    return {};
  }

  const EvalContext& m_ctx;
  CivilDate m_today;
  std::vector<std::string> m_active;  // segments being evaluated, for cycles
};

Subject subject_of(const Workspace& ws, std::uint32_t row) {
  Subject s;
  s.lead = ws.leads.get(row);
  s.row = row;
  for (const std::uint32_t pos : ws.events.of_lead(s.lead.id)) s.events.push_back(ws.events.get(pos));
  return s;
}

Expected<ClauseValue> explain_node(Interp& in, const Node& n, const Subject& s) {
  auto h = in.holds(n, s);
  if (!h) return h.error();
  ClauseValue out{n.span, describe(n), h.value(), in.detail(n, s), {}};
  if (n.kind == Node::Kind::in_segment) {
    out.detail = h.value() ? "member" : "not a member";
    const Node* q = in.ctx().find_segment(n.segment);  // holds() succeeded, so it exists
    auto inner = explain_node(in, *q, s);
    if (!inner) return inner.error();
    out.children.push_back(std::move(inner).value());
  }
  for (const Node& child : n.children) {
    auto c = explain_node(in, child, s);
    if (!c) return c.error();
    out.children.push_back(std::move(c).value());
  }
  return out;
}

}  // namespace

Expected<LeadSet> naive_evaluate(const Node& query, const EvalContext& ctx) {
  const Workspace& ws = *ctx.workspace;
  Interp in(ctx);
  // An empty lead visits every clause, so errors surface even with no leads.
  if (auto check = in.holds(query, Subject{}); !check) return check.error();
  LeadSet out(ws.leads.rows());
  for (std::uint32_t row = 0; row < ws.leads.rows(); ++row) {
    if (ws.leads.is_deleted(row)) continue;
    auto r = in.holds(query, subject_of(ws, row));
    if (!r) return r.error();
    if (r.value()) out.set(row);
  }
  return out;
}

Expected<ClauseValue> explain(const Node& query, const EvalContext& ctx, std::uint32_t row) {
  const Workspace& ws = *ctx.workspace;
  if (row >= ws.leads.rows() || ws.leads.is_deleted(row)) return fail("no such lead");
  Interp in(ctx);
  if (auto check = in.holds(query, Subject{}); !check) return check.error();
  return explain_node(in, query, subject_of(ws, row));
}

}  // namespace nurture::segment
