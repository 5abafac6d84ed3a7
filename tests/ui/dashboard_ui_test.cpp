// The dashboard driven headless on the demo practice: an empty workspace teaches; the demo's
// figures equal compute_metrics and the other reports for the range shown, a new preset and a
// source filter recompute them (once, not per frame), a custom range is validated in words, and
// a card's CSV button downloads that card's figures; after an edit the indexes are rebuilt over
// several frames behind a progress bar (restarted by an edit, dropped on leaving the page).
#include <catch_amalgamated.hpp>

#include <algorithm>
#include <string>

#include <imgui.h>
#include <nlohmann/json.hpp>

#include "app_driver.hpp"
#include "core/commands/lead_commands.hpp"
#include "core/demo/demo_practice.hpp"
#include "core/metrics/dashboard.hpp"
#include "core/metrics/metrics_report.hpp"
#include "core/metrics/roi.hpp"
#include "demo_fixture.hpp"
#include "fake_platform.hpp"
#include "web/ui/app.hpp"
#include "web/ui/dashboard_data.hpp"

namespace dashboard_ui_test {

using namespace nurture;
using namespace nurture::test;  // the driver and the demo fixture

namespace {

// Tall, so every card is on screen and clickable.
struct Dashboard : test::DemoApp {
  explicit Dashboard(Workspace ws) : DemoApp(std::move(ws), ui::Page::funnel, ImVec2(1280, 4200)) {}
};

// The page's figures against the core's, for the range and filter the page reports.
void check_against_core(const Workspace& ws, const nlohmann::json& dash,
                        const metrics::MetricsFilter& filter) {
  const metrics::MetricsRange range{dash["range"]["from"].get<std::int64_t>(),
                                    dash["range"]["to"].get<std::int64_t>()};
  const auto report = metrics::compute_metrics(ws, range, filter);
  REQUIRE(report.ok());
  const auto& r = report.value();
  CHECK(dash["leads"] == r.leads);
  for (std::size_t k = 0; k < k_stage_count; ++k)
    CHECK(dash["funnel_cohort"][k] == r.current.funnel.stages[k].cohort);
  const auto& n = r.current.nurture;
  const std::uint64_t active = n.nurtured + n.not_nurtured;
  if (active > 0)
    CHECK(dash["kpis"]["conversion"].get<double>() ==
          Catch::Approx(static_cast<double>(n.nurtured_booked + n.not_nurtured_booked) /
                        static_cast<double>(active)));
  auto leads = metrics::filter_leads(ws, filter, range.to);
  REQUIRE(leads.ok());
  const std::vector<bool> keep = metrics::keep_rows(leads.value(), ws.leads.rows());
  const RoiReport roi = roi_metrics(ws, range.from, range.to, &keep);
  CHECK(dash["kpis"]["new_leads"] == roi.total.leads);
  CHECK(dash["kpis"]["bookings"] == roi.total.bookings);
  CHECK(dash["kpis"]["revenue_cents"] == roi.total.revenue_cents);
  // The conversion chart's bars add up to the bookings of the whole range.
  CHECK(dash["trend_bookings"] == roi.total.bookings);
}

}  // namespace

TEST_CASE("with no leads, the dashboard teaches the funnel and leads to Leads", "[ui][dashboard]") {
  Dashboard f(Workspace{});
  CHECK_FALSE(state(f.app)["dashboard"].contains("kpis"));
  click(f.app, "funnel.go_leads");
  CHECK(state(f.app)["page"] == "leads");
}

TEST_CASE("the dashboard shows the demo's figures, a new range and a source filter", "[ui][dashboard]") {
  Dashboard f(make_demo_practice(DemoOptions{1, 400, k_monday, 0}));
  const Workspace& ws = f.session.workspace();
  auto s = state(f.app);
  auto dash = s["dashboard"];
  REQUIRE(dash["preset"] == "last_30");
  REQUIRE(dash.contains("kpis"));
  // Thirty whole local days ending with today (the demo practice's zone).
  const metrics::MetricsRange expected =
      ui::preset_range(ui::RangePreset::last_30, k_monday, ui::practice_zone(ws));
  CHECK(dash["range"]["from"] == expected.from);
  CHECK(dash["range"]["to"] == expected.to);
  CHECK(expected.to - expected.from >= 30 * k_day_ms - 3'600'000);
  CHECK(dash["kpis"]["new_leads"].get<std::uint64_t>() > 0);
  CHECK(dash["rows"]["trend"] == 30);  // a bar a day up to 31 days
  check_against_core(ws, dash, {});
  // Idle frames compute nothing.
  const auto computed = dash["computations"].get<std::size_t>();
  for (int i = 0; i < 5; ++i) run_frame(f.app);
  CHECK(state(f.app)["dashboard"]["computations"] == computed);

  // Last 90 days: the range grows, weeks replace days, the figures follow.
  click(f.app, "dash.range.last_90");
  dash = state(f.app)["dashboard"];
  CHECK(dash["preset"] == "last_90");
  CHECK(dash["range"]["to"] == expected.to);
  CHECK(dash["range"]["from"].get<std::int64_t>() < expected.from);
  CHECK(dash["rows"]["trend"].get<std::size_t>() <= 14);
  CHECK(dash["computations"] == computed + 1);
  CHECK_FALSE(f.app.wants_next_frame());
  check_against_core(ws, dash, {});
  const auto all_new = dash["kpis"]["new_leads"].get<std::uint64_t>();

  // A source filter through its combo: the first source.
  click(f.app, "dash.filter.source");
  click(f.app, "dash.filter.source.1");
  dash = state(f.app)["dashboard"];
  std::string first_source;
  for (const auto& src : ws.sources)
    if (!src.deleted) {
      first_source = src.id;
      break;
    }
  REQUIRE(dash["filter"]["source"] == first_source);
  metrics::MetricsFilter filter;
  filter.source = first_source;
  check_against_core(ws, dash, filter);
  CHECK(dash["kpis"]["new_leads"].get<std::uint64_t>() < all_new);

  // Clear filters: back to every lead.
  click(f.app, "dash.filter.clear");
  dash = state(f.app)["dashboard"];
  CHECK(dash["filter"]["source"] == "");
  CHECK(dash["kpis"]["new_leads"] == all_new);
}

TEST_CASE("a card's CSV button downloads that card's figures", "[ui][dashboard]") {
  Dashboard f(make_demo_practice(DemoOptions{1, 200, k_monday, 0}));
  click(f.app, "dash.export.funnel");
  REQUIRE(f.platform.downloads.size() == 1);
  CHECK(f.platform.downloads[0].starts_with("nurture-funnel-"));
  CHECK(f.platform.downloads[0].ends_with(".csv"));
  CHECK(f.platform.download_bytes[0].starts_with("\xEF\xBB\xBFstage,reached,at_start,cohort"));
  click(f.app, "dash.export.roi");
  REQUIRE(f.platform.downloads.size() == 2);
  CHECK(f.platform.download_bytes[1].find("\r\nTotal,") != std::string::npos);
  CHECK(state(f.app)["dashboard"]["last_export"] == f.platform.downloads[1]);
}

TEST_CASE("custom ranges: local days, both included, errors in words", "[ui][dashboard]") {
  const auto r = ui::custom_range("2026-11-01", "2026-11-30", nullptr);
  REQUIRE(r.ok());
  CHECK(r.value().from == days_from_civil({2026, 11, 1}) * k_day_ms);
  CHECK(r.value().to == days_from_civil({2026, 12, 1}) * k_day_ms);
  CHECK(ui::custom_range("2026-11-31", "2026-12-01", nullptr).error().message.find("start date") !=
        std::string::npos);
  CHECK(ui::custom_range("2026-11-02", "2026-11-01", nullptr).error().message ==
        "The end date is before the start date.");
  CHECK_FALSE(ui::custom_range("2020-01-01", "2026-01-01", nullptr).ok());
  // Last month from 7 December is the whole of November; year to date starts on 1 January.
  const auto last = ui::preset_range(ui::RangePreset::last_month, k_monday, nullptr);
  CHECK(last.from == days_from_civil({2026, 11, 1}) * k_day_ms);
  CHECK(last.to == days_from_civil({2026, 12, 1}) * k_day_ms);
  const auto ytd = ui::preset_range(ui::RangePreset::year_to_date, k_monday, nullptr);
  CHECK(ytd.from == days_from_civil({2026, 1, 1}) * k_day_ms);
  CHECK(ytd.to == days_from_civil({2026, 12, 8}) * k_day_ms);
  const auto q = ui::preset_range(ui::RangePreset::quarter, k_monday, nullptr);
  CHECK(q.from == days_from_civil({2026, 10, 1}) * k_day_ms);
}

TEST_CASE("the step table lists each step's sends with a weekly trend and exports them", "[ui][dashboard]") {
  Workspace ws = make_demo_practice(DemoOptions{1, 200, k_monday, 0});
  // One sequence with an email and a text step; sends to the first leads over the last 20 days,
  // every other email opened an hour later.
  Sequence seq;
  seq.id = "welcome";
  seq.name = "Welcome";
  Step email;
  email.id = "hello";
  email.channel = StepChannel::email;
  Step text;
  text.id = "nudge";
  text.channel = StepChannel::text;
  seq.steps = {email, text};
  ws.sequences.push_back(seq);
  std::vector<Event> opens;
  std::uint64_t sends = 0;
  for (std::uint32_t row = 0; row < 40; ++row) {
    const LeadId lead = ws.leads.id(row);
    const UnixMillis at = k_monday - static_cast<UnixMillis>(row % 20 + 1) * k_day_ms;
    for (const char* step : {"hello", "nudge"}) {
      TouchRecord t;
      t.key = touch_key(enrollment_key("welcome", lead, 0), step);
      t.outcome = TouchOutcome::sent;
      t.at = at;
      ws.touches.push_back(t);
      ++sends;
    }
    if (row % 2 == 0) {
      Event e;
      e.id = EventId{900'000 + row};
      e.lead = lead;
      e.at = at + 3'600'000;
      e.type = EventType::email_opened;
      opens.push_back(e);
    }
  }
  std::sort(ws.touches.begin(), ws.touches.end(),
            [](const TouchRecord& a, const TouchRecord& b) { return a.key < b.key; });
  ws.events.add(opens);
  Dashboard f(std::move(ws));
  const auto dash = state(f.app)["dashboard"];
  CHECK(dash["rows"]["steps"] == 2);
  REQUIRE(dash["kpis"]["open_rate"].is_number());
  // The demo's own opens count too (attributed to these sends): the rate is compute_metrics'.
  const metrics::MetricsRange range{dash["range"]["from"].get<std::int64_t>(),
                                    dash["range"]["to"].get<std::int64_t>()};
  const auto report = metrics::compute_metrics(f.session.workspace(), range, {});
  REQUIRE(report.ok());
  REQUIRE(report.value().current.sequences.size() == 1);
  const metrics::MessageCounts& c = report.value().current.sequences[0].counts;
  CHECK(c.sent == sends);
  CHECK(c.opened_human >= 20);  // at least the opens added here
  CHECK(dash["kpis"]["open_rate"].get<double>() ==
        Catch::Approx(static_cast<double>(c.opened_human) / static_cast<double>(c.sent)));
  CHECK(state(f.app)["widgets"].contains("dash.steps.table"));
  click(f.app, "dash.export.steps");
  REQUIRE(f.platform.downloads.size() == 1);
  const std::string& csv = f.platform.download_bytes[0];
  CHECK(csv.find("\r\nWelcome,") != std::string::npos);
  const auto& hello = report.value().current.sequences[0].steps[0].counts;
  CHECK(csv.find(",40," + std::to_string(hello.opened) + "," + std::to_string(hello.opened_human) + ",") !=
        std::string::npos);  // the email step's row: 40 sent, then its opens
}

TEST_CASE("after an edit the figures' indexes are rebuilt over frames, then the figures follow",
          "[ui][dashboard]") {
  Dashboard f(make_demo_practice(DemoOptions{1, 400, k_monday, 0}));
  const Workspace& ws = f.session.workspace();
  // The first build ran within a frame (the fake clock stands still, so the frame's time never
  // runs out).
  auto dash = state(f.app)["dashboard"];
  REQUIRE(dash["figures"] == "ready");
  CHECK(dash["cache_current"] == true);
  CHECK(dash["cache_builds"] == 1);
  const auto before = dash["kpis"];
  const auto computed = dash["computations"].get<std::size_t>();
  // From now on one step of 2,000 units a frame: a few hundred leads' worth of events.
  f.app.dashboard().set_budget(ui::FrameBudget{2'000, 0, false});

  std::uint64_t next_id = 9'000'000;
  const auto add_lead = [&] {
    Lead l;
    l.id = LeadId{next_id++};
    l.first_name = "Nora";
    l.last_name = "Quist";
    l.email = "nora" + std::to_string(next_id) + "@example.com";
    REQUIRE(f.session.execute(AddLead{l, k_monday - 3'600'000}).ok);
  };
  add_lead();
  run_frame(f.app);
  dash = state(f.app)["dashboard"];
  REQUIRE(dash["figures"] == "updating");
  CHECK(dash["cache_builds"] == 2);
  CHECK(dash["cache_current"] == false);
  CHECK(dash["progress"].get<double>() > 0.0);
  CHECK(dash["progress"].get<double>() < 1.0);
  // The browser host keeps drawing frames while it runs (it draws none when idle).
  CHECK(f.app.wants_next_frame());
  // The previous figures stay in view under the progress bar.
  CHECK(dash["kpis"] == before);
  CHECK(state(f.app)["widgets"].contains("dash.progress"));

  // An edit half-way starts the build again.
  run_frame(f.app);
  const double half = state(f.app)["dashboard"]["progress"].get<double>();
  add_lead();
  run_frame(f.app);
  dash = state(f.app)["dashboard"];
  CHECK(dash["cache_builds"] == 3);
  CHECK(dash["progress"].get<double>() < half);

  // Leaving the page drops the build; nothing half-built is kept.
  f.app.navigate(ui::Page::leads);
  run_frame(f.app);
  dash = state(f.app)["dashboard"];
  CHECK(dash["figures"] == "ready");  // the old figures, not in view
  CHECK(dash["cache_current"] == false);
  CHECK(f.app.dashboard().updating() == false);
  CHECK_FALSE(f.app.wants_next_frame());
  f.app.navigate(ui::Page::funnel);

  // Back on the page: a fresh build, many frames, progress never going back, then the figures
  // of the workspace as it is now, computed once.
  int frames = 0;
  double last = 0;
  for (;;) {
    run_frame(f.app);
    ++frames;
    dash = state(f.app)["dashboard"];
    if (dash["figures"] != "updating") break;
    CHECK(dash["progress"].get<double>() >= last);
    last = dash["progress"].get<double>();
    REQUIRE(frames < 10'000);
  }
  CHECK(frames > 5);
  CHECK(dash["figures"] == "ready");
  CHECK(dash["progress"] == 1.0);
  CHECK(dash["cache_builds"] == 4);
  CHECK(dash["cache_current"] == true);
  CHECK(dash["computations"] == computed + 1);
  CHECK_FALSE(f.app.wants_next_frame());
  CHECK(dash["kpis"]["new_leads"] == before["new_leads"].get<std::uint64_t>() + 2);
  check_against_core(ws, dash, {});
  // The one-shot build gives the same figures.
  metrics::MetricsCache whole;
  const auto one_shot = metrics::compute_dashboard(
      ws, {dash["range"]["from"].get<std::int64_t>(), dash["range"]["to"].get<std::int64_t>()}, {}, whole);
  REQUIRE(one_shot);
  const ui::Kpis k = ui::kpis_of(one_shot.value());
  CHECK(dash["kpis"]["new_leads"] == k.new_leads);
  CHECK(dash["kpis"]["bookings"] == k.bookings);
  CHECK(dash["kpis"]["revenue_cents"] == k.revenue_cents);
  REQUIRE(f.app.dashboard().data() != nullptr);
  CHECK(f.app.dashboard().data()->report.current.funnel.conversions ==
        one_shot.value().report.current.funnel.conversions);
  CHECK(f.app.dashboard().data()->engagement == one_shot.value().engagement);
  CHECK(f.app.dashboard().data()->retention == one_shot.value().retention);
  CHECK(f.app.dashboard().data()->roi == one_shot.value().roi);
  CHECK(f.app.dashboard().data()->trend == one_shot.value().trend);
}

}  // namespace dashboard_ui_test
