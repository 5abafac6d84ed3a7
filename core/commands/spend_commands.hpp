#pragma once
/// The ad-spend table's command (issue 6, ROI): set or clear many (source, month) cells in one
/// step, so a whole grid edit or a CSV import is one undo point. See core/model/ad_spend.hpp.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/model/ad_spend.hpp"
#include "core/util/civil_time.hpp"

namespace nurture {

/// One cell of the table.
struct AdSpendChange {
  std::string source;  ///< a live LeadSource id
  YearMonth month;
  /// The amount; 0 is a real figure ("spent nothing", it overrides the monthly cost). None
  /// clears the cell: its entry becomes a tombstone and the month falls back to
  /// LeadSource::monthly_cost_cents again.
  std::optional<std::int64_t> cents;
  std::string note;  ///< kept with the entry ("Google Ads export"); ignored when clearing
  friend bool operator==(const AdSpendChange&, const AdSpendChange&) = default;
};

/// Sets or clears cells of the ad-spend table. All or nothing: every change is checked first
/// (the source is a live lead source, the month between k_ad_spend_min_year and
/// k_ad_spend_max_year, 0 ≤ cents ≤ k_ad_spend_max_cents, the note at most
/// k_ad_spend_max_note characters, no (source, month) twice) and a failure names the change.
/// Cells that would not change are skipped; the others get one `clock.tick(now)`. The message
/// is `summary` when given, else "Ad spend: 3 months set, 1 cleared".
struct SetAdSpend {
  std::vector<AdSpendChange> changes;
  UnixMillis now = 0;
  std::string summary;
};

/// The inverse of SetAdSpend: the table as it was (it is small: sources × months).
struct AdSpendUndo {
  std::vector<AdSpend> before;
};

}  // namespace nurture
