// The workspace reader: one lead (its fields, consent and do-not-contact records, stamps).

#include <algorithm>
#include <array>

#include "core/io/workspace_json_reader.hpp"
#include "core/model/contact.hpp"

namespace nurture::workspace_json_detail {

int find_lead_field(std::string_view key) {
  // The names are looked up once: to_string() is a call into another file for each of the 25
  // candidates of each key, which made this ~3% of a wasm import.
  static const std::array<std::string_view, k_lead_field_count> k_names = [] {
    std::array<std::string_view, k_lead_field_count> names;
    for (std::size_t f = 0; f < k_lead_field_count; ++f) names[f] = to_string(static_cast<LeadField>(f));
    return names;
  }();
  for (std::size_t f = 0; f < k_lead_field_count; ++f) {
    if (key == k_names[f]) return static_cast<int>(f);
  }
  return -1;
}

bool Reader::lead_value(const Value& v) {
  const int k = top().key;
  Lead& l = m_lead;
  std::int64_t n = 0;
  if (k < 0) return true;
  if (k == k_lead_id) {
    if (v.kind != Value::Kind::string) return fail("must be a lead id (a string)");
    const auto id = parse_lead_id(v.s);
    if (!id) return fail("\"" + std::string(v.s.substr(0, 40)) + "\" is not a lead id");
    l.id = *id;
    return true;
  }
  if (k == k_lead_stamp) return get_stamp(v, m_lead_stamp);
  if (k == k_lead_deleted) return get_bool(v, m_lead_deleted);
  if (k == k_lead_deleted_stamp) return get_stamp(v, m_lead_deleted_stamp);
  if (k == k_lead_stage_history || k == k_lead_stamps) return fail("must not be a single value");
  switch (static_cast<LeadField>(k)) {
    case LeadField::first_name:
      return get_string(v, l.first_name);
    case LeadField::last_name:
      return get_string(v, l.last_name);
    case LeadField::email:
      if (!get_string(v, l.email)) return false;
      if (!l.email.empty() && normalize_email(l.email) != l.email)
        return fail("\"" + l.email.substr(0, 80) + "\" is not a normalised email address");
      return true;
    case LeadField::phone:
      if (!get_string(v, l.phone)) return false;
      if (!l.phone.empty() && (l.phone[0] != '+' || normalize_phone(l.phone) != l.phone))
        return fail("\"" + l.phone.substr(0, 80) + "\" is not an E.164 phone number");
      return true;
    case LeadField::birth_date: {
      if (v.kind != Value::Kind::string) return fail("must be a date YYYY-MM-DD");
      const auto d = parse_date(v.s);
      if (!d || format_date(*d) != v.s)
        return fail("\"" + std::string(v.s.substr(0, 40)) + "\" is not a date YYYY-MM-DD");
      l.birth_date = *d;
      return true;
    }
    case LeadField::age:
      if (!get_int(v, 0, UINT8_MAX, n)) return false;
      l.age = static_cast<std::uint8_t>(n);
      return true;
    case LeadField::gender:
      return get_enum(v, parse_gender, l.gender);
    case LeadField::street:
      return get_string(v, l.street);
    case LeadField::city:
      return get_string(v, l.city);
    case LeadField::state:
      return get_string(v, l.state);
    case LeadField::zip:
      return get_string(v, l.zip);
    case LeadField::country:
      return get_string(v, l.country);
    case LeadField::time_zone:
      return get_string(v, l.time_zone);
    case LeadField::source:
      return get_string(v, l.source);
    case LeadField::campaign:
      return get_string(v, l.campaign);
    case LeadField::ad:
      return get_string(v, l.ad);
    case LeadField::form:
      return get_string(v, l.form);
    case LeadField::notes:
      return get_string(v, l.notes);
    case LeadField::stage:
      return get_enum(v, parse_stage, l.stage);
    case LeadField::created_at:
      return get_int(v, 0, k_max_json_millis, l.created_at);
    case LeadField::interests:
    case LeadField::tags:
    case LeadField::consent:
    case LeadField::do_not_contact:
      return fail("must be an array");
    case LeadField::custom_fields:
      return fail("must be an object");
  }
  return true;
}

bool Reader::consent_value(const Value& v) {
  const Frame& f = top();
  if (f.key < 0) return true;
  if (f.ctx == Ctx::dnc_item) {
    DoNotContact& d = m_lead.do_not_contact.back();
    switch (f.key) {
      case 0:
        return get_enum(v, parse_channel, d.channel);
      case 1:
        return get_int(v, 0, k_max_json_millis, d.at);
      case 3:
        return get_stamp(v, d.stamp);
      case 4:
        return get_bool(v, m_dnc_cleared);
      default:
        return get_string(v, d.reason);
    }
  }
  ConsentRecord& c = m_lead.consent.back();
  switch (f.key) {
    case 0:
      return get_enum(v, parse_channel, c.channel);
    case 1:
      return get_enum(v, parse_purpose, c.purpose);
    case 2:
      return get_bool(v, c.granted);
    case 3:
      return get_int(v, 0, k_max_json_millis, c.at);
    case 4:
      return get_string(v, c.method);
    case 5:
      return get_string(v, c.text);
    case 7:
      return get_stamp(v, c.stamp);
    default:
      return get_string(v, c.reason);
  }
}

// A cleared record (minor version 1) moves to the tombstones; live or cleared, one per channel.
bool Reader::finish_dnc_item() {
  auto& live = m_lead.do_not_contact;
  auto& cleared = m_lead.do_not_contact_cleared;
  const Channel channel = live.back().channel;
  const auto same = [&](const DoNotContact& d) { return d.channel == channel; };
  if (std::any_of(live.begin(), live.end() - 1, same) || std::any_of(cleared.begin(), cleared.end(), same))
    return fail("a second do-not-contact record for the same channel");
  if (m_dnc_cleared) {
    cleared.push_back(std::move(live.back()));
    live.pop_back();
  }
  return true;
}

bool Reader::finish_lead() {
  if (m_lead.id.value == 0) return fail("missing", "id");
  if (m_ws.leads.find_any(m_lead.id))
    return fail("the lead id " + to_string(m_lead.id) + " appears twice", "id");
  std::array<Stamp, k_lead_field_count> stamps;
  for (std::size_t f = 0; f < k_lead_field_count; ++f) {
    if (m_lead_stamps[f]) {
      stamps[f] = *m_lead_stamps[f];
    } else {
      stamps[f] = field_is_set(m_lead, static_cast<LeadField>(f)) ? m_lead_stamp : Stamp{};
    }
  }
  m_ws.leads.append_row(m_lead, stamps, m_lead_deleted, m_lead_deleted_stamp);
  ++m_items;
  return report_progress();
}

}  // namespace nurture::workspace_json_detail
