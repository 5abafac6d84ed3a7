#include "core/export/metrics_csv.hpp"

#include <cmath>
#include <cstdio>

#include "core/export/leads_csv.hpp"
#include "core/sequence/sequence_text.hpp"

namespace nurture {

namespace {

constexpr std::array<const char*, k_stage_count> k_stage_names{"awareness", "consideration", "conversion",
                                                               "patient", "retained"};

std::optional<double> rate(std::uint64_t part, std::uint64_t whole) {
  if (whole == 0) return std::nullopt;
  return static_cast<double>(part) / static_cast<double>(whole);
}

std::string sequence_label(const Workspace& ws, const std::string& id) {
  const Sequence* s = find_item(ws.sequences, id);
  return s != nullptr && !s->name.empty() ? s->name : id;
}

std::string step_label(const Workspace& ws, const std::string& sequence, const std::string& step) {
  const Sequence* s = find_item(ws.sequences, sequence);
  if (s == nullptr) return step;
  const auto i = step_index(*s, step);
  return i ? step_title(s->steps[*i]) : step;
}

}  // namespace

CsvCell csv_text(std::string_view text) { return CsvCell{csv_text_cell(text), false}; }

CsvCell csv_count(std::uint64_t n) { return CsvCell{std::to_string(n), true}; }

CsvCell csv_number(std::optional<double> v, int decimals) {
  if (!v || !std::isfinite(*v)) return CsvCell{"", true};
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, *v);
  std::string s = buf;
  if (s.starts_with("-") && s.find_first_not_of("-0.") == std::string::npos) s.erase(0, 1);  // no "-0.00"
  return CsvCell{s, true};
}

CsvCell csv_money(std::int64_t cents) {
  const std::uint64_t abs =
      cents < 0 ? static_cast<std::uint64_t>(-(cents + 1)) + 1 : static_cast<std::uint64_t>(cents);
  char buf[48];
  std::snprintf(buf, sizeof buf, "%s%llu.%02llu", cents < 0 ? "-" : "",
                static_cast<unsigned long long>(abs / 100), static_cast<unsigned long long>(abs % 100));
  return CsvCell{buf, true};
}

std::string csv_table(const std::vector<std::string>& header, const std::vector<std::vector<CsvCell>>& rows) {
  std::string out = "\xEF\xBB\xBF";
  for (std::size_t i = 0; i < header.size(); ++i) {
    if (i > 0) out += ',';
    out += csv_text_cell(header[i]);
  }
  out += "\r\n";
  for (const auto& row : rows) {
    for (std::size_t i = 0; i < row.size(); ++i) {
      if (i > 0) out += ',';
      out += row[i].text;
    }
    out += "\r\n";
  }
  return out;
}

std::string funnel_csv(const metrics::FunnelFigures& current, const metrics::FunnelFigures& previous) {
  std::vector<std::vector<CsvCell>> rows;
  for (std::size_t k = 0; k < k_stage_count; ++k) {
    const metrics::StageFigures& s = current.stages[k];
    const metrics::StageFigures& p = previous.stages[k];
    rows.push_back({csv_text(k_stage_names[k]), csv_count(s.reached), csv_count(s.at_start),
                    csv_count(s.cohort), csv_count(s.converted), csv_count(s.dropped),
                    csv_number(s.conversion_rate), csv_number(s.median_days_in_stage, 1),
                    csv_count(p.reached), csv_number(p.conversion_rate)});
  }
  return csv_table({"stage", "reached", "at_start", "cohort", "converted", "dropped", "conversion_rate",
                    "median_days_in_stage", "previous_reached", "previous_conversion_rate"},
                   rows);
}

std::string trend_csv(const std::vector<metrics::TrendPoint>& points) {
  std::vector<std::vector<CsvCell>> rows;
  rows.reserve(points.size());
  for (const metrics::TrendPoint& p : points)
    rows.push_back({csv_text(format_date(civil_from_days(p.bucket.first_day))), csv_count(p.new_leads),
                    csv_count(p.bookings), csv_count(p.converted), csv_number(p.conversion_rate)});
  return csv_table({"period_start", "new_leads", "bookings", "converted", "conversion_rate"}, rows);
}

std::string steps_csv(const Workspace& ws, const std::vector<metrics::SequenceFigures>& sequences) {
  std::vector<std::vector<CsvCell>> rows;
  for (const metrics::SequenceFigures& s : sequences) {
    for (const metrics::StepFigures& st : s.steps) {
      const metrics::MessageCounts& c = st.counts;
      rows.push_back({csv_text(sequence_label(ws, s.sequence)), csv_text(step_label(ws, s.sequence, st.step)),
                      csv_count(c.sent), csv_count(c.opened), csv_count(c.opened_human), csv_count(c.clicked),
                      csv_count(c.replied), csv_count(c.unsubscribed), csv_count(c.booked),
                      csv_number(rate(c.opened_human, c.sent)), csv_number(rate(c.clicked, c.sent)),
                      csv_number(rate(c.replied, c.sent)), csv_number(rate(c.unsubscribed, c.sent)),
                      csv_number(rate(c.booked, c.sent))});
    }
  }
  return csv_table(
      {"sequence", "step", "sent", "opened", "opened_human", "clicked", "replied", "unsubscribed", "booked",
       "open_rate_human", "click_rate", "reply_rate", "unsubscribe_rate", "booking_rate"},
      rows);
}

