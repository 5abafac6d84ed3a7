// Audience files (core/audience): per-key normalisation, SHA-256 of the normalised values, who
// qualifies, the minimum of 100, the file name and the exact rows. Every digest below was
// computed outside Nurture with `printf %s VALUE | sha256sum` (GNU coreutils) and pasted; the
// same tests run as wasm under node, which proves the two builds hash alike.
#include "core/audience/audience.hpp"

#include <catch_amalgamated.hpp>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "core/util/splitmix.hpp"

namespace audience_test {

using namespace nurture;
using namespace nurture::audience;

namespace {

// printf %s VALUE | sha256sum
constexpr const char* k_sha_test_email = "973dfe463ec85785f5f95af5ba3906eedb2d931c24e69824a89ea65dba4e813b";
constexpr const char* k_sha_ana_email =
    "9e86f388756b1353c6807003dcd2f749be519bbd6ab6d8a935d6b298d2758481";  // ana.reyes@example.com
constexpr const char* k_sha_phone_meta =
    "192ce6066873d348d5790b8a4422827e1af08d205d8bd902aeb1a1694c63e1ac";  // 18135550123
constexpr const char* k_sha_phone_google =
    "eda918ea697ad4bdb842656e3a79d314589781662dd333f62e8f279f5cd2c5b8";  // +18135550123
constexpr const char* k_sha_ana = "24d4b96f58da6d4a8512313bbd02a28ebf0ca95dec6e4c86ef78ce7f01e788ac";
constexpr const char* k_sha_reyes = "43762f7506b7249e54aaec56c5429982b7401dc6716ed08898cab1a067d0bcaa";
constexpr const char* k_sha_33602 = "1e4fc3e41e78164307dcc2d3ede75ef18797b5278e417234244e8f152821ce51";
constexpr const char* k_sha_tampa = "6025862b2fda4a7d96bf1049f270eddb09ee347de9f02807d3c230a572fdf793";
constexpr const char* k_sha_fl = "593f2d04aab251f60c9e4b8bbc1e05a34e920980ec08351a18459b2bc7dbf2f6";
constexpr const char* k_sha_us = "79adb2a2fce5c6ba215fe5f27f532d4e7edbac4b6a5e09e1ef3a08084a904621";
constexpr const char* k_sha_1986 = "8f8472a2f6ec348bfc7577a035c7f34a04c62f0c757b54687e1175236dcf393b";
constexpr const char* k_sha_10 = "4a44dc15364204a80fe80e9039455cc1608281820fe2b24f1e5233ade6af1dd5";
constexpr const char* k_sha_01 = "938db8c9f82c8cb58d3f3ef4fd250036a48d26a712753d2fde5abd03a85cabf4";
constexpr const char* k_sha_f = "252f10c83610ebca1a059c0bae8255eba2f95be4d1d7bcfa89d7248a82d9f111";
constexpr const char* k_sha_elodie =
    "36bac2631d17463d569eaf1b869e7bf8d40e4636fd8b2b778ee93f504baf6691";  // élodie
constexpr const char* k_sha_anna_cyr =
    "80e29e9a7810e7454c3d14c0f97cd121ae314384d010d8a48c02ab27f360afb9";  // анна
constexpr const char* k_sha_obrien_google =
    "65b87174be3b1b122e2b0929f0b84888637d31a4a83bb96a860bcff411f5e668";  // o'brien

constexpr UnixMillis k_day = 86'400'000;
constexpr UnixMillis k_t0 = 1'790'000'000'000;  // 2026-09-21

ConsentRecord grant(Channel ch, UnixMillis at = k_t0) {
  return {ch, Purpose::marketing, true, at, "web form", "OK", ""};
}
ConsentRecord revoke(Channel ch, UnixMillis at = k_t0) {
  return {ch, Purpose::marketing, false, at, "reply STOP", "", "Replied STOP"};
}

// A plain consenting lead: email with email consent, nothing else.
Lead consenting(std::uint64_t id) {
  Lead l;
  l.id = LeadId{id};
  l.first_name = "Lead";
  l.email = "lead" + std::to_string(id) + "@example.com";
  l.consent = {grant(Channel::email)};
  return l;
}

Lead ana() {
  Lead l;
  l.id = LeadId{0xa1};
  l.first_name = "Ana";
  l.last_name = "Reyes";
  l.email = "ana.reyes@example.com";
  l.phone = "+18135550123";
  l.zip = "33602-1234";
  l.city = "Tampa";
  l.state = "FL";
  l.birth_date = CivilDate{1986, 10, 1};
  l.gender = Gender::female;
  l.consent = {grant(Channel::email), grant(Channel::sms)};
  return l;
}

struct Fixture {
  Workspace ws;
  void add(const Lead& lead) { ws.leads.append_row(lead, Stamp{k_t0, 0, 1}); }
  void unsubscribe(LeadId lead, UnixMillis at) {
    Event e;
    e.id = EventId{ws.events.size() + 1};
    e.lead = lead;
    e.at = at;
    e.type = EventType::unsubscribed;
    ws.events.add({e});
  }
  [[nodiscard]] segment::LeadSet all() const { return segment::LeadSet::live(ws.leads); }
};

std::vector<std::string> lines_of(const std::string& csv) {
  std::vector<std::string> out;
  std::size_t from = 0;
  while (from < csv.size()) {
    const std::size_t nl = csv.find('\n', from);
    out.push_back(csv.substr(from, nl - from));
    from = nl + 1;
  }
  return out;
}

std::string last_cell(const std::string& line) { return line.substr(line.rfind(',') + 1); }

}  // namespace

TEST_CASE("hashes are lowercase hex SHA-256 of the normalised value; empty stays empty", "[audience]") {
  CHECK(hash_key("test@example.com") == k_sha_test_email);
  CHECK(hash_key(audience::normalize_email("  Test@Example.COM \t")) == k_sha_test_email);
  CHECK(hash_key("") == "");
  CHECK(hash_key(meta_phone("+18135550123")) == k_sha_phone_meta);
  CHECK(hash_key(google_phone("+18135550123")) == k_sha_phone_google);
  CHECK(hash_key(meta_letters("ÉLODIE")) == k_sha_elodie);
  CHECK(hash_key(meta_letters("Анна")) == k_sha_anna_cyr);
  CHECK(hash_key(google_name(" O'Brien ")) == k_sha_obrien_google);
}

TEST_CASE("keys are normalised per target as DOMAIN.md says", "[audience]") {
  CHECK(audience::normalize_email(" Ana.Reyes@Example.COM ") == "ana.reyes@example.com");
  CHECK(audience::normalize_email("   ") == "");

  // Phones: the store's E.164; Meta wants the digits, Google keeps the '+'.
  CHECK(meta_phone("+18135550123") == "18135550123");
  CHECK(meta_phone("+1 (813) 555-0123") == "18135550123");
  CHECK(google_phone("+44 20 7946 0958") == "+442079460958");
  CHECK(meta_phone("8135550123") == "");  // no country code: unusable, never guessed
  CHECK(google_phone("8135550123") == "");
  CHECK(meta_phone("+1813555012x") == "");
  CHECK(meta_phone("+1234567") == "");           // 7 digits: too short for E.164
  CHECK(meta_phone("+1234567890123456") == "");  // 16 digits: too long
  CHECK(meta_phone("") == "");

  // Names, city, state: letters only, lowercase; non-ASCII letters kept and lowercased.
  CHECK(meta_letters("Mary-Ann") == "maryann");
  CHECK(meta_letters("O'Brien Jr. 2nd") == "obrienjrnd");
  CHECK(meta_letters("D\xE2\x80\x99"
                     "Angelo") == "dangelo");  // typographic apostrophe U+2019
  CHECK(meta_letters("Mary\xC2\xA0"
                     "Ann") == "maryann");  // no-break space
  CHECK(meta_letters("José") == "josé");
  CHECK(meta_letters("ÉLODIE") == "élodie");
  CHECK(meta_letters("ŁUKASZ") == "łukasz");
  CHECK(meta_letters("Zoë") == "zoë");
  CHECK(meta_letters("STRAßE") == "straße");
  CHECK(meta_letters("ΣΟΦΙΑ") == "σοφια");
  CHECK(meta_letters("Анна") == "анна");
  CHECK(meta_letters("St. Petersburg") == "stpetersburg");
  CHECK(meta_letters("FL") == "fl");
  CHECK(meta_letters("123 !") == "");
  CHECK(meta_letters("Ana\xFF") == "ana");  // an invalid byte is dropped

  CHECK(google_name("  Mary Ann ") == "mary ann");
  CHECK(google_name("ÉLODIE") == "élodie");

  CHECK(meta_zip("33602-1234") == "33602");
  CHECK(meta_zip(" SW1A 1AA ") == "sw1a1aa");
  CHECK(meta_zip("") == "");
  CHECK(meta_country(" US ") == "us");
  CHECK(meta_country("USA") == "");
  CHECK(meta_country("U1") == "");
}

TEST_CASE("a Meta row: every key hashed but extern_id, in DOMAIN.md's column order", "[audience]") {
  Fixture f;
  f.ws.practice.country = "US";
  f.add(ana());
  for (std::uint64_t i = 1; i < 100; ++i) f.add(consenting(0x1000 + i));
  const auto file = build_audience(f.ws, f.all(), AudienceFormat::meta, CivilDate{2026, 12, 6});
  REQUIRE(file.ok());
  const auto lines = lines_of(file.value().csv);
  REQUIRE(lines.size() == 101);
  CHECK(lines[0] == "email,phone,fn,ln,zip,ct,st,country,doby,dobm,dobd,gen,extern_id");
  // Ana: zip before '-', country from the practice (she has none), birth date split, gender f.
  const std::string expected = std::string(k_sha_ana_email) + "," + k_sha_phone_meta + "," + k_sha_ana + "," +
                               k_sha_reyes + "," + k_sha_33602 + "," + k_sha_tampa + "," + k_sha_fl + "," +
                               k_sha_us + "," + k_sha_1986 + "," + k_sha_10 + "," + k_sha_01 + "," + k_sha_f +
                               ",L00000000000000a1";
  CHECK(lines[1] == expected);
  // A lead with only a first name and an email: the empty keys stay empty, never sha256("").
  // Its country still comes from the practice.
  const std::string lead_hash = hash_key("lead");
  CHECK(lines[2] ==
        hash_key("lead4097@example.com") + ",," + lead_hash + ",,,,," + k_sha_us + ",,,,,L0000000000001001");
  // printf "" | sha256sum
  CHECK(file.value().csv.find("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855") ==
        std::string::npos);
  CHECK(file.value().count.qualifying == 100);
  CHECK(file.value().count.with_phone == 1);
}

TEST_CASE("a Google row: exact headers, E.164 with '+', Country and Zip in clear", "[audience]") {
  Fixture f;
  f.ws.practice.country = "US";
  Lead a = ana();
  a.first_name = " O'Brien ";
  f.add(a);
  Lead hostile = consenting(0x2000);
  hostile.country = "gb";
  hostile.zip = "=1+2";  // a formula in a clear-text cell gets the apostrophe
  f.add(hostile);
  for (std::uint64_t i = 1; i < 99; ++i) f.add(consenting(0x1000 + i));
  const auto file = build_audience(f.ws, f.all(), AudienceFormat::google, CivilDate{2026, 12, 6});
  REQUIRE(file.ok());
  const auto lines = lines_of(file.value().csv);
  REQUIRE(lines.size() == 101);
  CHECK(lines[0] == "Email,Phone,First Name,Last Name,Country,Zip");
  CHECK(lines[1] == std::string(k_sha_ana_email) + "," + k_sha_phone_google + "," + k_sha_obrien_google +
                        "," + k_sha_reyes + ",US,33602-1234");
  CHECK(lines[2] == hash_key("lead8192@example.com") + ",," + hash_key("lead") + ",,GB,'=1+2");
  CHECK(file.value().file_name == "audience-2026-12-06-google.csv");
  // No byte-order mark and no CR: Google compares the header text exactly.
  CHECK(file.value().csv.rfind("Email,", 0) == 0);
  CHECK(file.value().csv.find('\r') == std::string::npos);
}

TEST_CASE("only members with marketing consent on a key's channel, no opt-out and no DNC qualify",
          "[audience]") {
  Fixture f;
  Lead email_only = ana();  // email consent only: the phone is left out of the row
  email_only.id = LeadId{1};
  email_only.consent = {grant(Channel::email)};
  f.add(email_only);
  Lead call_only = ana();  // call consent covers the phone; no email consent: email left out
  call_only.id = LeadId{2};
  call_only.consent = {grant(Channel::call)};
  f.add(call_only);
  Lead dnc = ana();  // do-not-contact on one channel keeps the lead out entirely
  dnc.id = LeadId{3};
  dnc.do_not_contact = {{Channel::call, "asked", k_t0}};
  f.add(dnc);
  Lead stopped = ana();  // revoked texts but still has email consent: an objection to marketing
  stopped.id = LeadId{4};
  stopped.consent = {grant(Channel::email), revoke(Channel::sms)};
  f.add(stopped);
  Lead unsubscribed = ana();  // unsubscribed after the last grant
  unsubscribed.id = LeadId{5};
  f.add(unsubscribed);
  f.unsubscribe(LeadId{5}, k_t0 + k_day);
  Lead came_back = ana();  // unsubscribed, then granted consent again later: qualifies
  came_back.id = LeadId{6};
  came_back.consent = {grant(Channel::email, k_t0 + 10 * k_day)};
  f.add(came_back);
  f.unsubscribe(LeadId{6}, k_t0 + k_day);
  Lead nothing = consenting(7);  // no email, no phone
  nothing.email.clear();
  f.add(nothing);
  Lead local_phone = consenting(8);  // a phone without country code is no key
  local_phone.email.clear();
  local_phone.phone = "8135550123";
  local_phone.consent = {grant(Channel::sms)};
  f.add(local_phone);
  Lead treatment_only = ana();  // consent for treatment messages is not marketing consent
  treatment_only.id = LeadId{9};
  treatment_only.consent = {{Channel::email, Purpose::treatment, true, k_t0, "form", "", ""}};
  f.add(treatment_only);
  Lead deleted = consenting(10);
  f.add(deleted);
  f.ws.leads.set_deleted(*f.ws.leads.find(LeadId{10}), true, Stamp{k_t0, 1, 1});

  segment::LeadSet members(f.ws.leads.rows());
  for (std::uint32_t r = 0; r < f.ws.leads.rows(); ++r) members.set(r);  // the deleted row too
  const AudienceCount c = count_audience(f.ws, members);
  CHECK(c.members == 9);
  CHECK(c.qualifying == 3);  // 1, 2, 6
  CHECK(c.with_email == 2);  // 1, 6
  CHECK(c.with_phone == 1);  // 2
  CHECK(c.skipped_for(AudienceSkip::do_not_contact) == 1);
  CHECK(c.skipped_for(AudienceSkip::withdrew_consent) == 2);
  CHECK(c.skipped_for(AudienceSkip::no_contact) == 2);  // 7, and 8's local number
  CHECK(c.skipped_for(AudienceSkip::no_consent) == 1);  // 9

  // Pad to the minimum with plain consenting leads and look at the three rows.
  for (std::uint64_t i = 0; i < 97; ++i) f.add(consenting(0x1000 + i));
  const auto file =
      build_audience(f.ws, segment::LeadSet::live(f.ws.leads), AudienceFormat::meta, CivilDate{2026, 1, 2});
  REQUIRE(file.ok());
  const auto lines = lines_of(file.value().csv);
  REQUIRE(lines.size() == 101);
  CHECK(last_cell(lines[1]) == "L0000000000000001");
  CHECK(lines[1].rfind(std::string(k_sha_ana_email) + ",,", 0) == 0);  // email, no phone
  CHECK(last_cell(lines[2]) == "L0000000000000002");
  CHECK(lines[2].rfind(std::string(",") + k_sha_phone_meta + ",", 0) == 0);  // phone, no email
  CHECK(last_cell(lines[3]) == "L0000000000000006");
}

TEST_CASE("fewer than 100 qualifying leads: refused with the count; 100 is enough", "[audience]") {
  Fixture f;
  for (std::uint64_t i = 1; i <= 99; ++i) f.add(consenting(i));
  Lead dnc = consenting(500);
  dnc.do_not_contact = {{Channel::email, "asked", k_t0}};
  f.add(dnc);  // 100 members, 99 qualify
  auto file = build_audience(f.ws, f.all(), AudienceFormat::meta, CivilDate{2026, 12, 6});
  REQUIRE_FALSE(file.ok());
  CHECK(file.error().message.rfind("only 99 leads qualify; Meta and Google need at least 100", 0) == 0);
  CHECK(audience_too_small(1).rfind("only 1 lead qualifies;", 0) == 0);
  CHECK(audience_too_small(0).rfind("only 0 leads qualify;", 0) == 0);
  CHECK(audience_too_small(100).empty());

  f.add(consenting(100));
  file = build_audience(f.ws, f.all(), AudienceFormat::meta, CivilDate{2026, 12, 6});
  REQUIRE(file.ok());
  CHECK(file.value().count.qualifying == 100);
  CHECK(file.value().count.members == 101);
  CHECK(lines_of(file.value().csv).size() == 101);
}

TEST_CASE("file names are neutral and dated", "[audience]") {
  CHECK(audience_file_name(AudienceFormat::meta, CivilDate{2026, 12, 6}) == "audience-2026-12-06-meta.csv");
  CHECK(audience_file_name(AudienceFormat::google, CivilDate{2027, 1, 9}) ==
        "audience-2027-01-09-google.csv");
  CHECK(parse_audience_format("meta") == AudienceFormat::meta);
  CHECK(parse_audience_format("google") == AudienceFormat::google);
  CHECK_FALSE(parse_audience_format("Meta").has_value());
  CHECK(to_string(AudienceSkip::withdrew_consent) == "withdrew_consent");
}

// Random leads against a naive oracle written straight from the rules in audience.hpp.
TEST_CASE("who qualifies matches a naive reading of the rules", "[audience][property]") {
  SplitMix64 rng(20261206);
  int built = 0;
  int refused = 0;
  for (int round = 0; round < 20; ++round) {
    Fixture f;
    std::set<std::string> expected_ids;
    std::size_t expected_phone = 0;
    const std::size_t n = 200 + rng.below(200);
    for (std::size_t i = 0; i < n; ++i) {
      Lead l;
      l.id = LeadId{i + 1};
      if (!rng.chance(10)) l.email = "p" + std::to_string(i) + "@example.com";
      if (rng.chance(60)) l.phone = rng.chance(90) ? "+1813555" + std::to_string(1000 + i) : "813555";
      for (const Channel ch : {Channel::email, Channel::sms, Channel::call}) {
        if (rng.chance(50)) l.consent.push_back(rng.chance(85) ? grant(ch) : revoke(ch));
      }
      if (rng.chance(8)) l.do_not_contact.push_back({Channel::sms, "stop", k_t0});
      f.add(l);
      const bool unsub = rng.chance(6);
      const UnixMillis unsub_at = k_t0 + (rng.chance(50) ? k_day : -k_day);
      if (unsub) f.unsubscribe(l.id, unsub_at);

      // The oracle.
      bool revoked = false;
      bool email_ok = false;
      bool text_or_call_ok = false;
      UnixMillis latest_grant = -1;
      for (const auto& c : l.consent) {
        if (!c.granted) revoked = true;
        if (c.granted) latest_grant = std::max(latest_grant, c.at);
        if (c.granted && c.channel == Channel::email) email_ok = true;
        if (c.granted && c.channel != Channel::email) text_or_call_ok = true;
      }
      if (unsub) {
        if (latest_grant < 0 || unsub_at >= latest_grant) revoked = true;
      }
      const bool usable_phone = l.phone.size() > 1 && l.phone[0] == '+';
      const bool in = l.do_not_contact.empty() && !revoked &&
                      ((!l.email.empty() && email_ok) || (usable_phone && text_or_call_ok));
      if (in) {
        expected_ids.insert(to_string(l.id));
        if (usable_phone && text_or_call_ok) ++expected_phone;
      }
    }
    const AudienceCount c = count_audience(f.ws, f.all());
    REQUIRE(c.members == n);
    CHECK(c.qualifying == expected_ids.size());
    CHECK(c.with_phone == expected_phone);
    std::size_t skipped = 0;
    for (const auto s : c.skipped) skipped += s;
    CHECK(skipped + c.qualifying == n);
    const auto file = build_audience(f.ws, f.all(), AudienceFormat::meta, CivilDate{2026, 12, 6});
    if (expected_ids.size() < k_min_audience) {
      CHECK_FALSE(file.ok());
      ++refused;
      continue;
    }
    REQUIRE(file.ok());
    std::set<std::string> ids;
    const auto lines = lines_of(file.value().csv);
    for (std::size_t i = 1; i < lines.size(); ++i) ids.insert(last_cell(lines[i]));
    CHECK(ids == expected_ids);
    CHECK(lines.size() == expected_ids.size() + 1);
    ++built;
  }
  // The seeded rounds exercise both sides of the minimum.
  CHECK(built > 0);
  CHECK(refused > 0);
}

}  // namespace audience_test
