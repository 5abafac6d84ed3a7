#include "core/metrics/roi.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

#include "core/util/time_units.hpp"

namespace nurture {

namespace {

// Per-workspace lookups built once: lead row -> report row, event service code -> price.
struct Keys {
  std::vector<std::uint32_t> row_source;    // per lead row: index into report.sources
  std::vector<std::int64_t> service_price;  // per service dictionary code
};

bool kept(const std::vector<bool>* keep_rows, std::uint32_t row) {
  return keep_rows == nullptr || (row < keep_rows->size() && (*keep_rows)[row]);
}

void finish(RoiFigures& f) {
  f.revenue_cents = f.purchase_cents + f.estimated_cents;
  f.net_cents = f.revenue_cents - f.spend_cents;
  const auto spend = static_cast<double>(f.spend_cents);
  if (f.leads > 0) f.cost_per_lead_cents = spend / static_cast<double>(f.leads);
  if (f.bookings > 0) f.cost_per_booking_cents = spend / static_cast<double>(f.bookings);
  if (f.spend_cents != 0) f.return_ratio = static_cast<double>(f.revenue_cents) / spend;
}

void add(RoiFigures& to, const RoiFigures& f) {
  to.spend_cents += f.spend_cents;
  to.estimated_spend_months += f.estimated_spend_months;
  to.leads += f.leads;
  to.bookings += f.bookings;
  to.purchase_cents += f.purchase_cents;
  to.estimated_cents += f.estimated_cents;
}

// Fills `series` of every report row for [from, to). `slot` picks current or previous.
void fill_period(const Workspace& ws, const LocalCalendar& cal, const Keys& keys,
                 const std::vector<bool>* keep_rows, const metrics::MetricsCache* cache, UnixMillis from,
                 UnixMillis to, std::vector<SourceRoi>& rows, RoiSeries SourceRoi::*slot) {
  const std::vector<YearMonth> months = cal.months(from, to);
  if (months.empty()) return;
  std::vector<UnixMillis> starts;  // month boundaries: starts[m] .. starts[m + 1]
  starts.reserve(months.size() + 1);
  for (const YearMonth& m : months) starts.push_back(cal.month_start(m));
  starts.push_back(cal.month_start(next_month(months.back())));
  for (SourceRoi& r : rows) {
    (r.*slot).months.clear();
    for (const YearMonth& m : months) (r.*slot).months.push_back(RoiMonth{m, {}});
  }
  const auto month_index = [&](UnixMillis at) {
    const auto it = std::upper_bound(starts.begin(), starts.end(), at);
    return static_cast<std::size_t>(it - starts.begin()) - 1;
  };

  // Spend: the month's cost (the table's entry, else the monthly cost) times the share of the
  // month inside [from, to).
  for (SourceRoi& r : rows) {
    if (!r.source) continue;
    const LeadSource& source = ws.sources[*r.source];
    for (std::size_t m = 0; m < months.size(); ++m) {
      const AdSpend* entry = find_ad_spend(ws.ad_spend, source.id, months[m]);
      const bool from_table = entry != nullptr && !entry->deleted;
      const std::int64_t cost = from_table ? entry->cents : source.monthly_cost_cents;
      const UnixMillis a = std::max(from, starts[m]);
      const UnixMillis b = std::min(to, starts[m + 1]);
      const auto share = static_cast<double>(b - a) / static_cast<double>(starts[m + 1] - starts[m]);
      RoiFigures& f = (r.*slot).months[m].figures;
      f.spend_cents = static_cast<std::int64_t>(std::llround(static_cast<double>(cost) * share));
      f.estimated_spend_months = !from_table && cost != 0 ? 1 : 0;
    }
  }

  ws.leads.for_each_live([&](std::uint32_t row) {
    const UnixMillis at = ws.leads.created_at(row);
    if (at < from || at >= to || !kept(keep_rows, row)) return;
    ++(rows[keys.row_source[row]].*slot).months[month_index(at)].figures.leads;
  });

  // Events of the period by type; the row lookup is by id (the store's hash index).
  const auto each = [&](EventType type, UnixMillis a, UnixMillis b, auto&& fn) {
    if (cache != nullptr) {
      const auto& index = cache->of_type(type);
      const auto [first, last] = cache->type_range(type, a, b);
      for (std::size_t i = first; i < last; ++i) {
        if (kept(keep_rows, index.row[i])) fn(index.pos[i], index.row[i]);
      }
      return;
    }
    for (const std::uint32_t pos : ws.events.of_type(type, a, b)) {
      const auto row = ws.leads.find(ws.events.lead(pos));
      if (!row || !kept(keep_rows, *row)) continue;
      fn(pos, *row);
    }
  };
  each(EventType::appointment_booked, from, to, [&](std::uint32_t pos, std::uint32_t row) {
    ++(rows[keys.row_source[row]].*slot).months[month_index(ws.events.at(pos))].figures.bookings;
  });
  each(EventType::purchase, from, to, [&](std::uint32_t pos, std::uint32_t row) {
    (rows[keys.row_source[row]].*slot).months[month_index(ws.events.at(pos))].figures.purchase_cents +=
        ws.events.amount_cents(pos);
  });
  // Purchase days near the period, as (row, local day), to tell paid attendances from unpaid
  // ones; a local day is at most 26 hours, so two days of margin cover both ends.
  std::vector<std::pair<std::uint32_t, std::int64_t>> paid;
  each(EventType::purchase, from - 2 * k_day_ms, to + 2 * k_day_ms,
       [&](std::uint32_t pos, std::uint32_t row) { paid.emplace_back(row, cal.day_of(ws.events.at(pos))); });
  std::sort(paid.begin(), paid.end());
  each(EventType::appointment_attended, from, to, [&](std::uint32_t pos, std::uint32_t row) {
    const UnixMillis at = ws.events.at(pos);
    if (std::binary_search(paid.begin(), paid.end(), std::make_pair(row, cal.day_of(at)))) return;
    const std::uint32_t code = ws.events.service_code(pos);
    const std::int64_t price = code < keys.service_price.size() ? keys.service_price[code] : 0;
    (rows[keys.row_source[row]].*slot).months[month_index(at)].figures.estimated_cents += price;
  });

  for (SourceRoi& r : rows) {
    RoiSeries& series = r.*slot;
    series.total = {};
    for (RoiMonth& m : series.months) {
      add(series.total, m.figures);
      finish(m.figures);
    }
    finish(series.total);
  }
}

}  // namespace

RoiReport roi_metrics(const Workspace& ws, UnixMillis from, UnixMillis to, const std::vector<bool>* keep_rows,
                      metrics::MetricsCache* cache) {
  RoiReport report;
  if (from >= to) return report;
  report.from = from;
  report.to = to;
  report.previous_from = from - (to - from);
  const LocalCalendar cal(find_time_zone(ws.practice.time_zone));

  for (std::uint32_t s = 0; s < ws.sources.size(); ++s) {
    if (!ws.sources[s].deleted) report.sources.push_back(SourceRoi{s, {}, {}});
  }
  report.sources.push_back(SourceRoi{std::nullopt, {}, {}});
  const auto unattributed = static_cast<std::uint32_t>(report.sources.size() - 1);

  Keys keys;
  // Lead source dictionary code -> report row; strings are compared once per source.
  const Dictionary& source_dict = ws.leads.category_dictionary(LeadField::source);
  std::vector<std::uint32_t> code_row(source_dict.size(), unattributed);
  for (std::uint32_t r = 0; r < unattributed; ++r) {
    const std::uint32_t code = source_dict.find(ws.sources[*report.sources[r].source].id);
    if (code != Dictionary::k_missing && code != 0 && code_row[code] == unattributed) code_row[code] = r;
  }
  const std::vector<std::uint32_t>& codes = ws.leads.category_codes(LeadField::source);
  keys.row_source.resize(ws.leads.rows(), unattributed);
  for (std::size_t row = 0; row < codes.size() && row < keys.row_source.size(); ++row) {
    if (codes[row] < code_row.size()) keys.row_source[row] = code_row[codes[row]];
  }
  const Dictionary& service_dict = ws.events.service_dictionary();
  keys.service_price.assign(service_dict.size(), 0);
  for (std::uint32_t code = 1; code < service_dict.size(); ++code) {
    if (const Treatment* t = find_item(ws.treatments, service_dict.at(code))) {
      keys.service_price[code] = t->price_cents;
    }
  }

  if (cache != nullptr) cache->refresh(ws);
  fill_period(ws, cal, keys, keep_rows, cache, from, to, report.sources, &SourceRoi::current);
  fill_period(ws, cal, keys, keep_rows, cache, report.previous_from, from, report.sources,
              &SourceRoi::previous);
  for (const SourceRoi& r : report.sources) {
    add(report.total, r.current.total);
    add(report.previous_total, r.previous.total);
  }
  finish(report.total);
  finish(report.previous_total);
  return report;
}

}  // namespace nurture
