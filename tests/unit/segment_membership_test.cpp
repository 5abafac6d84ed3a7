// Saved segments: the PutSegment command, the membership record (entries and exits found by
// membership_changes, recorded once by RecordMemberships), and in_segment() through them.

#include <catch_amalgamated.hpp>

#include "core/commands/command.hpp"
#include "core/segment/engine.hpp"
#include "core/segment/membership.hpp"
#include "core/session.hpp"
#include "test_support.hpp"

namespace segment_membership_test {

using namespace nurture;

namespace {

constexpr UnixMillis k_now = 1'790'000'000'000;

Lead lead(std::uint64_t id, const char* name, Stage stage) {
  Lead l;
  l.id = LeadId{id};
  l.first_name = name;
  l.stage = stage;
  l.email = std::string(name) + "@example.com";
  return l;
}

Session with_leads() {
  Session s(5);
  REQUIRE(s.execute(AddLead{lead(1, "ana", Stage::awareness), k_now}).ok);
  REQUIRE(s.execute(AddLead{lead(2, "bea", Stage::consideration), k_now}).ok);
  REQUIRE(s.execute(AddLead{lead(3, "cy", Stage::consideration), k_now}).ok);
  return s;
}

SavedSegment saved(const char* id, const char* name, const char* query) {
  return SavedSegment{id, name, query, "", {}, false};
}

std::vector<MembershipChange> changes_now(const Workspace& ws, UnixMillis now) {
  const segment::ParsedSegments parsed(ws.segments);
  const auto ctx = segment::make_context(ws, now, 0, nullptr, parsed);
  return segment::membership_changes(ws, ctx, parsed);
}

}  // namespace

TEST_CASE("PutSegment checks the name, its uniqueness and the query", "[segments][commands]") {
  Session s = with_leads();
  CHECK(s.execute(PutSegment{saved("warm", "Warm", "stage = consideration"), k_now}).ok);
  auto r = s.execute(PutSegment{saved("warm-2", "WARM", "stage = awareness"), k_now});
  CHECK_FALSE(r.ok);
  REQUIRE(r.field_errors.size() == 1);
  CHECK(r.field_errors[0].field == "name");
  r = s.execute(PutSegment{saved("broken", "Broken", "stage = "), k_now});
  CHECK_FALSE(r.ok);
  REQUIRE(r.field_errors.size() == 1);
  CHECK(r.field_errors[0].field == "query");
  CHECK(r.field_errors[0].message.rfind("1:", 0) == 0);
  // Renaming keeps the id; the same name on the same segment is fine.
  CHECK(s.execute(PutSegment{saved("warm", "Warm leads", "stage = consideration"), k_now}).ok);
  CHECK(s.workspace().segments.size() == 1);
  CHECK(s.execute(DeleteCatalogItem{CatalogKind::segment, "warm", k_now}).ok);
  CHECK(s.workspace().segments[0].deleted);
  CHECK(s.undo());
  CHECK_FALSE(s.workspace().segments[0].deleted);
}

TEST_CASE("entries and exits are recorded once, and in_segment reads saved segments", "[segments]") {
  Session s = with_leads();
  REQUIRE(s.execute(PutSegment{saved("warm", "Warm", "stage = consideration"), k_now}).ok);
  REQUIRE(
      s.execute(PutSegment{saved("warm-ana", "Warm or Ana", "in_segment(\"warm\") or first_name = x"), k_now})
          .ok == false);  // first_name is not an attribute: refused at parse
  REQUIRE(s.execute(PutSegment{saved("not-warm", "Not warm", "not in_segment(\"WARM\")"), k_now}).ok);

  auto changes = changes_now(s.workspace(), k_now);
  // Warm: Bea and Cy enter; Not warm: Ana enters.
  REQUIRE(changes.size() == 3);
  CHECK(changes[0] == MembershipChange{"not-warm", LeadId{1}, k_now, true});
  CHECK(changes[1] == MembershipChange{"warm", LeadId{2}, k_now, true});
  CHECK(changes[2] == MembershipChange{"warm", LeadId{3}, k_now, true});
  auto r = s.record(RecordMemberships{changes});
  CHECK(r.ok);
  CHECK(r.message == "Segments: 3 leads entered, 0 left");
  CHECK(changes_now(s.workspace(), k_now).empty());
  CHECK(s.record(RecordMemberships{changes}).message == "Nothing changed");  // a double tick

  // Cy moves on: leaves Warm, enters Not warm. Then Warm is deleted: Bea leaves it.
  REQUIRE(s.execute(SetStage{LeadId{3}, Stage::patient, k_now + 1000}).ok);
  changes = changes_now(s.workspace(), k_now + 60'000);
  REQUIRE(changes.size() == 2);
  CHECK(changes[0] == MembershipChange{"not-warm", LeadId{3}, k_now + 60'000, true});
  CHECK(changes[1] == MembershipChange{"warm", LeadId{3}, k_now + 60'000, false});
  REQUIRE(s.record(RecordMemberships{changes}).ok);
  CHECK(recorded_members(s.workspace().segment_history, "warm") == std::vector<LeadId>{LeadId{2}});
  REQUIRE(s.execute(DeleteCatalogItem{CatalogKind::segment, "warm", k_now + 70'000}).ok);
  changes = changes_now(s.workspace(), k_now + 120'000);
  // Bea exits the deleted segment; "not-warm" now fails to bind (in_segment of a deleted
  // segment), so its record stays as it is.
  REQUIRE(changes.size() == 1);
  CHECK(changes[0] == MembershipChange{"warm", LeadId{2}, k_now + 120'000, false});
}

TEST_CASE("a membership record naming no segment is refused", "[segments][commands]") {
  Session s = with_leads();
  const auto r = s.execute(RecordMemberships{{{"ghost", LeadId{1}, k_now, true}}});
  CHECK_FALSE(r.ok);
  CHECK(s.workspace().segment_history.empty());
}

}  // namespace segment_membership_test
