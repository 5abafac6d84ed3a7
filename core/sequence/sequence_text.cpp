#include "core/sequence/sequence_text.hpp"

#include <array>

#include "core/util/text.hpp"

namespace nurture {

namespace {

constexpr std::size_t k_title_chars = 40;

std::string_view first_line(std::string_view text) {
  text = trim(text);
  return trim(text.substr(0, text.find('\n')));
}

// At most `limit` code points, cut after a whole word where one ends in the second half, with
// "…" when anything was left out.
std::string shortened(std::string_view text, std::size_t limit) {
  std::size_t points = 0, cut = 0, last_space = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0U) == 0x80U) continue;  // a continuation byte
    if (points == limit) {
      cut = i;
      break;
    }
    if (text[i] == ' ') last_space = i;
    ++points;
  }
  if (cut == 0) return std::string(text);
  if (last_space > cut / 2) cut = last_space;
  return std::string(trim(text.substr(0, cut))) + "\u2026";
}

std::string curly_quoted(std::string_view s) { return "\u201c" + std::string(s) + "\u201d"; }

std::string segment_name(const Workspace& ws, const std::string& id) {
  const auto* s = find_item(ws.segments, id);
  return curly_quoted(s != nullptr ? s->name : id);
}

std::string join_or(const std::vector<std::string>& parts, std::string_view last_joiner) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out += i + 1 == parts.size() ? std::string(last_joiner) : ", ";
    out += parts[i];
  }
  return out;
}

std::string event_words(EventType t) {
  std::string s(to_string(t));
  for (auto& c : s) {
    if (c == '_') c = ' ';
  }
  return s;
}

std::string clock(int minute) {
  std::string h = std::to_string(minute / 60);
  std::string m = std::to_string(minute % 60);
  return (h.size() < 2 ? "0" + h : h) + ":" + (m.size() < 2 ? "0" + m : m);
}

std::string duration(std::int64_t minutes) {
  constexpr std::int64_t k_day_minutes = std::int64_t{24} * 60;
  if (minutes % k_day_minutes == 0) {
    const auto d = minutes / k_day_minutes;
    return std::to_string(d) + (d == 1 ? " day" : " days");
  }
  if (minutes % 60 == 0) {
    const auto h = minutes / 60;
    return std::to_string(h) + (h == 1 ? " hour" : " hours");
  }
  return std::to_string(minutes) + (minutes == 1 ? " minute" : " minutes");
}

std::string target(const Sequence& seq, const std::string& next, std::size_t after) {
  if (next == k_end_step) return "end";
  if (next.empty())
    return after + 1 < seq.steps.size() ? curly_quoted(seq.steps[after + 1].id) : std::string("end");
  return curly_quoted(next);
}

}  // namespace

std::string trigger_summary(const Workspace& ws, const Sequence& seq) {
  std::vector<std::string> parts;
  for (const auto& t : seq.triggers) {
    switch (t.kind) {
      case TriggerKind::segment_entry:
        parts.push_back("entering " + segment_name(ws, t.segment));
        break;
      case TriggerKind::stage_change:
        parts.push_back("reaching " + std::string(to_string(t.stage)));
        break;
      case TriggerKind::event:
        parts.push_back(event_words(t.event));
        break;
      case TriggerKind::birthday:
        parts.push_back(t.days_before == 0 ? std::string("a birthday")
                                           : std::to_string(t.days_before) + " days before a birthday");
        break;
      case TriggerKind::retreatment_due: {
        const auto* tr = find_item(ws.treatments, t.treatment);
        parts.push_back(t.treatment.empty()
                            ? std::string("a re-treatment coming due")
                            : "re-treatment due for " + (tr != nullptr ? tr->name : t.treatment));
        break;
      }
      case TriggerKind::manual:
        break;
    }
  }
  return parts.empty() ? std::string("by hand only") : join_or(parts, " or ");
}

std::string goal_summary(const Workspace& ws, const Sequence& seq) {
  std::vector<std::string> parts;
  for (const auto& g : seq.goals) {
    switch (g.kind) {
      case GoalKind::booked:
        parts.emplace_back("a booking");
        break;
      case GoalKind::replied:
        parts.emplace_back("a reply");
        break;
      case GoalKind::unsubscribed:
        parts.emplace_back("unsubscribing");
        break;
      case GoalKind::reached_stage:
        parts.push_back("reaching " + std::string(to_string(g.stage)));
        break;
      case GoalKind::left_segment:
        parts.push_back("leaving " + segment_name(ws, g.segment));
        break;
    }
  }
  return parts.empty() ? std::string("nothing (runs to the end)") : join_or(parts, " or ");
}

