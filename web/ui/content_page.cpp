#include "web/ui/content_page.hpp"

#include <algorithm>
#include <charconv>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/commands/command.hpp"
#include "core/util/text.hpp"
#include "web/ui/empty_state.hpp"
#include "web/ui/format.hpp"
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

/// The live treatments, for the form's choice: index 0 is "General".
std::vector<const Treatment*> live_treatments(const Workspace& ws) {
  std::vector<const Treatment*> out;
  for (const Treatment& t : ws.treatments) {
    if (!t.deleted) out.push_back(&t);
  }
  return out;
}

std::size_t live_count(const Workspace& ws) {
  return static_cast<std::size_t>(
      std::count_if(ws.content.begin(), ws.content.end(), [](const ContentItem& c) { return !c.deleted; }));
}

}  // namespace

void ContentPage::open_add_form() {
  m_draft = Draft{};
  m_draft.open = true;
  m_focus_title = true;
  m_feedback.clear();
}

void ContentPage::start_edit(const ContentItem& item) {
  m_draft = Draft{true,
                  false,
                  item.id,
                  item.title,
                  item.url,
                  item.minutes == 0 ? std::string() : std::to_string(item.minutes),
                  item.treatment,
                  static_cast<int>(item.kind),
                  static_cast<int>(item.stage)};
  m_focus_title = true;
  m_feedback.clear();
}

void ContentPage::save(Ui& ui) {
  m_feedback.clear();
  auto& errors = m_feedback.errors;
  // Checked here before the command: the core accepts any text as an address, and a draft's
  // minutes are text until they are a number.
  if (trim(m_draft.title).empty()) errors["title"] = "is required";
  const std::string url(trim(m_draft.url));
  if (auto problem = web_address_problem(url); !problem.empty()) errors["url"] = std::move(problem);
  unsigned minutes = 0;
  if (const auto m = trim(m_draft.minutes); !m.empty()) {
    const auto [end, ec] = std::from_chars(m.data(), m.data() + m.size(), minutes);
    if (ec != std::errc() || end != m.data() + m.size() || minutes > 600) {
      errors["minutes"] = "must be a whole number of minutes from 0 to 600";
    }
  }
  if (!errors.empty()) {
    m_feedback.ok = false;
    m_feedback.message = "Check the highlighted fields.";
    ui.announce(m_feedback.message);
    return;
  }
  const Workspace& ws = ui.session.workspace();
  ContentItem item;
  item.id = m_draft.is_new ? new_catalog_id(ws.content, m_draft.title) : m_draft.id;
  item.title = std::string(trim(m_draft.title));
  item.kind =
      static_cast<ContentKind>(std::clamp(m_draft.kind, 0, static_cast<int>(k_content_kind_count) - 1));
  item.stage = static_cast<Stage>(std::clamp(m_draft.stage, 0, static_cast<int>(k_stage_count) - 1));
  item.treatment = m_draft.treatment;
  item.url = url;
  item.minutes = static_cast<std::uint16_t>(minutes);
  const CommandResult r = ui.mutable_session.execute(PutContentItem{item, ui.platform.now_ms()});
  if (m_feedback.take(ui, r)) {
    m_draft.open = false;
    m_undo_revision = 0;
  }
}

