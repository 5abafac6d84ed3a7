// Merging workspaces from two devices: last writer wins per field, tombstones, the opt-out
// rules, conflicts (R11), the clock-skew guard (R12) and the MergeWorkspace command (R14).

#include "core/sync/merge.hpp"

#include <catch_amalgamated.hpp>

#include <algorithm>
#include <string>

#include "core/session.hpp"
#include "core/sync/lww.hpp"
#include "merge_test_support.hpp"
#include "test_support.hpp"

namespace merge_test {

using namespace nurture;

namespace {

constexpr UnixMillis k_t0 = test::k_merge_t0;
constexpr UnixMillis k_minute = 60'000;
constexpr UnixMillis k_day = 86'400'000;
using test::lead_of;
using test::named;

Workspace base() { return test::merge_base(); }

CommandResult update(Session& s, std::uint64_t id, UnixMillis now, void (*edit)(Lead&)) {
  Lead v = lead_of(s.workspace(), id);
  edit(v);
  return s.execute(UpdateLead{LeadId{id}, v, now});
}

bool same_content(const Workspace& a, const Workspace& b) {
  return a.practice == b.practice && a.practice_stamp == b.practice_stamp && a.leads == b.leads &&
         a.events == b.events;
}

}  // namespace

TEST_CASE("a lead only the remote has arrives with its stamps and tombstone", "[merge]") {
  Session remote(7);
  remote.execute(AddLead{named(1, "Ana"), k_t0});
  remote.execute(AddLead{named(2, "Bea"), k_t0 + 1000});
  remote.execute(DeleteLead{LeadId{2}, k_t0 + 2000});
  Workspace local;
  const auto report = merge_into(local, remote.workspace(), k_t0);
  CHECK(report.leads_added == 1);
  CHECK(report.other_changes == 1);  // the tombstone of a lead this device never saw
  CHECK(local.leads == remote.workspace().leads);
  CHECK(local.revision == 1);
  CHECK_FALSE(local.leads.find(LeadId{2}));
  CHECK(report.summary() == "1 lead added");
}

TEST_CASE("the later edit of a field wins, field by field; the preview lists it and changes nothing",
          "[merge]") {
  Session local(base(), 2);
  Session remote(base(), 3);
  update(remote, 1, k_t0 + k_minute, [](Lead& l) { l.notes = "prefers mornings"; });
  update(local, 1, k_t0 + 2 * k_minute, [](Lead& l) { l.city = "Tampa"; });
  const Workspace before = local.workspace();

  const auto preview = preview_merge(local.workspace(), remote.workspace(), k_t0 + 3 * k_minute);
  CHECK(local.workspace() == before);
  REQUIRE(preview.changes.size() == 1);
  CHECK(preview.changes[0] == LeadFieldChange{LeadId{1}, LeadField::notes, "", "prefers mornings"});
  CHECK(preview.leads_updated == 1);
  CHECK(preview.conflicts.empty());  // different fields
  CHECK(preview.summary() == "1 updated");

  Workspace ws = local.workspace();
  const auto report = merge_into(ws, remote.workspace(), k_t0 + 3 * k_minute);
  CHECK(report.changes == preview.changes);
  const Lead merged = lead_of(ws, 1);
  CHECK(merged.notes == "prefers mornings");
  CHECK(merged.city == "Tampa");
  CHECK(ws.leads.stamp(0, LeadField::notes) == remote.workspace().leads.stamp(0, LeadField::notes));
  CHECK(ws.leads.stamp(0, LeadField::city) == local.workspace().leads.stamp(0, LeadField::city));
  CHECK(ws.revision == before.revision + 1);
  // The other way round gives the same lead.
  Workspace other = remote.workspace();
  merge_into(other, local.workspace(), k_t0 + 3 * k_minute);
  CHECK(other.leads == ws.leads);
}

TEST_CASE("concurrent edits of one field are listed as a conflict with both values (R11)", "[merge]") {
  Session local(base(), 2);
  Session remote(base(), 3);
  update(local, 1, k_t0 + k_minute, [](Lead& l) { l.first_name = "Ann"; });
  update(remote, 1, k_t0 + 2 * k_minute, [](Lead& l) { l.first_name = "Anna"; });

  Workspace ws = local.workspace();
  const auto report = merge_into(ws, remote.workspace(), k_t0 + 3 * k_minute);
  REQUIRE(report.conflicts.size() == 1);
  const auto& c = report.conflicts[0];
  CHECK(c.lead == LeadId{1});
  CHECK(c.field == LeadField::first_name);
  CHECK(c.local_value == "Ann");
  CHECK(c.remote_value == "Anna");
  CHECK(c.remote_won);
  CHECK(c.local_stamp.device == 2);
  CHECK(c.remote_stamp.device == 3);
  CHECK(lead_of(ws, 1).first_name == "Anna");
  CHECK(report.summary() == "1 updated, 1 conflict");

  // Seen from the other device: the same conflict, which its own value wins.
  const auto back = preview_merge(remote.workspace(), local.workspace(), k_t0 + 3 * k_minute);
  REQUIRE(back.conflicts.size() == 1);
  CHECK(back.conflicts[0].local_value == "Anna");
  CHECK_FALSE(back.conflicts[0].remote_won);
}

TEST_CASE("an edit made after seeing the other device's edit is an update, not a conflict", "[merge]") {
  Session local(base(), 2);
  Session remote(base(), 3);
  update(local, 1, k_t0 + k_minute, [](Lead& l) { l.first_name = "Ann"; });
  REQUIRE(remote.execute(MergeWorkspace{local.workspace(), k_t0 + 2 * k_minute}).ok);
  update(remote, 1, k_t0 + 3 * k_minute, [](Lead& l) { l.first_name = "Anna"; });
  const auto report = preview_merge(local.workspace(), remote.workspace(), k_t0 + 4 * k_minute);
  CHECK(report.conflicts.empty());
  REQUIRE(report.changes.size() == 1);
  CHECK(report.changes[0].after == "Anna");
}

TEST_CASE("a delete against a concurrent edit is flagged and the delete stands (R11)", "[merge]") {
  Session local(base(), 2);
  Session remote(base(), 3);
  REQUIRE(local.execute(DeleteLead{LeadId{1}, k_t0 + k_minute}).ok);
  update(remote, 1, k_t0 + 2 * k_minute, [](Lead& l) { l.notes = "called back"; });

  // The remote's edit arrives at the device that deleted.
  Workspace ws = local.workspace();
  const auto here = merge_into(ws, remote.workspace(), k_t0 + 3 * k_minute);
  REQUIRE(here.delete_conflicts.size() == 1);
  CHECK(here.delete_conflicts[0].lead == LeadId{1});
  CHECK(here.delete_conflicts[0].deleted_locally);
  CHECK(here.delete_conflicts[0].edited == std::vector<LeadField>{LeadField::notes});
  CHECK_FALSE(ws.leads.find(LeadId{1}));
  CHECK(lead_of(ws, 1).notes == "called back");  // kept under the tombstone
  CHECK(here.leads_updated == 0);

  // The deletion arrives at the device that edited.
  Workspace there = remote.workspace();
  const auto report = merge_into(there, local.workspace(), k_t0 + 3 * k_minute);
  CHECK(report.leads_deleted == 1);
  REQUIRE(report.delete_conflicts.size() == 1);
  CHECK_FALSE(report.delete_conflicts[0].deleted_locally);
  CHECK_FALSE(there.leads.find(LeadId{1}));
  CHECK(there.leads == ws.leads);

  // A delete made after seeing the edit is no conflict.
  Session third(remote.workspace(), 4);
  REQUIRE(third.execute(DeleteLead{LeadId{1}, k_t0 + 4 * k_minute}).ok);
  CHECK(preview_merge(remote.workspace(), third.workspace(), k_t0 + 5 * k_minute).delete_conflicts.empty());
}

TEST_CASE("opt-outs survive a merge with concurrent consent changes", "[merge][consent]") {
  Session start(base(), 1);
  REQUIRE(start
              .execute(SetConsent{LeadId{1}, Channel::email, Purpose::marketing, true, "web form", "Email me",
                                  "", k_t0 + 1000})
              .ok);
  REQUIRE(start.execute(SetDoNotContact{LeadId{1}, Channel::call, true, "asked", k_t0 + 1000}).ok);
  Session local(start.workspace(), 2);
  Session remote(start.workspace(), 3);

  SECTION("a do-not-contact here beats a later grant there") {
    REQUIRE(
        local.execute(SetDoNotContact{LeadId{1}, Channel::sms, true, "replied STOP", k_t0 + k_minute}).ok);
    REQUIRE(remote
                .execute(SetConsent{LeadId{1}, Channel::sms, Purpose::marketing, true, "keyword JOIN",
                                    "Texts", "", k_t0 + 5 * k_minute})
                .ok);
    for (const bool forward : {true, false}) {
      Workspace ws = forward ? local.workspace() : remote.workspace();
      merge_into(ws, forward ? remote.workspace() : local.workspace(), k_t0 + 6 * k_minute);
      const Lead l = lead_of(ws, 1);
      CHECK_FALSE(may_contact(l, Channel::sms, Purpose::marketing));
      CHECK(may_contact(l, Channel::email, Purpose::marketing));
    }
  }
  SECTION("a revocation here and a later grant on another channel there are both kept") {
    REQUIRE(local
                .execute(SetConsent{LeadId{1}, Channel::email, Purpose::marketing, false, "reply", "", "stop",
                                    k_t0 + k_minute})
                .ok);
    REQUIRE(remote
                .execute(SetConsent{LeadId{1}, Channel::sms, Purpose::marketing, true, "keyword JOIN",
                                    "Texts", "", k_t0 + 5 * k_minute})
                .ok);
    Workspace ws = local.workspace();
    const auto report = merge_into(ws, remote.workspace(), k_t0 + 6 * k_minute);
    const Lead l = lead_of(ws, 1);
    CHECK_FALSE(may_contact(l, Channel::email, Purpose::marketing));  // whole-field LWW would lose this
    CHECK(may_contact(l, Channel::sms, Purpose::marketing));
    REQUIRE(report.conflicts.size() == 1);  // listed, both values kept in the report
    CHECK(report.conflicts[0].field == LeadField::consent);
    Workspace other = remote.workspace();
    merge_into(other, local.workspace(), k_t0 + 6 * k_minute);
    CHECK(lead_of(other, 1) == l);
  }
  SECTION("a do-not-contact set here survives a later clear of another channel there, which stays cleared") {
    REQUIRE(
        local.execute(SetDoNotContact{LeadId{1}, Channel::sms, true, "replied STOP", k_t0 + k_minute}).ok);
    REQUIRE(remote.execute(SetDoNotContact{LeadId{1}, Channel::call, false, "", k_t0 + 5 * k_minute}).ok);
    Workspace ws = remote.workspace();
    merge_into(ws, local.workspace(), k_t0 + 6 * k_minute);
    const Lead l = lead_of(ws, 1);
    const auto blocked = [&](Channel c) {
      return std::any_of(l.do_not_contact.begin(), l.do_not_contact.end(),
                         [&](const DoNotContact& d) { return d.channel == c; });
    };
    CHECK(blocked(Channel::sms));
    // The clear is a stamped tombstone, later than the set in the other file: it stays cleared
    // (merge_rules_test.cpp covers the newer set that wins back).
    CHECK_FALSE(blocked(Channel::call));
  }
}

TEST_CASE("the practice profile with the later stamp wins; SetPracticeProfile stamps and undoes it",
          "[merge]") {
  Session local(base(), 2);
  Session remote(base(), 3);
  PracticeProfile a;
  a.name = "Lumen";
  PracticeProfile b = a;
  b.name = "Lumen Aesthetics";
  REQUIRE(local.execute(SetPracticeProfile{a, k_t0 + k_minute}).ok);
  const Stamp first = local.workspace().practice_stamp;
  CHECK(first.device == 2);
  REQUIRE(remote.execute(SetPracticeProfile{b, k_t0 + 2 * k_minute}).ok);
  Workspace ws = local.workspace();
  const auto report = merge_into(ws, remote.workspace(), k_t0 + 3 * k_minute);
  CHECK(report.practice_changed);
  CHECK(ws.practice == b);
  CHECK(ws.practice_stamp == remote.workspace().practice_stamp);
  Workspace other = remote.workspace();
  CHECK_FALSE(merge_into(other, local.workspace(), k_t0).practice_changed);
  CHECK(other.practice == b);

  REQUIRE(local.execute(SetPracticeProfile{b, k_t0 + 4 * k_minute}).ok == true);
  REQUIRE(local.undo());
  CHECK(local.workspace().practice == a);
  CHECK(local.workspace().practice_stamp == first);
}

TEST_CASE("events are unioned by id and a tombstone on either side wins", "[merge][events]") {
  Session start(base(), 1);
  REQUIRE(start
              .execute(AddEvents{{test::make_event(11, 1, k_t0, EventType::email_sent),
                                  test::make_event(12, 1, k_t0 + 1000, EventType::email_opened)},
                                 k_t0 + 2000})
              .ok);
  Workspace local = start.workspace();
  Workspace remote = start.workspace();
  const Stamp gone{k_t0 + 5000, 0, 3};
  REQUIRE(remote.events.set_deleted(EventId{11}, gone));
  HybridClock clock(3);
  REQUIRE(apply(remote, AddEvents{{test::make_event(13, 2, k_t0 + 500, EventType::call)}, k_t0 + 6000}, clock)
              .ok);

  const auto report = merge_into(local, remote, k_t0 + 7000);
  CHECK(report.events_added == 1);
  CHECK(report.events_deleted == 1);
  CHECK(report.summary() == "1 event added, 1 event deleted");
  REQUIRE(local.events.size() == 3);
  CHECK(local.events.is_deleted(*local.events.find(EventId{11})));
  CHECK(local.events.deleted_stamp(EventId{11}) == gone);
  CHECK(local.events.of_lead(LeadId{2}).size() == 1);
  CHECK(local.events == remote.events);  // same (time, insertion) order on both
  CHECK(merge_into(local, remote, k_t0 + 8000).nothing_new());
}

TEST_CASE("a file from a device a year ahead is merged with a warning; a later edit here still wins (R12)",
          "[merge][skew]") {
  const UnixMillis now = k_t0;
  const UnixMillis year = 365 * k_day;
  Session remote(base(), 0xfeedULL);
  update(remote, 1, now + year, [](Lead& l) { l.notes = "from the future"; });
  Session local(base(), 2);

  const auto preview = preview_merge(local.workspace(), remote.workspace(), now);
  REQUIRE(preview.clock_skew_warning);
  CHECK(preview.clock_skew_warning->find("000000000000feed") != std::string::npos);
  CHECK(preview.clock_skew_warning->find("365 day") != std::string::npos);
  CHECK(preview.remote_max == max_stamp(remote.workspace()));
  CHECK(preview.remote_max.millis == now + year);

  const auto merged = local.execute(MergeWorkspace{remote.workspace(), now});
  CHECK(merged.message.find("1 updated") == 0);
  CHECK(merged.message.find("365 day") != std::string::npos);
  CHECK(lead_of(local.workspace(), 1).notes == "from the future");
  const auto next_tick_wins = [&](const Session& s) {
    HybridClock clock = s.clock();
    return clock.tick(now) > preview.remote_max;
  };
  CHECK(next_tick_wins(local));

  // A minute later, here: the edit must win everywhere, despite its earlier wall clock.
  update(local, 1, now + k_minute, [](Lead& l) { l.notes = "corrected"; });
  Workspace there = remote.workspace();
  merge_into(there, local.workspace(), now + 2 * k_minute);
  CHECK(lead_of(there, 1).notes == "corrected");
  CHECK(local.execute(MergeWorkspace{remote.workspace(), now + 3 * k_minute}).message == "Nothing new");
  CHECK(lead_of(local.workspace(), 1).notes == "corrected");

  // A workspace loaded from storage holding such stamps moves a fresh clock forward too.
  Session reloaded(2);
  reloaded.reset(local.workspace());
  CHECK(next_tick_wins(reloaded));
  CHECK(next_tick_wins(Session(local.workspace(), 2)));
  CHECK_FALSE(next_tick_wins(Session(2)));
  // A file stamped less than a day ahead carries no warning.
  CHECK_FALSE(preview_merge(local.workspace(), remote.workspace(), now + year - 1000).clock_skew_warning);
}

TEST_CASE("MergeWorkspace: a summary, undo restores exactly, importing again says Nothing new (R14)",
          "[merge][command]") {
  Session local(base(), 2);
  Session remote(base(), 3);
  remote.execute(AddLead{named(3, "Cy"), k_t0 + 1000});
  remote.execute(AddLead{named(4, "Di"), k_t0 + 2000});
  update(remote, 2, k_t0 + 3000, [](Lead& l) { l.city = "Miami"; });
  update(local, 2, k_t0 + 4000, [](Lead& l) { l.city = "Tampa"; });
  remote.execute(AddEvents{{test::make_event(21, 3, k_t0 + 1000, EventType::form_submitted)}, k_t0 + 5000});
  const Workspace before = local.workspace();

  const auto r = local.execute(MergeWorkspace{remote.workspace(), k_t0 + 6000});
  REQUIRE(r.ok);
  CHECK(r.message == "2 leads added, 1 event added, 1 conflict");  // Tampa is newer: stays
  CHECK(local.revision() == before.revision + 1);
  CHECK(local.workspace().leads.size() == 4);
  CHECK(lead_of(local.workspace(), 2).city == "Tampa");

  const auto again = local.execute(MergeWorkspace{remote.workspace(), k_t0 + 7000});
  CHECK(again.ok);
  CHECK(again.message == "Nothing new");
  CHECK(local.revision() == before.revision + 1);

  REQUIRE(local.undo());
  CHECK(same_content(local.workspace(), before));
  CHECK(local.workspace().revision > before.revision);
  CHECK(local.workspace().unknown_members == before.unknown_members);
}

TEST_CASE("equal stamps with different values still merge the same way round (throwaway clocks)", "[merge]") {
  Workspace a;
  Workspace b;
  REQUIRE(apply(a, AddLead{named(1, "Ana"), k_t0}).ok);  // both stamped {k_t0, 0, device 0}
  REQUIRE(apply(b, AddLead{named(1, "Zoe"), k_t0}).ok);
  Workspace ab = a;
  merge_into(ab, b, k_t0);
  Workspace ba = b;
  merge_into(ba, a, k_t0);
  CHECK(ab.leads == ba.leads);
  CHECK(lead_of(ab, 1).first_name == "Zoe");  // the greater value breaks the tie
}

TEST_CASE("merge_lww_items keeps the later version of each item, tombstones included", "[merge][lww]") {
  struct Item {
    std::string id;
    Stamp stamp;
    bool deleted = false;
    std::string name;
  };
  const auto id = [](const Item& i) { return i.id; };
  const auto stamp = [](const Item& i) { return i.stamp; };
  const auto less = [](const Item& a, const Item& b) {
    return std::tie(a.deleted, a.name) < std::tie(b.deleted, b.name);
  };
  std::vector<Item> local = {{"botox", {10, 0, 1}, false, "Botox"}, {"peel", {10, 0, 1}, false, "Peel"}};
  const std::vector<Item> remote = {{"peel", {20, 0, 2}, true, "Peel"},
                                    {"botox", {5, 0, 2}, false, "Old name"},
                                    {"laser", {7, 0, 2}, false, "Laser"}};
  const auto counts = merge_lww_items(local, remote, id, stamp, less);
  CHECK(counts.added == 1);
  CHECK(counts.replaced == 1);
  REQUIRE(local.size() == 3);
  CHECK(local[0].name == "Botox");
  CHECK(local[1].deleted);
  CHECK(local[2].id == "laser");
  CHECK(merge_lww_items(local, remote, id, stamp, less).replaced == 0);
}

TEST_CASE("field_text shows plain values and tells different values apart", "[merge]") {
  Lead l = named(1, "Zoë");
  l.birth_date = CivilDate{1990, 4, 2};
  l.tags = {"vip", "a\"b"};
  l.do_not_contact = {{Channel::sms, "STOP", 5}};
  CHECK(field_text(l, LeadField::first_name) == "Zoë");
  CHECK(field_text(l, LeadField::birth_date) == "1990-04-02");
  CHECK(field_text(l, LeadField::tags) == R"(["vip","a\"b"])");
  CHECK(field_text(l, LeadField::do_not_contact) == R"([{"channel":"sms","at":5,"reason":"STOP"}])");
  Lead m = l;
  m.tags = {"vip\",\"a", "b"};
  CHECK(field_text(l, LeadField::tags) != field_text(m, LeadField::tags));
}

TEST_CASE("the stepped preview starts over when the workspace changes between steps", "[merge][preview]") {
  Session local(base(), 2);
  Session remote(base(), 3);
  for (std::uint64_t id = 10; id < 40; ++id) remote.execute(AddLead{named(id, "Cy"), k_t0 + k_minute});
  update(remote, 1, k_t0 + k_minute, [](Lead& l) { l.notes = "remote note"; });

  MergePreview preview(local.workspace(), remote.workspace(), k_t0 + k_day);
  REQUIRE_FALSE(preview.step(3));
  const double before = preview.progress();
  CHECK(before > 0.0);
  // An edit here mid-comparison: lead 2 gets the remote's new lead 10's id, so the report must
  // count one lead fewer added (and one row merged) than a stale comparison would.
  REQUIRE(local.execute(AddLead{named(10, "Cy"), k_t0 + k_day}).ok);
  while (!preview.step(3)) {
  }
  CHECK(preview.restarts() == 1);
  CHECK(preview.report() == preview_merge(local.workspace(), remote.workspace(), k_t0 + k_day));
  CHECK(preview.report().leads_added == 29);
}

}  // namespace merge_test
