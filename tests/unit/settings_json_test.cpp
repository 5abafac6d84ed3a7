// The workspace file's settings members (saved segments, the membership record, the scoring
// model): round trips, refusals with a path, and merging them between devices.

#include "core/io/settings_json.hpp"

#include <catch_amalgamated.hpp>

#include <string>

#include "core/io/workspace_json.hpp"
#include "core/storage/workspace_image.hpp"
#include "core/sync/merge.hpp"

namespace settings_json_test {

using namespace nurture;

namespace {

constexpr UnixMillis k_t0 = 1'780'000'000'000;

SavedSegment segment(const char* id, const char* name, const char* query, std::int64_t at) {
  return SavedSegment{id, name, query, "", Stamp{at, 0, 1}, false};
}

Workspace with_settings() {
  Workspace ws;
  ws.practice.name = "Lumen";
  ws.segments.push_back(segment("botox-warm", "Botox, warm", "interest = botox and score >= 20", k_t0));
  ws.segments.push_back(segment("old", "Old \"quoted\" name", "stage = patient", k_t0 + 5));
  ws.segments.back().deleted = true;
  ws.segments.back().description = "kept as a tombstone";
  ws.segment_history = {{"botox-warm", LeadId{1}, k_t0, true},
                        {"botox-warm", LeadId{1}, k_t0 + 100, false},
                        {"botox-warm", LeadId{2}, k_t0, true}};
  ws.scoring = demo_scoring_model();
  ws.scoring.stamp = Stamp{k_t0, 3, 1};
  return ws;
}

// The file with one member replaced by `raw`.
std::string with_member(const std::string& key, const std::string& raw) {
  Workspace ws;
  std::string text = workspace_to_json(ws);
  const auto end = text.rfind('}');
  text.insert(end - 1, ",\n  \"" + key + "\": " + raw);
  return text;
}

std::string read_error(const std::string& text) {
  auto r = workspace_from_json(text);
  return r.ok() ? std::string("(read fine)") : r.error().message;
}

}  // namespace

TEST_CASE("segments, their record and the scoring model survive the file and the image", "[settings]") {
  const Workspace ws = with_settings();
  const std::string text = workspace_to_json(ws);
  CHECK(text.find("\"saved_segments\": [") != std::string::npos);
  CHECK(text.find("\"segment_history\": [[\"botox-warm\",\"L0000000000000001\"") != std::string::npos);
  auto back = workspace_from_json(text);
  REQUIRE(back.ok());
  CHECK(back.value().segments == ws.segments);
  CHECK(back.value().segment_history == ws.segment_history);
  CHECK(back.value().scoring == ws.scoring);
  CHECK(back.value().unknown_members.empty());
  CHECK(workspace_to_json(back.value()) == text);

  auto image = decode_image(encode_image(ws));
  REQUIRE(image.ok());
  CHECK(image.value().segments == ws.segments);
  CHECK(image.value().scoring == ws.scoring);
}

TEST_CASE("a workspace without settings writes none of their members", "[settings]") {
  Workspace ws;
  ws.practice.name = "Lumen";
  const std::string text = workspace_to_json(ws);
  CHECK(text.find("saved_segments") == std::string::npos);
  CHECK(text.find("scoring") == std::string::npos);
  CHECK(text.find("segment_history") == std::string::npos);
}

TEST_CASE("bad settings are refused with the path of the problem", "[settings]") {
  CHECK(read_error(with_member("saved_segments", "{}")) == "saved_segments: must be an array");
  CHECK(read_error(with_member("saved_segments", R"([{"id":"a","query":"x","stamp":"bad"}])")) ==
        "saved_segments[0].name: is missing");
  CHECK(read_error(with_member("saved_segments", R"([{"id":"A b","name":"n","query":"","stamp":"x"}])")) ==
        "saved_segments[0].stamp: is not a change stamp");
  const std::string stamp = "\"" + to_string(Stamp{k_t0, 0, 1}) + "\"";
  CHECK(read_error(
            with_member("saved_segments", R"([{"id":"A b","name":"n","query":"","stamp":)" + stamp + "}]")) ==
        "saved_segments[0].id: must be 1–64 lowercase letters, digits, '-' or '_'");
  CHECK(read_error(with_member("saved_segments", R"([{"id":"a","name":"n","query":"","stamp":)" + stamp +
                                                     R"(},{"id":"a","name":"m","query":"","stamp":)" + stamp +
                                                     "}]")) ==
        "saved_segments[1].id: the id 'a' appears twice");
  CHECK(read_error(with_member("saved_segments", R"([{"id":"a","name":"n","query":"","stamp":)" + stamp +
                                                     R"(,"colour":"red"}])")) ==
        "saved_segments[0].colour: is not a known member");
  CHECK(read_error(with_member("segment_history", R"([["a","L0000000000000001","soon",true]])")) ==
        "segment_history[0]: must be [segment id, lead id, time in ms, entered]");
  CHECK(read_error(with_member("segment_history", R"([["a","nobody",1,true]])")) ==
        "segment_history[0]: has no valid lead id");
  CHECK(
      read_error(with_member(
          "scoring",
          R"({"groups":[{"id":"e","name":"E"}],"event_rules":[{"group":"x","event":"email_opened","points":1}],"stamp":)" +
              stamp + "}")) == "scoring.event_rules[0].group: names no score group");
  CHECK(read_error(with_member(
            "scoring",
            R"({"groups":[],"event_rules":[{"group":"x","event":"email_seen","points":1}],"stamp":)" + stamp +
                "}")) == "scoring.event_rules[0].event: 'email_seen' is not a known value");
  CHECK(
      read_error(with_member(
          "scoring",
          R"({"groups":[{"id":"e","name":"E"}],"event_rules":[{"group":"e","event":"email_opened","points":1,"decay":"half_life"}],"stamp":)" +
              stamp + "}")) == "scoring.event_rules[0].decay_days: must be 1–36500 days");
}

TEST_CASE("merging takes the later segment, the union of the record and the later scoring model",
          "[settings][merge]") {
  Workspace local = with_settings();
  Workspace remote = with_settings();
  remote.segments[0].query = "interest = botox";  // a later edit on the other device
  remote.segments[0].stamp = Stamp{k_t0 + 50, 0, 2};
  remote.segments.push_back(segment("new", "New", "stage = awareness", k_t0 + 60));
  remote.segment_history.push_back({"new", LeadId{3}, k_t0 + 70, true});
  remote.scoring.event_rules[0].points = 3;
  remote.scoring.stamp = Stamp{k_t0 + 80, 0, 2};
  remote.treatments.push_back(
      Treatment{"botox", "Botox", "injectables", 90, 45000, Stamp{k_t0, 0, 2}, false});

  const auto preview = preview_merge(local, remote, k_t0 + 100);
  CHECK(preview.settings_changed == 5);  // segment replaced, segment added, a record, scoring, a treatment
  CHECK(preview.summary() == "5 settings updated");
  CHECK(local.segments[0].query == "interest = botox and score >= 20");  // the preview changes nothing

  const Workspace before = local;
  MergeUndo undo;
  const auto report = merge_into(local, remote, k_t0 + 100, &undo);
  CHECK(report.settings_changed == 5);
  CHECK(local.segments.size() == 3);
  CHECK(local.segments[0].query == "interest = botox");
  CHECK(local.segment_history.size() == 4);
  CHECK(std::is_sorted(local.segment_history.begin(), local.segment_history.end()));
  CHECK(local.scoring.event_rules[0].points == 3);
  CHECK(local.treatments.size() == 1);

  // Merging the same file again changes nothing; the merge also undoes exactly.
  CHECK(merge_into(local, remote, k_t0 + 200).nothing_new());
  revert_merge(local, std::move(undo));
  CHECK(local.segments == before.segments);
  CHECK(local.segment_history == before.segment_history);
  CHECK(local.scoring == before.scoring);
  CHECK(local.treatments.empty());
}

TEST_CASE("an older scoring model never replaces a newer one", "[settings][merge]") {
  Workspace local = with_settings();
  Workspace remote = with_settings();
  remote.scoring.groups[0].name = "Older";
  remote.scoring.stamp = Stamp{k_t0 - 1, 0, 2};
  CHECK(merge_into(local, remote, k_t0).settings_changed == 0);
  CHECK(local.scoring.groups[0].name == "Engagement");
}

TEST_CASE("recorded members follow each lead's latest change", "[settings]") {
  const Workspace ws = with_settings();
  CHECK(recorded_members(ws.segment_history, "botox-warm") == std::vector<LeadId>{LeadId{2}});
  CHECK(recorded_members(ws.segment_history, "other").empty());
  CHECK(find_segment_by_name(ws.segments, "BOTOX, WARM") == &ws.segments[0]);
  CHECK(find_segment_by_name(ws.segments, "old \"quoted\" name") == nullptr);  // deleted
}

TEST_CASE("the demo scoring model is valid and a broken one names its fields", "[settings][scoring]") {
  CHECK(validate(demo_scoring_model()).empty());
  ScoringModel m = demo_scoring_model();
  m.groups.push_back(m.groups[0]);
  m.thresholds[1].value = "Not A Tag";
  const auto errors = validate(m);
  REQUIRE(errors.size() == 2);
  CHECK(errors[0].field == "groups[2].id");
  CHECK(errors[1].field == "thresholds[1].value");
}

}  // namespace settings_json_test
