#include "core/model/ad_spend.hpp"

#include <algorithm>
#include <tuple>

#include "core/model/catalog.hpp"
#include "core/model/field_checks.hpp"

namespace nurture {

bool ad_spend_key_less(const AdSpend& a, const AdSpend& b) {
  // std::string's <=> is missing from libc++ in wasm, so compare() rather than a tuple of strings.
  const int c = a.source.compare(b.source);
  if (c != 0) return c < 0;
  return a.month < b.month;
}

bool is_ad_spend_month(YearMonth month) {
  return month.year >= k_ad_spend_min_year && month.year <= k_ad_spend_max_year && month.month >= 1 &&
         month.month <= 12;
}

std::vector<FieldError> validate(const AdSpend& entry) {
  std::vector<FieldError> errors;
  if (!is_catalog_id(entry.source)) errors.push_back({"source", "is not a lead source id"});
  if (!is_ad_spend_month(entry.month)) {
    errors.push_back({"month", "must be a month between " + std::to_string(k_ad_spend_min_year) + " and " +
                                   std::to_string(k_ad_spend_max_year)});
  }
  if (entry.cents < 0) errors.push_back({"cents", "must not be negative"});
  if (entry.cents > k_ad_spend_max_cents) errors.push_back({"cents", "is larger than 10,000,000,000.00"});
  check_text(errors, "note", entry.note, k_ad_spend_max_note, false);
  return errors;
}

const AdSpend* find_ad_spend(const std::vector<AdSpend>& table, std::string_view source, YearMonth month) {
  AdSpend probe;
  probe.source = std::string(source);
  probe.month = month;
  const auto it = std::lower_bound(table.begin(), table.end(), probe, ad_spend_key_less);
  if (it == table.end() || it->source != source || it->month != month) return nullptr;
  return &*it;
}

bool is_ad_spend_table(const std::vector<AdSpend>& table) {
  for (std::size_t i = 1; i < table.size(); ++i) {
    if (!ad_spend_key_less(table[i - 1], table[i])) return false;
  }
  return true;
}

}  // namespace nurture
