#include "core/import/event_import.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <unordered_set>
#include <utility>

#include "core/import/lead_row.hpp"
#include "core/import/mapping.hpp"
#include "core/import/opt_out.hpp"
#include "core/model/contact.hpp"
#include "core/util/text.hpp"

namespace nurture {

namespace {

constexpr std::array<std::string_view, k_event_field_count> k_event_field_names = {
    "ignore",   "email", "phone",  "external_id", "action", "at",      "date",    "time_of_day",
    "campaign", "url",   "status", "service",     "amount", "content", "seconds", "property"};

using E = EventField;

constexpr std::pair<std::string_view, EventField> k_event_synonyms[] = {
    {"email", E::email},
    {"emailaddress", E::email},
    {"recipient", E::email},
    {"subscriber", E::email},
    {"phone", E::phone},
    {"phonenumber", E::phone},
    {"mobile", E::phone},
    {"mobilephone", E::phone},
    {"externalid", E::external_id},
    {"recordid", E::external_id},
    {"leadid", E::external_id},
    {"contactid", E::external_id},
    {"visitorid", E::external_id},
    {"action", E::action},
    {"activity", E::action},
    {"event", E::action},
    {"eventtype", E::action},
    {"timestamp", E::at},
    {"time", E::at},
    {"datetime", E::at},
    {"occurredat", E::at},
    {"opentime", E::at},
    {"clicktime", E::at},
    {"viewedat", E::at},
    {"date", E::date},
    {"appointmentdate", E::date},
    {"bookingdate", E::date},
    {"starttime", E::time_of_day},
    {"appointmenttime", E::time_of_day},
    {"campaign", E::campaign},
    {"campaignname", E::campaign},
    {"campaigntitle", E::campaign},
    {"url", E::url},
    {"link", E::url},
    {"clickedurl", E::url},
    {"status", E::status},
    {"appointmentstatus", E::status},
    {"service", E::service},
    {"treatment", E::service},
    {"appointmenttype", E::service},
    {"revenue", E::amount},
    {"price", E::amount},
    {"amount", E::amount},
    {"total", E::amount},
    {"page", E::content},
    {"content", E::content},
    {"pageurl", E::content},
    {"contentid", E::content},
    {"seconds", E::seconds},
    {"duration", E::seconds},
    {"timeonpage", E::seconds},
    {"engagementtime", E::seconds},
};

/// Columns holding a reply's words: property "text", which opt-out detection reads.
constexpr std::string_view k_text_synonyms[] = {"text",      "message",   "body",        "reply",
                                                "replytext", "replybody", "messagebody", "messagetext",
                                                "sms",       "smsbody",   "response",    "responsetext"};

constexpr std::pair<std::string_view, EventType> k_actions[] = {
    {"textreply", EventType::text_replied},    {"textreplied", EventType::text_replied},
    {"smsreply", EventType::text_replied},     {"smsreplied", EventType::text_replied},
    {"open", EventType::email_opened},         {"opened", EventType::email_opened},
    {"click", EventType::email_clicked},       {"clicked", EventType::email_clicked},
    {"sent", EventType::email_sent},           {"delivered", EventType::email_sent},
    {"bounce", EventType::email_bounced},      {"bounced", EventType::email_bounced},
    {"hardbounce", EventType::email_bounced},  {"unsubscribe", EventType::unsubscribed},
    {"unsubscribed", EventType::unsubscribed}, {"reply", EventType::email_replied},
    {"replied", EventType::email_replied},
};

constexpr std::pair<std::string_view, EventType> k_appointment_statuses[] = {
    {"booked", EventType::appointment_booked},       {"scheduled", EventType::appointment_booked},
    {"confirmed", EventType::appointment_booked},    {"attended", EventType::appointment_attended},
    {"completed", EventType::appointment_attended},  {"showed", EventType::appointment_attended},
    {"checkedout", EventType::appointment_attended}, {"noshow", EventType::appointment_no_show},
    {"missed", EventType::appointment_no_show},      {"cancelled", EventType::appointment_cancelled},
    {"canceled", EventType::appointment_cancelled},
};

template <std::size_t N>
std::optional<EventType> lookup(const std::pair<std::string_view, EventType> (&table)[N],
                                std::string_view text) {
  const std::string n = normalize_header(text);
  for (const auto& [word, type] : table) {
    if (word == n) return type;
  }
  if (auto t = parse_event_type(ascii_lower(trim(text)))) return t;
  return std::nullopt;
}

bool has_field(const std::vector<EventColumn>& mapping, EventField f) {
  return std::any_of(mapping.begin(), mapping.end(), [&](const EventColumn& c) { return c.field == f; });
}

std::string event_summary_of(const ImportReport& r) {
  std::string s =
      "Logged " + count_noun(r.added, "event", "events") + " from " + count_noun(r.rows, "row", "rows");
  if (r.opt_outs > 0) s += "; " + count_noun(r.opt_outs, "opt-out honoured", "opt-outs honoured");
  if (r.unmatched > 0) s += "; " + format_thousands(r.unmatched) + " without a matching lead";
  if (r.skipped > 0) s += "; " + format_thousands(r.skipped) + " skipped";
  if (r.errors > 0) s += "; " + format_thousands(r.errors) + " with errors";
  return s;
}

/// A reply as shown in a do-not-contact reason: white space collapsed, at most 60 bytes (cut
/// on a character boundary) and an ellipsis.
std::string excerpt(std::string_view text) {
  std::string out;
  for (const char c : text) {
    const bool space = c == ' ' || c == '\t' || c == '\n' || c == '\r';
    if (space) {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += c == '"' ? '\'' : c;
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  constexpr std::size_t k_max = 60;
  if (out.size() <= k_max) return out;
  std::size_t cut = k_max;
  while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0U) == 0x80U) --cut;
  out.resize(cut);
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out + "\xE2\x80\xA6";
}

/// "Zoë Martin (zoe@example.com)", else the email or phone, else the id.
std::string lead_label(const Lead& lead) {
  std::string name = lead.first_name;
  if (!lead.last_name.empty()) name += (name.empty() ? "" : " ") + lead.last_name;
  const std::string& contact = lead.email.empty() ? lead.phone : lead.email;
  if (name.empty()) return contact.empty() ? to_string(lead.id) : contact;
  return contact.empty() ? name : name + " (" + contact + ")";
}

}  // namespace

std::string_view to_string(EventFormat format) {
  switch (format) {
    case EventFormat::automatic:
      return "auto";
    case EventFormat::mailing:
      return "mailing";
    case EventFormat::bookings:
      return "bookings";
    case EventFormat::content:
      return "content";
  }
  return {};
}

std::optional<EventFormat> parse_event_format(std::string_view text) {
  for (const auto f :
       {EventFormat::automatic, EventFormat::mailing, EventFormat::bookings, EventFormat::content}) {
    if (to_string(f) == text) return f;
  }
  return std::nullopt;
}

std::string to_string(const EventColumn& column) {
  if (column.field == EventField::property) return "property:" + column.property;
  return std::string(k_event_field_names[static_cast<std::size_t>(column.field)]);
}

std::optional<EventColumn> parse_event_column(std::string_view text) {
  text = trim(text);
  if (text.substr(0, 9) == "property:") {
    const auto name = trim(text.substr(9));
    if (name.empty()) return std::nullopt;
    return EventColumn{EventField::property, std::string(name)};
  }
  for (std::size_t i = 0; i + 1 < k_event_field_names.size(); ++i) {
    if (k_event_field_names[i] == text) return EventColumn{static_cast<EventField>(i), {}};
  }
  return std::nullopt;
}

std::vector<std::string_view> event_field_names() {
  return {k_event_field_names.begin(), k_event_field_names.end()};
}

EventFormat detect_event_format(const std::vector<std::string>& header) {
  const auto mapping = auto_map_events(header);
  if (has_field(mapping, EventField::action)) return EventFormat::mailing;
  if (has_field(mapping, EventField::status) || has_field(mapping, EventField::service))
    return EventFormat::bookings;
  if (has_field(mapping, EventField::content) || has_field(mapping, EventField::seconds))
    return EventFormat::content;
  return EventFormat::mailing;
}

std::vector<EventColumn> auto_map_events(const std::vector<std::string>& header) {
  std::vector<EventColumn> out;
  for (const auto& column : header) {
    const std::string n = normalize_header(column);
    EventColumn target;
    for (const auto& [name, field] : k_event_synonyms) {
      if (name == n) target.field = field;
    }
    for (const auto name : k_text_synonyms) {
      if (name == n && target.field == EventField::ignore) target = EventColumn{EventField::property, "text"};
    }
    out.push_back(target);
  }
  return out;
}

EventImport::EventImport(std::string_view text, EventImportOptions options)
    : m_job(text, options.delimiter), m_options(std::move(options)) {
  if (!m_job.read_header()) return;
  m_mapping = m_options.mapping ? *m_options.mapping : auto_map_events(m_job.header);
  m_mapping.resize(m_job.header.size());
  m_format =
      m_options.format == EventFormat::automatic ? detect_event_format(m_job.header) : m_options.format;
  for (const auto& item : m_options.overrides) {
    const auto eq = item.rfind('=');
    const auto target = eq == std::string::npos ? std::nullopt : parse_event_column(item.substr(eq + 1));
    if (!target) {
      m_job.status = Status::failure("--map " + item + ": expected COLUMN=FIELD with an event field");
      break;
    }
    const std::string column = normalize_header(item.substr(0, eq));
    const auto it = std::find_if(m_job.header.begin(), m_job.header.end(), [&](const std::string& h) {
      return trim(h) == trim(std::string_view(item).substr(0, eq)) || normalize_header(h) == column;
    });
    if (it == m_job.header.end()) {
      m_job.status = Status::failure("--map " + item + ": the file has no such column");
      break;
    }
    m_mapping[static_cast<std::size_t>(it - m_job.header.begin())] = *target;
  }
  if (m_job.status.ok() && !has_field(m_mapping, EventField::email) &&
      !has_field(m_mapping, EventField::phone) && !has_field(m_mapping, EventField::external_id)) {
    m_job.status = Status::failure("No column identifies the lead (email, phone or external_id)");
  }
  if (m_job.status.ok() && !has_field(m_mapping, EventField::at) && !has_field(m_mapping, EventField::date)) {
    m_job.status = Status::failure("No column holds the time of the events (at or date)");
  }
  if (m_job.status.ok() && m_format == EventFormat::mailing && !has_field(m_mapping, EventField::action)) {
    m_job.status = Status::failure("A mailing report needs an action column (opened, clicked…)");
  }
  if (!m_job.status.ok()) m_job.done = true;
}

std::optional<LeadId> EventImport::find_lead(const Workspace& ws, const std::string& email,
                                             const std::string& phone, const std::string& external_id,
                                             std::string& tried) {
  if (!email.empty()) {
    tried = "email " + email;
    if (auto e = normalize_email(email)) {
      const auto rows = ws.leads.find_by_email(*e);
      if (!rows.empty()) return ws.leads.id(rows.front());
    }
  }
  if (!phone.empty()) {
    tried += (tried.empty() ? "phone " : ", phone ") + phone;
    if (auto p = normalize_phone(phone, m_default_country)) {
      const auto rows = ws.leads.find_by_phone(*p);
      if (!rows.empty()) return ws.leads.id(rows.front());
    }
  }
  if (!external_id.empty()) {
    tried += (tried.empty() ? "external id " : ", external id ") + external_id;
    if (!m_by_external_id) {
      // Built once, on the first row that needs it: one pass over the live leads.
      m_by_external_id.emplace();
      ws.leads.for_each_live([&](std::uint32_t row) {
        const Lead lead = ws.leads.get(row);
        if (auto it = lead.custom_fields.find("external_id"); it != lead.custom_fields.end()) {
          m_by_external_id->emplace(it->second, lead.id);
        }
      });
    }
    if (auto it = m_by_external_id->find(external_id); it != m_by_external_id->end()) return it->second;
  }
  return std::nullopt;
}

void EventImport::process(const Workspace& ws, const CsvRecord& record) {
  const std::size_t row = ++m_report.rows;
  const auto error = [&](std::string message) {
    ++m_report.errors;
    note(m_report.error_rows, row, record.line, std::move(message));
  };
  const auto skip = [&](std::string message) {
    ++m_report.skipped;
    note(m_report.skipped_rows, row, record.line, std::move(message));
  };
  if (!record.error.empty()) return error("malformed record: " + record.error);
  std::string email, phone, external_id, action, at, date, time_of_day, status;
  Event e;
  bool any = false;
  for (std::size_t i = 0; i < record.fields.size() && i < m_mapping.size(); ++i) {
    const EventColumn& column = m_mapping[i];
    const std::string value = detail::normalize_newlines(detail::unneutralize(trim(record.fields[i])));
    if (column.field == EventField::ignore || value.empty()) continue;
    any = true;
    if (!is_valid_utf8(value) || value.size() > 10000) {
      return error("column " + std::to_string(i + 1) + " (" + to_string(column) + ") is not valid text");
    }
    const auto first = [&](std::string& slot) {
      if (slot.empty()) slot = value;
    };
    switch (column.field) {
      case EventField::ignore:
        break;
      case EventField::email:
        first(email);
        break;
      case EventField::phone:
        first(phone);
        break;
      case EventField::external_id:
        first(external_id);
        break;
      case EventField::action:
        first(action);
        break;
      case EventField::at:
        first(at);
        break;
      case EventField::date:
        first(date);
        break;
      case EventField::time_of_day:
        first(time_of_day);
        break;
      case EventField::status:
        first(status);
        break;
      case EventField::campaign:
        e.properties.emplace_back("campaign", value);
        break;
      case EventField::url:
      case EventField::content:
        if (e.content.empty()) e.content = value;
        break;
      case EventField::service:
        if (e.service.empty()) e.service = value;
        break;
      case EventField::amount: {
        const auto cents = parse_amount_cents(value);
        if (!cents) return error("amount \"" + value + "\" is not an amount of money");
        e.amount_cents = *cents;
        break;
      }
      case EventField::seconds: {
        const auto secs = parse_duration_seconds(value);
        if (!secs) return error("duration \"" + value + "\" is not a number of seconds");
        e.seconds = *secs;
        break;
      }
      case EventField::property:
        e.properties.emplace_back(column.property, value);
        break;
    }
  }
  if (!any) return skip("empty row");
  // The event type: the action, else the booking status, else the file's kind.
  if (!action.empty()) {
    const auto t = lookup(k_actions, action);
    if (!t) return skip("action \"" + action + "\" is not one Nurture logs");
    e.type = *t;
  } else if (!status.empty()) {
    const auto t = lookup(k_appointment_statuses, status);
    if (!t) return skip("status \"" + status + "\" is not one Nurture logs");
    e.type = *t;
  } else if (m_format == EventFormat::content) {
    e.type = EventType::content_viewed;
  } else if (m_format == EventFormat::bookings) {
    e.type = EventType::appointment_booked;
  } else {
    return error("has no action");
  }
  // The time: a full timestamp, else date plus time of day (an "at" holding only a time
  // counts as the time of day).
  const int offset = m_options.utc_offset_minutes;
  std::optional<UnixMillis> when;
  if (!at.empty()) when = parse_timestamp(at, m_options.date_order, offset);
  if (!when && !date.empty()) {
    const std::string& tod = time_of_day.empty() && !at.empty() ? at : time_of_day;
    const auto day = parse_spreadsheet_date(date, m_options.date_order);
    const auto secs = tod.empty() ? std::optional<std::int64_t>(0) : parse_time_of_day(tod);
    if (day && secs) when = days_from_civil(*day) * 86'400'000 + *secs * 1000 - std::int64_t{offset} * 60000;
  }
  if (!when) {
    const std::string shown = at.empty() ? date + (time_of_day.empty() ? "" : " " + time_of_day) : at;
    return error(shown.empty() ? "has no date" : "\"" + shown + "\" is not a date and time");
  }
  if (*when < k_earliest_event) return error("the time " + format_iso8601_utc(*when) + " is before 2000");
  if (*when > m_options.now + k_event_future_slack) {
    return error("the time " + format_iso8601_utc(*when) + " is in the future");
  }
  e.at = *when;
  std::string tried;
  const auto lead = find_lead(ws, email, phone, external_id, tried);
  if (!lead) {
    ++m_report.unmatched;
    note(m_report.skipped_rows, row, record.line,
         "no lead with " + (tried.empty() ? "these details" : tried));
    return;
  }
  e.lead = *lead;
  // Re-importing the same report logs nothing twice.
  auto key = std::make_tuple(lead->value, e.at, static_cast<std::uint8_t>(e.type), e.content);
  if (m_seen.count(key) != 0) return skip("the same event appears earlier in the file");
  for (const auto pos : ws.events.of_lead(*lead)) {
    if (ws.events.at(pos) == e.at && ws.events.type(pos) == e.type &&
        ws.events.get(pos).content == e.content) {
      return skip("already logged");
    }
  }
  m_seen.insert(std::move(key));
  honour_opt_out(ws, e, row, record.line);
  m_events.push_back(std::move(e));
  ++m_report.added;
}

void EventImport::honour_opt_out(const Workspace& ws, const Event& e, std::size_t row, std::size_t line) {
  const std::string date = format_iso8601_utc(e.at).substr(0, 10);
  std::vector<Channel> channels;
  std::string reason;
  if (e.type == EventType::unsubscribed) {
    channels = {Channel::email};
    reason = "unsubscribed (" + date + ")";
  } else if (e.type == EventType::email_replied || e.type == EventType::text_replied) {
    const auto text = std::find_if(e.properties.begin(), e.properties.end(),
                                   [](const auto& p) { return p.first == "text"; });
    if (text == e.properties.end()) return;
    const ReplyIntent intent = classify_reply(text->second);
    if (intent == ReplyIntent::none) return;
    if (intent == ReplyIntent::opt_out_all) {
      channels = {Channel::email, Channel::sms, Channel::call};
    } else {
      channels = {e.type == EventType::text_replied ? Channel::sms : Channel::email};
    }
    reason = "replied \"" + excerpt(text->second) + "\" (" + date + ")";
  } else {
    return;
  }
  const auto at = ws.leads.find(e.lead);
  if (!at) return;
  const Lead lead = ws.leads.get(*at);
  std::string honoured, kept;
  for (const Channel c : channels) {
    const auto same = [&](const DoNotContact& d) { return d.channel == c; };
    if (m_blocked.count({e.lead.value, c}) != 0) continue;
    if (std::any_of(lead.do_not_contact.begin(), lead.do_not_contact.end(), same)) continue;
    // A practitioner who cleared do-not-contact after this reply (the lead opted back in)
    // has the last word: an old reply imported late does not undo that.
    const auto cleared =
        std::find_if(lead.do_not_contact_cleared.begin(), lead.do_not_contact_cleared.end(), same);
    if (cleared != lead.do_not_contact_cleared.end() && cleared->at > e.at) {
      kept += (kept.empty() ? "" : ", ") + std::string(to_string(c));
      continue;
    }
    m_blocked.insert({e.lead.value, c});
    m_opt_outs.push_back(SetDoNotContact{e.lead, c, true, reason, e.at, LedgerSource::unsubscribe});
    honoured += (honoured.empty() ? "" : ", ") + std::string(to_string(c));
  }
  const std::string who = lead_label(lead);
  if (!kept.empty()) {
    note(m_report.warnings, row, line,
         "opt-out not applied to " + who + " on " + kept + ": do-not-contact was cleared after " + reason);
  }
  if (honoured.empty()) return;
  ++m_report.opt_outs;
  note(m_report.warnings, row, line,
       "opt-out honoured: " + who + " is now do-not-contact on " + honoured + ", " + reason);
}

ImportProgress EventImport::step(const Workspace& ws, std::size_t max_rows) {
  if (m_job.begin_step(ws)) {
    m_default_country = ws.practice.country.empty() ? std::string("US") : ws.practice.country;
  }
  m_job.read_rows(max_rows, [&](const CsvRecord& record) { process(ws, record); });
  return m_job.progress(m_report.rows);
}

Expected<EventImportPlan> EventImport::finish(const Workspace& ws) {
  while (!m_job.done) step(ws, 4096);
  if (!m_job.status.ok()) return Error{m_job.status.message};
  if (ws.revision != m_job.revision)
    return Error{"The workspace changed during the import; start the import again"};
  EventImportPlan plan;
  plan.format = m_format;
  plan.mapping = m_mapping;
  plan.report = m_report;
  plan.command.summary = event_summary_of(m_report);
  if (m_events.empty()) return plan;
  if (!m_options.next_id) return Error{"The import needs an id generator"};
  std::unordered_set<std::uint64_t> ids;
  const auto fresh = [&](std::uint64_t id) { return id != 0 && ids.count(id) == 0; };
  for (auto& e : m_events) {
    std::uint64_t id = 0;
    for (int tries = 0; !fresh(id); ++tries) {
      if (tries > 1000) return Error{"The id generator keeps returning ids that are taken"};
      id = m_options.next_id();
    }
    ids.insert(id);
    e.id = EventId{id};
  }
  if (ws.events.contains_any(ids)) {
    // Rare: a generated id is already logged. Replace just those.
    std::unordered_set<std::uint64_t> taken;
    for (std::uint32_t pos = 0; pos < ws.events.size(); ++pos) {
      if (ids.count(ws.events.id(pos).value) != 0) taken.insert(ws.events.id(pos).value);
    }
    for (auto& e : m_events) {
      if (taken.count(e.id.value) == 0) continue;
      std::uint64_t id = 0;
      for (int tries = 0; !fresh(id) || taken.count(id) != 0 || ws.events.find(EventId{id}); ++tries) {
        if (tries > 1000) return Error{"The id generator keeps returning ids that are taken"};
        id = m_options.next_id();
      }
      ids.insert(id);
      e.id = EventId{id};
    }
  }
  plan.command.commands.emplace_back(AddEvents{m_events, m_options.now});
  for (const auto& c : m_opt_outs) plan.command.commands.emplace_back(c);
  return plan;
}

Expected<EventImportPlan> plan_event_import(std::string_view text, const Workspace& ws,
                                            EventImportOptions options) {
  EventImport job(text, std::move(options));
  if (!job.status().ok()) return Error{job.status().message};
  return job.finish(ws);
}

}  // namespace nurture
