// The measurement dashboard at S/M/L (2,000 / 20,000 / 100,000 leads of the demo practice, about
// 30 events per lead, touch records from bench/metrics_data.hpp): the whole dashboard recomputed
// (the target: under 30 ms at L in wasm), and the funnel, the step figures and the
// retention cohorts alone, which bench/metrics_sql.mjs measures against the same SQL on sql.js
// and DuckDB in the same run. Natively and in wasm under node; see bench/README.md.
//
//   metrics_bench [S|M|L ...] [--runs N] [--json]   measure (default all three, N = 21)
//   metrics_bench export S|M|L DIR                   write the tables the SQL peers load, the
//                                                    parameters and our results (JSON)
//   metrics_bench profile S|M|L N                    only the cached dashboard, N times (for perf)
//
// The dashboard is what the page recomputes when the range or the filter changes:
// compute_metrics (current and previous period) + engagement_metrics + retention_metrics +
// roi_metrics over the 90 days before the bench instant, once with no filter and once with a
// source filter. Times are CPU time (bench_platform.hpp), median and best of N.

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "bench/bench_platform.hpp"
#include "bench/metrics_data.hpp"
#include "core/metrics/dashboard.hpp"
#include "core/metrics/engagement.hpp"
#include "core/metrics/local_calendar.hpp"
#include "core/metrics/metrics_cache.hpp"
#include "core/metrics/metrics_cache_builder.hpp"
#include "core/metrics/metrics_report.hpp"
#include "core/metrics/retention.hpp"
#include "core/metrics/roi.hpp"
#include "core/metrics/step_metrics.hpp"

using namespace nurture;
using namespace nurture::metrics;
using namespace nurture::bench;

namespace {

constexpr UnixMillis k_now = k_metrics_bench_now;
// The dashboard's default range; the cohorts are compared over the year (where the 3- and
// 6-month repeat rates of the early cohorts are ready).
constexpr MetricsRange k_range{k_now - 90 * k_day_ms, k_now};
constexpr MetricsRange k_year{k_now - 365 * k_day_ms, k_now};

struct Size {
  const char* name;
  std::size_t leads;
};
constexpr Size k_sizes[] = {{"S", 2'000}, {"M", 20'000}, {"L", 100'000}};

bool json_output = false;

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[v.size() / 2];
}
double best(const std::vector<double>& v) { return v.empty() ? 0 : *std::min_element(v.begin(), v.end()); }

// The filter the dashboard's source picker sets: the source of the first live lead.
MetricsFilter source_filter(const Workspace& ws) {
  MetricsFilter f;
  for (std::uint32_t r = 0; r < ws.leads.rows() && f.source.empty(); ++r) {
    if (!ws.leads.is_deleted(r)) f.source = ws.leads.get(r).source;
  }
  return f;
}

std::vector<bool> rows_of(const segment::LeadSet& set) {
  std::vector<bool> out(set.size(), false);
  set.for_each([&](std::uint32_t row) { out[row] = true; });
  return out;
}

// Everything the dashboard shows, recomputed as the page recomputes it (core/metrics/dashboard):
// with a warm cache, or without one (a cold cache built first: the first recompute after an edit).
Dashboard dashboard(const Workspace& ws, const MetricsFilter& filter, MetricsCache* cache) {
  MetricsCache cold;
  auto d = compute_dashboard(ws, k_range, filter, cache != nullptr ? *cache : cold);
  if (!d) {
    std::printf("  FAILED: %s\n", d.error().message.c_str());
    std::exit(1);
  }
  return std::move(d).value();
}

template <class Fn>
std::vector<double> time_runs(int runs, Fn&& fn) {
  std::vector<double> out;
  for (int i = 0; i < runs; ++i) {
    const double t0 = cpu_ms();
    fn();
    out.push_back(cpu_ms() - t0);
  }
  return out;
}

// Our figures as the SQL peers compute them (counts only), one JSON object.
std::string ours_json(const Workspace& ws, const MetricsFilter& filter, MetricsCache* cache) {
  const segment::LeadSet leads = filter_leads(ws, filter, k_range.to).value();
  std::ostringstream o;
  const FunnelFigures funnel = compute_funnel(ws, leads, k_range, cache);
  o << "{\"funnel\":[";
  for (std::size_t k = 0; k < k_stage_count; ++k) {
    const StageFigures& f = funnel.stages[k];
    o << (k ? "," : "") << '[' << f.reached << ',' << f.at_start << ',' << f.cohort << ',' << f.converted
      << ',' << f.stays_ended << ']';
  }
  o << "],\"conversions\":" << funnel.conversions << ",\"steps\":[";
  bool first = true;
  for (const SequenceFigures& s : compute_step_metrics(ws, leads, k_range, cache)) {
    for (const StepFigures& st : s.steps) {
      const MessageCounts& c = st.counts;
      o << (first ? "" : ",") << "[\"" << s.sequence << "\",\"" << st.step << "\"," << c.sent << ','
        << c.opened << ',' << c.opened_human << ',' << c.clicked << ',' << c.replied << ',' << c.unsubscribed
        << ',' << c.booked << ']';
      first = false;
    }
  }
  const std::vector<bool> keep = rows_of(leads);
  const RetentionReport r = retention_metrics(ws, k_year.from, k_year.to, &keep, cache);
  o << "],\"cohorts\":[";
  first = true;
  for (const RetentionCohort& c : r.cohorts) {
    if (c.size == 0) continue;
    char month[16];
    std::snprintf(month, sizeof month, "%04d-%02u", c.month.year, c.month.month);
    o << (first ? "" : ",") << "[\"" << month << "\"," << c.size << ',' << c.repeat[0].repeated << ','
      << c.repeat[1].repeated << ',' << c.repeat[2].repeated << ']';
    first = false;
  }
  o << "],\"patients\":" << r.patients << ",\"visits\":" << r.visits << ",\"histogram\":[";
  for (std::size_t i = 0; i < r.visit_histogram.size(); ++i) o << (i ? "," : "") << r.visit_histogram[i];
  o << "]}";
  return o.str();
}

std::string clean(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c == '\t' || c == '\n' || c == '\r') c = ' ';
  }
  return out;
}

