#include <algorithm>
#include <array>

#include "core/commands/lead_apply.hpp"
#include "core/model/contact.hpp"
#include "core/util/text.hpp"

namespace nurture::detail {

namespace {

// Fields UpdateLead may change; stage, consent, do-not-contact and created_at have their own
// commands because each change there needs a date or evidence.
constexpr std::array<LeadField, 21> k_editable = {
    LeadField::first_name, LeadField::last_name, LeadField::email,    LeadField::phone,
    LeadField::birth_date, LeadField::age,       LeadField::gender,   LeadField::street,
    LeadField::city,       LeadField::state,     LeadField::zip,      LeadField::country,
    LeadField::time_zone,  LeadField::source,    LeadField::campaign, LeadField::ad,
    LeadField::form,       LeadField::interests, LeadField::tags,     LeadField::custom_fields,
    LeadField::notes};

constexpr std::size_t k_max_text = 10000;
constexpr std::uint8_t k_max_age = 120;

CommandResult failure(std::string message, std::vector<FieldError> errors) {
  return {false, std::move(message), std::move(errors)};
}

CommandResult no_such_lead() {
  return failure("No such lead", {{"id", "This lead does not exist or was deleted"}});
}

bool valid_date(const CivilDate& d) { return parse_date(format_date(d)).has_value(); }

// Normalises email and phone in place and reports every problem with the lead's details.
std::vector<FieldError> normalize_and_validate(Lead& lead, std::string_view default_country) {
  std::vector<FieldError> errors;
  const auto check_text = [&errors](const char* field, const std::string& value) {
    if (!is_valid_utf8(value)) {
      errors.push_back({field, "Contains characters that are not valid text"});
    } else if (value.size() > k_max_text) {
      errors.push_back({field, "Too long"});
    }
  };
  check_text("first_name", lead.first_name);
  check_text("last_name", lead.last_name);
  check_text("street", lead.street);
  check_text("city", lead.city);
  check_text("notes", lead.notes);
  if (lead.first_name.empty() && lead.last_name.empty() && lead.email.empty() && lead.phone.empty()) {
    errors.push_back({"name", "Enter a name, an email address or a phone number"});
  }
  if (!lead.email.empty()) {
    if (auto email = normalize_email(lead.email)) {
      lead.email = std::move(*email);
    } else {
      errors.push_back({"email", "\"" + lead.email + "\" is not an email address"});
    }
  }
  if (!lead.phone.empty()) {
    const std::string_view country = lead.country.empty() ? default_country : std::string_view(lead.country);
    if (auto phone = normalize_phone(lead.phone, country)) {
      lead.phone = std::move(*phone);
    } else {
      errors.push_back({"phone", "\"" + lead.phone + "\" is not a phone number that can be dialled"});
    }
  }
  if (lead.birth_date && !valid_date(*lead.birth_date)) errors.push_back({"birth_date", "Not a real date"});
  if (lead.age && *lead.age > k_max_age) errors.push_back({"age", "Age must be 0 to 120"});
  if (static_cast<std::size_t>(lead.gender) >= k_gender_count) errors.push_back({"gender", "Unknown gender"});
  if (static_cast<std::size_t>(lead.stage) >= k_stage_count) errors.push_back({"stage", "Unknown stage"});
  return errors;
}

std::string default_country(const Workspace& ws) {
  return ws.practice.country.empty() ? std::string("US") : ws.practice.country;
}

void save_for_undo(const Workspace& ws, std::uint32_t row, UndoStep* undo) {
  if (undo != nullptr) undo->inverse = UndoStep::LeadRow{row, false, ws.leads.save_row(row)};
}

}  // namespace

CommandResult run(Workspace& ws, const AddLead& c, HybridClock& clock, UndoStep* undo) {
  Lead lead = c.lead;
  auto errors = normalize_and_validate(lead, default_country(ws));
  if (lead.id.value == 0) {
    errors.insert(errors.begin(), {"id", "A new lead needs an id"});
  } else if (ws.leads.find_any(lead.id)) {
    errors.insert(errors.begin(), {"id", "A lead with this id already exists"});
  }
  if (!errors.empty())
    return failure("The lead has " + count_noun(errors.size(), "problem", "problems"), errors);
  if (lead.created_at == 0) lead.created_at = c.now;
  if (lead.stage_history.empty()) lead.stage_history.push_back({lead.stage, lead.created_at});
  const Stamp stamp = clock.tick(c.now);
  const auto row = ws.leads.append_row(lead, stamp);
  if (!lead.consent.empty() || !lead.do_not_contact.empty())
    ws.ledger.record_changes(Lead{}, ws.leads.get(row), stamp, c.source);
  if (undo != nullptr) undo->inverse = UndoStep::LeadRow{row, true, {}};
  ++ws.revision;
  return {true, "Lead added", {}};
}

CommandResult run(Workspace& ws, const UpdateLead& c, HybridClock& clock, UndoStep* undo) {
  const auto row = ws.leads.find(c.id);
  if (!row) return no_such_lead();
  const Lead current = ws.leads.get(*row);
  Lead wanted = current;
  for (const auto field : k_editable) copy_field(wanted, c.values, field);
  auto errors = normalize_and_validate(wanted, default_country(ws));
  if (!errors.empty())
    return failure("The lead has " + count_noun(errors.size(), "problem", "problems"), errors);
  std::vector<LeadField> changed;
  for (const auto field : k_editable) {
    if (!field_equal(current, wanted, field)) changed.push_back(field);
  }
  if (changed.empty()) return {true, "Nothing changed", {}};
  save_for_undo(ws, *row, undo);
  const Stamp stamp = clock.tick(c.now);
  for (const auto field : changed) ws.leads.set_field(*row, field, wanted, stamp);
  ++ws.revision;
  return {true, "Lead saved", {}};
}

CommandResult run(Workspace& ws, const DeleteLead& c, HybridClock& clock, UndoStep* undo) {
  const auto row = ws.leads.find(c.id);
  if (!row) return no_such_lead();
  save_for_undo(ws, *row, undo);
  ws.leads.set_deleted(*row, true, clock.tick(c.now));
  ++ws.revision;
  return {true, "Lead deleted", {}};
}

CommandResult run(Workspace& ws, const RestoreLead& c, HybridClock& clock, UndoStep* undo) {
  const auto row = ws.leads.find_any(c.id);
  if (!row) return no_such_lead();
  if (!ws.leads.is_deleted(*row))
    return failure("This lead is not deleted", {{"id", "This lead is not deleted"}});
  save_for_undo(ws, *row, undo);
  // A new decision with its own stamp, not an undo of the deletion: it has to beat the
  // deletion on every device this workspace's file reaches.
  ws.leads.set_deleted(*row, false, clock.tick(c.now));
  ++ws.revision;
  return {true, "Lead restored", {}};
}

CommandResult run(Workspace& ws, const SetStage& c, HybridClock& clock, UndoStep* undo) {
  const auto row = ws.leads.find(c.id);
  if (!row) return no_such_lead();
  if (static_cast<std::size_t>(c.stage) >= k_stage_count)
    return failure("Unknown stage", {{"stage", "Unknown stage"}});
  if (ws.leads.stage(*row) == c.stage) return {true, "Nothing changed", {}};
  Lead lead = ws.leads.get(*row);
  lead.stage = c.stage;
  lead.stage_history.push_back({c.stage, c.now, c.cause});
  save_for_undo(ws, *row, undo);
  ws.leads.set_field(*row, LeadField::stage, lead, clock.tick(c.now));
  ++ws.revision;
  return {true, "Stage set to " + std::string(to_string(c.stage)), {}};
}

CommandResult run(Workspace& ws, const SetConsent& c, HybridClock& clock, UndoStep* undo) {
  const auto row = ws.leads.find(c.id);
  if (!row) return no_such_lead();
  Lead lead = ws.leads.get(*row);
  const Lead before = lead;
  std::vector<FieldError> errors;
  if (c.method.empty()) errors.push_back({"method", "Say how consent was given or revoked"});
  if (!c.granted && c.reason.empty()) errors.push_back({"reason", "Say why consent was revoked"});
  const auto blocked = std::find_if(lead.do_not_contact.begin(), lead.do_not_contact.end(),
                                    [&](const DoNotContact& d) { return d.channel == c.channel; });
  if (c.granted && blocked != lead.do_not_contact.end()) {
    errors.push_back({"consent", "This lead asked not to be contacted by " +
                                     std::string(to_string(c.channel)) + " (" + blocked->reason +
                                     "); clear that first"});
  }
  if (!errors.empty()) return failure("Consent was not recorded", errors);
  ConsentRecord record{c.channel, c.purpose, c.granted, c.now, c.method, c.text, c.granted ? "" : c.reason};
  auto existing = std::find_if(lead.consent.begin(), lead.consent.end(), [&](const ConsentRecord& r) {
    return r.channel == c.channel && r.purpose == c.purpose;
  });
  if (existing != lead.consent.end()) {
    record.stamp = existing->stamp;  // the same record again is no change
    if (*existing == record) return {true, "Nothing changed", {}};
    record.stamp = Stamp{};  // stored with this command's stamp
    *existing = std::move(record);
  } else {
    lead.consent.push_back(std::move(record));
  }
  save_for_undo(ws, *row, undo);
  const Stamp stamp = clock.tick(c.now);
  ws.leads.set_field(*row, LeadField::consent, lead, stamp);
  ws.ledger.record_changes(before, lead, stamp, c.source);
  ++ws.revision;
  return {true, c.granted ? "Consent recorded" : "Consent revoked", {}};
}

CommandResult run(Workspace& ws, const SetDoNotContact& c, HybridClock& clock, UndoStep* undo) {
  const auto row = ws.leads.find(c.id);
  if (!row) return no_such_lead();
  if (c.blocked && c.reason.empty()) {
    return failure("Do-not-contact was not recorded",
                   {{"reason", "Say why the lead is not to be contacted"}});
  }
  Lead lead = ws.leads.get(*row);
  const Lead before = lead;
  auto& dnc = lead.do_not_contact;
  const auto existing =
      std::find_if(dnc.begin(), dnc.end(), [&](const DoNotContact& d) { return d.channel == c.channel; });
  bool consent_changed = false;
  auto& cleared = lead.do_not_contact_cleared;
  const auto same_channel = [&](const DoNotContact& d) { return d.channel == c.channel; };
  // Records built here have a zero stamp: set_field stores them with this command's stamp.
  if (c.blocked) {
    DoNotContact record{c.channel, c.reason, c.now};
    if (existing != dnc.end()) {
      *existing = record;
    } else {
      dnc.push_back(record);
    }
    cleared.erase(std::remove_if(cleared.begin(), cleared.end(), same_channel), cleared.end());
    // Opt-out wins: every consent on the channel is revoked, with the same reason as evidence.
    for (auto& consent : lead.consent) {
      if (consent.channel == c.channel && consent.granted) {
        consent = {consent.channel, consent.purpose, false, c.now, "do-not-contact", consent.text, c.reason};
        consent_changed = true;
      }
    }
  } else {
    if (existing == dnc.end()) return {true, "Nothing changed", {}};
    dnc.erase(existing);
    // The clear is kept as a stamped tombstone, so a merge with a file that still holds the
    // older do-not-contact keeps it cleared (docs/sync.md).
    cleared.erase(std::remove_if(cleared.begin(), cleared.end(), same_channel), cleared.end());
    cleared.push_back(DoNotContact{c.channel, c.reason, c.now});
  }
  save_for_undo(ws, *row, undo);
  const Stamp stamp = clock.tick(c.now);
  ws.leads.set_field(*row, LeadField::do_not_contact, lead, stamp);
  if (consent_changed) ws.leads.set_field(*row, LeadField::consent, lead, stamp);
  ws.ledger.record_changes(before, lead, stamp, c.source);
  ++ws.revision;
  return {true, c.blocked ? "Marked do-not-contact" : "Do-not-contact cleared", {}};
}

CommandResult run(Workspace& ws, const AddEvents& c, HybridClock& /*clock*/, UndoStep* undo) {
  constexpr std::size_t k_max_errors = 20;  // a bad import should not produce a million lines
  std::vector<FieldError> errors;
  std::unordered_set<std::uint64_t> ids;
  ids.reserve(c.events.size());
  for (std::size_t i = 0; i < c.events.size() && errors.size() < k_max_errors; ++i) {
    const Event& e = c.events[i];
    const std::string at = "events[" + std::to_string(i) + "].";
    if (e.id.value == 0) {
      errors.push_back({at + "id", "An event needs an id"});
    } else if (!ids.insert(e.id.value).second) {
      errors.push_back({at + "id", "The same event id appears twice in the batch"});
    }
    if (!ws.leads.find(e.lead)) errors.push_back({at + "lead", "No such lead"});
    if (static_cast<std::size_t>(e.type) >= k_event_type_count)
      errors.push_back({at + "type", "Unknown event type"});
    if (e.at < k_earliest_event || e.at > c.now + k_event_future_slack) {
      errors.push_back({at + "at", "The time " + format_iso8601_utc(e.at) + " is not plausible"});
    }
  }
  if (errors.empty() && ws.events.contains_any(ids)) {
    errors.push_back({"events", "Some of these events are already logged"});
  }
  if (!errors.empty()) return failure("The events were not logged", errors);
  if (c.events.empty()) return {true, "Nothing changed", {}};
  ws.events.add(c.events);
  if (undo != nullptr) undo->inverse = UndoStep::Events{std::move(ids)};
  ++ws.revision;
  return {true, count_noun(c.events.size(), "event", "events") + " logged", {}};
}

}  // namespace nurture::detail
