// The sliced image encoder (core/storage/image_encoder.hpp): encoding in random steps gives
// exactly the one-shot image, which decodes back to the workspace; progress never goes back and
// ends at 1. Also the pieces it is built from: the settings members written an item at a time,
// and the history, enrolment and touch items written as text, checked against nlohmann's dump()
// (what wrote them before, kept here as the oracle).

#include "core/storage/image_encoder.hpp"

#include <catch_amalgamated.hpp>

#include <limits>

#include <nlohmann/json.hpp>

#include "core/demo/demo_practice.hpp"
#include "core/demo/demo_sequences.hpp"
#include "core/io/sequence_json.hpp"
#include "core/io/settings_json.hpp"
#include "core/io/workspace_json.hpp"
#include "core/storage/workspace_image.hpp"
#include "core/store/image_io.hpp"
#include "core/util/splitmix.hpp"
#include "test_support.hpp"

namespace image_encoder_test {

using namespace nurture;

namespace {

// Monday 2026-12-07 18:00 UTC.
constexpr UnixMillis k_now = 1'796'666'400'000;

std::vector<Sequence> demo_playbooks() {
  std::vector<Sequence> out;
  for (const char* file : k_demo_playbooks) {
    auto s = sequence_from_json_text(test::read_test_file(std::string("../assets/playbooks/") + file));
    REQUIRE(s.ok());
    out.push_back(std::move(s).value());
  }
  return out;
}

// The demo practice with its sequences' history (enrolments, touches), its consent ledger, and
// saved segments with a membership history of `history` changes.
Workspace demo_workspace(std::uint64_t seed, std::size_t leads, std::size_t history) {
  Workspace ws = make_demo_practice(DemoOptions{seed, leads, k_now, 7, true});
  add_demo_sequences(ws, demo_playbooks(), k_now, 7);
  ws.segments.push_back({"test-warm", "Warm \"leads\"", "score >= 20", "", Stamp{k_now, 0, 7}, false});
  ws.segments.push_back({"test-vip", "VIP ☆", "tag = vip", "big spenders", Stamp{k_now, 1, 7}, false});
  SplitMix64 rng{seed};
  for (std::size_t i = 0; i < history; ++i) {
    const auto row = static_cast<std::uint32_t>(rng.below(ws.leads.rows()));
    ws.segment_history.push_back({rng.chance(50) ? "test-warm" : "test-vip", ws.leads.id(row),
                                  k_now - static_cast<UnixMillis>(rng.below(1'000'000'000)), rng.chance(60)});
  }
  std::sort(ws.segment_history.begin(), ws.segment_history.end());
  ws.segment_history.erase(std::unique(ws.segment_history.begin(), ws.segment_history.end()),
                           ws.segment_history.end());
  ws.unknown_members.emplace_back("x_future", R"({"kept":[1,2,3]})");
  return ws;
}

struct Stepped {
  std::string image;
  std::size_t steps = 0;
};

// Encodes `ws` in steps of random budgets below `most`, checking progress on the way.
Stepped encode_stepped(const Workspace& ws, SplitMix64& rng, std::size_t most) {
  ImageEncoder encoder(ws);
  double last = encoder.progress();
  CHECK(last == 0.0);
  std::size_t steps = 0;
  for (bool done = false; !done;) {
    done = encoder.step(1 + rng.below(most));
    ++steps;
    const double now = encoder.progress();
    CHECK(now >= last);  // never back
    CHECK(now <= 1.0);
    CHECK(done == (now == 1.0));  // 1 exactly when done
    last = now;
    REQUIRE(steps < 10'000'000);
  }
  CHECK(encoder.step(1));  // stays done
  CHECK(encoder.progress() == 1.0);
  return {encoder.take(), steps};
}

using Json = nlohmann::ordered_json;

std::string dump(const Json& j) { return j.dump(-1, ' ', false, Json::error_handler_t::replace); }

// What settings_json.cpp wrote through nlohmann's DOM before these items were written as text.
std::string history_oracle(const MembershipChange& c) {
  return dump({c.segment, to_string(c.lead), c.at, c.entered});
}

std::string enrollment_oracle(const Enrollment& e) {
  Json j = {{"sequence", e.sequence},
            {"lead", to_string(e.lead)},
            {"enrolled_at", e.enrolled_at},
            {"reason", e.reason}};
  if (e.ended_at != 0) j["ended_at"] = e.ended_at;
  if (!e.end_reason.empty()) j["end_reason"] = e.end_reason;
  j["stamp"] = to_string(e.stamp);
  return dump(j);
}

std::string touch_oracle(const TouchRecord& t) {
  Json j = {{"key", t.key}, {"outcome", to_string(t.outcome)}, {"at", t.at}};
  if (t.until != 0) j["until"] = t.until;
  j["stamp"] = to_string(t.stamp);
  return dump(j);
}

// Text with what JSON must escape (quotes, backslashes, control characters) and multi-byte
// UTF-8 (2, 3 and 4 bytes), in random pieces.
std::string random_text(SplitMix64& rng) {
  static const std::vector<std::string> pieces = {
      "a", "Zoë", "\"", "\\", "\n", "\t", "\x01", "\x1f", "\x7f",      "李",
      "😀", "/",   " ",  "\r", "\b", "\f", "ok",   "é",    "</script>", "\xe2\x80\xa8"};
  std::string s;
  for (std::size_t n = rng.below(12); n > 0; --n) s += rng.pick(pieces);
  return s;
}

UnixMillis random_time(SplitMix64& rng) {
  // Negative, zero and large times; every value fits in 32 bits of `below` (the wasm build).
  const auto t = static_cast<UnixMillis>(rng.below(4'000'000'000U)) * 100'000;
  return rng.chance(10) ? -t : rng.chance(10) ? 0 : t;
}

Stamp random_stamp(SplitMix64& rng) {
  return Stamp{static_cast<std::int64_t>(rng.below(2'000'000'000U)) * 1000,
               static_cast<std::uint32_t>(rng.below(9)), rng.next()};
}

}  // namespace

TEST_CASE("the encoder in random steps gives the one-shot image, which decodes to the workspace",
          "[image-encoder]") {
  SplitMix64 rng{17};
  for (const auto& [seed, leads, history] :
       {std::tuple<std::uint64_t, std::size_t, std::size_t>{1, 120, 300}, {2, 40, 0}, {3, 250, 1000}}) {
    const Workspace ws = demo_workspace(seed, leads, history);
    REQUIRE(!ws.enrollments.empty());
    REQUIRE(!ws.touches.empty());
    REQUIRE(ws.ledger.size() > 0);
    const std::string once = encode_image(ws);
    for (const std::size_t most : {std::size_t{64}, std::size_t{4096}, std::size_t{1} << 20}) {
      INFO("seed " << seed << ", budgets below " << most);
      const auto stepped = encode_stepped(ws, rng, most);
      if (most <= 4096) CHECK(stepped.steps > 1);  // a large budget may take a small image at once
      CHECK(stepped.image == once);
    }
    auto decoded = decode_image(once);
    INFO((decoded.ok() ? std::string() : decoded.error().describe()));
    REQUIRE(decoded.ok());
    CHECK(decoded.value() == ws);
    CHECK(workspace_to_json(decoded.value()) == workspace_to_json(ws));
  }
}

TEST_CASE("the image's JSON part is the workspace file of a copy without leads, events and ledger",
          "[image-encoder]") {
  const Workspace ws = demo_workspace(6, 60, 100);
  Workspace rest = ws;
  rest.leads = LeadStore{};
  rest.events = EventLog{};
  rest.ledger = ConsentLedger{};
  const std::string image = encode_image(ws);
  ImageReader in(std::string_view(image).substr(k_image_header_bytes));
  std::string_view json;
  REQUIRE(in.bytes(json));
  CHECK(json == workspace_to_json(rest));
}

TEST_CASE("an unlimited budget is one step; a budget of 1 still finishes", "[image-encoder]") {
  const Workspace ws = demo_workspace(4, 30, 50);
  const std::string once = encode_image(ws);
  ImageEncoder whole(ws);
  CHECK(whole.step(std::numeric_limits<std::size_t>::max()));
  CHECK(whole.progress() == 1.0);
  CHECK(whole.take() == once);
  CHECK(whole.take().empty());  // once

  ImageEncoder tiny(ws);
  CHECK(tiny.take().empty());  // not before it is done
  std::size_t steps = 0;
  double last = 0.0;
  while (!tiny.step(1)) {
    CHECK(tiny.progress() >= last);
    last = tiny.progress();
    ++steps;
  }
  CHECK(steps > 100);
  CHECK(tiny.take() == once);

  const Workspace empty;
  SplitMix64 rng{3};
  CHECK(encode_stepped(empty, rng, 16).image == encode_image(empty));
  CHECK(decode_image(encode_image(empty)).value() == empty);
}

TEST_CASE("the settings members written an item at a time equal the one-shot members",
          "[image-encoder][settings]") {
  const Workspace ws = demo_workspace(5, 80, 400);
  std::string once;
  append_settings_members(once, ws);
  CHECK(once.find("\"segment_history\": [[") != std::string::npos);
  CHECK(once.find("\"enrollments\": [\n    {") != std::string::npos);
  SplitMix64 rng{9};
  for (int round = 0; round < 20; ++round) {
    SettingsJsonWriter writer(ws);
    std::string stepped;
    std::size_t steps = 0;
    while (!writer.step(stepped, 1 + rng.below(round < 10 ? 64 : 4096))) ++steps;
    CHECK(writer.done());
    CHECK(steps > 1);
    CHECK(stepped == once);
  }
  // A workspace without settings writes nothing.
  std::string none;
  CHECK(SettingsJsonWriter(Workspace{}).step(none, 1));
  CHECK(none.empty());
}

TEST_CASE("history, enrolment and touch items written as text equal nlohmann's dump()",
          "[image-encoder][settings]") {
  SplitMix64 rng{23};
  for (int i = 0; i < 200; ++i) {
    const MembershipChange c{random_text(rng), LeadId{rng.next()}, random_time(rng), rng.chance(50)};
    std::string history;
    write_history_item(history, c);
    CHECK(history == history_oracle(c));

    Enrollment e;
    e.sequence = random_text(rng);
    e.lead = LeadId{rng.next()};
    e.enrolled_at = random_time(rng);
    e.reason = random_text(rng);
    e.ended_at = rng.chance(50) ? random_time(rng) : 0;
    e.end_reason = rng.chance(50) ? random_text(rng) : "";
    e.stamp = random_stamp(rng);
    std::string enrollment;
    write_enrollment(enrollment, e);
    CHECK(enrollment == enrollment_oracle(e));

    TouchRecord t;
    t.key = random_text(rng);
    t.outcome = static_cast<TouchOutcome>(rng.below(7));
    t.at = random_time(rng);
    t.until = rng.chance(50) ? random_time(rng) : 0;
    t.stamp = random_stamp(rng);
    std::string touch;
    write_touch(touch, t);
    CHECK(touch == touch_oracle(t));
  }
  std::string golden;
  write_history_item(golden, {"vip", LeadId{0xabc}, 1'796'666'400'000, false});
  CHECK(golden == R"(["vip","L0000000000000abc",1796666400000,false])");
}

}  // namespace image_encoder_test
