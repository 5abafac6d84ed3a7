#include "core/commands/command.hpp"

#include <algorithm>
#include <utility>
#include <variant>

#include "core/commands/catalog_apply.hpp"
#include "core/commands/lead_apply.hpp"
#include "core/commands/sequence_apply.hpp"
#include "core/commands/settings_apply.hpp"
#include "core/commands/spend_apply.hpp"
#include "core/sync/merge.hpp"
#include "core/util/text.hpp"

namespace nurture {

namespace {

CommandResult run(Workspace& ws, const SetPracticeProfile& c, HybridClock& clock, UndoStep* undo) {
  auto errors = validate(c.profile);
  if (!errors.empty()) {
    return {false, "The practice profile has " + count_noun(errors.size(), "problem", "problems"),
            std::move(errors)};
  }
  if (ws.practice == c.profile) return {true, "Nothing changed", {}};
  if (undo != nullptr) undo->inverse = UndoStep::Practice{ws.practice, ws.practice_stamp};
  ws.practice = c.profile;
  ws.practice_stamp = clock.tick(c.now);
  ++ws.revision;
  return {true, "Practice profile saved", {}};
}

CommandResult replace_workspace(Workspace& ws, Workspace next, HybridClock& clock, UndoStep* undo) {
  const auto next_revision = std::max(ws.revision, next.revision) + 1;
  // The replaced workspace is the inverse; it is moved, never copied.
  if (undo != nullptr) undo->inverse = std::move(ws);
  ws = std::move(next);
  ws.revision = next_revision;
  // Stamps from the new workspace may come from a clock that runs ahead: later edits here
  // must still get larger ones.
  clock.observe(max_stamp(ws));
  return {true, "Workspace replaced", {}};
}

CommandResult run(Workspace& ws, const ReplaceWorkspace& c, HybridClock& clock, UndoStep* undo) {
  return replace_workspace(ws, c.workspace, clock, undo);
}

CommandResult run(Workspace& ws, const MergeWorkspace& c, HybridClock& clock, UndoStep* undo) {
  // One pass: merge_into changes nothing when there is nothing new, and records as it goes
  // only what undo needs (the rows it changed, the ids it added), not a copy of the workspace.
  MergeUndo inverse;
  const MergeReport report = merge_into(ws, c.remote, c.now, undo != nullptr ? &inverse : nullptr);
  clock.observe(report.remote_max);
  if (report.nothing_new()) return {true, "Nothing new", {}};
  if (undo != nullptr) undo->inverse = std::move(inverse);
  std::string message = report.summary();
  if (report.clock_skew_warning) message += ". " + *report.clock_skew_warning;
  return {true, std::move(message), {}};
}

template <class C>
CommandResult run(Workspace& ws, const C& c, HybridClock& clock, UndoStep* undo) {
  return detail::run(ws, c, clock, undo);
}

void revert_batch(Workspace& ws, UndoStep::Batch& batch) {
  for (std::size_t i = batch.steps.size(); i-- > 0;) {  // back to front
    auto& step = batch.steps[i];
    if (auto* row = std::get_if<UndoStep::LeadRow>(&step)) {
      if (row->appended) {
        ws.leads.pop_row();
      } else {
        ws.leads.restore_row(row->row, row->before);
      }
    } else {
      ws.events.remove(std::get<UndoStep::Events>(step).added);
    }
  }
}

CommandResult run(Workspace& ws, const LeadBatch& c, HybridClock& clock, UndoStep* undo) {
  const auto revision = ws.revision;
  const HybridClock clock_before = clock;
  UndoStep::Batch batch;
  batch.steps.reserve(c.commands.size());
  std::size_t changed = 0;
  std::size_t skipped = 0;
  CommandResult first_failure;
  for (std::size_t i = 0; i < c.commands.size(); ++i) {
    UndoStep step;
    const auto before = ws.revision;
    auto result =
        std::visit([&](const auto& sub) { return detail::run(ws, sub, clock, &step); }, c.commands[i]);
    if (!result.ok) {
      if (c.skip_failures) {
        if (skipped++ == 0) first_failure = std::move(result);
        continue;
      }
      revert_batch(ws, batch);
      // The failed batch never happened: its ledger entries go too (all stamped after
      // clock_before by this device).
      ws.ledger.drop_after(clock_before.last());
      ws.revision = revision;
      clock = clock_before;
      result.message = "Nothing was changed: step " + std::to_string(i + 1) + " of " +
                       std::to_string(c.commands.size()) + " failed: " + result.message;
      return result;
    }
    if (ws.revision == before) continue;  // this part changed nothing
    ++changed;
    if (auto* row = std::get_if<UndoStep::LeadRow>(&step.inverse)) {
      batch.steps.emplace_back(std::move(*row));
    } else if (auto* events = std::get_if<UndoStep::Events>(&step.inverse)) {
      batch.steps.emplace_back(std::move(*events));
    }
  }
  std::string message = c.summary.empty() ? "Changed " + count_noun(changed, "lead", "leads") : c.summary;
  if (skipped > 0) message += " (" + std::to_string(skipped) + " skipped: " + first_failure.message + ")";
  if (changed == 0) {
    ws.revision = revision;
    if (skipped > 0) return {false, message, first_failure.field_errors};
    return {true, "Nothing changed", {}};
  }
  // One revision step for the whole batch, like any single command.
  ws.revision = revision + 1;
  if (undo != nullptr) undo->inverse = std::move(batch);
  return {true, std::move(message), {}};
}

}  // namespace

CommandResult apply(Workspace& ws, const Command& command, HybridClock& clock, UndoStep* undo) {
  return std::visit([&](const auto& c) { return run(ws, c, clock, undo); }, command);
}

CommandResult apply(Workspace& ws, Command&& command, HybridClock& clock, UndoStep* undo) {
  if (auto* replace = std::get_if<ReplaceWorkspace>(&command))
    return replace_workspace(ws, std::move(replace->workspace), clock, undo);
  return apply(ws, std::as_const(command), clock, undo);
}

CommandResult apply(Workspace& ws, const Command& command) {
  HybridClock clock(0);
  return apply(ws, command, clock, nullptr);
}

void revert(Workspace& ws, UndoStep&& step) {
  struct Visitor {
    Workspace& ws;
    void operator()(std::monostate) const {}
    void operator()(UndoStep::Practice& p) const {
      ws.practice = std::move(p.profile);
      ws.practice_stamp = p.stamp;
    }
    void operator()(Workspace& w) const { ws = std::move(w); }
    void operator()(UndoStep::LeadRow& r) const {
      if (r.appended) {
        ws.leads.pop_row();
      } else {
        ws.leads.restore_row(r.row, r.before);
      }
    }
    void operator()(UndoStep::Events& e) const { ws.events.remove(e.added); }
    void operator()(UndoStep::Batch& b) const { revert_batch(ws, b); }
    void operator()(CatalogUndo& c) const { revert_catalog(ws, std::move(c)); }
    void operator()(MergeUndo& m) const { revert_merge(ws, std::move(m)); }
    void operator()(UndoStep::Scoring& s) const { ws.scoring = std::move(s.model); }
    void operator()(UndoStep::Records& r) const { remove_records(ws, r.added); }
    void operator()(SequenceRecordsUndo& s) const { revert_sequence_records(ws, std::move(s)); }
    void operator()(AdSpendUndo& a) const { ws.ad_spend = std::move(a.before); }
    void operator()(UndoStep::Funnel& f) const {
      ws.funnel = std::move(f.model);
      ws.funnel_stamp = f.stamp;
    }
  };
  std::visit(Visitor{ws}, step.inverse);
}

}  // namespace nurture
