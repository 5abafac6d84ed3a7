// Segments: explains the query language with one realistic example a practice would write.
#include "web/ui/empty_state.hpp"
#include "web/ui/pages.hpp"
#include "web/ui/widgets.hpp"

namespace nurture::ui {

namespace {

constexpr const char* k_example =
    "interest = \"botox\" and opened(educational, 30d) >= 2\n    and not booked and consent(text)";

/// The example query in a monospace-like code box.
void example_box(Ui& ui, float width) {
  caption(ui,
          "Example: Botox leads who read two educational emails this month, never booked, and accept texts");
  const ImVec2 pos = ImGui::GetCursorScreenPos();
  const float pad = ui.px(14);
  const ImVec2 ts = ImGui::CalcTextSize(k_example, nullptr, false, width - 2 * pad);
  const ImVec2 max(pos.x + width, pos.y + ts.y + 2 * pad);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(pos, max, col(ui.pal.bg), ui.px(8));
  dl->AddRectFilled(pos, ImVec2(pos.x + ui.px(3), max.y), col(ui.pal.accent), ui.px(2));
  ImGui::SetCursorScreenPos(ImVec2(pos.x + pad, pos.y + pad));
  ImGui::PushStyleColor(ImGuiCol_Text, ui.pal.text);
  ImGui::TextUnformatted(k_example);
  ImGui::PopStyleColor();
  ImGui::SetCursorScreenPos(pos);
  ImGui::Dummy(ImVec2(width, max.y - pos.y));
}

}  // namespace

void draw_segments_page(Ui& ui) {
  EmptyState st;
  st.icon = Icon::segments;
  st.title = "No segments yet";
  st.what =
      "A segment is a saved question about your leads, counted live: who is interested in what, how they "
      "engage, and what they have consented to.";
  st.why =
      "The right message to the right people is what turns interest into consultations — and keeps "
      "everyone else from feeling spammed.";
  st.steps = {"Combine attributes (interest, source, age, tags) with behaviour (opened, clicked, booked).",
              "Use time windows such as 30d, and consent(email | text | phone) before messaging.",
              "Save the segment, then enrol it in a sequence."};
  st.primary = "Copy the example query";
  st.primary_mark = "segments.copy_example";
  st.secondary = "Go to Leads";
  st.secondary_mark = "segments.go_leads";
  const EmptyAction action =
      draw_empty_state(ui, st, content_width(ui), [&ui](float inner) { example_box(ui, inner); });
  if (action == EmptyAction::primary) {
    ImGui::SetClipboardText(k_example);
    ui.platform.announce("Example query copied");
  } else if (action == EmptyAction::secondary) {
    ui.go_to = Page::leads;
  }
}

}  // namespace nurture::ui
