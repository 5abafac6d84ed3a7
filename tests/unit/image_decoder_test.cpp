// The sliced image decoder (core/storage/image_decoder.hpp): decoding in many small random
// steps gives exactly what the one-shot decode gives (the workspace, or the same error for
// damaged and truncated images), progress never goes back and ends at 1, and the piecewise
// checksum equals the one-shot checksum however the bytes are split.

#include "core/storage/image_decoder.hpp"

#include <catch_amalgamated.hpp>

#include <cstring>
#include <limits>

#include "core/commands/command.hpp"
#include "core/io/workspace_json.hpp"
#include "core/storage/snapshot.hpp"
#include "core/storage/workspace_image.hpp"
#include "core/util/checksum.hpp"
#include "core/util/splitmix.hpp"
#include "test_support.hpp"

namespace image_decoder_test {

using namespace nurture;

namespace {

constexpr UnixMillis k_now = 1790000000000;

// A workspace with leads, consent changes (so a consent ledger), events and deletions.
Workspace seeded_workspace(std::uint64_t seed, std::size_t steps) {
  SplitMix64 rng{seed};
  Workspace ws;
  ws.practice.name = "Lumen Aesthetics";
  HybridClock clock(seed);
  std::vector<std::uint64_t> leads;
  std::uint64_t next_id = seed * 1000003;
  for (std::size_t i = 0; i < steps; ++i) {
    const UnixMillis now = k_now + static_cast<UnixMillis>(i) * 60000;
    const auto kind = leads.empty() ? 0 : rng.below(5);
    if (kind <= 1) {
      Lead l;
      l.id = LeadId{++next_id};
      l.first_name = rng.pick({"Ana", "Zoë", "李"});
      if (rng.chance(70)) l.email = "p" + std::to_string(next_id) + "@example.com";
      l.interests.push_back(rng.pick({"botox", "laser"}));
      if (apply(ws, AddLead{l, now}, clock).ok) leads.push_back(l.id.value);
      continue;
    }
    const LeadId lead{leads[rng.below(leads.size())]};
    if (kind == 2) {
      const bool granted = rng.chance(70);
      (void)apply(ws,
                  SetConsent{lead, static_cast<Channel>(rng.below(k_channel_count)),
                             static_cast<Purpose>(rng.below(k_purpose_count)), granted, "web form",
                             "I agree to receive offers", granted ? "" : "asked to stop", now},
                  clock);
    } else if (kind == 3) {
      AddEvents add{{}, now};
      for (std::size_t e = 1 + rng.below(4); e > 0; --e) {
        auto ev = test::make_event(++next_id, lead.value, now,
                                   static_cast<EventType>(rng.below(k_event_type_count)));
        ev.content = rng.pick({"", "guide-1"});
        add.events.push_back(ev);
      }
      (void)apply(ws, add, clock);
    } else {
      (void)apply(ws, SetStage{lead, static_cast<Stage>(rng.below(k_stage_count)), now}, clock);
    }
  }
  return ws;
}

struct Stepped {
  Expected<Workspace> result;
  std::size_t steps = 0;
};

// Decodes `bytes` in steps of random budgets below `most`, checking progress on the way.
Stepped decode_stepped(std::string_view bytes, SplitMix64& rng, std::size_t most) {
  ImageDecoder decoder(bytes);
  double last = decoder.progress();
  CHECK(last == 0.0);
  std::size_t steps = 0;
  for (bool done = false; !done;) {
    done = decoder.step(1 + rng.below(most));
    ++steps;
    const double now = decoder.progress();
    CHECK(now >= last);  // never back
    CHECK(now <= 1.0);
    CHECK(done == (now == 1.0));  // 1 exactly when done
    last = now;
    REQUIRE(steps < 10'000'000);
  }
  CHECK(decoder.done());
  CHECK(decoder.step(1));  // stays done
  CHECK(decoder.progress() == 1.0);
  return {decoder.take(), steps};
}

std::string result_text(const Expected<Workspace>& r) {
  return r ? "ok " + workspace_to_json(r.value()) : "error " + r.error().describe();
}

}  // namespace

TEST_CASE("the piecewise checksum equals checksum64 however the bytes are split", "[image-decoder]") {
  SplitMix64 rng{5};
  for (int round = 0; round < 200; ++round) {
    std::string bytes(rng.below(300), '\0');
    for (auto& c : bytes) c = static_cast<char>(rng.below(256));
    Checksum64 sum;
    std::size_t at = 0;
    // Whole blocks in random numbers, then the rest (any length) to finish.
    while (bytes.size() - at >= 32 && rng.chance(70)) {
      const std::size_t blocks = 1 + rng.below((bytes.size() - at) / 32);
      sum.add_blocks(std::string_view(bytes).substr(at, blocks * 32));
      at += blocks * 32;
    }
    INFO("size " << bytes.size() << " split at " << at);
    CHECK(sum.finish(std::string_view(bytes).substr(at)) == checksum64(bytes));
  }
}

TEST_CASE("stepped decoding with random small budgets equals the one-shot decode", "[image-decoder]") {
  SplitMix64 rng{17};
  std::size_t ledger_entries = 0, events = 0;
  for (std::uint64_t seed = 1; seed <= 12; ++seed) {
    const Workspace ws = seeded_workspace(seed, 150);
    ledger_entries += ws.ledger.size();
    events += ws.events.size();
    const std::string image = encode_image(ws);
    INFO("seed " << seed << ", " << image.size() << " bytes");
    const auto one_shot = decode_image(image);
    REQUIRE(one_shot.ok());
    CHECK(one_shot.value() == ws);
    // Budgets from 1 byte (the checksum 32 bytes a step, one ledger entry a step) to a few KB.
    const std::size_t most = seed % 3 == 0 ? 8 : 4096;
    const auto stepped = decode_stepped(image, rng, most);
    REQUIRE(stepped.result.ok());
    CHECK(stepped.result.value() == ws);
    CHECK(encode_image(stepped.result.value()) == image);
    // Sliced for real: the checksum alone takes many steps at these budgets.
    CHECK(stepped.steps > image.size() / (4 * most * 4));
  }
  // The seeds made what the phases read.
  CHECK(ledger_entries > 100);
  CHECK(events > 100);
}

TEST_CASE("a JSON snapshot opens in one step, like open_workspace", "[image-decoder]") {
  const Workspace ws = seeded_workspace(3, 60);
  const std::string sealed = seal_snapshot(workspace_to_json(ws));
  ImageDecoder decoder(sealed);
  CHECK(decoder.step(1));
  auto r = decoder.take();
  REQUIRE(r.ok());
  CHECK(workspace_to_json(r.value()) == workspace_to_json(ws));
  CHECK_FALSE(decoder.take().ok());  // once
  // Neither format: the snapshot's error, the same as open_workspace's.
  ImageDecoder junk("hello");
  CHECK(junk.step(1));
  const auto bad = junk.take();
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().message == open_workspace("hello").error().message);
}

