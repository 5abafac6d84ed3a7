// Settings: the practice's business hours, one row per weekday. Calls and texts are planned
// inside these hours, so the editor only offers half-hour steps a front desk actually uses.
#include <cstdio>
#include <string>

#include "web/ui/settings_page.hpp"
#include "web/ui/widgets.hpp"

namespace nurture::ui {

namespace {

constexpr const char* k_days[] = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                  "Friday", "Saturday", "Sunday"};
constexpr const char* k_day_keys[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

std::string clock_text(std::uint16_t minutes) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d:%02d", minutes / 60, minutes % 60);
  return buf;
}

/// A drop-down of half-hour times from `from` to `to` (minutes). True when `value` changed.
bool time_combo(Ui& ui, const char* id, const std::string& mark, std::uint16_t& value, int from, int to,
                float width) {
  bool changed = false;
  ImGui::SetNextItemWidth(width);
  const std::string preview = clock_text(value);
  if (ImGui::BeginCombo(id, preview.c_str())) {
    for (int m = from; m <= to; m += 30) {
      const std::string text = clock_text(static_cast<std::uint16_t>(m));
      const bool selected = m == value;
      if (ImGui::Selectable(text.c_str(), selected)) {
        value = static_cast<std::uint16_t>(m);
        changed = true;
      }
      if (selected) ImGui::SetItemDefaultFocus();
    }
    ImGui::EndCombo();
  }
  ui.marks.mark(mark);
  return changed;
}

}  // namespace

bool hours_editor(Ui& ui, BusinessHours& hours, bool enabled) {
  bool changed = false;
  if (!enabled) ImGui::BeginDisabled();
  const float day_w = ui.px(120);
  const float combo_w = ui.px(100);
  for (std::size_t d = 0; d < hours.size(); ++d) {
    DayHours& h = hours[d];
    ImGui::PushID(static_cast<int>(d));
    const std::string base = std::string("settings.hours.") + k_day_keys[d];
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(k_days[d]);
    ImGui::SameLine(day_w);
    bool open = !h.closed();
    if (ImGui::Checkbox("Open", &open)) {
      h = open ? DayHours{540, 1020} : DayHours{};
      changed = true;
    }
    ui.marks.mark(base + ".open");
    if (!h.closed()) {
      ImGui::SameLine(0, ui.px(16));
      changed |= time_combo(ui, "##open", base + ".from", h.open, 0, 1410, combo_w);
      ImGui::SameLine(0, ui.px(8));
      ImGui::TextUnformatted("to");
      ImGui::SameLine(0, ui.px(8));
      changed |= time_combo(ui, "##close", base + ".to", h.close, 30, 1440, combo_w);
      if (h.close <= h.open) {
        ImGui::SameLine(0, ui.px(10));
        ImGui::PushStyleColor(ImGuiCol_Text, ui.pal.danger);
        ImGui::TextUnformatted("Closing must come after opening");
        ImGui::PopStyleColor();
      }
    } else {
      ImGui::SameLine(0, ui.px(16));
      ImGui::PushStyleColor(ImGuiCol_Text, ui.pal.muted);
      ImGui::TextUnformatted("Closed");
      ImGui::PopStyleColor();
    }
    ImGui::PopID();
  }
  if (!enabled) ImGui::EndDisabled();
  return changed;
}

// Its own card, so the profile form's Save button stays near the top; both save the same draft.
void SettingsPage::hours_card(Ui& ui, float width) {
  Card card(ui, width);
  heading(ui, "Business hours");
  caption(ui, "Calls and texts are planned inside these hours, and never outside the lead's legal window.");
  gap(ui, 4);
  const bool editable = ui.editable();
  hours_editor(ui, m_draft.hours, editable);
  gap(ui, 8);
  const bool hours_dirty = m_draft.hours != m_base.hours;
  if (button(ui, "Save hours", ButtonKind::primary, "settings.hours.save", editable && hours_dirty))
    save_draft(ui);
  if (hours_dirty) {
    ImGui::SameLine(0, ui.px(10));
    if (button(ui, "Discard", ButtonKind::secondary, "settings.hours.discard", editable))
      m_draft.hours = m_base.hours;
  }
}

}  // namespace nurture::ui
