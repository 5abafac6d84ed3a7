// Today: the morning view. On first run it is a welcome with a short checklist, because an
// empty "nothing due" list teaches nothing to someone who has not set anything up.
#include <algorithm>
#include <string>

#include "core/util/text.hpp"
#include "web/ui/empty_state.hpp"
#include "web/ui/pages.hpp"
#include "web/ui/widgets.hpp"

namespace nurture::ui {

namespace {

/// One checklist row: a done/pending circle, a title and a line of help, and the action on the
/// right, so the three steps scan as one list rather than three separate forms.
void checklist_row(Ui& ui, float width, bool done, const char* title, const char* help, const char* action,
                   const char* mark, Page target, bool primary, bool last = false) {
  const ImVec2 pos = ImGui::GetCursorScreenPos();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float row_h = ui.px(56);
  const float d = ui.px(24);
  const ImVec2 c(pos.x + d * 0.5F, pos.y + row_h * 0.5F);
  if (done) {
    dl->AddCircleFilled(c, d * 0.5F, col(ui.pal.accent), 24);
    draw_icon(dl, Icon::check, c, d * 0.6F, col(ui.pal.accent_text));
  } else {
    dl->AddCircle(c, d * 0.5F - ui.px(1), col(ui.pal.faint), 24, ui.px(1.5F));
  }
  ImGui::PushFont(ui.fonts.strong);
  const float button_w = ImGui::CalcTextSize(action).x + ui.px(32);
  ImGui::PopFont();
  const float text_x = pos.x + d + ui.px(14);
  ImGui::SetCursorScreenPos(ImVec2(text_x, pos.y + ui.px(9)));
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width - d - ui.px(28) - button_w);
  ImGui::PushStyleColor(ImGuiCol_Text, done ? ui.pal.muted : ui.pal.text);
  label(ui, title);
  ImGui::PopStyleColor();
  ImGui::SetCursorScreenPos(ImVec2(text_x, ImGui::GetCursorScreenPos().y - ui.px(8)));
  caption(ui, help);
  ImGui::PopTextWrapPos();
  const float bottom = std::max(pos.y + row_h, ImGui::GetCursorScreenPos().y);
  if (done) {
    ImGui::SetCursorScreenPos(ImVec2(pos.x + width - button_w, c.y - ui.px(9)));
    caption(ui, "Done", &ui.pal.success);
  } else {
    ImGui::SetCursorScreenPos(ImVec2(pos.x + width - button_w, pos.y + (row_h - ui.px(35)) * 0.5F));
    if (button(ui, action, primary ? ButtonKind::primary : ButtonKind::secondary, mark)) ui.go_to = target;
  }
  if (!last)
    dl->AddLine(ImVec2(pos.x, bottom + ui.px(6)), ImVec2(pos.x + width, bottom + ui.px(6)),
                col(ui.pal.border));
  ImGui::SetCursorScreenPos(pos);
  ImGui::Dummy(ImVec2(width, bottom - pos.y + ui.px(6)));
}

void welcome(Ui& ui, float width) {
  const bool profile_done = has_postal_address(ui.session.workspace().practice);
  Card card(ui, width);
  icon_badge(ui, Icon::today, 48);
  gap(ui, 4);
  ImGui::PushFont(ui.fonts.title);
  ImGui::TextWrapped("Welcome to Nurture");
  ImGui::PopFont();
  paragraph(ui,
            "Nurture keeps every lead warm until they become a patient — welcome emails, education, consult "
            "reminders and follow-ups, due each morning on this page.");
  paragraph(ui,
            "Everything stays in this browser: your leads and patients never leave this device unless you "
            "export them.",
            true);
  gap(ui, 10);
  const float w = card.inner_width();
  checklist_row(ui, w, profile_done, "Set up your practice profile",
                "Your name and postal address go into every email, as anti-spam law requires.",
                "Set up your practice profile", "today.setup_profile", Page::settings, true);
  checklist_row(ui, w, false, "Bring in your leads",
                "From Meta lead ads, Mailchimp, HubSpot, your booking system or a spreadsheet.",
                "Go to Leads", "today.go_leads", Page::leads, profile_done);
  checklist_row(ui, w, false, "Choose a welcome sequence",
                "New leads get a friendly hello and a consultation invitation within minutes.",
                "See sequences", "today.go_sequences", Page::sequences, false, true);
}

}  // namespace

void draw_today_page(Ui& ui) {
  const float width = content_width(ui);
  if (trim(ui.session.workspace().practice.name).empty()) {
    welcome(ui, width);
    return;
  }
  EmptyState st;
  st.icon = Icon::today;
  st.title = "Nothing is due today";
  st.what =
      "Each morning this page lists the touches that are due — welcome emails, educational messages, consult "
      "reminders, post-visit follow-ups and review requests — with a one-click way to send each and log how "
      "it went.";
  st.why =
      "Leads who hear back within a day are far more likely to book. Today keeps that promise without a "
      "spreadsheet.";
  st.steps = {"Bring in your leads from a form, lead ads or a spreadsheet.",
              "Turn on a welcome sequence; its first touches appear here the same day."};
  st.primary = "Go to Leads";
  st.primary_mark = "today.go_leads";
  st.secondary = "Review practice profile";
  st.secondary_mark = "today.review_profile";
  switch (draw_empty_state(ui, st, width)) {
    case EmptyAction::primary:
      ui.go_to = Page::leads;
      break;
    case EmptyAction::secondary:
      ui.go_to = Page::settings;
      break;
    case EmptyAction::none:
      break;
  }
}

}  // namespace nurture::ui
