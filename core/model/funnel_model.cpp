#include "core/model/funnel_model.hpp"

#include <algorithm>
#include <cctype>
#include <set>

namespace nurture {

namespace {

std::string lowercase(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string item(const std::string& list, std::size_t i) { return list + "[" + std::to_string(i) + "]"; }

bool counts_content(EventType t) { return t == EventType::content_viewed || t == EventType::email_clicked; }
bool counts_sends(EventType t) { return t == EventType::email_opened || t == EventType::email_clicked; }

void check_rules(const Pipeline& p, const std::string& path, std::vector<FieldError>& errors) {
  if (p.rules.size() > k_max_stage_rules) errors.push_back({path + ".rules", "has more than 50 rules"});
  for (std::size_t r = 0; r < p.rules.size(); ++r) {
    const StageRule& rule = p.rules[r];
    const std::string rp = item(path + ".rules", r);
    if (static_cast<std::size_t>(rule.to) >= k_stage_count) errors.push_back({rp + ".to", "is not a stage"});
    if (rule.to == Stage::awareness)
      errors.push_back({rp + ".to", "must be a later stage than the first (rules only move leads forward)"});
    if (rule.any.empty() || rule.any.size() > k_max_rule_conditions)
      errors.push_back({rp + ".any", "needs 1–10 conditions"});
    for (std::size_t c = 0; c < rule.any.size(); ++c) {
      const RuleCondition& cond = rule.any[c];
      const std::string cp = item(rp + ".any", c);
      if (static_cast<std::size_t>(cond.type) >= k_event_type_count)
        errors.push_back({cp + ".type", "is not an event type"});
      if (cond.count < 1 || cond.count > k_max_rule_count)
        errors.push_back({cp + ".count", "must be 1–1000"});
      if (!cond.content_type.empty()) {
        if (!counts_content(cond.type))
          errors.push_back({cp + ".content_type", "applies only to content views and email clicks"});
        else if (!parse_content_kind(cond.content_type))
          errors.push_back({cp + ".content_type", "is not a content type"});
      }
      if (cond.educational && !counts_sends(cond.type))
        errors.push_back({cp + ".educational", "applies only to email opens and clicks"});
      if (cond.min_amount_cents != 0 && cond.type != EventType::purchase)
        errors.push_back({cp + ".min_amount_cents", "applies only to purchases"});
      if (cond.min_amount_cents < 0) errors.push_back({cp + ".min_amount_cents", "must not be negative"});
    }
  }
}

}  // namespace

std::array<StageLabel, k_stage_count> default_stage_labels() {
  // The descriptions the funnel page has always shown (DESIGN.md's funnel).
  return {{
      {"Awareness", "Found you: a blog article, search, social post or review", true},
      {"Consideration", "Shared contact details; learning through your content", true},
      {"Conversion", "Inquired, called or booked a consultation", true},
      {"Patient", "Attended a visit or had a treatment", true},
      {"Retained", "Came back, left a review or referred a friend", true},
  }};
}

std::vector<StageRule> default_stage_rules() {
  RuleCondition guide{EventType::content_viewed, 1, "guide", false, 0};
  RuleCondition opens{EventType::email_opened, 2, "", true, 0};
  RuleCondition booked{EventType::appointment_booked, 1, "", false, 0};
  RuleCondition attended{EventType::appointment_attended, 1, "", false, 0};
  RuleCondition second_purchase{EventType::purchase, 2, "", false, 0};
  return {{Stage::consideration, {guide, opens}},
          {Stage::conversion, {booked}},
          {Stage::patient, {attended}},
          {Stage::retained, {second_purchase}}};
}

FunnelModel default_funnel_model() {
  FunnelModel m;
  m.pipelines.push_back({"all", "All treatments", {}, default_stage_labels(), default_stage_rules()});
  return m;
}

std::vector<FieldError> validate_structure(const FunnelModel& model) {
  std::vector<FieldError> errors;
  if (model.pipelines.empty()) errors.push_back({"pipelines", "needs at least one pipeline"});
  if (model.pipelines.size() > k_max_pipelines) errors.push_back({"pipelines", "has more than 16 pipelines"});
  std::set<std::string, std::less<>> ids;
  std::set<std::string, std::less<>> names;
  std::set<std::string, std::less<>> claimed;
  for (std::size_t i = 0; i < model.pipelines.size(); ++i) {
    const Pipeline& p = model.pipelines[i];
    const std::string path = item("pipelines", i);
    if (!is_catalog_id(p.id)) {
      errors.push_back({path + ".id", "must be 1–64 lowercase letters, digits, '-' or '_'"});
    } else if (!ids.insert(p.id).second) {
      errors.push_back({path + ".id", "is used by another pipeline"});
    }
    if (p.name.empty()) {
      errors.push_back({path + ".name", "is required"});
    } else if (!names.insert(lowercase(p.name)).second) {
      errors.push_back({path + ".name", "is used by another pipeline"});
    }
    if (i == 0 && !p.treatments.empty())
      errors.push_back({path + ".treatments", "must be empty: the first pipeline takes every other lead"});
    if (i != 0 && p.treatments.empty())
      errors.push_back({path + ".treatments", "needs at least one treatment"});
    for (const auto& t : p.treatments) {
      if (!claimed.insert(t).second)
        errors.push_back({path + ".treatments", "'" + t + "' belongs to another pipeline already"});
    }
    if (std::none_of(p.stages.begin(), p.stages.end(), [](const StageLabel& s) { return s.used; }))
      errors.push_back({path + ".stages", "needs at least one used stage"});
    for (std::size_t s = 0; s < k_stage_count; ++s) {
      if (p.stages[s].name.empty()) errors.push_back({item(path + ".stages", s) + ".name", "is required"});
    }
    check_rules(p, path, errors);
  }
  return errors;
}

std::vector<FieldError> validate(const FunnelModel& model, const std::vector<Treatment>& treatments) {
  auto errors = validate_structure(model);
  for (std::size_t i = 0; i < model.pipelines.size(); ++i) {
    for (const auto& t : model.pipelines[i].treatments) {
      if (find_item(treatments, t) == nullptr)
        errors.push_back({item("pipelines", i) + ".treatments", "'" + t + "' is not a treatment"});
    }
  }
  return errors;
}

std::size_t pipeline_of(const FunnelModel& model, std::span<const std::string> interests) {
  for (const auto& interest : interests) {
    for (std::size_t p = 1; p < model.pipelines.size(); ++p) {
      const auto& ts = model.pipelines[p].treatments;
      if (std::find(ts.begin(), ts.end(), interest) != ts.end()) return p;
    }
  }
  return 0;
}

std::size_t pipeline_of(const FunnelModel& model, const Lead& lead) {
  return pipeline_of(model, lead.interests);
}

const Pipeline* find_pipeline(const FunnelModel& model, std::string_view id) {
  for (const auto& p : model.pipelines) {
    if (p.id == id) return &p;
  }
  return nullptr;
}

std::size_t used_slot_from(const Pipeline& pipeline, std::size_t slot) {
  while (slot < k_stage_count && !pipeline.stages[slot].used) ++slot;
  return slot;
}

}  // namespace nurture