// The tables the SQL peers load (bench/metrics_sql.mjs), tab-separated, no header:
//   m_leads.tsv    id (the LeadStore row: a compact integer key), source, stage (0..4, awareness..retained),
//   created_at, deleted m_history.tsv  lead, ord (position in the lead's stored history), stage, at
//   m_events.tsv   lead (its row; -1 for an unknown lead), at, type, deleted, local_day (practice-local day,
//   days since 1970),
//                  machine (property machine=true), user_agent
//   m_touches.tsv  ord (position in key order), sequence, lead, step, at, outcome, channel
//                  (the step's channel in the workspace, email when unknown)
// and m_params.json (ranges, window, filter source) and m_ours.json (our figures, per filter).
int export_rows(const Size& size, const std::string& dir) {
  const Workspace ws = make_metrics_bench_workspace(size.leads);
  const std::string base = dir + "/m_";
  {
    std::ofstream leads(base + "leads.tsv");
    std::ofstream history(base + "history.tsv");
    for (std::uint32_t r = 0; r < ws.leads.rows(); ++r) {
      const Lead l = ws.leads.get(r);
      leads << r << '\t' << clean(l.source) << '\t' << static_cast<int>(l.stage) << '\t' << l.created_at
            << '\t' << (ws.leads.is_deleted(r) ? 1 : 0) << '\n';
      for (std::size_t i = 0; i < l.stage_history.size(); ++i) {
        history << r << '\t' << i << '\t' << static_cast<int>(l.stage_history[i].stage) << '\t'
                << l.stage_history[i].at << '\n';
      }
    }
  }
  {
    const LocalCalendar cal(find_time_zone(ws.practice.time_zone));
    std::ofstream events(base + "events.tsv");
    for (std::uint32_t p = 0; p < ws.events.size(); ++p) {
      bool machine = false;
      std::string_view agent;
      for (std::size_t i = 0; i < ws.events.property_count(p); ++i) {
        const auto [key, value] = ws.events.property(p, i);
        if (key == "machine" && value == "true") machine = true;
        if (key == "user_agent") agent = value;
      }
      const auto row = ws.leads.find_any(ws.events.lead(p));
      events << (row ? static_cast<std::int64_t>(*row) : -1) << '\t' << ws.events.at(p) << '\t'
             << to_string(ws.events.type(p)) << '\t' << (ws.events.is_deleted(p) ? 1 : 0) << '\t'
             << cal.day_of(ws.events.at(p)) << '\t' << (machine ? 1 : 0) << '\t' << clean(agent) << '\n';
    }
  }
  {
    std::ofstream touches(base + "touches.tsv");
    for (std::size_t i = 0; i < ws.touches.size(); ++i) {
      const TouchRecord& t = ws.touches[i];
      TouchKeyParts parts;
      if (!split_touch_key(ws.leads, t.key, parts)) continue;
      std::string_view channel = "email";
      for (const Sequence& s : ws.sequences) {
        if (s.id != parts.sequence) continue;
        if (const auto k = step_index(s, parts.step)) channel = to_string(s.steps[*k].channel);
      }
      touches << i << '\t' << parts.sequence << '\t' << parts.row << '\t' << parts.step << '\t' << t.at
              << '\t' << to_string(t.outcome) << '\t' << channel << '\n';
    }
  }
  const MetricsFilter source = source_filter(ws);
  const LocalCalendar cal(find_time_zone(ws.practice.time_zone));
  std::ofstream params(base + "params.json");
  params << "{\"size\":\"" << size.name << "\",\"leads\":" << size.leads << ",\"from\":" << k_range.from
         << ",\"to\":" << k_range.to << ",\"window\":" << k_attribution_window_ms
         << ",\"machine_ms\":" << k_machine_open_ms << ",\"year_from_day\":" << cal.day_of(k_year.from)
         << ",\"year_last_day\":" << cal.day_of(k_year.to - 1) << ",\"year_to_day\":" << cal.day_of(k_year.to)
         << ",\"year_to\":" << k_year.to << ",\"source\":\"" << source.source << "\"}\n";
  // Our figures without the cache, checked equal to those with it.
  MetricsCache cache;
  for (const MetricsFilter& f : {MetricsFilter{}, source}) {
    if (ours_json(ws, f, nullptr) != ours_json(ws, f, &cache)) {
      std::printf("  MISMATCH: figures with the MetricsCache differ from those without it (source '%s')\n",
                  f.source.c_str());
      return 1;
    }
  }
  std::ofstream ours(base + "ours.json");
  ours << "{\"all\":" << ours_json(ws, {}, nullptr) << ",\"source\":" << ours_json(ws, source, nullptr)
       << "}\n";
  std::printf("exported %s (%zu leads, %zu events, %zu touch records) to %s\n", size.name, size.leads,
              ws.events.size(), ws.touches.size(), base.c_str());
  return 0;
}

