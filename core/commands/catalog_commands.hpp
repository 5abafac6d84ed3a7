#pragma once
/// Commands that change the practice's catalogs: treatments, lead sources and content items.
/// A put adds an item or replaces the one with the same id (reviving it when it was deleted);
/// a delete leaves a tombstone. Both stamp the item with one `clock.tick(now)`, so the item's
/// last writer wins in a merge and a deletion survives it.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>

#include "core/model/catalog.hpp"
#include "core/model/segments.hpp"
#include "core/model/workspace.hpp"
#include "core/sequence/sequence.hpp"
#include "core/util/civil_time.hpp"

namespace nurture {

enum class CatalogKind : std::uint8_t { treatment, source, content, segment, sequence };

/// Adds or replaces (by id) a treatment. Validated with validate(const Treatment&); the stamp
/// and tombstone given in `item` are ignored.
struct PutTreatment {
  Treatment item;
  UnixMillis now = 0;
};

/// Adds or replaces (by id) a lead source.
struct PutLeadSource {
  LeadSource item;
  UnixMillis now = 0;
};

/// Adds or replaces (by id) a content item. A non-empty `treatment` must name a live treatment.
struct PutContentItem {
  ContentItem item;
  UnixMillis now = 0;
};

/// Adds or replaces (by id) a saved segment. Besides validate(const SavedSegment&), the name must
/// be unique among the other live segments (ignoring case) and the query must parse.
struct PutSegment {
  SavedSegment item;
  UnixMillis now = 0;
};

/// Deletes the live item `id` of catalog `kind` (a stamped tombstone). Putting the id again
/// revives it with a new stamp.
struct DeleteCatalogItem {
  CatalogKind kind = CatalogKind::treatment;
  std::string id;
  UnixMillis now = 0;
};

/// The inverse of one catalog command: the item's previous state at `index`, or, when the
/// command appended it, nothing (undo removes the last item).
struct CatalogUndo {
  CatalogKind kind = CatalogKind::treatment;
  std::size_t index = 0;
  bool appended = false;
  std::variant<std::monostate, Treatment, LeadSource, ContentItem, SavedSegment, Sequence> before;
};

/// "treatment", "lead source", "content item", "segment", "sequence": for messages.
std::string_view catalog_noun(CatalogKind kind);

/// Puts back what `undo` recorded. Precondition: later commands were reverted already.
void revert_catalog(Workspace& ws, CatalogUndo&& undo);

}  // namespace nurture
