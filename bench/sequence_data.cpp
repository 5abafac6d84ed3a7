#include "bench/sequence_data.hpp"

#include <algorithm>
#include <array>

#include "core/sequence/sequence.hpp"
#include "core/util/splitmix.hpp"

namespace nurture::bench {

namespace {

constexpr UnixMillis k_minute = 60'000;
constexpr UnixMillis k_hour = 3'600'000;
constexpr UnixMillis k_day = 86'400'000;

struct Place {
  const char* zone;
  const char* state;
  const char* area;  // phone area code
  int offset;        // UTC offset in minutes in November
  unsigned weight;   // percent
};
// Florida keeps texts to 08:00–20:00 and three a day; Texas, Alabama have their own days.
constexpr std::array<Place, 8> k_places = {{{"America/New_York", "NY", "212", -300, 25},
                                            {"America/New_York", "FL", "305", -300, 15},
                                            {"America/Chicago", "IL", "312", -360, 14},
                                            {"America/Chicago", "TX", "214", -360, 10},
                                            {"America/Chicago", "AL", "205", -360, 4},
                                            {"America/Denver", "CO", "303", -420, 8},
                                            {"America/Phoenix", "AZ", "602", -420, 6},
                                            {"America/Los_Angeles", "CA", "415", -480, 18}}};

Step message(std::string id, StepChannel channel, std::int64_t offset_minutes, MessagePurpose purpose) {
  Step s;
  s.id = std::move(id);
  s.kind = StepKind::message;
  s.channel = channel;
  s.message.subject = "A note from Bright Skin";
  s.message.body = "Hello {first_name}, {practice_name} here.";
  s.message.purpose = purpose;
  s.timing.anchor = TimingAnchor::after_previous;
  s.timing.offset_minutes = offset_minutes;
  return s;
}

Sequence sequence(std::string id, std::vector<Step> steps, SendWindow window) {
  Sequence s;
  s.id = id;
  s.name = std::move(id);
  s.status = SequenceStatus::active;
  s.steps = std::move(steps);
  s.window = window;
  return s;
}

constexpr auto E = StepChannel::email;
constexpr auto T = StepChannel::text;
constexpr auto P = MessagePurpose::promotion;
constexpr auto R = MessagePurpose::reminder;
constexpr std::int64_t H = 60;       // minutes
constexpr std::int64_t D = 24 * 60;  // minutes

// The three running sequences (every step after the first two days or more after the previous
// one: see the header) and the ended blast.
std::vector<Sequence> sequences() {
  const std::array<bool, 7> weekdays = {true, true, true, true, true, false, false};
  const std::array<bool, 7> every_day = {true, true, true, true, true, true, true};
  std::vector<Sequence> out;
  out.push_back(sequence("welcome",
                         {message("e1", E, 1 * H, P), message("t1", T, 2 * D, P), message("e2", E, 3 * D, P),
                          message("e3", E, 2 * D, P), message("t2", T, 4 * D, R), message("e4", E, 3 * D, P)},
                         SendWindow{9 * 60, 18 * 60, weekdays}));
  out.push_back(sequence("consult",
                         {message("e1", E, 2 * H, R), message("t1", T, 2 * D, R), message("e2", E, 2 * D, P),
                          message("t2", T, 3 * D, P), message("e3", E, 5 * D, P)},
                         SendWindow{8 * 60, 20 * 60, every_day}));
  out.push_back(sequence("reactivation",
                         {message("e1", E, 1 * D, P), message("e2", E, 3 * D, P), message("t1", T, 2 * D, P),
                          message("e3", E, 4 * D, P)},
                         SendWindow{10 * 60, 19 * 60, weekdays}));
  out.push_back(sequence("blast",
                         {message("e1", E, 0, P), message("t1", T, 1 * D, P), message("e2", E, 1 * D, P)},
                         SendWindow{9 * 60, 18 * 60, weekdays}));
  return out;
}

const Place& pick_place(SplitMix64& rng) {
  std::size_t r = rng.below(100);
  for (const Place& p : k_places) {
    if (r < p.weight) return p;
    r -= p.weight;
  }
  return k_places.back();
}

Lead make_lead(SplitMix64& rng, std::uint64_t id, const Place& place) {
  Lead l;
  l.id = LeadId{id};
  l.first_name = "Lead";
  l.last_name = std::to_string(id);
  if (!rng.chance(3)) l.email = "lead" + std::to_string(id) + "@example.com";
  if (!rng.chance(5)) {
    std::string digits = std::to_string(1'000'000 + id % 9'000'000);
    l.phone = std::string("+1") + place.area + digits.substr(digits.size() - 7);
  }
  l.street = "1 Main St";
  l.state = place.state;
  l.country = "US";
  l.time_zone = place.zone;
  const auto grant = [&](Channel c, Purpose p) {
    ConsentRecord r;
    r.channel = c;
    r.purpose = p;
    r.granted = true;
    r.at = k_sequence_bench_now - 60 * k_day;
    r.method = "web form";
    l.consent.push_back(r);
  };
  if (rng.chance(85)) grant(Channel::email, Purpose::marketing);
  const std::size_t sms = rng.below(100);
  if (sms < 78) grant(Channel::sms, Purpose::marketing);
  if (sms >= 78 && sms < 90) grant(Channel::sms, Purpose::treatment);
  if (rng.chance(3))
    l.do_not_contact.push_back({Channel::email, "unsubscribe", k_sequence_bench_now - 20 * k_day, {}});
  if (rng.chance(4))
    l.do_not_contact.push_back({Channel::sms, "stop", k_sequence_bench_now - 20 * k_day, {}});
  return l;
}

}  // namespace

SequenceBenchData make_sequence_bench_data(std::size_t leads, std::uint64_t seed) {
  SplitMix64 rng(seed);
  SequenceBenchData d;
  Workspace& ws = d.ws;
  ws.practice.name = "Bright Skin";
  ws.practice.street = "1 Bay St";
  ws.practice.city = "Tampa";
  ws.practice.state = "FL";
  ws.practice.zip = "33602";
  ws.practice.time_zone = "America/New_York";
  ws.sequences = sequences();
  const std::array<const Sequence*, 3> running = {&ws.sequences[0], &ws.sequences[1], &ws.sequences[2]};
  const Sequence& blast = ws.sequences[3];
  const UnixMillis now = k_sequence_bench_now;

  ws.leads.reserve(leads);
  ws.enrollments.reserve(leads + leads / 5);
  d.pending.reserve(leads);
  d.utc_offset_minutes.reserve(leads);
  for (std::uint64_t id = 1; id <= leads; ++id) {
    const Place& place = pick_place(rng);
    const Lead lead = make_lead(rng, id, place);
    ws.leads.append_row(lead, Stamp{now - 60 * k_day, 0, 1});
    d.utc_offset_minutes.push_back(place.offset);

    // The pending step k and its planned time p (to the minute): from 47 hours before now to when
    // its previous record (or the enrolment) would still be in the past.
    const std::size_t which = rng.below(10);
    const Sequence& s = *running[which < 4 ? 0 : which < 7 ? 1 : 2];
    const std::size_t k = rng.below(s.steps.size());
    const UnixMillis offset = s.steps[k].timing.offset_minutes * k_minute;
    const UnixMillis earliest = now - 47 * k_hour;
    const UnixMillis latest = now + offset - k_hour;
    const UnixMillis p = earliest + static_cast<UnixMillis>(
                                        rng.below(static_cast<std::size_t>((latest - earliest) / k_minute))) *
                                        k_minute;
    // Records of the steps before k, walking back: each sent its step's offset before the next
    // one's planned time, some a little late (the walk counts from the record).
    std::vector<std::pair<std::size_t, UnixMillis>> records;
    UnixMillis next_planned = p;
    for (std::size_t j = k; j-- > 0;) {
      const UnixMillis at = next_planned - s.steps[j + 1].timing.offset_minutes * k_minute;
      records.emplace_back(j, at);
      const UnixMillis late = rng.chance(30) ? static_cast<UnixMillis>(rng.below(36 * 60)) * k_minute : 0;
      next_planned = at - late;
    }
    const UnixMillis enrolled_at = next_planned - s.steps[0].timing.offset_minutes * k_minute;
    Enrollment e;
    e.sequence = s.id;
    e.lead = lead.id;
    e.enrolled_at = enrolled_at;
    e.key = enrollment_key(s.id, lead.id, enrolled_at);
    e.reason = "segment: new leads";
    for (const auto& [j, at] : records) {
      TouchRecord r;
      r.key = touch_key(e.key, s.steps[j].id);
      r.outcome = rng.chance(5) ? TouchOutcome::skipped : TouchOutcome::sent;
      r.at = at;
      ws.touches.push_back(std::move(r));
    }
    d.pending.push_back({e.key, s.id, s.steps[k].id, k, lead.id, p});
    ws.enrollments.push_back(std::move(e));

    // An ended blast with one to three sends in the last six days: caps bite.
    if (rng.chance(16)) {
      Enrollment b;
      b.sequence = blast.id;
      b.lead = lead.id;
      b.enrolled_at = now - static_cast<UnixMillis>(1 + rng.below(6 * 24 * 60)) * k_minute;
      b.key = enrollment_key(blast.id, lead.id, b.enrolled_at);
      b.reason = "manual";
      b.ended_at = now - k_minute;
      b.end_reason = "ended by hand";
      const std::size_t sends = 1 + rng.below(3);
      for (std::size_t j = 0; j < sends; ++j) {
        TouchRecord r;
        r.key = touch_key(b.key, blast.steps[j].id);
        r.outcome = TouchOutcome::sent;
        r.at = std::min(now - k_minute, b.enrolled_at + static_cast<UnixMillis>(j) * 8 * k_hour);
        ws.touches.push_back(std::move(r));
      }
      ws.enrollments.push_back(std::move(b));
    }
  }
  std::sort(ws.enrollments.begin(), ws.enrollments.end(),
            [](const Enrollment& a, const Enrollment& b) { return a.key < b.key; });
  std::sort(ws.touches.begin(), ws.touches.end(),
            [](const TouchRecord& a, const TouchRecord& b) { return a.key < b.key; });
  return d;
}

}  // namespace nurture::bench
