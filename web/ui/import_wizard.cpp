#include "web/ui/import_wizard.hpp"

#include <algorithm>
#include <chrono>

#include <nlohmann/json.hpp>

#include "core/io/csv.hpp"
#include "core/util/text.hpp"
#include "web/ui/widgets.hpp"

namespace nurture::ui {

namespace {

constexpr std::size_t k_import_preview_rows = 5;
// Rows checked per frame: a few milliseconds of work, so the progress bar moves and the tab
// stays responsive even on a 100,000-row file.
constexpr std::size_t k_rows_per_frame = 2000;

struct FormatChoice {
  ImportFormat format;
  const char* label;
};
constexpr FormatChoice k_formats[] = {
    {ImportFormat::automatic, "Detect automatically"},
    {ImportFormat::meta_leads, "Meta lead ads export"},
    {ImportFormat::mailchimp, "Mailchimp audience export"},
    {ImportFormat::hubspot, "HubSpot contacts export"},
    {ImportFormat::csv, "Any spreadsheet (CSV or TSV)"},
};

const char* format_label(ImportFormat f) {
  for (const auto& c : k_formats) {
    if (c.format == f) return c.label;
  }
  return "Spreadsheet";
}

// Readable names for the mapping drop-down; the stored names stay the file-format ones.
std::string field_label(std::string_view name) {
  if (name == "ignore") return "— don't import —";
  std::string out(name);
  std::replace(out.begin(), out.end(), '_', ' ');
  if (!out.empty()) out[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[0])));
  return out;
}

LeadImportOptions lead_options(Ui& ui, ImportFormat format, const std::vector<ColumnTarget>* mapping) {
  LeadImportOptions o;
  o.format = format;
  if (mapping != nullptr) o.mapping = *mapping;
  const auto now = ui.platform.now_ms();
  o.now = now;
  o.utc_offset_minutes = ui.platform.local_utc_offset_minutes(now);
  Platform* platform = &ui.platform;
  o.next_id = [platform] { return platform->random_u64(); };
  return o;
}

EventImportOptions event_options(Ui& ui, const std::vector<EventColumn>* mapping) {
  EventImportOptions o;
  if (mapping != nullptr) o.mapping = *mapping;
  const auto now = ui.platform.now_ms();
  o.now = now;
  o.utc_offset_minutes = ui.platform.local_utc_offset_minutes(now);
  Platform* platform = &ui.platform;
  o.next_id = [platform] { return platform->random_u64(); };
  return o;
}

}  // namespace

void ImportWizard::reset() { *this = ImportWizard{}; }

void ImportWizard::open(Ui& ui, IncomingFile file) {
  const Kind kind = m_kind;
  reset();
  // A new file is a new attempt: the same error as last time is spoken again.
  ui.announce_shown("import.error", {});
  m_kind = kind;
  m_file = std::move(file);
  prepare(ui);
}

void ImportWizard::prepare(Ui& ui) {
  m_error.clear();
  m_header.clear();
  m_preview.clear();
  CsvReader reader(m_file.bytes);
  CsvRecord record;
  if (!reader.next(record) || record.fields.empty()) {
    m_error = m_file.name + " has no rows. Choose a spreadsheet with a header row.";
    m_step = Step::pick;
    return;
  }
  while (m_preview.size() < k_import_preview_rows && reader.next(record)) m_preview.push_back(record.fields);

  if (m_kind == Kind::leads) {
    LeadImport job(m_file.bytes,
                   lead_options(ui, m_format, m_lead_mapping.empty() ? nullptr : &m_lead_mapping));
    if (!job.status().ok()) {
      m_error = job.status().message;
      m_step = Step::pick;
      return;
    }
    m_header = job.header();
    m_lead_mapping = job.mapping();
    m_detected = job.format();
  } else {
    EventImport job(m_file.bytes, event_options(ui, m_event_mapping.empty() ? nullptr : &m_event_mapping));
    if (!job.status().ok()) {
      m_error = job.status().message;
      m_step = Step::pick;
      return;
    }
    m_header = job.header();
    m_event_mapping = job.mapping();
    m_detected_events = job.format();
  }
  m_step = Step::mapping;
}

