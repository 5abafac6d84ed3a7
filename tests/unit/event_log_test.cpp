#include "core/store/event_log.hpp"

#include <catch_amalgamated.hpp>

#include "test_support.hpp"

namespace event_log_test {

using namespace nurture;

namespace {

Event make(std::uint64_t id, std::uint64_t lead, UnixMillis at, EventType type = EventType::email_sent) {
  return test::make_event(id, lead, at, type);
}

// Events of `lead` by a full scan: what of_lead must return.
std::vector<std::uint32_t> scan(const EventLog& log, std::uint64_t lead) {
  std::vector<std::uint32_t> out;
  for (std::uint32_t p = 0; p < log.size(); ++p) {
    if (log.lead(p).value == lead && !log.is_deleted(p)) out.push_back(p);
  }
  return out;
}

void check_all_leads(const EventLog& log) {
  for (std::uint64_t lead = 1; lead <= 7; ++lead) REQUIRE(log.of_lead(LeadId{lead}) == scan(log, lead));
}

}  // namespace

TEST_CASE("the per-lead index stays right through appends, merges, removals and tombstones", "[event_log]") {
  EventLog log;
  std::uint64_t id = 1;
  std::vector<Event> batch;
  for (int i = 0; i < 20000; ++i)
    batch.push_back(make(id++, 1 + static_cast<std::uint64_t>(i % 7), 1000 + i));
  log.add(batch);
  check_all_leads(log);  // builds the compressed index
  batch.clear();
  for (int i = 0; i < 100; ++i) batch.push_back(make(id++, 1 + static_cast<std::uint64_t>(i % 5), 30000 + i));
  log.add(batch);
  check_all_leads(log);  // index plus scanned tail
  batch = {make(id++, 3, 500), make(id++, 3, 1500), make(id++, 6, 1500)};
  log.add(batch);  // out of order: merged, index dropped
  CHECK(log.at(0) == 500);
  CHECK(log.lead(0) == LeadId{3});
  check_all_leads(log);
  for (int i = 0; i < 10000; ++i) batch.push_back(make(id++, 2, 40000 + i));
  batch.erase(batch.begin(), batch.begin() + 3);
  log.add(batch);
  check_all_leads(log);
  CHECK(log.set_deleted(EventId{5}, Stamp{1, 0, 1}));
  CHECK_FALSE(log.set_deleted(EventId{999999}, Stamp{1, 0, 1}));
  CHECK(log.deleted_stamp(EventId{5}) == Stamp{1, 0, 1});
  check_all_leads(log);
  log.remove({1, 2, 3, id - 1});
  CHECK(log.size() == 20000 + 100 + 3 + 10000 - 4);
  CHECK_FALSE(log.find(EventId{2}));
  check_all_leads(log);
}

TEST_CASE("equal times keep insertion order and type/time queries are half-open", "[event_log]") {
  EventLog log;
  log.add({make(1, 1, 100), make(2, 1, 200, EventType::call)});
  log.add({make(3, 2, 100), make(4, 2, 200, EventType::call), make(5, 2, 50)});
  std::vector<std::uint64_t> ids;
  for (std::uint32_t p = 0; p < log.size(); ++p) ids.push_back(log.id(p).value);
  CHECK(ids == std::vector<std::uint64_t>{5, 1, 3, 2, 4});
  CHECK(log.of_type(EventType::call, 100, 200).empty());
  CHECK(log.of_type(EventType::call, 100, 201).size() == 2);
  CHECK(log.of_type(EventType::email_sent, 50, 100).size() == 1);
  Event rich = make(6, 1, 300, EventType::purchase);
  rich.amount_cents = 45000;
  rich.service = "Botox";
  rich.properties = {{"coupon", "SPRING"}};
  log.add({rich});
  CHECK(log.get(*log.find(EventId{6})) == rich);
}

}  // namespace event_log_test
