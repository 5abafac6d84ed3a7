#include "core/model/contact.hpp"

#include <catch_amalgamated.hpp>

namespace contact_test {

using namespace nurture;

TEST_CASE("e-mail addresses are trimmed and lowercased", "[contact]") {
  CHECK(normalize_email("  Zoe.Angstrom@Example.COM ") == "zoe.angstrom@example.com");
  CHECK(normalize_email("mailto:ann@clinic.co.uk") == "ann@clinic.co.uk");
  CHECK_FALSE(normalize_email("ann@clinic").has_value());
  CHECK_FALSE(normalize_email("@clinic.com").has_value());
  CHECK_FALSE(normalize_email("a@b@c.com").has_value());
  CHECK_FALSE(normalize_email("ann smith@clinic.com").has_value());
  CHECK_FALSE(normalize_email("ann@clinic.c").has_value());
  CHECK_FALSE(normalize_email("").has_value());
}

TEST_CASE("US numbers in every common shape become E.164", "[contact]") {
  for (const char* text : {"(813) 555-0142", "813.555.0142", "813-555-0142", "+1 813 555 0142",
                           "1-813-555-0142", "p:+18135550142", "tel:+1-813-555-0142", "813 555 0142 x12",
                           "8135550142 ext. 9", "011 1 813 555 0142"}) {
    INFO(text);
    CHECK(normalize_phone(text) == "+18135550142");
  }
}

TEST_CASE("impossible US numbers are refused", "[contact]") {
  CHECK_FALSE(normalize_phone("555-0142").has_value());        // too short
  CHECK_FALSE(normalize_phone("(013) 555-0142").has_value());  // area code starts with 0
  CHECK_FALSE(normalize_phone("(813) 155-0142").has_value());  // exchange starts with 1
  CHECK_FALSE(normalize_phone("call me maybe").has_value());
  CHECK_FALSE(normalize_phone("").has_value());
}

TEST_CASE("international numbers keep their country code", "[contact]") {
  CHECK(normalize_phone("+44 20 7946 0958") == "+442079460958");
  CHECK(normalize_phone("00 44 20 7946 0958") == "+442079460958");
  CHECK(normalize_phone("020 7946 0958", "GB") == "+442079460958");
  CHECK(normalize_phone("089 1234 5678", "DE") == "+498912345678");
  CHECK(normalize_phone("+353 1 555 0101") == "+35315550101");
  CHECK_FALSE(normalize_phone("+0 123 4567 890").has_value());
  CHECK_FALSE(normalize_phone("+1234567890123456").has_value());  // 16 digits
  CHECK_FALSE(normalize_phone("020 7946 0958", "ZZ").has_value());
}

TEST_CASE("calling codes for known countries", "[contact]") {
  CHECK(calling_code("US") == "1");
  CHECK(calling_code("GB") == "44");
  CHECK(calling_code("XX").empty());
}

}  // namespace contact_test