void ImportWizard::start_check(Ui& ui) {
  m_report = {};
  m_progress = {};
  m_batch.reset();
  if (m_kind == Kind::leads) {
    m_lead_job = std::make_unique<LeadImport>(m_file.bytes, lead_options(ui, m_format, &m_lead_mapping));
    if (!m_lead_job->status().ok()) {
      m_error = m_lead_job->status().message;
      m_lead_job.reset();
      return;
    }
  } else {
    m_event_job = std::make_unique<EventImport>(m_file.bytes, event_options(ui, &m_event_mapping));
    if (!m_event_job->status().ok()) {
      m_error = m_event_job->status().message;
      m_event_job.reset();
      return;
    }
  }
  m_step = Step::checking;
}

void ImportWizard::apply(Ui& ui) {
  if (!m_batch) return;
  const auto result = ui.mutable_session.execute(*m_batch);
  if (!result.ok) {
    m_error = result.message;
    return;
  }
  m_batch.reset();
  m_step = Step::done;
  m_done.record(ui, result.message);
}

void ImportWizard::draw(Ui& ui, float width) {
  if (auto file = m_intake.poll(ui, m_error)) open(ui, std::move(*file));
  switch (m_step) {
    case Step::pick:
      draw_pick(ui, width);
      break;
    case Step::mapping:
      draw_mapping(ui, width);
      break;
    case Step::checking:
      draw_checking(ui, width);
      break;
    case Step::review:
      draw_review(ui, width);
      break;
    case Step::done:
      draw_done(ui, width);
      break;
  }
  if (!m_error.empty()) {
    gap(ui, 4);
    caption(ui, m_error.c_str(), &ui.pal.danger);
  }
  ui.announce_shown("import.error", m_error);
}

void ImportWizard::draw_pick(Ui& ui, float /*width*/) {
  paragraph(ui,
            "Bring in leads from a Meta lead ads export, a Mailchimp audience, a HubSpot contacts export or "
            "any spreadsheet, or activity (email opens and clicks, appointments, page views) from your other "
            "tools. You will check the columns and see every problem before anything changes.",
            true);
  gap(ui, 4);
  int kind = m_kind == Kind::leads ? 0 : 1;
  ImGui::RadioButton("Leads", &kind, 0);
  ui.marks.mark("import.kind_leads");
  ImGui::SameLine(0, ui.px(16));
  ImGui::RadioButton("Activity (events)", &kind, 1);
  ui.marks.mark("import.kind_events");
  m_kind = kind == 0 ? Kind::leads : Kind::events;
  gap(ui, 6);
  m_intake.draw_choose(ui, "Choose a file…", m_error);
  ImGui::SameLine(0, ui.px(12));
  ImGui::SetCursorPosY(ImGui::GetCursorPosY() + ui.px(6));
  caption(ui, "or drop a file anywhere on this page. It is read inside this tab; nothing is uploaded.");
}

void ImportWizard::draw_mapping_table(Ui& ui, float width) {
  const auto names = m_kind == Kind::leads ? import_field_names() : event_field_names();
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                                ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingStretchProp;
  // Up to eight columns show without scrolling; a row holds one combo box plus cell padding.
  const float row_h = ImGui::GetFrameHeight() + 2.0F * ImGui::GetStyle().CellPadding.y + ui.px(1);
  const float rows_h = (std::min(static_cast<float>(m_header.size()), 8.0F) + 1.0F) * row_h + ui.px(4);
  if (!ImGui::BeginTable("import.mapping", 3, flags, ImVec2(width, rows_h))) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn("Column in the file", ImGuiTableColumnFlags_WidthStretch, 1.0F);
  ImGui::TableSetupColumn("Goes to", ImGuiTableColumnFlags_WidthStretch, 1.0F);
  ImGui::TableSetupColumn("First values", ImGuiTableColumnFlags_WidthStretch, 1.6F);
  ImGui::TableHeadersRow();
  bool changed = false;
  for (std::size_t c = 0; c < m_header.size(); ++c) {
    ImGui::PushID(static_cast<int>(c));
    ImGui::TableNextRow(0, ui.px(30));
    ImGui::TableNextColumn();
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(m_header[c].c_str());
    ImGui::TableNextColumn();
    const std::string current =
        m_kind == Kind::leads ? to_string(m_lead_mapping.at(c)) : to_string(m_event_mapping.at(c));
    ImGui::SetNextItemWidth(-1);
    if (ImGui::BeginCombo("##target", field_label(current).c_str())) {
      for (const auto name : names) {
        const bool selected = current == name;
        if (ImGui::Selectable(field_label(name).c_str(), selected)) {
          if (m_kind == Kind::leads) {
            if (auto t = parse_column_target(name)) m_lead_mapping[c] = *t;
          } else if (auto t = parse_event_column(name)) {
            m_event_mapping[c] = *t;
          }
          changed = true;
        }
        if (selected) ImGui::SetItemDefaultFocus();
      }
      ImGui::EndCombo();
    }
    if (c == 0) ui.marks.mark("import.mapping.first");
    ImGui::TableNextColumn();
    std::string values;
    for (const auto& row : m_preview) {
      if (c >= row.size() || row[c].empty()) continue;
      if (!values.empty()) values += " · ";
      values += row[c].substr(0, 40);
      if (values.size() > 90) break;
    }
    ImGui::AlignTextToFramePadding();
    ImGui::PushStyleColor(ImGuiCol_Text, ui.pal.muted);
    ImGui::TextUnformatted(values.empty() ? "(empty)" : values.c_str());
    ImGui::PopStyleColor();
    ImGui::PopID();
  }
  ImGui::EndTable();
  (void)changed;  // the mapping is read when the check starts
}

