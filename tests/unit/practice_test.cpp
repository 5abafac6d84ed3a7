#include "core/model/practice.hpp"

#include <catch_amalgamated.hpp>

namespace practice_test {

using namespace nurture;

namespace {
PracticeProfile good_profile() {
  PracticeProfile p;
  p.name = "Lumen Aesthetics";
  p.street = "200 Harbor Blvd, Suite 4";
  p.city = "Tampa";
  p.state = "FL";
  p.zip = "33602";
  p.email = "hello@lumen.example";
  return p;
}
bool has_error(const std::vector<FieldError>& errors, const std::string& field) {
  for (const auto& e : errors) {
    if (e.field == field) return true;
  }
  return false;
}
}  // namespace

TEST_CASE("a complete profile validates", "[practice]") {
  CHECK(validate(good_profile()).empty());
  CHECK(has_postal_address(good_profile()));
}

TEST_CASE("validation names each bad field", "[practice]") {
  auto p = good_profile();
  p.name = "   ";
  p.country = "usa";
  p.time_zone = "Eastern";
  p.email = "not an email";
  const auto errors = validate(p);
  CHECK(has_error(errors, "name"));
  CHECK(has_error(errors, "country"));
  CHECK(has_error(errors, "time_zone"));
  CHECK(has_error(errors, "email"));
  CHECK_FALSE(has_error(errors, "city"));
}

TEST_CASE("lengths count characters, not bytes", "[practice]") {
  auto p = good_profile();
  p.city = std::string(100 / 2, 'x');
  for (int i = 0; i < 50; ++i) p.city += "é";  // 100 characters, 150 bytes
  CHECK(validate(p).empty());
  p.city += "é";
  CHECK(has_error(validate(p), "city"));
}

TEST_CASE("invalid UTF-8 is reported", "[practice]") {
  auto p = good_profile();
  p.street = "Bad \xC3";
  CHECK(has_error(validate(p), "street"));
}

TEST_CASE("a profile without street has no postal address", "[practice]") {
  auto p = good_profile();
  p.street.clear();
  CHECK_FALSE(has_postal_address(p));
}

}  // namespace practice_test
