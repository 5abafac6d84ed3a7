#include "core/model/lead_types.hpp"

#include <catch_amalgamated.hpp>

#include <optional>
#include <string>

namespace lead_types_test {

using namespace nurture;

TEST_CASE("lead and event ids round-trip through their text form", "[lead_types]") {
  CHECK(to_string(LeadId{0xdeadbeefULL}) == "L00000000deadbeef");
  CHECK(to_string(EventId{0x0123456789abcdefULL}) == "E0123456789abcdef");
  CHECK(parse_lead_id("L00000000DEADBEEF") == LeadId{0xdeadbeefULL});
  CHECK(parse_event_id("E0123456789abcdef") == EventId{0x0123456789abcdefULL});
  CHECK_FALSE(parse_lead_id("E00000000deadbeef"));
  CHECK_FALSE(parse_lead_id("L0000000000000000"));  // 0 means no id
  CHECK_FALSE(parse_lead_id("L00000000deadbee"));
  CHECK_FALSE(parse_lead_id("L00000000deadbeeg"));
}

// The parser looks digits up in a table; a naive oracle of range tests checks every byte value
// in every position (and the zero id and wrong prefix rules on top).
TEST_CASE("id parsing accepts exactly the hex digits, in any position", "[lead_types]") {
  const auto oracle = [](std::string_view text) -> std::optional<std::uint64_t> {
    if (text.size() != 17 || text[0] != 'L') return std::nullopt;
    std::uint64_t v = 0;
    for (std::size_t i = 1; i < 17; ++i) {
      const char c = text[i];
      int d = -1;
      if (c >= '0' && c <= '9') d = c - '0';
      if (c >= 'a' && c <= 'f') d = c - 'a' + 10;
      if (c >= 'A' && c <= 'F') d = c - 'A' + 10;
      if (d < 0) return std::nullopt;
      v = v * 16 + static_cast<std::uint64_t>(d);
    }
    if (v == 0) return std::nullopt;
    return v;
  };
  std::size_t accepted = 0;
  for (const std::string base : {"L0123456789abcdef", "L0000000000000000", "LFEDCBA9876543210"}) {
    for (std::size_t pos = 1; pos < 17; ++pos) {
      for (int byte = 0; byte < 256; ++byte) {
        std::string text = base;
        text[pos] = static_cast<char>(byte);
        const auto want = oracle(text);
        const auto got = parse_lead_id(text);
        INFO(pos << " " << byte);
        REQUIRE(got.has_value() == want.has_value());
        if (want) {
          CHECK(got->value == *want);
          ++accepted;
        }
      }
    }
  }
  // 22 digits per position, less the ones that leave the all-zero base at zero.
  CHECK(accepted == 3 * 16 * 22 - 16);
  CHECK_FALSE(parse_event_id("L0123456789abcdef"));
}

TEST_CASE("every enum round-trips through its name", "[lead_types]") {
  for (std::size_t i = 0; i < k_event_type_count; ++i) {
    const auto t = static_cast<EventType>(i);
    CHECK(parse_event_type(to_string(t)) == t);
  }
  for (std::size_t i = 0; i < k_stage_count; ++i) CHECK(parse_stage(to_string(static_cast<Stage>(i))));
  for (std::size_t i = 0; i < k_lead_field_count; ++i)
    CHECK_FALSE(to_string(static_cast<LeadField>(i)).empty());
  CHECK(to_string(EventType::appointment_no_show) == "appointment_no_show");
  CHECK(parse_channel("sms") == Channel::sms);
  CHECK(parse_gender("nonbinary") == Gender::nonbinary);
  CHECK(parse_purpose("treatment") == Purpose::treatment);
  CHECK_FALSE(parse_event_type("Email_Sent"));
  CHECK_FALSE(parse_stage(""));
}

TEST_CASE("field helpers see every field", "[lead_types]") {
  Lead a;
  for (std::size_t i = 0; i < k_lead_field_count; ++i)
    CHECK_FALSE(field_is_set(a, static_cast<LeadField>(i)));
  a.tags = {"vip"};
  a.stage_history = {{Stage::consideration, 5}};
  CHECK(field_is_set(a, LeadField::tags));
  CHECK(field_is_set(a, LeadField::stage));
  Lead b;
  copy_field(b, a, LeadField::tags);
  CHECK(field_equal(a, b, LeadField::tags));
  CHECK_FALSE(field_equal(a, b, LeadField::stage));
}

TEST_CASE("opt-out beats consent", "[lead_types]") {
  Lead lead;
  lead.consent.push_back({Channel::sms, Purpose::marketing, true, 1, "web form", "Text me offers", ""});
  CHECK(may_contact(lead, Channel::sms, Purpose::marketing));
  CHECK_FALSE(may_contact(lead, Channel::sms, Purpose::treatment));
  CHECK_FALSE(may_contact(lead, Channel::email, Purpose::marketing));
  lead.do_not_contact.push_back({Channel::sms, "replied STOP", 2});
  CHECK_FALSE(may_contact(lead, Channel::sms, Purpose::marketing));
}

}  // namespace lead_types_test
