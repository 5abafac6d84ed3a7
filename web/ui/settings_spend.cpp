#include "web/ui/settings_spend.hpp"

#include <algorithm>
#include <array>

#include "core/commands/command.hpp"
#include "core/metrics/local_calendar.hpp"
#include "web/ui/catalog_editing.hpp"
#include "web/ui/empty_state.hpp"
#include "web/ui/format.hpp"
#include "web/ui/settings_catalog.hpp"
#include "web/ui/widgets.hpp"

namespace nurture::ui {

namespace {

// Six months at a time: twelve would leave each cell too narrow to read an amount.
constexpr std::size_t k_grid_months = 6;
constexpr std::size_t k_max_listed_rejects = 20;

// "Mar 26".
std::string month_label(YearMonth m) {
  const int yy = ((m.year % 100) + 100) % 100;
  return std::string(k_month_short[(m.month - 1) % 12]) + (yy < 10 ? " 0" : " ") + std::to_string(yy);
}

std::vector<const LeadSource*> live_sources(const Workspace& ws) {
  std::vector<const LeadSource*> out;
  for (const LeadSource& s : ws.sources) {
    if (!s.deleted) out.push_back(&s);
  }
  return out;
}

std::string money_text(std::int64_t cents) { return "$" + format_dollars(cents); }

}  // namespace

void SpendSettings::sync(const Ui& ui) {
  const Workspace& ws = ui.session.workspace();
  // The months follow the clock (a new month moves the grid); the cells follow the table
  // unless the user has unsaved edits.
  const LocalCalendar cal(find_time_zone(ws.practice.time_zone));
  YearMonth m = cal.month_of(ui.platform.now_ms());
  for (std::size_t back = 0; back < m_pages_back * k_grid_months; ++back)
    m = m.month == 1 ? YearMonth{m.year - 1, 12} : YearMonth{m.year, m.month - 1};
  std::vector<YearMonth> months(k_grid_months);
  for (std::size_t i = k_grid_months; i-- > 0;) {
    months[i] = m;
    m = m.month == 1 ? YearMonth{m.year - 1, 12} : YearMonth{m.year, m.month - 1};
  }
  if (ws.revision == m_revision && months == m_months) return;
  const bool keep_edits = dirty() && months == m_months;
  m_months = std::move(months);
  m_revision = ws.revision;
  m_base.clear();
  for (const LeadSource* s : live_sources(ws)) {
    for (std::size_t i = 0; i < m_months.size(); ++i) {
      const AdSpend* a = find_ad_spend(ws.ad_spend, s->id, m_months[i]);
      m_base[{s->id, i}] = a != nullptr && !a->deleted ? format_dollars(a->cents) : std::string();
    }
  }
  if (!keep_edits) {
    m_cells = m_base;
    m_cell_errors.clear();
  }
}

void SpendSettings::save(Ui& ui) {
  const Workspace& ws = ui.session.workspace();
  SetAdSpend command;
  command.now = ui.platform.now_ms();
  m_cell_errors.clear();
  for (const auto& [key, text] : m_cells) {
    const auto base = m_base.find(key);
    if (base != m_base.end() && base->second == text) continue;
    if (find_item(ws.sources, key.first) == nullptr) continue;  // deleted meanwhile
    AdSpendChange change{key.first, m_months[key.second], std::nullopt, "Entered in Settings"};
    if (!text.empty()) {
      const auto cents = parse_dollars(text);
      if (!cents) {
        m_cell_errors[key] = "is not an amount in dollars, such as 1250 or 1,250.00";
        continue;
      }
      change.cents = *cents;
    }
    command.changes.push_back(std::move(change));
  }
  if (!m_cell_errors.empty()) {
    m_message = "Some amounts are not amounts in dollars: fix the cells marked in red.";
    m_message_ok = false;
    ui.announce(m_message);
    return;
  }
  const CommandResult r = ui.mutable_session.execute(command);
  m_message = r.ok ? r.message + ". Undo with Ctrl+Z" : r.message;
  m_message_ok = r.ok;
  ui.announce(m_message);
  if (r.ok) {
    m_revision = std::numeric_limits<std::uint64_t>::max();  // take the stored table as it is now
    m_cells.clear();
    m_base.clear();
    sync(ui);
  }
}

void SpendSettings::draw_grid(Ui& ui, float width) {
  const Workspace& ws = ui.session.workspace();
  const auto sources = live_sources(ws);
  const bool editable = ui.editable();
  const int columns = static_cast<int>(k_grid_months) + 2;
  if (!begin_catalog_table(ui, "spend", columns, width)) return;
  ImGui::TableSetupColumn("Source", ImGuiTableColumnFlags_WidthStretch, 2.2F);
  for (std::size_t i = 0; i < k_grid_months; ++i)
    ImGui::TableSetupColumn(month_label(m_months[i]).c_str(), ImGuiTableColumnFlags_WidthStretch, 1.0F);
  ImGui::TableSetupColumn("Total", ImGuiTableColumnFlags_WidthStretch, 1.3F);
  ImGui::TableNextRow();
  catalog_header_cell(ui, "Source");
  for (const YearMonth& m : m_months) catalog_header_cell(ui, month_label(m).c_str());
  catalog_header_cell(ui, "Total");
  for (const LeadSource* s : sources) {
    ImGui::PushID(s->id.c_str());
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(s->name.c_str());
    ui.marks.mark("settings.spend.row." + s->id);
    std::int64_t total = 0;
    bool estimated = false;
    for (std::size_t i = 0; i < m_months.size(); ++i) {
      ImGui::TableNextColumn();
      const Key key{s->id, i};
      std::string& text = m_cells[key];
      ImGui::PushID(static_cast<int>(i));
      ImGui::SetNextItemWidth(-1.0F);
      // An empty cell falls back to the monthly cost: the hint shows it as an estimate.
      const std::string hint = s->monthly_cost_cents != 0 ? "~" + format_dollars(s->monthly_cost_cents) : "";
      const bool bad = m_cell_errors.count(key) != 0;
      if (bad) ImGui::PushStyleColor(ImGuiCol_FrameBg, ui.pal.danger_bg);
      ImGui::BeginDisabled(!editable);
      char buf[32] = {};
      text.copy(buf, sizeof buf - 1);
      if (ImGui::InputTextWithHint("##cell", hint.c_str(), buf, sizeof buf,
                                   ImGuiInputTextFlags_AutoSelectAll)) {
        text = buf;
        m_cell_errors.erase(key);
      }
      ImGui::EndDisabled();
      if (bad) ImGui::PopStyleColor();
      ui.marks.mark("settings.spend.cell." + s->id + "." + format_year_month(m_months[i]));
      if (text.empty()) {
        total += s->monthly_cost_cents;
        estimated = estimated || s->monthly_cost_cents != 0;
      } else if (const auto cents = parse_dollars(text)) {
        total += *cents;
      }
      ImGui::PopID();
    }
    ImGui::TableNextColumn();
    ImGui::AlignTextToFramePadding();
    const std::string total_text = (estimated ? "~" : "") + money_text(total);
    ImGui::TextUnformatted(total_text.c_str());
    ui.marks.mark("settings.spend.total." + s->id);
    ImGui::PopID();
  }
  end_catalog_table();
}

void SpendSettings::read_file(const Ui& ui) {
  const Workspace& ws = ui.session.workspace();
  const auto sources = live_sources(ws);
  SpendImportOptions options;
  if (m_source_choice >= 0 && static_cast<std::size_t>(m_source_choice) < sources.size())
    options.source = sources[static_cast<std::size_t>(m_source_choice)]->id;
  auto r = read_spend_csv(ws, m_file_bytes, options);
  if (r.ok()) {
    m_preview = std::move(r).value();
    m_file_error.clear();
  } else {
    m_preview.reset();
    m_file_error = m_file_name + ": " + r.error().message;
  }
}

void SpendSettings::draw_import(Ui& ui, float width) {
  if (auto file = m_intake.poll(ui, m_file_error)) {
    m_file_name = std::move(file->name);
    m_file_bytes = std::move(file->bytes);
    m_message.clear();
    read_file(ui);
  }
  const bool editable = ui.editable();
  if (m_file_bytes.empty()) {
    m_intake.draw_choose(ui, "Import spend CSV…", m_file_error);
    ImGui::SameLine(0, ui.px(10));
    ImGui::AlignTextToFramePadding();
    small_text(ui, "month,source,amount — or a Google Ads report or a Meta Ads Manager export.");
  }
  if (!m_file_error.empty()) {
    caption(ui, m_file_error.c_str(), &ui.pal.danger);
    ui.marks.mark("settings.spend.import.error");
  }
  ui.announce_shown("settings.spend.import.error", m_file_error);
  if (m_file_bytes.empty()) return;

  // Google and Meta files carry no source: the user names it, and the file is read again.
  const auto sources = live_sources(ui.session.workspace());
  gap(ui, 4);
  const int before = m_source_choice;
  choice_field(
      ui, "Lead source for Google Ads and Meta files", "settings.spend.import.source", m_source_choice,
      [&](int i) { return sources[static_cast<std::size_t>(i)]->name.c_str(); },
      static_cast<int>(sources.size()), std::min(width, ui.px(320)), editable);
  if (m_source_choice != before) read_file(ui);

  if (m_preview) {
    const SpendImport& p = *m_preview;
    const std::string summary = std::string(describe(p.format)) + ": " + std::to_string(p.rows_read) +
                                " rows read, " + std::to_string(p.rejected.size()) + " not counted; " +
                                std::to_string(p.totals.size()) + " months, " + money_text(p.total_cents()) +
                                " in all.";
    paragraph(ui, summary.c_str());
    ui.marks.mark("settings.spend.import.summary");
    if (!p.totals.empty() && begin_catalog_table(ui, "spend_preview", 4, std::min(width, ui.px(560)))) {
      ImGui::TableNextRow();
      for (const char* h : {"Source", "Month", "Amount", "Replaces"}) catalog_header_cell(ui, h);
      for (const SpendMonthTotal& t : p.totals) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        const LeadSource* s = find_item(ui.session.workspace().sources, t.source);
        ImGui::TextUnformatted(s != nullptr ? s->name.c_str() : t.source.c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(month_label(t.month).c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(money_text(t.cents).c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(t.previous ? money_text(*t.previous).c_str() : "—");
      }
      end_catalog_table();
    }
    for (std::size_t i = 0; i < p.rejected.size() && i < k_max_listed_rejects; ++i) {
      const std::string line =
          "Line " + std::to_string(p.rejected[i].line) + " not counted: " + p.rejected[i].reason;
      small_text(ui, line.c_str(), &ui.pal.warning);
    }
    if (p.rejected.size() > k_max_listed_rejects) {
      const std::string more = "… and " + std::to_string(p.rejected.size() - k_max_listed_rejects) + " more";
      small_text(ui, more.c_str(), &ui.pal.warning);
    }
    if (!p.rejected.empty()) ui.marks.mark("settings.spend.import.rejected");
  }
  gap(ui, 4);
  const bool can_apply = m_preview && !m_preview->totals.empty() && editable;
  if (button(ui, "Apply import", ButtonKind::primary, "settings.spend.import.apply", can_apply)) {
    const CommandResult r = ui.mutable_session.execute(m_preview->command(ui.platform.now_ms()));
    m_message = r.ok ? r.message + ". Undo with Ctrl+Z" : r.message;
    m_message_ok = r.ok;
    ui.announce(m_message);
    if (r.ok) {
      m_preview.reset();
      m_file_bytes.clear();
      m_file_name.clear();
    }
  }
  ImGui::SameLine(0, ui.px(10));
  if (button(ui, "Cancel", ButtonKind::secondary, "settings.spend.import.cancel")) {
    m_preview.reset();
    m_file_bytes.clear();
    m_file_name.clear();
    m_file_error.clear();
    m_intake.reset();
  }
}

void SpendSettings::draw(Ui& ui, float width) {
  sync(ui);
  const Workspace& ws = ui.session.workspace();
  if (live_sources(ws).empty()) {
    EmptyState empty;
    empty.icon = Icon::funnel;
    empty.title = "Ad spend";
    empty.what = "What you spend on each lead source per month: the cost side of return by source.";
    empty.why =
        "With it, Nurture shows the cost per lead, the cost per booking and what each euro or dollar "
        "brought back.";
    empty.steps = {"Add your lead sources above (Google Ads, Facebook, a newsletter…).",
                   "Type each month's spend here, or import a Google Ads or Meta Ads export.",
                   "Months left empty use the source's monthly cost as an estimate."};
    draw_empty_state(ui, empty, width);
    ui.marks.mark("settings.spend.empty");
    return;
  }
  Card card(ui, width);
  heading(ui, "Ad spend");
  caption(ui,
          "Spend per lead source and month, for cost per lead, cost per booking and return. An empty "
          "month uses the source's monthly cost (shown as ~) as an estimate.");
  gap(ui, 6);
  // Earlier months a page at a time; not while edits are unsaved (they belong to these months).
  const bool can_page = !dirty();
  if (button(ui, "Earlier", ButtonKind::secondary, "settings.spend.earlier", can_page && m_pages_back < 40)) {
    ++m_pages_back;
    sync(ui);
  }
  ImGui::SameLine(0, ui.px(8));
  if (button(ui, "Later", ButtonKind::secondary, "settings.spend.later", can_page && m_pages_back > 0)) {
    --m_pages_back;
    sync(ui);
  }
  ImGui::SameLine(0, ui.px(12));
  ImGui::AlignTextToFramePadding();
  const std::string shown = month_label(m_months.front()) + " – " + month_label(m_months.back()) +
                            (dirty() ? "   ·   save or discard to see other months" : "");
  small_text(ui, shown.c_str());
  gap(ui, 4);
  draw_grid(ui, card.inner_width());
  for (const auto& [key, message] : m_cell_errors) {
    const LeadSource* s = find_item(ws.sources, key.first);
    const std::string line =
        (s != nullptr ? s->name : key.first) + ", " + month_label(m_months[key.second]) + ": " + message;
    small_text(ui, line.c_str(), &ui.pal.danger);
  }
  gap(ui, 6);
  const bool editable = ui.editable();
  if (button(ui, "Save ad spend", ButtonKind::primary, "settings.spend.save", editable && dirty())) save(ui);
  ImGui::SameLine(0, ui.px(10));
  if (dirty() && button(ui, "Discard", ButtonKind::secondary, "settings.spend.discard", editable)) {
    m_cells = m_base;
    m_cell_errors.clear();
  }
  if (!m_message.empty()) {
    ImGui::SameLine(0, ui.px(14));
    ImGui::AlignTextToFramePadding();
    ImGui::PushStyleColor(ImGuiCol_Text, m_message_ok ? ui.pal.success : ui.pal.danger);
    ImGui::TextUnformatted(m_message.c_str());
    ImGui::PopStyleColor();
    ui.marks.mark("settings.spend.result");
  }
  gap(ui, 10);
  draw_import(ui, card.inner_width());
}

}  // namespace nurture::ui
