#pragma once
/// What segments and scores need across pages, kept up to date as the workspace changes and
/// time passes: the score table, the saved segments parsed, their live counts and the change
/// since their last record. It also does the app's own bookkeeping: recording who entered and
/// left saved segments and applying the scoring thresholds that are due, both through
/// Session::record (no undo point: they are facts, not the user's edits).
///
/// Work happens when the workspace revision changes or the minute turns, never every frame.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/scoring/scoring.hpp"
#include "core/segment/engine.hpp"
#include "core/segment/membership.hpp"
#include "web/ui/ui_context.hpp"

namespace nurture::ui {

class SegmentRuntime {
 public:
  /// Brings everything up to date (call once per frame, before the pages draw).
  void update(Ui& ui);

  /// The moment answers are for: the wall clock, rounded down to the minute.
  [[nodiscard]] UnixMillis now() const { return m_now; }
  [[nodiscard]] int utc_offset() const { return m_offset; }
  [[nodiscard]] const ScoreTable& scores() const { return m_scores; }
  /// The compiled model, or nothing when the workspace has none or it is invalid.
  [[nodiscard]] const CompiledScoring* scoring() const { return m_scoring ? &*m_scoring : nullptr; }
  /// Why the stored model cannot run (empty when it can or there is none).
  [[nodiscard]] const std::string& scoring_error() const { return m_scoring_error; }
  [[nodiscard]] const segment::ParsedSegments& parsed() const { return *m_parsed; }
  /// The event indexes every query over this workspace reuses (rebuilt once per revision):
  /// pass it to segment::evaluate, compute_scores and explain_score.
  [[nodiscard]] segment::SegmentCache* cache() const { return &m_cache; }
  /// A context over `ws` with the current scores and saved segments.
  [[nodiscard]] segment::EvalContext context(const Workspace& ws) const;

  /// A live saved segment's current answer and its recent movement.
  struct SavedState {
    std::string id;
    std::size_t count = 0;         ///< members now
    std::size_t week_entered = 0;  ///< recorded entries in the last 7 days
    std::size_t week_exited = 0;   ///< recorded exits in the last 7 days
    std::string error;             ///< the query's error ("1:5: …"); counts are 0 then
  };
  [[nodiscard]] const std::vector<SavedState>& saved() const { return m_saved; }
  [[nodiscard]] const SavedState* saved_state(const std::string& id) const;
  /// Bumped whenever the answers change (pages cache on it).
  [[nodiscard]] std::uint64_t generation() const { return m_generation; }

 private:
  void recompute(Ui& ui);

  std::uint64_t m_revision = ~std::uint64_t{0};
  UnixMillis m_now = 0;
  int m_offset = 0;
  std::uint64_t m_generation = 0;
  std::optional<CompiledScoring> m_scoring;
  std::string m_scoring_error;
  ScoreTable m_scores;
  std::optional<segment::ParsedSegments> m_parsed = segment::ParsedSegments({});
  std::vector<SavedState> m_saved;
  mutable segment::SegmentCache m_cache;
};

/// The current scores, or null when the page is drawn without a runtime (some tests).
inline const ScoreTable* scores_of(const Ui& ui) {
  return ui.segments != nullptr ? &ui.segments->scores() : nullptr;
}
/// Changes whenever the scores may have changed.
inline std::uint64_t scores_version_of(const Ui& ui) {
  return ui.segments != nullptr ? ui.segments->generation() : 0;
}

}  // namespace nurture::ui
