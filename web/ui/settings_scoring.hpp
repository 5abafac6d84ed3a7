#pragma once
/// Settings → Scoring: the practice's scoring model as an editable draft — score groups, event
/// rules (points, filter, decay, cap), fit rules (a segment condition) and thresholds — saved
/// as one SetScoringModel (Ctrl+Z undoes), with each problem shown at its rule. With no model,
/// the card explains scoring and offers the recommended model.

#include <cstdint>
#include <map>
#include <string>

#include "core/scoring/scoring_model.hpp"
#include "web/ui/settings_feedback.hpp"
#include "web/ui/ui_context.hpp"

namespace nurture::ui {

class ScoringSettings {
 public:
  void draw(Ui& ui, float width);
  [[nodiscard]] const ScoringModel& draft() const { return m_draft; }
  [[nodiscard]] bool dirty() const { return m_dirty; }
  /// Problems of the last save, field path → message ("event_rules[2].where" → "1:5: …").
  [[nodiscard]] const std::map<std::string, std::string>& errors() const { return m_feedback.errors; }
  [[nodiscard]] const std::string& message() const { return m_feedback.message; }

 private:
  void sync(const Ui& ui);
  void save(Ui& ui);
  void groups(Ui& ui, float width);
  void event_rules(Ui& ui, float width);
  void fit_rules(Ui& ui, float width);
  void thresholds(Ui& ui, float width);

  ScoringModel m_draft;
  bool m_dirty = false;
  bool m_open = false;  ///< the rules are unfolded for editing
  std::uint64_t m_revision = ~std::uint64_t{0};
  DraftFeedback m_feedback;
};

}  // namespace nurture::ui
