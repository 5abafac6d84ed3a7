// Sequences: shows the three kinds a practice starts with, so the page explains itself before
// the first sequence exists.
#include "web/ui/empty_state.hpp"
#include "web/ui/pages.hpp"
#include "web/ui/widgets.hpp"

namespace nurture::ui {

namespace {

struct Kind {
  const char* name;
  const char* steps;
};

constexpr Kind k_kinds[] = {
    {"Welcome", "Day 0 email: thanks and what to expect  →  Day 2 text: book a consultation"},
    {"Education", "Weekly: the treatment explained, credentials, before-and-after stories, FAQs"},
    {"Reminders", "2 days and 2 hours before the consult  →  after the visit: feedback and review"},
};

void kinds(Ui& ui, float width) {
  for (const Kind& k : k_kinds) {
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    const float h = ui.px(58);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(pos, ImVec2(pos.x + width, pos.y + h), col(ui.pal.bg), ui.px(8));
    draw_icon(dl, Icon::sequences, ImVec2(pos.x + ui.px(24), pos.y + h * 0.5F), ui.px(18),
              col(ui.pal.accent));
    ImGui::SetCursorScreenPos(ImVec2(pos.x + ui.px(48), pos.y + ui.px(9)));
    label(ui, k.name);
    ImGui::SetCursorScreenPos(ImVec2(pos.x + ui.px(48), ImGui::GetCursorScreenPos().y - ui.px(8)));
    small_text(ui, k.steps);
    ImGui::SetCursorScreenPos(pos);
    ImGui::Dummy(ImVec2(width, h));
  }
}

}  // namespace

void draw_sequences_page(Ui& ui) {
  EmptyState st;
  st.icon = Icon::sequences;
  st.title = "No sequences yet";
  st.what =
      "A sequence is a series of touches — email, text, call or social — sent on a schedule, with "
      "conditions and exits: it stops the moment a lead books or opts out.";
  st.why =
      "Most leads are not ready on day one. A steady, helpful sequence keeps your practice in mind until "
      "they are.";
  st.primary = "Check your sender details";
  st.primary_mark = "sequences.sender";
  st.secondary = "Go to Leads";
  st.secondary_mark = "sequences.go_leads";
  const EmptyAction action = draw_empty_state(ui, st, content_width(ui), [&ui](float inner) {
    label(ui, "Where practices start");
    kinds(ui, inner);
    caption(ui, "Every email carries your practice name and postal address from Settings.");
  });
  if (action == EmptyAction::primary) ui.go_to = Page::settings;
  if (action == EmptyAction::secondary) ui.go_to = Page::leads;
}

}  // namespace nurture::ui
