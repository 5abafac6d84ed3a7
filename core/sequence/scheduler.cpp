#include "core/sequence/scheduler.hpp"

#include <algorithm>
#include <numeric>

#include "core/sequence/lead_scheduler.hpp"
#include "core/util/checksum.hpp"

namespace nurture {

namespace {

// murmur3's 64-bit finaliser: FNV-1a's low bits depend on few input bits (the lowest bit is the
// parity of the bytes' lowest bits), and `% 100` reads mostly the low bits.
std::uint64_t mix64(std::uint64_t h) {
  h ^= h >> 33U;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33U;
  h *= 0xc4ceb9fe1a85ec53ULL;
  h ^= h >> 33U;
  return h;
}

}  // namespace

std::size_t split_arm(std::string_view enrollment, const Step& step) {
  if (step.arms.empty()) return 0;
  std::string text(enrollment);
  text += '/';
  text += step.id;
  const std::uint64_t bucket = mix64(fnv1a64(text)) % 100U;
  std::uint64_t cumulative = 0;
  for (std::size_t i = 0; i < step.arms.size(); ++i) {
    cumulative += step.arms[i].percent;
    if (bucket < cumulative) return i;
  }
  return step.arms.size() - 1;
}

Schedule schedule(const Workspace& ws, UnixMillis now, const ScheduleOptions& options) {
  LeadScheduler scheduler(ws, options.caps);
  Schedule out;
  const auto& es = ws.enrollments;
  // Group enrolments by lead (caps and facts are per lead); ties keep key order.
  std::vector<std::uint32_t> order(es.size());
  std::iota(order.begin(), order.end(), 0U);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::uint32_t a, std::uint32_t b) { return es[a].lead < es[b].lead; });
  std::vector<LeadEnrollment> group;
  for (std::size_t i = 0; i < order.size();) {
    group.clear();
    const LeadId lead = es[order[i]].lead;
    bool any = false;
    for (; i < order.size() && es[order[i]].lead == lead; ++i) {
      const Enrollment& e = es[order[i]];
      any = any || scheduler.runs(e);
      group.push_back({&e, {}});
    }
    if (!any) continue;
    for (LeadEnrollment& g : group) g.records = scheduler.records_of(*g.enrollment);
    scheduler.schedule_lead(lead, group, now, options.horizon, out);
  }
  LeadScheduler::sort(out);
  return out;
}

}  // namespace nurture
