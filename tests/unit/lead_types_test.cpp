#include "core/model/lead_types.hpp"

#include <catch_amalgamated.hpp>

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
