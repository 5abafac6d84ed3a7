#pragma once
/// The practice's funnel: how the five lifecycle slots (the Stage enum: awareness,
/// consideration, conversion, patient, retained) are named and described, which are used, and
/// the rules that move leads forward automatically. A practice may keep separate pipelines per
/// service line (e.g. surgical and non-surgical), each with its own names and rules; the first
/// pipeline is the default for every lead no other pipeline claims. The slots stay the same
/// five everywhere, because segments, sequences and synced files speak those names; a pipeline
/// only relabels them. One settings document with one change stamp (Workspace::funnel_stamp):
/// the later edit wins in a merge. docs/funnel.md describes it for users.

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/model/catalog.hpp"
#include "core/model/lead_types.hpp"
#include "core/model/practice.hpp"

namespace nurture {

/// How one pipeline shows one slot.
struct StageLabel {
  std::string name;
  std::string description;
  bool used = true;  ///< an unused slot is skipped by rules and hidden in the funnel
  friend bool operator==(const StageLabel&, const StageLabel&) = default;
};

/// One thing a lead does that counts toward a rule: `count` events of `type`, filtered.
struct RuleCondition {
  EventType type = EventType::email_opened;
  std::uint32_t count = 1;  ///< 1–1000: the rule holds from the count-th qualifying event on
  /// content_viewed / email_clicked only: the content item's kind (ContentKind name, e.g.
  /// "guide"); empty = any content.
  std::string content_type;
  /// email_opened / email_clicked only: count only educational sends — an email sent by a
  /// sequence (Event::sequence set) that is not a reminder sequence (a known sequence whose
  /// message steps are all reminders). One-off emails without a sequence do not count.
  bool educational = false;
  std::int64_t min_amount_cents = 0;  ///< purchase only: the amount must be at least this
  friend bool operator==(const RuleCondition&, const RuleCondition&) = default;
};

/// The lead moves to `to` when any condition holds. Rules only move a lead forward; a rule
/// whose slot is unused moves the lead to the next used slot after it (none: the rule is idle).
struct StageRule {
  Stage to = Stage::consideration;
  std::vector<RuleCondition> any;
  friend bool operator==(const StageRule&, const StageRule&) = default;
};

struct Pipeline {
  std::string id;    ///< catalog id, stable across renames
  std::string name;  ///< unique among pipelines, shown in the UI
  /// Treatment ids whose interested leads belong here; empty for the default pipeline.
  std::vector<std::string> treatments;
  std::array<StageLabel, k_stage_count> stages;
  std::vector<StageRule> rules;
  friend bool operator==(const Pipeline&, const Pipeline&) = default;
};

struct FunnelModel {
  /// At least one; the first is the default pipeline.
  std::vector<Pipeline> pipelines;
  friend bool operator==(const FunnelModel&, const FunnelModel&) = default;
};

/// Limits: a model is a settings document, not data.
inline constexpr std::size_t k_max_pipelines = 16;
inline constexpr std::size_t k_max_stage_rules = 50;
inline constexpr std::size_t k_max_rule_conditions = 10;
inline constexpr std::uint32_t k_max_rule_count = 1000;

/// The five default labels (Awareness … Retained with their descriptions), all used.
std::array<StageLabel, k_stage_count> default_stage_labels();
/// The rules of the product brief: a guide viewed or two educational email opens →
/// Consideration; a consultation booked → Conversion; attended → Patient; a second purchase →
/// Retained.
std::vector<StageRule> default_stage_rules();
/// One pipeline "All treatments" (id "all") with the default labels and rules.
FunnelModel default_funnel_model();

/// Problems of the model (empty: valid): at least one pipeline and at most 16; ids valid and
/// unique; names non-empty and unique ignoring case; the default pipeline has no treatments and
/// the others at least one, each a live treatment of `treatments`, claimed by one pipeline
/// only; at least one used slot per pipeline; rules with 1–10 conditions whose counts are
/// 1–1000, content types known, filters only on the event types they apply to. Field names are
/// paths such as "pipelines[1].rules[0].any[1].count".
std::vector<FieldError> validate(const FunnelModel& model, const std::vector<Treatment>& treatments);
/// validate() without the check that treatments exist (files are read before the catalog
/// is known to be complete).
std::vector<FieldError> validate_structure(const FunnelModel& model);

/// The pipeline a lead with these interests belongs to: the first non-default pipeline that
/// lists one of the interests, taking the interests in order (the first matching interest
/// wins), else 0 (the default). Precondition: model.pipelines is not empty.
std::size_t pipeline_of(const FunnelModel& model, std::span<const std::string> interests);
std::size_t pipeline_of(const FunnelModel& model, const Lead& lead);
/// The pipeline with `id`, or nullptr.
const Pipeline* find_pipeline(const FunnelModel& model, std::string_view id);

/// The first used slot at or after `slot`; k_stage_count when there is none.
std::size_t used_slot_from(const Pipeline& pipeline, std::size_t slot);

}  // namespace nurture
