#pragma once
/// Last-writer-wins registers, the building block of merging (docs/sync.md). A register is a
/// value with the Stamp of the change that wrote it; joining two keeps the one with the larger
/// stamp. Equal stamps should mean equal values (one device never issues a stamp twice), but
/// throwaway clocks (device 0) and damaged files can break that, so a total order on the
/// values themselves breaks such ties: the join stays commutative, associative and idempotent
/// whatever the input.

#include <cstddef>
#include <type_traits>
#include <unordered_map>
#include <vector>

#include "core/sync/hlc.hpp"

namespace nurture {

/// True when the remote register (remote_stamp, remote value) beats the local one.
/// `values_equal` and `remote_value_greater` are only consulted on a stamp tie.
template <class Equal, class Greater>
bool lww_remote_wins(const Stamp& local_stamp, const Stamp& remote_stamp, Equal&& values_equal,
                     Greater&& remote_value_greater) {
  if (remote_stamp != local_stamp) return local_stamp < remote_stamp;
  return !values_equal() && remote_value_greater();
}

/// What merge_lww_items did.
struct LwwItemCounts {
  std::size_t added = 0;     ///< items only the remote had
  std::size_t replaced = 0;  ///< items whose remote version won
};

/// Merges whole items (catalog entries: treatments, sources, content…) that each carry an
/// id, a stamp and, inside the item, their tombstone: per id the item with the larger
/// (stamp, tie order) is kept; items only the remote has are appended in remote order.
/// `id(item)` returns a hashable key, `stamp(item)` its Stamp, `less(a, b)` a strict total
/// order on items used only to break stamp ties. Local order is kept, so callers that need
/// byte-identical files across devices write the items sorted by id.
template <class Item, class IdFn, class StampFn, class Less>
LwwItemCounts merge_lww_items(std::vector<Item>& local, const std::vector<Item>& remote, IdFn&& id,
                              StampFn&& stamp, Less&& less) {
  LwwItemCounts counts;
  std::unordered_map<std::decay_t<std::invoke_result_t<IdFn&, const Item&>>, std::size_t> index;
  index.reserve(local.size());
  for (std::size_t i = 0; i < local.size(); ++i) index.emplace(id(local[i]), i);
  for (const Item& r : remote) {
    const auto it = index.find(id(r));
    if (it == index.end()) {
      index.emplace(id(r), local.size());
      local.push_back(r);
      ++counts.added;
      continue;
    }
    Item& l = local[it->second];
    const bool remote_wins = lww_remote_wins(
        stamp(l), stamp(r), [&] { return !less(l, r) && !less(r, l); }, [&] { return less(l, r); });
    if (remote_wins) {
      l = r;
      ++counts.replaced;
    }
  }
  return counts;
}

}  // namespace nurture
