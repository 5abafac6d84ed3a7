#include "core/model/lead_types.hpp"

#include <algorithm>
#include <type_traits>

namespace nurture {

namespace {

constexpr std::array<std::string_view, k_stage_count> k_stages = {"awareness", "consideration", "conversion",
                                                                  "patient", "retained"};
constexpr std::array<std::string_view, k_channel_count> k_channels = {"email", "sms", "call"};
constexpr std::array<std::string_view, k_gender_count> k_genders = {"unknown", "female", "male", "nonbinary"};
constexpr std::array<std::string_view, k_stage_cause_count> k_stage_causes = {"imported", "manual", "rule"};
constexpr std::array<std::string_view, k_purpose_count> k_consent_purposes = {"marketing", "treatment"};
constexpr std::array<std::string_view, k_event_type_count> k_event_types = {"email_sent",
                                                                            "email_opened",
                                                                            "email_clicked",
                                                                            "email_replied",
                                                                            "email_bounced",
                                                                            "unsubscribed",
                                                                            "text_sent",
                                                                            "text_replied",
                                                                            "call",
                                                                            "form_submitted",
                                                                            "content_viewed",
                                                                            "appointment_booked",
                                                                            "appointment_attended",
                                                                            "appointment_no_show",
                                                                            "appointment_cancelled",
                                                                            "purchase",
                                                                            "review"};
constexpr std::array<std::string_view, k_lead_field_count> k_fields = {
    "first_name", "last_name", "email",          "phone",     "birth_date", "age",           "gender",
    "street",     "city",      "state",          "zip",       "country",    "time_zone",     "source",
    "campaign",   "ad",        "form",           "interests", "tags",       "custom_fields", "notes",
    "stage",      "consent",   "do_not_contact", "created_at"};

template <class E, std::size_t N>
std::string_view name_of(const std::array<std::string_view, N>& names, E v) {
  const auto i = static_cast<std::size_t>(v);
  return i < N ? names[i] : std::string_view{};
}

template <class E, std::size_t N>
std::optional<E> parse_of(const std::array<std::string_view, N>& names, std::string_view text) {
  for (std::size_t i = 0; i < N; ++i) {
    if (names[i] == text) return static_cast<E>(i);
  }
  return std::nullopt;
}

std::string hex_id(char prefix, std::uint64_t v) {
  static constexpr char k_hex[] = "0123456789abcdef";
  std::string out(17, '0');
  out[0] = prefix;
  for (int i = 16; i >= 1; --i, v >>= 4) out[static_cast<std::size_t>(i)] = k_hex[v & 0xF];
  return out;
}

// Value of each byte as a hex digit, 0xFF for the others. A table, not a chain of range tests:
// the digits of a random id alternate unpredictably between 0-9 and a-f, and the mispredicted
// branches made id parsing ~10% of a workspace import.
constexpr std::array<std::uint8_t, 256> k_hex_digit = [] {
  std::array<std::uint8_t, 256> t{};
  for (auto& v : t) v = 0xFF;
  for (std::uint8_t d = 0; d < 10; ++d) t[std::size_t{'0'} + d] = d;
  for (std::uint8_t d = 0; d < 6; ++d) {
    t[std::size_t{'a'} + d] = static_cast<std::uint8_t>(10 + d);
    t[std::size_t{'A'} + d] = static_cast<std::uint8_t>(10 + d);
  }
  return t;
}();

std::optional<std::uint64_t> parse_hex_id(char prefix, std::string_view text) {
  if (text.size() != 17 || text[0] != prefix) return std::nullopt;
  std::uint64_t v = 0;
  unsigned bad = 0;  // 0xFF's high bit survives the OR: one test after the loop
  for (std::size_t i = 1; i < 17; ++i) {
    const unsigned d = k_hex_digit[static_cast<unsigned char>(text[i])];
    bad |= d;
    v = (v << 4) | (d & 0xF);
  }
  if ((bad & 0x80) != 0 || v == 0) return std::nullopt;
  return v;
}

// One place that knows which member holds which field, so equality, copying and "is set"
// cannot drift apart when a field is added.
template <class Fn>
auto visit_member(LeadField field, Fn&& fn) {
  switch (field) {
    case LeadField::first_name:
      return fn(&Lead::first_name);
    case LeadField::last_name:
      return fn(&Lead::last_name);
    case LeadField::email:
      return fn(&Lead::email);
    case LeadField::phone:
      return fn(&Lead::phone);
    case LeadField::birth_date:
      return fn(&Lead::birth_date);
    case LeadField::age:
      return fn(&Lead::age);
    case LeadField::gender:
      return fn(&Lead::gender);
    case LeadField::street:
      return fn(&Lead::street);
    case LeadField::city:
      return fn(&Lead::city);
    case LeadField::state:
      return fn(&Lead::state);
    case LeadField::zip:
      return fn(&Lead::zip);
    case LeadField::country:
      return fn(&Lead::country);
    case LeadField::time_zone:
      return fn(&Lead::time_zone);
    case LeadField::source:
      return fn(&Lead::source);
    case LeadField::campaign:
      return fn(&Lead::campaign);
    case LeadField::ad:
      return fn(&Lead::ad);
    case LeadField::form:
      return fn(&Lead::form);
    case LeadField::interests:
      return fn(&Lead::interests);
    case LeadField::tags:
      return fn(&Lead::tags);
    case LeadField::custom_fields:
      return fn(&Lead::custom_fields);
    case LeadField::notes:
      return fn(&Lead::notes);
    case LeadField::consent:
      return fn(&Lead::consent);
    case LeadField::do_not_contact:
      return fn(&Lead::do_not_contact);
    case LeadField::created_at:
      return fn(&Lead::created_at);
    case LeadField::stage:
      break;
  }
  return fn(&Lead::stage);
}

}  // namespace

std::string to_string(LeadId id) { return hex_id('L', id.value); }
std::string to_string(EventId id) { return hex_id('E', id.value); }
std::optional<LeadId> parse_lead_id(std::string_view text) {
  const auto v = parse_hex_id('L', text);
  if (!v) return std::nullopt;
  return LeadId{*v};
}
std::optional<EventId> parse_event_id(std::string_view text) {
  const auto v = parse_hex_id('E', text);
  if (!v) return std::nullopt;
  return EventId{*v};
}

std::string_view to_string(Stage v) { return name_of(k_stages, v); }
std::string_view to_string(Channel v) { return name_of(k_channels, v); }
std::string_view to_string(Gender v) { return name_of(k_genders, v); }
std::string_view to_string(Purpose v) { return name_of(k_consent_purposes, v); }
std::string_view to_string(EventType v) { return name_of(k_event_types, v); }
std::string_view to_string(StageCause v) { return name_of(k_stage_causes, v); }
std::string_view to_string(LeadField v) { return name_of(k_fields, v); }
std::optional<Stage> parse_stage(std::string_view t) { return parse_of<Stage>(k_stages, t); }
std::optional<Channel> parse_channel(std::string_view t) { return parse_of<Channel>(k_channels, t); }
std::optional<Gender> parse_gender(std::string_view t) { return parse_of<Gender>(k_genders, t); }
std::optional<Purpose> parse_purpose(std::string_view t) { return parse_of<Purpose>(k_consent_purposes, t); }
std::optional<StageCause> parse_stage_cause(std::string_view t) {
  return parse_of<StageCause>(k_stage_causes, t);
}
std::optional<EventType> parse_event_type(std::string_view t) {
  return parse_of<EventType>(k_event_types, t);
}

bool field_equal(const Lead& a, const Lead& b, LeadField field) {
  if (field == LeadField::stage) return a.stage == b.stage && a.stage_history == b.stage_history;
  if (field == LeadField::do_not_contact)
    return a.do_not_contact == b.do_not_contact && a.do_not_contact_cleared == b.do_not_contact_cleared;
  return visit_member(field, [&](auto member) { return a.*member == b.*member; });
}

bool field_is_set(const Lead& lead, LeadField field) {
  if (field == LeadField::stage) return lead.stage != Stage::awareness || !lead.stage_history.empty();
  if (field == LeadField::do_not_contact)
    return !lead.do_not_contact.empty() || !lead.do_not_contact_cleared.empty();
  // Compares with the member type's default value; no whole Lead is built (bulk loads call
  // this for every field of every row).
  return visit_member(field, [&](auto member) {
    using T = std::remove_cv_t<std::remove_reference_t<decltype(lead.*member)>>;
    return !(lead.*member == T{});
  });
}

void copy_field(Lead& to, const Lead& from, LeadField field) {
  if (field == LeadField::stage) {
    to.stage = from.stage;
    to.stage_history = from.stage_history;
    return;
  }
  if (field == LeadField::do_not_contact) {
    to.do_not_contact = from.do_not_contact;
    to.do_not_contact_cleared = from.do_not_contact_cleared;
    return;
  }
  visit_member(field, [&](auto member) { to.*member = from.*member; });
}

bool may_contact(const Lead& lead, Channel channel, Purpose purpose) {
  const bool blocked = std::any_of(lead.do_not_contact.begin(), lead.do_not_contact.end(),
                                   [&](const DoNotContact& d) { return d.channel == channel; });
  if (blocked) return false;
  return std::any_of(lead.consent.begin(), lead.consent.end(), [&](const ConsentRecord& c) {
    return c.channel == channel && c.purpose == purpose && c.granted;
  });
}

}  // namespace nurture