int run(const Size& size, int runs) {
  double t0 = cpu_ms();
  const Workspace ws = make_metrics_bench_workspace(size.leads);
  std::printf("metrics_bench %s (%s): %zu leads, %zu events, %zu touch records, built in %.0f ms\n",
              size.name, platform_name(), ws.leads.size(), ws.events.size(), ws.touches.size(),
              cpu_ms() - t0);
  const MetricsFilter source = source_filter(ws);
  const segment::LeadSet live = segment::LeadSet::live(ws.leads);
  const int n = size.leads >= 100'000 ? std::max(1, std::min(runs, 11)) : runs;

  // The cache is built once per workspace revision (timed apart); the dashboard's recompute on a
  // range or filter change reuses it.
  const auto build = time_runs(std::min(n, 3), [&] {
    MetricsCache fresh;
    fresh.refresh(ws);
  });
  // The same build in the app's slices (web/ui/dashboard_page.hpp: 20,000 units a step, steps
  // repeated for ~12 ms a frame): the longest slice is what one frame can stall for.
  std::size_t slices = 0;
  double longest_slice = 0;
  const double stepped_t0 = cpu_ms();
  {
    MetricsCacheBuilder builder(ws);
    for (bool done = false; !done; ++slices) {
      const double s0 = cpu_ms();
      done = builder.step(20'000);
      longest_slice = std::max(longest_slice, cpu_ms() - s0);
    }
    (void)builder.take();
  }
  const double stepped = cpu_ms() - stepped_t0;
  MetricsCache cache;
  cache.refresh(ws);
  const Dashboard first = dashboard(ws, {}, &cache);
  const auto dash = time_runs(n, [&] { (void)dashboard(ws, {}, &cache); });
  const auto dash_source = time_runs(n, [&] { (void)dashboard(ws, source, &cache); });
  const auto dash_uncached = time_runs(std::min(n, 3), [&] { (void)dashboard(ws, {}, nullptr); });
  const auto funnel = time_runs(n, [&] { (void)compute_funnel(ws, live, k_range, &cache); });
  const auto steps = time_runs(n, [&] { (void)compute_step_metrics(ws, live, k_range, &cache); });
  const auto steps_uncached =
      time_runs(std::min(n, 3), [&] { (void)compute_step_metrics(ws, live, k_range); });
  // With a filter the step figures scan the period's sends (no running counts).
  const segment::LeadSet of_source = filter_leads(ws, source, k_range.to).value();
  const auto steps_source = time_runs(n, [&] { (void)compute_step_metrics(ws, of_source, k_range, &cache); });
  const auto cohorts =
      time_runs(n, [&] { (void)retention_metrics(ws, k_year.from, k_year.to, nullptr, &cache); });
  // The parts of the dashboard, for the profile in bench/README.md.
  const auto period = time_runs(n, [&] { (void)compute_metrics(ws, k_range, {}, cache); });
  const auto nurture = time_runs(n, [&] { (void)compute_nurture_effect(ws, live, k_range, &cache); });
  const auto engagement =
      time_runs(n, [&] { (void)engagement_metrics(ws, k_range.from, k_range.to, nullptr, &cache); });
  const auto retention =
      time_runs(n, [&] { (void)retention_metrics(ws, k_range.from, k_range.to, nullptr, &cache); });
  const auto roi = time_runs(n, [&] { (void)roi_metrics(ws, k_range.from, k_range.to, nullptr, &cache); });

  std::printf("  MetricsCache build (once per workspace revision): median %.1f ms\n", median(build));
  std::printf(
      "  MetricsCache build in slices of 20,000 units: %.1f ms in %zu slices, longest slice %.1f ms\n",
      stepped, slices, longest_slice);
  std::printf("  dashboard (90 days, no filter): best %.2f ms, median %.2f ms of %d | %llu sends counted\n",
              best(dash), median(dash), n, static_cast<unsigned long long>([&] {
                std::uint64_t sent = 0;
                for (const auto& s : first.report.current.sequences) sent += s.counts.sent;
                return sent;
              }()));
  std::printf("  dashboard (source '%s'): best %.2f ms, median %.2f ms\n", source.source.c_str(),
              best(dash_source), median(dash_source));
  std::printf(
      "  dashboard with a cold cache (built first): median %.1f ms | step figures without it: %.1f ms\n",
      median(dash_uncached), median(steps_uncached));
  std::printf(
      "  funnel: median %.2f ms | step figures: median %.3f ms (source filter %.3f ms) | cohorts over the "
      "year: "
      "median %.2f ms\n",
      median(funnel), median(steps), median(steps_source), median(cohorts));
  std::printf(
      "  parts: compute_metrics (both periods) %.2f ms, of which nurture effect %.2f ms per period; "
      "engagement "
      "%.2f ms, retention %.2f ms, roi %.2f ms\n",
      median(period), median(nurture), median(engagement), median(retention), median(roi));
  if (json_output) {
    std::printf(
        "{\"platform\":\"%s\",\"size\":\"%s\",\"leads\":%zu,\"events\":%zu,\"touches\":%zu,\"runs\":%d,"
        "\"dashboard\":%.3f,\"dashboard_best\":%.3f,\"dashboard_source\":%.3f,\"funnel\":%.3f,\"steps\":%.4f,"
        "\"cohorts\":%.3f,\"metrics\":%.3f,\"nurture\":%.3f,\"engagement\":%.3f,\"retention\":%.3f,"
        "\"roi\":%.3f,\"build\":%.2f,\"dashboard_uncached\":%.2f,\"steps_uncached\":%.2f,\"steps_source\":%."
        "4f}\n",
        platform_name(), size.name, size.leads, ws.events.size(), ws.touches.size(), n, median(dash),
        best(dash), median(dash_source), median(funnel), median(steps), median(cohorts), median(period),
        median(nurture), median(engagement), median(retention), median(roi), median(build),
        median(dash_uncached), median(steps_uncached), median(steps_source));
  }
  return 0;
}

const Size* size_named(const char* name) {
  for (const Size& s : k_sizes) {
    if (std::strcmp(s.name, name) == 0) return &s;
  }
  return nullptr;
}

// Only the cached dashboard, `runs` times: the loop to run under perf.
int profile(const Size& size, int runs) {
  const Workspace ws = make_metrics_bench_workspace(size.leads);
  MetricsCache cache;
  cache.refresh(ws);
  const auto t = time_runs(runs, [&] { (void)dashboard(ws, {}, &cache); });
  std::printf("metrics_bench profile %s (%s): dashboard median %.2f ms of %d\n", size.name, platform_name(),
              median(t), runs);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc == 4 && std::strcmp(argv[1], "profile") == 0 && size_named(argv[2]) != nullptr)
    return profile(*size_named(argv[2]), std::max(1, std::atoi(argv[3])));
  if (argc == 4 && std::strcmp(argv[1], "export") == 0) {
    const Size* size = size_named(argv[2]);
    if (size == nullptr) {
      std::fprintf(stderr, "metrics_bench export S|M|L DIR\n");
      return 2;
    }
    return export_rows(*size, argv[3]);
  }
  std::vector<const Size*> sizes;
  int runs = 21;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--json") == 0) {
      json_output = true;
    } else if (std::strcmp(argv[i], "--runs") == 0 && i + 1 < argc) {
      runs = std::max(1, std::atoi(argv[++i]));
    } else if (const Size* s = size_named(argv[i])) {
      sizes.push_back(s);
    } else {
      std::fprintf(stderr, "usage: metrics_bench [S|M|L ...] [--runs N] [--json] | export S|M|L DIR\n");
      return 2;
    }
  }
  if (sizes.empty()) {
    for (const Size& s : k_sizes) sizes.push_back(&s);
  }
  int status = 0;
  for (const Size* s : sizes) status |= run(*s, runs);
  return status;
}
