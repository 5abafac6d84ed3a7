// The binary workspace image: random workspaces built through commands round-trip exactly
// (stores equal, JSON byte-identical), stored snapshots of both formats open, and damaged or
// hostile images — including ones whose checksum was forged to match — decode to an Error or
// a workspace, never a crash (the asan preset runs this file too).

#include "core/storage/workspace_image.hpp"

#include <catch_amalgamated.hpp>

#include <cstring>

#include "core/commands/command.hpp"
#include "core/io/workspace_json.hpp"
#include "core/storage/snapshot.hpp"
#include "core/util/checksum.hpp"
#include "core/util/splitmix.hpp"
#include "test_support.hpp"

namespace workspace_image_test {

using namespace nurture;

namespace {

using Rng = SplitMix64;

constexpr UnixMillis k_now = 1790000000000;

Lead random_lead(Rng& rng, std::uint64_t id) {
  Lead l;
  l.id = LeadId{id};
  l.first_name = rng.pick({"Ana", "Bea", "Zoë", "李"});
  l.last_name = rng.pick({"", "Silva", "Núñez"});
  if (rng.chance(70)) l.email = "p" + std::to_string(rng.below(50)) + "@example.com";
  if (rng.chance(50)) l.phone = "+1813555" + std::to_string(1000 + rng.below(9000));
  if (rng.chance(30)) l.birth_date = CivilDate{1970 + static_cast<int>(rng.below(40)), 3, 14};
  if (rng.chance(20)) l.age = static_cast<std::uint8_t>(rng.below(90));
  l.gender = static_cast<Gender>(rng.below(k_gender_count));
  l.city = rng.pick({"", "Tampa", "Miami"});
  l.source = rng.pick({"", "facebook", "google", "referral"});
  l.campaign = rng.pick({"", "spring-botox"});
  l.notes = rng.chance(30) ? "prefers mornings ✓ " + std::to_string(rng.below(100)) : "";
  for (std::size_t i = rng.below(3); i > 0; --i)
    l.interests.push_back(rng.pick({"botox", "fillers", "laser"}));
  for (std::size_t i = rng.below(3); i > 0; --i) l.tags.push_back(rng.pick({"vip", "new", "follow-up"}));
  if (rng.chance(40))
    l.custom_fields[rng.pick({"skin type", "referrer"})] = rng.pick({"II", "III", "Dr. Lee"});
  return l;
}

Workspace random_workspace(std::uint64_t seed, std::size_t steps) {
  Rng rng{seed};
  Workspace ws;
  ws.practice.name = "Lumen Aesthetics";
  ws.practice.city = "Tampa";
  ws.unknown_members.emplace_back("x_future", "[1,2]");
  HybridClock clock(seed);
  std::vector<std::uint64_t> leads;
  std::vector<std::uint64_t> events;
  std::uint64_t next_id = seed * 1000003;
  for (std::size_t i = 0; i < steps; ++i) {
    const UnixMillis now = k_now + static_cast<UnixMillis>(i) * 60000;
    const auto any_lead = [&] { return LeadId{leads[rng.below(leads.size())]}; };
    const auto kind = leads.empty() ? 0 : rng.below(8);
    if (kind <= 1) {
      const auto id = ++next_id;
      if (apply(ws, AddLead{random_lead(rng, id), now}, clock).ok) leads.push_back(id);
    } else if (kind == 2) {
      auto values = random_lead(rng, 0);
      values.id = any_lead();
      (void)apply(ws, UpdateLead{values.id, values, now}, clock);
    } else if (kind == 3) {
      (void)apply(ws, SetStage{any_lead(), static_cast<Stage>(rng.below(k_stage_count)), now}, clock);
    } else if (kind == 4) {
      const bool granted = rng.chance(70);
      (void)apply(ws,
                  SetConsent{any_lead(), static_cast<Channel>(rng.below(k_channel_count)),
                             static_cast<Purpose>(rng.below(k_purpose_count)), granted, "web form",
                             "I agree to receive offers", granted ? "" : "asked to stop", now},
                  clock);
    } else if (kind == 5) {
      (void)apply(ws, SetDoNotContact{any_lead(), Channel::sms, rng.chance(80), "reply STOP", now}, clock);
    } else if (kind == 6) {
      AddEvents add{{}, now};
      for (std::size_t e = 1 + rng.below(4); e > 0; --e) {
        auto ev = test::make_event(++next_id, any_lead().value,
                                   now - static_cast<UnixMillis>(rng.below(10)) * 3600000,
                                   static_cast<EventType>(rng.below(k_event_type_count)));
        ev.content = rng.pick({"", "guide-1", "video-2"});
        ev.service = rng.pick({"", "Botox"});
        ev.amount_cents = static_cast<std::int64_t>(rng.below(50000));
        if (rng.chance(40)) ev.properties = {{"utm_source", rng.pick({"fb", "ig"})}, {"device", "mobile"}};
        add.events.push_back(ev);
      }
      if (apply(ws, add, clock).ok) {
        for (const auto& ev : add.events) events.push_back(ev.id.value);
      }
    } else if (rng.chance(50)) {
      (void)apply(ws, DeleteLead{any_lead(), now}, clock);
    } else if (!events.empty()) {
      // No command deletes events yet; merges will, so tombstones must round-trip.
      (void)ws.events.set_deleted(EventId{events[rng.below(events.size())]}, clock.tick(now));
    }
  }
  return ws;
}

// A hostile image: `image` with its checksum recomputed, so decoding gets past the checksum.
std::string forge_checksum(std::string image) {
  if (image.size() < k_image_header_bytes) return image;
  const std::uint64_t length = image.size() - k_image_header_bytes;
  const std::uint64_t sum = checksum64(std::string_view(image).substr(k_image_header_bytes));
  std::memcpy(image.data() + 16, &length, 8);
  std::memcpy(image.data() + 24, &sum, 8);
  return image;
}

}  // namespace

TEST_CASE("random workspaces round-trip through the image exactly", "[image]") {
  // What the seeds exercised, so the test fails if the generator stops producing them.
  std::size_t deleted_leads = 0, deleted_events = 0, consent = 0, dnc = 0, custom = 0, props = 0, history = 0;
  for (std::uint64_t seed = 1; seed <= 40; ++seed) {
    const auto ws = random_workspace(seed, 120);
    INFO("seed " << seed);
    REQUIRE(ws.leads.rows() > 0);
    for (std::uint32_t r = 0; r < ws.leads.rows(); ++r) {
      const auto lead = ws.leads.get(r);
      deleted_leads += ws.leads.is_deleted(r) ? 1 : 0;
      consent += lead.consent.size();
      dnc += lead.do_not_contact.size();
      custom += lead.custom_fields.size();
      history += lead.stage_history.size() > 1 ? 1 : 0;
    }
    for (std::uint32_t p = 0; p < ws.events.size(); ++p) {
      deleted_events += ws.events.is_deleted(p) ? 1 : 0;
      props += ws.events.get(p).properties.size();
    }
    const auto image = encode_image(ws);
    const auto back = decode_image(image);
    REQUIRE(back.ok());
    CHECK(back.value().leads == ws.leads);
    CHECK(back.value().events == ws.events);
    CHECK(back.value() == ws);
    CHECK(workspace_to_json(back.value()) == workspace_to_json(ws));
    CHECK(encode_image(back.value()) == image);  // deterministic, and nothing lost on the way
    // Indexes are rebuilt: lookups by id, email and the per-lead event index answer the same.
    for (std::uint32_t r = 0; r < ws.leads.rows(); ++r) {
      const auto id = ws.leads.id(r);
      CHECK(back.value().leads.find(id) == ws.leads.find(id));
      CHECK(back.value().leads.find_by_email(ws.leads.email(r)) == ws.leads.find_by_email(ws.leads.email(r)));
      CHECK(back.value().events.of_lead(id) == ws.events.of_lead(id));
    }
  }
  CHECK(deleted_leads > 0);
  CHECK(deleted_events > 0);
  CHECK(consent > 0);
  CHECK(dnc > 0);
  CHECK(custom > 0);
  CHECK(props > 0);
  CHECK(history > 0);
}

TEST_CASE("the empty workspace round-trips", "[image]") {
  const Workspace ws;
  const auto back = decode_image(encode_image(ws));
  REQUIRE(back.ok());
  CHECK(back.value() == ws);
  CHECK(back.value().is_empty());
}

TEST_CASE("stored snapshots open in both formats and new ones are images", "[image][snapshot]") {
  const auto ws = random_workspace(7, 80);
  const auto sealed = seal_workspace(ws);
  CHECK(is_image(sealed));
  const auto opened = open_workspace(sealed);
  REQUIRE(opened.ok());
  CHECK(opened.value() == ws);

  Workspace old;
  old.practice.name = "Lumen";
  const auto json = open_workspace(seal_snapshot(workspace_to_json(old)));
  REQUIRE(json.ok());
  CHECK(json.value().practice.name == "Lumen");
  CHECK_FALSE(open_workspace("").ok());
  CHECK_FALSE(open_workspace("NURTURE-IMAGE 1\n").ok());
}

TEST_CASE("a version 1 image still opens; its records take their fields' stamps", "[image][golden]") {
  // Written by the previous release from golden/workspace-v2.json as it was then (minor version
  // 0: no record stamps, no cleared do-not-contact).
  const auto bytes = test::read_test_file("golden/workspace-image-v1.bin");
  REQUIRE(bytes.substr(0, k_image_magic_v1.size()) == k_image_magic_v1);
  REQUIRE(is_image(bytes));
  const auto r = decode_image(bytes);
  INFO((r.ok() ? "" : r.error().message));
  REQUIRE(r.ok());
  const Workspace& ws = r.value();
  REQUIRE(ws.leads.rows() == 3);
  const Lead ana = ws.leads.get(0);
  REQUIRE(ana.consent.size() == 1);
  REQUIRE(ana.do_not_contact.size() == 1);
  CHECK(ana.do_not_contact_cleared.empty());
  CHECK(ana.consent[0].stamp == ws.leads.stamp(0, LeadField::consent));
  CHECK(ana.do_not_contact[0].stamp == ws.leads.stamp(0, LeadField::do_not_contact));
  CHECK_FALSE(ana.consent[0].stamp.is_zero());
  // Saved again it becomes a current image holding the same workspace.
  const auto again = encode_image(ws);
  CHECK(again.substr(0, k_image_magic.size()) == k_image_magic);
  const auto back = decode_image(again);
  REQUIRE(back.ok());
  CHECK(back.value() == ws);
}

TEST_CASE("damaged images are refused by the checksum", "[image]") {
  const auto image = encode_image(random_workspace(3, 60));
  CHECK_FALSE(decode_image(image.substr(0, image.size() - 1)).ok());
  CHECK_FALSE(decode_image(image + "x").ok());
  for (std::size_t i = k_image_header_bytes; i < image.size(); i += 13) {
    auto flipped = image;
    flipped[i] = static_cast<char>(flipped[i] ^ 0x10);
    INFO("flipped byte " << i);
    CHECK_FALSE(decode_image(flipped).ok());
  }
}

TEST_CASE("hostile images with forged checksums decode to an Error or a workspace", "[image][fuzz]") {
  const auto original = random_workspace(11, 100);
  const auto image = encode_image(original);
  Rng rng{99};
  std::size_t refused = 0;
  const std::size_t rounds = 3000;
  for (std::size_t round = 0; round < rounds; ++round) {
    auto bad = image;
    const auto kind = rng.below(4);
    if (kind == 0) {
      bad.resize(k_image_header_bytes + rng.below(image.size() - k_image_header_bytes));
    } else {
      // Flip a few bytes; mostly small values, sometimes all bits (lengths and codes).
      for (std::size_t f = 1 + rng.below(3); f > 0; --f) {
        const auto at = k_image_header_bytes + rng.below(image.size() - k_image_header_bytes);
        bad[at] = static_cast<char>(kind == 1 ? ~bad[at] : bad[at] ^ static_cast<char>(1u << rng.below(8)));
      }
    }
    const auto decoded = decode_image(forge_checksum(bad));
    if (!decoded.ok()) {
      ++refused;
      CHECK_FALSE(decoded.error().message.empty());
    } else {
      // Whatever decoded is a usable workspace: every row and event reads back.
      for (std::uint32_t r = 0; r < decoded.value().leads.rows(); ++r) (void)decoded.value().leads.get(r);
      for (std::uint32_t p = 0; p < decoded.value().events.size(); ++p) (void)decoded.value().events.get(p);
      (void)workspace_to_json(decoded.value());
    }
  }
  // Most damage is caught by the structural checks (the rest hits free-form bytes like names).
  CHECK(refused > rounds / 2);
}

TEST_CASE("specific hostile values are refused", "[image]") {
  Workspace ws;
  ws.practice.name = "Lumen";
  HybridClock clock(1);
  Lead lead;
  lead.id = LeadId{5};
  lead.first_name = "Ana";
  REQUIRE(apply(ws, AddLead{lead, k_now}, clock).ok);
  REQUIRE(apply(ws,
                AddEvents{{test::make_event(1, 5, k_now - 2000, EventType::call),
                           test::make_event(2, 5, k_now - 1000, EventType::review)},
                          k_now},
                clock)
              .ok);
  const auto image = encode_image(ws);
  // Locate the event id column: the two ids as consecutive u64 after their count (2).
  std::string ids(24, '\0');
  const std::uint64_t words[3] = {2, 1, 2};
  std::memcpy(ids.data(), words, 24);
  const auto at = image.find(ids);
  REQUIRE(at != std::string::npos);
  auto repeated = image;
  repeated[at + 16] = 1;  // the second event gets the first one's id
  const auto r = decode_image(forge_checksum(repeated));
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().message == "image event id is zero or repeated");
  // The time column follows the lead column: swap the two times.
  const std::uint64_t times[3] = {2, static_cast<std::uint64_t>(k_now - 2000),
                                  static_cast<std::uint64_t>(k_now - 1000)};
  std::string t(24, '\0');
  std::memcpy(t.data(), times, 24);
  const auto tat = image.find(t);
  REQUIRE(tat != std::string::npos);
  auto unsorted = image;
  std::memcpy(unsorted.data() + tat + 8, &times[2], 8);
  std::memcpy(unsorted.data() + tat + 16, &times[1], 8);
  const auto u = decode_image(forge_checksum(unsorted));
  REQUIRE_FALSE(u.ok());
  CHECK(u.error().message == "image events are not in time order");
}

}  // namespace workspace_image_test
