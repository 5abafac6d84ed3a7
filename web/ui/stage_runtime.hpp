#pragma once
/// The funnel's automatic stage rules in the app: when the revision changes (an import, new
/// events, a merge, a new funnel model), the moves plan_stage_moves finds are applied as one
/// ApplyStageMoves with an undo point, and the status line says where the leads went
/// ("3 leads moved: 2 to Consideration, 1 to Patient"). A move undone with Ctrl+Z is not made
/// again in this session (otherwise undo could never stick); a later event makes a new move.

#include <cstdint>
#include <set>
#include <tuple>

#include "web/ui/ui_context.hpp"

namespace nurture::ui {

class StageRuntime {
 public:
  /// Once per frame, after the segment runtime (scores, thresholds) and before the sequence
  /// runtime (so stage-change triggers see the moves).
  void update(Ui& ui);

 private:
  std::uint64_t m_revision = ~std::uint64_t{0};
  /// Every move applied in this session: (lead, stage, at).
  std::set<std::tuple<std::uint64_t, std::uint8_t, std::int64_t>> m_applied;
};

}  // namespace nurture::ui
