#include <catch_amalgamated.hpp>

#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "core/metrics/roi.hpp"
#include "metrics_workspace_build.hpp"

namespace metrics_roi_test {

using namespace nurture;
using namespace nurture::test;

namespace {

// Sources fb (310.00/month), google (free), a deleted "old". Range March 2026 (31 days) UTC;
// the previous period is the 31 days before: Jan 29 - Feb 28 (3 days of January, all of
// February). Botox costs 450.00.
Workspace golden() {
  Workspace ws = utc_workspace();
  ws.sources = {LeadSource{"fb", "Facebook", SourceKind::paid, 31000, {}, false},
                LeadSource{"google", "Google", SourceKind::organic, 0, {}, false},
                LeadSource{"old", "Old", SourceKind::paid, 99999, {}, true}};
  ws.treatments = {Treatment{"botox", "Botox", "injectables", 90, 45000, {}, false}};
  add_lead(ws, 1, "fb", utc(2026, 3, 5));
  add_lead(ws, 2, "fb", utc(2026, 3, 10));
  add_lead(ws, 3, "google", utc(2026, 2, 15));
  add_lead(ws, 4, "old", utc(2026, 3, 2));  // deleted source: unattributed
  add_lead(ws, 5, "", utc(2026, 1, 30));    // no source: unattributed, previous period
  EventBatch b;
  using T = EventType;
  b.add(1, utc(2026, 3, 6), T::appointment_booked);
  b.add(1, utc(2026, 3, 20, 9), T::appointment_attended).service = "botox";
  b.add(1, utc(2026, 3, 20, 11), T::purchase).amount_cents = 50000;  // paid: no estimate
  b.add(2, utc(2026, 3, 11), T::appointment_booked);
  b.add(2, utc(2026, 3, 25), T::appointment_attended).service = "botox";  // unpaid: +45000
  b.add(2, utc(2026, 3, 26), T::appointment_attended).service = "peel";   // unknown: +0
  b.add(3, utc(2026, 2, 16), T::appointment_booked);
  b.add(3, utc(2026, 2, 20), T::purchase).amount_cents = 30000;
  b.add(3, utc(2026, 3, 3), T::appointment_attended).service = "botox";
  b.add(3, utc(2026, 3, 3, 15), T::purchase).amount_cents = 10000;
  b.add(4, utc(2026, 3, 3), T::appointment_booked);
  b.add(1, utc(2026, 4, 1), T::purchase).amount_cents = 77777;  // at `to`: outside
  b.commit(ws);
  return ws;
}

}  // namespace

TEST_CASE("Return by source golden", "[metrics-roi]") {
  const Workspace ws = golden();
  const auto r = roi_metrics(ws, utc(2026, 3, 1), utc(2026, 4, 1));
  CHECK(r.previous_from == utc(2026, 1, 29));
  REQUIRE(r.sources.size() == 3);  // fb, google, unattributed
  CHECK(r.sources[0].source == 0u);
  CHECK(r.sources[1].source == 1u);
  CHECK_FALSE(r.sources[2].source.has_value());

  const auto& fb = r.sources[0].current.total;
  CHECK(fb.spend_cents == 31000);         // the whole of March
  CHECK(fb.estimated_spend_months == 1);  // no spend table: March is the monthly cost
  CHECK(fb.leads == 2);
  CHECK(fb.bookings == 2);
  CHECK(fb.purchase_cents == 50000);
  CHECK(fb.estimated_cents == 45000);  // lead 2's unpaid botox visit; the peel is unknown
  CHECK(fb.revenue_cents == 95000);
  CHECK(fb.net_cents == 64000);
  CHECK(fb.cost_per_lead_cents == 15500.0);
  CHECK(fb.cost_per_booking_cents == 15500.0);
  REQUIRE(fb.return_ratio.has_value());
  CHECK(*fb.return_ratio == Catch::Approx(95000.0 / 31000.0));
  REQUIRE(r.sources[0].current.months.size() == 1);
  CHECK(r.sources[0].current.months[0].figures == fb);

  // Previous: 3/31 of January's 31000 = 3000, all of February = 31000; nothing else.
  const auto& fbp = r.sources[0].previous;
  REQUIRE(fbp.months.size() == 2);
  CHECK(fbp.months[0].month == YearMonth{2026, 1});
  CHECK(fbp.months[0].figures.spend_cents == 3000);
  CHECK(fbp.months[1].figures.spend_cents == 31000);
  CHECK(fbp.total.spend_cents == 34000);
  CHECK(fbp.total.estimated_spend_months == 2);
  CHECK(fbp.total.net_cents == -34000);
  CHECK_FALSE(fbp.total.cost_per_lead_cents.has_value());
  CHECK(fbp.total.return_ratio == 0.0);

  // google: free, so no return ratio; March's paid visit 10000; previous lead, booking, 30000.
  const auto& g = r.sources[1];
  CHECK(g.current.total.purchase_cents == 10000);
  CHECK(g.current.total.estimated_cents == 0);
  CHECK_FALSE(g.current.total.return_ratio.has_value());
  CHECK(g.previous.total.leads == 1);
  CHECK(g.previous.total.bookings == 1);
  CHECK(g.previous.total.purchase_cents == 30000);
  CHECK(g.previous.months[1].figures.purchase_cents == 30000);  // February

  // Unattributed: lead 4 (deleted source) now, lead 5 before.
  CHECK(r.sources[2].current.total.leads == 1);
  CHECK(r.sources[2].current.total.bookings == 1);
  CHECK(r.sources[2].current.total.spend_cents == 0);
  CHECK(g.current.total.estimated_spend_months == 0);  // free: nothing estimated
  CHECK(r.sources[2].previous.total.leads == 1);

  CHECK(r.total.spend_cents == 31000);
  CHECK(r.total.leads == 3);
  CHECK(r.total.bookings == 3);
  CHECK(r.total.revenue_cents == 105000);
  CHECK(r.previous_total.spend_cents == 34000);
  CHECK(r.previous_total.leads == 2);
  CHECK(r.previous_total.revenue_cents == 30000);
}

TEST_CASE("Return by source takes spend from the ad-spend table, else the monthly cost", "[metrics-roi]") {
  Workspace ws = golden();
  // fb: January cleared (a tombstone: back to the 310.00 monthly cost), February a real zero,
  // March 200.00; google (free) March 50.00. Sorted by source, then month.
  ws.ad_spend = {AdSpend{"fb", {2026, 1}, 0, "", Stamp{5, 0, 1}, true},
                 AdSpend{"fb", {2026, 2}, 0, "paused", Stamp{5, 0, 1}, false},
                 AdSpend{"fb", {2026, 3}, 20000, "", Stamp{5, 0, 1}, false},
                 AdSpend{"google", {2026, 3}, 5000, "", Stamp{5, 0, 1}, false}};
  const auto r = roi_metrics(ws, utc(2026, 3, 1), utc(2026, 4, 1));
  const auto& fb = r.sources[0];
  CHECK(fb.current.total.spend_cents == 20000);
  CHECK(fb.current.total.estimated_spend_months == 0);
  CHECK(fb.current.total.cost_per_lead_cents == 10000.0);  // 2 leads
  CHECK(fb.current.total.net_cents == 95000 - 20000);
  // Previous: 3/31 of January's fallback 31000 = 3000 (estimated), February's entry 0.
  REQUIRE(fb.previous.months.size() == 2);
  CHECK(fb.previous.months[0].figures.spend_cents == 3000);
  CHECK(fb.previous.months[0].figures.estimated_spend_months == 1);
  CHECK(fb.previous.months[1].figures.spend_cents == 0);
  CHECK(fb.previous.months[1].figures.estimated_spend_months == 0);
  CHECK(fb.previous.total.spend_cents == 3000);
  CHECK(r.sources[1].current.total.spend_cents == 5000);
  CHECK(r.sources[1].current.total.return_ratio == Catch::Approx(10000.0 / 5000.0));
  CHECK(r.total.spend_cents == 25000);
  CHECK(r.total.estimated_spend_months == 0);
  CHECK(r.previous_total.spend_cents == 3000);
  CHECK(r.previous_total.estimated_spend_months == 1);

  // Half a month prorates the entry like the fallback: 15 of March's 31 days of 20000 is
  // 9677.42, rounded to 9677.
  const auto half = roi_metrics(ws, utc(2026, 3, 1), utc(2026, 3, 16));
  CHECK(half.sources[0].current.total.spend_cents == 9677);
  // An entry of a deleted source changes nothing (the source has no row).
  ws.ad_spend.push_back(AdSpend{"old", {2026, 3}, 1, "", Stamp{5, 0, 1}, false});
  CHECK(roi_metrics(ws, utc(2026, 3, 1), utc(2026, 4, 1)) == r);
}

TEST_CASE("Return by source: keep_rows drops leads", "[metrics-roi]") {
  const Workspace ws = golden();
  const std::vector<bool> keep{true, false, true, true, true};  // without lead 2
  const auto r = roi_metrics(ws, utc(2026, 3, 1), utc(2026, 4, 1), &keep);
  const auto& fb = r.sources[0].current.total;
  CHECK(fb.leads == 1);
  CHECK(fb.bookings == 1);
  CHECK(fb.estimated_cents == 0);
  CHECK(fb.spend_cents == 31000);  // spend does not depend on the leads kept
  CHECK(roi_metrics(ws, 5, 5).sources.empty());
}

TEST_CASE("Return by source matches a naive oracle on random workspaces", "[metrics-roi]") {
  SplitMix64 rng(0x726F69726F69ULL);
  const auto day_of = [](UnixMillis t) {
    return t >= 0 ? t / k_metrics_day_ms : -((-t + k_metrics_day_ms - 1) / k_metrics_day_ms);
  };
  for (int round = 0; round < 30; ++round) {
    Workspace ws = random_metrics_workspace(rng, 40, 500);
    const auto [from, to] = random_range(rng);
    // A random spend table over the whole span (sorted: fb < google < old); some cells
    // cleared, some real zeros, and some months left out (the monthly cost stands in).
    for (const char* id : {"fb", "google", "old"}) {
      for (YearMonth m{2024, 11}; m < YearMonth{2027, 3}; m = next_month(m)) {
        if (rng.chance(40)) continue;
        const std::int64_t cents = rng.chance(15) ? 0 : static_cast<std::int64_t>(rng.below(90000));
        ws.ad_spend.push_back(AdSpend{id, m, cents, "", Stamp{1, 0, 1}, rng.chance(20)});
      }
    }
    const std::vector<bool> keep = random_keep(rng, ws.leads.rows());
    const bool use_keep = rng.chance(50);
    const auto r = roi_metrics(ws, from, to, use_keep ? &keep : nullptr);
    const UnixMillis len = to - from;

    for (int period = 0; period < 2; ++period) {
      const UnixMillis a = period == 0 ? from : from - len;
      const UnixMillis b = period == 0 ? to : from;
      // Oracle figures per source id ("" = unattributed).
      std::map<std::string, RoiFigures> want;
      const auto source_of = [&](std::uint32_t row) {
        const Lead lead = ws.leads.get(row);
        return find_item(ws.sources, lead.source) != nullptr ? lead.source : std::string();
      };
      for (std::uint32_t row = 0; row < ws.leads.rows(); ++row) {
        if (ws.leads.is_deleted(row) || (use_keep && !keep[row])) continue;
        const UnixMillis at = ws.leads.created_at(row);
        if (at >= a && at < b) ++want[source_of(row)].leads;
      }
      for (std::uint32_t pos = 0; pos < ws.events.size(); ++pos) {
        if (ws.events.is_deleted(pos)) continue;
        const Event e = ws.events.get(pos);
        if (e.at < a || e.at >= b) continue;
        const auto row = ws.leads.find(e.lead);
        if (!row || (use_keep && !keep[*row])) continue;
        RoiFigures& f = want[source_of(*row)];
        if (e.type == EventType::appointment_booked) ++f.bookings;
        if (e.type == EventType::purchase) f.purchase_cents += e.amount_cents;
        if (e.type != EventType::appointment_attended) continue;
        bool paid = false;
        for (std::uint32_t q = 0; q < ws.events.size(); ++q) {
          if (ws.events.is_deleted(q) || ws.events.type(q) != EventType::purchase) continue;
          paid = paid || (ws.events.lead(q) == e.lead && day_of(ws.events.at(q)) == day_of(e.at));
        }
        const Treatment* t = find_item(ws.treatments, e.service);
        if (!paid && t != nullptr) f.estimated_cents += t->price_cents;
      }
      for (const SourceRoi& s : r.sources) {
        const RoiSeries& series = period == 0 ? s.current : s.previous;
        const std::string id = s.source ? ws.sources[*s.source].id : std::string();
        const RoiFigures& w = want[id];
        CHECK(series.total.leads == w.leads);
        CHECK(series.total.bookings == w.bookings);
        CHECK(series.total.purchase_cents == w.purchase_cents);
        CHECK(series.total.estimated_cents == w.estimated_cents);
        CHECK(series.total.revenue_cents == w.purchase_cents + w.estimated_cents);
        // Spend: each UTC month's cost times the share of its milliseconds in [a, b).
        double spend = 0;
        std::int64_t rounded = 0;
        std::uint32_t estimated = 0;
        CivilDate m = utc_date(a);
        m.day = 1;
        std::size_t months = 0;
        while (days_from_civil(m) * k_metrics_day_ms < b) {
          const CivilDate next =
              m.month == 12 ? CivilDate{m.year + 1, 1, 1} : CivilDate{m.year, m.month + 1, 1};
          const UnixMillis ms = days_from_civil(m) * k_metrics_day_ms;
          const UnixMillis me = days_from_civil(next) * k_metrics_day_ms;
          // The month's cost: a live table entry by linear search, else the monthly cost.
          std::int64_t cost = s.source ? ws.sources[*s.source].monthly_cost_cents : 0;
          bool from_table = false;
          for (const AdSpend& e : ws.ad_spend) {
            if (s.source && e.source == id && e.month == YearMonth{m.year, m.month} && !e.deleted) {
              cost = e.cents;
              from_table = true;
            }
          }
          if (s.source && !from_table && cost != 0) ++estimated;
          const double share =
              static_cast<double>(std::min(b, me) - std::max(a, ms)) / static_cast<double>(me - ms);
          spend += static_cast<double>(cost) * share;
          rounded += std::llround(static_cast<double>(cost) * share);
          ++months;
          m = next;
        }
        CHECK(series.months.size() == months);
        CHECK(series.total.spend_cents == rounded);
        CHECK(series.total.estimated_spend_months == estimated);
        CHECK(std::abs(static_cast<double>(series.total.spend_cents) - spend) <= static_cast<double>(months));
      }
    }
  }
}

}  // namespace metrics_roi_test
