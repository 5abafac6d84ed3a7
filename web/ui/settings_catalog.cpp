#include "web/ui/settings_catalog.hpp"

#include <algorithm>
#include <charconv>

#include "core/commands/command.hpp"
#include "core/util/text.hpp"
#include "web/ui/catalog_editing.hpp"
#include "web/ui/widgets.hpp"

namespace nurture::ui {

namespace {

constexpr const char* k_source_kind_labels[] = {"Paid ads", "Organic search", "Social", "Referral",
                                                "Email",    "Offline",        "Other"};

const char* noun_mark(CatalogKind kind) { return kind == CatalogKind::treatment ? "treatments" : "sources"; }

}  // namespace

std::optional<std::int64_t> parse_dollars(std::string_view text) {
  std::string digits;
  bool dot = false;
  int decimals = 0;
  for (const char c : text) {
    if (c == '$' || c == ',' || c == ' ') continue;
    if (c == '.' && !dot) {
      dot = true;
    } else if (c >= '0' && c <= '9') {
      if (dot && ++decimals > 2) return std::nullopt;
      digits.push_back(c);
    } else {
      return std::nullopt;
    }
  }
  if (digits.empty()) return text.empty() ? std::optional<std::int64_t>(0) : std::nullopt;
  while (decimals++ < 2) digits.push_back('0');
  if (digits.size() > 15) return std::nullopt;
  std::int64_t cents = 0;
  std::from_chars(digits.data(), digits.data() + digits.size(), cents);
  return cents;
}

std::string format_dollars(std::int64_t cents) {
  const std::string grouped = format_thousands(static_cast<std::uint64_t>(cents / 100));
  if (cents % 100 == 0) return grouped;
  const auto rest = cents % 100;
  return grouped + (rest < 10 ? ".0" : ".") + std::to_string(rest);
}

void CatalogSettings::start_edit(Ui& ui, CatalogKind kind, const std::string& id) {
  m_draft = Draft{};
  m_draft.kind = kind;
  m_draft.open = true;
  m_feedback.clear();
  const Workspace& ws = ui.session.workspace();
  if (kind == CatalogKind::treatment) {
    if (const Treatment* t = find_item(ws.treatments, id)) {
      m_draft = {kind,
                 true,
                 false,
                 t->id,
                 t->name,
                 t->category,
                 std::to_string(t->retreatment_days),
                 format_dollars(t->price_cents),
                 0};
    }
  } else if (const LeadSource* s = find_item(ws.sources, id)) {
    m_draft = {kind,
               true,
               false,
               s->id,
               s->name,
               "",
               "",
               format_dollars(s->monthly_cost_cents),
               static_cast<int>(s->kind)};
  }
}

void CatalogSettings::save(Ui& ui) {
  m_feedback.clear();
  auto& errors = m_feedback.errors;
  const Workspace& ws = ui.session.workspace();
  const bool treatment = m_draft.kind == CatalogKind::treatment;
  // A new item's id comes from its name; a clash with a live item gets a number.
  const std::string id = !m_draft.is_new ? m_draft.id
                         : treatment     ? new_catalog_id(ws.treatments, m_draft.name)
                                         : new_catalog_id(ws.sources, m_draft.name);
  const auto money = parse_dollars(m_draft.money);
  if (!money) errors["money"] = "is not an amount in dollars, such as 450 or 1,250.00";
  CommandResult r;
  if (treatment) {
    int days = 0;
    const auto* end = m_draft.days.data() + m_draft.days.size();
    const auto [ptr, ec] = std::from_chars(m_draft.days.data(), end, days);
    if (!m_draft.days.empty() && (ec != std::errc() || ptr != end || days < 0 || days > 3650)) {
      errors["retreatment_days"] = "must be a whole number of days from 0 to 3650";
    }
    if (!errors.empty()) return;
    Treatment t{id, m_draft.name, m_draft.category, static_cast<std::uint16_t>(days), *money, {}, false};
    r = ui.mutable_session.execute(PutTreatment{t, ui.platform.now_ms()});
  } else {
    if (!errors.empty()) return;
    LeadSource s{id, m_draft.name, static_cast<SourceKind>(m_draft.source_kind), *money, {}, false};
    r = ui.mutable_session.execute(PutLeadSource{s, ui.platform.now_ms()});
  }
  m_message_kind = m_draft.kind;
  if (m_feedback.take(ui, r, {{"price_cents", "money"}, {"monthly_cost_cents", "money"}}))
    m_draft.open = false;
}

void CatalogSettings::remove(Ui& ui, CatalogKind kind, const std::string& id, const std::string& name) {
  m_message_kind = kind;
  delete_catalog_item(ui, kind, id, name, m_feedback);
  if (m_draft.open && m_draft.id == id) m_draft.open = false;
}

void CatalogSettings::draw_form(Ui& ui, float width) {
  const bool treatment = m_draft.kind == CatalogKind::treatment;
  const std::string base = std::string("settings.") + noun_mark(m_draft.kind) + ".";
  gap(ui, 6);
  label(ui, m_draft.is_new ? (treatment ? "New treatment" : "New lead source")
                           : (treatment ? "Edit treatment" : "Edit lead source"));
  const float gutter = ui.px(12);
  const float half = (width - gutter) * 0.5F;
  text_field(ui, "Name", (base + "name").c_str(), m_draft.name, m_feedback.error("name", "The name"), half,
             treatment ? "e.g. Botox" : "e.g. Google Ads");
  ImGui::SameLine(0, gutter);
  if (treatment) {
    text_field(ui, "Category", (base + "category").c_str(), m_draft.category,
               m_feedback.error("category", "The category"), half, "injectables, laser, skin…");
    text_field(ui, "Re-treatment after (days, 0 = one-off)", (base + "days").c_str(), m_draft.days,
               m_feedback.error("retreatment_days", "The interval"), half, "90");
    ImGui::SameLine(0, gutter);
    text_field(ui, "Typical price ($)", (base + "money").c_str(), m_draft.money,
               m_feedback.error("money", "The price"), half, "450");
  } else {
    choice_field(
        ui, "Kind", (base + "kind").c_str(), m_draft.source_kind,
        [](int i) { return k_source_kind_labels[i]; }, static_cast<int>(std::size(k_source_kind_labels)),
        half);
    text_field(ui, "Monthly cost ($)", (base + "money").c_str(), m_draft.money,
               m_feedback.error("money", "The monthly cost"), half, "0");
  }
  if (const auto it = m_feedback.errors.find("id"); it != m_feedback.errors.end())
    caption(ui, it->second.c_str(), &ui.pal.danger);
  if (button(ui, "Save", ButtonKind::primary, (base + "save").c_str(), ui.editable())) save(ui);
  ImGui::SameLine(0, ui.px(10));
  if (button(ui, "Cancel", ButtonKind::secondary, (base + "cancel").c_str())) {
    m_draft.open = false;
    m_feedback.errors.clear();
  }
}

void CatalogSettings::draw_treatments(Ui& ui, float width) {
  Card card(ui, width);
  heading(ui, "Treatments");
  caption(
      ui,
      "What the practice offers. The re-treatment interval decides when a patient is due again for recall "
      "reminders; 0 means a one-off.");
  gap(ui, 4);
  const auto& items = ui.session.workspace().treatments;
  const bool editable = ui.editable();
  if (std::none_of(items.begin(), items.end(), [](const Treatment& t) { return !t.deleted; })) {
    paragraph(ui, "No treatments yet. Add the ones you offer, with the usual interval and price.", true);
  } else if (begin_catalog_table(ui, "treatments", 5, card.inner_width())) {
    ImGui::TableSetupColumn("Name", ImGuiTableColumnFlags_WidthStretch, 3.0F);
    ImGui::TableSetupColumn("Category", ImGuiTableColumnFlags_WidthStretch, 2.0F);
    ImGui::TableSetupColumn("Re-treatment", ImGuiTableColumnFlags_WidthStretch, 1.6F);
    ImGui::TableSetupColumn("Price", ImGuiTableColumnFlags_WidthStretch, 1.3F);
    ImGui::TableSetupColumn("Actions", ImGuiTableColumnFlags_WidthFixed, ui.px(120));
    ImGui::TableNextRow();
    for (const char* h : {"Name", "Category", "Re-treatment", "Price", ""}) catalog_header_cell(ui, h);
    std::optional<std::pair<std::string, std::string>> to_delete;
    for (const Treatment& t : items) {
      if (t.deleted) continue;
      ImGui::PushID(t.id.c_str());
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::AlignTextToFramePadding();
      ImGui::TextUnformatted(t.name.c_str());
      ui.marks.mark("settings.treatments.row." + t.id);
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(t.category.c_str());
      ImGui::TableNextColumn();
      const std::string days =
          t.retreatment_days == 0 ? "one-off" : count_noun(t.retreatment_days, "day", "days");
      ImGui::TextUnformatted(days.c_str());
      ImGui::TableNextColumn();
      const std::string price = t.price_cents == 0 ? "—" : "$" + format_dollars(t.price_cents);
      ImGui::TextUnformatted(price.c_str());
      ImGui::TableNextColumn();
      switch (row_actions(ui, "settings.treatments", t.id, editable)) {
        case RowAction::edit:
          start_edit(ui, CatalogKind::treatment, t.id);
          break;
        case RowAction::remove:
          to_delete = {t.id, t.name};
          break;
        case RowAction::none:
          break;
      }
      ImGui::PopID();
    }
    end_catalog_table();
    if (to_delete) remove(ui, CatalogKind::treatment, to_delete->first, to_delete->second);
  }
  if (m_draft.open && m_draft.kind == CatalogKind::treatment) {
    draw_form(ui, card.inner_width());
  } else if (button(ui, "Add treatment", ButtonKind::secondary, "settings.treatments.add", editable)) {
    m_draft = Draft{CatalogKind::treatment, true, true, "", "", "", "0", "", 0};
    m_feedback.clear();
  }
  if (m_message_kind == CatalogKind::treatment) m_feedback.draw(ui, "settings.treatments.result");
}

void CatalogSettings::draw_sources(Ui& ui, float width) {
  Card card(ui, width);
  heading(ui, "Lead sources");
  caption(ui, "Where leads come from, and what each costs a month, for return on investment.");
  gap(ui, 4);
  const auto& items = ui.session.workspace().sources;
  const bool editable = ui.editable();
  if (std::none_of(items.begin(), items.end(), [](const LeadSource& s) { return !s.deleted; })) {
    paragraph(ui, "No lead sources yet. Add your ads, website, referrals and events.", true);
  } else if (begin_catalog_table(ui, "sources", 4, card.inner_width())) {
    ImGui::TableSetupColumn("Name", ImGuiTableColumnFlags_WidthStretch, 3.0F);
    ImGui::TableSetupColumn("Kind", ImGuiTableColumnFlags_WidthStretch, 1.8F);
    ImGui::TableSetupColumn("Monthly cost", ImGuiTableColumnFlags_WidthStretch, 1.6F);
    ImGui::TableSetupColumn("Actions", ImGuiTableColumnFlags_WidthFixed, ui.px(120));
    ImGui::TableNextRow();
    for (const char* h : {"Name", "Kind", "Monthly cost", ""}) catalog_header_cell(ui, h);
    std::optional<std::pair<std::string, std::string>> to_delete;
    for (const LeadSource& s : items) {
      if (s.deleted) continue;
      ImGui::PushID(s.id.c_str());
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::AlignTextToFramePadding();
      ImGui::TextUnformatted(s.name.c_str());
      ui.marks.mark("settings.sources.row." + s.id);
      ImGui::TableNextColumn();
      const auto kind = static_cast<std::size_t>(s.kind);
      ImGui::TextUnformatted(kind < std::size(k_source_kind_labels) ? k_source_kind_labels[kind] : "Other");
      ImGui::TableNextColumn();
      const std::string cost =
          s.monthly_cost_cents == 0 ? "free" : "$" + format_dollars(s.monthly_cost_cents);
      ImGui::TextUnformatted(cost.c_str());
      ImGui::TableNextColumn();
      switch (row_actions(ui, "settings.sources", s.id, editable)) {
        case RowAction::edit:
          start_edit(ui, CatalogKind::source, s.id);
          break;
        case RowAction::remove:
          to_delete = {s.id, s.name};
          break;
        case RowAction::none:
          break;
      }
      ImGui::PopID();
    }
    end_catalog_table();
    if (to_delete) remove(ui, CatalogKind::source, to_delete->first, to_delete->second);
  }
  if (m_draft.open && m_draft.kind == CatalogKind::source) {
    draw_form(ui, card.inner_width());
  } else if (button(ui, "Add lead source", ButtonKind::secondary, "settings.sources.add", editable)) {
    m_draft = Draft{CatalogKind::source, true, true, "", "", "", "", "", 0};
    m_feedback.clear();
  }
  if (m_message_kind == CatalogKind::source) m_feedback.draw(ui, "settings.sources.result");
}

}  // namespace nurture::ui
