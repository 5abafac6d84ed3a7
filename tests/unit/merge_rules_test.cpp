// Merge rules added after the first sync release: restoring a deleted lead, clearing a
// do-not-contact, consent ordered by change stamps, and newer versions' unknown members
// (docs/sync.md).

#include <catch_amalgamated.hpp>

#include <algorithm>
#include <string>
#include <unordered_set>

#include "core/session.hpp"
#include "core/sync/merge.hpp"
#include "merge_test_support.hpp"
#include "test_support.hpp"

namespace merge_rules_test {

using namespace nurture;

namespace {

constexpr UnixMillis k_t0 = test::k_merge_t0;
constexpr UnixMillis k_minute = 60'000;
using test::lead_of;
using test::named;

Workspace base() { return test::merge_base(); }

}  // namespace

TEST_CASE("RestoreLead brings a deleted lead back with its values; undo deletes it again", "[commands]") {
  Session s(base(), 2);
  Lead edited = lead_of(s.workspace(), 1);
  edited.notes = "call after 5";
  REQUIRE(s.execute(UpdateLead{LeadId{1}, edited, k_t0 + k_minute}).ok);
  REQUIRE(s.execute(DeleteLead{LeadId{1}, k_t0 + 2 * k_minute}).ok);
  const Workspace deleted = s.workspace();

  CHECK_FALSE(s.execute(RestoreLead{LeadId{2}, k_t0 + 3 * k_minute}).ok);   // live
  CHECK_FALSE(s.execute(RestoreLead{LeadId{99}, k_t0 + 3 * k_minute}).ok);  // unknown
  CHECK(s.workspace() == deleted);

  const auto r = s.execute(RestoreLead{LeadId{1}, k_t0 + 3 * k_minute});
  REQUIRE(r.ok);
  CHECK(r.message == "Lead restored");
  REQUIRE(s.workspace().leads.find(LeadId{1}));
  CHECK(lead_of(s.workspace(), 1).notes == "call after 5");
  CHECK(s.workspace().leads.size() == 2);
  CHECK(s.workspace().leads.deleted_stamp(*s.workspace().leads.find(LeadId{1})) >
        deleted.leads.deleted_stamp(*deleted.leads.find_any(LeadId{1})));

  REQUIRE(s.undo());
  CHECK_FALSE(s.workspace().leads.find(LeadId{1}));
  CHECK(s.workspace().leads == deleted.leads);
}

TEST_CASE("a restore newer than the delete wins the merge; a delete newer than the restore wins", "[merge]") {
  Session a(base(), 2);
  REQUIRE(a.execute(DeleteLead{LeadId{1}, k_t0 + k_minute}).ok);
  Session b(a.workspace(), 3);  // B imported A's file with the deletion
  REQUIRE(b.execute(RestoreLead{LeadId{1}, k_t0 + 2 * k_minute}).ok);

  // A's older file (still deleted) merged into B: the restore stands.
  Workspace at_b = b.workspace();
  merge_into(at_b, a.workspace(), k_t0 + 3 * k_minute);
  CHECK(at_b.leads.find(LeadId{1}));
  // B's file merged into A: the lead comes back, with the values it had.
  Workspace at_a = a.workspace();
  const auto report = merge_into(at_a, b.workspace(), k_t0 + 3 * k_minute);
  REQUIRE(at_a.leads.find(LeadId{1}));
  CHECK(lead_of(at_a, 1).first_name == "Ana");
  CHECK(report.leads_updated == 1);
  CHECK(at_a.leads == at_b.leads);

  // A deletes again after the restore: the newer delete wins everywhere.
  Session a2(at_a, 2);
  REQUIRE(a2.execute(DeleteLead{LeadId{1}, k_t0 + 4 * k_minute}).ok);
  Workspace again = b.workspace();
  merge_into(again, a2.workspace(), k_t0 + 5 * k_minute);
  CHECK_FALSE(again.leads.find(LeadId{1}));
}

namespace {

bool blocked(const Workspace& ws, Channel channel) {
  const Lead l = lead_of(ws, 1);
  return std::any_of(l.do_not_contact.begin(), l.do_not_contact.end(),
                     [&](const DoNotContact& d) { return d.channel == channel; });
}

}  // namespace

TEST_CASE("a cleared do-not-contact stays cleared against older files; a newer set wins",
          "[merge][consent]") {
  Session a(base(), 2);
  REQUIRE(a.execute(SetDoNotContact{LeadId{1}, Channel::sms, true, "replied STOP", k_t0 + k_minute}).ok);
  Session b(a.workspace(), 3);  // B imported A's file
  REQUIRE(b.execute(SetDoNotContact{LeadId{1}, Channel::sms, false, "asked to be texted again",
                                    k_t0 + 2 * k_minute})
              .ok);
  CHECK_FALSE(blocked(b.workspace(), Channel::sms));
  const Lead cleared = lead_of(b.workspace(), 1);
  REQUIRE(cleared.do_not_contact_cleared.size() == 1);
  CHECK(cleared.do_not_contact_cleared[0].channel == Channel::sms);
  CHECK(cleared.do_not_contact_cleared[0].at == k_t0 + 2 * k_minute);

  // A's old file, still holding the do-not-contact, merged into B: it stays cleared.
  Workspace at_b = b.workspace();
  merge_into(at_b, a.workspace(), k_t0 + 3 * k_minute);
  CHECK_FALSE(blocked(at_b, Channel::sms));
  // And B's file merged into A clears it there too; both agree.
  Workspace at_a = a.workspace();
  merge_into(at_a, b.workspace(), k_t0 + 3 * k_minute);
  CHECK_FALSE(blocked(at_a, Channel::sms));
  CHECK(at_a.leads == at_b.leads);

  // A sets it again after B's clear (A has not seen the clear): the newer set wins both ways.
  REQUIRE(a.execute(SetDoNotContact{LeadId{1}, Channel::sms, true, "STOP again", k_t0 + 4 * k_minute}).ok);
  Workspace again_b = at_b;
  merge_into(again_b, a.workspace(), k_t0 + 5 * k_minute);
  CHECK(blocked(again_b, Channel::sms));
  CHECK(lead_of(again_b, 1).do_not_contact_cleared.empty());
  CHECK_FALSE(may_contact(lead_of(again_b, 1), Channel::sms, Purpose::marketing));
  Workspace again_a = a.workspace();
  merge_into(again_a, at_b, k_t0 + 5 * k_minute);
  CHECK(again_a.leads == again_b.leads);
}

TEST_CASE("at the same stamp a do-not-contact set beats a clear", "[merge][consent]") {
  Lead set = named(1, "Ana");
  Lead clear = set;
  const Stamp s{k_t0, 0, 5};
  set.do_not_contact.push_back({Channel::call, "asked", k_t0, s});
  clear.do_not_contact_cleared.push_back({Channel::call, "", k_t0 + 1, s});
  for (const bool forward : {true, false}) {
    Workspace ws;
    Workspace other;
    ws.leads.append_row(forward ? set : clear, s);
    other.leads.append_row(forward ? clear : set, s);
    merge_into(ws, other, k_t0);
    CHECK(blocked(ws, Channel::call));
  }
}

TEST_CASE("consent records are ordered by change stamp, not by a skewed wall clock", "[merge][consent]") {
  // Device 3's clock runs a day ahead. Device 2 imports its grant, then revokes: the
  // revocation's `at` (device 2's wall clock) is a day *earlier* than the grant's, but its
  // stamp is larger because device 2's clock observed device 3's stamps.
  constexpr UnixMillis k_day = 86'400'000;
  Session three(base(), 3);
  REQUIRE(three
              .execute(SetConsent{LeadId{1}, Channel::email, Purpose::marketing, true, "web form", "Email me",
                                  "", k_t0 + k_day})
              .ok);
  Session two(three.workspace(), 2);  // imports three's file: its clock observes three's stamps
  REQUIRE(two.execute(SetConsent{LeadId{1}, Channel::email, Purpose::marketing, false, "phone call", "",
                                 "asked to stop", k_t0})
              .ok);
  const Lead revoked = lead_of(two.workspace(), 1);
  REQUIRE(revoked.consent.size() == 1);
  CHECK(revoked.consent[0].at == k_t0);  // the evidence date is the device's own clock
  CHECK(revoked.consent[0].stamp > lead_of(three.workspace(), 1).consent[0].stamp);

  for (const bool forward : {true, false}) {
    Workspace ws = forward ? two.workspace() : three.workspace();
    merge_into(ws, forward ? three.workspace() : two.workspace(), k_t0 + k_day);
    // By `at` the older-looking revocation would lose; by stamp it is the later change.
    CHECK_FALSE(may_contact(lead_of(ws, 1), Channel::email, Purpose::marketing));
    CHECK(lead_of(ws, 1).consent[0].reason == "asked to stop");
  }
}

TEST_CASE("unknown members of a newer version are unioned; on a clash the greater JSON wins",
          "[merge][R13]") {
  Workspace a = base();
  Workspace b = base();
  a.unknown_members = {{"segments", R"([{"id":"s1"}])"}, {"zeta", "1"}};
  b.unknown_members = {{"alpha", "true"}, {"segments", R"([{"id":"s2"}])"}};

  Workspace ab = a;
  const auto report = merge_into(ab, b, k_t0);
  CHECK(report.other_changes == 1);
  CHECK_FALSE(report.nothing_new());
  const std::vector<std::pair<std::string, std::string>> expected = {
      {"alpha", "true"}, {"segments", R"([{"id":"s2"}])"}, {"zeta", "1"}};
  CHECK(ab.unknown_members == expected);
  Workspace ba = b;
  merge_into(ba, a, k_t0);
  CHECK(ba.unknown_members == expected);
  CHECK(preview_merge(ab, a, k_t0).nothing_new());
  CHECK(preview_merge(ab, b, k_t0).nothing_new());

  // A side without any takes the other's as they are; merging nothing back changes nothing.
  Workspace empty = base();
  merge_into(empty, a, k_t0);
  CHECK(empty.unknown_members == a.unknown_members);
  CHECK(preview_merge(a, base(), k_t0).nothing_new());
}

TEST_CASE("MergeWorkspace keeps only what undo needs, and undo restores exactly", "[merge][command]") {
  Session start(base(), 1);
  const UnixMillis t = k_t0 + 1000;
  REQUIRE(start
              .execute(AddEvents{{test::make_event(11, 1, t, EventType::email_sent),
                                  test::make_event(12, 2, t, EventType::email_opened)},
                                 k_t0 + 2000})
              .ok);
  Session remote(start.workspace(), 3);
  Lead edited = lead_of(remote.workspace(), 2);
  edited.city = "Miami";
  REQUIRE(remote.execute(UpdateLead{LeadId{2}, edited, k_t0 + 3000}).ok);
  REQUIRE(remote.execute(AddLead{named(5, "Eve"), k_t0 + 3000}).ok);
  REQUIRE(remote.execute(AddEvents{{test::make_event(13, 5, t, EventType::call)}, k_t0 + 4000}).ok);
  PracticeProfile p;
  p.name = "Lumen";
  REQUIRE(remote.execute(SetPracticeProfile{p, k_t0 + 4000}).ok);

  SECTION("rows and added ids only") {
    Workspace ws = start.workspace();
    const Workspace before = ws;
    HybridClock clock(2);
    UndoStep undo;
    const auto r = apply(ws, MergeWorkspace{remote.workspace(), k_t0 + 5000}, clock, &undo);
    REQUIRE(r.ok);
    CHECK(r.message == "1 lead added, 1 updated, 1 event added, practice profile updated");
    const auto* inverse = std::get_if<MergeUndo>(&undo.inverse);
    REQUIRE(inverse != nullptr);
    CHECK(inverse->rows.size() == 1);  // lead 2, as it was
    CHECK(inverse->rows[0].first == *before.leads.find(LeadId{2}));
    CHECK(inverse->lead_rows == 2);
    CHECK(inverse->added_events == std::unordered_set<std::uint64_t>{13});
    CHECK_FALSE(inverse->events.has_value());
    revert(ws, std::move(undo));
    ws.revision = before.revision;
    CHECK(ws == before);
  }
  SECTION("a tombstone on an event here keeps the log, and the order of simultaneous events") {
    Workspace other = remote.workspace();
    REQUIRE(other.events.set_deleted(EventId{11}, Stamp{k_t0 + 4500, 0, 3}));
    Session local(start.workspace(), 2);
    const Workspace before = local.workspace();
    REQUIRE(local.execute(MergeWorkspace{other, k_t0 + 5000}).ok);
    CHECK(local.workspace().events.is_deleted(*local.workspace().events.find(EventId{11})));
    REQUIRE(local.undo());
    Workspace after = local.workspace();
    after.revision = before.revision;
    CHECK(after == before);
  }
}

}  // namespace merge_rules_test