void ImportWizard::draw_mapping(Ui& ui, float width) {
  label(ui, m_file.name.c_str());
  std::string what = format_thousands(m_file.bytes.size() / 1024 + 1) + " KB · " +
                     count_noun(m_header.size(), "column", "columns");
  if (m_kind == Kind::leads) {
    what += " · looks like: ";
    what += format_label(m_detected);
  }
  caption(ui, what.c_str());
  gap(ui, 4);
  if (m_kind == Kind::leads) {
    ImGui::SetNextItemWidth(ui.px(300));
    if (ImGui::BeginCombo("File type", format_label(m_format))) {
      for (const auto& choice : k_formats) {
        if (ImGui::Selectable(choice.label, choice.format == m_format) && choice.format != m_format) {
          m_format = choice.format;
          m_lead_mapping.clear();  // the preset decides the mapping again
          prepare(ui);
        }
      }
      ImGui::EndCombo();
    }
    ui.marks.mark("import.format");
  }
  gap(ui, 4);
  paragraph(ui, "Check where each column goes. Columns set to “don't import” are left out.", true);
  draw_mapping_table(ui, width);
  gap(ui, 8);
  if (button(ui, "Check the file", ButtonKind::primary, "import.check", ui.editable())) start_check(ui);
  ImGui::SameLine(0, ui.px(8));
  if (button(ui, "Choose another file", ButtonKind::secondary, "import.back")) reset();
}

void ImportWizard::draw_checking(Ui& ui, float width) {
  // Work for this frame; the Workspace must not change meanwhile (the job checks the revision).
  Expected<LeadImportPlan> lead_plan = Error{""};
  Expected<EventImportPlan> event_plan = Error{""};
  bool finished = false;
  if (m_lead_job) {
    m_progress = m_lead_job->step(ui.session.workspace(), k_rows_per_frame);
    if (m_progress.done) {
      lead_plan = m_lead_job->finish(ui.session.workspace());
      finished = true;
    }
  } else if (m_event_job) {
    m_progress = m_event_job->step(ui.session.workspace(), k_rows_per_frame);
    if (m_progress.done) {
      event_plan = m_event_job->finish(ui.session.workspace());
      finished = true;
    }
  }
  label(ui, ("Checking " + m_file.name + "…").c_str());
  const float fraction = m_progress.bytes_total == 0 ? 0.0F
                                                     : static_cast<float>(m_progress.bytes_done) /
                                                           static_cast<float>(m_progress.bytes_total);
  ImGui::ProgressBar(fraction, ImVec2(width, ui.px(8)), "");
  ui.marks.mark("import.progress");
  caption(ui, (count_noun(m_progress.rows, "row", "rows") + " read").c_str());
  gap(ui, 4);
  if (button(ui, "Cancel", ButtonKind::secondary, "import.cancel")) {
    m_lead_job.reset();
    m_event_job.reset();
    m_step = Step::mapping;
    return;
  }
  if (!finished) return;
  m_lead_job.reset();
  m_event_job.reset();
  if (m_kind == Kind::leads) {
    if (!lead_plan) {
      m_error = lead_plan.error().describe();
      m_step = Step::mapping;
      return;
    }
    m_report = lead_plan.value().report;
    m_batch = std::move(lead_plan.value().command);
  } else {
    if (!event_plan) {
      m_error = event_plan.error().describe();
      m_step = Step::mapping;
      return;
    }
    m_report = event_plan.value().report;
    m_batch = std::move(event_plan.value().command);
  }
  m_step = Step::review;
}

