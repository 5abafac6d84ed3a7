#include "core/sync/merge_settings.hpp"

#include <algorithm>
#include <iterator>
#include <tuple>

#include <nlohmann/json.hpp>

#include "core/io/sequence_json.hpp"
#include "core/sync/lww.hpp"

namespace nurture::merge_detail {

namespace {

// Merges one item list; returns how many items were added or replaced.
template <class Item, class Tie>
std::size_t merge_items(const std::vector<Item>& local, const std::vector<Item>& remote,
                        std::vector<Item>* out, Tie tie) {
  std::vector<Item> merged = local;
  const auto counts = merge_lww_items(
      merged, remote, [](const Item& i) { return i.id; }, [](const Item& i) { return i.stamp; },
      [&](const Item& a, const Item& b) { return tie(a) < tie(b); });
  const std::size_t changed = counts.added + counts.replaced;
  if (out != nullptr && changed != 0) *out = std::move(merged);
  return changed;
}

auto treatment_tie(const Treatment& t) {
  return std::tie(t.name, t.category, t.retreatment_days, t.price_cents, t.deleted);
}
auto source_tie(const LeadSource& s) { return std::tie(s.name, s.kind, s.monthly_cost_cents, s.deleted); }
auto content_tie(const ContentItem& c) {
  return std::tie(c.title, c.kind, c.stage, c.treatment, c.url, c.minutes, c.deleted);
}
auto segment_tie(const SavedSegment& s) { return std::tie(s.name, s.query, s.description, s.deleted); }
// A sequence has too many members for a tie; its canonical JSON text orders it completely.
std::string sequence_tie(const Sequence& s) {
  return sequence_json(s, false).dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace) +
         (s.deleted ? "1" : "0");
}
auto enrollment_tie(const Enrollment& e) {
  return std::tie(e.sequence, e.lead, e.enrolled_at, e.reason, e.ended_at, e.end_reason);
}
auto touch_tie(const TouchRecord& t) { return std::tie(t.outcome, t.at, t.until); }
auto ad_spend_tie(const AdSpend& a) { return std::tie(a.cents, a.note, a.deleted); }
bool key_less(const Enrollment& a, const Enrollment& b) { return a.key < b.key; }
bool key_less(const TouchRecord& a, const TouchRecord& b) { return a.key < b.key; }
bool key_less(const AdSpend& a, const AdSpend& b) { return ad_spend_key_less(a, b); }

// Merges two lists sorted by key (one record per key); returns how many records were added or
// replaced. A walk over both, so a merge of many enrolments costs no index.
template <class Record, class Tie>
std::size_t merge_keyed(const std::vector<Record>& local, const std::vector<Record>& remote,
                        std::vector<Record>* out, Tie tie) {
  if (remote.empty() || local == remote) return 0;
  std::vector<Record> merged;
  merged.reserve(local.size() + remote.size());
  std::size_t changed = 0;
  auto l = local.begin();
  auto r = remote.begin();
  while (l != local.end() || r != remote.end()) {
    if (r == remote.end() || (l != local.end() && key_less(*l, *r))) {
      merged.push_back(*l++);
    } else if (l == local.end() || key_less(*r, *l)) {
      merged.push_back(*r++);
      ++changed;
    } else {
      const bool remote_wins = lww_remote_wins(
          l->stamp, r->stamp, [&] { return *l == *r; }, [&] { return tie(*l) < tie(*r); });
      merged.push_back(remote_wins ? *r : *l);
      changed += remote_wins ? 1 : 0;
      ++l;
      ++r;
    }
  }
  if (out != nullptr && changed != 0) *out = std::move(merged);
  return changed;
}

// Scoring models have no natural order; their canonical JSON-like tuple of sizes and labels
// is enough to break a stamp tie the same way on every device.
bool scoring_less(const ScoringModel& a, const ScoringModel& b) {
  const auto key = [](const ScoringModel& m) {
    std::string k;
    for (const auto& g : m.groups) k += g.id + "\x1f";
    for (const auto& r : m.event_rules)
      k += r.label + "\x1f" + r.where + "\x1f" + std::to_string(r.points) + "\x1e";
    for (const auto& r : m.fit_rules)
      k += r.label + "\x1f" + r.condition + "\x1f" + std::to_string(r.points) + "\x1e";
    for (const auto& t : m.thresholds)
      k += t.group + "\x1f" + std::to_string(t.at) + "\x1f" + t.value + "\x1e";
    return k;
  };
  return key(a) < key(b);
}

}  // namespace

std::size_t merge_settings(const Workspace& local, const Workspace& remote, Workspace* out) {
  std::size_t changed = 0;
  changed +=
      merge_items(local.treatments, remote.treatments, out ? &out->treatments : nullptr, treatment_tie);
  changed += merge_items(local.sources, remote.sources, out ? &out->sources : nullptr, source_tie);
  changed += merge_items(local.content, remote.content, out ? &out->content : nullptr, content_tie);
  changed += merge_items(local.segments, remote.segments, out ? &out->segments : nullptr, segment_tie);
  changed += merge_items(local.sequences, remote.sequences, out ? &out->sequences : nullptr, sequence_tie);

  // The record is a set: the union, kept sorted (both sides are).
  if (!remote.segment_history.empty() && local.segment_history != remote.segment_history) {
    std::vector<MembershipChange> joined;
    joined.reserve(local.segment_history.size() + remote.segment_history.size());
    std::set_union(local.segment_history.begin(), local.segment_history.end(), remote.segment_history.begin(),
                   remote.segment_history.end(), std::back_inserter(joined));
    const std::size_t added = joined.size() - local.segment_history.size();
    changed += added;
    if (out != nullptr && added != 0) out->segment_history = std::move(joined);
  }

  const auto& l = local.scoring;
  const auto& r = remote.scoring;
  if (lww_remote_wins(
          l.stamp, r.stamp, [&] { return l == r; }, [&] { return scoring_less(l, r); })) {
    ++changed;
    if (out != nullptr) out->scoring = r;
  }
  // The funnel model: the later stamp wins whole, like scoring; a stamp tie (never expected:
  // stamps are unique per device) is broken by the canonical JSON-free key of names.
  const auto funnel_key = [](const FunnelModel& m) {
    std::string k;
    for (const auto& p : m.pipelines) {
      k += p.id + "\x1f" + p.name + "\x1f" + std::to_string(p.rules.size()) + "\x1e";
      for (const auto& s : p.stages) k += s.name + "\x1f" + (s.used ? "1" : "0") + "\x1e";
    }
    return k;
  };
  if (lww_remote_wins(
          local.funnel_stamp, remote.funnel_stamp, [&] { return local.funnel == remote.funnel; },
          [&] { return funnel_key(local.funnel) < funnel_key(remote.funnel); })) {
    ++changed;
    if (out != nullptr) {
      out->funnel = remote.funnel;
      out->funnel_stamp = remote.funnel_stamp;
    }
  }
  return changed;
}

RecordCounts merge_sequence_records(const Workspace& local, const Workspace& remote, Workspace* out) {
  RecordCounts counts;
  counts.enrollments =
      merge_keyed(local.enrollments, remote.enrollments, out ? &out->enrollments : nullptr, enrollment_tie);
  counts.touches = merge_keyed(local.touches, remote.touches, out ? &out->touches : nullptr, touch_tie);
  counts.ad_spend =
      merge_keyed(local.ad_spend, remote.ad_spend, out ? &out->ad_spend : nullptr, ad_spend_tie);
  return counts;
}

}  // namespace nurture::merge_detail
