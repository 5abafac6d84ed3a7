// The segment query builder, headless: edits made through its widgets (pick a stage, type a
// value, add a row, negate, remove) change the tree, and the printed text follows and parses
// back to the same tree.
#include "web/ui/query_builder.hpp"

#include <catch_amalgamated.hpp>

#include <string>

#include <imgui.h>

#include "app_driver.hpp"
#include "core/segment/parser.hpp"
#include "core/segment/printer.hpp"
#include "fake_platform.hpp"
#include "web/ui/theme.hpp"

namespace query_builder_test {

using namespace nurture;

namespace {

// The builder alone in a full-screen window, with the app's fonts, palette and test marks.
class BuilderHarness {
 public:
  explicit BuilderHarness(std::string_view query) {
    auto parsed = segment::parse_query(query);
    REQUIRE(parsed.ok());
    m_root = std::move(parsed).value();
    m_fonts.build(m_platform, 1.0F);
    unsigned char* pixels = nullptr;
    int w = 0;
    int h = 0;
    ImGui::GetIO().Fonts->GetTexDataAsAlpha8(&pixels, &w, &h);
    frame();
    frame();
  }

  void frame() {
    m_marks.begin_frame();
    ImGui::GetIO().DeltaTime = 1.0F / 60.0F;
    ImGui::NewFrame();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImVec2(1280, 800));
    ImGui::Begin("builder", nullptr, ImGuiWindowFlags_NoDecoration);
    ui::Ui ui{
        m_session, m_session, m_platform, ui::palette(false), m_fonts,     m_marks, 1.0F, std::nullopt, false,
        {},        false,     nullptr,    std::nullopt,       std::nullopt};
    m_changed = ui::draw_query_builder(ui, "qb", m_root) || m_changed;
    ImGui::End();
    ImGui::Render();
  }

  // A mouse click at the centre of a marked widget, as test::click does for the app.
  void click(const std::string& mark) {
    INFO("widget " << mark);
    REQUIRE(m_marks.rects().count(mark) == 1);
    const ImVec4 r = m_marks.rects().at(mark);
    ImGuiIO& io = ImGui::GetIO();
    io.AddMousePosEvent(r.x + r.z * 0.5F, r.y + r.w * 0.5F);
    frame();
    io.AddMouseButtonEvent(0, true);
    frame();
    io.AddMouseButtonEvent(0, false);
    frame();
    frame();
  }

  void key(ImGuiKey k, int times = 1) {
    for (int i = 0; i < times; ++i) {
      ImGui::GetIO().AddKeyEvent(k, true);
      frame();
      ImGui::GetIO().AddKeyEvent(k, false);
      frame();
    }
  }

  void type(const char* text) {
    ImGui::GetIO().AddInputCharactersUTF8(text);
    frame();
    frame();
  }

  // The printed text, checked to parse back to the very tree the builder holds.
  std::string text() {
    const std::string printed = segment::print_query(m_root);
    INFO("printed: " << printed);
    const auto again = segment::parse_query(printed);
    REQUIRE(again.ok());
    const std::string reprinted = segment::print_query(again.value());
    CHECK(reprinted == printed);
    return printed;
  }

  /// True once some frame reported a change; reading it resets it.
  bool changed() { return std::exchange(m_changed, false); }
  [[nodiscard]] bool has_mark(const std::string& mark) const { return m_marks.rects().count(mark) == 1; }

 private:
  test::ImGuiContextGuard m_guard;
  Session m_session;
  test::FakePlatform m_platform;
  ui::FontSet m_fonts;
  ui::TestMarks m_marks;
  segment::Node m_root;
  bool m_changed = false;
};

}  // namespace

TEST_CASE("query builder: picking a stage from the value combo changes the text", "[ui][segments]") {
  BuilderHarness h("stage = awareness");
  CHECK_FALSE(h.changed());  // drawing alone changes nothing
  CHECK(h.text() == "stage = awareness");
  h.click("qb.0.value");
  REQUIRE(h.has_mark("qb.0.value.consideration"));
  h.click("qb.0.value.consideration");
  CHECK(h.changed());
  CHECK(h.text() == "stage = consideration");
}

TEST_CASE("query builder: typing a text value edits the condition", "[ui][segments]") {
  BuilderHarness h("interest = botox and consent.sms");
  h.click("qb.0.value");
  h.key(ImGuiKey_End);
  h.key(ImGuiKey_Backspace, 5);
  h.type("lip filler");
  CHECK(h.changed());
  CHECK(h.text() == "interest = \"lip filler\" and consent.sms");
}

TEST_CASE("query builder: typing a number edits age", "[ui][segments]") {
  BuilderHarness h("age > 30");
  h.click("qb.0.value");
  h.key(ImGuiKey_End);
  h.key(ImGuiKey_Backspace, 2);
  h.type("45");
  CHECK(h.changed());
  CHECK(h.text() == "age > 45");
}

TEST_CASE("query builder: add, negate and remove rows", "[ui][segments]") {
  BuilderHarness h("tag = a and tag = b");
  h.click("qb.add");
  CHECK(h.changed());
  CHECK(h.text() == "tag = a and tag = b and stage = awareness");
  h.click("qb.1.not");
  CHECK(h.text() == "tag = a and not tag = b and stage = awareness");
  h.click("qb.0.remove");
  CHECK(h.text() == "not tag = b and stage = awareness");
  h.click("qb.add_group");
  CHECK(h.text() == "not tag = b and stage = awareness and stage = awareness");
  REQUIRE(h.has_mark("qb.2.kind"));
  h.click("qb.2.0.remove");  // the new group's only row: the emptied group goes too
  CHECK(h.text() == "not tag = b and stage = awareness");
  CHECK(h.changed());
}

TEST_CASE("query builder: behaviour rows and nested groups draw and keep their text", "[ui][segments]") {
  BuilderHarness h(
      "(stage = awareness or not (tag = vip and city = \"New York\")) and count(email_open where content = "
      "spring "
      "within 30d) >= 2 and last(call) before last month and sum(content_view.seconds) > 60 and "
      "in_segment(\"VIP\") and created between 2026-01-01 and today and birthday within 14d and "
      "field.budget in (1000, high) and gender not in (male, unknown)");
  for (const char* mark : {"qb.0.kind", "qb.0.1.kind", "qb.0.1.0.value", "qb.1.event", "qb.1.where.0.value",
                           "qb.1.window", "qb.2.value_kind", "qb.3.prop", "qb.4.value", "qb.5.value",
                           "qb.5.value2_kind", "qb.6.value", "qb.7.value", "qb.8.value.female"}) {
    INFO(mark);
    CHECK(h.has_mark(mark));
  }
  CHECK_FALSE(h.changed());
  // The builder shows the tree; the text is the parser's own canonical print of the same tree.
  CHECK(h.text() ==
        "(stage = awareness or not (tag = vip and city = \"New York\")) and count(email_open where content = "
        "spring within 30d) >= 2 and last(call) before last month and sum(content_view.seconds) > 60 and "
        "in_segment(\"VIP\") and created between 2026-01-01 and today and birthday within 14d and "
        "field.budget in "
        "(1000, high) and gender not in (male, unknown)");
  h.click("qb.8.value.female");  // tick a third gender
  CHECK(h.changed());
  CHECK(h.text().ends_with("gender not in (unknown, female, male)"));
}

}  // namespace query_builder_test
