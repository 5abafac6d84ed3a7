// SetAdSpend: the ad-spend table's one command.

#include <algorithm>

#include "core/commands/spend_apply.hpp"
#include "core/util/text.hpp"

namespace nurture::detail {

namespace {

// The change as the entry it would store (a tombstone when clearing).
AdSpend entry_of(const AdSpendChange& c) {
  AdSpend a;
  a.source = c.source;
  a.month = c.month;
  a.cents = c.cents.value_or(0);
  a.note = c.cents ? c.note : std::string();
  a.deleted = !c.cents;
  return a;
}

// Whether storing `next` over `current` (nullptr: no entry) changes what the table says.
bool changes(const AdSpend* current, const AdSpend& next) {
  if (current == nullptr) return !next.deleted;  // clearing an empty cell does nothing
  if (current->deleted && next.deleted) return false;
  return current->deleted != next.deleted || current->cents != next.cents || current->note != next.note;
}

}  // namespace

CommandResult run(Workspace& ws, const SetAdSpend& c, HybridClock& clock, UndoStep* undo) {
  std::vector<AdSpend> next;
  next.reserve(c.changes.size());
  for (std::size_t i = 0; i < c.changes.size(); ++i) {
    const AdSpendChange& change = c.changes[i];
    const std::string where = "Ad spend change " + std::to_string(i + 1) + " (" + change.source + ", " +
                              format_year_month(change.month) + ")";
    if (find_item(ws.sources, change.source) == nullptr) {
      return {false,
              where + ": '" + change.source + "' is not a lead source",
              {{"source", "is not a lead source"}}};
    }
    AdSpend entry = entry_of(change);
    if (auto errors = validate(entry); !errors.empty()) {
      return {false, where + ": " + errors[0].field + " " + errors[0].message, std::move(errors)};
    }
    next.push_back(std::move(entry));
  }
  std::stable_sort(next.begin(), next.end(), ad_spend_key_less);
  for (std::size_t i = 1; i < next.size(); ++i) {
    if (!ad_spend_key_less(next[i - 1], next[i])) {
      return {
          false,
          "Ad spend for " + next[i].source + " in " + format_year_month(next[i].month) + " is given twice",
          {{"month", "appears twice"}}};
    }
  }
  // Only cells that change; clearing a cell that holds nothing is not a change.
  next.erase(std::remove_if(next.begin(), next.end(),
                            [&](const AdSpend& a) {
                              return !changes(find_ad_spend(ws.ad_spend, a.source, a.month), a);
                            }),
             next.end());
  if (next.empty()) return {true, "Nothing changed", {}};

  if (undo != nullptr) undo->inverse = AdSpendUndo{ws.ad_spend};
  const Stamp stamp = clock.tick(c.now);
  std::size_t set = 0;
  std::size_t cleared = 0;
  // Both lists are sorted by key: one walk merges them.
  std::vector<AdSpend> table;
  table.reserve(ws.ad_spend.size() + next.size());
  auto it = ws.ad_spend.begin();
  for (AdSpend& entry : next) {
    while (it != ws.ad_spend.end() && ad_spend_key_less(*it, entry)) table.push_back(*it++);
    if (it != ws.ad_spend.end() && !ad_spend_key_less(entry, *it)) ++it;  // replaced
    entry.stamp = stamp;
    (entry.deleted ? cleared : set) += 1;
    table.push_back(std::move(entry));
  }
  table.insert(table.end(), it, ws.ad_spend.end());
  ws.ad_spend = std::move(table);
  ++ws.revision;
  if (!c.summary.empty()) return {true, c.summary, {}};
  std::string message = "Ad spend: " + count_noun(set, "month set", "months set");
  if (cleared != 0) message += ", " + format_thousands(cleared) + " cleared";
  return {true, std::move(message), {}};
}

}  // namespace nurture::detail
