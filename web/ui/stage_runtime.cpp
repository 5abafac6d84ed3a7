#include "web/ui/stage_runtime.hpp"

#include <algorithm>

#include "core/commands/command.hpp"
#include "core/funnel/stage_rules.hpp"

namespace nurture::ui {

void StageRuntime::update(Ui& ui) {
  if (ui.session.revision() == m_revision) return;
  m_revision = ui.session.revision();
  if (!ui.editable()) return;
  auto moves = plan_stage_moves(ui.session.workspace());
  const auto key = [](const StageMove& m) {
    return std::tuple<std::uint64_t, std::uint8_t, std::int64_t>{m.lead.value,
                                                                 static_cast<std::uint8_t>(m.stage), m.at};
  };
  moves.erase(std::remove_if(moves.begin(), moves.end(),
                             [&](const StageMove& m) { return m_applied.count(key(m)) != 0; }),
              moves.end());
  if (moves.empty()) return;
  const CommandResult r = ui.mutable_session.execute(ApplyStageMoves{moves, ui.platform.now_ms()});
  for (const auto& m : moves) m_applied.insert(key(m));
  m_revision = ui.session.revision();
  if (r.ok && r.message != "Nothing changed") {
    ui.notice = r.message + " (Ctrl+Z undoes)";
    ui.announce(ui.notice);
  }
}

}  // namespace nurture::ui
