#include "core/import/lead_import.hpp"

#include <algorithm>
#include <unordered_set>
#include <utility>

#include "core/util/text.hpp"

namespace nurture {

namespace {

std::string summary_of(const ImportReport& r) {
  std::string s = "Imported " + count_noun(r.added, "new lead", "new leads") + " and updated " +
                  format_thousands(r.updated) + " from " + count_noun(r.rows, "row", "rows");
  std::vector<std::string> parts;
  if (r.merged > 0) parts.push_back(count_noun(r.merged, "duplicate row", "duplicate rows") + " merged");
  if (r.unchanged > 0) parts.push_back(format_thousands(r.unchanged) + " unchanged");
  if (r.skipped > 0) parts.push_back(format_thousands(r.skipped) + " skipped");
  if (r.errors > 0) parts.push_back(format_thousands(r.errors) + " with errors");
  for (std::size_t i = 0; i < parts.size(); ++i) s += (i == 0 ? "; " : ", ") + parts[i];
  return s;
}

}  // namespace

LeadImport::LeadImport(std::string_view text, LeadImportOptions options)
    : m_job(text, options.delimiter), m_options(std::move(options)) {
  m_ctx.date_order = m_options.date_order;
  m_ctx.utc_offset_minutes = m_options.utc_offset_minutes;
  m_ctx.now = m_options.now;
  if (!m_job.read_header()) return;
  m_ctx.format = m_options.format == ImportFormat::automatic ? detect_format(m_job.header) : m_options.format;
  m_ctx.mailchimp_kind = m_options.mailchimp_kind == MailchimpKind::detect
                             ? detect_mailchimp_kind(m_job.header)
                             : m_options.mailchimp_kind;
  if (m_options.mapping) {
    if (m_options.mapping->size() != m_job.header.size()) {
      m_job.fail("The mapping has " + std::to_string(m_options.mapping->size()) +
                 " columns but the file has " + std::to_string(m_job.header.size()));
      return;
    }
    m_ctx.mapping = *m_options.mapping;
  } else {
    m_ctx.mapping = auto_map(m_job.header, m_ctx.format);
  }
  m_job.status = apply_overrides(m_job.header, m_ctx.mapping, m_options.overrides);
  if (!m_job.status.ok()) {
    m_job.done = true;
    return;
  }
  const bool usable = std::any_of(m_ctx.mapping.begin(), m_ctx.mapping.end(), [](const ColumnTarget& t) {
    return t.field == ImportField::email || t.field == ImportField::phone ||
           t.field == ImportField::first_name || t.field == ImportField::last_name ||
           t.field == ImportField::full_name;
  });
  if (!usable) m_job.fail("No column holds a name, email or phone: map one with COLUMN=FIELD");
}

ImportProgress LeadImport::step(const Workspace& ws, std::size_t max_rows) {
  if (m_job.begin_step(ws)) {
    m_ctx.default_country = ws.practice.country.empty() ? std::string("US") : ws.practice.country;
  }
  m_job.read_rows(max_rows, [&](const CsvRecord& record) { process(ws, record); });
  return m_job.progress(m_report.rows);
}

std::optional<std::size_t> LeadImport::match(const Workspace& ws, const Lead& lead) {
  const auto pending_for_row = [&](std::uint32_t row) {
    if (auto it = m_by_row.find(row); it != m_by_row.end()) return it->second;
    Pending p;
    p.row = row;
    p.base = ws.leads.get(row);
    p.merged = p.base;
    m_pending.push_back(std::move(p));
    m_by_row.emplace(row, m_pending.size() - 1);
    return m_pending.size() - 1;
  };
  if (!lead.email.empty()) {
    if (auto it = m_by_email.find(lead.email); it != m_by_email.end()) return it->second;
    const auto rows = ws.leads.find_by_email(lead.email);
    if (!rows.empty()) return pending_for_row(rows.front());
  }
  if (!lead.phone.empty()) {
    // A phone joins two records only when one of them has no email.
    if (auto it = m_by_phone.find(lead.phone); it != m_by_phone.end()) {
      if (lead.email.empty() || m_pending[it->second].merged.email.empty()) return it->second;
    }
    for (const auto row : ws.leads.find_by_phone(lead.phone)) {
      if (lead.email.empty() || ws.leads.email(row).empty()) return pending_for_row(row);
    }
  }
  return std::nullopt;
}

void LeadImport::index(std::size_t pending) {
  const Lead& lead = m_pending[pending].merged;
  if (!lead.email.empty()) m_by_email.emplace(lead.email, pending);
  if (!lead.phone.empty()) m_by_phone.emplace(lead.phone, pending);
}

void LeadImport::process(const Workspace& ws, const CsvRecord& record) {
  const std::size_t row = ++m_report.rows;
  if (!record.error.empty()) {
    ++m_report.errors;
    note(m_report.error_rows, row, record.line, "malformed record: " + record.error);
    return;
  }
  auto parsed = detail::parse_lead_row(record.fields, m_ctx);
  if (!parsed.error.empty()) {
    ++m_report.errors;
    note(m_report.error_rows, row, record.line, parsed.error);
    return;
  }
  if (parsed.empty) {
    ++m_report.skipped;
    note(m_report.skipped_rows, row, record.line, "empty row");
    return;
  }
  for (auto& w : parsed.warnings) note(m_report.warnings, row, record.line, std::move(w));

  const auto found = match(ws, parsed.lead);
  if (!found) {
    Pending p;
    p.merged = std::move(parsed.lead);
    p.stage_given = parsed.stage_given;
    m_pending.push_back(std::move(p));
    index(m_pending.size() - 1);
    ++m_report.added;
    return;
  }
  Pending& p = m_pending[*found];
  std::vector<std::string> conflicts;
  const bool changed =
      detail::merge_lead(p.merged, parsed.lead, parsed.stage_given, p.row.has_value(), conflicts);
  p.stage_given = p.stage_given || parsed.stage_given;
  for (auto& c : conflicts) note(m_report.warnings, row, record.line, std::move(c));
  index(*found);
  if (!p.row) {
    ++m_report.merged;
  } else if (changed) {
    ++m_report.updated;
  } else {
    ++m_report.unchanged;
    note(m_report.skipped_rows, row, record.line, "nothing new for " + to_string(p.base.id));
  }
}

Expected<LeadImportPlan> LeadImport::finish(const Workspace& ws) {
  while (!m_job.done) step(ws, 4096);
  if (!m_job.status.ok()) return Error{m_job.status.message};
  if (ws.revision != m_job.revision)
    return Error{"The workspace changed during the import; start the import again"};

  LeadImportPlan plan;
  plan.format = m_ctx.format;
  plan.mapping = m_ctx.mapping;
  auto& commands = plan.command.commands;
  std::unordered_set<std::uint64_t> used;
  const UnixMillis now = m_options.now;
  for (auto& p : m_pending) {
    if (!p.row) {
      if (!m_options.next_id) return Error{"The import needs an id generator"};
      std::uint64_t id = 0;
      for (int tries = 0; id == 0 || used.count(id) != 0 || ws.leads.find_any(LeadId{id}); ++tries) {
        if (tries > 1000) return Error{"The id generator keeps returning ids that are taken"};
        id = m_options.next_id();
      }
      used.insert(id);
      p.merged.id = LeadId{id};
      commands.emplace_back(AddLead{std::move(p.merged), now, LedgerSource::import});
      continue;
    }
    const LeadId id = p.base.id;
    bool differs = false;
    for (std::size_t f = 0; f < k_lead_field_count && !differs; ++f) {
      const auto field = static_cast<LeadField>(f);
      if (field == LeadField::stage || field == LeadField::consent || field == LeadField::do_not_contact ||
          field == LeadField::created_at) {
        continue;
      }
      differs = !field_equal(p.base, p.merged, field);
    }
    if (differs) commands.emplace_back(UpdateLead{id, p.merged, now});
    if (p.merged.stage != p.base.stage)
      commands.emplace_back(SetStage{id, p.merged.stage, now, StageCause::imported});
    // Consent first: a revocation with the file's evidence, then the opt-out (which revokes
    // only what is still granted).
    for (const auto& c : p.merged.consent) {
      const bool known = std::find(p.base.consent.begin(), p.base.consent.end(), c) != p.base.consent.end();
      if (known) continue;
      const UnixMillis at = (c.at > 0 && c.at <= now) ? c.at : now;
      commands.emplace_back(SetConsent{id, c.channel, c.purpose, c.granted, c.method, c.text, c.reason, at,
                                       LedgerSource::import});
    }
    for (const auto& d : p.merged.do_not_contact) {
      const bool known = std::any_of(p.base.do_not_contact.begin(), p.base.do_not_contact.end(),
                                     [&](const DoNotContact& b) { return b.channel == d.channel; });
      if (known) continue;
      const UnixMillis at = (d.at > 0 && d.at <= now) ? d.at : now;
      commands.emplace_back(SetDoNotContact{id, d.channel, true, d.reason, at, LedgerSource::import});
    }
  }
  plan.report = m_report;
  plan.command.summary = summary_of(m_report);
  return plan;
}

Expected<LeadImportPlan> plan_lead_import(std::string_view text, const Workspace& ws,
                                          LeadImportOptions options) {
  LeadImport job(text, std::move(options));
  if (!job.status().ok()) return Error{job.status().message};
  return job.finish(ws);
}

}  // namespace nurture
