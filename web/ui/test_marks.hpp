#pragma once
/// Test marks: after drawing a widget, `mark("settings.practice.name")` records its rectangle so
/// browser tests can click real pixels and read which input has focus. Rebuilt every frame, so
/// the JSON always describes the last frame on screen.

#include <map>
#include <string>
#include <string_view>

#include <imgui.h>

namespace nurture::ui {

class TestMarks {
 public:
  /// Forget the previous frame's rectangles (call at the start of a frame).
  void begin_frame() {
    m_rects.clear();
    m_focused.clear();
    m_nav_focused.clear();
  }
  /// Records the last submitted item's rectangle under `id`, and `id` as the keyboard focus
  /// when the item holds it (keyboard-only tests Tab until the focus reaches a widget).
  void mark(std::string_view id) {
    mark_rect(id, ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
    if (ImGui::IsItemFocused()) m_nav_focused = std::string(id);
  }
  /// Records a text input: its rectangle, and `id` as the focused input while it is being edited.
  void mark_input(std::string_view id) {
    mark(id);
    if (ImGui::IsItemActive()) m_focused = std::string(id);
  }
  /// Records an explicit rectangle (for widgets drawn by hand).
  void mark_rect(std::string_view id, ImVec2 min, ImVec2 max) {
    m_rects[std::string(id)] = ImVec4(min.x, min.y, max.x - min.x, max.y - min.y);
  }

  /// id → (x, y, w, h) in ImGui pixels.
  [[nodiscard]] const std::map<std::string, ImVec4>& rects() const { return m_rects; }
  /// The mark id of the text input being edited, empty when none.
  [[nodiscard]] const std::string& focused() const { return m_focused; }
  /// The mark id of the widget holding the keyboard (nav) focus, empty when none is marked.
  [[nodiscard]] const std::string& nav_focused() const { return m_nav_focused; }

 private:
  std::map<std::string, ImVec4> m_rects;
  std::string m_focused;
  std::string m_nav_focused;
};

}  // namespace nurture::ui