void ContentPage::draw_form(Ui& ui, float width) {
  Card card(ui, width);
  heading(ui, m_draft.is_new ? "New content item" : "Edit content item");
  caption(ui, "A page or video on your website that a sequence can send. The title is what leads see.");
  gap(ui, 6);
  const Workspace& ws = ui.session.workspace();
  const bool editable = ui.editable();
  const float inner = card.inner_width();
  const float gutter = ui.px(12);
  const float half = (inner - gutter) * 0.5F;
  if (m_focus_title) {
    ImGui::SetKeyboardFocusHere();
    m_focus_title = false;
  }
  text_field(ui, "Title", "content.form.title", m_draft.title, m_feedback.error("title", "The title"), inner,
             "e.g. What to expect after Botox", editable);
  text_field(ui, "Web address", "content.form.url", m_draft.url, m_feedback.error("url", "The address"),
             inner, "https://yourpractice.com/botox-aftercare", editable);
  // Two fields side by side start at the same height (SameLine would lower the second by the
  // frame padding, as it aligns text to the previous line's frames).
  const float x = ImGui::GetCursorPosX();
  float row_y = ImGui::GetCursorPosY();
  const auto right_column = [&] {
    const float bottom = ImGui::GetCursorPosY();
    ImGui::SetCursorPos(ImVec2(x + half + gutter, row_y));
    return bottom;
  };
  const auto end_row = [&](float left_bottom) {
    ImGui::SetCursorPos(ImVec2(x, std::max(left_bottom, ImGui::GetCursorPosY())));
  };
  choice_field(
      ui, "Kind", "content.form.kind", m_draft.kind,
      [](int i) { return content_kind_label(static_cast<ContentKind>(i)); },
      static_cast<int>(k_content_kind_count), half, editable);
  float left_bottom = right_column();
  choice_field(
      ui, "Written for the stage", "content.form.stage", m_draft.stage,
      [](int i) { return stage_label(static_cast<Stage>(i)); }, static_cast<int>(k_stage_count), half,
      editable);
  end_row(left_bottom);
  gap(ui, 8);
  row_y = ImGui::GetCursorPosY();
  // The treatment: "General" or one of the live treatments (a deleted one still shows by id).
  const auto treatments = live_treatments(ws);
  int choice = 0;
  for (std::size_t i = 0; i < treatments.size(); ++i) {
    if (treatments[i]->id == m_draft.treatment) choice = static_cast<int>(i) + 1;
  }
  const std::string orphan = m_draft.treatment;
  const auto treatment_label = [&treatments, &orphan, choice](int i) -> const char* {
    if (i > 0) return treatments[static_cast<std::size_t>(i) - 1]->name.c_str();
    return choice == 0 && !orphan.empty() ? orphan.c_str() : "General (any treatment)";
  };
  if (choice_field(ui, "Treatment", "content.form.treatment", choice, treatment_label,
                   static_cast<int>(treatments.size()) + 1, half, editable)) {
    m_draft.treatment = choice == 0 ? std::string() : treatments[static_cast<std::size_t>(choice) - 1]->id;
  }
  left_bottom = right_column();
  text_field(ui, "Reading or watching time (minutes)", "content.form.minutes", m_draft.minutes,
             m_feedback.error("minutes", "The time"), half, "4", editable);
  end_row(left_bottom);
  if (const auto it = m_feedback.errors.find("treatment"); it != m_feedback.errors.end()) {
    const std::string text = "The treatment " + it->second;
    caption(ui, text.c_str(), &ui.pal.danger);
  }
  if (const auto it = m_feedback.errors.find("id"); it != m_feedback.errors.end()) {
    caption(ui, it->second.c_str(), &ui.pal.danger);
  }
  gap(ui, 4);
  // Enter in a field saves, as in the other forms.
  const bool enter =
      ImGui::IsKeyPressed(ImGuiKey_Enter, false) || ImGui::IsKeyPressed(ImGuiKey_KeypadEnter, false);
  if (button(ui, m_draft.is_new ? "Add to library" : "Save changes", ButtonKind::primary, "content.form.save",
             editable) ||
      (enter && editable && ImGui::GetIO().WantTextInput)) {
    save(ui);
  }
  ImGui::SameLine(0, ui.px(10));
  const bool escape =
      ImGui::IsKeyPressed(ImGuiKey_Escape, false) && !ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId);
  if (button(ui, "Cancel", ButtonKind::secondary, "content.form.cancel") || escape) {
    m_draft.open = false;
    m_feedback.clear();
  }
  if (!m_feedback.ok && !m_feedback.message.empty()) {
    ImGui::SameLine(0, ui.px(14));
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() + ui.px(8));
    m_feedback.draw(ui, "content.result");
  }
}

void ContentPage::draw_outcome(Ui& ui) {
  // The outcome of the last save or delete, with Undo for a delete while nothing else changed
  // (afterwards the undo step would be someone else's).
  if (m_feedback.message.empty() || !m_feedback.ok || m_draft.open) return;
  gap(ui, 4);
  m_feedback.draw(ui, "content.result");
  const Workspace& ws = ui.session.workspace();
  if (m_undo_revision == 0 || m_undo_revision != ws.revision || !ui.session.can_undo()) return;
  ImGui::SameLine(0, ui.px(10));
  ImGui::SetCursorPosY(ImGui::GetCursorPosY() - ui.px(6));
  if (button(ui, "Undo", ButtonKind::quiet, "content.undo", ui.editable()) && ui.mutable_session.undo()) {
    m_feedback.message = "Deletion undone.";
    ui.notice = "Undone";
    ui.announce(m_feedback.message);
    m_undo_revision = 0;
  }
}