std::string nurture_csv(const metrics::NurtureEffect& e) {
  std::vector<std::vector<CsvCell>> rows;
  const auto group = [&](const char* name, std::uint64_t n, std::uint64_t s, std::optional<double> r) {
    std::optional<double> low;
    std::optional<double> high;
    if (n > 0) {
      const metrics::Interval w = metrics::wilson_interval(s, n, metrics::k_z95);
      low = w.low;
      high = w.high;
    }
    rows.push_back(
        {csv_text(name), csv_count(n), csv_count(s), csv_number(r), csv_number(low), csv_number(high)});
  };
  group("nurtured", e.nurtured, e.nurtured_booked, e.nurtured_rate);
  group("not_nurtured", e.not_nurtured, e.not_nurtured_booked, e.not_nurtured_rate);
  rows.push_back(
      {csv_text("difference"), CsvCell{"", true}, CsvCell{"", true}, csv_number(e.difference),
       csv_number(e.difference_ci95 ? std::optional<double>(e.difference_ci95->low) : std::nullopt),
       csv_number(e.difference_ci95 ? std::optional<double>(e.difference_ci95->high) : std::nullopt)});
  return csv_table({"group", "leads", "booked", "rate", "ci95_low", "ci95_high"}, rows);
}

std::string engagement_csv(const Workspace& ws, const EngagementReport& report) {
  std::vector<std::vector<CsvCell>> rows;
  for (const ContentEngagement& c : report.items) {
    const ContentItem& item = ws.content[c.item];
    const EngagementFigures& f = c.figures;
    rows.push_back(
        {csv_text(item.title.empty() ? item.id : item.title),
         csv_text(k_stage_names[static_cast<std::size_t>(item.stage)]), csv_text(item.treatment),
         csv_count(f.views), csv_count(f.unique_leads), csv_number(f.median_seconds, 1),
         csv_count(f.total_seconds), csv_count(f.timed_views), csv_count(f.completed),
         csv_number(f.timed_views == 0 ? std::nullopt : std::optional<double>(f.completion_rate))});
  }
  return csv_table({"content", "stage", "treatment", "views", "unique_leads", "median_seconds",
                    "total_seconds", "timed_views", "completed", "completion_rate"},
                   rows);
}

std::string cohorts_csv(const RetentionReport& report) {
  std::vector<std::vector<CsvCell>> rows;
  for (const RetentionCohort& c : report.cohorts) {
    char month[16];
    std::snprintf(month, sizeof month, "%04d-%02u", c.month.year, c.month.month);
    std::vector<CsvCell> row{csv_text(month), csv_count(c.size)};
    for (const RepeatRate& r : c.repeat)
      row.push_back(csv_number(r.ready && c.size > 0 ? std::optional<double>(r.rate) : std::nullopt));
    rows.push_back(std::move(row));
  }
  return csv_table({"cohort", "size", "repeat_3m", "repeat_6m", "repeat_12m"}, rows);
}

std::string roi_csv(const Workspace& ws, const RoiReport& report) {
  std::vector<std::vector<CsvCell>> rows;
  const auto add = [&](const std::string& name, const RoiFigures& f, const RoiFigures& previous) {
    rows.push_back(
        {csv_text(name), csv_money(f.spend_cents), csv_count(f.leads), csv_count(f.bookings),
         csv_money(f.revenue_cents), csv_money(f.net_cents),
         csv_number(
             f.cost_per_lead_cents ? std::optional<double>(*f.cost_per_lead_cents / 100.0) : std::nullopt, 2),
         csv_number(f.cost_per_booking_cents ? std::optional<double>(*f.cost_per_booking_cents / 100.0)
                                             : std::nullopt,
                    2),
         csv_number(f.return_ratio, 2), csv_money(previous.revenue_cents)});
  };
  for (const SourceRoi& s : report.sources) {
    std::string name = "Unattributed";
    if (s.source) {
      const LeadSource& src = ws.sources[*s.source];
      name = src.name.empty() ? src.id : src.name;
    }
    add(name, s.current.total, s.previous.total);
  }
  add("Total", report.total, report.previous_total);
  return csv_table({"source", "spend", "leads", "bookings", "revenue", "net", "cost_per_lead",
                    "cost_per_booking", "return_ratio", "previous_revenue"},
                   rows);
}

}  // namespace nurture
