#include <catch_amalgamated.hpp>

#include <algorithm>
#include <map>
#include <set>
#include <vector>

#include "core/metrics/retention.hpp"
#include "metrics_workspace_build.hpp"

namespace metrics_retention_test {

using namespace nurture;
using namespace nurture::test;

namespace {

// Range [2026-01-01, 2026-07-01) UTC: cohorts January … June. The local day of `to` is
// July 1, so a horizon is ready when the cohort's last day + horizon days < July 1:
// Jan 31 + 91 = May 2, Feb 28 + 91 = May 30, Mar 31 + 91 = Jun 30 are ready for 3 months;
// Apr 30 + 91 = Jul 30 is not; Jan 31 + 182 = Aug 1 is not, so no cohort is ready for 6 or 12.
Workspace golden() {
  Workspace ws = utc_workspace();
  for (std::uint64_t id = 1; id <= 6; ++id) add_lead(ws, id);
  EventBatch b;
  using T = EventType;
  // Lead 1: Jan 10 attended + purchase (one visit day), Mar 15 (64 days later: a 3-month repeat).
  b.add(1, utc(2026, 1, 10, 9), T::appointment_attended);
  b.add(1, utc(2026, 1, 10, 10), T::purchase);
  b.add(1, utc(2026, 3, 15, 9), T::appointment_attended);
  // Lead 2: first visit Dec 20 2025 (before the range: in no cohort), a visit Feb 1.
  b.add(2, utc(2025, 12, 20), T::purchase);
  b.add(2, utc(2026, 2, 1), T::appointment_attended);
  // Lead 3: Jan 20 and May 1 (101 days later: not within 91).
  b.add(3, utc(2026, 1, 20), T::appointment_attended);
  b.add(3, utc(2026, 5, 1), T::appointment_attended);
  // Lead 4: Feb 5 only.
  b.add(4, utc(2026, 2, 5), T::appointment_attended);
  // Lead 5: Apr 10, 11, 12 and one at `to` (outside).
  b.add(5, utc(2026, 4, 10), T::appointment_attended);
  b.add(5, utc(2026, 4, 11), T::purchase);
  b.add(5, utc(2026, 4, 12), T::appointment_attended);
  b.add(5, utc(2026, 7, 1), T::appointment_attended);
  // Lead 6: booked but never came: not a patient.
  b.add(6, utc(2026, 1, 15), T::appointment_booked);
  b.commit(ws);
  return ws;
}

}  // namespace

TEST_CASE("Retention golden: cohorts, ready horizons, frequency", "[metrics-retention]") {
  const Workspace ws = golden();
  const auto r = retention_metrics(ws, utc(2026, 1, 1), utc(2026, 7, 1));
  REQUIRE(r.cohorts.size() == 6);
  CHECK(r.cohorts[0].month == YearMonth{2026, 1});
  CHECK(r.cohorts[5].month == YearMonth{2026, 6});
  // January: leads 1 and 3; only lead 1 came back within 91 days.
  CHECK(r.cohorts[0].size == 2);
  CHECK(r.cohorts[0].repeat[0].months == 3);
  CHECK(r.cohorts[0].repeat[0].ready);
  CHECK(r.cohorts[0].repeat[0].repeated == 1);
  CHECK(r.cohorts[0].repeat[0].rate == 0.5);
  CHECK_FALSE(r.cohorts[0].repeat[1].ready);
  CHECK_FALSE(r.cohorts[0].repeat[2].ready);
  // February: lead 4, no repeat (lead 2's first visit is in December).
  CHECK(r.cohorts[1].size == 1);
  CHECK(r.cohorts[1].repeat[0].ready);
  CHECK(r.cohorts[1].repeat[0].rate == 0.0);
  // March: empty but ready; April: lead 5, not ready ("not yet") although it has repeats.
  CHECK(r.cohorts[2].size == 0);
  CHECK(r.cohorts[2].repeat[0].ready);
  CHECK(r.cohorts[3].size == 1);
  CHECK_FALSE(r.cohorts[3].repeat[0].ready);
  CHECK(r.cohorts[3].repeat[0].repeated == 0);
  CHECK(r.cohorts[4].size == 0);
  // Patients with a visit in range: leads 1 (2 days), 2 (1), 3 (2), 4 (1), 5 (3) → 9 visits.
  CHECK(r.patients == 5);
  CHECK(r.visits == 9);
  CHECK(r.visit_histogram[0] == 2);
  CHECK(r.visit_histogram[1] == 2);
  CHECK(r.visit_histogram[2] == 1);
  CHECK(r.visit_histogram[3] == 0);
  // 9 / 5 visits per patient over 181 days (Jan-Jun 2026).
  CHECK(r.visits_per_patient_per_year == Catch::Approx(1.8 * 365.2425 / 181.0));
}

TEST_CASE("Retention: a long range makes the 12-month horizon ready", "[metrics-retention]") {
  const Workspace ws = golden();
  // To 2027-02-01: January 2026's last day + 365 = Jan 31 2027 < Feb 1 2027 → ready; lead 1's
  // second visit (Mar 15) is within 12 months, lead 3's (May 1) too → 2 of 2.
  const auto r = retention_metrics(ws, utc(2026, 1, 1), utc(2027, 2, 1));
  REQUIRE(r.cohorts.size() == 13);
  CHECK(r.cohorts[0].repeat[2].ready);
  CHECK(r.cohorts[0].repeat[2].rate == 1.0);
  CHECK(r.cohorts[0].repeat[1].rate == 1.0);  // 182 days: lead 3's 101 days count too
  CHECK(r.cohorts[0].repeat[0].rate == 0.5);  // 91 days: only lead 1's 64
}

TEST_CASE("Retention: keep_rows and the practice zone's local month", "[metrics-retention]") {
  Workspace ws = golden();
  const std::vector<bool> keep{false, true, true, true, true, true};  // without lead 1
  const auto r = retention_metrics(ws, utc(2026, 1, 1), utc(2026, 7, 1), &keep);
  CHECK(r.cohorts[0].size == 1);
  CHECK(r.cohorts[0].repeat[0].rate == 0.0);
  CHECK(r.patients == 4);

  Workspace ny;  // America/New_York by default
  add_lead(ny, 1);
  EventBatch b;
  // 03:00 UTC on Feb 1 is 22:00 on Jan 31 in New York (UTC-5): a January visit.
  b.add(1, utc(2026, 2, 1, 3), EventType::appointment_attended);
  b.commit(ny);
  const auto r2 = retention_metrics(ny, utc(2026, 1, 1, 5), utc(2026, 3, 1, 5));
  REQUIRE(r2.cohorts.size() == 2);
  CHECK(r2.cohorts[0].month == YearMonth{2026, 1});
  CHECK(r2.cohorts[0].size == 1);
  CHECK(r2.cohorts[1].size == 0);
}

TEST_CASE("Retention matches a naive oracle on random workspaces", "[metrics-retention]") {
  SplitMix64 rng(0x726574656E74ULL);
  constexpr std::int64_t day = k_metrics_day_ms;
  const auto floor_day = [](UnixMillis t) {
    return t >= 0 ? t / k_metrics_day_ms : -((-t + k_metrics_day_ms - 1) / k_metrics_day_ms);
  };
  for (int round = 0; round < 40; ++round) {
    const Workspace ws = random_metrics_workspace(rng, 40, 600);
    const auto [from, to] = random_range(rng);
    const std::vector<bool> keep = random_keep(rng, ws.leads.rows());
    const bool use_keep = rng.chance(50);
    const auto r = retention_metrics(ws, from, to, use_keep ? &keep : nullptr);

    std::map<std::uint64_t, std::set<std::int64_t>> days;  // lead id → visit days (UTC)
    for (std::uint32_t pos = 0; pos < ws.events.size(); ++pos) {
      if (ws.events.is_deleted(pos)) continue;
      const Event e = ws.events.get(pos);
      if (e.type != EventType::appointment_attended && e.type != EventType::purchase) continue;
      if (e.at >= to) continue;
      const auto row = ws.leads.find(e.lead);
      if (!row || (use_keep && !keep[*row])) continue;
      days[e.lead.value].insert(floor_day(e.at));
    }
    const std::int64_t from_day = floor_day(from);
    const std::int64_t last_day = floor_day(to - 1);
    const std::int64_t to_day = floor_day(to);
    std::uint64_t patients = 0;
    std::uint64_t visits = 0;
    std::array<std::uint64_t, 10> hist{};
    std::map<std::pair<int, unsigned>, std::pair<std::uint64_t, std::array<std::uint64_t, 3>>> cohorts;
    for (const auto& [lead, set] : days) {
      std::uint64_t n = 0;
      for (const auto d : set) n += (d >= from_day && d <= last_day) ? 1 : 0;
      if (n > 0) {
        ++patients;
        visits += n;
        ++hist[std::min<std::uint64_t>(n, 10) - 1];
      }
      const std::int64_t first = *set.begin();
      if (first < from_day || first > last_day) continue;
      const CivilDate c = civil_from_days(first);
      auto& [size, repeated] = cohorts[{c.year, c.month}];
      ++size;
      const std::array<std::int64_t, 3> horizon{91, 182, 365};
      for (std::size_t h = 0; h < 3; ++h) {
        const bool again = std::any_of(set.begin(), set.end(),
                                       [&](std::int64_t d) { return d > first && d <= first + horizon[h]; });
        repeated[h] += again ? 1 : 0;
      }
    }
    CHECK(r.patients == patients);
    CHECK(r.visits == visits);
    CHECK(r.visit_histogram == hist);
    if (patients > 0) {
      CHECK(r.visits_per_patient_per_year ==
            Catch::Approx(static_cast<double>(visits) / static_cast<double>(patients) /
                          (static_cast<double>(to - from) / (365.2425 * static_cast<double>(day)))));
    }
    // Cohort months walk from the month of `from` to the month of `to - 1`.
    CivilDate m = civil_from_days(from_day);
    const CivilDate last = civil_from_days(last_day);
    std::size_t i = 0;
    while (true) {
      REQUIRE(i < r.cohorts.size());
      const auto& c = r.cohorts[i];
      CHECK(c.month == YearMonth{m.year, m.month});
      const auto it = cohorts.find({m.year, m.month});
      const std::uint64_t size = it == cohorts.end() ? 0 : it->second.first;
      CHECK(c.size == size);
      const CivilDate next = m.month == 12 ? CivilDate{m.year + 1, 1, 1} : CivilDate{m.year, m.month + 1, 1};
      const std::int64_t month_last = days_from_civil(next) - 1;
      for (std::size_t h = 0; h < 3; ++h) {
        const bool ready = month_last + std::array<std::int64_t, 3>{91, 182, 365}[h] < to_day;
        CHECK(c.repeat[h].ready == ready);
        const std::uint64_t rep = (ready && it != cohorts.end()) ? it->second.second[h] : 0;
        CHECK(c.repeat[h].repeated == rep);
      }
      ++i;
      if (m.year == last.year && m.month == last.month) break;
      m = next;
    }
    CHECK(i == r.cohorts.size());
  }
}

}  // namespace metrics_retention_test
