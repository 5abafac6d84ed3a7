#pragma once
/// The practice's lead-scoring model: score groups (e.g. engagement, surgical fit), rules that
/// give points for events (with decay) and for attributes (fit), and thresholds that act when a
/// lead's score reaches them. The model is one settings document with one change stamp: the
/// later edit wins in a merge. docs/scoring.md describes the rules for users.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/model/lead_types.hpp"
#include "core/model/practice.hpp"
#include "core/sync/hlc.hpp"

namespace nurture {

struct ScoreGroup {
  std::string id;    ///< catalog id, used as score.ID in segment queries
  std::string name;  ///< shown in the UI, e.g. "Surgical fit"
  friend bool operator==(const ScoreGroup&, const ScoreGroup&) = default;
};

/// How an event's points fade with its age.
enum class Decay : std::uint8_t {
  none,       ///< full points forever
  half_life,  ///< points × 0.5^(age / days)
  expiry,     ///< full points for `days`, then none
};
inline constexpr std::size_t k_decay_count = 3;
std::string_view to_string(Decay v);
std::optional<Decay> parse_decay(std::string_view text);

/// Points for each live event of `event` that matches `where`.
struct EventRule {
  std::string group;  ///< a ScoreGroup id
  std::string label;  ///< shown in the explanation, e.g. "Opened an email"
  EventType event = EventType::email_opened;
  /// Optional filter in the segment language's `where` syntax, e.g. `seconds >= 60`.
  std::string where;
  double points = 0;  ///< may be negative (an unsubscribe, a no-show)
  Decay decay = Decay::none;
  std::uint32_t decay_days = 0;  ///< half-life or lifetime in days; > 0 unless decay is none
  double max_points = 0;         ///< cap on this rule's total per lead (by magnitude); 0: none
  friend bool operator==(const EventRule&, const EventRule&) = default;
};

/// Points for leads matching `condition`, a segment query over attributes (no `score`).
struct FitRule {
  std::string group;
  std::string label;
  std::string condition;
  double points = 0;
  friend bool operator==(const FitRule&, const FitRule&) = default;
};

enum class ThresholdAction : std::uint8_t {
  move_stage,      ///< advance the lead to `stage` (never moves a lead back)
  add_tag,         ///< tag the lead with `value`
  enrol_sequence,  ///< enrol the lead into sequence `value` (acted on by the sequence engine)
};
inline constexpr std::size_t k_threshold_action_count = 3;
std::string_view to_string(ThresholdAction v);
std::optional<ThresholdAction> parse_threshold_action(std::string_view text);

/// When a lead's score in `group` (empty: the total) reaches `at`, do `action`.
struct ScoreThreshold {
  std::string group;
  double at = 0;
  ThresholdAction action = ThresholdAction::move_stage;
  Stage stage = Stage::consideration;  ///< move_stage
  std::string value;                   ///< add_tag: the tag; enrol_sequence: the sequence id
  friend bool operator==(const ScoreThreshold&, const ScoreThreshold&) = default;
};

struct ScoringModel {
  std::vector<ScoreGroup> groups;
  std::vector<EventRule> event_rules;
  std::vector<FitRule> fit_rules;
  std::vector<ScoreThreshold> thresholds;
  Stamp stamp;  ///< the change that last set the model
  [[nodiscard]] bool empty() const {
    return groups.empty() && event_rules.empty() && fit_rules.empty() && thresholds.empty();
  }
  friend bool operator==(const ScoringModel&, const ScoringModel&) = default;
};

/// Limits: a model is a settings document, not data.
inline constexpr std::size_t k_max_score_groups = 16;
inline constexpr std::size_t k_max_score_rules = 200;

/// Problems of the model's structure (empty: valid): unique group ids, rules naming known
/// groups, decay days set when decaying, finite points, thresholds with a value when they need
/// one. The `where` and `condition` texts are checked against the segment language by
/// compile_scoring (scoring.hpp), which knows the parser. Field names are paths such as
/// "event_rules[2].decay_days".
std::vector<FieldError> validate(const ScoringModel& model);

/// The demo practice's model: engagement (opens, clicks, replies, content time, forms, bookings,
/// with decay) and fit (age band, interest in high-value treatments, local zip, consent), with a
/// threshold that moves engaged awareness leads to consideration.
ScoringModel demo_scoring_model();

}  // namespace nurture
