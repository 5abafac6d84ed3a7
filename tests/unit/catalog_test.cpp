#include "core/model/catalog.hpp"

#include <catch_amalgamated.hpp>

namespace catalog_test {

using namespace nurture;

TEST_CASE("catalog ids are lowercase slugs of 1 to 64 characters") {
  CHECK(is_catalog_id("botox"));
  CHECK(is_catalog_id("laser-hair_removal2"));
  CHECK_FALSE(is_catalog_id(""));
  CHECK_FALSE(is_catalog_id("Botox"));
  CHECK_FALSE(is_catalog_id("lip filler"));
  CHECK_FALSE(is_catalog_id(std::string(65, 'a')));
  CHECK(is_catalog_id(std::string(64, 'a')));
}

TEST_CASE("catalog kinds round-trip through their names") {
  for (std::size_t i = 0; i < k_source_kind_count; ++i) {
    const auto kind = static_cast<SourceKind>(i);
    CHECK(parse_source_kind(to_string(kind)) == kind);
  }
  for (std::size_t i = 0; i < k_content_kind_count; ++i) {
    const auto kind = static_cast<ContentKind>(i);
    CHECK(parse_content_kind(to_string(kind)) == kind);
  }
  CHECK_FALSE(parse_source_kind("Paid").has_value());
  CHECK_FALSE(parse_content_kind("podcast").has_value());
}

TEST_CASE("catalog items are validated field by field") {
  Treatment botox{"botox", "Botox", "injectables", 90, 45000, {}, false};
  CHECK(validate(botox).empty());
  botox.name = "  ";
  botox.retreatment_days = 4000;
  const auto errors = validate(botox);
  REQUIRE(errors.size() == 2);
  CHECK(errors[0].field == "name");
  CHECK(errors[1].field == "retreatment_days");

  LeadSource meta{"facebook", "Facebook lead ads", SourceKind::paid, -1, {}, false};
  REQUIRE(validate(meta).size() == 1);
  CHECK(validate(meta)[0].field == "monthly_cost_cents");

  ContentItem guide;
  guide.id = "botox-guide";
  guide.title = "What to expect from your first Botox visit";
  guide.treatment = "Botox";
  REQUIRE(validate(guide).size() == 1);
  CHECK(validate(guide)[0].field == "treatment");
}

TEST_CASE("find_item skips tombstones") {
  std::vector<Treatment> items{{"botox", "Botox", "", 90, 0, {}, true},
                               {"botox", "Botox 2", "", 90, 0, {}, false}};
  const auto* found = find_item(items, "botox");
  REQUIRE(found != nullptr);
  CHECK(found->name == "Botox 2");
  CHECK(find_item(items, "filler") == nullptr);
}

TEST_CASE("practice hours must open before they close") {
  PracticeProfile p;
  p.name = "Lumen";
  CHECK(validate(p).empty());
  CHECK(p.hours[5].closed());
  p.hours[0] = DayHours{1020, 540};
  REQUIRE(validate(p).size() == 1);
  CHECK(validate(p)[0].field == "hours");
  p.hours[0] = DayHours{0, 1441};
  CHECK(validate(p).size() == 1);
}

}  // namespace catalog_test
