#include "bench/metrics_data.hpp"

#include <algorithm>
#include <string>

#include "core/demo/demo_practice.hpp"
#include "core/util/splitmix.hpp"

namespace nurture::bench {

void add_bench_touches(Workspace& ws) {
  std::vector<TouchRecord> touches;
  for (std::uint32_t pos = 0; pos < ws.events.size(); ++pos) {
    if (ws.events.type(pos) != EventType::email_sent || ws.events.is_deleted(pos)) continue;
    const EventLog::View e = ws.events.view(pos);
    if (e.sequence.empty()) continue;
    const auto row = ws.leads.find_any(e.lead);
    if (!row) continue;
    TouchRecord t;
    t.key = touch_key(enrollment_key(e.sequence, e.lead, ws.leads.created_at(*row)),
                      "s" + std::to_string(e.step));
    t.at = e.at;
    // A fixed function of the event id, so every size and run gets the same outcomes.
    const std::uint64_t h = SplitMix64(e.id.value).next() % 100;
    t.outcome = h < 4   ? TouchOutcome::skipped
                : h < 7 ? TouchOutcome::replied
                : h < 9 ? TouchOutcome::booked
                        : TouchOutcome::sent;
    touches.push_back(std::move(t));
  }
  // Stable: the first event per key (events are in time order) keeps its record.
  std::stable_sort(touches.begin(), touches.end(),
                   [](const TouchRecord& a, const TouchRecord& b) { return a.key < b.key; });
  touches.erase(std::unique(touches.begin(), touches.end(),
                            [](const TouchRecord& a, const TouchRecord& b) { return a.key == b.key; }),
                touches.end());
  ws.touches = std::move(touches);
}

Workspace make_metrics_bench_workspace(std::size_t leads) {
  Workspace ws = make_demo_practice(DemoOptions{k_metrics_bench_seed, leads, k_metrics_bench_now, 1});
  add_bench_touches(ws);
  return ws;
}

}  // namespace nurture::bench
