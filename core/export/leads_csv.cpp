#include "core/export/leads_csv.hpp"

#include <algorithm>
#include <set>

namespace nurture {

namespace {

constexpr std::string_view k_columns[] = {
    "nurture_id",  "first_name",   "last_name",     "email",      "phone", "birth_date",
    "age",         "gender",       "street",        "city",       "state", "zip",
    "country",     "time_zone",    "source",        "campaign",   "ad",    "form",
    "interests",   "tags",         "stage",         "created_at", "notes", "email_consent",
    "sms_consent", "call_consent", "do_not_contact"};

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out += "; ";
    out += item;
  }
  return out;
}

std::string consent_cell(const Lead& lead, Channel channel) {
  for (const auto& c : lead.consent) {
    if (c.channel == channel && c.purpose == Purpose::marketing) return c.granted ? "granted" : "revoked";
  }
  return {};
}

}  // namespace

std::vector<std::string_view> leads_csv_fixed_columns() {
  return {std::begin(k_columns), std::end(k_columns)};
}

std::string csv_text_cell(std::string_view text) {
  std::string cell;
  cell.reserve(text.size() + 3);
  if (!text.empty()) {
    const char c = text.front();
    if (c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r') cell.push_back('\'');
  }
  cell.append(text);
  if (cell.find_first_of(",\"\r\n") == std::string::npos) return cell;
  std::string quoted = "\"";
  for (const char c : cell) {
    if (c == '"') quoted.push_back('"');
    quoted.push_back(c);
  }
  quoted.push_back('"');
  return quoted;
}

LeadsCsvWriter::LeadsCsvWriter(const Workspace& ws) : m_ws(ws) {
  std::set<std::string> names;
  ws.leads.for_each_live([&](std::uint32_t row) {
    for (const auto& [name, value] : ws.leads.get(row).custom_fields) names.insert(name);
  });
  m_custom.assign(names.begin(), names.end());
  m_total = ws.leads.size();
}

bool LeadsCsvWriter::write(std::string& out, std::size_t max_rows) {
  if (!m_header_done) {
    out += "\xEF\xBB\xBF";
    for (std::size_t i = 0; i < std::size(k_columns); ++i) {
      if (i > 0) out += ',';
      out += k_columns[i];
    }
    for (const auto& name : m_custom) out += "," + csv_text_cell("custom:" + name);
    out += "\r\n";
    m_header_done = true;
  }
  const auto& store = m_ws.leads;
  for (std::size_t n = 0; n < max_rows && m_next_row < store.rows(); ++m_next_row) {
    if (store.is_deleted(m_next_row)) continue;
    const Lead lead = store.get(m_next_row);
    std::vector<std::string> dnc;
    for (const auto& d : lead.do_not_contact) dnc.emplace_back(to_string(d.channel));
    const std::string cells[] = {to_string(lead.id),
                                 lead.first_name,
                                 lead.last_name,
                                 lead.email,
                                 lead.phone,
                                 lead.birth_date ? format_date(*lead.birth_date) : "",
                                 "",  // age: numeric, written below without neutralisation
                                 lead.gender == Gender::unknown ? "" : std::string(to_string(lead.gender)),
                                 lead.street,
                                 lead.city,
                                 lead.state,
                                 lead.zip,
                                 lead.country,
                                 lead.time_zone,
                                 lead.source,
                                 lead.campaign,
                                 lead.ad,
                                 lead.form,
                                 join(lead.interests),
                                 join(lead.tags),
                                 std::string(to_string(lead.stage)),
                                 lead.created_at != 0 ? format_iso8601_utc(lead.created_at) : "",
                                 lead.notes,
                                 consent_cell(lead, Channel::email),
                                 consent_cell(lead, Channel::sms),
                                 consent_cell(lead, Channel::call),
                                 join(dnc)};
    for (std::size_t i = 0; i < std::size(cells); ++i) {
      if (i > 0) out += ',';
      if (std::string_view(k_columns[i]) == "age") {
        if (lead.age) out += std::to_string(*lead.age);
      } else {
        out += csv_text_cell(cells[i]);
      }
    }
    for (const auto& name : m_custom) {
      out += ',';
      if (auto it = lead.custom_fields.find(name); it != lead.custom_fields.end())
        out += csv_text_cell(it->second);
    }
    out += "\r\n";
    ++m_written;
    ++n;
  }
  return m_next_row >= store.rows();
}

std::string write_leads_csv(const Workspace& ws) {
  LeadsCsvWriter writer(ws);
  std::string out;
  while (!writer.write(out, 4096)) {
  }
  return out;
}

}  // namespace nurture
