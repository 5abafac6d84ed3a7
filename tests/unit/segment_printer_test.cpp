// The segment printer and the round-trip contract parse(print(tree)) == tree: hand-built
// trees, numbers, random trees of every construct the parser can produce, random token soup
// (never a crash; an error always points inside the text), and the vocabulary tables.

#include <catch_amalgamated.hpp>

#include <algorithm>
#include <cstdlib>
#include <string>
#include <vector>

#include "core/segment/parser.hpp"
#include "core/segment/printer.hpp"
#include "core/segment/vocabulary.hpp"
#include "core/util/splitmix.hpp"
#include "tests/unit/segment_test_support.hpp"

namespace segment_printer_test {

using namespace nurture;
using namespace nurture::segment;

namespace {

Node leaf(Attr attr, std::string text) {
  Node n;
  n.kind = Node::Kind::condition;
  n.condition.attr = attr;
  Value v;
  v.text = std::move(text);
  n.condition.values.push_back(v);
  return n;
}

Node group(Node::Kind kind, std::vector<Node> children) {
  Node n;
  n.kind = kind;
  n.children = std::move(children);
  return n;
}

// ---- random trees, shaped exactly as the parser builds them ---------------------------------

// Texts that test quoting: words, reserved words, digits, spaces, quotes, backslashes, accents.
const std::vector<std::string> k_texts = {
    "botox", "Botox",      "lip-filler",  "a.b",    "New York", "and", "today",      "true", "02134", "-5",
    "",      "say \"hi\"", "back\\slash", "Zürich", "x_1",      "30d", "2026-01-31", "é",    "(",     "a,b"};
const std::vector<std::string> k_names = {"budget", "Preferred time", "x-1", "a.b", "É", "\"q\""};
const std::vector<std::string> k_props = {"campaign", "utm_medium", "Stars", "x-1"};
const std::vector<double> k_numbers = {0, 1, 2, 42, 3.25, -7, -0.5, 1e-7, 123456789.125, 1e21, 0.1, 5e-324};

class TreeGen {
 public:
  explicit TreeGen(std::uint64_t seed) : m_rng(seed) {}

  Node node(int depth) {
    const std::size_t roll = m_rng.below(depth > 0 ? 10 : 6);
    if (roll < 3) return condition();
    if (roll < 5) return behaviour();
    if (roll < 6) {
      Node n;
      n.kind = Node::Kind::in_segment;
      n.segment = m_rng.pick(k_texts);
      if (n.segment.empty()) n.segment = "x";
      return n;
    }
    if (roll < 7) return group(Node::Kind::negate, {node(depth - 1)});
    const auto kind = roll < 9 ? Node::Kind::all : Node::Kind::any;
    Node g = group(kind, {});
    const std::size_t n = 2 + m_rng.below(3);
    while (g.children.size() < n) {
      Node child = node(depth - 1);
      if (child.kind != kind) g.children.push_back(std::move(child));  // the parser flattens
    }
    return g;
  }

 private:
  double number() {
    return m_rng.chance(50) ? static_cast<double>(m_rng.below(1000)) : m_rng.pick(k_numbers);
  }

  Duration duration() {
    const auto unit = static_cast<DurationUnit>(m_rng.below(5));
    return {static_cast<std::uint32_t>(1 + m_rng.below(m_rng.chance(90) ? 60 : 100000)), unit};
  }

  Value date_value() {
    Value v;
    v.kind =
        m_rng.pick({Value::Kind::date, Value::Kind::today, Value::Kind::this_month, Value::Kind::last_month});
    if (v.kind == Value::Kind::date)
      v.date = civil_from_days(static_cast<std::int64_t>(m_rng.below(40000)) - 5000);
    return v;
  }

