#include "core/import/spend_import.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <map>
#include <utility>

#include "core/import/values.hpp"
#include "core/io/csv.hpp"
#include "core/util/text.hpp"

namespace nurture {

namespace {

// Title lines above the header in ad platforms' downloads ("Campaign report", a date range).
constexpr std::size_t k_max_header_search = 20;

constexpr std::size_t k_none = static_cast<std::size_t>(-1);

// Column positions of one layout; k_none when absent.
struct Columns {
  SpendFileFormat format = SpendFileFormat::nurture;
  std::size_t month = k_none;      // our month, Google's Month or Day, Meta's Reporting starts
  std::size_t month_end = k_none;  // Meta's Reporting ends
  std::size_t source = k_none;
  std::size_t amount = k_none;
};

std::size_t find_column(const std::vector<std::string>& names, std::string_view name) {
  const auto it = std::find(names.begin(), names.end(), name);
  return it == names.end() ? k_none : static_cast<std::size_t>(it - names.begin());
}

std::size_t find_prefix(const std::vector<std::string>& names, std::string_view prefix) {
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (names[i].rfind(prefix, 0) == 0) return i;
  }
  return k_none;
}

// Which layout a header row is, if any.
std::optional<Columns> detect(const std::vector<std::string>& fields) {
  std::vector<std::string> names;
  names.reserve(fields.size());
  for (const auto& f : fields) names.push_back(ascii_lower(trim(f)));
  Columns c;
  c.month = find_column(names, "month");
  c.source = find_column(names, "source");
  c.amount = find_column(names, "amount");
  if (c.month != k_none && c.source != k_none && c.amount != k_none) return c;
  c = Columns{};
  c.format = SpendFileFormat::meta_ads;
  c.month = find_column(names, "reporting starts");
  c.month_end = find_column(names, "reporting ends");
  c.amount = find_prefix(names, "amount spent");
  if (c.month != k_none && c.amount != k_none) return c;
  c = Columns{};
  c.format = SpendFileFormat::google_ads;
  c.month = find_column(names, "month");
  if (c.month == k_none) c.month = find_column(names, "day");
  // "Cost" or "Cost (USD)", not "Cost / conv.".
  c.amount = find_column(names, "cost");
  if (c.amount == k_none) c.amount = find_prefix(names, "cost (");
  if (c.month != k_none && c.amount != k_none) return c;
  return std::nullopt;
}

// A live source by id, or by name ignoring case.
const LeadSource* find_source(const Workspace& ws, std::string_view text) {
  if (const LeadSource* s = find_item(ws.sources, text)) return s;
  const std::string lower = ascii_lower(text);
  for (const auto& s : ws.sources) {
    if (!s.deleted && ascii_lower(s.name) == lower) return &s;
  }
  return nullptr;
}

std::optional<unsigned> month_number(std::string_view name) {
  static constexpr std::array<std::string_view, 12> k_names = {
      "january", "february", "march",     "april",   "may",      "june",
      "july",    "august",   "september", "october", "november", "december"};
  const std::string lower = ascii_lower(name);
  for (std::size_t i = 0; i < k_names.size(); ++i) {
    if (lower == k_names[i] || (lower.size() == 3 && k_names[i].substr(0, 3) == lower) ||
        (lower == "sept" && i == 8)) {
      return static_cast<unsigned>(i + 1);
    }
  }
  return std::nullopt;
}

// Google Ads ends its reports with "Total: Account" and "Total: Campaigns" rows; a campaign
// called "Total Body" is not one.
bool is_total_row(const std::vector<std::string>& fields) {
  return std::any_of(fields.begin(), fields.end(), [](const std::string& f) {
    const std::string v = ascii_lower(trim(f));
    return v.rfind("total:", 0) == 0 || v == "total" || v == "grand total";
  });
}

std::string_view cell(const std::vector<std::string>& fields, std::size_t column) {
  return column < fields.size() ? trim(fields[column]) : std::string_view{};
}

}  // namespace

std::string_view describe(SpendFileFormat format) {
  switch (format) {
    case SpendFileFormat::nurture:
      return "Nurture spend table";
    case SpendFileFormat::google_ads:
      return "Google Ads report";
    case SpendFileFormat::meta_ads:
      return "Meta Ads Manager export";
  }
  return "spend file";
}

std::optional<YearMonth> parse_spend_month(std::string_view text) {
  text = trim(text);
  if (auto m = parse_year_month(text)) return m;
  if (auto d = parse_spreadsheet_date(text)) return YearMonth{d->year, d->month};
  // "March 2026", "Mar 2026", "March, 2026".
  const auto space = text.find_first_of(" ,");
  if (space == std::string_view::npos) return std::nullopt;
  const auto name = month_number(text.substr(0, space));
  std::string_view rest = text.substr(space);
  while (!rest.empty() && (rest.front() == ' ' || rest.front() == ',')) rest.remove_prefix(1);
  unsigned year = 0;
  const auto [end, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), year);
  if (!name || rest.size() != 4 || ec != std::errc{} || end != rest.data() + rest.size()) return std::nullopt;
  return YearMonth{static_cast<int>(year), *name};
}

