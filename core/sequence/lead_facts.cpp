#include "core/sequence/lead_facts.hpp"

#include <algorithm>
#include <string_view>

#include "core/util/time_units.hpp"

namespace nurture {

namespace {

// "YYYY-MM-DDTHH:MM:SSZ", exactly what format_iso8601_utc writes (the demo's appointment_at).
std::optional<UnixMillis> parse_utc(std::string_view s) {
  if (s.size() != 20 || s[10] != 'T' || s[13] != ':' || s[16] != ':' || s[19] != 'Z') return std::nullopt;
  const auto date = parse_date(s.substr(0, 10));
  if (!date) return std::nullopt;
  const auto two = [&](std::size_t i) {
    const char a = s[i];
    const char b = s[i + 1];
    if (a < '0' || a > '9' || b < '0' || b > '9') return -1;
    return (a - '0') * 10 + (b - '0');
  };
  const int h = two(11);
  const int m = two(14);
  const int sec = two(17);
  if (h < 0 || h > 23 || m < 0 || m > 59 || sec < 0 || sec > 59) return std::nullopt;
  return days_from_civil(*date) * k_day_ms + std::int64_t{h * 3600 + m * 60 + sec} * 1000;
}

// The event's "appointment_at" property, when it has one that parses.
std::optional<UnixMillis> appointment_at(const EventLog& log, std::uint32_t pos) {
  for (std::size_t i = 0; i < log.property_count(pos); ++i) {
    const auto [k, v] = log.property(pos, i);
    if (k == "appointment_at") return parse_utc(v);
  }
  return std::nullopt;
}

std::string segment_label(const Workspace& ws, const std::string& id) {
  for (const SavedSegment& s : ws.segments) {
    if (s.id == id) return s.name;
  }
  return id;
}

}  // namespace

std::optional<UnixMillis> first_after(const std::vector<UnixMillis>& v, UnixMillis after, UnixMillis upto) {
  const auto it = std::upper_bound(v.begin(), v.end(), after);
  if (it == v.end() || *it > upto) return std::nullopt;
  return *it;
}

void read_lead_fields(const LeadStore& leads, std::uint32_t row, LeadFacts& f) {
  f.row = row;
  f.lead.id = leads.id(row);
  for (const LeadField field :
       {LeadField::email, LeadField::phone, LeadField::street, LeadField::state, LeadField::zip,
        LeadField::country, LeadField::time_zone, LeadField::stage, LeadField::do_not_contact}) {
    leads.read(row, field, f.lead);
  }
}

// The lead's events up to now, read on first use: sequences without waits, event goals or
// appointment timings never touch the event log.
const LeadFacts& read_events(const EventLog& log, UnixMillis now, LeadFacts& f) {
  if (f.events_read) return f;
  f.events_read = true;
  for (const std::uint32_t pos : log.of_lead(f.lead.id)) {
    const UnixMillis at = log.at(pos);
    if (at > now) continue;  // not known yet at `now`
    switch (log.type(pos)) {
      case EventType::email_opened:
        f.opens.push_back(at);
        break;
      case EventType::email_clicked:
        f.clicks.push_back(at);
        break;
      case EventType::email_replied:
      case EventType::text_replied:
        f.replies.push_back(at);
        break;
      case EventType::unsubscribed:
        f.unsubscribes.push_back(at);
        break;
      case EventType::appointment_attended:
        f.attended.push_back(at);
        break;
      case EventType::appointment_booked:
        f.bookings.push_back(at);
        f.appointments.push_back(Appointment{appointment_at(log, pos).value_or(at), at});
        break;
      case EventType::appointment_cancelled:
        // The log is in time order, so f.appointments holds, in booking order, the bookings
        // made up to this cancellation that are still live.
        cancel_booking(f.appointments, appointment_at(log, pos));
        break;
      default:
        break;
    }
  }
  std::stable_sort(f.appointments.begin(), f.appointments.end(),
                   [](const Appointment& a, const Appointment& b) { return a.at < b.at; });
  f.replies.insert(f.replies.end(), f.touch_replies.begin(), f.touch_replies.end());
  f.bookings.insert(f.bookings.end(), f.touch_bookings.begin(), f.touch_bookings.end());
  std::sort(f.replies.begin(), f.replies.end());
  std::sort(f.bookings.begin(), f.bookings.end());
  return f;
}

std::optional<EnrollmentExit> goal_exit(const Workspace& ws, UnixMillis now, const Enrollment& e,
                                        const Sequence& s, LeadFacts& f) {
  std::optional<EnrollmentExit> best;
  const auto consider = [&](std::optional<UnixMillis> at, std::string reason) {
    if (at && (!best || *at < best->at)) best = EnrollmentExit{e.key, std::move(reason), *at};
  };
  const UnixMillis from = e.enrolled_at;
  for (const Goal& g : s.goals) {
    switch (g.kind) {
      case GoalKind::booked:
        consider(first_after(read_events(ws.events, now, f).bookings, from, now),
                 "goal met: booked an appointment");
        break;
      case GoalKind::replied:
        consider(first_after(read_events(ws.events, now, f).replies, from, now), "goal met: replied");
        break;
      case GoalKind::unsubscribed: {
        consider(first_after(read_events(ws.events, now, f).unsubscribes, from, now),
                 "goal met: unsubscribed");
        const auto& dnc = f.lead.do_not_contact;
        bool all = true;
        UnixMillis last = from;
        for (const Channel c : {Channel::email, Channel::sms, Channel::call}) {
          const auto it =
              std::find_if(dnc.begin(), dnc.end(), [&](const DoNotContact& d) { return d.channel == c; });
          if (it == dnc.end())
            all = false;
          else
            last = std::max(last, it->at);
        }
        if (all) consider(std::min(last, std::max(from, now)), "goal met: asked not to be contacted at all");
        break;
      }
      case GoalKind::reached_stage: {
        if (f.lead.stage < g.stage) break;
        // When the stage was last crossed upwards; before the enrolment counts as at it.
        UnixMillis at = from;
        Stage before = Stage::awareness;
        bool first = true;
        for (const StageChange& c : f.lead.stage_history) {
          if (c.stage >= g.stage && (first || before < g.stage)) at = std::max(from, c.at);
          before = c.stage;
          first = false;
        }
        consider(std::min(at, std::max(from, now)),
                 "goal met: reached the " + std::string(to_string(g.stage)) + " stage");
        break;
      }
      case GoalKind::left_segment: {
        const auto& h = ws.segment_history;
        auto it = std::lower_bound(h.begin(), h.end(), MembershipChange{g.segment, f.lead.id, 0, false});
        for (; it != h.end() && it->segment == g.segment && it->lead == f.lead.id; ++it) {
          if (!it->entered && it->at > from && it->at <= now) {
            consider(it->at, "goal met: left the segment " + segment_label(ws, g.segment));
            break;
          }
        }
        break;
      }
    }
  }
  return best;
}

}  // namespace nurture
