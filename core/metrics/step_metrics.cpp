#include "core/metrics/step_metrics.hpp"

#include <algorithm>
#include <map>
#include <tuple>
#include <utility>

namespace nurture::metrics {

namespace {

// Which sends an event may be attributed to.
enum class SendMatch : std::uint8_t { email, text, any };

struct Send {
  std::uint32_t row = 0;
  UnixMillis at = 0;
  std::uint32_t group = 0;  // index into the (sequence, step) groups
  bool email = true;
  bool text = false;
  bool counted = false;  // in the period: its flags are counted
  bool opened = false;
  bool opened_human = false;
  bool clicked = false;
  bool replied = false;
  bool unsubscribed = false;
  bool booked = false;
};

bool contains_ignoring_case(std::string_view text, std::string_view needle) {
  const auto lower = [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; };
  if (needle.size() > text.size()) return false;
  for (std::size_t i = 0; i + needle.size() <= text.size(); ++i) {
    std::size_t j = 0;
    while (j < needle.size() && lower(text[i + j]) == needle[j]) ++j;
    if (j == needle.size()) return true;
  }
  return false;
}

}  // namespace

MessageCounts& MessageCounts::operator+=(const MessageCounts& o) {
  sent += o.sent;
  opened += o.opened;
  opened_human += o.opened_human;
  clicked += o.clicked;
  replied += o.replied;
  unsubscribed += o.unsubscribed;
  booked += o.booked;
  return *this;
}

bool is_send(TouchOutcome outcome) {
  return outcome == TouchOutcome::sent || outcome == TouchOutcome::replied || outcome == TouchOutcome::booked;
}

bool is_machine_open(const EventLog& events, std::uint32_t pos, UnixMillis sent_at) {
  if (events.at(pos) - sent_at < k_machine_open_ms) return true;
  for (std::size_t i = 0; i < events.property_count(pos); ++i) {
    const auto [key, value] = events.property(pos, i);
    if (key == "machine" && value == "true") return true;
    if (key == "user_agent" && contains_ignoring_case(value, "privacy protection")) return true;
  }
  return false;
}

namespace {

// The cached path: every send's responses are attributed once per workspace revision
// (MetricsCache), so a range or filter change only counts the sends of the period.
std::vector<SequenceFigures> cached_step_metrics(const segment::LeadSet& leads, const MetricsRange& range,
                                                 const MetricsCache& cache) {
  using C = MetricsCache;
  std::vector<MessageCounts> counts(cache.groups().size());
  const auto [first, last] = cache.send_range(range.from, range.to);
  const std::vector<C::Send>& sends = cache.sends();
  // Adds the sends [a, b) (`all`), or those of the kept leads only.
  const auto scan = [&](std::size_t a, std::size_t b, bool all) {
    for (std::size_t i = a; i < b; ++i) {
      const C::Send& s = sends[i];
      if (!all && !leads.contains(s.row)) continue;
      const std::uint8_t f = s.flags();
      MessageCounts& c = counts[s.group()];
      ++c.sent;
      c.opened += (f & C::k_opened) != 0 ? 1U : 0U;
      c.opened_human += (f & C::k_opened_human) != 0 ? 1U : 0U;
      c.clicked += (f & C::k_clicked) != 0 ? 1U : 0U;
      c.replied += (f & C::k_replied) != 0 ? 1U : 0U;
      c.unsubscribed += (f & C::k_unsubscribed) != 0 ? 1U : 0U;
      c.booked += (f & C::k_booked) != 0 ? 1U : 0U;
    }
  };
  const std::size_t first_block = (first + C::k_send_block - 1) / C::k_send_block;
  const std::size_t last_block = last / C::k_send_block;
  if (first_block < last_block && leads == cache.live()) {
    // No filter: whole blocks from the running counts, the partial ones at both ends scanned.
    const auto lo = cache.block_counts(first_block);
    const auto hi = cache.block_counts(last_block);
    for (std::size_t g = 0; g < counts.size(); ++g) {
      const std::size_t o = g * C::k_send_figures;
      MessageCounts& c = counts[g];
      c.sent = hi[o] - lo[o];
      c.opened = hi[o + 1] - lo[o + 1];
      c.opened_human = hi[o + 2] - lo[o + 2];
      c.clicked = hi[o + 3] - lo[o + 3];
      c.replied = hi[o + 4] - lo[o + 4];
      c.unsubscribed = hi[o + 5] - lo[o + 5];
      c.booked = hi[o + 6] - lo[o + 6];
    }
    scan(first, first_block * C::k_send_block, true);
    scan(last_block * C::k_send_block, last, true);
  } else {
    scan(first, last, false);
  }
  std::vector<SequenceFigures> out;
  for (const std::uint32_t g : cache.group_order()) {
    if (counts[g].sent == 0) continue;
    const auto& [seq, step] = cache.groups()[g];
    if (out.empty() || out.back().sequence != seq) out.push_back({seq, {}, {}});
    out.back().steps.push_back({step, counts[g]});
    out.back().counts += counts[g];
  }
  return out;
}

}  // namespace

void sort_groups(const Workspace& ws, const std::vector<std::pair<std::string, std::string>>& groups,
                 std::vector<std::uint32_t>& order) {
  const auto seq_rank = [&](const std::string& id) {
    for (std::size_t i = 0; i < ws.sequences.size(); ++i)
      if (ws.sequences[i].id == id) return i;
    return ws.sequences.size();
  };
  const auto step_rank = [&](const std::string& seq, const std::string& step) {
    const std::size_t r = seq_rank(seq);
    if (r == ws.sequences.size()) return std::size_t{0};
    return step_index(ws.sequences[r], step).value_or(ws.sequences[r].steps.size());
  };
  std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
    const auto& [sa, ta] = groups[a];
    const auto& [sb, tb] = groups[b];
    const auto ka = std::make_tuple(seq_rank(sa), sa, step_rank(sa, ta), ta);
    const auto kb = std::make_tuple(seq_rank(sb), sb, step_rank(sb, tb), tb);
    return ka < kb;
  });
}

