#include <catch_amalgamated.hpp>

#include "core/commands/command.hpp"
#include "core/io/workspace_json.hpp"
#include "core/metrics/metrics_filter.hpp"
#include "core/session.hpp"
#include "core/storage/workspace_image.hpp"
#include "core/sync/merge.hpp"
#include "tests/unit/test_support.hpp"

namespace funnel_model_test {

using namespace nurture;

namespace {

constexpr UnixMillis k_now = 1795768925000;  // 2026-11-27T08:42:05Z

Treatment treatment(const char* id) {
  Treatment t;
  t.id = id;
  t.name = id;
  return t;
}

FunnelModel two_pipelines() {
  FunnelModel m = default_funnel_model();
  Pipeline surgical{"surgical", "Surgical", {"facelift", "lipo"}, default_stage_labels(), {}};
  surgical.stages[1] = {"Researching", "Reads about surgery", false};
  surgical.rules.push_back({Stage::conversion, {{EventType::appointment_booked, 1, "", false, 0}}});
  surgical.rules.push_back({Stage::retained, {{EventType::purchase, 3, "", false, 100000}}});
  m.pipelines.push_back(surgical);
  m.pipelines.push_back({"skin", "Skin care", {"peel"}, default_stage_labels(), {}});
  return m;
}

std::vector<Treatment> catalog() { return {treatment("facelift"), treatment("lipo"), treatment("peel")}; }

bool has_error(const std::vector<FieldError>& errors, const std::string& field) {
  return std::any_of(errors.begin(), errors.end(), [&](const FieldError& e) { return e.field == field; });
}

}  // namespace

TEST_CASE("the default funnel has the five stages and the four rules", "[funnel]") {
  const FunnelModel m = default_funnel_model();
  REQUIRE(m.pipelines.size() == 1);
  CHECK(m.pipelines[0].name == "All treatments");
  CHECK(m.pipelines[0].stages[0].name == "Awareness");
  CHECK(m.pipelines[0].stages[4].name == "Retained");
  REQUIRE(m.pipelines[0].rules.size() == 4);
  CHECK(m.pipelines[0].rules[0].any.size() == 2);
  CHECK(m.pipelines[0].rules[0].any[1].count == 2);
  CHECK(m.pipelines[0].rules[3].any[0].type == EventType::purchase);
  CHECK(validate(m, {}).empty());
  CHECK(validate(two_pipelines(), catalog()).empty());
}

TEST_CASE("funnel validation names each problem", "[funnel]") {
  FunnelModel m = two_pipelines();
  m.pipelines[2].name = "surgical";             // same as "Surgical" ignoring case
  m.pipelines[1].treatments.push_back("peel");  // claimed by two pipelines
  m.pipelines[1].rules[0].any[0].count = 0;
  m.pipelines[1].rules[1].any[0].content_type = "guide";  // purchases have no content
  m.pipelines[0].treatments = {"lipo"};
  for (auto& s : m.pipelines[2].stages) s.used = false;
  const auto errors = validate(m, {treatment("facelift"), treatment("peel")});
  CHECK(has_error(errors, "pipelines[2].name"));
  CHECK(has_error(errors, "pipelines[2].treatments"));
  CHECK(has_error(errors, "pipelines[1].rules[0].any[0].count"));
  CHECK(has_error(errors, "pipelines[1].rules[1].any[0].content_type"));
  CHECK(has_error(errors, "pipelines[0].treatments"));
  CHECK(has_error(errors, "pipelines[2].stages"));
  CHECK(has_error(errors, "pipelines[1].treatments"));  // "lipo" is not in this catalog
  CHECK(has_error(validate_structure(FunnelModel{}), "pipelines"));
  FunnelModel unnamed = default_funnel_model();
  unnamed.pipelines[0].name.clear();
  CHECK(has_error(validate_structure(unnamed), "pipelines[0].name"));
}

TEST_CASE("pipeline_of takes the first interest a pipeline claims", "[funnel]") {
  const FunnelModel m = two_pipelines();
  Lead l;
  CHECK(pipeline_of(m, l) == 0);
  l.interests = {"botox"};
  CHECK(pipeline_of(m, l) == 0);
  l.interests = {"botox", "peel", "facelift"};
  CHECK(pipeline_of(m, l) == 2);  // peel comes first among the interests
  l.interests = {"lipo", "peel"};
  CHECK(pipeline_of(m, l) == 1);
  CHECK(find_pipeline(m, "skin") == &m.pipelines[2]);
  CHECK(find_pipeline(m, "nope") == nullptr);
  CHECK(used_slot_from(m.pipelines[1], 1) == 2);
  CHECK(used_slot_from(m.pipelines[1], 2) == 2);
}

TEST_CASE("the funnel and stage causes round-trip through JSON and the image", "[funnel][json]") {
  Workspace ws;
  ws.treatments = catalog();
  ws.funnel = two_pipelines();
  ws.funnel_stamp = Stamp{k_now, 2, 9};
  Lead l;
  l.id = LeadId{0xa1};
  l.first_name = "Ana";
  l.stage = Stage::patient;
  l.stage_history = {{Stage::awareness, k_now - 9000, StageCause::imported},
                     {Stage::conversion, k_now - 5000, StageCause::rule},
                     {Stage::patient, k_now - 1000, StageCause::manual}};
  l.created_at = k_now - 9000;
  ws.leads.append_row(l, Stamp{k_now, 0, 9});
  CHECK_FALSE(ws.is_empty());

  const std::string text = workspace_to_json(ws);
  CHECK(text.find(R"(["conversion",1795768920000,"rule"])") != std::string::npos);
  CHECK(text.find(R"(["awareness",1795768916000])") != std::string::npos);  // imported: a pair
  CHECK(text.find("\"funnel\"") != std::string::npos);
  auto back = workspace_from_json(text);
  REQUIRE(back);
  CHECK(back.value() == ws);
  auto image = decode_image(encode_image(ws));
  REQUIRE(image);
  CHECK(image.value() == ws);

  // A workspace with the default model writes no "funnel" member, and reads back the default.
  Workspace plain;
  CHECK(plain.is_empty());
  const std::string plain_text = workspace_to_json(plain);
  CHECK(plain_text.find("funnel") == std::string::npos);
  auto plain_back = workspace_from_json(plain_text);
  REQUIRE(plain_back);
  CHECK(plain_back.value().funnel == default_funnel_model());
}

TEST_CASE("an older file without a funnel gets the default one and writes back unchanged",
          "[funnel][golden]") {
  const auto golden = test::read_test_file("golden/workspace-v2.json");
  REQUIRE(golden.find("\"funnel\"") == std::string::npos);
  auto ws = workspace_from_json(golden);
  REQUIRE(ws);
  CHECK(ws.value().funnel == default_funnel_model());
  CHECK(ws.value().funnel_stamp == Stamp{});
  CHECK(workspace_to_json(ws.value()).find("funnel") == std::string::npos);
}

TEST_CASE("a funnel in a file is checked", "[funnel][json]") {
  Workspace ws;
  ws.funnel = two_pipelines();
  ws.funnel_stamp = Stamp{k_now, 0, 1};
  std::string text = workspace_to_json(ws);
  const auto at = text.find(R"("count":3)");
  REQUIRE(at != std::string::npos);
  text.replace(at, 9, R"("count":0)");
  const auto bad = workspace_from_json(text);
  REQUIRE_FALSE(bad);
  CHECK(bad.error().message.find("count") != std::string::npos);
}

TEST_CASE("SetFunnelModel validates, stamps and undoes", "[funnel][commands]") {
  Workspace start;
  start.treatments = catalog();
  Session session(std::move(start), 4);
  FunnelModel bad = two_pipelines();
  bad.pipelines[1].treatments.push_back("botox");  // not a treatment of this practice
  const auto refused = session.execute(SetFunnelModel{bad, k_now});
  CHECK_FALSE(refused.ok);
  CHECK(has_error(refused.field_errors, "pipelines[1].treatments"));
  CHECK(session.workspace().funnel == default_funnel_model());

  const auto ok = session.execute(SetFunnelModel{two_pipelines(), k_now});
  CHECK(ok.ok);
  CHECK(ok.message == "Funnel saved");
  CHECK(session.workspace().funnel == two_pipelines());
  CHECK(session.workspace().funnel_stamp.millis == k_now);
  CHECK(session.workspace().funnel_stamp.device == 4);
  const auto revision = session.workspace().revision;
  CHECK(session.execute(SetFunnelModel{two_pipelines(), k_now + 1}).message == "Nothing changed");
  CHECK(session.workspace().revision == revision);
  REQUIRE(session.undo());
  CHECK(session.workspace().funnel == default_funnel_model());
  CHECK(session.workspace().funnel_stamp == Stamp{});
}

TEST_CASE("a merge keeps the funnel with the later stamp, and undoes", "[funnel][merge]") {
  Workspace local;
  local.treatments = catalog();
  Workspace remote = local;
  remote.funnel = two_pipelines();
  remote.funnel_stamp = Stamp{k_now, 0, 2};

  Workspace merged = local;
  MergeUndo undo;
  merge_into(merged, remote, k_now + 1000, &undo);
  CHECK(merged.funnel == two_pipelines());
  CHECK(merged.funnel_stamp == remote.funnel_stamp);
  revert_merge(merged, std::move(undo));
  CHECK(merged.funnel == default_funnel_model());

  // The local model is newer: it stays.
  Workspace newer = local;
  newer.funnel.pipelines[0].name = "Everything";
  newer.funnel_stamp = Stamp{k_now + 5, 0, 1};
  Workspace kept = newer;
  merge_into(kept, remote, k_now + 1000);
  CHECK(kept.funnel.pipelines[0].name == "Everything");
  CHECK(kept.funnel.pipelines.size() == 1);
  // The other way round the newer one wins too.
  Workspace other = remote;
  merge_into(other, newer, k_now + 1000);
  CHECK(other.funnel == newer.funnel);
}

TEST_CASE("the metrics filter keeps one pipeline's leads", "[funnel][metrics]") {
  Workspace ws;
  ws.treatments = catalog();
  ws.funnel = two_pipelines();
  const std::vector<std::vector<std::string>> interests = {
      {}, {"botox"}, {"facelift"}, {"botox", "peel"}, {"peel", "lipo"}, {"lipo"}};
  for (std::size_t i = 0; i < interests.size(); ++i) {
    Lead l;
    l.id = LeadId{i + 1};
    l.first_name = "L";
    l.interests = interests[i];
    ws.leads.append_row(l, Stamp{k_now, 0, 1});
  }
  ws.leads.set_deleted(5, true, Stamp{k_now, 1, 1});  // the second "lipo" lead is gone
  const auto rows = [&](const std::string& pipeline) {
    metrics::MetricsFilter f;
    f.pipeline = pipeline;
    auto set = metrics::filter_leads(ws, f, k_now);
    REQUIRE(set);
    std::vector<std::uint32_t> out;
    for (std::uint32_t r = 0; r < ws.leads.rows(); ++r)
      if (set.value().contains(r)) out.push_back(r);
    return out;
  };
  // By hand: rows 0 and 1 claim nothing (default "all"); row 2 facelift → surgical; row 3 botox
  // then peel → skin; row 4 peel first → skin; row 5 deleted.
  CHECK(rows("all") == std::vector<std::uint32_t>{0, 1});
  CHECK(rows("surgical") == std::vector<std::uint32_t>{2});
  CHECK(rows("skin") == std::vector<std::uint32_t>{3, 4});
  CHECK(rows("") == std::vector<std::uint32_t>{0, 1, 2, 3, 4});
  metrics::MetricsFilter unknown;
  unknown.pipeline = "nope";
  CHECK_FALSE(metrics::filter_leads(ws, unknown, k_now));
}

TEST_CASE("images written before stage causes open with every cause imported", "[funnel][image][golden]") {
  const auto bytes = test::read_test_file("golden/workspace-image-v1.bin");
  REQUIRE(bytes.substr(0, k_image_magic_v1.size()) == k_image_magic_v1);
  auto ws = decode_image(bytes);
  REQUIRE(ws);
  std::size_t changes = 0;
  for (std::uint32_t row = 0; row < ws.value().leads.rows(); ++row) {
    for (const auto& c : ws.value().leads.stage_history(row)) {
      CHECK(c.cause == StageCause::imported);
      ++changes;
    }
  }
  CHECK(changes > 0);
  CHECK(ws.value().funnel == default_funnel_model());
  // Written again it is a current image (version 4 since the consent ledger).
  CHECK(encode_image(ws.value()).substr(0, k_image_magic.size()) == "NURTURE-IMAGE 4\n");
}

}  // namespace funnel_model_test
