// The dashboard's empty state: the five stages drawn as a funnel, so the model the whole product
// follows is visible before any lead is in it.
#include "web/ui/empty_state.hpp"
#include "web/ui/pages.hpp"
#include "web/ui/widgets.hpp"

namespace nurture::ui {

namespace {

struct FunnelRow {
  const char* name;
  const char* what;
};

constexpr FunnelRow k_stages[] = {
    {"Awareness", "Found you: a blog article, search, social post or review"},
    {"Consideration", "Shared contact details; learning through your content"},
    {"Conversion", "Inquired, called or booked a consultation"},
    {"Patient", "Attended a visit or had a treatment"},
    {"Retained", "Came back, left a review or referred a friend"},
};

void funnel(Ui& ui, float width) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 pos = ImGui::GetCursorScreenPos();
  const float band = ui.px(44);
  const float gap_y = ui.px(6);
  const float top_w = std::min(width * 0.46F, ui.px(300));
  const float bottom_w = top_w * 0.36F;
  const float cx = pos.x + top_w * 0.5F;
  const int n = static_cast<int>(std::size(k_stages));
  for (int i = 0; i < n; ++i) {
    const float t0 = static_cast<float>(i) / static_cast<float>(n);
    const float t1 = static_cast<float>(i + 1) / static_cast<float>(n);
    const float w0 = top_w + (bottom_w - top_w) * t0;
    const float w1 = top_w + (bottom_w - top_w) * t1;
    const float y0 = pos.y + static_cast<float>(i) * (band + gap_y);
    const float y1 = y0 + band;
    // Deeper stages are darker: the funnel narrows toward the patients who matter most.
    const float a = 0.35F + 0.65F * t1;
    const ImVec2 quad[4] = {ImVec2(cx - w0 * 0.5F, y0), ImVec2(cx + w0 * 0.5F, y0),
                            ImVec2(cx + w1 * 0.5F, y1), ImVec2(cx - w1 * 0.5F, y1)};
    dl->AddConvexPolyFilled(quad, 4, col(ui.pal.accent, a));
    const char* count = "0";
    const ImVec2 cs = ImGui::CalcTextSize(count);
    dl->AddText(ImVec2(cx - cs.x * 0.5F, y0 + (band - cs.y) * 0.5F), col(ui.pal.accent_text), count);
    const float tx = pos.x + top_w + ui.px(24);
    ImGui::SetCursorScreenPos(ImVec2(tx, y0 + ui.px(2)));
    label(ui, k_stages[i].name);
    ImGui::SetCursorScreenPos(ImVec2(tx, ImGui::GetCursorScreenPos().y - ui.px(9)));
    small_text(ui, k_stages[i].what);
  }
  ImGui::SetCursorScreenPos(pos);
  ImGui::Dummy(ImVec2(width, static_cast<float>(n) * (band + gap_y)));
}

}  // namespace

void draw_funnel_empty_state(Ui& ui) {
  EmptyState st;
  st.icon = Icon::funnel;
  st.title = "Your funnel is empty";
  st.what =
      "Every lead sits in one stage, from first contact to loyal patient. Here you will see how many are in "
      "each, how fast they move, and where they stall.";
  st.why = "A stage where leads pile up tells you exactly which sequence or content to improve next.";
  st.primary = "Go to Leads";
  st.primary_mark = "funnel.go_leads";
  const EmptyAction action =
      draw_empty_state(ui, st, content_width(ui), [&ui](float inner) { funnel(ui, inner); });
  if (action == EmptyAction::primary) ui.go_to = Page::leads;
}

}  // namespace nurture::ui
