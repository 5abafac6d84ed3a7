#pragma once
/// The ad-spend table (issue 6, ROI): what the practice spent on one lead source in one
/// calendar month, entered in Settings or imported from an ad platform's CSV. Return by source
/// (core/metrics/roi.hpp) uses an entry where there is one and falls back to
/// LeadSource::monthly_cost_cents for the other months.
///
/// One entry per (source, month), the key. Each entry is a last-writer-wins register: one
/// stamp, and a tombstone for a cleared cell, so that clearing a month on one device survives a
/// merge with another (docs/sync.md). A live entry of 0 cents means "spent nothing that month"
/// and overrides the fallback; a cleared (deleted) entry means "not known": the fallback again.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/model/practice.hpp"
#include "core/sync/hlc.hpp"
#include "core/util/civil_time.hpp"

namespace nurture {

/// Months outside this range are refused (a typo, not a campaign).
inline constexpr int k_ad_spend_min_year = 1990;
inline constexpr int k_ad_spend_max_year = 2200;
/// The largest amount of one entry: 10 billion (in cents), far above any practice's budget and
/// far below what sums of many entries could overflow.
inline constexpr std::int64_t k_ad_spend_max_cents = 1'000'000'000'000;
/// The longest note, in characters.
inline constexpr std::size_t k_ad_spend_max_note = 500;

struct AdSpend {
  std::string source;  ///< a LeadSource id (it may name a deleted source: the entry stays)
  YearMonth month;     ///< the practice-local calendar month
  std::int64_t cents = 0;
  std::string note;  ///< where the figure came from ("Google Ads export", "invoice 112")
  Stamp stamp;
  bool deleted = false;  ///< cleared: the month falls back to the source's monthly cost
  friend bool operator==(const AdSpend&, const AdSpend&) = default;
};

/// The table's order: by source id, then month.
[[nodiscard]] bool ad_spend_key_less(const AdSpend& a, const AdSpend& b);

/// Field problems of one entry (empty: valid): source id, month range, cents in
/// [0, k_ad_spend_max_cents], note length. Whether the source exists is the command's check.
[[nodiscard]] std::vector<FieldError> validate(const AdSpend& entry);

/// Whether `month` lies in the accepted range.
[[nodiscard]] bool is_ad_spend_month(YearMonth month);

/// The entry for (source, month), live or deleted, or nullptr. `table` is sorted by key.
[[nodiscard]] const AdSpend* find_ad_spend(const std::vector<AdSpend>& table, std::string_view source,
                                           YearMonth month);

/// Whether `table` is sorted by key with each key once (what the workspace keeps).
[[nodiscard]] bool is_ad_spend_table(const std::vector<AdSpend>& table);

}  // namespace nurture
