#include "core/sequence/template_render.hpp"

#include <array>
#include <vector>

#include "core/import/values.hpp"
#include "core/sequence/lead_facts.hpp"
#include "core/sequence/template_syntax.hpp"
#include "core/util/text.hpp"
#include "core/util/time_units.hpp"

namespace nurture {

namespace {

struct BookedVisit {
  UnixMillis at = 0;  // when the appointment is
  std::string service;
};

// The event's "appointment_at" property, when it has one that parses.
std::optional<UnixMillis> appointment_property(const EventLog& log, std::uint32_t pos) {
  for (std::size_t i = 0; i < log.property_count(pos); ++i) {
    const auto [key, value] = log.property(pos, i);
    if (key != "appointment_at") continue;
    if (const auto t = parse_timestamp(value)) return *t;
  }
  return std::nullopt;
}

std::optional<BookedVisit> find_next_appointment(const Workspace& ws, LeadId lead, UnixMillis now) {
  // The bookings no cancellation took back, in log order (the scheduler's rule: cancel_booking).
  // When the booked appointment takes place: bookings logged by the app and the demo carry the
  // appointment's time in "appointment_at"; a booking-system import logs the appointment itself,
  // so the event's own time is the appointment.
  std::vector<BookedVisit> booked;
  for (const std::uint32_t pos : ws.events.of_lead(lead)) {
    const EventType type = ws.events.type(pos);
    if (type == EventType::appointment_booked) {
      booked.push_back(BookedVisit{appointment_property(ws.events, pos).value_or(ws.events.at(pos)),
                                   std::string(ws.events.view(pos).service)});
    } else if (type == EventType::appointment_cancelled) {
      cancel_booking(booked, appointment_property(ws.events, pos));
    }
  }
  std::optional<BookedVisit> best;
  for (auto& b : booked) {
    if (b.at < now || (best && best->at <= b.at)) continue;
    best = std::move(b);
  }
  return best;
}

// "Tuesday, March 10" and "2:30 PM" in the recipient's local time (US style, as the practices
// this is written for write them).
std::string format_local_date(UnixMillis t, int offset_minutes) {
  static constexpr std::array<std::string_view, 7> k_weekdays = {
      "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};
  static constexpr std::array<std::string_view, 12> k_months = {
      "January", "February", "March",     "April",   "May",      "June",
      "July",    "August",   "September", "October", "November", "December"};
  const std::int64_t days = floor_div(t + std::int64_t{offset_minutes} * 60'000, k_day_ms);
  const CivilDate date = civil_from_days(days);
  // 1970-01-01 was a Thursday (index 3, Monday first).
  const auto weekday = static_cast<std::size_t>(((days % 7) + 7 + 3) % 7);
  std::string out(k_weekdays[weekday]);
  out += ", ";
  out += k_months[date.month - 1];
  out += ' ';
  out += std::to_string(date.day);
  return out;
}

std::string format_local_time(UnixMillis t, int offset_minutes) {
  const std::int64_t local = t + std::int64_t{offset_minutes} * 60'000;
  const std::int64_t minute = (local - floor_div(local, k_day_ms) * k_day_ms) / 60'000;
  const std::int64_t hour = minute / 60;
  const std::int64_t hour12 = hour % 12 == 0 ? 12 : hour % 12;
  const std::int64_t min = minute % 60;
  std::string out = std::to_string(hour12) + ":";
  if (min < 10) out += '0';
  out += std::to_string(min);
  out += hour < 12 ? " AM" : " PM";
  return out;
}

// The template to use: the lead's own treatment's variant, else a variant of the same family.
std::pair<std::string_view, std::string_view> choose_template(const Workspace& ws, const MessageTemplate& m,
                                                              const std::string& treatment) {
  const TemplateVariant* chosen = nullptr;
  if (!treatment.empty()) {
    for (const auto& v : m.variants) {
      if (v.treatment == treatment) {
        chosen = &v;
        break;
      }
    }
    const Treatment* own = find_item(ws.treatments, treatment);
    if (chosen == nullptr && own != nullptr && !own->category.empty()) {
      for (const auto& v : m.variants) {
        const Treatment* other = find_item(ws.treatments, v.treatment);
        if (other != nullptr && other->category == own->category) {
          chosen = &v;
          break;
        }
      }
    }
  }
  if (chosen == nullptr) return {m.subject, m.body};
  return {chosen->subject.empty() ? std::string_view(m.subject) : std::string_view(chosen->subject),
          chosen->body};
}

// Every value a merge field can take for this touch, computed once.
struct FieldValues {
  std::string first_name = "there";
  std::string last_name;
  std::string practice_name = "our practice";
  std::string practice_phone;
  std::string practice_address;
  std::string booking_link;
  std::string appointment_time = "the scheduled time";
  std::string appointment_date = "the scheduled day";
  std::string treatment = "treatment";
  std::string unsubscribe_link;
  std::string content_link;

  [[nodiscard]] const std::string* get(std::string_view name) const {
    if (name == "first_name") return &first_name;
    if (name == "last_name") return &last_name;
    if (name == "practice_name") return &practice_name;
    if (name == "practice_phone") return &practice_phone;
    if (name == "practice_address") return &practice_address;
    if (name == "booking_link") return &booking_link;
    if (name == "appointment_time") return &appointment_time;
    if (name == "appointment_date") return &appointment_date;
    if (name == "treatment") return &treatment;
    if (name == "unsubscribe_link") return &unsubscribe_link;
    if (name == "content_link") return &content_link;
    return nullptr;
  }
};

FieldValues field_values(const Workspace& ws, const Step& step, LeadId lead_id, const RenderContext& ctx,
                         const std::string& treatment) {
  FieldValues v;
  const PracticeProfile& p = ws.practice;
  if (const auto row = ws.leads.find(lead_id)) {
    const std::string_view first = trim(ws.leads.first_name(*row));
    if (!first.empty()) v.first_name = first;
    v.last_name = trim(ws.leads.last_name(*row));
  }
  if (!trim(p.name).empty()) v.practice_name = trim(p.name);
  v.practice_phone = display_phone(p.phone);
  v.practice_address = practice_address_line(p);
  v.booking_link = trim(p.website);
  if (const auto appt = find_next_appointment(ws, lead_id, ctx.now)) {
    v.appointment_time = format_local_time(appt->at, ctx.utc_offset_minutes);
    v.appointment_date = format_local_date(appt->at, ctx.utc_offset_minutes);
  }
  if (const Treatment* t = find_item(ws.treatments, treatment)) {
    v.treatment = t->name;
  }
  if (!trim(p.email).empty())
    v.unsubscribe_link = "mailto:" + std::string(trim(p.email)) + "?subject=unsubscribe";
  const ContentItem* item =
      step.message.content.empty() ? nullptr : find_item(ws.content, step.message.content);
  v.content_link = item != nullptr && !item->url.empty() ? item->url : v.booking_link;
  return v;
}

std::string fill(std::string_view text, const FieldValues& values) {
  std::string out;
  out.reserve(text.size() + 64);
  for (const auto& token : tokenize_template(text)) {
    if (token.kind == TemplateTokenKind::field) {
      const std::string* value = values.get(token.text);
      out += value != nullptr ? *value : std::string(text.substr(token.offset, token.length));
    } else {
      out += token.text;
    }
  }
  return out;
}

std::string can_spam_footer(const PracticeProfile& p, const FieldValues& v) {
  std::string out = "\n\n--\n";
  if (!trim(p.name).empty()) out += std::string(trim(p.name)) + "\n";
  if (!v.practice_address.empty()) out += v.practice_address + "\n";
  if (!v.unsubscribe_link.empty()) {
    out += "To unsubscribe from these emails: " + v.unsubscribe_link;
  } else {
    out += "To unsubscribe from these emails, reply with the word \"unsubscribe\".";
  }
  return out;
}

}  // namespace

std::optional<UnixMillis> next_appointment(const Workspace& ws, LeadId lead, UnixMillis now) {
  if (const auto a = find_next_appointment(ws, lead, now)) return a->at;
  return std::nullopt;
}

std::string lead_treatment(const Workspace& ws, LeadId lead, UnixMillis now) {
  if (const auto a = find_next_appointment(ws, lead, now); a && !a->service.empty()) return a->service;
  std::string latest;
  for (const std::uint32_t pos : ws.events.of_lead(lead)) {
    if (ws.events.type(pos) != EventType::appointment_booked || ws.events.at(pos) > now) continue;
    const std::string_view service = ws.events.view(pos).service;
    if (!service.empty()) latest = service;  // time order: the last one wins
  }
  if (!latest.empty()) return latest;
  if (const auto row = ws.leads.find(lead)) {
    Lead l;
    ws.leads.read(*row, LeadField::interests, l);
    if (!l.interests.empty()) return l.interests.front();
  }
  return {};
}

std::string practice_address_line(const PracticeProfile& p) {
  if (trim(p.street).empty()) return {};
  std::string out(trim(p.street));
  if (!trim(p.city).empty()) out += ", " + std::string(trim(p.city));
  const std::string_view state = trim(p.state);
  const std::string_view zip = trim(p.zip);
  if (!state.empty() || !zip.empty()) {
    out += ", ";
    out += state;
    if (!state.empty() && !zip.empty()) out += ' ';
    out += zip;
  }
  const std::string_view country = trim(p.country);
  if (!country.empty() && country != "US") out += ", " + std::string(country);
  return out;
}

std::string display_phone(std::string_view e164) {
  const bool us = e164.size() == 12 && e164.substr(0, 2) == "+1";
  if (!us) return std::string(e164);
  for (std::size_t i = 2; i < e164.size(); ++i) {
    if (e164[i] < '0' || e164[i] > '9') return std::string(e164);
  }
  std::string out = "(";
  out += e164.substr(2, 3);
  out += ") ";
  out += e164.substr(5, 3);
  out += '-';
  out += e164.substr(8, 4);
  return out;
}

RenderedMessage render_touch(const Workspace& ws, const Sequence& sequence, const Step& step, LeadId lead,
                             const RenderContext& context) {
  (void)sequence;  // part of the contract: a later rule may depend on the sequence as a whole
  const std::string treatment = lead_treatment(ws, lead, context.now);
  const auto [subject, body] = choose_template(ws, step.message, treatment);
  const FieldValues values = field_values(ws, step, lead, context, treatment);
  RenderedMessage out;
  if (step.channel == StepChannel::email) out.subject = fill(subject, values);
  out.body = fill(body, values);
  if (step.channel == StepChannel::text && context.first_text && !has_stop_wording(out.body)) {
    out.body += '\n';
    if (!trim(ws.practice.name).empty()) out.body += std::string(trim(ws.practice.name)) + ": ";
    out.body += "Reply STOP to opt out, HELP for help. Msg & data rates may apply.";
  }
  const bool marketing = step.message.purpose != MessagePurpose::reminder;
  if (step.channel == StepChannel::email && marketing) {
    const bool has_address =
        !values.practice_address.empty() && out.body.find(values.practice_address) != std::string::npos;
    if (!has_address || !mentions_unsubscribe(out.body)) out.body += can_spam_footer(ws.practice, values);
  }
  return out;
}

}  // namespace nurture