void ImportWizard::draw_issues(Ui& ui, const char* title, const std::vector<RowIssue>& issues,
                               std::size_t count, const ImVec4& color) {
  if (count == 0) return;
  gap(ui, 4);
  label(ui, (std::string(title) + " (" + format_thousands(count) + ")").c_str());
  const float h =
      std::min(static_cast<float>(issues.size()), 8.0F) * ImGui::GetTextLineHeightWithSpacing() + ui.px(8);
  ImGui::BeginChild(title, ImVec2(0, h), false);
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(issues.size()));
  while (clipper.Step()) {
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
      const RowIssue& issue = issues[static_cast<std::size_t>(i)];
      ImGui::PushStyleColor(ImGuiCol_Text, color);
      ImGui::Text("Row %zu (line %zu)", issue.row, issue.line);
      ImGui::PopStyleColor();
      ImGui::SameLine(0, ui.px(10));
      ImGui::TextUnformatted(issue.message.c_str());
    }
  }
  ImGui::EndChild();
  if (issues.size() < count) {
    caption(ui, ("The first " + format_thousands(issues.size()) + " are listed.").c_str());
  }
}

void ImportWizard::draw_review(Ui& ui, float width) {
  const ImportReport& r = m_report;
  label(ui, ("Checked " + count_noun(r.rows, "row", "rows") + " of " + m_file.name).c_str());
  gap(ui, 4);
  std::string counts;
  if (m_kind == Kind::leads) {
    counts = count_noun(r.added, "new lead", "new leads") + " · " +
             count_noun(r.updated, "existing lead gets", "existing leads get") + " new details · " +
             count_noun(r.merged, "duplicate", "duplicates") + " within the file merged · " +
             format_thousands(r.unchanged) + " already up to date";
  } else {
    counts = count_noun(r.added, "event", "events") + " to log · " +
             count_noun(r.unmatched, "row matches", "rows match") + " no lead";
  }
  if (r.skipped > 0) counts += " · " + format_thousands(r.skipped) + " skipped";
  if (r.errors > 0) counts += " · " + count_noun(r.errors, "row", "rows") + " with errors";
  paragraph(ui, counts.c_str());
  ui.marks.mark("import.counts");
  gap(ui, 4);
  draw_issues(ui, "Rows that will not be imported", r.error_rows, r.errors, ui.pal.danger);
  draw_issues(ui, "Skipped rows", r.skipped_rows, r.skipped + r.unmatched, ui.pal.muted);
  draw_issues(ui, "Warnings", r.warnings, r.warnings.size(), ui.pal.warning);
  gap(ui, 8);
  const bool has_changes = m_batch && !m_batch->commands.empty();
  if (!has_changes) {
    paragraph(ui, "Nothing new: everything in this file is already in your workspace.");
    ui.marks.mark("import.nothing_new");
  }
  const std::string go = m_kind == Kind::leads ? "Import " + count_noun(r.added + r.updated, "lead", "leads")
                                               : "Log " + count_noun(r.added, "event", "events");
  if (button(ui, go.c_str(), ButtonKind::primary, "import.apply", has_changes && ui.editable())) apply(ui);
  ImGui::SameLine(0, ui.px(8));
  if (button(ui, "Back to the columns", ButtonKind::secondary, "import.back")) m_step = Step::mapping;
  (void)width;
}

void ImportWizard::draw_done(Ui& ui, float /*width*/) {
  m_done.draw(ui, "Undo this import", "The import was undone; nothing from " + m_file.name + " is left.",
              {.summary = "import.summary", .undo = "import.undo"});
  ImGui::SameLine(0, ui.px(8));
  if (button(ui, "Import another file", ButtonKind::quiet, "import.again")) {
    const Kind kind = m_kind;
    reset();
    m_kind = kind;
  }
  ImGui::SameLine(0, ui.px(8));
  if (button(ui, "See the leads", ButtonKind::quiet, "import.see_leads")) ui.go_to = Page::leads;
}

void describe(nlohmann::json& out, const ImportWizard& wizard) {
  static constexpr const char* k_steps[] = {"pick", "mapping", "checking", "review", "done"};
  out["step"] = k_steps[static_cast<int>(wizard.step())];
  out["file"] = wizard.file_name();
  out["error"] = wizard.error();
  out["report"] = nlohmann::json::parse(to_json(wizard.report()));
}

}  // namespace nurture::ui
