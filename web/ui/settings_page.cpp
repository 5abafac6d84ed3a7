#include "web/ui/settings_page.hpp"

#include <algorithm>
#include <cmath>

#include "core/commands/command.hpp"
#include "web/ui/empty_state.hpp"
#include "web/ui/widgets.hpp"

namespace nurture::ui {

namespace {

struct Field {
  const char* key;  ///< PracticeProfile member name, as validate() reports it
  const char* label;
  const char* hint;
  const char* noun;  ///< starts the error sentence: "Email is not an e-mail address"
  std::string PracticeProfile::*member;
};

constexpr Field k_fields[] = {
    {"name", "Practice name", "e.g. Harbor Aesthetics", "The practice name", &PracticeProfile::name},
    {"street", "Street address", "123 Main Street, Suite 200", "The street address",
     &PracticeProfile::street},
    {"city", "City", "", "The city", &PracticeProfile::city},
    {"state", "State or region", "e.g. FL", "The state", &PracticeProfile::state},
    {"zip", "ZIP or postal code", "", "The ZIP code", &PracticeProfile::zip},
    {"country", "Country (2 letters)", "US", "The country", &PracticeProfile::country},
    {"time_zone", "Time zone", "America/New_York", "The time zone", &PracticeProfile::time_zone},
    {"phone", "Phone", "+1 305 555 0100", "The phone number", &PracticeProfile::phone},
    {"email", "Email", "hello@yourpractice.com", "This", &PracticeProfile::email},
    {"website", "Website", "https://yourpractice.com", "The website", &PracticeProfile::website},
};

const char* read_only_reason(const StorageStatus& st) {
  switch (st.mode) {
    case StorageStatus::Mode::loading:
      return "Editing opens once your data has loaded.";
    case StorageStatus::Mode::read_only:
      return "Editing is paused: Nurture is open in another tab. Choose “Use here” at the top to edit in "
             "this tab.";
    case StorageStatus::Mode::unavailable:
      return "Editing is off because this browser's storage is unavailable, so changes could not be kept.";
    case StorageStatus::Mode::locked:
      return "Nurture is locked.";
    case StorageStatus::Mode::ready:
      break;
  }
  return "";
}

}  // namespace

std::map<std::string, std::string> SettingsPage::visible_errors() const {
  std::map<std::string, std::string> out;
  for (const FieldError& e : validate(m_draft)) {
    if (m_show_all_errors || m_touched.contains(e.field)) out.emplace(e.field, e.message);
  }
  return out;
}

void SettingsPage::sync_draft(const Ui& ui) {
  const Workspace& ws = ui.session.workspace();
  if (ws.revision == m_base_revision) return;
  // Keep the user's unsaved edits when the stored profile changes underneath (an import, a
  // restore); otherwise follow the stored profile.
  if (!dirty()) m_draft = ws.practice;
  m_base = ws.practice;
  m_base_revision = ws.revision;
}

bool SettingsPage::save_draft(Ui& ui) {
  if (!dirty() || !ui.editable()) return false;
  m_show_all_errors = true;
  const CommandResult r = ui.mutable_session.execute(SetPracticeProfile{m_draft, ui.platform.now_ms()});
  m_result_ok = r.ok;
  if (r.ok) {
    m_result = "Practice profile saved.";
    m_base = m_draft;
    m_show_all_errors = false;
    m_touched.clear();
  } else {
    m_result = r.field_errors.empty() ? r.message : "Check the highlighted fields.";
  }
  ui.announce(m_result);
  return r.ok;
}

void SettingsPage::practice_card(Ui& ui, float width) {
  Card card(ui, width);
  heading(ui, "Practice profile");
  caption(ui, "Your name and postal address appear in every marketing email, as anti-spam law requires.");
  gap(ui, 6);
  const bool editable = ui.editable();
  if (!editable) {
    caption(ui, read_only_reason(ui.platform.storage()), &ui.pal.warning);
    gap(ui, 4);
  }
  const auto errors = visible_errors();
  const float gutter = ui.px(16);
  const float half = (card.inner_width() - gutter) * 0.5F;
  // Name and street take the full width; the rest pair up in two columns. Rows are placed by
  // hand so a field's error text never pushes its neighbour out of line.
  const float left_x = ImGui::GetCursorScreenPos().x;
  float row_y = ImGui::GetCursorScreenPos().y;
  float row_bottom = row_y;
  for (std::size_t i = 0; i < std::size(k_fields); ++i) {
    const Field& f = k_fields[i];
    const bool full = i < 2;
    const bool right = !full && (i % 2) == 1;
    if (!right) row_y = row_bottom;
    ImGui::SetCursorScreenPos(ImVec2(right ? left_x + half + gutter : left_x, row_y));
    const auto it = errors.find(f.key);
    const std::string mark = std::string("settings.practice.") + f.key;
    bool left = false;
    const std::string error = it != errors.end() ? std::string(f.noun) + " " + it->second : std::string();
    text_field(ui, f.label, mark.c_str(), m_draft.*f.member, error, full ? card.inner_width() : half, f.hint,
               editable, &left);
    if (left) m_touched.insert(f.key);
    row_bottom = std::max(row_bottom, ImGui::GetItemRectMax().y + ui.px(4));
  }
  ImGui::SetCursorScreenPos(ImVec2(left_x, row_bottom));
  gap(ui, 8);
  if (button(ui, "Save changes", ButtonKind::primary, "settings.practice.save", editable && dirty()))
    save_draft(ui);
  ImGui::SameLine(0, ui.px(10));
  if (dirty() && button(ui, "Discard", ButtonKind::secondary, "settings.practice.discard", editable)) {
    m_draft = m_base;
    m_touched.clear();
    m_show_all_errors = false;
    m_result.clear();
  }
  if (!dirty() && ui.session.can_undo()) {
    if (button(ui, "Undo last change", ButtonKind::secondary, "settings.practice.undo", editable) &&
        ui.mutable_session.undo()) {
      m_draft = ui.session.workspace().practice;
      m_base = m_draft;
      m_base_revision = ui.session.revision();
      m_result = "Last change undone.";
      m_result_ok = true;
      ui.announce(m_result);
    }
  }
  if (!m_result.empty()) {
    ImGui::SameLine(0, ui.px(14));
    ImGui::AlignTextToFramePadding();
    ImGui::PushStyleColor(ImGuiCol_Text, m_result_ok ? ui.pal.success : ui.pal.danger);
    ImGui::TextUnformatted(m_result.c_str());
    ImGui::PopStyleColor();
    ui.marks.mark("settings.practice.result");
  }
}

void SettingsPage::appearance_card(Ui& ui, float width, Preferences& prefs, bool& changed) {
  Card card(ui, width);
  heading(ui, "Appearance");
  caption(ui, "Saved on this device only, so a phone and a desktop can differ.");
  gap(ui, 6);
  label(ui, "Theme");
  const struct {
    ThemeChoice choice;
    const char* text;
    const char* mark;
  } themes[] = {{ThemeChoice::system, "Match system", "settings.theme.system"},
                {ThemeChoice::light, "Light", "settings.theme.light"},
                {ThemeChoice::dark, "Dark", "settings.theme.dark"},
                {ThemeChoice::high_contrast, "High contrast", "settings.theme.high_contrast"}};
  for (const auto& t : themes) {
    if (t.choice != ThemeChoice::system) ImGui::SameLine(0, ui.px(24));
    if (ImGui::RadioButton(t.text, prefs.theme == t.choice) && prefs.theme != t.choice) {
      prefs.theme = t.choice;
      changed = true;
    }
    ui.marks.mark(t.mark);
  }
  caption(ui, "Match system follows the browser's light, dark and increased-contrast settings.");
  gap(ui, 8);
  label(ui, "Interface size");
  if (!ImGui::IsAnyItemActive()) m_scale_percent = static_cast<int>(std::lround(prefs.ui_scale * 100.0F));
  ImGui::SetNextItemWidth(std::min(card.inner_width(), ui.px(320)));
  ImGui::SliderInt("##scale", &m_scale_percent, 75, 200, "%d %%");
  ui.marks.mark("settings.scale");
  // Applied when the slider is released: rescaling under a dragging mouse would move the slider.
  if (ImGui::IsItemDeactivatedAfterEdit()) {
    prefs.ui_scale = std::clamp(static_cast<float>(m_scale_percent) / 100.0F, Preferences::k_min_scale,
                                Preferences::k_max_scale);
    changed = true;
  }
  if (m_scale_percent != 100) {
    ImGui::SameLine(0, ui.px(10));
    if (button(ui, "Reset to 100 %", ButtonKind::quiet, "settings.scale.reset")) {
      prefs.ui_scale = 1.0F;
      changed = true;
    }
  }
  caption(ui, "Ctrl+click the slider to type an exact size.");
}

void SettingsPage::draw(Ui& ui, Preferences& prefs, bool& prefs_changed) {
  sync_draft(ui);
  const float width = content_width(ui);
  practice_card(ui, width);
  gap(ui, 16);
  hours_card(ui, width);
  gap(ui, 16);
  m_catalogs.draw_treatments(ui, width);
  gap(ui, 16);
  m_catalogs.draw_sources(ui, width);
  gap(ui, 16);
  m_spend.draw(ui, width);
  gap(ui, 16);
  m_scoring.draw(ui, width);
  gap(ui, 16);
  m_funnel.draw(ui, width);
  gap(ui, 16);
  demo_card(ui, width);
  gap(ui, 16);
  appearance_card(ui, width, prefs, prefs_changed);
  gap(ui, 16);
  storage_card(ui, width);
  gap(ui, 16);
  m_lock.draw(ui, width, prefs, prefs_changed);
  gap(ui, 16);
  about_card(ui, width);
  restore_modal(ui);
  demo_modal(ui);
  gap(ui, 24);
}

}  // namespace nurture::ui