  Value value(const AttrInfo& info, Test test) {
    Value v;
    switch (info.type) {
      case ValueType::enumeration: {
        const auto names = enum_values(info.attr);
        v.text = std::string(names[m_rng.below(names.size())]);
        break;
      }
      case ValueType::text:
      case ValueType::multi:
        if (info.attr == Attr::field && test != Test::contains && test != Test::starts_with &&
            m_rng.chance(40)) {
          v.kind = Value::Kind::number;
          v.number = number();
        } else {
          v.text = m_rng.pick(k_texts);
        }
        break;
      case ValueType::number:
        v.kind = Value::Kind::number;
        v.number = number();
        break;
      case ValueType::date:
        v = date_value();
        break;
      case ValueType::boolean:
        v.kind = Value::Kind::boolean;
        v.number = m_rng.chance(50) ? 1 : 0;
        break;
    }
    return v;
  }

  Node condition() {
    const auto attrs = attributes();
    const AttrInfo& info = attrs[m_rng.below(attrs.size())];
    Condition c;
    c.attr = info.attr;
    if (info.takes_name) c.name = m_rng.pick(k_names);
    c.test = info.tests[m_rng.below(info.tests.size())];
    switch (c.test) {
      case Test::compare:
        c.op = info.ops[m_rng.below(info.ops.size())];
        c.values.push_back(value(info, c.test));
        break;
      case Test::in:
      case Test::not_in:
        for (std::size_t i = 0, n = 1 + m_rng.below(3); i < n; ++i) c.values.push_back(value(info, c.test));
        break;
      case Test::between:
        c.values.push_back(value(info, c.test));
        c.values.push_back(value(info, c.test));
        break;
      case Test::contains:
      case Test::starts_with:
        c.values.push_back(value(info, c.test));
        break;
      case Test::within: {
        Value v;
        v.kind = Value::Kind::duration;
        v.duration = duration();
        c.values.push_back(v);
        break;
      }
      case Test::is_empty:
      case Test::is_not_empty:
      case Test::is_true:
        break;
    }
    Node n;
    n.kind = Node::Kind::condition;
    n.condition = std::move(c);
    return n;
  }

  EventFilter filter() {
    EventFilter f;
    const auto props = event_properties();
    const bool typed = m_rng.chance(60);
    const EventPropInfo* info = typed ? &props[m_rng.below(props.size())] : nullptr;
    f.prop = info != nullptr ? std::string(info->name) : m_rng.pick(k_props);
    const bool text_only = info != nullptr && !info->numeric;
    f.op = text_only ? m_rng.pick({CompareOp::eq, CompareOp::ne}) : static_cast<CompareOp>(m_rng.below(6));
    const bool numeric = info != nullptr ? info->numeric : m_rng.chance(50);
    if (numeric) {
      f.value.kind = Value::Kind::number;
      f.value.number = number();
    } else {
      f.value.text = m_rng.pick(k_texts);
    }
    return f;
  }

  Node behaviour() {
    Behaviour b;
    b.kind = static_cast<BehaviourKind>(m_rng.below(6));
    const auto events = event_names();
    const EventName& e = events[m_rng.below(events.size())];
    b.event = e.type;
    b.event_text = std::string(e.name);
    if (m_rng.chance(20)) b.event_text[0] = static_cast<char>(b.event_text[0] - 'a' + 'A');  // as written
    if (b.kind == BehaviourKind::sum) b.sum_prop = m_rng.pick({"seconds", "amount", "step", "stars", "x-1"});
    for (std::size_t i = 0, n = m_rng.below(3); i < n; ++i) b.where.push_back(filter());
    const bool is_last = b.kind == BehaviourKind::last_within || b.kind == BehaviourKind::last_before;
    if (!is_last && m_rng.chance(50)) b.window = duration();
    if (b.kind == BehaviourKind::count || b.kind == BehaviourKind::sum) {
      b.op = static_cast<CompareOp>(m_rng.below(6));
      b.number = b.kind == BehaviourKind::count ? static_cast<double>(m_rng.below(20)) : number();
    }
    if (b.kind == BehaviourKind::last_within) b.last_window = duration();
    if (b.kind == BehaviourKind::last_before) b.before = date_value();
    Node n;
    n.kind = Node::Kind::behaviour;
    n.behaviour = std::move(b);
    return n;
  }

