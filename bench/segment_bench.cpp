// Segment queries at S/M/L (2,000 / 20,000 / 100,000 leads of the demo practice, about 25
// events per lead): compile + execute of the example query and of a six-clause query
// with nested OR groups, against the naive reference evaluator measured in the same run, and
// checking that both give the same leads. Natively and in wasm under node; see bench/README.md.
//
//   segment_bench [S|M|L ...] [--runs N] [--json]
//   segment_bench export S|M|L DIR       writes the workspace as TSV for the SQLite peer
//                                        (bench/segment_sqljs.mjs) and DIR/SIZE.params.json
//
// Per query and size it prints: the SegmentCache build (once per workspace revision), the
// first query on a fresh cache, the median of N compile + execute runs on a warm cache, the
// median of N keystrokes (parse the text + compile + execute, warm cache), the first keystroke
// after an edit (the same on a fresh cache, which rebuilds the indexes), and the naive
// evaluator's median of 3 (1 at L). Then scoring every lead with the demo model (warm cache).
// `export` also writes every live lead's total score (DIR/SIZE.seg_scores.tsv) for the peer.

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <string>
#include <tuple>
#include <vector>

#include "bench/bench_platform.hpp"
#include "core/demo/demo_practice.hpp"
#include "core/scoring/scoring.hpp"
#include "core/segment/engine.hpp"
#include "core/segment/naive.hpp"
#include "core/segment/parser.hpp"
#include "core/segment/semantics.hpp"

using namespace nurture;
using namespace nurture::segment;

