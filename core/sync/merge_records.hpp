#pragma once
// Internal to core/sync: joining record lists by key (consent and do-not-contact per lead, the
// unknown members of newer versions), used by merge.cpp, and the do-not-contact entries that
// field_text.cpp lists. The rules are in docs/sync.md.

#include <algorithm>
#include <vector>

#include "core/model/lead_types.hpp"

namespace nurture::merge_detail {

// Joins two record lists: every key either side has, with the greater record per key. The
// result is sorted by key unless both lists are identical, which keeps the join idempotent
// and makes its result independent of argument order and grouping (docs/sync.md).
template <class Record, class KeyFn, class Less>
std::vector<Record> join_records(const std::vector<Record>& a, const std::vector<Record>& b, KeyFn key,
                                 Less less) {
  if (a == b) return a;
  std::vector<Record> out = a;
  out.insert(out.end(), b.begin(), b.end());
  // Sort by key, then best first, and keep the first of each key.
  std::sort(out.begin(), out.end(), [&](const Record& x, const Record& y) {
    if (key(x) != key(y)) return key(x) < key(y);
    return less(y, x);
  });
  out.erase(
      std::unique(out.begin(), out.end(), [&](const Record& x, const Record& y) { return key(x) == key(y); }),
      out.end());
  return out;
}

/// Every (channel, purpose) either side has, with the record of the later change per key.
std::vector<ConsentRecord> join_consent(const std::vector<ConsentRecord>& a,
                                        const std::vector<ConsentRecord>& b);

/// A do-not-contact set or clear: per channel one register, the later change wins; at the same
/// stamp a set beats a clear (opt-out wins).
struct DncEntry {
  DoNotContact record;
  bool cleared = false;
  friend bool operator==(const DncEntry&, const DncEntry&) = default;
};

/// The lead's sets, then its clears.
std::vector<DncEntry> dnc_entries(const Lead& lead);

/// Sets merged.do_not_contact and merged.do_not_contact_cleared from both sides.
void join_dnc(Lead& merged, const Lead& a, const Lead& b);

}  // namespace nurture::merge_detail
