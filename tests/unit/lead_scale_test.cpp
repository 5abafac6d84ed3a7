// 100,000 leads and 1,000,000 events from a seeded generator: the memory budget holds and the
// lookups work at that size. The wasm and sanitizer runs divide the counts by
// NURTURE_SCALE_DIVISOR (set in tests/CMakeLists.txt) to stay quick; the budget is per row.

#include <catch_amalgamated.hpp>

#include <string>

#include "core/store/event_log.hpp"
#include "core/store/lead_store.hpp"
#include "test_support.hpp"

namespace lead_scale_test {

using namespace nurture;

namespace {

#ifndef NURTURE_SCALE_DIVISOR
#define NURTURE_SCALE_DIVISOR 1
#endif
constexpr std::uint32_t k_leads = 100000 / NURTURE_SCALE_DIVISOR;
constexpr std::uint32_t k_events = 1000000 / NURTURE_SCALE_DIVISOR;
constexpr UnixMillis k_start = 1767225600000;  // 2026-01-01

std::uint64_t mix(std::uint64_t x) {
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}

std::uint64_t lead_id(std::uint32_t i) { return mix(i + 1) | 1; }
std::string email_of(std::uint32_t i) { return "lead" + std::to_string(i) + "@example.com"; }
std::string phone_of(std::uint32_t i) { return "+1813" + std::to_string(2000000 + i); }

// Fills `l` (reused across rows, so the generator is not what the test measures) with row i.
void fill_lead(Lead& l, std::uint32_t i) {
  static constexpr const char* k_cities[] = {"Tampa", "Miami", "Orlando", "Naples"};
  static constexpr const char* k_interests[] = {"botox", "fillers", "laser", "facial", "coolsculpting"};
  l.id = LeadId{lead_id(i)};
  l.first_name = "First" + std::to_string(i % 997);
  l.last_name = "Last" + std::to_string(i % 1009);
  l.email = email_of(i);
  l.phone = phone_of(i);
  l.city = k_cities[i % 4];
  l.state = "FL";
  l.country = "US";
  l.time_zone = "America/New_York";
  l.source = i % 3 == 0 ? "facebook" : "google";
  l.campaign = "Campaign " + std::to_string(i % 12);
  l.interests.resize(2);
  l.interests[0] = k_interests[i % 5];
  l.interests[1] = k_interests[(i / 5) % 5];
  l.tags.clear();
  if (i % 4 == 0) l.tags.emplace_back("vip");
  l.stage = static_cast<Stage>(i % k_stage_count);
  l.stage_history.assign(1, {l.stage, k_start});
  l.consent.assign(1, {Channel::email, Purpose::marketing, true, k_start, "web form", "Send me offers", ""});
  l.created_at = k_start;
}

Lead make_lead(std::uint32_t i) {
  Lead l;
  fill_lead(l, i);
  return l;
}

}  // namespace

TEST_CASE("100k leads and 1M events fit the memory budget and stay searchable", "[scale]") {
  LeadStore leads;
  leads.reserve(k_leads);
  Lead lead;
  for (std::uint32_t i = 0; i < k_leads; ++i) {
    fill_lead(lead, i);
    leads.append_row(lead, Stamp{k_start, 0, 1});
  }
  REQUIRE(leads.size() == k_leads);

  EventLog events;
  events.reserve(k_events);
  constexpr std::uint32_t k_batch = 10000;
  std::vector<Event> batch(k_batch);
  for (std::uint32_t i = 0; i < k_events; ++i) {
    Event& e = batch[i % k_batch];
    e.id = EventId{mix(0x5EED0000ULL + i) | 1};
    e.lead = LeadId{lead_id(static_cast<std::uint32_t>(mix(i) % k_leads))};
    e.at = k_start + static_cast<UnixMillis>(i) * 1000;
    e.type = static_cast<EventType>(i % k_event_type_count);
    e.sequence = "welcome";
    e.step = static_cast<std::uint16_t>(i % 5);
    if (i % k_batch == k_batch - 1) events.add(batch);
  }
  REQUIRE(events.size() == k_events);

  // The budget: fixed-size columns plus hash indexes, excluding text and list values.
  const auto lead_memory = leads.memory();
  const double per_lead = static_cast<double>(lead_memory.columns + lead_memory.indexes) / k_leads;
  INFO("lead columns " << lead_memory.columns / k_leads << " B, indexes " << lead_memory.indexes / k_leads
                       << " B, values " << lead_memory.values / k_leads << " B per lead");
  CHECK(lead_memory.columns / k_leads <= 264);
  CHECK(per_lead < 400);
  const auto event_memory = events.memory();
  INFO("event columns " << event_memory.columns / k_events << " B, indexes "
                        << event_memory.indexes / k_events << " B per event");
  CHECK(event_memory.columns / k_events <= 60);
  CHECK(event_memory.indexes / k_events <= 16);

  for (std::uint32_t i = 0; i < k_leads; i += 97) {
    const auto row = leads.find(LeadId{lead_id(i)});
    REQUIRE(row == i);
    REQUIRE(leads.find_by_email(email_of(i)) == std::vector<std::uint32_t>{i});
    REQUIRE(leads.find_by_phone(phone_of(i)) == std::vector<std::uint32_t>{i});
  }
  const Stamp added{k_start, 0, 1};
  CHECK(leads.get(12345 % k_leads) == test::with_record_stamps(make_lead(12345 % k_leads), added, added));

  std::size_t by_lead = 0;
  for (std::uint32_t i = 0; i < k_leads; i += 997) {
    for (const auto p : events.of_lead(LeadId{lead_id(i)})) {
      REQUIRE(events.lead(p).value == lead_id(i));
      ++by_lead;
    }
  }
  CHECK(by_lead > 0);
  const auto opened = events.of_type(EventType::email_opened, k_start + 1000, k_start + 100000 * 1000LL);
  // Times are one second apart from k_start, types cycle with period 17: count by arithmetic.
  std::size_t expected = 0;
  for (std::uint32_t i = 1; i < std::min<std::uint32_t>(100000, k_events); ++i) {
    if (i % k_event_type_count == static_cast<std::uint32_t>(EventType::email_opened)) ++expected;
  }
  CHECK(opened.size() == expected);
}

}  // namespace lead_scale_test
