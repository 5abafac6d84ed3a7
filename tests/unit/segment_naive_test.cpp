// The reference evaluator and the value rules it shares with the engine, on a hand-made
// workspace where every expected set was worked out by hand.

#include <catch_amalgamated.hpp>

#include <map>

#include "core/segment/naive.hpp"
#include "core/segment/semantics.hpp"
#include "segment_build.hpp"
#include "test_support.hpp"

namespace segment_naive_test {

using namespace nurture;
using namespace nurture::test::seg;

namespace {

constexpr std::int64_t k_day = 86'400'000;
constexpr std::int64_t k_hour = 3'600'000;

UnixMillis at(int y, unsigned m, unsigned d, int hour = 0, int minute = 0) {
  return days_from_civil(CivilDate{y, m, d}) * k_day + hour * k_hour + minute * 60'000;
}

const UnixMillis k_now = at(2026, 3, 15, 12);

ConsentRecord consent(Channel ch, bool granted = true) {
  return ConsentRecord{ch, Purpose::marketing, granted, 100, "web form", "", "", Stamp{}};
}

// Row 0: Ana, row 1: Bea, row 2: Cleo (deleted), row 3: Dee (born Feb 29).
Workspace fixture() {
  Workspace ws;
  const Stamp s{1, 0, 1};
  Lead ana;
  ana.id = LeadId{1};
  ana.stage = Stage::consideration;
  ana.source = "Facebook";
  ana.interests = {"botox", "fillers"};
  ana.tags = {"vip"};
  ana.birth_date = CivilDate{1990, 3, 20};
  ana.city = "Tampa";
  ana.zip = "33602";
  ana.gender = Gender::female;
  ana.consent = {consent(Channel::sms)};
  ana.created_at = at(2026, 3, 1, 10);
  ana.custom_fields = {{"budget", "500"}};
  ws.leads.append_row(ana, s);

  Lead bea;
  bea.id = LeadId{2};
  bea.stage = Stage::awareness;
  bea.source = "google";
  bea.age = 42;
  bea.consent = {consent(Channel::sms)};
  bea.do_not_contact = {DoNotContact{Channel::sms, "asked", 50, Stamp{}}};
  bea.created_at = at(2026, 2, 10);
  bea.custom_fields = {{"budget", "1200"}};
  ws.leads.append_row(bea, s);

  Lead cleo;
  cleo.id = LeadId{3};
  cleo.stage = Stage::consideration;
  cleo.interests = {"botox"};
  cleo.created_at = at(2026, 3, 2);
  const auto row = ws.leads.append_row(cleo, s);
  ws.leads.set_deleted(row, true, Stamp{2, 0, 1});

  Lead dee;
  dee.id = LeadId{4};
  dee.stage = Stage::patient;
  dee.interests = {"Botox"};
  dee.birth_date = CivilDate{2000, 2, 29};
  dee.created_at = at(2025, 12, 31, 23, 30);
  ws.leads.append_row(dee, s);

  std::vector<Event> events;
  std::uint64_t id = 1;
  const auto add = [&](std::uint64_t lead, UnixMillis t, EventType type) -> Event& {
    events.push_back(test::make_event(id++, lead, t, type));
    return events.back();
  };
  add(1, k_now - 1 * k_day, EventType::email_opened);
  add(1, k_now - 10 * k_day, EventType::email_opened);
  add(1, k_now - 40 * k_day, EventType::email_opened);
  add(1, k_now - 2 * k_day, EventType::content_viewed).seconds = 100;
  auto& viewed = add(1, k_now - 5 * k_day, EventType::content_viewed);
  viewed.seconds = 50;
  viewed.properties = {{"topic", "botox"}};
  add(1, k_now - 3 * k_day, EventType::purchase).amount_cents = 12345;
  add(1, k_now - 2 * k_hour, EventType::email_opened);  // deleted below
  add(2, k_now - 30 * k_day, EventType::email_opened);  // exactly on the 30d boundary: outside
  add(2, k_now, EventType::email_opened);
  add(2, k_now - 60 * k_day, EventType::appointment_booked);
  add(3, k_now - 1 * k_day, EventType::appointment_booked);  // of the deleted lead
  ws.events.add(events);
  REQUIRE(ws.events.set_deleted(EventId{7}, Stamp{3, 0, 1}));
  return ws;
}

struct Fixture {
  Workspace ws = fixture();
  ScoreTable scores{{"engagement", "fit"}, {10, 1, 5, 5, 0, 0, 2, 20}};
  std::map<std::string, Node> segments;
  segment::EvalContext ctx;
  Fixture() {
    ctx.workspace = &ws;
    ctx.now = k_now;
    ctx.scores = &scores;
    ctx.find_segment = [this](std::string_view name) -> const Node* {
      auto it = segments.find(std::string(name));
      return it == segments.end() ? nullptr : &it->second;
    };
  }
  std::vector<std::uint32_t> rows(const Node& q) {
    auto r = segment::naive_evaluate(q, ctx);
    REQUIRE(r.ok());
    return r.value().rows();
  }
  bool fails(const Node& q) { return !segment::naive_evaluate(q, ctx).ok(); }
};

using Rows = std::vector<std::uint32_t>;

}  // namespace

TEST_CASE("segment rules: text folding and numbers in text", "[segment]") {
  using namespace segment::sem;
  CHECK(iequals("Botox", "bOTOX"));
  CHECK(icompare("apple", "Banana") < 0);
  CHECK(icontains("St. Petersburg", "PETER"));
  CHECK(istarts_with("Tampa", "tam"));
  CHECK(parse_number(" -3.5 ") == -3.5);
  CHECK_FALSE(parse_number("1e3"));
  CHECK_FALSE(parse_number("12abc"));
  CHECK(compare_loose("1200", "600") > 0);   // numbers
  CHECK(compare_loose("1200x", "600") < 0);  // text
  CHECK(value_text(num(42)) == "42");
  CHECK(value_text(num(3.5)) == "3.5");
}

TEST_CASE("segment rules: windows, months and birthdays", "[segment]") {
  using namespace segment::sem;
  // 6 months back from Aug 31 is Feb 28 (clamped), same local time.
  CHECK(window_start(at(2026, 8, 31, 9), 0, span_of(6, DurationUnit::months)) == at(2026, 2, 28, 9));
  CHECK(window_start(at(2024, 3, 31, 9), 0, span_of(1, DurationUnit::months)) == at(2024, 2, 29, 9));
  CHECK(window_start(at(2026, 3, 15), 0, span_of(1, DurationUnit::years)) == at(2025, 3, 15));
  // Local time: at 2026-03-01 02:00 UTC it is still Feb 28 21:00 in New York (-300).
  CHECK(window_start(at(2026, 3, 1, 2), -300, span_of(1, DurationUnit::months)) ==
        at(2026, 1, 28, 21) + 5 * k_hour);
  CHECK(window_start(k_now, 0, span_of(12, DurationUnit::hours)) == k_now - 12 * k_hour);
  CHECK(local_day(at(2025, 12, 31, 23, 30), 60) == days_from_civil({2026, 1, 1}));
  CHECK(local_day(at(2026, 1, 1, 0, 30), -60) == days_from_civil({2025, 12, 31}));
  // Ages and the Feb 29 birthday.
  CHECK(age_on({2000, 2, 29}, {2026, 2, 27}) == 25);
  CHECK(age_on({2000, 2, 29}, {2026, 2, 28}) == 26);
  CHECK(age_on({2000, 2, 29}, {2028, 2, 28}) == 27);
  CHECK(next_birthday({2000, 2, 29}, {2026, 2, 20}) == days_from_civil({2026, 2, 28}));
  CHECK(next_birthday({2000, 2, 29}, {2028, 2, 20}) == days_from_civil({2028, 2, 29}));
  CHECK(next_birthday({1990, 3, 20}, {2026, 3, 21}) == days_from_civil({2027, 3, 20}));
  CHECK(birthday_limit({2026, 1, 31}, span_of(1, DurationUnit::months)) == days_from_civil({2026, 2, 28}));
  CHECK(birthday_limit({2026, 1, 31}, span_of(30, DurationUnit::hours)) == days_from_civil({2026, 2, 1}));
  // Periods.
  const auto month = period(word(Value::Kind::last_month), at(2026, 3, 1), 0);
  REQUIRE(month);
  CHECK(month->first == days_from_civil({2026, 2, 1}));
  CHECK(month->last == days_from_civil({2026, 2, 28}));
}

TEST_CASE("naive: live leads only, text and multi-valued attributes", "[segment]") {
  Fixture f;
  CHECK(f.rows(cmp(Attr::stage, CompareOp::eq, txt("consideration"))) == Rows{0});  // row 2 is deleted
  CHECK(f.rows(cmp(Attr::stage, CompareOp::lt, txt("Consideration"))) == Rows{1});  // funnel order
  CHECK(f.rows(cmp(Attr::interest, CompareOp::eq, txt("botox"))) == Rows{0, 3});    // any value, any case
  // != and not in on a multi-valued attribute: no value equals (a lead without interests holds).
  CHECK(f.rows(cmp(Attr::interest, CompareOp::ne, txt("botox"))) == Rows{1});
  CHECK(f.rows(cmp(Attr::interest, CompareOp::ne, txt("fillers"))) == Rows{1, 3});
  CHECK(f.rows(cond(Attr::interest, Test::not_in, {txt("BOTOX"), txt("x")})) == Rows{1});
  CHECK(f.rows(cond(Attr::interest, Test::is_empty)) == Rows{1});
  CHECK(f.rows(cond(Attr::tag, Test::is_not_empty)) == Rows{0});
  // Empty values fail everything but is empty, != and not in.
  CHECK(f.rows(cmp(Attr::city, CompareOp::eq, txt("tampa"))) == Rows{0});
  CHECK(f.rows(cmp(Attr::city, CompareOp::ne, txt("tampa"))) == Rows{1, 3});
  CHECK(f.rows(cmp(Attr::city, CompareOp::lt, txt("zzz"))) == Rows{0});
  CHECK(f.rows(cond(Attr::city, Test::contains, {txt("AMP")})) == Rows{0});
  CHECK(f.rows(cond(Attr::source, Test::starts_with, {txt("face")})) == Rows{0});
  CHECK(f.rows(cond(Attr::zip, Test::in, {num(33602)})) == Rows{0});  // a number literal as text
  CHECK(f.rows(cmp(Attr::gender, CompareOp::eq, txt("FEMALE"))) == Rows{0});
  CHECK(f.rows(cond(Attr::gender, Test::is_empty)) == Rows{1, 3});  // unknown is no value
  // Custom fields compare as numbers when both sides are numbers.
  CHECK(f.rows(cmp(Attr::field, CompareOp::gt, num(600), "budget")) == Rows{1});
  CHECK(f.rows(cmp(Attr::field, CompareOp::gt, txt("600x"), "budget")) == Rows{});
  CHECK(f.rows(cond(Attr::field, Test::is_empty, {}, "budget")) == Rows{3});
}

TEST_CASE("naive: numbers, consent and scores", "[segment]") {
  Fixture f;
  // Ana 35 (from her birth date), Bea 42 (stored), Dee 26 (Feb 29 birthday passed on Feb 28).
  CHECK(f.rows(cond(Attr::age, Test::between, {num(30), num(50)})) == Rows{0, 1});
  CHECK(f.rows(cmp(Attr::age, CompareOp::eq, num(26))) == Rows{3});
  CHECK(f.rows(cond(Attr::age, Test::in, {num(42), num(26)})) == Rows{1, 3});
  CHECK(f.rows(cond(Attr::consent_sms, Test::is_true)) == Rows{0});  // Bea's do-not-contact wins
  CHECK(f.rows(cond(Attr::dnc_sms, Test::is_true)) == Rows{1});
  CHECK(f.rows(cmp(Attr::consent_sms, CompareOp::eq, boolean(false))) == Rows{1, 3});
  CHECK(f.rows(cond(Attr::consent_email, Test::is_true)) == Rows{});
  // Scores: rows × {engagement, fit} = {10,1}, {5,5}, {0,0}, {2,20}.
  CHECK(f.rows(cmp(Attr::score_group, CompareOp::ge, num(5), "engagement")) == Rows{0, 1});
  CHECK(f.rows(cmp(Attr::score, CompareOp::gt, num(10))) == Rows{0, 3});
  CHECK(f.fails(cmp(Attr::score_group, CompareOp::ge, num(5), "nope")));
  f.ctx.scores = nullptr;
  CHECK(f.rows(cmp(Attr::score, CompareOp::eq, num(0))) == Rows{0, 1, 3});
  CHECK(f.fails(cmp(Attr::score_group, CompareOp::ge, num(5), "engagement")));
}

TEST_CASE("naive: dates, periods and birthdays", "[segment]") {
  Fixture f;
  CHECK(f.rows(cmp(Attr::created, CompareOp::eq, word(Value::Kind::this_month))) == Rows{0});
  CHECK(f.rows(cmp(Attr::created, CompareOp::eq, word(Value::Kind::last_month))) == Rows{1});
  CHECK(f.rows(cmp(Attr::created, CompareOp::lt, word(Value::Kind::this_month))) == Rows{1, 3});
  CHECK(f.rows(cmp(Attr::created, CompareOp::gt, word(Value::Kind::last_month))) == Rows{0});
  CHECK(f.rows(cmp(Attr::created, CompareOp::le, date(2026, 2, 10))) == Rows{1, 3});
  CHECK(f.rows(cond(Attr::created, Test::between, {date(2026, 2, 1), word(Value::Kind::today)})) ==
        Rows{0, 1});
  CHECK(f.rows(cond(Attr::created, Test::within, {dur(30)})) == Rows{0});
  // Dee was created at 23:30 UTC on Dec 31: already Jan 1 one hour east.
  CHECK(f.rows(cmp(Attr::created, CompareOp::eq, date(2026, 1, 1))) == Rows{});
  f.ctx.utc_offset_minutes = 60;
  CHECK(f.rows(cmp(Attr::created, CompareOp::eq, date(2026, 1, 1))) == Rows{3});
  f.ctx.utc_offset_minutes = 0;
  // Ana's birthday (Mar 20) is 5 days away.
  CHECK(f.rows(cond(Attr::birthday, Test::within, {dur(14)})) == Rows{0});
  CHECK(f.rows(cond(Attr::birthday, Test::within, {dur(4)})) == Rows{});
  CHECK(f.rows(cond(Attr::birthday, Test::within, {dur(5)})) == Rows{0});
  // Dee's Feb 29 birthday is Feb 28 in 2026.
  f.ctx.now = at(2026, 2, 20, 12);
  CHECK(f.rows(cond(Attr::birthday, Test::within, {dur(8)})) == Rows{3});
  CHECK(f.rows(cond(Attr::birthday, Test::within, {dur(7)})) == Rows{});
  f.ctx.now = at(2026, 2, 28, 23);
  CHECK(f.rows(cond(Attr::birthday, Test::within, {dur(1, DurationUnit::hours)})) == Rows{3});  // today
  f.ctx.now = at(2026, 3, 1, 1);
  CHECK(f.rows(cond(Attr::birthday, Test::within, {dur(1, DurationUnit::weeks)})) == Rows{});
  CHECK(f.fails(cmp(Attr::birthday, CompareOp::eq, word(Value::Kind::today))));
}

TEST_CASE("naive: behaviours over live events and windows", "[segment]") {
  Fixture f;
  const Duration d30 = span_of(30, DurationUnit::days);
  // Ana: opens 1d and 10d ago count (40d is outside, the 2h-old one is deleted). Bea: the one
  // exactly 30d ago is outside (now − 30d < at), the one at `now` is inside.
  CHECK(f.rows(within(beh(BehaviourKind::count, EventType::email_opened, CompareOp::ge, 2), d30)) == Rows{0});
  CHECK(f.rows(within(beh(BehaviourKind::count, EventType::email_opened, CompareOp::ge, 1), d30)) ==
        Rows{0, 1});
  CHECK(f.rows(beh(BehaviourKind::count, EventType::email_opened, CompareOp::eq, 3)) == Rows{0});
  CHECK(f.rows(beh(BehaviourKind::count, EventType::email_opened, CompareOp::eq, 0)) == Rows{3});
  CHECK(f.rows(beh(BehaviourKind::ever, EventType::appointment_booked)) == Rows{1});  // not the deleted lead
  CHECK(f.rows(beh(BehaviourKind::never, EventType::appointment_booked)) == Rows{0, 3});
  Node last = beh(BehaviourKind::last_within, EventType::email_opened);
  last.behaviour.last_window = span_of(12, DurationUnit::hours);
  CHECK(f.rows(last) == Rows{1});  // Ana's 2h-old open is deleted
  Node before = beh(BehaviourKind::last_before, EventType::appointment_booked);
  before.behaviour.before = word(Value::Kind::this_month);
  CHECK(f.rows(before) == Rows{1});
  before.behaviour.before = date(2026, 1, 14);  // Bea's booking was on Jan 14: not before it
  CHECK(f.rows(before) == Rows{});
  Node secs = within(beh(BehaviourKind::sum, EventType::content_viewed, CompareOp::ge, 150), d30);
  secs.behaviour.sum_prop = "seconds";
  CHECK(f.rows(secs) == Rows{0});
  secs.behaviour.number = 151;
  CHECK(f.rows(secs) == Rows{});
  Node amount = beh(BehaviourKind::sum, EventType::purchase, CompareOp::gt, 123.4);
  amount.behaviour.sum_prop = "amount";  // currency units: 123.45
  CHECK(f.rows(amount) == Rows{0});
  Node topic = beh(BehaviourKind::sum, EventType::content_viewed, CompareOp::eq, 0);
  topic.behaviour.sum_prop = "topic";  // not a number: adds 0
  CHECK(f.rows(topic) == Rows{0, 1, 3});
  CHECK(f.rows(where(beh(BehaviourKind::count, EventType::content_viewed, CompareOp::eq, 1), "topic",
                     CompareOp::eq, txt("BOTOX"))) == Rows{0});
  // The view without a topic holds != (a missing property fails all but !=).
  CHECK(f.rows(where(beh(BehaviourKind::count, EventType::content_viewed, CompareOp::eq, 2), "topic",
                     CompareOp::ne, txt("fillers"))) == Rows{0});
  CHECK(f.rows(where(beh(BehaviourKind::ever, EventType::content_viewed), "seconds", CompareOp::gt,
                     num(60))) == Rows{0});
  CHECK(f.fails(
      where(beh(BehaviourKind::ever, EventType::content_viewed), "seconds", CompareOp::gt, txt("x"))));
  // last_activity: the latest live event.
  CHECK(f.rows(cond(Attr::last_activity, Test::within, {dur(2)})) == Rows{0, 1});
  CHECK(f.rows(cond(Attr::last_activity, Test::is_empty)) == Rows{3});
}

TEST_CASE("naive: groups, negation and saved segments", "[segment]") {
  Fixture f;
  CHECK(f.rows(neg(cmp(Attr::interest, CompareOp::eq, txt("botox")))) == Rows{1});
  CHECK(f.rows(any({cmp(Attr::stage, CompareOp::eq, txt("awareness")),
                    cmp(Attr::stage, CompareOp::eq, txt("patient"))})) == Rows{1, 3});
  CHECK(f.rows(all({})) == Rows{0, 1, 3});
  CHECK(f.rows(any({})) == Rows{});
  f.segments["Botox fans"] = cmp(Attr::interest, CompareOp::eq, txt("botox"));
  CHECK(f.rows(all({in_segment("Botox fans"), cond(Attr::consent_sms, Test::is_true)})) == Rows{0});
  CHECK(f.fails(in_segment("Nobody")));
  f.segments["A"] = in_segment("B");
  f.segments["B"] = any({in_segment("A")});
  CHECK(f.fails(in_segment("A")));
  // Errors surface whatever the leads hold, even in a branch no lead reaches.
  CHECK(f.fails(all({cmp(Attr::stage, CompareOp::eq, txt("nowhere"))})));
  CHECK(f.fails(cond(Attr::age, Test::contains, {txt("4")})));
  CHECK(f.fails(any({cond(Attr::created, Test::within, {num(3)})})));
  Workspace empty;
  f.ctx.workspace = &empty;
  CHECK(f.fails(cmp(Attr::score_group, CompareOp::ge, num(5), "nope")));
}

TEST_CASE("explain: each clause's value for one lead", "[segment]") {
  Fixture f;
  const Node q = all({cmp(Attr::stage, CompareOp::eq, txt("consideration")),
                      cond(Attr::age, Test::between, {num(30), num(50)}),
                      within(beh(BehaviourKind::count, EventType::email_opened, CompareOp::ge, 2),
                             span_of(30, DurationUnit::days)),
                      neg(beh(BehaviourKind::ever, EventType::appointment_booked)),
                      cond(Attr::birthday, Test::within, {dur(14)})});
  auto ana = segment::explain(q, f.ctx, 0);
  REQUIRE(ana.ok());
  const auto& c = ana.value().children;
  REQUIRE(c.size() == 5);
  CHECK(ana.value().holds);
  CHECK(c[0].label == "stage = consideration");
  CHECK(c[0].detail == "stage = consideration");
  CHECK(c[1].label == "age between 30 and 50");
  CHECK(c[1].detail == "age = 35");
  CHECK(c[2].label == "count(email_opened within 30d) >= 2");
  CHECK(c[2].detail == "count = 2");
  CHECK(c[3].label == "not");
  CHECK(c[3].children.at(0).detail == "count = 0");
  CHECK(c[4].detail == "next birthday 2026-03-20");
  auto bea = segment::explain(q, f.ctx, 1);
  REQUIRE(bea.ok());
  CHECK_FALSE(bea.value().holds);
  CHECK_FALSE(bea.value().children[0].holds);
  CHECK(bea.value().children[0].detail == "stage = awareness");
  CHECK(bea.value().children[1].detail == "age = 42 (as given)");
  CHECK(bea.value().children[4].detail == "no birth date");
  CHECK_FALSE(segment::explain(q, f.ctx, 2).ok());  // deleted
  CHECK_FALSE(segment::explain(q, f.ctx, 99).ok());
}

}  // namespace segment_naive_test