std::string window_summary(const SendWindow& window) {
  static constexpr std::array<const char*, 7> k_days = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                                        "Friday", "Saturday", "Sunday"};
  std::string hours = clock(window.start_minute) + "\u2013" + clock(window.end_minute);
  int count = 0;
  for (const bool d : window.days) count += d ? 1 : 0;
  if (count == 7) return hours + ", every day";
  // A single run of days reads as a range ("Monday to Friday"); anything else is listed.
  int first = -1;
  int last = -1;
  bool run = true;
  for (int i = 0; i < 7; ++i) {
    if (!window.days[static_cast<std::size_t>(i)]) continue;
    if (first < 0) first = i;
    if (last >= 0 && i != last + 1) run = false;
    last = i;
  }
  if (count == 0) return hours + ", no day";
  if (count == 1) return hours + ", " + k_days[static_cast<std::size_t>(first)] + "s";
  if (run)
    return hours + ", " + k_days[static_cast<std::size_t>(first)] + " to " +
           k_days[static_cast<std::size_t>(last)];
  std::vector<std::string> days;
  for (std::size_t i = 0; i < 7; ++i) {
    if (window.days[i]) days.emplace_back(k_days[i]);
  }
  return hours + ", " + join_or(days, " and ");
}

std::string step_title(const Step& step) {
  switch (step.kind) {
    case StepKind::message: {
      std::string t(channel_label(step.channel));
      // A text or a call script has no subject: its opening words tell the steps apart in
      // tables ("Text: Hi {first_name}, it's…" rather than "Text", "Text").
      const std::string_view what = !step.message.subject.empty() ? std::string_view(step.message.subject)
                                                                  : first_line(step.message.body);
      if (!what.empty()) t += ": " + shortened(what, k_title_chars);
      return t;
    }
    case StepKind::wait: {
      static constexpr std::array<const char*, k_wait_for_count> k_for = {"an open", "a click", "a reply",
                                                                          "a booking"};
      return "Wait up to " + duration(std::int64_t{step.wait_days} * 24 * 60) + " for " +
             k_for[static_cast<std::size_t>(step.wait_for)];
    }
    case StepKind::split:
      return "A/B split";
  }
  return "";
}

std::string step_detail(const Sequence& seq, const Step& step) {
  const auto index = step_index(seq, step.id).value_or(0);
  switch (step.kind) {
    case StepKind::message: {
      const auto& t = step.timing;
      std::string when;
      switch (t.anchor) {
        case TimingAnchor::after_previous:
          when = t.offset_minutes == 0
                     ? (index == 0 ? "Right after enrolment" : "Right after the previous step")
                     : duration(t.offset_minutes) +
                           (index == 0 ? " after enrolment" : " after the previous step");
          break;
        case TimingAnchor::after_enrolment:
          when = t.offset_minutes == 0 ? "Right after enrolment"
                                       : duration(t.offset_minutes) + " after enrolment";
          break;
        case TimingAnchor::before_appointment:
          when = duration(t.offset_minutes) + " before the appointment";
          break;
        case TimingAnchor::after_appointment:
          when = t.offset_minutes == 0 ? "Right after the visit"
                                       : duration(t.offset_minutes) + " after the visit";
          break;
      }
      if (t.at_minute) when += ", at " + clock(*t.at_minute);
      static constexpr std::array<const char*, k_message_purpose_count> k_purpose = {
          "reminder or treatment", "promotion of the practice", "sponsored"};
      when += "  \u00b7  " + std::string(k_purpose[static_cast<std::size_t>(step.message.purpose)]);
      if (step.message.review_request) when += ", review request";
      return when;
    }
    case StepKind::wait:
      return "Yes: go to " + target(seq, step.yes_next, index) + "  \u00b7  no: go to " +
             target(seq, step.no_next, index);
    case StepKind::split: {
      std::string out;
      for (const auto& arm : step.arms) {
        if (!out.empty()) out += "  \u00b7  ";
        out += arm.label + " " + std::to_string(arm.percent) + " % \u2192 " + target(seq, arm.next, index);
      }
      return out;
    }
  }
  return "";
}

std::string lint_line(const Sequence& seq, const LintMessage& message) {
  std::string where = message.step.empty() ? std::string("sequence") : "step " + curly_quoted(message.step);
  if (!message.field.empty()) {
    where += ", " + message.field;
    // Line and column of the offset in the field's text, when the field is one we can find.
    const auto index = step_index(seq, message.step);
    if (index) {
      const auto& m = seq.steps[*index].message;
      const std::string* text =
          message.field == "subject" ? &m.subject : (message.field == "body" ? &m.body : nullptr);
      if (text != nullptr && message.offset <= text->size()) {
        std::size_t line = 1;
        std::size_t column = 1;
        for (std::size_t i = 0; i < message.offset; ++i) {
          if ((*text)[i] == '\n') {
            ++line;
            column = 1;
          } else if ((static_cast<unsigned char>((*text)[i]) & 0xC0U) != 0x80U) {
            ++column;
          }
        }
        where += " " + std::to_string(line) + ":" + std::to_string(column);
      }
    }
  }
  return where + ": " + (message.error ? "error: " : "warning: ") + message.message;
}

}  // namespace nurture
