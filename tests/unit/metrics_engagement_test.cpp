#include <catch_amalgamated.hpp>

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/metrics/engagement.hpp"
#include "metrics_workspace_build.hpp"

namespace metrics_engagement_test {

using namespace nurture;
using namespace nurture::test;

namespace {

Sequence linking(std::string id, std::vector<std::string> contents, bool deleted = false) {
  Sequence s;
  s.id = std::move(id);
  for (std::size_t i = 0; i < contents.size(); ++i) {
    Step st;
    st.id = "s" + std::to_string(i);
    st.kind = StepKind::message;
    st.message.content = contents[i];
    s.steps.push_back(st);
  }
  s.deleted = deleted;
  return s;
}

// Golden workspace: item A "botox-guide" (consideration, botox, 5 min: complete at >= 240 s),
// item B "faq" (awareness, general, no length), a deleted item "old"; leads 1-3 live, lead 4
// deleted. Range [Mar 1, Apr 1) 2026 UTC.
Workspace golden() {
  Workspace ws = utc_workspace();
  ws.content = {content_item("botox-guide", 5, Stage::consideration, "botox"),
                content_item("faq", 0, Stage::awareness), content_item("old", 1, Stage::retained, "botox")};
  ws.content[2].deleted = true;
  ws.sequences = {linking("welcome", {"botox-guide"}), linking("gone", {"faq"}, true),
                  linking("drip", {"faq", "", "botox-guide"})};
  add_lead(ws, 1);
  add_lead(ws, 2);
  add_lead(ws, 3);
  ws.leads.set_deleted(add_lead(ws, 4), true, Stamp{2, 0, 1});
  EventBatch b;
  b.view(1, utc(2026, 3, 2), "botox-guide", 300);      // complete (300 >= 240)
  b.view(1, utc(2026, 3, 3), "botox-guide", 100);      // not complete
  b.view(2, utc(2026, 3, 4), "botox-guide", 240);      // complete: exactly 80 % of 5 minutes
  b.view(3, utc(2026, 3, 5), "faq", 50);               // no length: not timed
  b.view(1, utc(2026, 3, 6), "old", 30);               // deleted item: unknown content
  b.view(4, utc(2026, 3, 7), "botox-guide", 999);      // deleted lead: ignored
  b.view(2, utc(2026, 4, 1), "botox-guide", 500);      // at `to`: outside
  b.view(2, utc(2026, 3, 1) - 1, "botox-guide", 500);  // before `from`: outside
  b.add(2, utc(2026, 3, 8), EventType::email_clicked).content = "botox-guide";  // not a view
  b.commit(ws);
  return ws;
}

}  // namespace

TEST_CASE("Engagement golden: per item, stage, treatment and linked sequences", "[metrics-engagement]") {
  const Workspace ws = golden();
  const auto r = engagement_metrics(ws, utc(2026, 3, 1), utc(2026, 4, 1));
  REQUIRE(r.items.size() == 2);  // the deleted item has no row
  const auto& a = r.items[0].figures;
  CHECK(r.items[0].item == 0);
  // A: views 300, 100, 240 by leads 1, 1, 2 → 3 views, 2 leads, 640 s, median 240,
  // 3 timed, 2 complete.
  CHECK(a.views == 3);
  CHECK(a.unique_leads == 2);
  CHECK(a.total_seconds == 640);
  CHECK(a.median_seconds == 240.0);
  CHECK(a.timed_views == 3);
  CHECK(a.completed == 2);
  CHECK(a.completion_rate == Catch::Approx(2.0 / 3.0));
  // A is linked by "welcome" (0) and "drip" (2); B by "drip" only ("gone" is deleted).
  CHECK(r.items[0].sequences == std::vector<std::uint32_t>{0, 2});
  CHECK(r.items[1].item == 1);
  CHECK(r.items[1].sequences == std::vector<std::uint32_t>{2});
  const auto& b = r.items[1].figures;
  CHECK(b.views == 1);
  CHECK(b.total_seconds == 50);
  CHECK(b.median_seconds == 50.0);
  CHECK(b.timed_views == 0);  // no length: no completion
  CHECK(b.completion_rate == 0.0);
  // Stages follow the items: consideration = A, awareness = B, the rest empty.
  CHECK(r.by_stage[static_cast<std::size_t>(Stage::consideration)] == a);
  CHECK(r.by_stage[static_cast<std::size_t>(Stage::awareness)] == b);
  CHECK(r.by_stage[static_cast<std::size_t>(Stage::retained)].views == 0);
  // Treatments in catalog order of first appearance: botox (A), general "" (B).
  REQUIRE(r.by_treatment.size() == 2);
  CHECK(r.by_treatment[0].treatment == "botox");
  CHECK(r.by_treatment[0].figures == a);
  CHECK(r.by_treatment[1].treatment.empty());
  CHECK(r.by_treatment[1].figures == b);
  // The "old" view (30 s by lead 1) counts as unknown content.
  CHECK(r.unknown_content.views == 1);
  CHECK(r.unknown_content.total_seconds == 30);
  // All: 5 views {30, 50, 100, 240, 300} by leads 1, 2, 3 → median 100, 720 s.
  CHECK(r.all.views == 5);
  CHECK(r.all.unique_leads == 3);
  CHECK(r.all.total_seconds == 720);
  CHECK(r.all.median_seconds == 100.0);
  CHECK(r.all.timed_views == 3);
  CHECK(r.all.completed == 2);
}

TEST_CASE("Engagement keep_rows restricts the leads", "[metrics-engagement]") {
  const Workspace ws = golden();
  const std::vector<bool> keep{true, false, true, true};  // drop lead 2 (row 1)
  const auto r = engagement_metrics(ws, utc(2026, 3, 1), utc(2026, 4, 1), &keep);
  // A keeps lead 1's views 300 and 100: median (100 + 300) / 2 = 200, 1 of 2 complete.
  const auto& a = r.items[0].figures;
  CHECK(a.views == 2);
  CHECK(a.unique_leads == 1);
  CHECK(a.total_seconds == 400);
  CHECK(a.median_seconds == 200.0);
  CHECK(a.completion_rate == 0.5);
  CHECK(r.all.views == 4);
}

TEST_CASE("Engagement of an empty range is empty", "[metrics-engagement]") {
  const Workspace ws = golden();
  const auto r = engagement_metrics(ws, utc(2026, 4, 1), utc(2026, 3, 1));
  CHECK(r.all == EngagementFigures{});
  CHECK(r.items.size() == 2);
}

namespace {

struct Acc {
  std::vector<std::uint32_t> seconds;
  std::set<std::uint64_t> leads;
  std::uint64_t timed = 0;
  std::uint64_t completed = 0;
};

EngagementFigures figures_of(Acc acc) {
  EngagementFigures f;
  f.views = acc.seconds.size();
  f.unique_leads = acc.leads.size();
  for (const auto s : acc.seconds) f.total_seconds += s;
  std::sort(acc.seconds.begin(), acc.seconds.end());
  const std::size_t n = acc.seconds.size();
  if (n > 0) {
    f.median_seconds = n % 2 == 1 ? acc.seconds[n / 2]
                                  : (static_cast<double>(acc.seconds[n / 2 - 1]) + acc.seconds[n / 2]) / 2;
  }
  f.timed_views = acc.timed;
  f.completed = acc.completed;
  f.completion_rate =
      acc.timed == 0 ? 0.0 : static_cast<double>(acc.completed) / static_cast<double>(acc.timed);
  return f;
}

}  // namespace

TEST_CASE("Engagement matches a naive oracle on random workspaces", "[metrics-engagement]") {
  SplitMix64 rng(0x6E6761676531ULL);
  for (int round = 0; round < 40; ++round) {
    const Workspace ws = random_metrics_workspace(rng, 40, 600);
    const auto [from, to] = random_range(rng);
    const std::vector<bool> keep = random_keep(rng, ws.leads.rows());
    const bool use_keep = rng.chance(50);
    const auto r = engagement_metrics(ws, from, to, use_keep ? &keep : nullptr);

    // Oracle: every event, every string compared plainly.
    std::map<std::string, Acc> by_item;
    std::map<int, Acc> by_stage;
    std::map<std::string, Acc> by_treatment;
    Acc unknown;
    Acc all;
    for (std::uint32_t pos = 0; pos < ws.events.size(); ++pos) {
      if (ws.events.is_deleted(pos)) continue;
      const Event e = ws.events.get(pos);
      if (e.type != EventType::content_viewed || e.at < from || e.at >= to) continue;
      const auto row = ws.leads.find(e.lead);
      if (!row || (use_keep && !keep[*row])) continue;
      const ContentItem* item = find_item(ws.content, e.content);
      std::vector<Acc*> accs{&all};
      if (item == nullptr) {
        accs.push_back(&unknown);
      } else {
        accs.push_back(&by_item[item->id]);
        accs.push_back(&by_stage[static_cast<int>(item->stage)]);
        accs.push_back(&by_treatment[item->treatment]);
      }
      const bool timed = item != nullptr && item->minutes > 0;
      const bool done = timed && e.seconds >= item->minutes * 60.0 * 0.8;
      for (Acc* acc : accs) {
        acc->seconds.push_back(e.seconds);
        acc->leads.insert(e.lead.value);
        acc->timed += timed ? 1 : 0;
        acc->completed += done ? 1 : 0;
      }
    }
    CHECK(r.all == figures_of(all));
    CHECK(r.unknown_content == figures_of(unknown));
    REQUIRE(r.items.size() == 3);
    for (const auto& it : r.items) CHECK(it.figures == figures_of(by_item[ws.content[it.item].id]));
    for (std::size_t s = 0; s < k_stage_count; ++s) {
      CHECK(r.by_stage[s] == figures_of(by_stage[static_cast<int>(s)]));
    }
    REQUIRE(r.by_treatment.size() == 3);  // botox, "", filler
    for (const auto& t : r.by_treatment) CHECK(t.figures == figures_of(by_treatment[t.treatment]));
  }
}

}  // namespace metrics_engagement_test
