// Lead field values as text, for the sync preview and to break stamp ties (merge.hpp).

#include <cstdio>
#include <string>
#include <string_view>

#include "core/sync/merge.hpp"
#include "core/sync/merge_records.hpp"
#include "core/util/civil_time.hpp"

namespace nurture {

namespace {

// JSON string literal. Bytes that are not ASCII are copied as they are (not validated), so two
// different values never give the same text.
void append_quoted(std::string& out, std::string_view s) {
  out += '"';
  for (const char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(static_cast<unsigned char>(c)));
      out += buf;
    } else {
      out += c;
    }
  }
  out += '"';
}

std::string quoted_list(const std::vector<std::string>& values) {
  std::string out = "[";
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i != 0) out += ',';
    append_quoted(out, values[i]);
  }
  return out + "]";
}

}  // namespace

std::string field_text(const Lead& lead, LeadField field) {
  switch (field) {
    case LeadField::birth_date:
      return lead.birth_date ? format_date(*lead.birth_date) : std::string();
    case LeadField::age:
      return lead.age ? std::to_string(*lead.age) : std::string();
    case LeadField::gender:
      return std::string(to_string(lead.gender));
    case LeadField::created_at:
      return std::to_string(lead.created_at);
    case LeadField::interests:
      return quoted_list(lead.interests);
    case LeadField::tags:
      return quoted_list(lead.tags);
    case LeadField::custom_fields: {
      std::string out = "{";
      for (const auto& [name, value] : lead.custom_fields) {
        if (out.size() > 1) out += ',';
        append_quoted(out, name);
        out += ':';
        append_quoted(out, value);
      }
      return out + "}";
    }
    case LeadField::stage: {
      std::string out = std::string(to_string(lead.stage)) + " [";
      for (std::size_t i = 0; i < lead.stage_history.size(); ++i) {
        if (i != 0) out += ',';
        const StageChange& c = lead.stage_history[i];
        out += R"({"stage":")" + std::string(to_string(c.stage)) + R"(","at":)" + std::to_string(c.at);
        if (c.cause != StageCause::imported) out += R"(,"cause":")" + std::string(to_string(c.cause)) + "\"";
        out += "}";
      }
      return out + "]";
    }
    case LeadField::consent: {
      std::string out = "[";
      for (const auto& c : lead.consent) {
        if (out.size() > 1) out += ',';
        out += R"({"channel":")" + std::string(to_string(c.channel)) + R"(","purpose":")" +
               std::string(to_string(c.purpose)) + R"(","granted":)" + (c.granted ? "true" : "false") +
               R"(,"at":)" + std::to_string(c.at) + R"(,"method":)";
        append_quoted(out, c.method);
        out += R"(,"text":)";
        append_quoted(out, c.text);
        out += R"(,"reason":)";
        append_quoted(out, c.reason);
        out += '}';
      }
      return out + "]";
    }
    case LeadField::do_not_contact: {
      std::string out = "[";
      for (const auto& e : merge_detail::dnc_entries(lead)) {
        const auto& d = e.record;
        if (out.size() > 1) out += ',';
        out += R"({"channel":")" + std::string(to_string(d.channel)) + R"(","at":)" + std::to_string(d.at) +
               R"(,"reason":)";
        append_quoted(out, d.reason);
        if (e.cleared) out += R"(,"cleared":true)";
        out += '}';
      }
      return out + "]";
    }
    default:
      break;  // the text fields, below: the value itself
  }
  const std::string* text = nullptr;
  switch (field) {
    case LeadField::first_name:
      text = &lead.first_name;
      break;
    case LeadField::last_name:
      text = &lead.last_name;
      break;
    case LeadField::email:
      text = &lead.email;
      break;
    case LeadField::phone:
      text = &lead.phone;
      break;
    case LeadField::street:
      text = &lead.street;
      break;
    case LeadField::city:
      text = &lead.city;
      break;
    case LeadField::state:
      text = &lead.state;
      break;
    case LeadField::zip:
      text = &lead.zip;
      break;
    case LeadField::country:
      text = &lead.country;
      break;
    case LeadField::time_zone:
      text = &lead.time_zone;
      break;
    case LeadField::source:
      text = &lead.source;
      break;
    case LeadField::campaign:
      text = &lead.campaign;
      break;
    case LeadField::ad:
      text = &lead.ad;
      break;
    case LeadField::form:
      text = &lead.form;
      break;
    case LeadField::notes:
      text = &lead.notes;
      break;
    default:
      break;
  }
  return text != nullptr ? *text : std::string();
}

}  // namespace nurture
