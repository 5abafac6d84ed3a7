// Content: the educational library that sequences link to and whose reading time counts as
// engagement.
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

}  // namespace

void draw_content_page(Ui& ui) {
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