TEST_CASE("damaged and truncated images give the same error stepped and one-shot", "[image-decoder]") {
  const std::string image = encode_image(seeded_workspace(9, 120));
  SplitMix64 rng{23};
  std::size_t errors = 0;
  const auto compare = [&](const std::string& bytes) {
    const auto one_shot = open_workspace(bytes);
    const auto stepped = decode_stepped(bytes, rng, 64);
    CHECK(result_text(stepped.result) == result_text(one_shot));
    if (!one_shot.ok()) ++errors;
  };
  // Truncated anywhere (header included), a byte too many, each with a checksum as written.
  for (const std::size_t cut :
       {std::size_t{0}, std::size_t{10}, std::size_t{31}, image.size() / 2, image.size() - 1})
    compare(image.substr(0, cut));
  compare(image + "x");
  // Flipped bytes: caught by the checksum. With the checksum forged to match, the structural
  // checks of each phase (JSON, leads, events, ledger) give the error.
  for (int round = 0; round < 60; ++round) {
    std::string bad = image;
    const auto at = k_image_header_bytes + rng.below(image.size() - k_image_header_bytes);
    bad[at] = static_cast<char>(~bad[at]);
    INFO("flipped byte " << at);
    compare(bad);
    if (round % 2 == 0) {
      const std::uint64_t sum = checksum64(std::string_view(bad).substr(k_image_header_bytes));
      std::memcpy(bad.data() + 24, &sum, 8);
    } else {
      bad.resize(k_image_header_bytes + rng.below(image.size() - k_image_header_bytes));
      const std::uint64_t length = bad.size() - k_image_header_bytes;
      const std::uint64_t sum = checksum64(std::string_view(bad).substr(k_image_header_bytes));
      std::memcpy(bad.data() + 16, &length, 8);
      std::memcpy(bad.data() + 24, &sum, 8);
    }
    compare(bad);
  }
  CHECK(errors > 60);
}

}  // namespace image_decoder_test
