// Property test: random workspaces, built through commands applied with clocks of several
// random devices (so fields of one lead carry different stamps), survive to_json → from_json
// unchanged (LeadStore/EventLog logical equality is the oracle) and write back byte-identical.

#include <catch_amalgamated.hpp>

#include "core/commands/command.hpp"
#include "core/io/workspace_json.hpp"
#include "core/util/splitmix.hpp"
#include "stepped_read_support.hpp"

namespace workspace_json_property_test {

using namespace nurture;

namespace {

using Rng = SplitMix64;

const std::vector<std::string> k_texts = {"",        "Ana",     "Zoë \"Z\" O'Neil", "line\nbreak\ttab",
                                          "\\slash", "emoji 😀", "ctl \x01\x1f",     "🙂🙃"};
const std::vector<std::string> k_emails = {"", "ana@x.com", "Bea@Y.org"};
const std::vector<std::string> k_phones = {"", "(813) 555-0142", "+44 20 7946 0958"};

Lead random_lead(Rng& rng, std::uint64_t id) {
  Lead l;
  l.id = LeadId{id};
  l.first_name = rng.pick(k_texts);
  l.last_name = rng.pick(k_texts);
  if (l.first_name.empty() && l.last_name.empty()) l.first_name = "X";
  l.email = rng.pick(k_emails);
  l.phone = rng.pick(k_phones);
  if (rng.chance(30)) l.birth_date = CivilDate{1950 + static_cast<int>(rng.below(50)), 2, 28};
  if (rng.chance(30)) l.age = static_cast<std::uint8_t>(rng.below(100));
  l.gender = static_cast<Gender>(rng.below(k_gender_count));
  l.city = rng.pick(k_texts);
  l.source = rng.pick({"", "facebook", "google"});
  l.notes = rng.pick(k_texts);
  for (std::size_t i = rng.below(3); i > 0; --i) l.interests.push_back(rng.pick(k_texts));
  for (std::size_t i = rng.below(3); i > 0; --i) l.tags.push_back(rng.pick(k_texts));
  for (std::size_t i = rng.below(3); i > 0; --i) l.custom_fields[rng.pick(k_texts)] = rng.pick(k_texts);
  return l;
}

Workspace random_workspace(Rng& rng) {
  Workspace ws;
  std::vector<HybridClock> clocks;
  for (int i = 0; i < 3; ++i) clocks.emplace_back(rng.next());
  UnixMillis now = 1790000000000;
  std::vector<std::uint64_t> ids;
  std::uint64_t next_event = 1;
  for (int step = 0; step < 60; ++step) {
    now += static_cast<UnixMillis>(rng.below(100000));
    HybridClock& clock = clocks[rng.below(clocks.size())];
    const std::size_t what = ids.empty() ? 0 : rng.below(8);
    const std::uint64_t some = ids.empty() ? 0 : ids[rng.below(ids.size())];
    Command c;
    switch (what) {
      case 0:
      case 1: {
        const std::uint64_t id = rng.next() | 1;
        c = AddLead{random_lead(rng, id), now};
        ids.push_back(id);
        break;
      }
      case 2:
        c = UpdateLead{LeadId{some}, random_lead(rng, some), now};
        break;
      case 3:
        c = DeleteLead{LeadId{some}, now};
        break;
      case 4:
        c = SetStage{LeadId{some}, static_cast<Stage>(rng.below(k_stage_count)), now};
        break;
      case 5:
        c = SetConsent{LeadId{some},
                       static_cast<Channel>(rng.below(3)),
                       static_cast<Purpose>(rng.below(2)),
                       rng.chance(70),
                       "web form",
                       rng.pick(k_texts),
                       "asked",
                       now};
        break;
      case 6:
        c = SetDoNotContact{LeadId{some}, static_cast<Channel>(rng.below(3)), rng.chance(70), "STOP", now};
        break;
      default: {
        AddEvents add{{}, now};
        for (std::size_t i = 1 + rng.below(4); i > 0; --i) {
          Event e;
          e.id = EventId{next_event++};
          e.lead = LeadId{some};
          e.at = now - static_cast<UnixMillis>(rng.below(10000000));
          e.type = static_cast<EventType>(rng.below(k_event_type_count));
          if (rng.chance(30)) e.content = "guide";
          if (rng.chance(20)) e.step = static_cast<std::uint16_t>(rng.below(5));
          if (rng.chance(20)) e.amount_cents = static_cast<std::int64_t>(rng.below(100000)) - 500;
          if (rng.chance(20)) e.service = "botox";
          if (rng.chance(30)) e.properties = {{"utm", rng.pick(k_texts)}, {"k2", "v"}};
          add.events.push_back(e);
        }
        c = add;
      }
    }
    (void)apply(ws, c, clock);  // refused commands (deleted leads, bad input) change nothing
  }
  for (std::uint32_t pos = 0; pos < ws.events.size(); ++pos) {
    if (rng.chance(10)) ws.events.set_deleted(ws.events.id(pos), clocks[0].tick(now));
  }
  ws.practice.name = rng.pick(k_texts);
  ws.practice.hours[6] = DayHours{600, 720};
  ws.practice_stamp = clocks[1].tick(now);
  Treatment t{"botox", "Botox", "injectables", 90, 35000, clocks[2].tick(now), rng.chance(30)};
  ws.treatments.push_back(t);
  ws.sources.push_back(
      LeadSource{"facebook", "Facebook", SourceKind::social, 120000, clocks[0].tick(now), false});
  ws.content.push_back(ContentItem{"guide", "Guide", ContentKind::guide, Stage::awareness, "botox",
                                   "https://x.example/g", 4, clocks[1].tick(now), rng.chance(50)});
  if (rng.chance(50)) ws.unknown_members.emplace_back("later", "{\"a\":[1,2]}");
  return ws;
}

}  // namespace

TEST_CASE("random workspaces round-trip through the file exactly", "[workspace-json][property]") {
  for (std::uint64_t seed = 1; seed <= 60; ++seed) {
    INFO("seed " << seed);
    Rng rng{seed};
    const Workspace ws = random_workspace(rng);
    const std::string text = workspace_to_json(ws);
    const auto back = workspace_from_json(text);
    INFO((back.ok() ? "" : back.error().describe()));
    REQUIRE(back.ok());
    CHECK(back.value().leads == ws.leads);
    CHECK(back.value().events == ws.events);
    CHECK(back.value() == ws);
    CHECK(workspace_to_json(back.value()) == text);
  }
}

TEST_CASE("random workspaces read in steps of any budget give the same workspace",
          "[workspace-json][property]") {
  for (std::uint64_t seed = 1; seed <= 30; ++seed) {
    INFO("seed " << seed);
    Rng rng{seed};
    const std::string text = workspace_to_json(random_workspace(rng));
    const auto whole = workspace_from_json(text);
    REQUIRE(whole.ok());
    for (const std::size_t budget : test::k_step_budgets) {
      INFO("budget " << budget);
      const auto stepped = test::read_stepped(text, budget);
      test::check_same_outcome(stepped, whole);
      REQUIRE(stepped.ok());
      CHECK(workspace_to_json(stepped.value()) == text);
    }
  }
}

}  // namespace workspace_json_property_test
