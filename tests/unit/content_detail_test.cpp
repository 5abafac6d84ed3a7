// One content item up close: weekly views and engagement by the viewer's current stage.
#include "core/metrics/content_detail.hpp"

#include <catch_amalgamated.hpp>

#include "metrics_workspace_build.hpp"

namespace content_detail_test {

using namespace nurture;
using namespace nurture::test;

namespace {

constexpr UnixMillis k_week = 7 * 86'400'000LL;

}  // namespace

TEST_CASE("content detail: views per week and by the viewer's stage", "[metrics-engagement][content]") {
  Workspace ws = utc_workspace();
  ws.content = {content_item("guide", 5), content_item("other", 5)};  // complete at >= 240 s
  add_staged_lead(ws, 1, Stage::awareness);
  add_staged_lead(ws, 2, Stage::patient);
  add_staged_lead(ws, 3, Stage::patient);
  const UnixMillis to = utc(2026, 4, 1);
  EventBatch b;
  b.view(1, to - 1, "guide", 100);              // last week (week 3 of 4)
  b.view(2, to - k_week - 1, "guide", 300);     // week 2
  b.view(2, to - k_week - 2, "guide", 240);     // week 2, same lead
  b.view(3, to - 3 * k_week - 5, "guide", 60);  // week 0
  b.view(3, to - 5 * k_week, "guide", 600);     // in range, before the four weeks
  b.view(1, to - 2, "other", 999);              // another item
  b.view(1, to, "guide", 999);                  // at `to`: outside
  b.commit(ws);
  const auto d = content_detail(ws, "guide", to - 10 * k_week, to, 4);
  CHECK(d.weekly_views == std::vector<std::uint32_t>{1, 0, 2, 1});
  const auto& aw = d.by_viewer_stage[static_cast<std::size_t>(Stage::awareness)];
  CHECK(aw.views == 1);
  CHECK(aw.unique_leads == 1);
  CHECK(aw.completed == 0);
  // Patients: 300, 240, 60, 600 by leads 2, 2, 3, 3 → 4 views, 2 leads, 1200 s, median
  // (240 + 300) / 2 = 270, 3 of 4 complete (300, 240, 600).
  const auto& pa = d.by_viewer_stage[static_cast<std::size_t>(Stage::patient)];
  CHECK(pa.views == 4);
  CHECK(pa.unique_leads == 2);
  CHECK(pa.total_seconds == 1200);
  CHECK(pa.median_seconds == 270.0);
  CHECK(pa.completed == 3);
  CHECK(pa.completion_rate == 0.75);
  CHECK(d.by_viewer_stage[static_cast<std::size_t>(Stage::retained)].views == 0);
  // An unknown id and an empty period give zeros.
  CHECK(content_detail(ws, "nope", to - k_week, to, 2).weekly_views == std::vector<std::uint32_t>{0, 0});
  CHECK(content_detail(ws, "guide", to, to, 1).by_viewer_stage[1].views == 0);
}

}  // namespace content_detail_test