namespace {

constexpr UnixMillis k_now = 1795000000000;  // 2026-11-19

Value text(const char* s) {
  Value v;
  v.text = s;
  return v;
}
Value number(double x) {
  Value v;
  v.kind = Value::Kind::number;
  v.number = x;
  return v;
}
Node condition(Attr a, Test t, std::vector<Value> values, CompareOp op = CompareOp::eq) {
  Node n;
  n.kind = Node::Kind::condition;
  n.condition.attr = a;
  n.condition.test = t;
  n.condition.op = op;
  n.condition.values = std::move(values);
  return n;
}
Node behaviour(BehaviourKind k, EventType e, CompareOp op = CompareOp::ge, double x = 0) {
  Node n;
  n.kind = Node::Kind::behaviour;
  n.behaviour.kind = k;
  n.behaviour.event = e;
  n.behaviour.op = op;
  n.behaviour.number = x;
  return n;
}
Node group(Node::Kind k, std::vector<Node> children) {
  Node n;
  n.kind = k;
  n.children = std::move(children);
  return n;
}

// stage = consideration and interest = botox and age between 30 and 50 and consent.sms and
// count(email_open within 30d) >= 2 and never(appointment_booked)
Node example_query() {
  Node opens = behaviour(BehaviourKind::count, EventType::email_opened, CompareOp::ge, 2);
  opens.behaviour.window = Duration{30, DurationUnit::days};
  return group(Node::Kind::all, {condition(Attr::stage, Test::compare, {text("consideration")}),
                                 condition(Attr::interest, Test::compare, {text("botox")}),
                                 condition(Attr::age, Test::between, {number(30), number(50)}),
                                 condition(Attr::consent_sms, Test::is_true, {}), opens,
                                 behaviour(BehaviourKind::never, EventType::appointment_booked)});
}

// (interest = botox or interest in (filler, lip-filler)) and (source = meta-lead-ads or
// (tag = vip and age >= 40)) and stage != patient and created within 6m and
// sum(content_viewed.seconds within 90d) >= 60 and not ever(appointment_no_show)
Node six_clause_query() {
  Node seconds = behaviour(BehaviourKind::sum, EventType::content_viewed, CompareOp::ge, 60);
  seconds.behaviour.sum_prop = "seconds";
  seconds.behaviour.window = Duration{90, DurationUnit::days};
  Value six_months;
  six_months.kind = Value::Kind::duration;
  six_months.duration = Duration{6, DurationUnit::months};
  return group(
      Node::Kind::all,
      {group(Node::Kind::any, {condition(Attr::interest, Test::compare, {text("botox")}),
                               condition(Attr::interest, Test::in, {text("filler"), text("lip-filler")})}),
       group(Node::Kind::any,
             {condition(Attr::source, Test::compare, {text("meta-lead-ads")}),
              group(Node::Kind::all, {condition(Attr::tag, Test::compare, {text("vip")}),
                                      condition(Attr::age, Test::compare, {number(40)}, CompareOp::ge)})}),
       condition(Attr::stage, Test::compare, {text("patient")}, CompareOp::ne),
       condition(Attr::created, Test::within, {six_months}), seconds,
       group(Node::Kind::negate, {behaviour(BehaviourKind::ever, EventType::appointment_no_show)})});
}

// The same two queries as the user types them: the keystroke figures parse these.
constexpr const char* k_example_text =
    "stage = consideration and interest = botox and age between 30 and 50 and consent.sms and "
    "count(email_open within 30d) >= 2 and never(appointment_booked)";
constexpr const char* k_six_clause_text =
    "(interest = botox or interest in (filler, lip-filler)) and (source = meta-lead-ads or "
    "(tag = vip and age >= 40)) and stage != patient and created within 6m and "
    "sum(content_viewed.seconds within 90d) >= 60 and not ever(appointment_no_show)";

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

struct Size {
  const char* name;
  std::size_t leads;
};

constexpr int k_offset = -300;  // the practice is in New York (winter)

Workspace make_workspace(const Size& size) {
  DemoOptions options;
  options.seed = 20261127;
  options.leads = size.leads;
  options.now = k_now;
  return make_demo_practice(options);
}

bool json_output = false;

// Scoring every lead with the demo model on the warm cache: median of N compute_scores, and
// the sum of every lead's total (the SQL peer checks it). Median of fewer runs at L.
int run_scoring(const Size& size, const Workspace& ws, SegmentCache& cache, int runs) {
  auto compiled = compile_scoring(demo_scoring_model());
  if (!compiled) {
    std::printf("  scoring: %s\n", compiled.error().message.c_str());
    return 1;
  }
  std::vector<double> times;
  double sum = 0;
  const int n = std::max(1, std::min(runs, size.leads >= 100000 ? 7 : runs));
  for (int i = 0; i < n; ++i) {
    const double a = bench::cpu_ms();
    const ScoreTable table = compute_scores(compiled.value(), ws, k_now, k_offset, &cache);
    times.push_back(bench::cpu_ms() - a);
    sum = 0;
    for (std::uint32_t r = 0; r < table.rows(); ++r) sum += table.total(r);
  }
  std::printf("  scoring every lead (demo model, warm cache) median of %d %.2f ms | sum of totals %.3f\n", n,
              median(times), sum);
  if (json_output) {
    std::printf("{\"platform\":\"%s\",\"size\":\"%s\",\"query\":\"scoring\",\"warm_ms\":%.4f,\"sum\":%.4f}\n",
                bench::platform_name(), size.name, median(times), sum);
  }
  return 0;
}

int run(const Size& size, int runs) {
  double t0 = bench::cpu_ms();
  const Workspace ws = make_workspace(size);
  std::printf("%s %s: %zu leads, %zu events, generated in %.0f ms\n", bench::platform_name(), size.name,
              ws.leads.size(), ws.events.size(), bench::cpu_ms() - t0);
  EvalContext ctx;
  ctx.workspace = &ws;
  ctx.now = k_now;
  ctx.utc_offset_minutes = k_offset;

  SegmentCache cache;
  t0 = bench::cpu_ms();
  cache.refresh(ws);
  cache.ensure_events();
  cache.ensure_lists();
  cache.ensure_dates(sem::local_day(k_now, k_offset));
  std::printf("  cache build (every index): %.2f ms\n", bench::cpu_ms() - t0);

  int status = 0;
  const std::tuple<const char*, Node, const char*> queries[] = {
      {"example", example_query(), k_example_text}, {"six-clause", six_clause_query(), k_six_clause_text}};
  for (const auto& [name, query, query_text] : queries) {
    SegmentCache fresh;
    t0 = bench::cpu_ms();
    const std::size_t first = evaluate(query, "", ctx, &fresh).value().count();
    const double cold = bench::cpu_ms() - t0;
    std::vector<double> warm;
    std::vector<double> compile_only;
    std::size_t count = 0;
    for (int i = 0; i < runs; ++i) {
      const double a = bench::cpu_ms();
      auto q = compile(query, "", ctx);
      const double b = bench::cpu_ms();
      count = execute(q.value(), ctx, &cache).count();
      warm.push_back(bench::cpu_ms() - a);
      compile_only.push_back(b - a);
    }
    // A keystroke: parse the text, compile, execute on the warm cache. The first keystroke
    // after an edit (a new workspace revision) also rebuilds the indexes the query needs: a
    // fresh cache each run stands for that.
    std::vector<double> keystroke;
    std::vector<double> parse_only;
    std::vector<double> after_edit;
    std::size_t typed_count = 0;
    const int edit_runs = std::max(1, std::min(runs, size.leads >= 100000 ? 5 : 11));
    for (int i = 0; i < runs; ++i) {
      const double a = bench::cpu_ms();
      auto parsed = parse_query(query_text);
      const double b = bench::cpu_ms();
      if (!parsed) {
        std::printf("  %s: parse error %s\n", name, parsed.error().message.c_str());
        return 1;
      }
      auto q = compile(parsed.value(), query_text, ctx);
      typed_count = execute(q.value(), ctx, &cache).count();
      keystroke.push_back(bench::cpu_ms() - a);
      parse_only.push_back(b - a);
      if (i < edit_runs) {
        SegmentCache edited;
        const double c = bench::cpu_ms();
        auto again = parse_query(query_text);
        auto q2 = compile(again.value(), query_text, ctx);
        const std::size_t n = execute(q2.value(), ctx, &edited).count();
        after_edit.push_back(bench::cpu_ms() - c);
        if (n != typed_count) status = 1;
      }
    }
    std::vector<double> naive;
    std::size_t naive_count = 0;
    const int naive_runs = size.leads >= 100000 ? 1 : 3;  // seconds per run at L
    for (int i = 0; i < naive_runs; ++i) {
      const double a = bench::cpu_ms();
      naive_count = naive_evaluate(query, ctx).value().count();
      naive.push_back(bench::cpu_ms() - a);
    }
    const double w = median(warm);
    const double n = median(naive);
    std::printf(
        "  %-10s count %zu (naive %zu)%s | fresh cache %.2f ms | warm compile+execute median %.3f ms "
        "(compile %.3f) | naive %.1f ms | naive/engine %.0fx\n",
        name, count, naive_count, count == naive_count && count == first ? "" : " MISMATCH", cold, w,
        median(compile_only), n, n / std::max(w, 1e-3));
    std::printf(
        "  %-10s keystroke (parse+compile+execute, warm) median %.3f ms (parse %.3f) count %zu%s | "
        "first keystroke after an edit (cache rebuilt) median of %d %.2f ms\n",
        name, median(keystroke), median(parse_only), typed_count, typed_count == count ? "" : " MISMATCH",
        edit_runs, median(after_edit));
    if (json_output) {
      std::printf(
          "{\"platform\":\"%s\",\"size\":\"%s\",\"query\":\"%s\",\"count\":%zu,\"warm_ms\":%.4f,"
          "\"cold_ms\":%.3f,\"naive_ms\":%.2f,\"keystroke_ms\":%.4f,\"parse_ms\":%.4f,\"after_edit_ms\":%.3f}"
          "\n",
          bench::platform_name(), size.name, name, count, w, cold, n, median(keystroke), median(parse_only),
          median(after_edit));
    }
    if (count != naive_count || count != first || typed_count != count) status = 1;
  }
  status |= run_scoring(size, ws, cache, runs);
  return status;
}

// The rows the SQLite peer needs, keyed by LeadStore row: leads (stage, source, birth date,
// stored age, created, SMS marketing consent as may_contact decides it, deleted), their
// interests and tags, and every event with its lead's row (deleted ones flagged).
int export_tsv(const Size& size, const std::string& dir) {
  const Workspace ws = make_workspace(size);
  const LeadStore& leads = ws.leads;
  const std::string base = dir + "/" + size.name;
  std::ofstream out(base + ".seg_leads.tsv");
  std::ofstream interests(base + ".seg_interests.tsv");
  std::ofstream tags(base + ".seg_tags.tsv");
  for (std::uint32_t r = 0; r < leads.rows(); ++r) {
    const Lead l = leads.get(r);
    out << r << '\t' << to_string(l.stage) << '\t' << l.source << '\t'
        << (l.birth_date ? format_date(*l.birth_date) : "") << '\t' << (l.age ? std::to_string(*l.age) : "")
        << '\t' << l.created_at << '\t' << (may_contact(l, Channel::sms, Purpose::marketing) ? 1 : 0) << '\t'
        << (leads.is_deleted(r) ? 1 : 0) << '\t' << l.state << '\n';
    for (const auto& v : l.interests) interests << r << '\t' << v << '\n';
    for (const auto& v : l.tags) tags << r << '\t' << v << '\n';
  }
  std::ofstream events(base + ".seg_events.tsv");
  for (std::uint32_t p = 0; p < ws.events.size(); ++p) {
    const auto row = leads.find_any(ws.events.lead(p));
    if (!row) continue;
    const auto v = ws.events.view(p);
    events << *row << '\t' << v.at << '\t' << to_string(v.type) << '\t' << v.seconds << '\t'
           << (ws.events.is_deleted(p) ? 1 : 0) << '\n';
  }
  // The moments the SQL needs, computed by the same rules, and our counts to check against.
  const CivilDate today = civil_from_days(sem::local_day(k_now, k_offset));
  const bool leap = (today.year % 4 == 0 && today.year % 100 != 0) || today.year % 400 == 0;
  EvalContext ctx;
  ctx.workspace = &ws;
  ctx.now = k_now;
  ctx.utc_offset_minutes = k_offset;
  // Every live lead's total score (demo model), for the peer's per-lead check.
  SegmentCache cache;
  const ScoreTable scores =
      compute_scores(compile_scoring(demo_scoring_model()).value(), ws, k_now, k_offset, &cache);
  std::ofstream totals(base + ".seg_scores.tsv");
  char buffer[64];
  for (std::uint32_t r = 0; r < leads.rows(); ++r) {
    if (leads.is_deleted(r)) continue;
    std::snprintf(buffer, sizeof buffer, "%u\t%.6f\n", r, scores.total(r));
    totals << buffer;
  }
  std::ofstream params(base + ".seg_params.json");
  params << "{\"now\":" << k_now << ",\"today\":\"" << format_date(today) << "\",\"feb29\":\""
         << (leap ? "02-29" : "02-28")
         << "\",\"start30d\":" << sem::window_start(k_now, k_offset, Duration{30, DurationUnit::days})
         << ",\"start90d\":" << sem::window_start(k_now, k_offset, Duration{90, DurationUnit::days})
         << ",\"start6m\":" << sem::window_start(k_now, k_offset, Duration{6, DurationUnit::months})
         << ",\"example\":" << evaluate(example_query(), "", ctx).value().count()
         << ",\"six\":" << evaluate(six_clause_query(), "", ctx).value().count() << "}\n";
  std::printf("exported %s to %s\n", size.name, base.c_str());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const Size sizes[] = {{"S", 2000}, {"M", 20000}, {"L", 100000}};
  std::vector<Size> chosen;
  int runs = 21;
  if (argc == 4 && std::strcmp(argv[1], "export") == 0) {
    for (const Size& s : sizes) {
      if (std::strcmp(argv[2], s.name) == 0) return export_tsv(s, argv[3]);
    }
    return 2;
  }
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--json") == 0) {
      json_output = true;
      continue;
    }
    if (std::strcmp(argv[i], "--runs") == 0 && i + 1 < argc) {
      runs = std::max(1, std::atoi(argv[++i]));
      continue;
    }
    for (const Size& s : sizes) {
      if (std::strcmp(argv[i], s.name) == 0) chosen.push_back(s);
    }
  }
  if (chosen.empty()) chosen.assign(std::begin(sizes), std::end(sizes));
  int status = 0;
  for (const Size& s : chosen) status |= run(s, runs);
  return status;
}
