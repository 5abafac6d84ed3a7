// The dashboard's CSV files (core/export/metrics_csv): byte-for-byte goldens worked out by hand
// from small figures, money and rate formatting, and formula neutralisation of names.
#include "core/export/metrics_csv.hpp"

#include <catch_amalgamated.hpp>

#include "tests/unit/metrics_workspace_build.hpp"

namespace nurture::metrics_csv_test {
namespace {

using namespace nurture::metrics;

constexpr std::string_view k_bom = "\xEF\xBB\xBF";

TEST_CASE("csv cells: numbers plain, money in dollars, text neutralised", "[metrics][csv]") {
  CHECK(csv_count(1234).text == "1234");
  CHECK(csv_number(0.25).text == "0.2500");
  CHECK(csv_number(std::nullopt).text.empty());
  CHECK(csv_number(-0.00001, 2).text == "0.00");  // never "-0.00"
  CHECK(csv_number(-0.125, 2).text ==
        "-0.12");  // negative numbers stay numbers (binary -0.125 rounds to even)
  CHECK(csv_money(123450).text == "1234.50");
  CHECK(csv_money(-1205).text == "-12.05");
  CHECK(csv_money(7).text == "0.07");
  CHECK(csv_text("=SUM(A1)").text == "'=SUM(A1)");
  CHECK(csv_text("Botox, fillers").text == "\"Botox, fillers\"");
}

TEST_CASE("csv table: BOM, header, CRLF rows", "[metrics][csv]") {
  const std::string csv =
      csv_table({"name", "n"}, {{csv_text("a"), csv_count(1)}, {csv_text("+b"), csv_count(2)}});
  CHECK(csv == std::string(k_bom) + "name,n\r\na,1\r\n'+b,2\r\n");
}

TEST_CASE("funnel csv golden", "[metrics][csv]") {
  FunnelFigures cur;
  FunnelFigures prev;
  // Awareness: 10 reached, 2 at the start, cohort 12, 3 converted (0.25), median stay 4.5 days.
  cur.stages[0] = StageFigures{10, 2, 12, 3, 9, 0.25, 4.5, 2};
  prev.stages[0].reached = 8;
  prev.stages[0].conversion_rate = 0.5;
  const std::string csv = funnel_csv(cur, prev);
  const std::string expected = std::string(k_bom) +
                               "stage,reached,at_start,cohort,converted,dropped,conversion_rate,"
                               "median_days_in_stage,previous_reached,previous_conversion_rate\r\n"
                               "awareness,10,2,12,3,9,0.2500,4.5,8,0.5000\r\n"
                               "consideration,0,0,0,0,0,,,0,\r\n"
                               "conversion,0,0,0,0,0,,,0,\r\n"
                               "patient,0,0,0,0,0,,,0,\r\n"
                               "retained,0,0,0,0,0,,,0,\r\n";
  CHECK(csv == expected);
}

TEST_CASE("trend csv golden", "[metrics][csv]") {
  TrendPoint p;
  p.bucket = TrendBucket{0, k_day_ms, days_from_civil({2026, 3, 9})};
  p.new_leads = 4;
  p.bookings = 3;
  p.converted = 1;
  p.conversion_rate = 0.25;
  TrendPoint empty;
  empty.bucket = TrendBucket{k_day_ms, 2 * k_day_ms, days_from_civil({2026, 3, 16})};
  CHECK(trend_csv({p, empty}) == std::string(k_bom) +
                                     "period_start,new_leads,bookings,converted,conversion_rate\r\n"
                                     "2026-03-09,4,3,1,0.2500\r\n"
                                     "2026-03-16,0,0,0,\r\n");
}

TEST_CASE("steps csv golden: names from the workspace, rates per send", "[metrics][csv]") {
  Workspace ws;
  Sequence s;
  s.id = "welcome";
  s.name = "Welcome, new leads";
  ws.sequences.push_back(s);
  SequenceFigures f;
  f.sequence = "welcome";
  // 8 sends: 4 opened (1 by a machine only), 2 clicked, 1 replied, 0 unsubscribed, 1 booked.
  f.steps.push_back(StepFigures{"gone", MessageCounts{8, 4, 3, 2, 1, 0, 1}});
  CHECK(steps_csv(ws, {f}) ==
        std::string(k_bom) +
            "sequence,step,sent,opened,opened_human,clicked,replied,unsubscribed,booked,"
            "open_rate_human,click_rate,reply_rate,unsubscribe_rate,booking_rate\r\n"
            "\"Welcome, new leads\",gone,8,4,3,2,1,0,1,0.3750,0.2500,0.1250,0.0000,0.1250\r\n");
}

TEST_CASE("nurture csv golden: Wilson intervals per group", "[metrics][csv]") {
  // Newcombe's example: 56/70 vs 48/80. Wilson (p + z²/2n ± z·sqrt(p(1−p)/n + z²/4n²)) / (1 + z²/n)
  // worked out at z = 1.96: 56/70 gives 0.69183 to 0.87695, 48/80 gives 0.49045 to 0.70038;
  // the difference 0.2 has Newcombe's published 0.0524 to 0.3339 (Newcombe 1998).
  NurtureEffect e;
  e.nurtured = 70;
  e.nurtured_booked = 56;
  e.nurtured_rate = 0.8;
  e.not_nurtured = 80;
  e.not_nurtured_booked = 48;
  e.not_nurtured_rate = 0.6;
  e.difference = 0.2;
  e.difference_ci95 = newcombe_difference(56, 70, 48, 80, k_z95);
  CHECK(nurture_csv(e) == std::string(k_bom) +
                              "group,leads,booked,rate,ci95_low,ci95_high\r\n"
                              "nurtured,70,56,0.8000,0.6918,0.8770\r\n"
                              "not_nurtured,80,48,0.6000,0.4905,0.7004\r\n"
                              "difference,,,0.2000,0.0524,0.3339\r\n");
}

TEST_CASE("cohorts and roi csv golden", "[metrics][csv]") {
  RetentionReport r;
  RetentionCohort c;
  c.month = YearMonth{2026, 1};
  c.size = 4;
  c.repeat[0] = RepeatRate{3, true, 1, 0.25};
  c.repeat[1] = RepeatRate{6, false, 0, 0};
  c.repeat[2] = RepeatRate{12, false, 0, 0};
  r.cohorts.push_back(c);
  CHECK(cohorts_csv(r) ==
        std::string(k_bom) + "cohort,size,repeat_3m,repeat_6m,repeat_12m\r\n2026-01,4,0.2500,,\r\n");

  Workspace ws;
  LeadSource src;
  src.id = "google";
  src.name = "Google Ads";
  ws.sources.push_back(src);
  RoiReport roi;
  SourceRoi g;
  g.source = 0;
  // $1,000 spend, 4 leads, 2 bookings, $2,500 revenue: $250 a lead, $500 a booking, 2.5×.
  g.current.total = RoiFigures{100000, 0, 4, 2, 200000, 50000, 250000, 150000, 25000.0, 50000.0, 2.5};
  g.previous.total.revenue_cents = 99;
  SourceRoi none;
  none.current.total.leads = 1;
  roi.sources = {g, none};
  roi.total = g.current.total;
  roi.total.leads = 5;
  CHECK(roi_csv(ws, roi) == std::string(k_bom) +
                                "source,spend,leads,bookings,revenue,net,cost_per_lead,cost_per_booking,"
                                "return_ratio,previous_revenue\r\n"
                                "Google Ads,1000.00,4,2,2500.00,1500.00,250.00,500.00,2.50,0.99\r\n"
                                "Unattributed,0.00,1,0,0.00,0.00,,,,0.00\r\n"
                                "Total,1000.00,5,2,2500.00,1500.00,250.00,500.00,2.50,0.00\r\n");
}

}  // namespace
}  // namespace nurture::metrics_csv_test
