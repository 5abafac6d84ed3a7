#include "core/store/lead_store.hpp"

#include <catch_amalgamated.hpp>

#include <memory>

#include "test_support.hpp"

namespace lead_store_test {

using namespace nurture;

namespace {

Lead full_lead(std::uint64_t id) {
  Lead l;
  l.id = LeadId{id};
  l.first_name = "Ana";
  l.last_name = "Pérez";
  l.email = "ana@example.com";
  l.phone = "+18135550142";
  l.birth_date = CivilDate{1988, 4, 12};
  l.age = 38;
  l.gender = Gender::female;
  l.street = "1 Main St";
  l.city = "Tampa";
  l.state = "FL";
  l.zip = "33602";
  l.country = "US";
  l.time_zone = "America/New_York";
  l.source = "facebook";
  l.campaign = "Spring Botox";
  l.ad = "Ad 3";
  l.form = "Consult form";
  l.interests = {"botox", "fillers"};
  l.tags = {"vip", "referral"};
  l.custom_fields = {{"budget", "$500"}, {"timeline", "3 months"}};
  l.notes = "Prefers mornings";
  l.stage = Stage::consideration;
  l.stage_history = {{Stage::awareness, 100}, {Stage::consideration, 200}};
  l.consent = {{Channel::email, Purpose::marketing, true, 100, "web form", "Send me offers", ""}};
  l.do_not_contact = {{Channel::call, "asked on the phone", 150}};
  l.created_at = 100;
  return l;
}

}  // namespace

TEST_CASE("a lead reads back exactly as appended", "[lead_store]") {
  LeadStore store;
  const Stamp s{1000, 0, 7};
  const Lead lead = full_lead(42);
  const auto row = store.append_row(lead, s);
  CHECK(row == 0);
  CHECK(store.size() == 1);
  CHECK(store.get(row) == test::with_record_stamps(lead, s, s));
  CHECK(store.stamp(row, LeadField::email) == s);
  CHECK(store.find(LeadId{42}) == row);
  CHECK(store.find_by_email("ana@example.com") == std::vector<std::uint32_t>{0});
  CHECK(store.find_by_phone("+18135550142") == std::vector<std::uint32_t>{0});
  CHECK(store.find_by_email("ana@example.org").empty());
}

TEST_CASE("unset fields get no stamp; a field change re-stamps only that field", "[lead_store]") {
  LeadStore store;
  Lead lead;
  lead.id = LeadId{1};
  lead.email = "a@b.co";
  const auto row = store.append_row(lead, Stamp{10, 0, 1});
  CHECK(store.stamp(row, LeadField::email) == Stamp{10, 0, 1});
  CHECK(store.stamp(row, LeadField::phone).is_zero());
  lead.email = "c@d.co";
  store.set_field(row, LeadField::email, lead, Stamp{20, 0, 1});
  CHECK(store.stamp(row, LeadField::email) == Stamp{20, 0, 1});
  CHECK(store.find_by_email("a@b.co").empty());
  CHECK(store.find_by_email("c@d.co") == std::vector<std::uint32_t>{row});
}

TEST_CASE("tombstones hide a lead from lookups but keep its row", "[lead_store]") {
  LeadStore store;
  store.append_row(full_lead(1), Stamp{1, 0, 1});
  store.set_deleted(0, true, Stamp{2, 0, 1});
  CHECK(store.size() == 0);
  CHECK(store.rows() == 1);
  CHECK_FALSE(store.find(LeadId{1}));
  CHECK(store.find_any(LeadId{1}) == 0u);
  CHECK(store.find_by_email("ana@example.com").empty());
  CHECK(store.find_by_phone("+18135550142").empty());
  CHECK(store.deleted_stamp(0) == Stamp{2, 0, 1});
  int live = 0;
  store.for_each_live([&](std::uint32_t) { ++live; });
  CHECK(live == 0);
}

TEST_CASE("save_row/restore_row and pop_row undo exactly", "[lead_store]") {
  LeadStore store;
  store.append_row(full_lead(1), Stamp{1, 0, 1});
  const LeadStore before = store;
  const auto saved = store.save_row(0);
  Lead changed = full_lead(1);
  changed.email = "other@example.com";
  changed.tags = {"new"};
  store.set_field(0, LeadField::email, changed, Stamp{5, 0, 1});
  store.set_field(0, LeadField::tags, changed, Stamp{5, 0, 1});
  store.set_deleted(0, true, Stamp{6, 0, 1});
  CHECK_FALSE(store == before);
  store.restore_row(0, saved);
  CHECK(store == before);
  CHECK(store.find_by_email("ana@example.com") == std::vector<std::uint32_t>{0});
  CHECK(store.find_by_email("other@example.com").empty());
  store.append_row(full_lead(2), Stamp{7, 0, 1});
  store.pop_row();
  CHECK(store == before);
  CHECK_FALSE(store.find_any(LeadId{2}));
  CHECK(store.find_by_email("ana@example.com") == std::vector<std::uint32_t>{0});
}

TEST_CASE("a copied dictionary owns its strings", "[lead_store]") {
  auto original = std::make_unique<Dictionary>();
  const auto code = original->intern("a value long enough to live on the heap, not in SSO");
  const Dictionary copy = *original;
  Dictionary assigned;
  assigned = *original;
  original.reset();
  CHECK(copy.at(code) == "a value long enough to live on the heap, not in SSO");
  CHECK(assigned.at(code) == copy.at(code));
  CHECK(copy.find("a value long enough to live on the heap, not in SSO") == code);
}

TEST_CASE("a reader appends rows with their stored stamps and tombstones", "[lead_store]") {
  LeadStore store;
  store.reserve(2);
  std::array<Stamp, k_lead_field_count> stamps{};
  for (std::size_t f = 0; f < k_lead_field_count; ++f)
    stamps[f] = Stamp{100 + static_cast<std::int64_t>(f), 0, 9};
  const auto live = store.append_row(full_lead(1), stamps, false, Stamp{});
  const auto gone = store.append_row(full_lead(2), stamps, true, Stamp{500, 1, 9});
  CHECK(store.get(live) ==
        test::with_record_stamps(full_lead(1), stamps[static_cast<std::size_t>(LeadField::consent)],
                                 stamps[static_cast<std::size_t>(LeadField::do_not_contact)]));
  CHECK(store.stamp(live, LeadField::notes) == stamps[static_cast<std::size_t>(LeadField::notes)]);
  CHECK(store.stamp(gone, LeadField::created_at) == stamps.back());
  CHECK(store.is_deleted(gone));
  CHECK(store.deleted_stamp(gone) == Stamp{500, 1, 9});
  CHECK(store.size() == 1);
  CHECK(store.find_by_email("ana@example.com") == std::vector<std::uint32_t>{live});
}

}  // namespace lead_store_test
