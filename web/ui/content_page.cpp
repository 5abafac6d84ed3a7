// Content: the educational library that sequences link to and whose reading time counts as
// engagement.
#include <algorithm>
#include <string>

#include "web/ui/empty_state.hpp"
#include "web/ui/pages.hpp"
#include "web/ui/widgets.hpp"

namespace nurture::ui {

namespace {

/// A row of soft chips naming the kinds of content.
void chips(Ui& ui, float width) {
  const char* kinds[] = {"Treatment guides", "Before & after", "Physician credentials",
                         "Videos",           "FAQs",           "What to expect"};
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImGui::PushFont(ui.fonts.small);
  const float h = ImGui::GetTextLineHeight() + ui.px(10);
  const float left = ImGui::GetCursorScreenPos().x;
  ImVec2 pos = ImGui::GetCursorScreenPos();
  for (const char* k : kinds) {
    const float w = ImGui::CalcTextSize(k).x + ui.px(22);
    if (pos.x + w > left + width) pos = ImVec2(left, pos.y + h + ui.px(8));
    dl->AddRectFilled(pos, ImVec2(pos.x + w, pos.y + h), col(ui.pal.accent_soft), h * 0.5F);
    dl->AddText(ImVec2(pos.x + ui.px(11), pos.y + ui.px(5)), col(ui.pal.accent), k);
    pos.x += w + ui.px(8);
  }
  ImGui::PopFont();
  ImGui::Dummy(ImVec2(width, pos.y + h - ImGui::GetCursorScreenPos().y));
}

const char* kind_label(ContentKind kind) {
  switch (kind) {
    case ContentKind::article:
      return "Article";
    case ContentKind::guide:
      return "Guide";
    case ContentKind::video:
      return "Video";
    case ContentKind::faq:
      return "FAQ";
    case ContentKind::testimonial:
      return "Testimonial";
    case ContentKind::before_after:
      return "Before & after";
  }
  return "Other";
}

const char* stage_label(Stage stage) {
  switch (stage) {
    case Stage::awareness:
      return "Awareness";
    case Stage::consideration:
      return "Consideration";
    case Stage::conversion:
      return "Conversion";
    case Stage::patient:
      return "Patient";
    case Stage::retained:
      return "Retained";
  }
  return "";
}

/// The library as a read-only table, in the order items were added.
void library_table(Ui& ui, const Workspace& ws, float width) {
  Card card(ui, width);
  const auto live =
      std::count_if(ws.content.begin(), ws.content.end(), [](const ContentItem& c) { return !c.deleted; });
  const std::string title = std::to_string(live) + (live == 1 ? " piece" : " pieces") + " in the library";
  heading(ui, title.c_str());
  caption(ui,
          "Each piece is written for a funnel stage; sequences link to it and views count as engagement.");
  gap(ui, 4);
  ImGui::PushStyleVar(ImGuiStyleVar_CellPadding, ImVec2(ui.px(8), ui.px(6)));
  if (ImGui::BeginTable("library", 5,
                        ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                            ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_NoSavedSettings,
                        ImVec2(card.inner_width(), 0))) {
    ImGui::TableSetupColumn("Title", ImGuiTableColumnFlags_WidthStretch, 5.0F);
    ImGui::TableSetupColumn("Kind", ImGuiTableColumnFlags_WidthStretch, 1.4F);
    ImGui::TableSetupColumn("Stage", ImGuiTableColumnFlags_WidthStretch, 1.5F);
    ImGui::TableSetupColumn("Treatment", ImGuiTableColumnFlags_WidthStretch, 1.8F);
    ImGui::TableSetupColumn("Minutes", ImGuiTableColumnFlags_WidthFixed, ui.px(64));
    ImGui::TableNextRow();
    for (const char* h : {"Title", "Kind", "Stage", "Treatment", "Min"}) {
      ImGui::TableNextColumn();
      ImGui::PushFont(ui.fonts.small);
      ImGui::PushStyleColor(ImGuiCol_Text, ui.pal.muted);
      ImGui::TextUnformatted(h);
      ImGui::PopStyleColor();
      ImGui::PopFont();
    }
    for (const ContentItem& c : ws.content) {
      if (c.deleted) continue;
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      // Long titles wrap inside their column instead of running under the next one.
      ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + ImGui::GetContentRegionAvail().x);
      ImGui::TextUnformatted(c.title.c_str());
      ImGui::PopTextWrapPos();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(kind_label(c.kind));
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(stage_label(c.stage));
      ImGui::TableNextColumn();
      const Treatment* t = c.treatment.empty() ? nullptr : find_item(ws.treatments, c.treatment);
      ImGui::PushStyleColor(ImGuiCol_Text, t != nullptr ? ui.pal.text : ui.pal.muted);
      ImGui::TextWrapped(
          "%s", t != nullptr ? t->name.c_str() : (c.treatment.empty() ? "General" : c.treatment.c_str()));
      ImGui::PopStyleColor();
      ImGui::TableNextColumn();
      ImGui::Text("%u", static_cast<unsigned>(c.minutes));
    }
    ImGui::EndTable();
    ui.marks.mark("content.table");
  }
  ImGui::PopStyleVar();
}

}  // namespace

void draw_content_page(Ui& ui) {
  const Workspace& ws = ui.session.workspace();
  if (std::any_of(ws.content.begin(), ws.content.end(), [](const ContentItem& c) { return !c.deleted; })) {
    library_table(ui, ws, content_width(ui));
    return;
  }
  EmptyState st;
  st.icon = Icon::content;
  st.title = "Your content library is empty";
  st.what =
      "Articles, guides, videos and FAQs, each tied to a treatment and a funnel stage, ready to drop into a "
      "sequence. Nurture tracks which pieces leads read and for how long.";
  st.why =
      "Patients choose the practice they trust. Honest education — what a treatment involves, who performs "
      "it, what recovery is like — builds that trust before the first visit.";
  st.steps = {"Add your website in Settings so messages link to your own pages.",
              "List the pages you already have; tag each with a treatment and a stage."};
  st.primary = "Add your website";
  st.primary_mark = "content.website";
  const EmptyAction action =
      draw_empty_state(ui, st, content_width(ui), [&ui](float inner) { chips(ui, inner); });
  if (action == EmptyAction::primary) ui.go_to = Page::settings;
}

}  // namespace nurture::ui