  SplitMix64 m_rng;
};

}  // namespace

TEST_CASE("the printer writes the fewest parentheses that keep the meaning", "[segment][printer]") {
  const Node a = leaf(Attr::tag, "a");
  const Node b = leaf(Attr::tag, "b");
  const Node c = leaf(Attr::tag, "c");
  using K = Node::Kind;
  CHECK(print_query(group(K::all, {a, group(K::any, {b, c})})) == "tag = a and (tag = b or tag = c)");
  CHECK(print_query(group(K::any, {a, group(K::all, {b, c})})) == "tag = a or tag = b and tag = c");
  CHECK(print_query(group(K::negate, {group(K::all, {a, b})})) == "not (tag = a and tag = b)");
  CHECK(print_query(group(K::negate, {group(K::any, {a, b})})) == "not (tag = a or tag = b)");
  CHECK(print_query(group(K::all, {group(K::negate, {a}), b})) == "not tag = a and tag = b");
  // Trees only the builder makes: one-child groups print their child, an empty query is "".
  CHECK(print_query(group(K::all, {group(K::any, {a})})) == "tag = a");
  CHECK(print_query(group(K::negate, {group(K::all, {group(K::any, {a, b})})})) ==
        "not (tag = a or tag = b)");
  CHECK(print_query(Node{}).empty());
  CHECK(print_query(group(K::all, {a, group(K::any, {})})) == "tag = a and ()");
}

TEST_CASE("the printer quotes text only when it would not read back as itself", "[segment][printer]") {
  CHECK(print_query(leaf(Attr::city, "Boston")) == "city = Boston");
  CHECK(print_query(leaf(Attr::city, "New York")) == "city = \"New York\"");
  CHECK(print_query(leaf(Attr::city, "and")) == "city = \"and\"");
  CHECK(print_query(leaf(Attr::zip, "02134")) == "zip = \"02134\"");
  CHECK(print_query(leaf(Attr::city, "")) == "city = \"\"");
  CHECK(print_query(leaf(Attr::city, "a\"b\\c")) == R"(city = "a\"b\\c")");
  Node seg;
  seg.kind = Node::Kind::in_segment;
  seg.segment = "VIP";
  CHECK(print_query(seg) == "in_segment(\"VIP\")");
}

TEST_CASE("numbers print as the shortest decimal that reads back exactly, without exponents",
          "[segment][printer]") {
  CHECK(format_number(0) == "0");
  CHECK(format_number(42) == "42");
  CHECK(format_number(-3.25) == "-3.25");
  CHECK(format_number(0.1) == "0.1");
  CHECK(format_number(1e21) == "1000000000000000000000");
  CHECK(format_number(1e-7) == "0.0000001");
  CHECK(format_number(123456789.125) == "123456789.125");
  for (const double x : k_numbers) {
    const std::string text = format_number(x);
    INFO(text);
    CHECK(text.find('e') == std::string::npos);
    CHECK(std::strtod(text.c_str(), nullptr) == x);
  }
  CHECK(format_duration({30, DurationUnit::days}) == "30d");
  CHECK(format_duration({6, DurationUnit::months}) == "6m");
}

TEST_CASE("same_query ignores spans and nothing else", "[segment][printer]") {
  const Node a = test::parse_ok("tag = a and count(call where seconds > 5) >= 1");
  const Node b = test::parse_ok("tag=a    and count( call where seconds>5 )>=1");
  CHECK_FALSE(a == b);
  CHECK(same_query(a, b));
  CHECK_FALSE(same_query(a, test::parse_ok("tag = a and count(call where seconds > 6) >= 1")));
  CHECK_FALSE(same_query(a, test::parse_ok("tag = A and count(call where seconds > 5) >= 1")));
}

TEST_CASE("round trip: random trees of every construct print and parse back the same",
          "[segment][printer][property]") {
  for (std::uint64_t seed = 1; seed <= 400; ++seed) {
    TreeGen gen(seed);
    const Node tree = gen.node(4);
    INFO("seed " << seed);
    test::check_round_trip(tree);
  }
}

TEST_CASE("random token soup never crashes; errors point inside the text; successes round-trip",
          "[segment][parser][property]") {
  // Whole clauses, the words that join them, and fragments that break them.
  const std::vector<std::string> clauses = {"stage = awareness",
                                            "age >= 30",
                                            "tag in (a, \"b c\")",
                                            "consent.sms",
                                            "count(email_open within 30d) >= 2",
                                            "last(call) before today",
                                            "created < this month",
                                            "score.fit between -2.5 and 3",
                                            "field.\"n\" = 1",
                                            "sum(content_view.seconds) > 5",
                                            "in_segment(\"x\")",
                                            "never(purchase where amount > 5)"};
  const std::vector<std::string> joins = {"and", "or", "not", "(", ")", "and not", "or\n"};
  const std::vector<std::string> junk = {
      "stage", "=",  "awareness", ",",          "in",   "between", "within", "30d",    "where",
      "\"",    "'",  "12x",       "2026-02-30", "é",    "\\",      "!=",     "field.", "this",
      "month", "is", "empty",     "count(",     "last", "true",    "\n"};
  SplitMix64 rng(7);
  int parsed = 0;
  for (int i = 0; i < 3000; ++i) {
    std::string q;
    for (std::size_t k = 0, n = 1 + rng.below(10); k < n; ++k) {
      if (!q.empty() && rng.chance(80)) q += ' ';
      q += rng.chance(10) ? rng.pick(junk) : k % 2 == 0 ? rng.pick(clauses) : rng.pick(joins);
    }
    INFO("query: " << q);
    const auto result = parse_query(q);
    if (result.ok()) {
      ++parsed;
      test::check_round_trip(result.value());
      continue;
    }
    const Error& e = result.error();
    CHECK(!e.message.empty());
    CHECK(e.line >= 1);
    CHECK(e.column >= 1);
    const auto lines = static_cast<std::uint32_t>(std::count(q.begin(), q.end(), '\n')) + 1;
    CHECK(e.line <= lines);
  }
  CHECK(parsed > 50);  // the soup is not all errors
}

TEST_CASE("the vocabulary covers every attribute, stage, gender and event type", "[segment][vocabulary]") {
  for (auto a = static_cast<int>(Attr::stage); a <= static_cast<int>(Attr::field); ++a) {
    const auto attr = static_cast<Attr>(a);
    CHECK(attribute_info(attr).attr == attr);
    CHECK_FALSE(attribute_info(attr).tests.empty());
    CHECK(allows(attr, Test::compare) == !attribute_info(attr).ops.empty());
  }
  REQUIRE(enum_values(Attr::stage).size() == k_stage_count);
  for (std::size_t i = 0; i < k_stage_count; ++i) {
    CHECK(enum_values(Attr::stage)[i] == to_string(static_cast<Stage>(i)));
  }
  REQUIRE(enum_values(Attr::gender).size() == k_gender_count);
  for (std::size_t i = 0; i < k_gender_count; ++i) {
    CHECK(enum_values(Attr::gender)[i] == to_string(static_cast<Gender>(i)));
  }
  for (std::size_t i = 0; i < k_event_type_count; ++i) {
    const auto type = static_cast<EventType>(i);
    CHECK(event_names()[i].name == to_string(type));
    CHECK_FALSE(event_names()[i].alias);
    CHECK(find_event(to_string(type)) == type);
  }
  CHECK(find_event("Email_Open") == EventType::email_opened);
  CHECK_FALSE(find_event("email_opn").has_value());
  std::string_view name;
  CHECK(find_attribute("SCORE.Fit", &name)->attr == Attr::score_group);
  CHECK(name == "Fit");
  CHECK(find_attribute("score.") == nullptr);
  CHECK(find_attribute("consent.smsx") == nullptr);
  CHECK(find_event_property("Seconds")->numeric);
  CHECK_FALSE(find_event_property("service")->numeric);
  CHECK(find_event_property("stars") == nullptr);
}

}  // namespace segment_printer_test
