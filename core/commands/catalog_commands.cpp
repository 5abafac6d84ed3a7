#include "core/commands/catalog_commands.hpp"

#include <algorithm>

#include "core/commands/catalog_apply.hpp"
#include "core/segment/parser.hpp"
#include "core/sequence/activation.hpp"
#include "core/sequence/sequence_draft.hpp"
#include "core/util/text.hpp"

namespace nurture {

namespace {

std::vector<Treatment>& items_of(Workspace& ws, const Treatment* /*tag*/) { return ws.treatments; }
std::vector<LeadSource>& items_of(Workspace& ws, const LeadSource* /*tag*/) { return ws.sources; }
std::vector<ContentItem>& items_of(Workspace& ws, const ContentItem* /*tag*/) { return ws.content; }
std::vector<SavedSegment>& items_of(Workspace& ws, const SavedSegment* /*tag*/) { return ws.segments; }
std::vector<Sequence>& items_of(Workspace& ws, const Sequence* /*tag*/) { return ws.sequences; }

std::string capitalised(CatalogKind kind) {
  std::string noun(catalog_noun(kind));
  if (!noun.empty()) noun[0] = static_cast<char>(noun[0] - 'a' + 'A');
  return noun;
}

// Adds or replaces by id. The vector never holds two items with one id, live or not, so the
// id stays unique among live items and a tombstone is revived in place.
template <class Item>
CommandResult put(Workspace& ws, CatalogKind kind, Item item, std::vector<FieldError> errors, UnixMillis now,
                  HybridClock& clock, UndoStep* undo) {
  if (!errors.empty()) {
    return {
        false,
        "The " + std::string(catalog_noun(kind)) + " has " + count_noun(errors.size(), "problem", "problems"),
        std::move(errors)};
  }
  auto& items = items_of(ws, static_cast<const Item*>(nullptr));
  const auto it = std::find_if(items.begin(), items.end(), [&](const Item& x) { return x.id == item.id; });
  item.deleted = false;
  item.stamp = {};
  if (it != items.end() && !it->deleted) {
    Item current = *it;
    current.stamp = {};
    if (current == item) return {true, "Nothing changed", {}};
  }
  const auto index = static_cast<std::size_t>(it - items.begin());
  const bool appended = it == items.end();
  std::string verb = appended ? " added" : (it->deleted ? " restored" : " saved");
  if (undo != nullptr) {
    CatalogUndo inverse{kind, index, appended, {}};
    if (!appended) inverse.before = *it;
    undo->inverse = std::move(inverse);
  }
  item.stamp = clock.tick(now);
  if (appended) {
    items.push_back(std::move(item));
  } else {
    *it = std::move(item);
  }
  ++ws.revision;
  return {true, capitalised(kind) + verb, {}};
}

template <class Item>
CommandResult remove(Workspace& ws, const DeleteCatalogItem& c, HybridClock& clock, UndoStep* undo) {
  auto& items = items_of(ws, static_cast<const Item*>(nullptr));
  const auto it =
      std::find_if(items.begin(), items.end(), [&](const Item& x) { return !x.deleted && x.id == c.id; });
  if (it == items.end()) {
    return {false,
            "No such " + std::string(catalog_noun(c.kind)),
            {{"id", "This " + std::string(catalog_noun(c.kind)) + " does not exist or was deleted"}}};
  }
  if (undo != nullptr) {
    undo->inverse = CatalogUndo{c.kind, static_cast<std::size_t>(it - items.begin()), false, *it};
  }
  it->deleted = true;
  it->stamp = clock.tick(c.now);
  ++ws.revision;
  return {true, capitalised(c.kind) + " deleted", {}};
}

template <class Item>
void restore(std::vector<Item>& items, CatalogUndo& undo) {
  if (undo.appended) {
    if (!items.empty()) items.pop_back();
  } else if (auto* before = std::get_if<Item>(&undo.before); before != nullptr && undo.index < items.size()) {
    items[undo.index] = std::move(*before);
  }
}

}  // namespace

std::string_view catalog_noun(CatalogKind kind) {
  switch (kind) {
    case CatalogKind::treatment:
      return "treatment";
    case CatalogKind::source:
      return "lead source";
    case CatalogKind::content:
      return "content item";
    case CatalogKind::segment:
      return "segment";
    case CatalogKind::sequence:
      return "sequence";
  }
  return "item";
}

void revert_catalog(Workspace& ws, CatalogUndo&& undo) {
  switch (undo.kind) {
    case CatalogKind::treatment:
      restore(ws.treatments, undo);
      break;
    case CatalogKind::source:
      restore(ws.sources, undo);
      break;
    case CatalogKind::content:
      restore(ws.content, undo);
      break;
    case CatalogKind::segment:
      restore(ws.segments, undo);
      break;
    case CatalogKind::sequence:
      restore(ws.sequences, undo);
      break;
  }
}

namespace detail {

CommandResult run(Workspace& ws, const PutTreatment& c, HybridClock& clock, UndoStep* undo) {
  return put(ws, CatalogKind::treatment, c.item, validate(c.item), c.now, clock, undo);
}

CommandResult run(Workspace& ws, const PutLeadSource& c, HybridClock& clock, UndoStep* undo) {
  auto errors = validate(c.item);
  if (static_cast<std::size_t>(c.item.kind) >= k_source_kind_count)
    errors.push_back({"kind", "is not a kind"});
  return put(ws, CatalogKind::source, c.item, std::move(errors), c.now, clock, undo);
}

CommandResult run(Workspace& ws, const PutContentItem& c, HybridClock& clock, UndoStep* undo) {
  auto errors = validate(c.item);
  if (static_cast<std::size_t>(c.item.kind) >= k_content_kind_count)
    errors.push_back({"kind", "is not a kind"});
  if (static_cast<std::size_t>(c.item.stage) >= k_stage_count) errors.push_back({"stage", "is not a stage"});
  const bool shape_ok =
      std::none_of(errors.begin(), errors.end(), [](const FieldError& e) { return e.field == "treatment"; });
  if (shape_ok && !c.item.treatment.empty() && find_item(ws.treatments, c.item.treatment) == nullptr) {
    errors.push_back({"treatment", "is not one of the practice's treatments"});
  }
  return put(ws, CatalogKind::content, c.item, std::move(errors), c.now, clock, undo);
}

CommandResult run(Workspace& ws, const PutSegment& c, HybridClock& clock, UndoStep* undo) {
  auto errors = validate(c.item);
  const auto* same_name = find_segment_by_name(ws.segments, c.item.name);
  if (same_name != nullptr && same_name->id != c.item.id)
    errors.push_back({"name", "another segment is already called \"" + same_name->name + "\""});
  if (errors.empty()) {
    if (auto parsed = segment::parse_query(c.item.query); !parsed)
      errors.push_back({"query", parsed.error().describe()});
  }
  return put(ws, CatalogKind::segment, c.item, std::move(errors), c.now, clock, undo);
}

CommandResult run(Workspace& ws, const DeleteCatalogItem& c, HybridClock& clock, UndoStep* undo) {
  switch (c.kind) {
    case CatalogKind::treatment:
      return remove<Treatment>(ws, c, clock, undo);
    case CatalogKind::source:
      return remove<LeadSource>(ws, c, clock, undo);
    case CatalogKind::content:
      return remove<ContentItem>(ws, c, clock, undo);
    case CatalogKind::segment:
      return remove<SavedSegment>(ws, c, clock, undo);
    case CatalogKind::sequence:
      return remove<Sequence>(ws, c, clock, undo);
  }
  return {false, "Unknown catalog", {{"kind", "is not a catalog"}}};
}

CommandResult run(Workspace& ws, const PutSequence& c, HybridClock& clock, UndoStep* undo) {
  auto errors = validate(c.item);
  for (const auto& s : ws.sequences) {
    if (!s.deleted && s.id != c.item.id && same_segment_name(s.name, c.item.name)) {
      errors.push_back({"name", "another sequence is already called \"" + s.name + "\""});
      break;
    }
  }
  // Running enrolments walk the steps by id: while a sequence is (and stays) active only the
  // wording of its messages may change; pausing it first is how its steps are restructured.
  const Sequence* stored = find_item(ws.sequences, c.item.id);
  if (stored != nullptr && stored->status == SequenceStatus::active &&
      c.item.status == SequenceStatus::active &&
      !same_steps_apart_from_wording(stored->steps, c.item.steps)) {
    errors.push_back({"steps", "Pause the sequence to change its steps: leads in it walk them by id"});
  }
  return put(ws, CatalogKind::sequence, c.item, std::move(errors), c.now, clock, undo);
}

CommandResult run(Workspace& ws, const SetSequenceStatus& c, HybridClock& clock, UndoStep* undo) {
  const auto it = std::find_if(ws.sequences.begin(), ws.sequences.end(),
                               [&](const Sequence& s) { return !s.deleted && s.id == c.id; });
  if (it == ws.sequences.end())
    return {false, "No such sequence", {{"id", "This sequence does not exist or was deleted"}}};
  if (static_cast<std::size_t>(c.status) >= k_sequence_status_count)
    return {false, "Unknown status", {{"status", "is not a sequence status"}}};
  if (it->status == c.status) return {true, "Nothing changed", {}};
  if (c.status == SequenceStatus::active) {
    if (auto problems = activation_problems(ws, *it); !problems.empty()) {
      return {
          false,
          "\"" + it->name + "\" cannot be activated: " + count_noun(problems.size(), "problem", "problems"),
          std::move(problems)};
    }
  }
  if (undo != nullptr) {
    undo->inverse =
        CatalogUndo{CatalogKind::sequence, static_cast<std::size_t>(it - ws.sequences.begin()), false, *it};
  }
  it->status = c.status;
  if (c.status == SequenceStatus::active) it->activated_at = c.now;
  it->stamp = clock.tick(c.now);
  ++ws.revision;
  const char* verb = c.status == SequenceStatus::active   ? " activated"
                     : c.status == SequenceStatus::paused ? " paused"
                                                          : " set back to draft";
  return {true, "\"" + it->name + "\"" + verb, {}};
}

}  // namespace detail

}  // namespace nurture
