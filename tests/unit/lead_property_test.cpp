// Property test: random command sequences run through Session (columns, indexes, undo) and
// through a naive oracle (a std::map of Lead values and a vector of events sorted by
// stable_sort). After every step every lead, lookup, event query and stamp must agree.
// Seeds are fixed so a failure reproduces; the generator is our own so libc++ (wasm) and
// libstdc++ (native) draw the same sequences.

#include <catch_amalgamated.hpp>

#include <algorithm>
#include <map>
#include <set>
#include <string>

#include "core/model/contact.hpp"
#include "core/session.hpp"
#include "core/util/splitmix.hpp"
#include "test_support.hpp"

namespace lead_property_test {

using namespace nurture;

namespace {

using Rng = SplitMix64;

constexpr UnixMillis k_base = 1790000000000;

struct Oracle {
  std::map<std::uint64_t, Lead> live;
  std::set<std::uint64_t> deleted;
  std::vector<Event> events;  // kept sorted by stable_sort on time
};

const std::vector<std::string> k_emails = {"",          "",         "ana@x.com", "ANA@x.com",
                                           "bea@y.org", "cy@z.net", "not-email"};
const std::vector<std::string> k_phones = {"", "", "(813) 555-0142", "+1 813 555 0142", "813.555.0199", "12"};
const std::vector<std::string> k_names = {"", "Ana", "Bea", "Zoë"};
const std::vector<std::string> k_words = {"", "botox", "fillers", "vip", "laser"};

Lead random_lead(Rng& rng, std::uint64_t id) {
  Lead l;
  l.id = LeadId{id};
  l.first_name = rng.pick(k_names);
  l.last_name = rng.pick(k_names);
  l.email = rng.pick(k_emails);
  l.phone = rng.pick(k_phones);
  if (rng.chance(30))
    l.birth_date = CivilDate{1960 + static_cast<int>(rng.below(40)), 1 + static_cast<unsigned>(rng.below(12)),
                             1 + static_cast<unsigned>(rng.below(28))};
  if (rng.chance(20)) l.age = static_cast<std::uint8_t>(rng.below(100));
  l.gender = static_cast<Gender>(rng.below(k_gender_count));
  l.city = rng.pick(std::vector<std::string>{"", "Tampa", "Miami"});
  l.state = rng.pick(std::vector<std::string>{"", "FL", "NY"});
  l.source = rng.pick(std::vector<std::string>{"", "facebook", "google"});
  l.notes = rng.chance(30) ? "note " + std::to_string(rng.below(1000)) : "";
  for (std::size_t i = rng.below(3); i > 0; --i) l.interests.push_back(rng.pick(k_words));
  for (std::size_t i = rng.below(3); i > 0; --i) l.tags.push_back(rng.pick(k_words));
  if (rng.chance(30)) l.custom_fields[rng.pick(k_words)] = rng.pick(k_names);
  return l;
}

// The oracle's own reading of the validation rules (normalisation itself is contact.cpp's).
bool normalise(Lead& l) {
  if (l.first_name.empty() && l.last_name.empty() && l.email.empty() && l.phone.empty()) return false;
  if (!l.email.empty()) {
    auto e = normalize_email(l.email);
    if (!e) return false;
    l.email = *e;
  }
  if (!l.phone.empty()) {
    auto p = normalize_phone(l.phone, l.country.empty() ? "US" : l.country);
    if (!p) return false;
    l.phone = *p;
  }
  return true;
}

std::vector<Stamp> all_stamps(const LeadStore& leads) {
  std::vector<Stamp> out;
  for (std::uint32_t r = 0; r < leads.rows(); ++r) {
    for (std::size_t f = 0; f < k_lead_field_count; ++f)
      out.push_back(leads.stamp(r, static_cast<LeadField>(f)));
    out.push_back(leads.deleted_stamp(r));
  }
  return out;
}

// The first disagreement, described; empty when the store and the oracle agree. (One REQUIRE
// per step instead of one per value keeps several hundred seeds fast.)
std::string disagreement(const Session& s, const Oracle& o, Rng& rng) {
  const auto& leads = s.workspace().leads;
  if (!(leads.size() == o.live.size())) return "live count differs";
  for (const auto& [id, lead] : o.live) {
    const auto row = leads.find(LeadId{id});
    if (!(row)) return "live lead not found";
    // Record stamps come from the session's clock, which the oracle does not model; merge tests
    // check them.
    if (!(test::without_record_stamps(leads.get(*row)) == lead)) return "lead read back differs";
  }
  for (const auto id : o.deleted)
    if (leads.find(LeadId{id})) return "deleted lead found";
  for (const auto& raw : k_emails) {
    const auto e = normalize_email(raw);
    if (!e) continue;
    std::set<std::uint64_t> want, got;
    for (const auto& [id, lead] : o.live) {
      if (lead.email == *e) want.insert(id);
    }
    for (const auto r : leads.find_by_email(*e)) got.insert(leads.id(r).value);
    if (!(got == want)) return "email lookup differs";
  }
  for (const auto& raw : k_phones) {
    const auto p = normalize_phone(raw);
    if (!p) continue;
    std::set<std::uint64_t> want, got;
    for (const auto& [id, lead] : o.live) {
      if (lead.phone == *p) want.insert(id);
    }
    for (const auto r : leads.find_by_phone(*p)) got.insert(leads.id(r).value);
    if (!(got == want)) return "phone lookup differs";
  }
  const auto& log = s.workspace().events;
  if (!(log.size() == o.events.size())) return "event count differs";
  for (std::uint32_t p = 0; p < log.size(); ++p)
    if (!(log.get(p) == o.events[p])) return "event differs";
  std::set<std::uint64_t> lead_ids(o.deleted);
  for (const auto& [id, lead] : o.live) lead_ids.insert(id);
  for (const auto id : lead_ids) {
    std::vector<std::uint64_t> want, got;
    for (const auto& e : o.events) {
      if (e.lead.value == id) want.push_back(e.id.value);
    }
    for (const auto p : log.of_lead(LeadId{id})) got.push_back(log.id(p).value);
    if (!(got == want)) return "events of lead differ";
  }
  for (int q = 0; q < 3; ++q) {
    const auto type = static_cast<EventType>(rng.below(k_event_type_count));
    const UnixMillis from = k_base + static_cast<UnixMillis>(rng.below(200)) * 1000;
    const UnixMillis to = from + static_cast<UnixMillis>(rng.below(200)) * 1000;
    std::vector<std::uint64_t> want, got;
    for (const auto& e : o.events) {
      if (e.type == type && e.at >= from && e.at < to) want.push_back(e.id.value);
    }
    for (const auto p : log.of_type(type, from, to)) got.push_back(log.id(p).value);
    if (!(got == want)) return "events of type in range differ";
  }
  return {};
}

void run_seed(std::uint64_t seed, int steps) {
  Rng rng{seed};
  Session s(seed);
  Oracle o;
  std::vector<std::pair<Oracle, std::vector<Stamp>>> history;  // for undo
  std::uint64_t next_lead = 1, next_event = 1;
  UnixMillis now = k_base;
  const auto any_lead = [&]() -> std::uint64_t {
    // Mostly a known lead (live or deleted), sometimes one that never existed.
    if (next_lead == 1 || rng.chance(10)) return 999999;
    return 1 + rng.below(next_lead - 1);
  };
  for (int step = 0; step < steps; ++step) {
    now += static_cast<UnixMillis>(rng.below(5)) * 1000;  // whole seconds: many equal times
    INFO("seed " << seed << " step " << step);
    const auto stamps_before = all_stamps(s.workspace().leads);
    const Oracle before = o;
    const auto revision_before = s.revision();
    const auto kind = rng.below(9);
    bool expect_ok = true;
    CommandResult r;
    if (kind == 8) {
      const bool undone = s.undo();
      REQUIRE(undone == !history.empty());
      if (undone) {
        o = history.back().first;
        REQUIRE(all_stamps(s.workspace().leads) == history.back().second);
        history.pop_back();
      }
      REQUIRE(disagreement(s, o, rng).empty());
      continue;
    }
    if (kind <= 1) {
      Lead l = random_lead(rng, rng.chance(5) ? 1 : next_lead);
      Lead want = l;
      expect_ok = normalise(want) && o.live.count(l.id.value) == 0 && o.deleted.count(l.id.value) == 0;
      r = s.execute(AddLead{l, now});
      if (expect_ok) {
        ++next_lead;
        want.created_at = now;
        want.stage_history = {{Stage::awareness, now}};
        o.live[l.id.value] = want;
      }
    } else if (kind == 2) {
      const auto id = any_lead();
      Lead values = random_lead(rng, id);
      const auto it = o.live.find(id);
      expect_ok = it != o.live.end();
      if (expect_ok) {
        if (rng.chance(50)) values = it->second, values.notes = "edited " + std::to_string(step);
        Lead want = values;
        expect_ok = normalise(want);
        want.stage = it->second.stage;
        want.stage_history = it->second.stage_history;
        want.consent = it->second.consent;
        want.do_not_contact = it->second.do_not_contact;
        want.do_not_contact_cleared = it->second.do_not_contact_cleared;
        want.created_at = it->second.created_at;
        if (expect_ok) it->second = want;
      }
      r = s.execute(UpdateLead{LeadId{id}, values, now});
    } else if (kind == 3) {
      const auto id = any_lead();
      expect_ok = o.live.count(id) != 0;
      if (expect_ok) o.live.erase(id), o.deleted.insert(id);
      r = s.execute(DeleteLead{LeadId{id}, now});
    } else if (kind == 4) {
      const auto id = any_lead();
      const auto stage = static_cast<Stage>(rng.below(k_stage_count));
      const auto it = o.live.find(id);
      expect_ok = it != o.live.end();
      if (expect_ok && it->second.stage != stage) {
        it->second.stage = stage;
        it->second.stage_history.push_back({stage, now, StageCause::manual});
      }
      r = s.execute(SetStage{LeadId{id}, stage, now});
    } else if (kind == 5) {
      const auto id = any_lead();
      SetConsent c{LeadId{id},
                   static_cast<Channel>(rng.below(3)),
                   static_cast<Purpose>(rng.below(2)),
                   rng.chance(60),
                   "web form",
                   "Send me news",
                   rng.chance(80) ? "asked" : "",
                   now};
      const auto it = o.live.find(id);
      expect_ok = it != o.live.end() && (c.granted || !c.reason.empty());
      if (expect_ok) {
        auto& lead = it->second;
        const bool blocked = std::any_of(lead.do_not_contact.begin(), lead.do_not_contact.end(),
                                         [&](const DoNotContact& d) { return d.channel == c.channel; });
        expect_ok = !(c.granted && blocked);
        if (expect_ok) {
          ConsentRecord rec{
              c.channel, c.purpose, c.granted, now, c.method, c.text, c.granted ? "" : c.reason};
          bool found = false;
          for (auto& existing : lead.consent) {
            if (existing.channel == c.channel && existing.purpose == c.purpose) existing = rec, found = true;
          }
          if (!found) lead.consent.push_back(rec);
        }
      }
      r = s.execute(c);
    } else if (kind == 6) {
      const auto id = any_lead();
      SetDoNotContact c{LeadId{id}, static_cast<Channel>(rng.below(3)), rng.chance(70), "STOP", now};
      const auto it = o.live.find(id);
      expect_ok = it != o.live.end();
      if (expect_ok) {
        auto& lead = it->second;
        auto& dnc = lead.do_not_contact;
        const auto found = std::find_if(dnc.begin(), dnc.end(),
                                        [&](const DoNotContact& d) { return d.channel == c.channel; });
        auto& cleared = lead.do_not_contact_cleared;
        const auto drop_cleared = [&] {
          cleared.erase(std::remove_if(cleared.begin(), cleared.end(),
                                       [&](const DoNotContact& d) { return d.channel == c.channel; }),
                        cleared.end());
        };
        if (c.blocked) {
          if (found != dnc.end()) {
            *found = {c.channel, c.reason, now};
          } else {
            dnc.push_back({c.channel, c.reason, now});
          }
          drop_cleared();
          for (auto& consent : lead.consent) {
            if (consent.channel == c.channel && consent.granted) {
              consent = {consent.channel,  consent.purpose, false,   now,
                         "do-not-contact", consent.text,    c.reason};
            }
          }
        } else if (found != dnc.end()) {
          dnc.erase(found);
          drop_cleared();  // a clear is kept as a tombstone (docs/sync.md)
          cleared.push_back({c.channel, c.reason, now});
        }
      }
      r = s.execute(c);
    } else {
      std::vector<Event> batch;
      const bool late = rng.chance(40);  // out-of-order batches exercise the merge
      for (std::size_t i = 1 + rng.below(6); i > 0; --i) {
        Event e;
        e.id = EventId{rng.chance(3) && next_event > 1 ? 1 : next_event++};
        e.lead = LeadId{any_lead()};
        e.at = late ? now - static_cast<UnixMillis>(rng.below(40)) * 1000
                    : now + static_cast<UnixMillis>(rng.below(3)) * 1000;
        e.type = static_cast<EventType>(rng.below(k_event_type_count));
        e.seconds = static_cast<std::uint32_t>(rng.below(300));
        e.content = rng.pick(k_words);
        if (rng.chance(20)) e.properties.emplace_back("utm", rng.pick(k_words));
        batch.push_back(e);
      }
      std::set<std::uint64_t> ids;
      for (const auto& e : o.events) ids.insert(e.id.value);
      for (const auto& e : batch) {
        expect_ok = expect_ok && o.live.count(e.lead.value) != 0 && ids.insert(e.id.value).second;
      }
      if (expect_ok) {
        o.events.insert(o.events.end(), batch.begin(), batch.end());
        std::stable_sort(o.events.begin(), o.events.end(),
                         [](const Event& a, const Event& b) { return a.at < b.at; });
      }
      r = s.execute(AddEvents{batch, now});
    }
    REQUIRE(r.ok == expect_ok);
    const auto stamps_after = all_stamps(s.workspace().leads);
    // A stamp moves exactly when its field's value changed, and only forward.
    for (std::uint32_t row = 0; row < s.workspace().leads.rows(); ++row) {
      const auto id = s.workspace().leads.id(row).value;
      const auto old_it = before.live.find(id);
      if (old_it == before.live.end()) continue;
      const Lead now_lead = test::without_record_stamps(s.workspace().leads.get(row));
      for (std::size_t f = 0; f < k_lead_field_count; ++f) {
        const auto i = row * LeadStore::k_stamp_slots + f;
        const bool changed = !field_equal(old_it->second, now_lead, static_cast<LeadField>(f));
        const bool moved_forward = stamps_after[i] > stamps_before[i];
        if (changed != moved_forward || (!changed && stamps_after[i] != stamps_before[i])) {
          FAIL("row " << row << " field " << to_string(static_cast<LeadField>(f)) << " changed " << changed);
        }
      }
    }
    if (s.revision() != revision_before) {
      history.emplace_back(before, stamps_before);
      if (history.size() > Session::k_undo_depth) history.erase(history.begin());
    }
    REQUIRE(disagreement(s, o, rng).empty());
  }
}

}  // namespace

TEST_CASE("leads and events agree with a naive oracle over random command sequences", "[property]") {
  for (std::uint64_t seed = 1; seed <= 300; ++seed) run_seed(seed, 40);
}

}  // namespace lead_property_test
