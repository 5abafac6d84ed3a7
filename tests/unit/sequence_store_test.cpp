// Sequences, enrolments and touch records in the workspace file, the binary image and merges:
// round trips, refusals with a path, the merge rules of docs/sync.md checked against a naive
// oracle, and undo of a merge.

#include <catch_amalgamated.hpp>

#include <map>
#include <string>

#include "core/io/workspace_json.hpp"
#include "core/storage/workspace_image.hpp"
#include "core/sync/merge.hpp"
#include "sequence_gen.hpp"
#include "test_support.hpp"

namespace sequence_store_test {

using namespace nurture;

namespace {

constexpr UnixMillis k_t0 = 1'780'000'000'000;

Enrollment enrollment(const std::string& seq, std::uint64_t lead, UnixMillis at, Stamp stamp) {
  Enrollment e;
  e.sequence = seq;
  e.lead = LeadId{lead};
  e.enrolled_at = at;
  e.key = enrollment_key(seq, e.lead, at);
  e.reason = "manual";
  e.stamp = stamp;
  return e;
}

TouchRecord touch(const std::string& key, TouchOutcome outcome, UnixMillis at, Stamp stamp) {
  TouchRecord t;
  t.key = key;
  t.outcome = outcome;
  t.at = at;
  t.stamp = stamp;
  return t;
}

// A workspace with `n` random sequences, each with a few enrolments and touches.
Workspace with_sequences(SplitMix64& rng, std::size_t n, std::uint64_t device) {
  Workspace ws;
  ws.practice.name = "Lumen";
  for (std::size_t i = 0; i < n; ++i) {
    const Sequence s =
        test::random_sequence(rng, "seq-" + std::to_string(i), k_t0 + static_cast<UnixMillis>(i));
    for (std::uint64_t lead = 1; lead <= rng.below(4); ++lead) {
      Enrollment e = enrollment(s.id, lead, k_t0 + static_cast<UnixMillis>(rng.below(1000)),
                                Stamp{k_t0 + static_cast<UnixMillis>(rng.below(50)), 0, device});
      if (rng.chance(30)) {
        e.ended_at = e.enrolled_at + 5;
        e.end_reason = "ended by hand: “moved away”";
      }
      ws.touches.push_back(touch(touch_key(e.key, s.steps[0].id),
                                 static_cast<TouchOutcome>(rng.below(k_touch_outcome_count)),
                                 e.enrolled_at + 1, e.stamp));
      if (ws.touches.back().outcome == TouchOutcome::snoozed) ws.touches.back().until = e.enrolled_at + 99;
      ws.enrollments.push_back(std::move(e));
    }
    ws.sequences.push_back(s);
  }
  std::sort(ws.enrollments.begin(), ws.enrollments.end(),
            [](const Enrollment& a, const Enrollment& b) { return a.key < b.key; });
  std::sort(ws.touches.begin(), ws.touches.end(),
            [](const TouchRecord& a, const TouchRecord& b) { return a.key < b.key; });
  return ws;
}

// The empty workspace's file with one member added before the closing brace.
std::string with_member(const std::string& key, const std::string& raw) {
  std::string text = workspace_to_json(Workspace{});
  text.insert(text.rfind('}') - 1, ",\n  \"" + key + "\": " + raw);
  return text;
}

std::string read_error(const std::string& text) {
  auto r = workspace_from_json(text);
  return r.ok() ? std::string("(read fine)") : r.error().message;
}

const std::string k_stamp = "\"" + to_string(Stamp{k_t0, 0, 1}) + "\"";

std::string enrollment_text(const std::string& seq, const std::string& lead, const std::string& at) {
  return R"({"sequence":")" + seq + R"(","lead":")" + lead + R"(","enrolled_at":)" + at +
         R"(,"reason":"manual","stamp":)" + k_stamp + "}";
}

}  // namespace

TEST_CASE("sequences, enrolments and touch records survive the file and the image", "[sequence-store]") {
  SplitMix64 rng(7);
  for (int round = 0; round < 20; ++round) {
    const Workspace ws = with_sequences(rng, 1 + rng.below(6), 1);
    const std::string text = workspace_to_json(ws);
    auto back = workspace_from_json(text);
    REQUIRE(back.ok());
    CHECK(back.value().sequences == ws.sequences);
    CHECK(back.value().enrollments == ws.enrollments);
    CHECK(back.value().touches == ws.touches);
    CHECK(back.value().unknown_members.empty());
    CHECK(workspace_to_json(back.value()) == text);

    auto image = decode_image(encode_image(ws));
    REQUIRE(image.ok());
    CHECK(image.value().sequences == ws.sequences);
    CHECK(image.value().enrollments == ws.enrollments);
    CHECK(image.value().touches == ws.touches);
  }
}

TEST_CASE("the members are written only when they hold something, one record a line", "[sequence-store]") {
  Workspace ws;
  ws.practice.name = "Lumen";
  const std::string empty = workspace_to_json(ws);
  CHECK(empty.find("sequences") == std::string::npos);
  CHECK(empty.find("enrollments") == std::string::npos);
  CHECK(empty.find("touches") == std::string::npos);

  ws.enrollments.push_back(enrollment("welcome", 1, k_t0, Stamp{k_t0, 0, 1}));
  ws.enrollments.push_back(enrollment("welcome", 2, k_t0, Stamp{k_t0, 0, 1}));
  const std::string text = workspace_to_json(ws);
  // Worked out from the writer's rules: no key (it is recomputed), ended_at and end_reason only
  // once set.
  CHECK(text.find(",\n  \"enrollments\": [\n    {\"sequence\":\"welcome\",\"lead\":\"L0000000000000001\","
                  "\"enrolled_at\":1780000000000,\"reason\":\"manual\",\"stamp\":" +
                  k_stamp + "},\n    {\"sequence\"") != std::string::npos);
  CHECK(text.find("touches") == std::string::npos);
}

TEST_CASE("bad sequence members are refused with the path of the problem", "[sequence-store]") {
  CHECK(read_error(with_member("sequences", "{}")) == "sequences: must be an array");
  std::string many = "[";
  for (int i = 0; i <= 1000; ++i) many += i == 0 ? "{}" : ",{}";
  CHECK(read_error(with_member("sequences", many + "]")) == "sequences: has more than 1000 sequences");
  const std::string seq =
      R"({"id":"a","name":"A","steps":[{"id":"s","kind":"wait"}],"stamp":)" + k_stamp + "}";
  CHECK(read_error(with_member("sequences", "[" + seq + "," + seq + "]")) ==
        "sequences[1].id: the id 'a' appears twice");
  CHECK(
      read_error(with_member("sequences", R"([{"id":"a","name":"A","steps":[{"id":"s","kind":"wait"}]}])")) ==
      "sequences[0].stamp: is missing");
  CHECK(
      read_error(with_member("sequences", R"([{"id":"a","name":"A","steps":[{"id":"s","kind":"nap"}]}])")) ==
      "sequences[0].steps[0].kind: 'nap' is not a known value");

  const std::string l1 = "\"L0000000000000001\"";
  CHECK(read_error(with_member("enrollments", "[" + enrollment_text("w", "L0000000000000002", "5") + "," +
                                                  enrollment_text("w", "L0000000000000001", "5") + "]")) ==
        "enrollments[1]: is out of order or repeats a key (the list is sorted by key, each key once)");
  CHECK(read_error(with_member("enrollments", "[" + enrollment_text("w", "L0000000000000001", "5") + "," +
                                                  enrollment_text("w", "L0000000000000001", "5") + "]")) ==
        "enrollments[1]: is out of order or repeats a key (the list is sorted by key, each key once)");
  CHECK(read_error(with_member("enrollments", "[" + enrollment_text("w", "nobody", "5") + "]")) ==
        "enrollments[0].lead: is not a lead id");
  CHECK(read_error(with_member("enrollments", "[" + enrollment_text("W W", "L0000000000000001", "5") +
                                                  "]")) == "enrollments[0].sequence: is not a sequence id");
  CHECK(read_error(with_member("enrollments", "[" + enrollment_text("w", "L0000000000000001", "-5") + "]")) ==
        "enrollments[0].enrolled_at: must be a whole number from 0 to 253402300799999");

  const std::string t = R"({"key":"w/L1/5/s","outcome":"sent","at":1,"stamp":)" + k_stamp + "}";
  CHECK(read_error(with_member("touches", "[" + t + "," + t + "]")) ==
        "touches[1]: is out of order or repeats a key (the list is sorted by key, each key once)");
  CHECK(read_error(with_member("touches", R"([{"key":"k","outcome":"waved","at":1,"stamp":)" + k_stamp +
                                              "}]")) == "touches[0].outcome: 'waved' is not a known value");
  CHECK(read_error(with_member("touches", R"([{"key":"","outcome":"sent","at":1,"stamp":)" + k_stamp +
                                              "}]")) == "touches[0].key: is not a touch key");
  CHECK(read_error(with_member("touches", R"([{"key":"k","outcome":"sent","at":1}])")) ==
        "touches[0].stamp: is missing");
  CHECK(read_error(with_member("touches", R"([{"key":"k","outcome":"sent","at":1,"by":)" + l1 + "}]")) ==
        "touches[0].by: is not a known member");
}

TEST_CASE("merging takes the later sequence, keeps tombstones and unions the records by key",
          "[sequence-store][merge]") {
  SplitMix64 rng(11);
  Workspace local;
  local.sequences.push_back(test::random_sequence(rng, "welcome", k_t0));
  local.sequences.push_back(test::random_sequence(rng, "recall", k_t0));
  local.sequences[0].deleted = false;
  local.sequences[1].deleted = false;
  local.enrollments = {enrollment("welcome", 1, k_t0, Stamp{k_t0, 0, 1}),
                       enrollment("welcome", 2, k_t0, Stamp{k_t0 + 10, 0, 1})};
  const std::string key1 = local.enrollments[0].key;
  local.touches = {touch(touch_key(key1, "s0"), TouchOutcome::snoozed, k_t0 + 1, Stamp{k_t0 + 1, 0, 1})};

  Workspace remote = local;
  remote.sequences[0].name = "Welcome, edited later";  // a later edit on the other device
  remote.sequences[0].stamp = Stamp{k_t0 + 50, 0, 2};
  remote.sequences[1].deleted = true;  // deleted there, later
  remote.sequences[1].stamp = Stamp{k_t0 + 60, 0, 2};
  remote.sequences.push_back(test::random_sequence(rng, "new-one", k_t0 + 70));
  remote.sequences.back().stamp = Stamp{k_t0 + 70, 0, 2};
  remote.enrollments[0].ended_at = k_t0 + 20;  // ended there, later
  remote.enrollments[0].stamp = Stamp{k_t0 + 20, 0, 2};
  remote.enrollments[1].reason = "older";  // an older version: the local one stays
  remote.enrollments[1].stamp = Stamp{k_t0 + 5, 0, 2};
  remote.enrollments.push_back(enrollment("welcome", 3, k_t0, Stamp{k_t0 + 30, 0, 2}));
  remote.touches[0].outcome = TouchOutcome::sent;  // sent after the snooze
  remote.touches[0].stamp = Stamp{k_t0 + 40, 0, 2};

  const auto preview = preview_merge(local, remote, k_t0 + 100);
  CHECK(preview.settings_changed == 3);  // replaced, deleted, added
  CHECK(preview.enrollments_changed == 2);
  CHECK(preview.touches_changed == 1);
  CHECK(preview.summary() == "3 settings updated, 2 enrolments merged, 1 touch merged");
  CHECK(local.sequences.size() == 2);  // the preview changes nothing

  const Workspace before = local;
  MergeUndo undo;
  const auto report = merge_into(local, remote, k_t0 + 100, &undo);
  CHECK(report == preview);
  REQUIRE(local.sequences.size() == 3);
  CHECK(local.sequences[0].name == "Welcome, edited later");
  CHECK(local.sequences[1].deleted);
  CHECK(local.sequences[2].id == "new-one");
  REQUIRE(local.enrollments.size() == 3);
  CHECK(local.enrollments[0].ended_at == k_t0 + 20);
  CHECK(local.enrollments[1].reason == "manual");
  CHECK(local.enrollments[2].lead == LeadId{3});
  CHECK(local.touches[0].outcome == TouchOutcome::sent);
  CHECK(local.revision == before.revision + 1);

  // Merging the same file again changes nothing; an older file cannot bring the tombstone back.
  CHECK(merge_into(local, remote, k_t0 + 200).nothing_new());
  CHECK(merge_into(local, before, k_t0 + 200).nothing_new());
  // And undo restores exactly.
  Workspace merged = local;
  revert_merge(merged, std::move(undo));
  merged.revision = before.revision;
  CHECK(merged == before);
  // The stamps of the records count as seen (R11).
  CHECK(max_stamp(local) == Stamp{k_t0 + 70, 0, 2});
}

TEST_CASE("merging record lists matches a naive per-key oracle, in any order",
          "[sequence-store][merge][property]") {
  SplitMix64 rng(99);
  const auto random_records = [&](std::uint64_t device) {
    Workspace ws;
    for (std::uint64_t lead = 1; lead <= 12; ++lead) {
      if (!rng.chance(50)) continue;
      // Stamps from a small range, so that equal stamps with different values occur.
      Enrollment e =
          enrollment("s", lead, k_t0, Stamp{k_t0 + static_cast<UnixMillis>(rng.below(3)), 0, device});
      if (rng.chance(50)) e.ended_at = k_t0 + static_cast<UnixMillis>(rng.below(3));
      ws.touches.push_back(touch(touch_key(e.key, "a"),
                                 static_cast<TouchOutcome>(rng.below(k_touch_outcome_count)), k_t0,
                                 Stamp{k_t0 + static_cast<UnixMillis>(rng.below(3)), 0, rng.below(2)}));
      ws.enrollments.push_back(std::move(e));
    }
    return ws;
  };
  // The oracle: per key, the record with the larger stamp, then the larger tie tuple.
  const auto oracle = [](std::initializer_list<const Workspace*> sides) {
    std::map<std::string, Enrollment> enrollments;
    std::map<std::string, TouchRecord> touches;
    for (const Workspace* ws : sides) {
      for (const auto& e : ws->enrollments) {
        auto [it, fresh] = enrollments.emplace(e.key, e);
        const auto tie = [](const Enrollment& x) {
          return std::tie(x.stamp, x.reason, x.ended_at, x.end_reason);
        };
        if (!fresh && tie(it->second) < tie(e)) it->second = e;
      }
      for (const auto& t : ws->touches) {
        auto [it, fresh] = touches.emplace(t.key, t);
        const auto tie = [](const TouchRecord& x) { return std::tie(x.stamp, x.outcome, x.at, x.until); };
        if (!fresh && tie(it->second) < tie(t)) it->second = t;
      }
    }
    Workspace out;
    for (auto& [k, e] : enrollments) out.enrollments.push_back(e);
    for (auto& [k, t] : touches) out.touches.push_back(t);
    return out;
  };
  for (int round = 0; round < 200; ++round) {
    const Workspace a = random_records(1);
    const Workspace b = random_records(2);
    const Workspace c = random_records(3);
    const Workspace expected = oracle({&a, &b, &c});
    Workspace ab_c = a;
    merge_into(ab_c, b, k_t0);
    merge_into(ab_c, c, k_t0);
    Workspace c_ba = c;
    merge_into(c_ba, b, k_t0);
    merge_into(c_ba, a, k_t0);
    CHECK(ab_c.enrollments == expected.enrollments);
    CHECK(ab_c.touches == expected.touches);
    CHECK(c_ba.enrollments == expected.enrollments);
    CHECK(c_ba.touches == expected.touches);
    CHECK(merge_into(ab_c, a, k_t0).enrollments_changed == 0);  // idempotent
  }
}

TEST_CASE("the sequences golden file loads and writes back byte for byte", "[sequence-store][golden]") {
  const auto golden = test::read_test_file("golden/workspace-v2-sequences.json");
  REQUIRE_FALSE(golden.empty());
  auto r = workspace_from_json(golden);
  REQUIRE(r.ok());
  const Workspace& ws = r.value();
  // Values read off the file by eye.
  REQUIRE(ws.sequences.size() == 2);
  const Sequence& welcome = ws.sequences[0];
  CHECK(welcome.status == SequenceStatus::active);
  CHECK(welcome.activated_at == 1790000000000);  // 2026-09-21T14:13:20Z
  REQUIRE(welcome.steps.size() == 3);
  CHECK(welcome.steps[0].timing.at_minute == std::uint16_t{600});  // 10:00
  CHECK(welcome.steps[1].kind == StepKind::wait);
  CHECK(welcome.steps[1].no_next == "call");
  CHECK(welcome.steps[2].message.purpose == MessagePurpose::reminder);
  CHECK(welcome.reentry == ReentryPolicy::after_exit);
  CHECK(welcome.stamp == *parse_stamp("2026-09-21T10:00:00.000Z/00000000/00000000000000a1"));
  CHECK(ws.sequences[1].deleted);
  REQUIRE(ws.enrollments.size() == 2);
  CHECK(ws.enrollments[0].key == "welcome/L00000000000000a1/1790251200000");
  CHECK(ws.enrollments[1].ended_at == 1790337600000);  // a day after the enrolment
  CHECK(ws.enrollments[1].end_reason == "moved away");
  REQUIRE(ws.touches.size() == 2);
  CHECK(ws.touches[1].outcome == TouchOutcome::snoozed);
  CHECK(ws.touches[1].until == 1790341200000);
  CHECK(workspace_to_json(ws) == golden);
  auto image = decode_image(encode_image(ws));
  REQUIRE(image.ok());
  CHECK(workspace_to_json(image.value()) == golden);
}

}  // namespace sequence_store_test