std::vector<SequenceFigures> compute_step_metrics(const Workspace& ws, const segment::LeadSet& leads,
                                                  const MetricsRange& range, MetricsCache* cache) {
  if (cache != nullptr) {
    cache->refresh(ws);
    return cached_step_metrics(leads, range, *cache);
  }
  // Groups keyed by (sequence, step): touch records are few next to events, so string keys are
  // fine here; the event pass below does no string work.
  std::map<std::pair<std::string, std::string>, std::uint32_t> group_of;
  std::vector<std::pair<std::string, std::string>> groups;
  std::vector<Send> sends;
  for (const auto& t : ws.touches) {
    // Sends just before and after the period still take attribution (an event goes to the
    // latest send before it), so nothing is counted for the wrong send; only those in it count.
    if (!is_send(t.outcome) || t.at < range.from - k_attribution_window_ms ||
        t.at >= range.to + k_attribution_window_ms)
      continue;
    TouchKeyParts parts;
    if (!split_touch_key(ws.leads, t.key, parts) || !leads.contains(parts.row)) continue;
    Send s;
    s.row = parts.row;
    s.at = t.at;
    s.counted = t.at >= range.from && t.at < range.to;
    auto key = std::make_pair(std::string(parts.sequence), std::string(parts.step));
    auto [it, added] = group_of.try_emplace(key, static_cast<std::uint32_t>(groups.size()));
    if (added) groups.push_back(std::move(key));
    s.group = it->second;
    for (const auto& seq : ws.sequences) {
      if (seq.id != parts.sequence) continue;
      if (const auto i = step_index(seq, parts.step)) {
        s.email = seq.steps[*i].channel == StepChannel::email;
        s.text = seq.steps[*i].channel == StepChannel::text;
      }
    }
    s.replied = t.outcome == TouchOutcome::replied;
    s.booked = t.outcome == TouchOutcome::booked;
    sends.push_back(s);
  }
  // Stable: equal times keep the touch records' key order, so attribution is deterministic.
  std::stable_sort(sends.begin(), sends.end(),
                   [](const Send& a, const Send& b) { return a.row != b.row ? a.row < b.row : a.at < b.at; });

  // The lead's latest matching send at or before `at`, within the window; nullptr when none.
  const auto attribute = [&](std::uint32_t row, UnixMillis at, SendMatch match) -> Send* {
    auto first = std::lower_bound(sends.begin(), sends.end(), row,
                                  [](const Send& s, std::uint32_t r) { return s.row < r; });
    auto last =
        std::upper_bound(first, sends.end(), std::make_pair(row, at), [](const auto& key, const Send& s) {
          return key.first != s.row ? key.first < s.row : key.second < s.at;
        });
    while (last != first) {
      --last;
      if (at - last->at >= k_attribution_window_ms) return nullptr;
      if (match == SendMatch::any || (match == SendMatch::email && last->email) ||
          (match == SendMatch::text && last->text))
        return &*last;
    }
    return nullptr;
  };
  // One pass over the events of [from, to + window) (EventLog::of_type would rescan that span
  // once per type); the lead lookup happens only for the six attributed types.
  if (!sends.empty()) {
    const auto [first, last] = ws.events.time_range(range.from, range.to + k_attribution_window_ms);
    for (std::uint32_t pos = first; pos < last; ++pos) {
      const EventType type = ws.events.type(pos);
      SendMatch match = SendMatch::any;
      switch (type) {
        case EventType::email_opened:
        case EventType::email_clicked:
        case EventType::email_replied:
          match = SendMatch::email;
          break;
        case EventType::text_replied:
          match = SendMatch::text;
          break;
        case EventType::unsubscribed:
        case EventType::appointment_booked:
          break;
        default:
          continue;
      }
      if (ws.events.is_deleted(pos)) continue;
      const auto row = ws.leads.find(ws.events.lead(pos));
      if (!row || !leads.contains(*row)) continue;
      Send* send = attribute(*row, ws.events.at(pos), match);
      if (send == nullptr) continue;
      switch (type) {
        case EventType::email_opened:
          send->opened = true;
          if (!is_machine_open(ws.events, pos, send->at)) send->opened_human = true;
          break;
        case EventType::email_clicked:
          send->clicked = true;
          break;
        case EventType::unsubscribed:
          send->unsubscribed = true;
          break;
        case EventType::appointment_booked:
          send->booked = true;
          break;
        default:
          send->replied = true;
          break;  // email_replied, text_replied
      }
    }
  }

  std::vector<MessageCounts> counts(groups.size());
  for (const Send& s : sends) {
    if (!s.counted) continue;
    MessageCounts& c = counts[s.group];
    ++c.sent;
    c.opened += s.opened ? 1U : 0U;
    c.opened_human += s.opened_human ? 1U : 0U;
    c.clicked += s.clicked ? 1U : 0U;
    c.replied += s.replied ? 1U : 0U;
    c.unsubscribed += s.unsubscribed ? 1U : 0U;
    c.booked += s.booked ? 1U : 0U;
  }

  std::vector<std::uint32_t> order;
  for (std::uint32_t g = 0; g < groups.size(); ++g)
    if (counts[g].sent > 0) order.push_back(g);
  sort_groups(ws, groups, order);
  std::vector<SequenceFigures> out;
  for (const std::uint32_t g : order) {
    if (out.empty() || out.back().sequence != groups[g].first) out.push_back({groups[g].first, {}, {}});
    out.back().steps.push_back({groups[g].second, counts[g]});
    out.back().counts += counts[g];
  }
  return out;
}

}  // namespace nurture::metrics