std::int64_t SpendImport::total_cents() const {
  std::int64_t sum = 0;
  for (const auto& t : totals) sum += t.cents;
  return sum;
}

SetAdSpend SpendImport::command(UnixMillis now) const {
  SetAdSpend c;
  c.now = now;
  c.changes.reserve(totals.size());
  const std::string note = "Imported from a " + std::string(describe(format));
  for (const auto& t : totals) c.changes.push_back(AdSpendChange{t.source, t.month, t.cents, note});
  c.summary = "Imported ad spend: " + count_noun(totals.size(), "month", "months") + " from a " +
              std::string(describe(format));
  return c;
}

Expected<SpendImport> read_spend_csv(const Workspace& ws, std::string_view text,
                                     const SpendImportOptions& options) {
  CsvReader reader(text);
  CsvRecord record;
  std::optional<Columns> columns;
  SpendImport out;
  bool any = false;
  for (std::size_t n = 0; n < k_max_header_search && reader.next(record); ++n) {
    any = true;
    if (!record.error.empty()) continue;
    columns = detect(record.fields);
    if (columns) {
      out.header_line = record.line;
      break;
    }
  }
  if (!any) return Error{"The file is empty"};
  if (!columns) {
    return Error{
        "No spend columns found. Use month,source,amount (for example 2026-03,google-ads,1234.56), a Google "
        "Ads report with Month and Cost columns, or a Meta Ads Manager export with Reporting starts and "
        "Amount spent"};
  }
  out.format = columns->format;
  const LeadSource* chosen = nullptr;
  if (!options.source.empty()) {
    chosen = find_item(ws.sources, options.source);
    if (chosen == nullptr) return Error{"'" + options.source + "' is not a lead source"};
  }
  if (out.format != SpendFileFormat::nurture && chosen == nullptr) {
    return Error{"This is a " + std::string(describe(out.format)) +
                 ": choose the lead source its spend belongs to"};
  }

  std::map<std::pair<std::string, std::pair<int, unsigned>>, SpendMonthTotal> sums;
  const auto reject = [&](std::size_t line, std::string reason) {
    out.rejected.push_back(SpendRowError{line, std::move(reason)});
  };
  while (reader.next(record)) {
    ++out.rows_read;
    if (!record.error.empty()) {
      reject(record.line, "malformed: " + record.error);
      continue;
    }
    const auto& f = record.fields;
    if (is_total_row(f)) {
      reject(record.line, "a total row, not counted (the rows above it are)");
      continue;
    }
    const std::string_view month_text = cell(f, columns->month);
    const auto month = parse_spend_month(month_text);
    if (!month) {
      reject(record.line,
             month_text.empty() ? "the month is empty" : "'" + std::string(month_text) + "' is not a month");
      continue;
    }
    if (!is_ad_spend_month(*month)) {
      reject(record.line, format_year_month(*month) + " is outside 1990–2200");
      continue;
    }
    if (columns->month_end != k_none) {
      const auto end = parse_spend_month(cell(f, columns->month_end));
      if (end && !(*end == *month)) {
        reject(record.line, "the row spans " + format_year_month(*month) + " to " + format_year_month(*end) +
                                "; export with the breakdown by month");
        continue;
      }
    }
    const LeadSource* source = chosen;
    if (columns->source != k_none) {
      const std::string_view name = cell(f, columns->source);
      if (!name.empty()) {
        source = find_source(ws, name);
        if (source == nullptr) {
          reject(record.line, "'" + std::string(name) + "' is not a lead source");
          continue;
        }
      } else if (source == nullptr) {
        reject(record.line, "the source is empty");
        continue;
      }
    }
    const std::string_view amount_text = cell(f, columns->amount);
    const auto cents = parse_amount_cents(amount_text);
    if (!cents) {
      reject(record.line, amount_text.empty() ? "the amount is empty"
                                              : "'" + std::string(amount_text) + "' is not an amount");
      continue;
    }
    if (*cents < 0) {
      reject(record.line, "the amount is negative");
      continue;
    }
    SpendMonthTotal& t = sums[{source->id, {month->year, month->month}}];
    if (t.cents + *cents > k_ad_spend_max_cents) {
      reject(record.line, "the month's total is larger than 10,000,000,000.00");
      continue;
    }
    t.source = source->id;
    t.month = *month;
    t.cents += *cents;
    ++t.rows;
  }
  // std::map orders by (id, year, month): the table's order.
  out.totals.reserve(sums.size());
  for (auto& [key, t] : sums) {
    const AdSpend* now = find_ad_spend(ws.ad_spend, t.source, t.month);
    if (now != nullptr && !now->deleted) t.previous = now->cents;
    out.totals.push_back(std::move(t));
  }
  return out;
}

}  // namespace nurture
