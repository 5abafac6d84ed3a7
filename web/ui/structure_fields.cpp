#include "web/ui/structure_fields.hpp"

#include <algorithm>

#include <imgui.h>

#include "core/sequence/sequence_draft.hpp"
#include "core/sequence/sequence_text.hpp"
#include "web/ui/widgets.hpp"

namespace nurture::ui::structure {

void label_above(Ui& ui, const char* text) {
  ImGui::PushFont(ui.fonts.small);
  const ImVec2 size = ImGui::CalcTextSize(text);
  ImGui::GetWindowDrawList()->AddText(ImGui::GetCursorScreenPos(), col(ui.pal.muted), text);
  ImGui::PopFont();
  ImGui::Dummy(size);
  ImGui::SetCursorPosY(ImGui::GetCursorPosY() - ui.px(4));
}

bool pick_key(Ui& ui, const char* label_text, const std::string& mark, std::string& key,
              const std::vector<Choice>& choices, float width, const char* placeholder) {
  ImGui::BeginGroup();
  if (label_text != nullptr && label_text[0] != '\0') label_above(ui, label_text);
  ImGui::PushID(mark.c_str());
  const auto current =
      std::find_if(choices.begin(), choices.end(), [&](const Choice& c) { return c.key == key; });
  std::string preview = current != choices.end() ? current->label
                        : key.empty()            ? std::string(placeholder)
                                                 : "\u201c" + key + "\u201d (no longer exists)";
  bool changed = false;
  ImGui::SetNextItemWidth(width);
  const bool open = ImGui::BeginCombo("##pick", preview.c_str());
  ui.marks.mark(mark);
  if (open) {
    for (const auto& c : choices) {
      const bool selected = c.key == key;
      if (ImGui::Selectable(c.label.c_str(), selected)) {
        changed = !selected;
        key = c.key;
      }
      ui.marks.mark(mark + "." + (c.mark.empty() ? c.key : c.mark));
      if (selected) ImGui::SetItemDefaultFocus();
    }
    ImGui::EndCombo();
  }
  ImGui::PopID();
  ImGui::EndGroup();
  return changed;
}

bool number(Ui& ui, const char* label_text, const std::string& mark, int& value, int lo, int hi,
            float width) {
  ImGui::BeginGroup();
  if (label_text != nullptr && label_text[0] != '\0') label_above(ui, label_text);
  ImGui::PushID(mark.c_str());
  ImGui::SetNextItemWidth(width);
  int v = value;
  ImGui::InputInt("##number", &v, 0, 0);
  ui.marks.mark(mark);
  ImGui::PopID();
  ImGui::EndGroup();
  v = std::clamp(v, lo, hi);
  if (v == value) return false;
  value = v;
  return true;
}

bool time_pick(Ui& ui, const char* label_text, const std::string& mark, std::uint16_t& minute,
               bool end_of_day, float width) {
  // Quarter hours keep the list short; a stored time off the grid still shows as it is.
  std::vector<Choice> choices;
  const int last = end_of_day ? 24 * 60 : 24 * 60 - 15;
  for (int m = 0; m <= last; m += 15) {
    const std::string text = clock_text(static_cast<std::uint16_t>(m));
    choices.push_back({text, std::to_string(m), text});
  }
  std::string key = std::to_string(minute);
  const bool on_grid = minute % 15 == 0;
  if (!on_grid) choices.insert(choices.begin(), {clock_text(minute), key, clock_text(minute)});
  if (!pick_key(ui, label_text, mark, key, choices, width)) return false;
  int parsed = 0;
  for (const char c : key) parsed = parsed * 10 + (c - '0');
  minute = static_cast<std::uint16_t>(parsed);
  return true;
}

bool target_pick(Ui& ui, const char* label_text, const std::string& mark, std::string& target,
                 const Sequence& draft, std::size_t self, float width) {
  std::vector<Choice> choices;
  choices.push_back({"The next step in the list", "", "next"});
  for (std::size_t i = 0; i < draft.steps.size(); ++i) {
    if (i == self) continue;
    const Step& s = draft.steps[i];
    choices.push_back({"Step " + std::to_string(i + 1) + ": " + step_title(s), s.id, ""});
  }
  choices.push_back({"End the sequence", std::string(k_end_step), ""});
  return pick_key(ui, label_text, mark, target, choices, width);
}

std::string where(const std::string& field) {
  const auto numbered = [&](const char* prefix, const char* noun) -> std::string {
    const std::string p = std::string(prefix) + "[";
    if (field.rfind(p, 0) != 0) return {};
    std::size_t n = 0;
    std::size_t i = p.size();
    for (; i < field.size() && field[i] >= '0' && field[i] <= '9'; ++i)
      n = n * 10 + static_cast<std::size_t>(field[i] - '0');
    return std::string(noun) + " " + std::to_string(n + 1);
  };
  if (auto s = numbered("steps", "Step"); !s.empty()) return s;
  if (auto s = numbered("triggers", "Start rule"); !s.empty()) return s;
  if (auto s = numbered("goals", "Stop rule"); !s.empty()) return s;
  if (field == "steps") return "Steps";
  if (field.rfind("window", 0) == 0) return "Send window";
  if (field == "reentry_days") return "Enrolling again";
  if (field == "name") return "Name";
  if (field == "description") return "Description";
  if (field == "sponsor_authorization") return "Sponsor authorisation";
  return field;
}

}  // namespace nurture::ui::structure
