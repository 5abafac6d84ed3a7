#include "core/sequence/compliance.hpp"

#include <algorithm>
#include <array>

namespace nurture {

namespace {

constexpr std::array<std::string_view, 7> k_weekdays = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                                        "Friday", "Saturday", "Sunday"};

bool has_dnc(const Lead& lead, Channel channel) {
  return std::any_of(lead.do_not_contact.begin(), lead.do_not_contact.end(),
                     [&](const DoNotContact& d) { return d.channel == channel; });
}

bool has_consent(const Lead& lead, Channel channel, Purpose purpose) {
  return std::any_of(lead.consent.begin(), lead.consent.end(), [&](const ConsentRecord& c) {
    return c.channel == channel && c.purpose == purpose && c.granted;
  });
}

bool is_marketing(MessagePurpose purpose) { return purpose != MessagePurpose::reminder; }

// Text and call share one rule; only the words differ.
std::string phone_problem(const Lead& lead, Channel channel, MessagePurpose purpose) {
  const bool text = channel == Channel::sms;
  if (lead.phone.empty()) return "the lead has no phone number";
  if (has_dnc(lead, channel))
    return text ? "the lead asked not to be texted" : "the lead asked not to be called";
  const bool marketing = has_consent(lead, channel, Purpose::marketing);
  if (is_marketing(purpose)) {
    if (!marketing) {
      return text ? "no consent to marketing texts: record the lead's consent first"
                  : "no consent to marketing calls: record the lead's consent first";
    }
    return {};
  }
  if (!marketing && !has_consent(lead, channel, Purpose::treatment)) {
    return text ? "no consent to texts: record the lead's consent first"
                : "no consent to calls: record the lead's consent first";
  }
  return {};
}

std::string two_digits(int v) {
  return std::string(1, static_cast<char>('0' + v / 10)) + static_cast<char>('0' + v % 10);
}
std::string clock_text(int minute) { return two_digits(minute / 60) + ":" + two_digits(minute % 60); }

// One condition of the rules: a daily interval of local minutes in one zone. start >= end means
// nothing is allowed that day.
enum class RuleKind : std::uint8_t { window, quiet, business };
struct Interval {
  int start = 0;
  int end = 0;
};
struct Rule {
  RuleKind kind;
  const TimeZone* zone;
};

Interval interval_of(const SendRules& rules, RuleKind kind, int weekday) {
  const auto wd = static_cast<std::size_t>(weekday);
  switch (kind) {
    case RuleKind::window:
      if (!rules.window.days[wd]) return {};
      return {rules.window.start_minute, rules.window.end_minute};
    case RuleKind::quiet: {
      const QuietHours q = quiet_hours(rules.state, weekday);
      return {q.start_minute, q.end_minute};
    }
    case RuleKind::business:
      return {rules.hours[wd].open, rules.hours[wd].close};
  }
  return {};
}

// The rules as an indexed list without allocating (this runs for every touch): per zone the
// window and, for texts and calls, the quiet hours; then the business hours.
std::size_t rule_count(const SendRules& rules) {
  return rules.zones.size() * (rules.quiet_hours ? 2U : 1U) + (rules.business_hours ? 1U : 0U);
}

Rule rule_at(const SendRules& rules, std::size_t i) {
  const std::size_t per_zone = rules.quiet_hours ? 2U : 1U;
  if (i < rules.zones.size() * per_zone) {
    return {i % per_zone == 0 ? RuleKind::window : RuleKind::quiet, rules.zones[i / per_zone]};
  }
  return {RuleKind::business, rules.practice_zone};
}

// A rule without a zone (an unknown practice zone) never holds anything back.
bool holds(const SendRules& rules, const Rule& rule, UnixMillis t) {
  if (rule.zone == nullptr) return true;
  const LocalTime local = to_local(*rule.zone, t);
  const Interval iv = interval_of(rules, rule.kind, local.weekday);
  return iv.start < iv.end && local.minute >= iv.start && local.minute < iv.end;
}

// The earliest instant >= t at which `rule` holds (exact: between t and the next interval's start
// it cannot hold), or nullopt when no day of the coming week allows anything.
std::optional<UnixMillis> next_hold(const SendRules& rules, const Rule& rule, UnixMillis t) {
  if (holds(rules, rule, t)) return t;
  const LocalTime local = to_local(*rule.zone, t);
  const Interval today = interval_of(rules, rule.kind, local.weekday);
  if (today.start < today.end && local.minute < today.start) {
    return std::max(from_local(*rule.zone, local.date, today.start), t + 1);
  }
  const std::int64_t day0 = days_from_civil(local.date);
  for (int d = 1; d <= 7; ++d) {
    const int wd = (local.weekday + d) % 7;
    const Interval iv = interval_of(rules, rule.kind, wd);
    if (iv.start >= iv.end) continue;
    return std::max(from_local(*rule.zone, civil_from_days(day0 + d), iv.start), t + 1);
  }
  return std::nullopt;
}

std::string describe(const SendRules& rules, const Rule& rule, UnixMillis t) {
  const LocalTime local = to_local(*rule.zone, t);
  const Interval iv = interval_of(rules, rule.kind, local.weekday);
  std::string why;
  if (iv.start >= iv.end) {
    why = "nothing allowed on " + std::string(k_weekdays[static_cast<std::size_t>(local.weekday)]);
  } else if (local.minute < iv.start) {
    why = "before " + clock_text(iv.start);
  } else {
    why = "after " + clock_text(iv.end);
  }
  const std::string zone(zone_name(*rule.zone));
  switch (rule.kind) {
    case RuleKind::window:
      return "outside the sequence's send window in " + zone + " (" + why + ")";
    case RuleKind::quiet:
      return "outside quiet hours in " + zone + " (" + why + ")";
    case RuleKind::business:
      return "outside the practice's business hours in " + zone + " (" + why + ")";
  }
  return {};
}

}  // namespace

