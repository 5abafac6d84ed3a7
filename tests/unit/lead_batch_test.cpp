#include <catch_amalgamated.hpp>

#include "core/session.hpp"

namespace lead_batch_test {

using namespace nurture;

namespace {

constexpr UnixMillis k_now = 1795000000000;  // 2026-11-18

Lead named(std::uint64_t id, std::string first) {
  Lead l;
  l.id = LeadId{id};
  l.first_name = std::move(first);
  return l;
}

Lead read(const Session& s, std::uint64_t id) {
  return s.workspace().leads.get(*s.workspace().leads.find(LeadId{id}));
}

Session three_leads() {
  Session s(5);
  for (std::uint64_t id = 1; id <= 3; ++id)
    REQUIRE(s.execute(AddLead{named(id, "Lead " + std::to_string(id)), k_now}).ok);
  return s;
}

UpdateLead tagged(const Session& s, std::uint64_t id, const std::string& tag) {
  Lead values = read(s, id);
  values.tags.push_back(tag);
  return UpdateLead{LeadId{id}, values, k_now + 1000};
}

}  // namespace

TEST_CASE("LeadBatch applies every part as one revision and one undo step", "[commands][bulk]") {
  Session s = three_leads();
  const Workspace before = s.workspace();
  LeadBatch bulk{
      {tagged(s, 1, "vip"), tagged(s, 2, "vip"), SetStage{LeadId{3}, Stage::conversion, k_now + 1000}},
      "Tagged 2 leads",
      false};
  const auto r = s.execute(bulk);
  REQUIRE(r.ok);
  CHECK(r.message == "Tagged 2 leads");
  CHECK(s.revision() == before.revision + 1);
  CHECK(read(s, 1).tags == std::vector<std::string>{"vip"});
  CHECK(read(s, 2).tags == std::vector<std::string>{"vip"});
  CHECK(read(s, 3).stage == Stage::conversion);
  // Each part is stamped as its own change, after the adds.
  CHECK(s.workspace().leads.stamp(0, LeadField::tags).millis == k_now + 1000);

  REQUIRE(s.undo());
  CHECK(s.workspace().leads == before.leads);
  // One undo took the whole bulk action back: the next undo removes the third lead's add.
  REQUIRE(s.undo());
  CHECK(s.workspace().leads.rows() == 2);
}

TEST_CASE("LeadBatch is all or nothing unless failures are skipped", "[commands][bulk]") {
  Session s = three_leads();
  REQUIRE(s.execute(SetDoNotContact{LeadId{2}, Channel::email, true, "asked by phone", k_now}).ok);
  const Workspace before = s.workspace();
  const HybridClock clock_before = s.clock();
  std::vector<LeadCommand> grant;
  for (std::uint64_t id = 1; id <= 3; ++id) {
    grant.emplace_back(
        SetConsent{LeadId{id}, Channel::email, Purpose::marketing, true, "web form", "Yes", "", k_now});
  }
  auto r = s.execute(LeadBatch{grant, "Consent recorded", false});
  CHECK_FALSE(r.ok);
  CHECK(r.message.find("step 2 of 3") != std::string::npos);
  REQUIRE_FALSE(r.field_errors.empty());
  CHECK(r.field_errors[0].field == "consent");
  CHECK(s.workspace() == before);
  CHECK(s.clock().last() == clock_before.last());

  r = s.execute(LeadBatch{grant, "Consent recorded", true});
  REQUIRE(r.ok);
  CHECK(r.message.find("1 skipped") != std::string::npos);
  CHECK(may_contact(read(s, 1), Channel::email, Purpose::marketing));
  CHECK_FALSE(may_contact(read(s, 2), Channel::email, Purpose::marketing));
  CHECK(may_contact(read(s, 3), Channel::email, Purpose::marketing));
  REQUIRE(s.undo());
  CHECK(s.workspace().leads == before.leads);
}

TEST_CASE("LeadBatch deletes, and undo brings every lead back", "[commands][bulk]") {
  Session s = three_leads();
  const Workspace before = s.workspace();
  const auto r =
      s.execute(LeadBatch{{DeleteLead{LeadId{1}, k_now}, DeleteLead{LeadId{3}, k_now}}, "", false});
  REQUIRE(r.ok);
  CHECK(r.message == "Changed 2 leads");
  CHECK(s.workspace().leads.size() == 1);
  CHECK_FALSE(s.workspace().leads.find(LeadId{1}));
  REQUIRE(s.undo());
  CHECK(s.workspace().leads == before.leads);
  CHECK(s.workspace().leads.size() == 3);
}

TEST_CASE("LeadBatch restores deleted leads as one step; undo deletes them again", "[commands][bulk]") {
  Session s = three_leads();
  REQUIRE(s.execute(LeadBatch{{DeleteLead{LeadId{1}, k_now}, DeleteLead{LeadId{2}, k_now}}, "", false}).ok);
  const Workspace deleted = s.workspace();
  REQUIRE(deleted.leads.size() == 1);
  auto r = s.execute(LeadBatch{{RestoreLead{LeadId{1}, k_now + 5000}, RestoreLead{LeadId{2}, k_now + 5000}},
                               "Restored 2 leads",
                               false});
  REQUIRE(r.ok);
  CHECK(r.message == "Restored 2 leads");
  CHECK(s.revision() == deleted.revision + 1);
  CHECK(s.workspace().leads.size() == 3);
  CHECK(read(s, 2).first_name == "Lead 2");
  // The restore is a new decision with a newer stamp than the deletion (it wins a merge).
  const auto row = *s.workspace().leads.find(LeadId{1});
  CHECK(s.workspace().leads.deleted_stamp(row).millis == k_now + 5000);
  REQUIRE(s.undo());
  CHECK(s.workspace().leads == deleted.leads);
  // A live lead in the batch fails the whole batch: nothing is restored.
  r = s.execute(
      LeadBatch{{RestoreLead{LeadId{1}, k_now + 6000}, RestoreLead{LeadId{3}, k_now + 6000}}, "", false});
  CHECK_FALSE(r.ok);
  CHECK(r.message.find("step 2 of 2") != std::string::npos);
  CHECK(s.workspace().leads == deleted.leads);
}

TEST_CASE("LeadBatch touching one lead twice reverts to the first state", "[commands][bulk]") {
  Session s = three_leads();
  const Workspace before = s.workspace();
  const auto r = s.execute(LeadBatch{
      {SetStage{LeadId{1}, Stage::consideration, k_now + 1}, SetStage{LeadId{1}, Stage::patient, k_now + 2}},
      "",
      false});
  REQUIRE(r.ok);
  CHECK(read(s, 1).stage_history.size() == 3);
  REQUIRE(s.undo());
  CHECK(s.workspace().leads == before.leads);
}

TEST_CASE("LeadBatch with nothing to change adds no revision or undo point", "[commands][bulk]") {
  Session s = three_leads();
  const auto revision = s.revision();
  REQUIRE(s.execute(LeadBatch{{SetStage{LeadId{1}, Stage::awareness, k_now}}, "", false}).ok);
  REQUIRE(s.execute(LeadBatch{}).ok);
  CHECK(s.revision() == revision);
  // The only undo points are the three adds.
  for (int i = 0; i < 3; ++i) REQUIRE(s.undo());
  CHECK_FALSE(s.can_undo());
}

}  // namespace lead_batch_test
