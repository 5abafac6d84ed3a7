// The metrics against naive oracles on random practices: every lead's whole history and every
// event of the log checked directly against the definitions in docs/metrics.md, O(n·m).
#include <catch_amalgamated.hpp>

#include <array>
#include <optional>

#include "core/util/splitmix.hpp"
#include "tests/unit/metrics_support.hpp"

namespace nurture::metrics_property_test {
namespace {

using namespace nurture::metrics;
using test::k_day;

constexpr std::uint64_t k_leads = 30;

Workspace random_workspace(SplitMix64& rng) {
  Workspace ws;
  for (std::uint64_t id = 1; id <= k_leads; ++id) {
    std::vector<StageChange> history;
    const std::size_t changes = rng.below(5);
    for (std::size_t i = 0; i < changes; ++i)
      history.push_back(
          {static_cast<Stage>(rng.below(k_stage_count)), static_cast<UnixMillis>(rng.below(40)) * k_day});
    Lead l = test::metrics_lead(id, static_cast<UnixMillis>(rng.below(30)) * k_day, history);
    if (history.empty()) l.stage = static_cast<Stage>(rng.below(k_stage_count));
    ws.leads.append_row(l, Stamp{});
  }
  for (std::uint32_t row = 0; row < 3; ++row)
    ws.leads.set_deleted(static_cast<std::uint32_t>(rng.below(k_leads)), true, Stamp{});

  const std::vector<std::string> seqs{"s1", "s1", "s2", "ghost"};
  const std::vector<std::string> steps{"e1", "t1", "e2", "z"};
  std::vector<Event> events;
  std::uint64_t next_event = 1;
  for (std::uint32_t i = 0; i < 80; ++i) {
    const std::size_t which = rng.below(seqs.size());
    // Distinct times (i in the last digits): "the latest send" is never a tie.
    const UnixMillis at = static_cast<UnixMillis>(rng.below(40 * 24)) * 3'600'000 + i;
    const std::uint64_t lead = 1 + rng.below(k_leads);
    TouchRecord t;
    t.key = touch_key(enrollment_key(seqs[which], LeadId{lead}, i), steps[which]);
    t.outcome = static_cast<TouchOutcome>(rng.below(k_touch_outcome_count));
    t.at = at;
    ws.touches.push_back(t);
    if (rng.chance(25))
      events.push_back(test::make_event(next_event++, lead, at + 500, EventType::email_opened));
  }
  test::sort_touches(ws);
  const std::vector<EventType> types{
      EventType::email_opened, EventType::email_clicked, EventType::email_replied,
      EventType::text_replied, EventType::unsubscribed,  EventType::appointment_booked,
      EventType::email_sent,   EventType::text_sent,     EventType::content_viewed};
  for (int i = 0; i < 300; ++i) {
    Event e = test::make_event(next_event++, 1 + rng.below(k_leads + 2),
                               static_cast<UnixMillis>(rng.below(40 * 24 * 60)) * 60'000, rng.pick(types));
    if (e.type == EventType::email_opened && rng.chance(20)) e.properties = {{"machine", "true"}};
    events.push_back(e);
  }
  std::stable_sort(events.begin(), events.end(), [](const Event& a, const Event& b) { return a.at < b.at; });
  ws.events.add(events);
  for (int i = 0; i < 10; ++i) ws.events.set_deleted(EventId{1 + rng.below(next_event - 1)}, Stamp{1, 0, 1});
  ws.sequences.push_back(test::two_channel_sequence("s1", {"e1"}, {"t1"}));
  ws.sequences.push_back(test::two_channel_sequence("s2", {"e2"}, {}));
  return ws;
}

std::vector<StageChange> naive_path(const Lead& l) {
  std::vector<StageChange> p = l.stage_history;
  if (p.empty()) p.push_back({l.stage, l.created_at});
  std::stable_sort(p.begin(), p.end(),
                   [](const StageChange& a, const StageChange& b) { return a.at < b.at; });
  return p;
}

std::optional<double> sorted_median(std::vector<double> v) {
  if (v.empty()) return std::nullopt;
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

FunnelFigures naive_funnel(const Workspace& ws, const MetricsRange& r) {
  FunnelFigures out;
  std::array<std::vector<double>, k_stage_count> stays;
  std::vector<double> to_conversion;
  const auto days = [](UnixMillis ms) { return static_cast<double>(ms) / static_cast<double>(k_day); };
  for (std::uint32_t row = 0; row < ws.leads.rows(); ++row) {
    if (ws.leads.is_deleted(row)) continue;
    const auto path = naive_path(ws.leads.get(row));
    // A stay runs from the first change of a run of equal stages to the next other stage.
    StageChange run = path.front();
    for (std::size_t j = 1; j < path.size(); ++j) {
      if (path[j].stage == run.stage) continue;
      if (path[j].at >= r.from && path[j].at < r.to)
        stays[static_cast<std::size_t>(run.stage)].push_back(days(path[j].at - run.at));
      run = path[j];
    }
    UnixMillis converted_at = INT64_MAX;
    for (const auto& c : path)
      if (c.stage >= Stage::conversion) converted_at = std::min(converted_at, c.at);
    if (converted_at >= r.from && converted_at < r.to)
      to_conversion.push_back(days(converted_at - path.front().at));
    const StageChange* start = nullptr;
    for (const auto& c : path)
      if (c.at < r.from && (start == nullptr || c.at >= start->at)) start = &c;
    for (std::size_t k = 0; k < k_stage_count; ++k) {
      bool before = false;
      UnixMillis first_in = INT64_MAX;
      for (const auto& c : path) {
        if (static_cast<std::size_t>(c.stage) < k) continue;
        if (c.at < r.from) before = true;
        if (c.at >= r.from && c.at < r.to) first_in = std::min(first_in, c.at);
      }
      const bool reached = !before && first_in != INT64_MAX;
      const bool started = start != nullptr && static_cast<std::size_t>(start->stage) == k;
      StageFigures& f = out.stages[k];
      f.reached += reached ? 1U : 0U;
      f.at_start += started ? 1U : 0U;
      if (!reached && !started) continue;
      ++f.cohort;
      const UnixMillis entry = started ? r.from : first_in;
      bool moved = false;
      for (const auto& c : path)
        moved = moved || (static_cast<std::size_t>(c.stage) > k && c.at >= entry && c.at < r.to);
      if (moved && k + 1 < k_stage_count) ++f.converted;
    }
  }
  for (std::size_t k = 0; k < k_stage_count; ++k)
    out.stages[k].median_days_in_stage = sorted_median(stays[k]);
  out.median_days_to_conversion = sorted_median(to_conversion);
  out.conversions = to_conversion.size();
  return out;
}

struct NaiveSend {
  std::uint64_t lead = 0;
  UnixMillis at = 0;
  std::string group;
  bool email = true;
  bool text = false;
  MessageCounts flags;  // each field 0 or 1
};

// Every figure of every (sequence/step) group, summed over sends in the range.
std::map<std::string, MessageCounts> naive_steps(const Workspace& ws, const MetricsRange& r) {
  std::vector<NaiveSend> sends;
  for (const auto& t : ws.touches) {
    if (!is_send(t.outcome)) continue;
    const auto a = t.key.find('/');
    const auto lead = parse_lead_id(t.key.substr(a + 1, 17));
    const auto row = ws.leads.find(*lead);
    if (!row) continue;
    NaiveSend s;
    s.lead = lead->value;
    s.at = t.at;
    s.group = t.key.substr(0, a) + "/" + t.key.substr(t.key.rfind('/') + 1);
    s.email = s.group != "s1/t1";
    s.text = s.group == "s1/t1";
    s.flags.sent = 1;
    s.flags.replied = t.outcome == TouchOutcome::replied ? 1U : 0U;
    s.flags.booked = t.outcome == TouchOutcome::booked ? 1U : 0U;
    sends.push_back(s);
  }
  for (std::uint32_t pos = 0; pos < ws.events.size(); ++pos) {
    if (ws.events.is_deleted(pos)) continue;
    const Event e = ws.events.get(pos);
    NaiveSend* best = nullptr;
    const bool email_only = e.type == EventType::email_opened || e.type == EventType::email_clicked ||
                            e.type == EventType::email_replied;
    for (auto& s : sends) {
      if (s.lead != e.lead.value || s.at > e.at || e.at - s.at >= k_attribution_window_ms) continue;
      if (email_only && !s.email) continue;
      if (e.type == EventType::text_replied && !s.text) continue;
      if (best == nullptr || s.at > best->at) best = &s;
    }
    if (best == nullptr) continue;
    bool machine = e.at - best->at < k_machine_open_ms;
    for (const auto& [k, v] : e.properties) machine = machine || (k == "machine" && v == "true");
    switch (e.type) {
      case EventType::email_opened:
        best->flags.opened = 1;
        if (!machine) best->flags.opened_human = 1;
        break;
      case EventType::email_clicked:
        best->flags.clicked = 1;
        break;
      case EventType::email_replied:
      case EventType::text_replied:
        best->flags.replied = 1;
        break;
      case EventType::unsubscribed:
        best->flags.unsubscribed = 1;
        break;
      case EventType::appointment_booked:
        best->flags.booked = 1;
        break;
      default:
        break;
    }
  }
  std::map<std::string, MessageCounts> out;
  for (const auto& s : sends)
    if (s.at >= r.from && s.at < r.to) out[s.group] += s.flags;
  return out;
}

NurtureEffect naive_nurture(const Workspace& ws, const MetricsRange& r) {
  NurtureEffect out;
  for (std::uint32_t row = 0; row < ws.leads.rows(); ++row) {
    if (ws.leads.is_deleted(row)) continue;
    const LeadId id = ws.leads.id(row);
    bool active = ws.leads.created_at(row) >= r.from && ws.leads.created_at(row) < r.to;
    UnixMillis booked = INT64_MAX;
    std::vector<UnixMillis> touches;
    for (std::uint32_t pos = 0; pos < ws.events.size(); ++pos) {
      if (ws.events.is_deleted(pos) || ws.events.lead(pos) != id) continue;
      const UnixMillis at = ws.events.at(pos);
      if (at >= r.from && at < r.to) active = true;
      if (ws.events.type(pos) == EventType::appointment_booked && at >= r.from && at < r.to)
        booked = std::min(booked, at);
      if (ws.events.type(pos) == EventType::email_sent || ws.events.type(pos) == EventType::text_sent)
        touches.push_back(at);
    }
    for (const auto& t : ws.touches)
      if (is_send(t.outcome) && t.key.find(to_string(id)) != std::string::npos) touches.push_back(t.at);
    if (!active) continue;
    bool nurtured = false;
    for (const UnixMillis t : touches)
      nurtured = nurtured || (booked != INT64_MAX ? (t < booked && booked - t <= k_nurture_lookback_ms)
                                                  : (t >= r.from && t < r.to));
    (nurtured ? out.nurtured : out.not_nurtured) += 1;
    if (booked != INT64_MAX) (nurtured ? out.nurtured_booked : out.not_nurtured_booked) += 1;
  }
  return out;
}

TEST_CASE("metrics agree with naive oracles on random practices", "[metrics][property]") {
  for (std::uint64_t seed = 1; seed <= 60; ++seed) {
    SplitMix64 rng(seed);
    const Workspace ws = random_workspace(rng);
    const UnixMillis from = static_cast<UnixMillis>(5 + rng.below(15)) * k_day;
    const MetricsRange range{from, from + static_cast<UnixMillis>(1 + rng.below(20)) * k_day};
    INFO("seed " << seed);
    const auto leads = filter_leads(ws, {}, range.to);
    REQUIRE(leads);
    const FunnelFigures got = compute_funnel(ws, leads.value(), range);
    const FunnelFigures want = naive_funnel(ws, range);
    test::check_funnel_counts(got, want);
    std::map<std::string, MessageCounts> steps;
    for (const auto& s : compute_step_metrics(ws, leads.value(), range))
      for (const auto& st : s.steps) steps[s.sequence + "/" + st.step] = st.counts;
    const auto naive = naive_steps(ws, range);
    CHECK(steps.size() == naive.size());
    for (const auto& [group, expected] : naive) {
      INFO("group " << group);
      const MessageCounts got_counts = steps.count(group) != 0 ? steps.at(group) : MessageCounts{};
      CHECK(got_counts.sent == expected.sent);
      CHECK(got_counts.opened == expected.opened);
      CHECK(got_counts.opened_human == expected.opened_human);
      CHECK(got_counts.clicked == expected.clicked);
      CHECK(got_counts.replied == expected.replied);
      CHECK(got_counts.unsubscribed == expected.unsubscribed);
      CHECK(got_counts.booked == expected.booked);
    }
    const NurtureEffect n = compute_nurture_effect(ws, leads.value(), range);
    const NurtureEffect m = naive_nurture(ws, range);
    CHECK(n.nurtured == m.nurtured);
    CHECK(n.nurtured_booked == m.nurtured_booked);
    CHECK(n.not_nurtured == m.not_nurtured);
    CHECK(n.not_nurtured_booked == m.not_nurtured_booked);
  }
}

}  // namespace
}  // namespace nurture::metrics_property_test
