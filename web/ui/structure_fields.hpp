#pragma once
/// The form controls the sequence structure editor is made of (sequence_structure_editor.cpp and
/// sequence_step_form.cpp): a small label above each control, like text_field, each in its own
/// group so several share a line, and every choice of a combo marked for tests as
/// "<mark>.<key>".

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "core/sequence/sequence.hpp"
#include "web/ui/ui_context.hpp"

namespace nurture::ui::structure {

/// The small label above a control, like field_label, but drawn rather than laid out as text:
/// ImGui moves text that follows SameLine down to the previous line's baseline, which would drop
/// every labelled control of a row but the first by the frame padding.
void label_above(Ui& ui, const char* text);

/// One entry of a combo: what it says, the value it stands for, and its test-mark suffix (the
/// key when empty).
struct Choice {
  std::string label;
  std::string key;
  std::string mark;
};

/// A combo choosing `key` among `choices`, `width` wide. A key none of the choices has shows as
/// `placeholder` (or "“key” (no longer exists)" when not empty). True when the key changed.
bool pick_key(Ui& ui, const char* label_text, const std::string& mark, std::string& key,
              const std::vector<Choice>& choices, float width, const char* placeholder = "Choose…");

/// A combo over an enum with `labels` (in enum order); the marks use the enum's to_string.
template <class E, std::size_t N>
bool pick_enum(Ui& ui, const char* label_text, const std::string& mark, E& value,
               const std::array<const char*, N>& labels, float width) {
  std::vector<Choice> choices;
  for (std::size_t i = 0; i < N; ++i)
    choices.push_back({labels[i], std::string(to_string(static_cast<E>(i))), ""});
  std::string key(to_string(value));
  if (!pick_key(ui, label_text, mark, key, choices, width)) return false;
  for (std::size_t i = 0; i < N; ++i) {
    if (choices[i].key == key) value = static_cast<E>(i);
  }
  return true;
}

/// A whole number from `lo` to `hi` (typed; no +/- buttons), `width` wide.
bool number(Ui& ui, const char* label_text, const std::string& mark, int& value, int lo, int hi, float width);

/// A time of day in quarter hours ("08:30"); `end_of_day` adds 24:00. Marks "<mark>.08:30".
bool time_pick(Ui& ui, const char* label_text, const std::string& mark, std::uint16_t& minute,
               bool end_of_day, float width);

/// Where a jump of step `self` goes: the next step in the list (""), another step, or the end.
/// Marks "<mark>.next", "<mark>.<step id>", "<mark>.end".
bool target_pick(Ui& ui, const char* label_text, const std::string& mark, std::string& target,
                 const Sequence& draft, std::size_t self, float width);

/// A validate() / activation field in words: "steps[2].arms" → "Step 3", "triggers[0].segment" →
/// "Trigger 1", "window.days" → "Send window"…
std::string where(const std::string& field);

}  // namespace nurture::ui::structure