std::string consent_problem(const Lead& lead, StepChannel channel, MessagePurpose purpose) {
  switch (channel) {
    case StepChannel::email:
      if (lead.email.empty()) return "the lead has no email address";
      if (has_dnc(lead, Channel::email)) return "the lead asked not to be emailed";
      if (is_marketing(purpose) && !has_consent(lead, Channel::email, Purpose::marketing)) {
        return "no consent to marketing emails: record the lead's consent first";
      }
      return {};
    case StepChannel::text:
      return phone_problem(lead, Channel::sms, purpose);
    case StepChannel::call:
      return phone_problem(lead, Channel::call, purpose);
    case StepChannel::letter:
      if (lead.street.empty()) return "the lead has no street address";
      return {};
    case StepChannel::social:
      if (has_dnc(lead, Channel::email) && has_dnc(lead, Channel::sms) && has_dnc(lead, Channel::call)) {
        return "the lead asked not to be contacted at all";
      }
      return {};
  }
  return {};
}

std::string sender_problem(const PracticeProfile& practice, StepChannel channel, MessagePurpose purpose) {
  if (channel != StepChannel::email || !is_marketing(purpose) || has_postal_address(practice)) return {};
  return "marketing emails need the practice's name and postal address (CAN-SPAM): add them in Settings";
}

SendRules send_rules(const Sequence& sequence, StepChannel channel, const RecipientClock& clock,
                     const PracticeProfile& practice) {
  SendRules rules;
  rules.window = sequence.window;
  rules.zones = clock.zones;
  rules.state = clock.state;
  rules.quiet_hours = channel == StepChannel::text || channel == StepChannel::call;
  rules.business_hours = channel == StepChannel::call;
  rules.practice_zone = find_time_zone(practice.time_zone);
  if (rules.practice_zone == nullptr && !clock.zones.empty()) rules.practice_zone = clock.zones.front();
  rules.hours = practice.hours;
  return rules;
}

std::string window_problem(const SendRules& rules, UnixMillis t) {
  const std::size_t n = rule_count(rules);
  for (std::size_t i = 0; i < n; ++i) {
    const Rule rule = rule_at(rules, i);
    if (!holds(rules, rule, t)) return describe(rules, rule, t);
  }
  return {};
}

std::optional<UnixMillis> next_allowed(const SendRules& rules, UnixMillis from) {
  const std::size_t n = rule_count(rules);
  UnixMillis t = from;
  // Each round jumps to the earliest instant the first failing rule holds again; no allowed
  // instant lies before it, so the first instant where all hold is found exactly. Rules that
  // contradict each other make t run past the limit.
  while (t - from <= k_window_search_limit) {
    std::optional<Rule> failing;
    for (std::size_t i = 0; i < n && !failing; ++i) {
      const Rule rule = rule_at(rules, i);
      if (!holds(rules, rule, t)) failing = rule;
    }
    if (!failing) return t;
    const auto next = next_hold(rules, *failing, t);
    if (!next) return std::nullopt;
    t = *next;
  }
  return std::nullopt;
}

UnixMillis allowed_until(const SendRules& rules, UnixMillis t) {
  const std::size_t n = rule_count(rules);
  UnixMillis until = t + 7 * 86'400'000LL;  // no rule ends within a week: look again then
  for (std::size_t i = 0; i < n; ++i) {
    const Rule rule = rule_at(rules, i);
    if (rule.zone == nullptr) continue;
    const LocalTime local = to_local(*rule.zone, t);
    const Interval iv = interval_of(rules, rule.kind, local.weekday);
    until = std::min(until, std::max(from_local(*rule.zone, local.date, iv.end), t + 1));
  }
  return until;
}

UnixMillis problem_until(const SendRules& rules, UnixMillis t) {
  const std::size_t n = rule_count(rules);
  UnixMillis until = t + 7 * 86'400'000LL;
  for (std::size_t i = 0; i < n; ++i) {
    const Rule rule = rule_at(rules, i);
    if (rule.zone == nullptr) continue;
    const LocalTime local = to_local(*rule.zone, t);
    const Interval iv = interval_of(rules, rule.kind, local.weekday);
    for (const int minute : {iv.start, iv.end}) {
      if (minute > local.minute && minute < 24 * 60)
        until = std::min(until, std::max(from_local(*rule.zone, local.date, minute), t + 1));
    }
    const CivilDate tomorrow = civil_from_days(days_from_civil(local.date) + 1);
    until = std::min(until, std::max(from_local(*rule.zone, tomorrow, 0), t + 1));
  }
  return until;
}

}  // namespace nurture
