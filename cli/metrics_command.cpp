// nurture metrics W.json --from DATE --to DATE [--by source|treatment|sequence] [--source X]
// [--treatment X] [--segment NAME] [--sequence NAME]: the measurement figures of
// core/metrics for [from, to) and the period before it (docs/metrics.md). W.json is only read.
#include <algorithm>
#include <set>
#include <string>

#include "cli/cli_support.hpp"
#include "cli/commands.hpp"
#include "core/import/values.hpp"
#include "core/metrics/metrics_report.hpp"

namespace nurture::cli {

namespace {

using Json = nlohmann::ordered_json;
using namespace nurture::metrics;

Json number_or_null(const std::optional<double>& v) { return v ? Json(*v) : Json(nullptr); }

Json rate(std::uint64_t part, std::uint64_t whole) {
  return whole == 0 ? Json(nullptr) : Json(static_cast<double>(part) / static_cast<double>(whole));
}

Json counts_json(const MessageCounts& c) {
  return {{"sent", c.sent},
          {"opened", c.opened},
          {"opened_excluding_machine", c.opened_human},
          {"clicked", c.clicked},
          {"replied", c.replied},
          {"unsubscribed", c.unsubscribed},
          {"booked", c.booked},
          {"open_rate", rate(c.opened, c.sent)},
          {"open_rate_excluding_machine", rate(c.opened_human, c.sent)},
          {"click_rate", rate(c.clicked, c.sent)},
          {"reply_rate", rate(c.replied, c.sent)},
          {"unsubscribe_rate", rate(c.unsubscribed, c.sent)},
          {"booking_rate", rate(c.booked, c.sent)}};
}

Json period_json(const PeriodMetrics& p) {
  Json out;
  out["from"] = format_iso8601_utc(p.range.from);
  out["to"] = format_iso8601_utc(p.range.to);
  Json stages = Json::array();
  for (std::size_t k = 0; k < k_stage_count; ++k) {
    const StageFigures& s = p.funnel.stages[k];
    stages.push_back({{"stage", to_string(static_cast<Stage>(k))},
                      {"reached", s.reached},
                      {"at_start", s.at_start},
                      {"cohort", s.cohort},
                      {"converted", s.converted},
                      {"dropped", s.dropped},
                      {"conversion_rate", number_or_null(s.conversion_rate)},
                      {"stays_ended", s.stays_ended},
                      {"median_days_in_stage", number_or_null(s.median_days_in_stage)}});
  }
  out["funnel"] = {{"stages", std::move(stages)},
                   {"conversions", p.funnel.conversions},
                   {"median_days_to_conversion", number_or_null(p.funnel.median_days_to_conversion)}};
  Json sequences = Json::array();
  for (const SequenceFigures& s : p.sequences) {
    Json steps = Json::array();
    for (const StepFigures& st : s.steps) {
      Json j = counts_json(st.counts);
      j["step"] = st.step;
      steps.push_back(std::move(j));
    }
    Json j = counts_json(s.counts);
    j["sequence"] = s.sequence;
    j["steps"] = std::move(steps);
    sequences.push_back(std::move(j));
  }
  out["sequences"] = std::move(sequences);
  const NurtureEffect& n = p.nurture;
  Json ci = nullptr;
  if (n.difference_ci95) ci = {{"low", n.difference_ci95->low}, {"high", n.difference_ci95->high}};
  out["nurture"] = {{"nurtured", n.nurtured},
                    {"nurtured_booked", n.nurtured_booked},
                    {"nurtured_rate", number_or_null(n.nurtured_rate)},
                    {"not_nurtured", n.not_nurtured},
                    {"not_nurtured_booked", n.not_nurtured_booked},
                    {"not_nurtured_rate", number_or_null(n.not_nurtured_rate)},
                    {"difference", number_or_null(n.difference)},
                    {"difference_ci95", std::move(ci)}};
  return out;
}

Json report_json(const MetricsReport& r) {
  return {{"leads", r.leads}, {"current", period_json(r.current)}, {"previous", period_json(r.previous)}};
}

// The values a --by dimension takes in the workspace, sorted.
std::vector<std::string> dimension_values(const Workspace& ws, std::string_view by) {
  std::set<std::string> values;
  if (by == "source") {
    const auto& codes = ws.leads.category_codes(LeadField::source);
    const auto& dict = ws.leads.category_dictionary(LeadField::source);
    ws.leads.for_each_live([&](std::uint32_t row) {
      if (!dict.at(codes[row]).empty()) values.insert(dict.at(codes[row]));
    });
  } else if (by == "treatment") {
    for (const auto& t : ws.treatments)
      if (!t.deleted) values.insert(t.id);
    ws.leads.for_each_live([&](std::uint32_t row) {
      for (const std::uint32_t c : ws.leads.interest_codes(row))
        values.insert(ws.leads.interest_dictionary().at(c));
    });
    values.erase("");
  } else {
    for (const auto& s : ws.sequences)
      if (!s.deleted) values.insert(s.id);
  }
  return {values.begin(), values.end()};
}

}  // namespace

int run_metrics(int argc, char** argv, int first) {
  const auto args = parse_args(
      argc, argv, first,
      ArgSpec{{"--from", "--to", "--by", "--source", "--treatment", "--segment", "--sequence", "--pipeline"},
              {},
              {},
              1,
              1});
  if (!args) return fail("metrics", args.error().message, k_exit_usage);
  const Args& a = args.value();
  MetricsRange range;
  for (const char* name : {"--from", "--to"}) {
    const auto text = a.get(name);
    if (!text)
      return fail("metrics", std::string(name) + " is required (a date, e.g. 2026-12-07)", k_exit_usage);
    const auto t = parse_timestamp(*text);
    if (!t)
      return fail("metrics", std::string(name) + ": '" + *text + "' is not a date (use e.g. 2026-12-07)",
                  k_exit_usage);
    (std::string_view(name) == "--from" ? range.from : range.to) = *t;
  }
  if (range.from >= range.to) return fail("metrics", "--from must be before --to", k_exit_usage);
  const std::string by = a.get("--by").value_or("");
  if (!by.empty() && by != "source" && by != "treatment" && by != "sequence")
    return fail("metrics", "--by must be source, treatment or sequence", k_exit_usage);
  MetricsFilter filter{a.get("--source").value_or(""), a.get("--treatment").value_or(""),
                       a.get("--segment").value_or(""), a.get("--sequence").value_or(""),
                       a.get("--pipeline").value_or("")};

  const auto ws = load_workspace(a.positional[0], false);
  if (!ws) return fail("metrics", ws.error().message);
  const Workspace& w = ws.value();
  const auto report = compute_metrics(w, range, filter);
  if (!report) return fail("metrics", report.error().message);
  Json out;
  out["from"] = format_iso8601_utc(range.from);
  out["to"] = format_iso8601_utc(range.to);
  out["filter"] = {{"source", filter.source},
                   {"treatment", filter.treatment},
                   {"segment", filter.segment},
                   {"sequence", filter.sequence},
                   {"pipeline", filter.pipeline}};
  out["attribution_window_days"] = k_attribution_window_ms / k_day_ms;
  Json all = report_json(report.value());
  for (auto& [key, value] : all.items()) out[key] = std::move(value);
  if (!by.empty()) {
    Json values = Json::array();
    for (const std::string& v : dimension_values(w, by)) {
      MetricsFilter f = filter;
      (by == "source" ? f.source : by == "treatment" ? f.treatment : f.sequence) = v;
      const auto r = compute_metrics(w, range, f);
      if (!r) return fail("metrics", r.error().message);
      Json j = report_json(r.value());
      j["value"] = v;
      values.push_back(std::move(j));
    }
    out["by"] = {{"dimension", by}, {"values", std::move(values)}};
  }
  return print_json(out);
}

}  // namespace nurture::cli
