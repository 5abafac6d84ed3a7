#pragma once
/// Settings → Funnel: the practice's funnel model as an editable draft — pipelines (add, rename,
/// delete, the treatments each covers), per stage its name, description and whether it is used,
/// and the rules that move leads forward (target stage; conditions with event, count and
/// filters) — saved as one SetFunnelModel (Ctrl+Z undoes), with problems shown at their rule.
/// "Reset to defaults" saves the default model (also undoable).

#include <cstdint>
#include <map>
#include <string>

#include "core/model/funnel_model.hpp"
#include "web/ui/settings_feedback.hpp"
#include "web/ui/ui_context.hpp"

namespace nurture::ui {

class FunnelSettings {
 public:
  void draw(Ui& ui, float width);
  [[nodiscard]] const FunnelModel& draft() const { return m_draft; }
  [[nodiscard]] bool dirty() const { return m_dirty; }
  [[nodiscard]] std::size_t selected() const { return m_selected; }
  [[nodiscard]] const std::string& message() const { return m_feedback.message; }

 private:
  void sync(const Ui& ui);
  void save(Ui& ui);
  void pipelines(Ui& ui, float width);
  void stages(Ui& ui, float width);
  void rules(Ui& ui, float width);

  FunnelModel m_draft;
  std::size_t m_selected = 0;  ///< the pipeline being edited
  bool m_dirty = false;
  bool m_open = false;
  std::uint64_t m_revision = ~std::uint64_t{0};
  DraftFeedback m_feedback;
};

}  // namespace nurture::ui