void ContentPage::draw_library(Ui& ui, float width) {
  const Workspace& ws = ui.session.workspace();
  const bool editable = ui.editable();
  Card card(ui, width);
  const std::size_t live = live_count(ws);
  const std::string title = count_noun(live, "piece", "pieces") + " in the library";
  // The heading at the left, "Add content" at the right of the same line.
  ImGui::PushFont(ui.fonts.strong);
  const float add_w = ImGui::CalcTextSize("+  Add content").x + ui.px(32);
  ImGui::PopFont();
  const float top = ImGui::GetCursorPosY();
  const float left = ImGui::GetCursorPosX();
  ImGui::SetCursorPosY(top + ui.px(6));
  heading(ui, title.c_str());
  const float after_heading = ImGui::GetCursorPosY();
  ImGui::SetCursorPos(ImVec2(left + card.inner_width() - add_w, top));
  if (button(ui, "+  Add content", ButtonKind::primary, "content.add", editable && !m_draft.open))
    open_add_form();
  ImGui::SetCursorPos(ImVec2(left, std::max(after_heading, ImGui::GetCursorPosY())));
  caption(ui,
          "Each piece is written for a funnel stage; sequences link to it and views count as engagement. "
          "Select a row for its weekly views and who reads it.");
  draw_outcome(ui);
  gap(ui, 8);
  const ContentLibrary::Request request = m_library.draw(ui, card.inner_width());
  const ContentItem* to_edit = nullptr;
  std::optional<std::pair<std::string, std::string>> to_delete;
  if (request.action == RowAction::edit) to_edit = find_item(ws.content, request.id);
  if (request.action == RowAction::remove) to_delete = {request.id, request.title};
  if (to_edit != nullptr) start_edit(*to_edit);
  if (to_delete &&
      delete_catalog_item(ui, CatalogKind::content, to_delete->first, to_delete->second, m_feedback)) {
    m_feedback.message = "“" + to_delete->second + "” deleted.";
    m_undo_revision = ui.session.revision();
    if (m_draft.open && m_draft.id == to_delete->first) m_draft.open = false;
  }
}

void ContentPage::draw_empty(Ui& ui, float width) {
  EmptyState st;
  st.icon = Icon::content;
  st.title = "Your content library is empty";
  st.what =
      "The articles, guides, videos and FAQs on your website that sequences send to leads — each tied to a "
      "treatment and a funnel stage. Nurture tracks which pieces leads read and for how long.";
  st.why =
      "Patients choose the practice they trust. Honest education — what a treatment involves, who performs "
      "it, what recovery is like — builds that trust before the first visit.";
  st.steps = {"Add the pages you already have: a title, the web address, the treatment and stage.",
              "Then use them in sequences: an aftercare guide after a booking, an FAQ for a hesitant lead.",
              "Add your website in Settings so messages link to your own pages."};
  st.primary = "Add a content item";
  st.primary_mark = "content.add_first";
  st.secondary = "Add your website";
  st.secondary_mark = "content.website";
  switch (draw_empty_state(ui, st, width, [&ui](float inner) { chips(ui, inner); })) {
    case EmptyAction::primary:
      if (ui.editable()) open_add_form();
      break;
    case EmptyAction::secondary:
      ui.go_to = Page::settings;
      break;
    case EmptyAction::none:
      break;
  }
}

bool ContentPage::wide(const Workspace& ws) { return live_count(ws) > 0; }

void ContentPage::draw(Ui& ui) {
  const float width = content_width(ui);
  // The library's table takes the wide column (app.cpp centres it with equal margins).
  const float table_width = std::min(ui.px(1400), ImGui::GetContentRegionAvail().x - ImGui::GetCursorPosX() +
                                                      ImGui::GetStyle().WindowPadding.x);
  const Workspace& ws = ui.session.workspace();
  // An item edited here and then deleted elsewhere (undo, a merge) closes its form.
  if (m_draft.open && !m_draft.is_new && find_item(ws.content, m_draft.id) == nullptr) m_draft.open = false;
  if (m_draft.open) {
    draw_form(ui, width);
    gap(ui, 12);
  }
  if (live_count(ws) == 0) {
    // The last item was just deleted: the outcome and its Undo show above the empty state.
    draw_outcome(ui);
    if (!m_draft.open) draw_empty(ui, width);
    return;
  }
  draw_library(ui, std::max(width, table_width));
  gap(ui, 12);
  m_library.draw_detail(ui, std::max(width, table_width));
}

void ContentPage::describe(nlohmann::json& out, const Workspace& ws) const {
  out["form_open"] = m_draft.open;
  out["form_new"] = m_draft.is_new;
  out["form_id"] = m_draft.id;
  out["errors"] = m_feedback.errors;
  out["message"] = m_feedback.message;
  out["ok"] = m_feedback.ok;
  nlohmann::json items = nlohmann::json::array();
  for (const ContentItem& c : ws.content) {
    if (c.deleted) continue;
    items.push_back({{"id", c.id},
                     {"title", c.title},
                     {"kind", std::string(to_string(c.kind))},
                     {"stage", std::string(to_string(c.stage))},
                     {"treatment", c.treatment},
                     {"url", c.url},
                     {"minutes", c.minutes}});
  }
  out["items"] = std::move(items);
  m_library.describe(out["library"], ws);
}

}  // namespace nurture::ui
