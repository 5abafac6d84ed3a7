// nurture simulate W.json --from ISO8601 --days N [--lead ID] [--touches]: what the next N days
// would bring if every touch were sent as it came due (core/sequence/simulator.hpp). W.json is
// only read.
#include <charconv>
#include <string>

#include "cli/cli_support.hpp"
#include "cli/commands.hpp"
#include "core/import/values.hpp"
#include "core/sequence/simulation_summary.hpp"
#include "core/sequence/simulator.hpp"

namespace nurture::cli {

namespace {

using Json = nlohmann::ordered_json;

Json channels_json(const ChannelCounts& counts) {
  Json j = Json::object();
  for (std::size_t c = 0; c < k_step_channel_count; ++c)
    j[std::string(to_string(static_cast<StepChannel>(c)))] = counts[c];
  return j;
}

std::string date_text(std::int64_t day) {
  const CivilDate d = civil_from_days(day);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", d.year, d.month, d.day);
  return buf;
}

Json timeline_json(const TimelineEntry& e) {
  Json j;
  j["at"] = format_iso8601_utc(e.at);
  j["kind"] = to_string(e.kind);
  j["sequence"] = e.sequence;
  if (!e.step.empty()) {
    j["step"] = e.step;
    j["channel"] = to_string(e.channel);
    j["planned_at"] = format_iso8601_utc(e.planned_at);
  }
  if (e.retry_at != 0) j["retry_at"] = format_iso8601_utc(e.retry_at);
  if (!e.reason.empty()) j["reason"] = e.reason;
  return j;
}

}  // namespace

int run_simulate(int argc, char** argv, int first) {
  const auto args =
      parse_args(argc, argv, first, ArgSpec{{"--from", "--days", "--lead"}, {"--touches"}, {}, 1, 1});
  if (!args) return fail("simulate", args.error().message, k_exit_usage);
  const auto from_text = args.value().get("--from");
  if (!from_text)
    return fail("simulate", "--from is required (an ISO 8601 date-time, e.g. 2026-12-07T09:00:00Z)",
                k_exit_usage);
  const auto from = parse_timestamp(*from_text);
  if (!from)
    return fail("simulate",
                "--from: '" + *from_text + "' is not a date-time (use ISO 8601, e.g. 2026-12-07T09:00:00Z)",
                k_exit_usage);
  const auto days_text = args.value().get("--days");
  if (!days_text) return fail("simulate", "--days is required (1 to 366)", k_exit_usage);
  int days = 0;
  const char* end = days_text->data() + days_text->size();
  const auto [ptr, ec] = std::from_chars(days_text->data(), end, days);
  if (ec != std::errc() || ptr != end || days < 1 || days > k_max_simulation_days)
    return fail("simulate", "--days must be a whole number from 1 to 366", k_exit_usage);
  SimulationOptions options{*from, days, {}, {}};
  if (const auto lead = args.value().get("--lead")) {
    const auto id = parse_lead_id(*lead);
    if (!id)
      return fail("simulate", "--lead: '" + *lead + "' is not a lead id (L + 16 hex digits)", k_exit_usage);
    options.follow = *id;
  }
  const std::string& path = args.value().positional[0];
  const auto ws = load_workspace(path, false);
  if (!ws) return fail("simulate", ws.error().message);
  const Workspace& w = ws.value();
  if (options.follow && !w.leads.find(*options.follow))
    return fail("simulate", "--lead: no live lead " + *args.value().get("--lead"));

  const Simulation sim = simulate(w, options);
  const SimulationSummary sum = summarize(w, sim);
  Json out;
  out["from"] = format_iso8601_utc(sim.from);
  out["to"] = format_iso8601_utc(sim.to);
  out["days"] = days;
  out["touches"] = sum.total;
  out["by_channel"] = channels_json(sum.touches);
  out["projected_bookings"] = sim.projected_bookings;
  Json per_day = Json::array();
  for (std::size_t i = 0; i < sum.days.size(); ++i) {
    Json d;
    d["date"] = date_text(sum.days[i]);
    d["by_channel"] = channels_json(sum.per_day[i]);
    std::uint32_t total = 0;
    for (const std::uint32_t n : sum.per_day[i]) total += n;
    d["touches"] = total;
    per_day.push_back(std::move(d));
  }
  out["per_day"] = std::move(per_day);
  Json sequences = Json::array();
  for (const SequenceForecast& f : sum.sequences) {
    sequences.push_back({{"id", f.id},
                         {"name", f.name},
                         {"touches", f.total},
                         {"by_channel", channels_json(f.touches)},
                         {"enrolled", f.enrolled},
                         {"finished", f.finished},
                         {"goal_exits", f.goals},
                         {"stuck", f.stuck},
                         {"projected_bookings", f.projected_bookings}});
  }
  out["sequences"] = std::move(sequences);
  Json rates = Json::array();
  for (const StepRate& r : sim.rates) {
    rates.push_back({{"sequence", r.sequence},
                     {"step", r.step},
                     {"touches", r.touches},
                     {"bookings", r.bookings},
                     {"rate", r.rate},
                     {"basis", to_string(r.basis)}});
  }
  out["rates"] = std::move(rates);
  Json enrolled = Json::array();
  for (const Enrollment& e : sim.enrolled) {
    enrolled.push_back({{"key", e.key},
                        {"sequence", e.sequence},
                        {"lead", to_string(e.lead)},
                        {"at", format_iso8601_utc(e.enrolled_at)},
                        {"reason", e.reason}});
  }
  out["enrolled"] = std::move(enrolled);
  Json exits = Json::array();
  for (const EnrollmentExit& x : sim.exits)
    exits.push_back({{"enrollment", x.enrollment}, {"reason", x.reason}, {"at", format_iso8601_utc(x.at)}});
  out["exits"] = std::move(exits);
  Json stuck = Json::array();
  for (const HeldTouch& h : sim.stuck) {
    stuck.push_back({{"key", h.touch.key},
                     {"lead", to_string(h.touch.lead)},
                     {"sequence", h.touch.sequence},
                     {"step", h.touch.step},
                     {"reason", h.reason}});
  }
  out["stuck"] = std::move(stuck);
  if (options.follow) {
    Json timeline = Json::array();
    for (const TimelineEntry& e : sim.timeline) timeline.push_back(timeline_json(e));
    out["lead"] = {{"id", to_string(*options.follow)}, {"timeline", std::move(timeline)}};
  }
  if (args.value().has("--touches")) {
    Json list = Json::array();
    for (const SimulatedTouch& t : sim.touches) {
      list.push_back({{"key", t.touch.key},
                      {"lead", to_string(t.touch.lead)},
                      {"sequence", t.touch.sequence},
                      {"step", t.touch.step},
                      {"channel", to_string(t.touch.channel)},
                      {"planned_at", format_iso8601_utc(t.touch.planned_at)},
                      {"sent_at", format_iso8601_utc(t.sent_at)}});
    }
    out["list"] = std::move(list);
  }
  return print_json(out);
}

}  // namespace nurture::cli
