// The segment language parser: the tree of each construct, precedence, case rules, the errors
// with their exact positions, the limits, and the golden files (tests/golden/segment/).

#include <catch_amalgamated.hpp>

#include <string>

#include "core/segment/parser.hpp"
#include "core/segment/printer.hpp"
#include "tests/unit/segment_test_support.hpp"
#include "tests/unit/test_support.hpp"

namespace segment_parser_test {

using namespace nurture;
using namespace nurture::segment;
using nurture::test::parse_error;
using nurture::test::parse_ok;

namespace {

// Copies, so `const Condition& c = cond(parse_ok(…))` outlives the parsed tree.
Condition cond(const Node& n) {
  REQUIRE(n.kind == Node::Kind::condition);
  return n.condition;
}

Behaviour behaviour(const Node& n) {
  REQUIRE(n.kind == Node::Kind::behaviour);
  return n.behaviour;
}

std::string_view slice(std::string_view text, Span span) {
  return text.substr(span.begin, span.end - span.begin);
}

}  // namespace

TEST_CASE("the issue's example query parses into one flat `all` of six clauses", "[segment][parser]") {
  const std::string q =
      "stage = consideration and interest = botox and age between 30 and 50 and\n"
      "consent.sms and count(email_open within 30d) >= 2 and never(appointment_booked)";
  const Node n = parse_ok(q);
  REQUIRE(n.kind == Node::Kind::all);
  REQUIRE(n.children.size() == 6);
  CHECK(n.span == Span{0, static_cast<std::uint32_t>(q.size())});

  const Condition& stage = cond(n.children[0]);
  CHECK(stage.attr == Attr::stage);
  CHECK(stage.test == Test::compare);
  CHECK(stage.op == CompareOp::eq);
  REQUIRE(stage.values.size() == 1);
  CHECK(stage.values[0].kind == Value::Kind::text);
  CHECK(stage.values[0].text == "consideration");
  CHECK(slice(q, stage.attr_span) == "stage");
  CHECK(slice(q, stage.values[0].span) == "consideration");
  CHECK(slice(q, n.children[0].span) == "stage = consideration");

  CHECK(cond(n.children[1]).attr == Attr::interest);
  CHECK(cond(n.children[1]).values[0].text == "botox");

  const Condition& age = cond(n.children[2]);
  CHECK(age.test == Test::between);
  REQUIRE(age.values.size() == 2);
  CHECK(age.values[0].kind == Value::Kind::number);
  CHECK(age.values[0].number == 30);
  CHECK(age.values[1].number == 50);
  CHECK(slice(q, n.children[2].span) == "age between 30 and 50");

  CHECK(cond(n.children[3]).attr == Attr::consent_sms);
  CHECK(cond(n.children[3]).test == Test::is_true);
  CHECK(cond(n.children[3]).values.empty());

  const Behaviour& count = behaviour(n.children[4]);
  CHECK(count.kind == BehaviourKind::count);
  CHECK(count.event == EventType::email_opened);
  CHECK(count.event_text == "email_open");
  REQUIRE(count.window.has_value());
  CHECK(*count.window == Duration{30, DurationUnit::days});
  CHECK(count.op == CompareOp::ge);
  CHECK(count.number == 2);
  CHECK(slice(q, n.children[4].span) == "count(email_open within 30d) >= 2");

  const Behaviour& never = behaviour(n.children[5]);
  CHECK(never.kind == BehaviourKind::never);
  CHECK(never.event == EventType::appointment_booked);
  CHECK_FALSE(never.window.has_value());
  CHECK(slice(q, n.children[5].span) == "never(appointment_booked)");
}

TEST_CASE("every test of a condition builds its tree", "[segment][parser]") {
  SECTION("in and not in keep every value in order") {
    const Condition& c = cond(parse_ok("tag not in (vip, \"do not mail\", 42)"));
    CHECK(c.test == Test::not_in);
    REQUIRE(c.values.size() == 3);
    CHECK(c.values[0].text == "vip");
    CHECK(c.values[1].text == "do not mail");
    CHECK(c.values[2].kind == Value::Kind::text);  // text attributes keep numbers as written
    CHECK(c.values[2].text == "42");
    CHECK(cond(parse_ok("state in (NY)")).test == Test::in);
  }
  SECTION("contains, starts_with, is empty, is not empty") {
    CHECK(cond(parse_ok("source contains book")).test == Test::contains);
    CHECK(cond(parse_ok("zip starts_with 021")).values[0].text == "021");
    CHECK(cond(parse_ok("city is empty")).test == Test::is_empty);
    CHECK(cond(parse_ok("city is not empty")).test == Test::is_not_empty);
    CHECK(cond(parse_ok("age is empty")).values.empty());
  }
  SECTION("every comparison operator") {
    const std::pair<const char*, CompareOp> cases[] = {{"=", CompareOp::eq}, {"!=", CompareOp::ne},
                                                       {"<", CompareOp::lt}, {"<=", CompareOp::le},
                                                       {">", CompareOp::gt}, {">=", CompareOp::ge}};
    for (const auto& [text, op] : cases) {
      CHECK(cond(parse_ok(std::string("score ") + text + " 7")).op == op);
      CHECK(cond(parse_ok(std::string("score") + text + "7")).op == op);  // no spaces needed
    }
  }
  SECTION("within on dates, and birthday") {
    const Condition& c = cond(parse_ok("last_activity within 12h"));
    CHECK(c.test == Test::within);
    REQUIRE(c.values.size() == 1);
    CHECK(c.values[0].kind == Value::Kind::duration);
    CHECK(c.values[0].duration == Duration{12, DurationUnit::hours});
    CHECK(cond(parse_ok("birthday within 14d")).attr == Attr::birthday);
  }
  SECTION("booleans: bare, = true, = false, yes and no") {
    CHECK(cond(parse_ok("dnc.call")).test == Test::is_true);
    const Condition& f = cond(parse_ok("consent.email = false"));
    CHECK(f.test == Test::compare);
    CHECK(f.values[0].kind == Value::Kind::boolean);
    CHECK(f.values[0].number == 0);
    CHECK(cond(parse_ok("consent.call = YES")).values[0].number == 1);
    CHECK(cond(parse_ok("dnc.sms = no")).values[0].number == 0);
  }
}

TEST_CASE("attributes: every name, score groups and custom fields", "[segment][parser]") {
  const std::pair<const char*, Attr> names[] = {
      {"stage = patient", Attr::stage},
      {"source = x", Attr::source},
      {"interest = x", Attr::interest},
      {"tag = x", Attr::tag},
      {"age = 1", Attr::age},
      {"gender = male", Attr::gender},
      {"zip = x", Attr::zip},
      {"city = x", Attr::city},
      {"state = x", Attr::state},
      {"created = today", Attr::created},
      {"last_activity = today", Attr::last_activity},
      {"birthday within 1d", Attr::birthday},
      {"score = 1", Attr::score},
      {"score.fit = 1", Attr::score_group},
      {"consent.email", Attr::consent_email},
      {"consent.sms", Attr::consent_sms},
      {"consent.call", Attr::consent_call},
      {"dnc.email", Attr::dnc_email},
      {"dnc.sms", Attr::dnc_sms},
      {"dnc.call", Attr::dnc_call},
      {"field.x = 1", Attr::field},
  };
  for (const auto& [q, attr] : names) {
    INFO(q);
    CHECK(cond(parse_ok(q)).attr == attr);
  }
  CHECK(cond(parse_ok("score.Surgical_Fit > 3")).name == "Surgical_Fit");
  CHECK(cond(parse_ok("score > 3")).name.empty());
  const std::string q = "field.\"Preferred time\" = morning";
  const Condition& quoted = cond(parse_ok(q));
  CHECK(quoted.attr == Attr::field);
  CHECK(quoted.name == "Preferred time");
  CHECK(slice(q, quoted.attr_span) == "field.\"Preferred time\"");
  // A custom field compares numbers as numbers, except for the text tests.
  CHECK(cond(parse_ok("field.budget >= 1000")).values[0].kind == Value::Kind::number);
  CHECK(cond(parse_ok("field.budget = \"1000\"")).values[0].kind == Value::Kind::text);
  CHECK(cond(parse_ok("field.phone starts_with 0044")).values[0].text == "0044");
}

TEST_CASE("values: numbers, dates, durations, calendar words, strings", "[segment][parser]") {
  CHECK(cond(parse_ok("age > 42")).values[0].number == 42);
  CHECK(cond(parse_ok("score > 3.25")).values[0].number == 3.25);
  CHECK(cond(parse_ok("score > -2")).values[0].number == -2);
  CHECK(cond(parse_ok("score > -0.5")).values[0].number == -0.5);

  const Value d = cond(parse_ok("created >= 2024-02-29")).values[0];
  CHECK(d.kind == Value::Kind::date);
  CHECK(d.date == CivilDate{2024, 2, 29});
  CHECK(parse_error("created >= 2025-02-29") == "1:12: '2025-02-29' is not a real date");
  CHECK(parse_error("created >= 2026-13-01") == "1:12: '2026-13-01' is not a real date");

  const std::pair<const char*, Duration> durations[] = {
      {"12h", {12, DurationUnit::hours}}, {"30d", {30, DurationUnit::days}},
      {"8w", {8, DurationUnit::weeks}},   {"6m", {6, DurationUnit::months}},
      {"1y", {1, DurationUnit::years}},   {"100000D", {100000, DurationUnit::days}}};
  for (const auto& [text, duration] : durations) {
    CHECK(cond(parse_ok(std::string("created within ") + text)).values[0].duration == duration);
  }

  CHECK(cond(parse_ok("created = today")).values[0].kind == Value::Kind::today);
  const std::string q = "created < This  Month";
  const Value m = cond(parse_ok(q)).values[0];
  CHECK(m.kind == Value::Kind::this_month);
  CHECK(slice(q, m.span) == "This  Month");
  CHECK(cond(parse_ok("created > last month")).values[0].kind == Value::Kind::last_month);

  CHECK(cond(parse_ok(R"(city = "say \"hi\" \\o/")")).values[0].text == R"(say "hi" \o/)");
  CHECK(cond(parse_ok("city = \"\"")).values[0].text.empty());
  CHECK(cond(parse_ok("city = Zürich")).values[0].text == "Zürich");
  CHECK(cond(parse_ok("interest = lip-filler")).values[0].text == "lip-filler");
}

TEST_CASE("keywords and names are case-insensitive; values keep their case except enums",
          "[segment][parser]") {
  const Node n = parse_ok("STAGE = Consideration AnD Interest = Botox Or NOT Consent.SMS");
  REQUIRE(n.kind == Node::Kind::any);
  const Node& all = n.children[0];
  REQUIRE(all.kind == Node::Kind::all);
  CHECK(cond(all.children[0]).values[0].text == "consideration");
  CHECK(cond(all.children[1]).values[0].text == "Botox");
  CHECK(n.children[1].kind == Node::Kind::negate);
  CHECK(cond(n.children[1].children[0]).attr == Attr::consent_sms);
  CHECK(cond(parse_ok("gender = \"FEMALE\"")).values[0].text == "female");
  CHECK(cond(parse_ok("source IN (Facebook)")).values[0].text == "Facebook");
  CHECK(cond(parse_ok("age BETWEEN 1 AND 2")).test == Test::between);
  CHECK(cond(parse_ok("city IS NOT EMPTY")).test == Test::is_not_empty);
  CHECK(behaviour(parse_ok("COUNT(Email_Open WITHIN 30D) >= 1")).event == EventType::email_opened);
  CHECK(behaviour(parse_ok("Ever(EMAIL_CLICKED)")).event_text == "EMAIL_CLICKED");
}

TEST_CASE("precedence: not binds tighter than and, and tighter than or; chains flatten",
          "[segment][parser]") {
  const Node a = parse_ok("tag = a or tag = b and tag = c");
  REQUIRE(a.kind == Node::Kind::any);
  REQUIRE(a.children.size() == 2);
  CHECK(a.children[0].kind == Node::Kind::condition);
  CHECK(a.children[1].kind == Node::Kind::all);

  const Node b = parse_ok("not tag = a and tag = b");
  REQUIRE(b.kind == Node::Kind::all);
  CHECK(b.children[0].kind == Node::Kind::negate);

  const Node c = parse_ok("not (tag = a and tag = b)");
  REQUIRE(c.kind == Node::Kind::negate);
  CHECK(c.children[0].kind == Node::Kind::all);

  const Node d = parse_ok("tag = a and (tag = b and tag = c) and ((tag = d))");
  REQUIRE(d.kind == Node::Kind::all);
  CHECK(d.children.size() == 4);

  const Node e = parse_ok("(tag = a or tag = b) and tag = c");
  REQUIRE(e.kind == Node::Kind::all);
  CHECK(e.children[0].kind == Node::Kind::any);
  CHECK(e.children[0].span == Span{0, 20});  // a group's span takes in its parentheses

  const Node f = parse_ok("not not consent.sms");
  REQUIRE(f.kind == Node::Kind::negate);
  CHECK(f.children[0].kind == Node::Kind::negate);

  const Node empty = parse_ok("  \n ");
  CHECK(empty.kind == Node::Kind::all);
  CHECK(empty.children.empty());
}

TEST_CASE("behaviour functions build their trees", "[segment][parser]") {
  const Behaviour& c = behaviour(parse_ok(
      "count(content_view where content = spring and seconds >= 30 and Campaign != \"Paid\" within 6m) < 3"));
  CHECK(c.kind == BehaviourKind::count);
  CHECK(c.event == EventType::content_viewed);
  REQUIRE(c.where.size() == 3);
  CHECK(c.where[0].prop == "content");
  CHECK(c.where[0].value.kind == Value::Kind::text);
  CHECK(c.where[0].value.text == "spring");
  CHECK(c.where[1].prop == "seconds");
  CHECK(c.where[1].op == CompareOp::ge);
  CHECK(c.where[1].value.kind == Value::Kind::number);
  CHECK(c.where[2].prop == "Campaign");  // free-form property names keep their case
  CHECK(c.where[2].op == CompareOp::ne);
  CHECK(*c.window == Duration{6, DurationUnit::months});
  CHECK(c.op == CompareOp::lt);
  CHECK(c.number == 3);

  const Behaviour& s = behaviour(parse_ok("sum(content_view.Seconds within 30d) >= 120"));
  CHECK(s.kind == BehaviourKind::sum);
  CHECK(s.event == EventType::content_viewed);
  CHECK(s.event_text == "content_view");
  CHECK(s.sum_prop == "seconds");
  CHECK(s.number == 120);
  CHECK(behaviour(parse_ok("sum(review.stars) > 4.5")).sum_prop == "stars");

  const Behaviour& lw = behaviour(parse_ok("last(email_open where sequence = welcome) within 2w"));
  CHECK(lw.kind == BehaviourKind::last_within);
  CHECK(lw.last_window == Duration{2, DurationUnit::weeks});
  CHECK(lw.where.size() == 1);
  CHECK_FALSE(lw.window.has_value());

  const Behaviour& lb = behaviour(parse_ok("last(call) before 2026-01-31"));
  CHECK(lb.kind == BehaviourKind::last_before);
  CHECK(lb.before.kind == Value::Kind::date);
  CHECK(behaviour(parse_ok("last(call) before last month")).before.kind == Value::Kind::last_month);

  CHECK(behaviour(parse_ok("ever(form_submitted within 1y)")).kind == BehaviourKind::ever);
  CHECK(behaviour(parse_ok("never(purchase where amount > 99.5)")).where[0].value.number == 99.5);

  const Node seg = parse_ok("in_segment(\"VIP clients\")");
  CHECK(seg.kind == Node::Kind::in_segment);
  CHECK(seg.segment == "VIP clients");
  CHECK(parse_ok("in_segment(newsletter)").segment == "newsletter");
}

TEST_CASE("every event name and alias is accepted", "[segment][parser]") {
  for (std::size_t i = 0; i < k_event_type_count; ++i) {
    const auto type = static_cast<EventType>(i);
    const std::string name(to_string(type));
    CHECK(behaviour(parse_ok("ever(" + name + ")")).event == type);
  }
  const std::pair<const char*, EventType> aliases[] = {
      {"email_open", EventType::email_opened},     {"email_click", EventType::email_clicked},
      {"content_view", EventType::content_viewed}, {"text_reply", EventType::text_replied},
      {"email_reply", EventType::email_replied},   {"appointment_book", EventType::appointment_booked},
      {"no_show", EventType::appointment_no_show}, {"unsubscribe", EventType::unsubscribed}};
  for (const auto& [alias, type] : aliases) {
    const Behaviour& b = behaviour(parse_ok(std::string("ever(") + alias + ")"));
    CHECK(b.event == type);
    CHECK(b.event_text == alias);
  }
}

TEST_CASE("errors say what was expected and what was found, at line:column", "[segment][parser][errors]") {
  CHECK(parse_error("stage = ") == "1:9: expected a value after '=', found end of query");
  CHECK(parse_error("stage = consid") ==
        "1:9: unknown stage 'consid'; expected one of awareness, consideration, conversion, patient or "
        "retained");
  CHECK(parse_error("age = old") == "1:7: age needs a number, found 'old'");
  CHECK(parse_error("birthday > 2026-01-01") ==
        "1:10: '>' does not apply to birthday, which takes within DURATION");
  CHECK(parse_error("consent.sms = maybe") == "1:15: consent.sms is true or false, found 'maybe'");
  CHECK(parse_error("count(email_open) = x") == "1:21: expected a number after '=', found 'x'");
  CHECK(parse_error("count(email_open)") ==
        "1:18: expected a comparison after count(…), such as >= 2, found end of query");
  CHECK(parse_error("created = soon") ==
        "1:11: created needs a date (2026-01-31), today, this month or last month, found 'soon'");
  CHECK(parse_error("(tag = a") == "1:9: expected 'and', 'or' or ')', found end of query");
  // Multi-line: the line counts line breaks, the column counts code points (é is one).
  CHECK(parse_error("city = été and\n  tàg = 1") ==
        "2:3: unknown attribute 'tàg'; expected one of stage, "
        "interest, tag, source, age, gender, zip, city, state, created, "
        "last_activity, birthday, score, score.GROUP, consent.email, "
        "consent.sms, consent.call, dnc.email, dnc.sms, dnc.call, "
        "field.NAME");
  CHECK(parse_error("tag = \"☃\" and\n\ttag = \"☃\" or ;") == "2:15: unexpected character ';'");
  // A token that does not lex is reported where the parser reaches it, not before.
  CHECK(parse_error("tag = and \"open") == "1:7: expected a value after '=', found 'and'");
  CHECK(parse_error("tag = x and \"open") ==
        "1:13: the string is not closed: a closing \" is missing before "
        "the end of the line");
  CHECK(parse_error("tag = \"a\xff\"") == "1:9: the query is not valid UTF-8 text");
  CHECK(parse_error(std::string("tag = \"a\0\"", 10)) == "1:9: unexpected control character in the string");
  // Long tokens are cut in messages.
  CHECK(parse_error("age = " + std::string(40, 'x')) ==
        "1:7: age needs a number, found '" + std::string(30, 'x') + "…'");
}

TEST_CASE("error_at places any span by line and code-point column", "[segment][parser][errors]") {
  const std::string text = "stage = awareness\nand in_segment(\"Ünknown\")";
  const Error e = error_at(text, Span{22, 46}, "no saved segment is called 'Ünknown'");
  CHECK(e.line == 2);
  CHECK(e.column == 5);
  CHECK(e.describe() == "2:5: no saved segment is called 'Ünknown'");
  CHECK(error_at("ab", Span{99, 99}, "past the end").column == 3);  // clamped to the end
}

TEST_CASE("limits: length, depth and clause count each have their own error", "[segment][parser][limits]") {
  SECTION("length counts characters") {
    const std::string fits = "city = \"" + std::string(3991, 'a') + "\"";
    REQUIRE(fits.size() == 4000);
    CHECK(parse_ok(fits).kind == Node::Kind::condition);
    CHECK(parse_error(fits + " ") == "1:4001: the query is longer than 4000 characters");
    std::string accents = "city = \"";
    for (int i = 0; i < 3991; ++i) accents += "é";
    CHECK(parse_ok(accents + "\"").kind == Node::Kind::condition);  // 4000 characters, 7991 bytes
    CHECK(parse_error("tag = abcdef", {.max_length = 8}) == "1:9: the query is longer than 8 characters");
    CHECK(parse_error(std::string(1U << 20U, '(')) == "1:4001: the query is longer than 4000 characters");
  }
  SECTION("depth counts parentheses and nots") {
    auto nested = [](std::size_t n) { return std::string(n, '(') + "consent.sms" + std::string(n, ')'); };
    CHECK(parse_ok(nested(32)).kind == Node::Kind::condition);
    CHECK(parse_error(nested(33)) == "1:33: the query nests deeper than 32 levels of parentheses and 'not'");
    std::string nots;
    for (int i = 0; i < 33; ++i) nots += "not ";
    CHECK(parse_error(nots + "dnc.sms") ==
          "1:129: the query nests deeper than 32 levels of parentheses and 'not'");
    CHECK(parse_ok(nots.substr(4) + "dnc.sms").kind == Node::Kind::negate);
    CHECK(parse_error("((dnc.sms))", {.max_depth = 1}) ==
          "1:2: the query nests deeper than 1 levels of parentheses and 'not'");
  }
  SECTION("clauses count conditions, behaviours and in_segment calls") {
    std::string q = "dnc.sms";
    for (int i = 1; i < 256; ++i)
      q += i % 3 == 0 ? " or ever(call)" : i % 3 == 1 ? " and tag = x" : " or in_segment(a)";
    CHECK(parse_ok(q).kind == Node::Kind::any);
    CHECK(parse_error(q + " and dnc.call") == "1:" + std::to_string(q.size() + 6) +
                                                  ": the query has more than 256 conditions; save parts as "
                                                  "segments and combine them with in_segment()");
    CHECK(parse_error("tag = a and tag = b", {.max_clauses = 1})
              .starts_with("1:13: the query has more than 1 "));
  }
}

TEST_CASE("golden: queries and their canonical print", "[segment][parser][golden]") {
  const auto pairs = test::golden_pairs(test::read_test_file("golden/segment/parse_ok.txt"));
  REQUIRE(pairs.size() >= 40);
  for (const auto& [query, canonical] : pairs) {
    INFO("query: " << query);
    const Node tree = parse_ok(query);
    CHECK(print_query(tree) == canonical);
    test::check_round_trip(tree);
    // The canonical text is a fixed point.
    CHECK(print_query(parse_ok(canonical)) == canonical);
  }
}

TEST_CASE("golden: queries and their errors", "[segment][parser][golden][errors]") {
  const auto pairs = test::golden_pairs(test::read_test_file("golden/segment/parse_errors.txt"));
  REQUIRE(pairs.size() >= 30);
  for (const auto& [query, expected] : pairs) CHECK(parse_error(query) == expected);
}

}  // namespace segment_parser_test
