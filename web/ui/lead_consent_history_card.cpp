// The lead view's Consent history card: the lead's consent ledger entries, newest first (when,
// channel and purpose, change, source; the evidence in a tooltip), whether its chains verify, and
// "Export ledger" for an audit (docs/consent-ledger.md).
#include <imgui.h>

#include "core/io/ledger_json.hpp"
#include "core/util/text.hpp"
#include "web/ui/format.hpp"
#include "web/ui/import_export_page.hpp"
#include "web/ui/lead_view.hpp"
#include "web/ui/widgets.hpp"

namespace nurture::ui {

namespace {

constexpr std::size_t k_history_rows = 50;

const char* change_label(ConsentChange change) {
  switch (change) {
    case ConsentChange::granted:
      return "Granted";
    case ConsentChange::withdrawn:
      return "Withdrawn";
    case ConsentChange::opted_out:
      return "Opted out";
    case ConsentChange::opt_out_lifted:
      return "Opt-out lifted";
  }
  return "";
}

const char* source_label(LedgerSource source) {
  switch (source) {
    case LedgerSource::manual:
      return "By hand";
    case LedgerSource::import:
      return "Import";
    case LedgerSource::form:
      return "Form";
    case LedgerSource::unsubscribe:
      return "Unsubscribe";
    case LedgerSource::sync:
      return "Sync";
    case LedgerSource::undo:
      return "Undo";
    case LedgerSource::baseline:
      return "On file";
  }
  return "";
}

}  // namespace

void LeadView::consent_history_card(Ui& ui, float width) {
  const Workspace& ws = ui.session.workspace();
  if (m_history_revision != ws.revision || m_history_lead != m_id) {
    m_history = ws.ledger.lead_entries(m_id);
    m_history_intact = !verify_entries(ledger_export_entries(ws, m_id));
    m_history_revision = ws.revision;
    m_history_lead = m_id;
  }
  Card card(ui, width);
  heading(ui, "Consent history");
  ui.marks.mark("lead.consent_history");
  const float inner = card.inner_width();
  if (m_history.empty()) {
    caption(ui,
            "No consent or opt-out changes recorded yet. Each one is kept here, tamper-evident, for audits.");
  } else {
    constexpr ImGuiTableFlags k_flags =
        ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp;
    ImGui::PushFont(ui.fonts.small);
    if (ImGui::BeginTable("consent_history", 4, k_flags, ImVec2(inner, 0))) {
      ImGui::TableSetupColumn("When", ImGuiTableColumnFlags_WidthStretch, 1.1F);
      ImGui::TableSetupColumn("Channel", ImGuiTableColumnFlags_WidthStretch, 1.3F);
      ImGui::TableSetupColumn("Change", ImGuiTableColumnFlags_WidthStretch, 1.1F);
      ImGui::TableSetupColumn("Source", ImGuiTableColumnFlags_WidthStretch, 0.9F);
      ImGui::TableHeadersRow();
      const std::size_t shown = std::min(m_history.size(), k_history_rows);
      for (std::size_t n = 0; n < shown; ++n) {
        const std::size_t i = m_history.size() - 1 - n;  // newest first
        const LedgerEntry& e = m_history[i];
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(format_day(e.at, ui.platform.local_utc_offset_minutes(e.at)).c_str());
        ImGui::TableNextColumn();
        std::string channel = channel_label(e.channel);
        if (e.purpose) channel += std::string(" · ") + purpose_label(*e.purpose);
        ImGui::TextUnformatted(channel.c_str());
        ImGui::TableNextColumn();
        const bool good = e.change == ConsentChange::granted || e.change == ConsentChange::opt_out_lifted;
        ImGui::PushStyleColor(ImGuiCol_Text, good ? ui.pal.success : ui.pal.warning);
        ImGui::TextUnformatted(change_label(e.change));
        ImGui::PopStyleColor();
        // The evidence behind the change, on hovering it.
        const bool hovered_row = ImGui::IsItemHovered();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(source_label(e.source));
        ui.marks.mark("lead.consent_history." + std::to_string(i) + "." + std::string(to_string(e.change)));
        if (hovered_row) {
          std::string tip = "How: " + e.method;
          if (!e.wording.empty()) tip += "\nWording: " + e.wording;
          if (!e.reason.empty()) tip += "\nReason: " + e.reason;
          tip += "\nRecorded " +
                 format_day_time(e.recorded.millis, ui.platform.local_utc_offset_minutes(e.at)) + "\nEntry " +
                 std::to_string(e.seq) + " · " + e.hash.substr(0, 12) + "…";
          ImGui::SetTooltip("%s", tip.c_str());
        }
      }
      ImGui::EndTable();
    }
    ImGui::PopFont();
    if (m_history.size() > k_history_rows) {
      const std::string more = format_thousands(m_history.size() - k_history_rows) + " earlier in the export";
      caption(ui, more.c_str());
    }
  }
  gap(ui, 4);
  const std::string status = count_noun(m_history.size(), "entry", "entries") +
                             (m_history_intact ? " · hash chain intact" : " · hash chain BROKEN");
  caption(ui, status.c_str(), m_history_intact ? nullptr : &ui.pal.danger);
  ui.marks.mark(m_history_intact ? "lead.consent_history.intact" : "lead.consent_history.broken");
  ImGui::SameLine(inner - ui.px(120));
  ImGui::PushFont(ui.fonts.small);
  if (button(ui, "Export ledger", ButtonKind::quiet, "lead.consent_history.export", !m_history.empty())) {
    const UnixMillis now = ui.platform.now_ms();
    std::string name = export_file_name(ui);
    name.replace(name.find("workspace"), 9, "consent-ledger-" + to_string(m_id));
    ui.platform.download(name, "application/json", ledger_export_json(ws, m_id, now));
    m_result_ok = true;
    m_result = "Exported " + name + " (digest " +
               ledger_digest(ledger_export_entries(ws, m_id)).substr(0, 16) + "…)";
    ui.announce(m_result);
  }
  ImGui::PopFont();
}

}  // namespace nurture::ui
