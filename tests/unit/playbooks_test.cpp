// The bundled playbooks (assets/playbooks): every one listed in index.json reads through the
// sequence codec, is structurally valid, is a draft without a stamp, and passes the template
// lint against the demo practice without an error; rendered for demo leads, no merge field or
// brace is left in any message.
#include <catch_amalgamated.hpp>

#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "core/demo/demo_practice.hpp"
#include "core/io/sequence_json.hpp"
#include "core/sequence/template_lint.hpp"
#include "core/sequence/template_render.hpp"
#include "test_support.hpp"

namespace playbooks_test {

using namespace nurture;

namespace {

constexpr UnixMillis k_now = 1795768925000;  // 2026-11-27T08:42:05Z

std::string read_playbook(const std::string& file) {
  return test::read_test_file("../assets/playbooks/" + file);
}

std::string describe(const std::vector<LintMessage>& messages) {
  std::string out;
  for (const auto& m : messages) {
    out += (m.error ? "error " : "warning ") + m.step + "." + m.field + "@" + std::to_string(m.offset) +
           ": " + m.message + "\n";
  }
  return out;
}

}  // namespace

TEST_CASE("every playbook reads, validates and passes the lint against the demo practice", "[playbooks]") {
  const std::string index_text = read_playbook("index.json");
  REQUIRE_FALSE(index_text.empty());
  const auto index = nlohmann::json::parse(index_text, nullptr, false);
  REQUIRE_FALSE(index.is_discarded());
  REQUIRE(index.contains("playbooks"));
  const auto& list = index["playbooks"];
  REQUIRE(list.is_array());
  CHECK(list.size() == 12);  // the twelve programmes assets/README.md lists

  const Workspace ws = make_demo_practice({5, 60, k_now, 1});
  const std::set<std::string> categories = {"awareness", "consideration", "conversion", "patient",
                                            "retained"};
  std::set<std::string> files;
  std::set<std::string> ids;
  for (const auto& entry : list) {
    const std::string file = entry.value("file", "");
    INFO(file);
    CHECK(files.insert(file).second);
    CHECK_FALSE(entry.value("title", "").empty());
    CHECK_FALSE(entry.value("summary", "").empty());
    CHECK(categories.count(entry.value("category", "")) == 1);

    const std::string text = read_playbook(file);
    REQUIRE_FALSE(text.empty());
    const auto read = sequence_from_json_text(text);
    INFO((read.ok() ? std::string() : read.error().describe()));
    REQUIRE(read.ok());
    const Sequence& s = read.value();
    CHECK(file == s.id + ".json");
    CHECK(ids.insert(s.id).second);
    CHECK(s.name == entry.value("title", ""));
    CHECK(s.status == SequenceStatus::draft);
    CHECK(s.stamp.is_zero());
    CHECK_FALSE(s.description.empty());
    CHECK(validate(s).empty());
    const auto lint = lint_sequence(s, ws);
    INFO(describe(lint));
    CHECK_FALSE(has_lint_errors(lint));

    // Rendered for a few demo leads, as the first text and not: nothing unfilled remains.
    std::size_t rendered = 0;
    ws.leads.for_each_live([&](std::uint32_t row) {
      if (row % 15 != 0) return;
      for (const auto& step : s.steps) {
        if (step.kind != StepKind::message) continue;
        const auto m = render_touch(ws, s, step, ws.leads.id(row), {k_now, -300, row % 30 == 0});
        INFO(step.id << ": " << m.subject << "\n" << m.body);
        CHECK(m.subject.find_first_of("{}") == std::string::npos);
        CHECK(m.body.find_first_of("{}") == std::string::npos);
        CHECK_FALSE(m.body.empty());
        ++rendered;
      }
    });
    CHECK(rendered > 0);
  }
}

}  // namespace playbooks_test
