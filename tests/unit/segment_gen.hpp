#pragma once
// Seeded random workspaces and segment queries for the engine's property test: small
// workspaces (0–60 leads) with events of every type and their properties, deleted leads and
// events, birth dates including Feb 29, stored ages, custom fields, consent and do-not-contact;
// query trees over every attribute, test and behaviour, nested to depth 4, with literals drawn
// mostly from the values the workspace holds (so that clauses match some leads). A few
// generated clauses are invalid on purpose: both evaluators must then refuse the query.

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "core/model/workspace.hpp"
#include "core/scoring/score_table.hpp"
#include "core/util/splitmix.hpp"
#include "segment_build.hpp"

namespace nurture::test::seg {

inline constexpr std::int64_t k_gen_day = 86'400'000;

struct GenWorld {
  Workspace ws;
  ScoreTable scores;
  std::map<std::string, Node> segments;
  UnixMillis now = 0;
  int utc_offset_minutes = 0;
};

inline const std::vector<std::string>& gen_texts() {
  static const std::vector<std::string> k = {"botox",          "Fillers", "laser",       "Tampa",    "miami",
                                             "St. Petersburg", "FL",      "fl",          "facebook", "Google",
                                             "33602",          "02139",   "vip",         "new",      "500",
                                             "1200",           "abc",     "75.5",        "yes",      "female",
                                             "male",           "welcome", "botox-guide", "42"};
  return k;
}

inline Duration gen_duration(SplitMix64& rng) {
  // 30d often: the generated events and leads sit exactly on its boundary.
  if (rng.chance(20)) return Duration{30, DurationUnit::days};
  switch (rng.below(5)) {
    case 0:
      return Duration{static_cast<std::uint32_t>(1 + rng.below(2000)), DurationUnit::hours};
    case 1:
      return Duration{static_cast<std::uint32_t>(1 + rng.below(400)), DurationUnit::days};
    case 2:
      return Duration{static_cast<std::uint32_t>(1 + rng.below(60)), DurationUnit::weeks};
    case 3:
      return Duration{static_cast<std::uint32_t>(1 + rng.below(14)), DurationUnit::months};
    default:
      return Duration{static_cast<std::uint32_t>(1 + rng.below(2)), DurationUnit::years};
  }
}

inline CivilDate gen_date(SplitMix64& rng, UnixMillis now, int span_days) {
  return civil_from_days(now / k_gen_day -
                         static_cast<std::int64_t>(rng.below(static_cast<std::size_t>(span_days))) + 10);
}

inline GenWorld gen_world(std::uint64_t seed) {
  SplitMix64 rng(seed);
  GenWorld w;
  w.now = days_from_civil({2026, 3, 1}) * k_gen_day + static_cast<std::int64_t>(rng.below(400)) * k_gen_day +
          static_cast<std::int64_t>(rng.below(static_cast<std::size_t>(k_gen_day)));
  w.utc_offset_minutes = rng.pick({0, -300, 60, 330, -600});
  const std::size_t n = rng.below(61);
  const Stamp stamp{1, 0, 7};
  const auto pick_or_empty = [&](std::initializer_list<const char*> items) {
    return std::string(rng.pick(items));
  };
  for (std::size_t i = 0; i < n; ++i) {
    Lead l;
    l.id = LeadId{i + 1};
    l.stage = static_cast<Stage>(rng.below(k_stage_count));
    l.source = pick_or_empty({"facebook", "Google", "website", "", "referral"});
    l.city = pick_or_empty({"Tampa", "miami", "St. Petersburg", "", "TAMPA"});
    l.state = pick_or_empty({"FL", "fl", "GA", ""});
    l.zip = pick_or_empty({"33602", "02139", "", "33606"});
    l.gender = static_cast<Gender>(rng.below(k_gender_count));
    for (const char* v : {"botox", "Fillers", "laser", "coolsculpting"}) {
      if (rng.chance(30)) l.interests.emplace_back(v);
    }
    for (const char* v : {"vip", "new", "Referral"}) {
      if (rng.chance(25)) l.tags.emplace_back(v);
    }
    const auto kind = rng.below(10);
    if (kind < 4) {
      const int year = 1950 + static_cast<int>(rng.below(60));
      if (rng.chance(25)) {
        l.birth_date = CivilDate{2000 - 4 * static_cast<int>(rng.below(10)), 2, 29};
      } else {
        // Near now's month half of the time, so that birthday windows catch some.
        const unsigned month =
            rng.chance(50) ? utc_date(w.now).month : static_cast<unsigned>(1 + rng.below(12));
        l.birth_date = CivilDate{year, month, static_cast<unsigned>(1 + rng.below(28))};
      }
      if (rng.chance(20)) l.age = static_cast<std::uint8_t>(rng.below(90));
    } else if (kind < 7) {
      l.age = static_cast<std::uint8_t>(18 + rng.below(70));
    }
    if (rng.chance(50)) l.custom_fields["budget"] = pick_or_empty({"500", "1200", "abc", "", "75.5"});
    if (rng.chance(30)) l.custom_fields["vip"] = pick_or_empty({"yes", "no", "1", "True"});
    for (std::size_t c = 0; c < k_channel_count; ++c) {
      const auto ch = static_cast<Channel>(c);
      if (rng.chance(50)) {
        l.consent.push_back(ConsentRecord{ch, rng.chance(80) ? Purpose::marketing : Purpose::treatment,
                                          rng.chance(75), 100, "form", "", "", Stamp{}});
      }
      if (rng.chance(20)) {
        l.do_not_contact.push_back(DoNotContact{ch, "asked", 50, Stamp{}});
      } else if (rng.chance(15)) {
        l.do_not_contact_cleared.push_back(DoNotContact{ch, "", 60, Stamp{}});
      }
    }
    l.created_at =
        rng.chance(10)
            ? w.now - 30 * k_gen_day
            : w.now - static_cast<std::int64_t>(rng.below(400 * static_cast<std::size_t>(k_gen_day)));
    const auto row = w.ws.leads.append_row(l, stamp);
    if (rng.chance(10)) w.ws.leads.set_deleted(row, true, Stamp{2, 0, 7});
  }
  std::vector<Event> events;
  std::uint64_t event_id = 1;
  const std::size_t leads = n;
  for (std::size_t i = 0; i < leads + 1; ++i) {
    const std::size_t count = rng.below(16);
    for (std::size_t k = 0; k < count; ++k) {
      Event e;
      e.id = EventId{event_id++};
      e.lead = LeadId{i < leads ? i + 1 : 999};  // the last batch belongs to no lead
      e.type = rng.chance(40) ? rng.pick({EventType::email_opened, EventType::content_viewed,
                                          EventType::purchase, EventType::appointment_booked})
                              : static_cast<EventType>(rng.below(k_event_type_count));
      switch (rng.below(8)) {
        case 0:
          e.at = w.now - 30 * k_gen_day;  // on the boundary of a 30d window
          break;
        case 1:
          e.at = w.now;
          break;
        case 2:
          e.at = w.now +
                 static_cast<std::int64_t>(rng.below(5 * static_cast<std::size_t>(k_gen_day)));  // future
          break;
        default:
          e.at = w.now - static_cast<std::int64_t>(rng.below(500 * static_cast<std::size_t>(k_gen_day)));
      }
      e.content = pick_or_empty({"", "botox-guide", "Fillers-FAQ", "42"});
      e.sequence = pick_or_empty({"", "welcome", "Recall"});
      e.step = static_cast<std::uint16_t>(rng.below(6));
      e.seconds = static_cast<std::uint32_t>(rng.below(300));
      e.amount_cents = static_cast<std::int64_t>(rng.below(50000));
      e.service = pick_or_empty({"", "botox", "Laser"});
      if (rng.chance(30)) e.properties.emplace_back("topic", pick_or_empty({"botox", "42", "x", ""}));
      if (rng.chance(20)) e.properties.emplace_back("score", pick_or_empty({"7", "2.5", "n/a"}));
      events.push_back(std::move(e));
    }
  }
  w.ws.events.add(events);
  for (std::uint64_t id = 1; id < event_id; ++id) {
    if (rng.chance(10)) w.ws.events.set_deleted(EventId{id}, Stamp{3, 0, 7});
  }
  w.scores.groups = {"engagement", "fit"};
  const std::size_t score_rows = rng.chance(80) ? n : n / 2;  // sometimes older than the newest leads
  for (std::size_t i = 0; i < score_rows * 2; ++i)
    w.scores.points.push_back(static_cast<float>(rng.below(21)));
  w.segments["Botox"] = cmp(Attr::interest, CompareOp::eq, txt("botox"));
  w.segments["Engaged"] = within(beh(BehaviourKind::count, EventType::email_opened, CompareOp::ge, 1),
                                 Duration{60, DurationUnit::days});
  w.segments["Loop"] = any({in_segment("Loop2")});
  w.segments["Loop2"] = in_segment("Loop");
  return w;
}

inline Value gen_text_value(SplitMix64& rng) {
  if (rng.chance(10)) return num(static_cast<double>(rng.pick({33602, 500, 600, 1200, 42})));
  return txt(rng.pick(gen_texts()));
}

inline Value gen_period(SplitMix64& rng, UnixMillis now) {
  switch (rng.below(5)) {
    case 0:
      return word(Value::Kind::today);
    case 1:
      return word(Value::Kind::this_month);
    case 2:
      return word(Value::Kind::last_month);
    default: {
      Value v = word(Value::Kind::date);
      v.date = gen_date(rng, now, 420);
      return v;
    }
  }
}

inline Value gen_duration_value(SplitMix64& rng) {
  Value v = word(Value::Kind::duration);
  v.duration = gen_duration(rng);
  return v;
}

inline Node gen_condition(SplitMix64& rng, UnixMillis now) {
  const auto attr = static_cast<Attr>(rng.below(static_cast<std::size_t>(Attr::field) + 1));
  Node n = cond(attr, Test::compare);
  Condition& c = n.condition;
  c.op = static_cast<CompareOp>(rng.below(6));
  if (attr == Attr::field) c.name = rng.chance(90) ? rng.pick({"budget", "vip"}) : "missing";
  if (attr == Attr::score_group) c.name = rng.chance(90) ? rng.pick({"engagement", "fit"}) : "nope";
  const bool valid = rng.chance(93);
  std::function<Value()> value;
  std::vector<Test> tests;
  switch (attr) {
    case Attr::stage:
      tests = {Test::compare, Test::in, Test::not_in, Test::between, Test::is_empty};
      value = [&] {
        static const std::vector<std::string> k = {"awareness", "Consideration", "CONVERSION", "patient",
                                                   "retained"};
        return txt(rng.pick(k));
      };
      break;
    case Attr::age:
    case Attr::score:
    case Attr::score_group:
      tests = {Test::compare, Test::in, Test::not_in, Test::between, Test::is_empty, Test::is_not_empty};
      value = [&] { return num(static_cast<double>(rng.below(attr == Attr::age ? 90 : 41))); };
      break;
    case Attr::created:
    case Attr::last_activity:
      tests = {Test::compare, Test::in,       Test::not_in,      Test::between,
               Test::within,  Test::is_empty, Test::is_not_empty};
      value = [&] { return gen_period(rng, now); };
      break;
    case Attr::birthday:
      tests = {Test::within};
      break;
    case Attr::consent_email:
    case Attr::consent_sms:
    case Attr::consent_call:
    case Attr::dnc_email:
    case Attr::dnc_sms:
    case Attr::dnc_call:
      tests = {Test::is_true, Test::is_true, Test::compare, Test::is_empty, Test::is_not_empty};
      value = [&] { return boolean(rng.chance(50)); };
      if (rng.chance(50)) c.op = rng.pick({CompareOp::eq, CompareOp::ne});
      break;
    default:
      tests = {Test::compare,     Test::in,       Test::not_in,       Test::between, Test::contains,
               Test::starts_with, Test::is_empty, Test::is_not_empty, Test::is_true};
      value = [&] { return gen_text_value(rng); };
      break;
  }
  c.test = valid ? rng.pick(tests) : static_cast<Test>(rng.below(static_cast<std::size_t>(Test::within) + 1));
  if (!value) value = [&] { return gen_duration_value(rng); };
  std::size_t count = 0;
  switch (c.test) {
    case Test::compare:
    case Test::contains:
    case Test::starts_with:
      count = 1;
      break;
    case Test::in:
    case Test::not_in:
      count = 1 + rng.below(3);
      break;
    case Test::between:
      count = 2;
      break;
    case Test::within:
      c.values.push_back(valid || rng.chance(50) ? gen_duration_value(rng) : value());
      break;
    default:
      break;
  }
  for (std::size_t i = 0; i < count; ++i)
    c.values.push_back(valid || rng.chance(50) ? value() : gen_text_value(rng));
  if (c.test == Test::contains || c.test == Test::starts_with) {
    if (rng.chance(50)) c.values[0] = txt(rng.pick({"a", "OT", "pet", "t", "bo", "3"}));
  }
  return n;
}

inline Node gen_behaviour(SplitMix64& rng, UnixMillis now) {
  const auto kind = static_cast<BehaviourKind>(rng.below(6));
  const EventType type = rng.chance(60) ? rng.pick({EventType::email_opened, EventType::content_viewed,
                                                    EventType::purchase, EventType::appointment_booked})
                                        : static_cast<EventType>(rng.below(k_event_type_count));
  Node n = beh(kind, type, static_cast<CompareOp>(rng.below(6)), static_cast<double>(rng.below(5)));
  Behaviour& b = n.behaviour;
  if (rng.chance(50)) b.window = gen_duration(rng);
  const std::size_t filters = rng.chance(60) ? 0 : 1 + rng.below(2);
  for (std::size_t i = 0; i < filters; ++i) {
    EventFilter f;
    f.prop = rng.pick(
        {"content", "sequence", "service", "step", "seconds", "amount", "topic", "score", "missing"});
    f.op = static_cast<CompareOp>(rng.below(6));
    const bool numeric = f.prop == "step" || f.prop == "seconds" || f.prop == "amount";
    if (numeric && rng.chance(95)) {
      f.value = num(f.prop == "amount" ? static_cast<double>(rng.below(500)) + 0.5
                                       : static_cast<double>(rng.below(300)));
    } else {
      f.value = rng.chance(70) ? txt(rng.pick({"botox", "Welcome", "botox-guide", "42", "7", "x", "laser"}))
                               : num(static_cast<double>(rng.below(50)));
    }
    if (rng.chance(2)) f.value = gen_duration_value(rng);  // invalid
    b.where.push_back(std::move(f));
  }
  switch (kind) {
    case BehaviourKind::sum:
      b.sum_prop = rng.chance(97) ? rng.pick({"seconds", "amount", "step", "topic", "score", "content"}) : "";
      b.number = static_cast<double>(rng.below(600));
      break;
    case BehaviourKind::last_within:
      b.last_window = gen_duration(rng);
      break;
    case BehaviourKind::last_before:
      b.before = rng.chance(97) ? gen_period(rng, now) : gen_duration_value(rng);
      break;
    default:
      break;
  }
  return n;
}

inline Node gen_query(SplitMix64& rng, UnixMillis now, int depth = 0) {
  if (depth < 4 && rng.chance(depth == 0 ? 70 : 35)) {
    const auto k = rng.below(5);
    if (k == 0) return neg(gen_query(rng, now, depth + 1));
    std::vector<Node> children;
    const std::size_t count = rng.below(5);
    for (std::size_t i = 0; i < count; ++i) children.push_back(gen_query(rng, now, depth + 1));
    return group(k <= 2 ? Node::Kind::all : Node::Kind::any, std::move(children));
  }
  const auto leaf = rng.below(100);
  if (leaf < 65) return gen_condition(rng, now);
  if (leaf < 95) return gen_behaviour(rng, now);
  return in_segment(rng.chance(85) ? rng.pick({"Botox", "engaged"}) : rng.pick({"Loop", "Nobody"}));
}

}  // namespace nurture::test::seg
