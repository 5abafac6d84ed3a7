#include "web/ui/import_export_page.hpp"

#include "core/io/workspace_json.hpp"
#include "core/util/civil_time.hpp"
#include "web/ui/empty_state.hpp"
#include "web/ui/widgets.hpp"

namespace nurture::ui {

namespace {

struct Source {
  const char* name;
  const char* detail;
};

constexpr Source k_sources[] = {
    {"Spreadsheet (CSV)", "Any sheet with a header row: name, email, phone, interest, source…"},
    {"Meta lead ads", "The CSV download from Ads Manager or Meta Business Suite"},
    {"Mailchimp", "An audience export, including tags and consent"},
    {"HubSpot", "A contacts export with lifecycle stage"},
    {"Nurture workspace (.json)",
     "A file exported from Nurture on another device, merged without duplicates"},
};

void source_list(Ui& ui) {
  for (const Source& s : k_sources) {
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    ImGui::GetWindowDrawList()->AddCircleFilled(
        ImVec2(pos.x + ui.px(4), pos.y + ImGui::GetTextLineHeight() * 0.5F), ui.px(3), col(ui.pal.accent),
        10);
    ImGui::SetCursorScreenPos(ImVec2(pos.x + ui.px(16), pos.y));
    ImGui::BeginGroup();
    label(ui, s.name);
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() - ui.px(8));
    caption(ui, s.detail);
    ImGui::EndGroup();
  }
}

}  // namespace

void export_workspace(Ui& ui) {
  const std::int64_t now = ui.platform.now_ms();
  const std::int64_t local =
      now + static_cast<std::int64_t>(ui.platform.local_utc_offset_minutes(now)) * 60000;
  const std::string name = "nurture-workspace-" + format_date(utc_date(local)) + ".json";
  ui.platform.download(name, "application/json", workspace_to_json(ui.session.workspace()));
  ui.platform.announce("Exported " + name);
}

void draw_import_export_page(Ui& ui) {
  const float width = content_width(ui);
  {
    Card card(ui, width);
    icon_badge(ui, Icon::import_export, 48);
    gap(ui, 4);
    heading(ui, "Export everything");
    paragraph(
        ui,
        "One file holds your whole workspace: practice profile, leads, segments, sequences and history. "
        "Keep it as a backup, or import it on another device to keep both in step.");
    gap(ui, 4);
    if (button(ui, "Export workspace (.json)", ButtonKind::primary, "import_export.export"))
      export_workspace(ui);
    gap(ui, 4);
    caption(ui,
            "The file contains patient contact details. Store it like any patient record — never email it "
            "unencrypted.");
  }
  gap(ui, 16);
  {
    Card card(ui, width);
    heading(ui, "Import leads");
    ImGui::SameLine(0, ui.px(10));
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() + ui.px(2));
    chip(ui, "Coming in the next update");
    paragraph(ui,
              "Nurture will read these files. Before anything changes you will see a preview — new leads, "
              "updates and conflicts — and every import can be undone. Until then, keep your exports handy.",
              true);
    gap(ui, 4);
    source_list(ui);
    gap(ui, 6);
    caption(ui, "Files are read inside this browser tab. Nothing is uploaded anywhere.", &ui.pal.accent);
  }
}

}  // namespace nurture::ui
