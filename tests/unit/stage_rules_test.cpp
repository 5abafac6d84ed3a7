#include "core/funnel/stage_rules.hpp"

#include <catch_amalgamated.hpp>

#include <limits>

#include "core/commands/command.hpp"
#include "core/session.hpp"
#include "core/util/splitmix.hpp"
#include "tests/unit/test_support.hpp"

namespace stage_rules_test {

using namespace nurture;

namespace {

constexpr UnixMillis k_t0 = 1790000000000;  // 2026-09-21T14:13:20Z
constexpr UnixMillis k_hour = 3600000;
constexpr UnixMillis k_day = 24 * k_hour;

ContentItem content(const char* id, ContentKind kind) {
  ContentItem c;
  c.id = id;
  c.title = id;
  c.kind = kind;
  return c;
}

Lead lead(std::uint64_t id, Stage stage, std::vector<StageChange> history,
          std::vector<std::string> interests = {}) {
  Lead l;
  l.id = LeadId{id};
  l.first_name = "Lead" + std::to_string(id);
  l.stage = stage;
  l.stage_history = std::move(history);
  l.interests = std::move(interests);
  l.created_at = k_t0;
  return l;
}

Event event(std::uint64_t id, std::uint64_t lead_id, UnixMillis at, EventType type) {
  return test::make_event(id, lead_id, at, type);
}

// A sequence whose one message step is a reminder: its opens are not educational.
Sequence reminder_sequence() {
  Sequence s;
  s.id = "reminders";
  s.name = "Reminders";
  Step step;
  step.id = "remind";
  step.message.purpose = MessagePurpose::reminder;
  s.steps.push_back(step);
  return s;
}

// The naive oracle: per lead, per rule, per condition, a brute-force scan of the whole log for
// the earliest event that fires a rule past the lead's stage; repeat from there.
bool qualifies(const Workspace& ws, const RuleCondition& c, const Event& e) {
  if (e.type != c.type) return false;
  if (!c.content_type.empty()) {
    const ContentItem* item = find_item(ws.content, e.content);
    if (item == nullptr || to_string(item->kind) != c.content_type) return false;
  }
  if (c.educational) {
    if (e.sequence.empty()) return false;
    for (const auto& s : ws.sequences) {
      if (s.deleted || s.id != e.sequence) continue;
      bool any = false;
      bool all_reminders = true;
      for (const auto& step : s.steps) {
        if (step.kind != StepKind::message) continue;
        any = true;
        all_reminders = all_reminders && step.message.purpose == MessagePurpose::reminder;
      }
      if (any && all_reminders) return false;
    }
  }
  return c.min_amount_cents == 0 || e.amount_cents >= c.min_amount_cents;
}

std::vector<StageMove> naive_moves(const Workspace& ws, const FunnelModel& model) {
  std::vector<StageMove> out;
  for (std::uint32_t row = 0; row < ws.leads.rows(); ++row) {
    if (ws.leads.is_deleted(row)) continue;
    const Lead l = ws.leads.get(row);
    const Pipeline& p = model.pipelines[pipeline_of(model, l)];
    std::vector<Event> events;
    for (std::uint32_t pos = 0; pos < ws.events.size(); ++pos) {
      if (!ws.events.is_deleted(pos) && ws.events.lead(pos) == l.id) events.push_back(ws.events.get(pos));
    }
    auto stage = static_cast<std::size_t>(l.stage);
    UnixMillis anchor = l.created_at;
    if (!l.stage_history.empty()) {
      anchor = std::numeric_limits<UnixMillis>::min();
      for (const auto& c : l.stage_history) anchor = std::max(anchor, c.at);
    }
    std::size_t after = 0;  // events before this index have been used up
    for (;;) {
      std::size_t best_i = events.size();
      std::size_t best_target = 0;
      for (const auto& rule : p.rules) {
        std::size_t target = static_cast<std::size_t>(rule.to);
        while (target < k_stage_count && !p.stages[target].used) ++target;
        if (target >= k_stage_count || target <= stage) continue;
        for (const auto& c : rule.any) {
          std::uint32_t count = 0;
          for (std::size_t i = 0; i < events.size(); ++i) {
            if (!qualifies(ws, c, events[i])) continue;
            ++count;
            if (count >= c.count && events[i].at >= anchor && i >= after) {
              if (i < best_i) {
                best_i = i;
                best_target = target;
              } else if (i == best_i) {
                best_target = std::max(best_target, target);
              }
              break;
            }
          }
        }
      }
      if (best_i == events.size()) break;
      stage = best_target;
      anchor = events[best_i].at;
      after = best_i + 1;
      out.push_back({l.id, static_cast<Stage>(stage), anchor});
    }
  }
  return out;
}

// The hand-built practice of the golden test (see the expectations there).
Workspace golden_workspace() {
  Workspace ws;
  ws.content = {content("botox-guide", ContentKind::guide), content("botox-article", ContentKind::article)};
  Treatment facelift;
  facelift.id = "facelift";
  facelift.name = "Facelift";
  ws.treatments = {facelift};
  ws.sequences = {reminder_sequence()};
  // A surgical pipeline whose Consideration slot is unused and whose Conversion has its own name.
  Pipeline surgical{"surgical", "Surgical", {"facelift"}, default_stage_labels(), default_stage_rules()};
  surgical.stages[1].used = false;
  surgical.stages[2].name = "Consultation booked";
  ws.funnel.pipelines.push_back(surgical);

  const Stamp stamp{k_t0, 0, 1};
  const std::vector<StageChange> fresh = {{Stage::awareness, k_t0}};
  ws.leads.append_row(lead(1, Stage::awareness, fresh), stamp);  // A
  ws.leads.append_row(lead(2, Stage::awareness, fresh), stamp);  // B
  ws.leads.append_row(lead(3, Stage::awareness, fresh), stamp);  // C
  ws.leads.append_row(
      lead(4, Stage::consideration, {{Stage::awareness, k_t0}, {Stage::consideration, k_t0 + 10 * k_day}}),
      stamp);  // D
  ws.leads.append_row(
      lead(5, Stage::patient,
           {{Stage::awareness, k_t0}, {Stage::patient, k_t0 + 2 * k_day, StageCause::manual}}),
      stamp);                                                                   // E
  const auto f = ws.leads.append_row(lead(6, Stage::awareness, fresh), stamp);  // F, deleted below
  ws.leads.set_deleted(f, true, stamp);
  ws.leads.append_row(lead(7, Stage::awareness, fresh), stamp);                         // G
  ws.leads.append_row(lead(8, Stage::awareness, fresh, {"botox", "facelift"}), stamp);  // H

  std::vector<Event> e;
  auto add = [&](std::uint64_t lead_id, UnixMillis at, EventType type) -> Event& {
    e.push_back(event(e.size() + 1, lead_id, at, type));
    return e.back();
  };
  // A: an article view does not count, the guide view does.
  add(1, k_t0 + k_hour, EventType::content_viewed).content = "botox-article";
  add(1, k_t0 + 2 * k_hour, EventType::content_viewed).content = "botox-guide";
  // B: opens of a reminder sequence and of a one-off email are not educational; the second
  // educational open (t0+4h) is.
  add(2, k_t0 + k_hour, EventType::email_opened).sequence = "welcome";
  add(2, k_t0 + 2 * k_hour, EventType::email_opened).sequence = "reminders";
  add(2, k_t0 + 3 * k_hour, EventType::email_opened);
  add(2, k_t0 + 4 * k_hour, EventType::email_opened).sequence = "welcome";
  // C: booked, attended, bought twice: three steps, each dated by its event.
  add(3, k_t0 + k_day, EventType::appointment_booked);
  add(3, k_t0 + 3 * k_day, EventType::appointment_attended);
  add(3, k_t0 + 3 * k_day + k_hour, EventType::purchase).amount_cents = 45000;
  add(3, k_t0 + 100 * k_day, EventType::purchase).amount_cents = 45000;
  // D: booked before it was set to Consideration (t0+10d): only the later booking moves it.
  add(4, k_t0 + 5 * k_day, EventType::appointment_booked);
  add(4, k_t0 + 20 * k_day, EventType::appointment_booked);
  // E: moved to Patient by hand at t0+2d after a purchase at t0+1d; the second purchase counts.
  add(5, k_t0 + k_day, EventType::purchase);
  add(5, k_t0 + 30 * k_day, EventType::purchase);
  // F (deleted) booked; G's guide view is deleted.
  add(6, k_t0 + k_day, EventType::appointment_booked);
  add(7, k_t0 + k_day, EventType::content_viewed).content = "botox-guide";
  // H is surgical (its first claimed interest): the guide moves it past the unused slot.
  add(8, k_t0 + k_hour, EventType::content_viewed).content = "botox-guide";
  ws.events.add(e);
  ws.events.set_deleted(EventId{e.size() - 1}, stamp);  // G's view
  return ws;
}

}  // namespace

TEST_CASE("the default rules move hand-built leads as worked out by hand", "[stage-rules][golden]") {
  const Workspace ws = golden_workspace();
  const auto moves = plan_stage_moves(ws);
  const std::vector<StageMove> expected = {
      {LeadId{1}, Stage::consideration, k_t0 + 2 * k_hour},  // the guide, not the article
      {LeadId{2}, Stage::consideration, k_t0 + 4 * k_hour},  // second *educational* open
      {LeadId{3}, Stage::conversion, k_t0 + k_day},          // booked (skips Consideration)
      {LeadId{3}, Stage::patient, k_t0 + 3 * k_day},         // attended
      {LeadId{3}, Stage::retained, k_t0 + 100 * k_day},      // second purchase
      {LeadId{4}, Stage::conversion, k_t0 + 20 * k_day},     // the booking after its anchor
      {LeadId{5}, Stage::retained, k_t0 + 30 * k_day},       // lifetime count 2, after the anchor
      {LeadId{8}, Stage::conversion, k_t0 + k_hour},         // unused Consideration → Conversion
  };
  CHECK(moves == expected);
  CHECK(naive_moves(ws, ws.funnel) == expected);
  CHECK(describe_stage_moves(ws, moves) ==
        "6 leads moved: 2 to Consideration, 1 to Consultation booked, 1 to Conversion, 2 to Retained");
}

TEST_CASE("ApplyStageMoves records dated rule moves, skips stale ones and undoes", "[stage-rules]") {
  Session session(Workspace{golden_workspace()}, 3);
  const auto moves = plan_stage_moves(session.workspace());
  const auto before = session.workspace().leads.get(*session.workspace().leads.find(LeadId{3}));
  const auto r = session.execute(ApplyStageMoves{moves, k_t0 + 200 * k_day});
  REQUIRE(r.ok);
  CHECK(r.message ==
        "6 leads moved: 2 to Consideration, 1 to Consultation booked, 1 to Conversion, 2 to Retained");
  const auto& ws = session.workspace();
  const Lead c = ws.leads.get(*ws.leads.find(LeadId{3}));
  CHECK(c.stage == Stage::retained);
  const std::vector<StageChange> history = {{Stage::awareness, k_t0, StageCause::imported},
                                            {Stage::conversion, k_t0 + k_day, StageCause::rule},
                                            {Stage::patient, k_t0 + 3 * k_day, StageCause::rule},
                                            {Stage::retained, k_t0 + 100 * k_day, StageCause::rule}};
  CHECK(c.stage_history == history);
  CHECK(ws.leads.stamp(*ws.leads.find(LeadId{3}), LeadField::stage).millis == k_t0 + 200 * k_day);
  // Planned again, nothing is left to do; the same moves again are stale and skipped.
  CHECK(plan_stage_moves(ws).empty());
  const auto revision = ws.revision;
  CHECK(session.execute(ApplyStageMoves{moves, k_t0 + 201 * k_day}).message == "Nothing changed");
  CHECK(ws.revision == revision);
  REQUIRE(session.undo());
  CHECK(session.workspace().leads.get(*session.workspace().leads.find(LeadId{3})) == before);
  CHECK(plan_stage_moves(session.workspace()) == moves);
}

TEST_CASE("SetStage records a manual move", "[stage-rules]") {
  Session session(Workspace{golden_workspace()}, 3);
  REQUIRE(session.execute(SetStage{LeadId{1}, Stage::patient, k_t0 + 5 * k_day}).ok);
  const Lead a = session.workspace().leads.get(*session.workspace().leads.find(LeadId{1}));
  REQUIRE(a.stage_history.size() == 2);
  CHECK(a.stage_history[1] == StageChange{Stage::patient, k_t0 + 5 * k_day, StageCause::manual});
  // Now at Patient since t0+5d: the guide view at t0+2h moves it nowhere.
  for (const auto& m : plan_stage_moves(session.workspace())) CHECK(m.lead != LeadId{1});
}

TEST_CASE("plan_stage_moves agrees with the naive oracle on random workspaces", "[stage-rules][property]") {
  const std::vector<std::string> interests = {"a", "b", "c", "d"};
  const EventType types[] = {EventType::email_opened,         EventType::email_clicked,
                             EventType::content_viewed,       EventType::appointment_booked,
                             EventType::appointment_attended, EventType::purchase,
                             EventType::form_submitted};
  const char* contents[] = {"", "g1", "g2", "art", "vid", "gone"};
  const char* sequences[] = {"", "welcome", "reminders", "newsletter"};
  const char* kinds[] = {"", "guide", "article", "video"};
  for (std::uint64_t seed = 1; seed <= 60; ++seed) {
    SplitMix64 rng(seed);
    const auto pick = [&](std::uint64_t n) { return static_cast<std::size_t>(rng.next() % n); };
    Workspace ws;
    ws.content = {content("g1", ContentKind::guide), content("g2", ContentKind::guide),
                  content("art", ContentKind::article), content("vid", ContentKind::video),
                  content("gone", ContentKind::guide)};
    ws.content.back().deleted = true;
    ws.sequences = {reminder_sequence()};
    FunnelModel model;
    const std::size_t pipelines = 1 + pick(3);
    for (std::size_t p = 0; p < pipelines; ++p) {
      Pipeline pl{"p" + std::to_string(p), "P" + std::to_string(p), {}, default_stage_labels(), {}};
      if (p > 0) pl.treatments = {interests[p], interests[(p + 2) % 4]};
      for (auto& s : pl.stages) s.used = pick(4) != 0;
      const std::size_t rules = pick(6);
      for (std::size_t r = 0; r < rules; ++r) {
        StageRule rule;
        rule.to = static_cast<Stage>(1 + pick(4));
        const std::size_t conds = 1 + pick(3);
        for (std::size_t c = 0; c < conds; ++c) {
          RuleCondition cond;
          cond.type = types[pick(std::size(types))];
          cond.count = static_cast<std::uint32_t>(1 + pick(3));
          if (cond.type == EventType::content_viewed || cond.type == EventType::email_clicked)
            cond.content_type = kinds[pick(std::size(kinds))];
          if (cond.type == EventType::email_opened || cond.type == EventType::email_clicked)
            cond.educational = pick(2) == 0;
          if (cond.type == EventType::purchase && pick(2) == 0) cond.min_amount_cents = 10000;
          rule.any.push_back(cond);
        }
        pl.rules.push_back(rule);
      }
      model.pipelines.push_back(pl);
    }
    REQUIRE(validate_structure(model).empty());

    const Stamp stamp{k_t0, 0, 1};
    const std::size_t leads = 1 + pick(25);
    for (std::size_t i = 0; i < leads; ++i) {
      const auto stage = static_cast<Stage>(pick(5));
      std::vector<StageChange> history;
      if (pick(5) != 0) history.push_back({Stage::awareness, k_t0});
      if (stage != Stage::awareness && !history.empty())
        history.push_back({stage, k_t0 + static_cast<UnixMillis>(pick(40)) * k_day});
      std::vector<std::string> li;
      for (std::size_t k = pick(3); k-- > 0;) li.push_back(interests[pick(4)]);
      const auto row = ws.leads.append_row(lead(i + 1, stage, history, li), stamp);
      if (pick(10) == 0) ws.leads.set_deleted(row, true, stamp);
    }
    std::vector<Event> events;
    const std::size_t n = pick(300);
    for (std::size_t i = 0; i < n; ++i) {
      // Coarse times so that ties (same millisecond) happen.
      Event e = event(i + 1, 1 + pick(leads + 1), k_t0 + static_cast<UnixMillis>(pick(60)) * k_day,
                      types[pick(std::size(types))]);
      e.content = contents[pick(std::size(contents))];
      e.sequence = sequences[pick(std::size(sequences))];
      e.amount_cents = static_cast<std::int64_t>(pick(3)) * 8000;
      events.push_back(std::move(e));
    }
    ws.events.add(events);
    for (std::size_t i = 0; i < n / 10; ++i) ws.events.set_deleted(EventId{1 + pick(n)}, stamp);

    CAPTURE(seed);
    CHECK(plan_stage_moves(ws, model) == naive_moves(ws, model));
  }
}

}  // namespace stage_rules_test
