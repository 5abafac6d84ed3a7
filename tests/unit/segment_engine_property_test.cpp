// The engine against the reference evaluator: random queries over random workspaces must give
// the same leads (or both refuse the query), with a cache reused across queries and revisions.

#include <catch_amalgamated.hpp>

#include "core/segment/describe.hpp"
#include "core/segment/engine.hpp"
#include "core/segment/naive.hpp"
#include "segment_gen.hpp"
#include "test_support.hpp"

namespace segment_engine_property_test {

#ifndef NURTURE_SCALE_DIVISOR
#define NURTURE_SCALE_DIVISOR 1
#endif

using namespace nurture;
using namespace nurture::test::seg;

namespace {

std::string tree_text(const Node& n) {
  std::string out = segment::describe(n);
  if (n.children.empty()) return out;
  out += " [";
  for (std::size_t i = 0; i < n.children.size(); ++i) out += (i > 0 ? "; " : "") + tree_text(n.children[i]);
  return out + "]";
}

segment::EvalContext context_of(const GenWorld& w) {
  segment::EvalContext ctx;
  ctx.workspace = &w.ws;
  ctx.now = w.now;
  ctx.utc_offset_minutes = w.utc_offset_minutes;
  ctx.scores = &w.scores;
  ctx.find_segment = [&w](std::string_view name) -> const Node* {
    for (const auto& [k, v] : w.segments) {
      if (segment::sem::iequals(k, name)) return &v;
    }
    return nullptr;
  };
  return ctx;
}

// Compares both evaluators on `q`; returns how many leads it selects, or -1 when both refused it.
long agree(std::uint64_t seed, const Node& q, const segment::EvalContext& ctx, segment::SegmentCache& cache) {
  const auto naive = segment::naive_evaluate(q, ctx);
  const auto fast = segment::evaluate(q, "", ctx, &cache);
  INFO("seed " << seed << ": " << tree_text(q));
  INFO((naive.ok() ? "naive ok" : "naive error: " + naive.error().message));
  INFO((fast.ok() ? "engine ok" : "engine error: " + fast.error().message));
  REQUIRE(naive.ok() == fast.ok());
  if (!naive.ok()) return -1;
  CHECK(naive.value().rows() == fast.value().rows());
  // Without a cache, execute builds only the parts the query reads: same answer.
  const auto uncached = segment::evaluate(q, "", ctx);
  REQUIRE(uncached.ok());
  CHECK(uncached.value() == fast.value());
  return static_cast<long>(naive.value().count());
}

}  // namespace

TEST_CASE("segment engine equals the naive evaluator on random queries and workspaces",
          "[segment][property]") {
  const std::uint64_t seeds = 200 / NURTURE_SCALE_DIVISOR;
  std::size_t valid = 0;
  std::size_t members = 0;
  std::size_t total = 0;
  for (std::uint64_t seed = 1; seed <= seeds; ++seed) {
    const GenWorld w = gen_world(seed);
    const auto ctx = context_of(w);
    segment::SegmentCache cache;
    SplitMix64 rng(seed * 7919);
    for (int i = 0; i < 30; ++i) {
      const Node q = gen_query(rng, w.now);
      ++total;
      if (const long n = agree(seed, q, ctx, cache); n >= 0) {
        ++valid;
        members += static_cast<std::size_t>(n);
      }
    }
  }
  // The generator is useful only if most queries are valid and they select leads.
  CHECK(valid * 10 >= total * 6);
  CHECK(members > valid);
}

TEST_CASE("segment engine: a cache reused across revisions stays right", "[segment][property]") {
  const std::uint64_t seeds = 60 / NURTURE_SCALE_DIVISOR;
  for (std::uint64_t seed = 1000; seed < 1000 + seeds; ++seed) {
    GenWorld w = gen_world(seed);
    const auto ctx = context_of(w);
    segment::SegmentCache cache;
    SplitMix64 rng(seed);
    std::vector<Node> queries;
    for (int i = 0; i < 10; ++i) queries.push_back(gen_query(rng, w.now));
    queries.push_back(within(beh(BehaviourKind::count, EventType::email_opened, CompareOp::ge, 1),
                             Duration{90, DurationUnit::days}));
    queries.push_back(cond(Attr::last_activity, Test::is_not_empty));
    for (const Node& q : queries) agree(seed, q, ctx, cache);
    const std::size_t builds = cache.builds();
    for (const Node& q : queries) agree(seed, q, ctx, cache);
    CHECK(cache.builds() == builds);  // same revision: nothing rebuilt

    // Change the workspace: a new lead with events, a deleted lead, a deleted event.
    Lead l;
    l.id = LeadId{5000};
    l.interests = {"botox"};
    l.created_at = w.now - k_gen_day;
    w.ws.leads.append_row(l, Stamp{9, 0, 7});
    w.ws.events.add({test::make_event(90000, 5000, w.now - k_gen_day, EventType::email_opened),
                     test::make_event(90001, 5000, w.now - 2 * k_gen_day, EventType::content_viewed)});
    if (w.ws.leads.rows() > 1) w.ws.leads.set_deleted(0, true, Stamp{9, 1, 7});
    if (w.ws.events.size() > 2) w.ws.events.set_deleted(w.ws.events.id(0), Stamp{9, 2, 7});
    ++w.ws.revision;
    for (const Node& q : queries) agree(seed, q, ctx, cache);
    CHECK(cache.builds() == builds + 1);
  }
}

TEST_CASE("segment engine: errors carry the clause's line and column", "[segment]") {
  GenWorld w = gen_world(42);
  const auto ctx = context_of(w);
  const std::string text = "stage = consideration and\n  score.nope > 3";
  Node bad = cmp(Attr::score_group, CompareOp::gt, num(3), "nope");
  bad.span = Span{28, 42};
  Node ok = cmp(Attr::stage, CompareOp::eq, txt("consideration"));
  ok.span = Span{0, 21};
  const auto r = segment::compile(all({ok, bad}), text, ctx);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().line == 2);
  CHECK(r.error().column == 3);
  CHECK(r.error().describe() == "2:3: unknown score group \"nope\"");
  // A cycle through saved segments is reported at the in_segment clause.
  Node loop = in_segment("Loop");
  loop.span = Span{3, 19};
  const auto cycle = segment::compile(loop, "   in_segment(\"Loop\")", ctx);
  REQUIRE_FALSE(cycle.ok());
  CHECK(cycle.error().column == 4);
}

