#include "core/scoring/scoring_model.hpp"

#include <array>
#include <cmath>
#include <set>

#include "core/model/catalog.hpp"

namespace nurture {

namespace {

constexpr std::array<std::string_view, k_decay_count> k_decay_names = {"none", "half_life", "expiry"};
constexpr std::array<std::string_view, k_threshold_action_count> k_action_names = {"move_stage", "add_tag",
                                                                                   "enrol_sequence"};

template <class E, std::size_t N>
std::optional<E> parse_name(const std::array<std::string_view, N>& names, std::string_view text) {
  for (std::size_t i = 0; i < N; ++i) {
    if (names[i] == text) return static_cast<E>(i);
  }
  return std::nullopt;
}

std::string at(const char* list, std::size_t i, const char* field) {
  return std::string(list) + "[" + std::to_string(i) + "]." + field;
}

// Points are small, human-entered numbers: anything beyond this is a typo or a hostile file.
constexpr double k_max_points = 100000;

bool sane_points(double p) { return std::isfinite(p) && std::fabs(p) <= k_max_points; }

}  // namespace

std::string_view to_string(Decay v) { return k_decay_names.at(static_cast<std::size_t>(v)); }
std::optional<Decay> parse_decay(std::string_view text) { return parse_name<Decay>(k_decay_names, text); }
std::string_view to_string(ThresholdAction v) { return k_action_names.at(static_cast<std::size_t>(v)); }
std::optional<ThresholdAction> parse_threshold_action(std::string_view text) {
  return parse_name<ThresholdAction>(k_action_names, text);
}

std::vector<FieldError> validate(const ScoringModel& model) {
  std::vector<FieldError> errors;
  std::set<std::string> groups;
  if (model.groups.size() > k_max_score_groups)
    errors.push_back({"groups", "at most " + std::to_string(k_max_score_groups) + " score groups"});
  for (std::size_t i = 0; i < model.groups.size(); ++i) {
    const auto& g = model.groups[i];
    if (!is_catalog_id(g.id))
      errors.push_back({at("groups", i, "id"), "must be 1–64 lowercase letters, digits, '-' or '_'"});
    if (!groups.insert(g.id).second)
      errors.push_back({at("groups", i, "id"), "'" + g.id + "' is used twice"});
    if (g.name.empty() || g.name.size() > 80)
      errors.push_back({at("groups", i, "name"), "must be 1–80 characters"});
  }
  const auto known = [&](const std::string& g) { return groups.count(g) != 0; };
  if (model.event_rules.size() + model.fit_rules.size() > k_max_score_rules)
    errors.push_back({"event_rules", "at most " + std::to_string(k_max_score_rules) + " rules"});
  for (std::size_t i = 0; i < model.event_rules.size(); ++i) {
    const auto& r = model.event_rules[i];
    if (!known(r.group)) errors.push_back({at("event_rules", i, "group"), "names no score group"});
    if (r.label.size() > 120)
      errors.push_back({at("event_rules", i, "label"), "is longer than 120 characters"});
    if (static_cast<std::size_t>(r.event) >= k_event_type_count)
      errors.push_back({at("event_rules", i, "event"), "is not an event type"});
    if (!sane_points(r.points))
      errors.push_back({at("event_rules", i, "points"), "must be a number up to 100000"});
    if (!sane_points(r.max_points) || r.max_points < 0)
      errors.push_back({at("event_rules", i, "max_points"), "must be 0 (no cap) or a positive number"});
    if (static_cast<std::size_t>(r.decay) >= k_decay_count) {
      errors.push_back({at("event_rules", i, "decay"), "is not a decay"});
    } else if (r.decay != Decay::none && (r.decay_days == 0 || r.decay_days > 36500)) {
      errors.push_back({at("event_rules", i, "decay_days"), "must be 1–36500 days"});
    }
    if (r.where.size() > 1000)
      errors.push_back({at("event_rules", i, "where"), "is longer than 1000 characters"});
  }
  for (std::size_t i = 0; i < model.fit_rules.size(); ++i) {
    const auto& r = model.fit_rules[i];
    if (!known(r.group)) errors.push_back({at("fit_rules", i, "group"), "names no score group"});
    if (r.label.size() > 120)
      errors.push_back({at("fit_rules", i, "label"), "is longer than 120 characters"});
    if (!sane_points(r.points))
      errors.push_back({at("fit_rules", i, "points"), "must be a number up to 100000"});
    if (r.condition.empty() || r.condition.size() > 1000)
      errors.push_back({at("fit_rules", i, "condition"), "must be a query of 1–1000 characters"});
  }
  for (std::size_t i = 0; i < model.thresholds.size(); ++i) {
    const auto& t = model.thresholds[i];
    if (!t.group.empty() && !known(t.group))
      errors.push_back({at("thresholds", i, "group"), "names no score group"});
    if (!sane_points(t.at)) errors.push_back({at("thresholds", i, "at"), "must be a number up to 100000"});
    if (static_cast<std::size_t>(t.action) >= k_threshold_action_count) {
      errors.push_back({at("thresholds", i, "action"), "is not an action"});
    } else if (t.action != ThresholdAction::move_stage && !is_catalog_id(t.value)) {
      errors.push_back({at("thresholds", i, "value"),
                        "must name a tag or sequence (lowercase letters, digits, '-' or '_')"});
    }
    if (static_cast<std::size_t>(t.stage) >= k_stage_count)
      errors.push_back({at("thresholds", i, "stage"), "is not a stage"});
  }
  return errors;
}

ScoringModel demo_scoring_model() {
  ScoringModel m;
  m.groups = {{"engagement", "Engagement"}, {"fit", "Fit"}};
  const auto ev = [&](const char* label, EventType type, double points, Decay decay, std::uint32_t days,
                      double cap = 0, const char* where = "") {
    m.event_rules.push_back({"engagement", label, type, where, points, decay, days, cap});
  };
  // Recent attention counts most: opens fade fast (and are capped, since mail clients open
  // on their own), deliberate acts (a click, a reply, a form) fade slower.
  ev("Opened an email", EventType::email_opened, 2, Decay::half_life, 30, 20);
  ev("Clicked a link in an email", EventType::email_clicked, 5, Decay::half_life, 45, 40);
  ev("Replied to an email", EventType::email_replied, 10, Decay::half_life, 60);
  ev("Replied to a text", EventType::text_replied, 10, Decay::half_life, 60);
  ev("Read or watched content for a minute or more", EventType::content_viewed, 4, Decay::half_life, 45, 40,
     "seconds >= 60");
  ev("Submitted a form", EventType::form_submitted, 15, Decay::expiry, 180);
  ev("Booked an appointment", EventType::appointment_booked, 25, Decay::expiry, 120);
  ev("Missed an appointment", EventType::appointment_no_show, -10, Decay::expiry, 90);
  ev("Unsubscribed", EventType::unsubscribed, -30, Decay::none, 0);
  const auto fit = [&](const char* label, const char* condition, double points) {
    m.fit_rules.push_back({"fit", label, condition, points});
  };
  fit("Age 30–60, the practice's core patients", "age between 30 and 60", 10);
  fit("Interested in a high-value treatment",
      "interest in (coolsculpting, laser-resurfacing, filler, kybella)", 15);
  fit("Lives in Florida", "state = fl", 5);
  fit("Can be texted", "consent.sms", 5);
  m.thresholds.push_back({"engagement", 30, ThresholdAction::move_stage, Stage::consideration, ""});
  m.thresholds.push_back({"", 60, ThresholdAction::add_tag, Stage::consideration, "hot-lead"});
  return m;
}

}  // namespace nurture