TEST_CASE("LeadSet: set operations and iteration", "[segment]") {
  segment::LeadSet a(130);
  segment::LeadSet b(130);
  for (std::uint32_t r : {0U, 5U, 64U, 129U}) a.set(r);
  for (std::uint32_t r : {5U, 64U, 100U}) b.set(r);
  CHECK(a.count() == 4);
  CHECK(a.contains(129));
  CHECK_FALSE(a.contains(130));  // outside the range
  segment::LeadSet i = a;
  i &= b;
  CHECK(i.rows() == std::vector<std::uint32_t>{5, 64});
  segment::LeadSet u = a;
  u |= b;
  CHECK(u.rows() == std::vector<std::uint32_t>{0, 5, 64, 100, 129});
  segment::LeadSet d = a;
  d.andnot(b);
  CHECK(d.rows() == std::vector<std::uint32_t>{0, 129});
  CHECK(a.complement(u).rows() == std::vector<std::uint32_t>{100});
  a.reset(0);
  CHECK(a.count() == 3);
  CHECK(segment::LeadSet(70).empty());
  Workspace ws;
  for (std::uint64_t id : {11U, 12U, 13U}) {
    Lead l;
    l.id = LeadId{id};
    ws.leads.append_row(l, Stamp{1, 0, 1});
  }
  ws.leads.set_deleted(1, true, Stamp{2, 0, 1});
  const auto live = segment::LeadSet::live(ws.leads);
  CHECK(live.ids(ws.leads) == std::vector<LeadId>{LeadId{11}, LeadId{13}});
}

}  // namespace segment_engine_property_test
