#pragma once
/// The whole interface: navigation, the current panel and the status bar. Reads the session's
/// workspace, changes it only through Session::execute, and reaches the browser only through
/// the Platform interface.

#include <map>
#include <string>

#include <imgui.h>

#include "core/model/preferences.hpp"
#include "core/session.hpp"
#include "web/ui/platform_api.hpp"

namespace nurture::ui {

class App {
 public:
  App(Session& session, Platform& platform);

  /// Call before ImGui::NewFrame. `pixel_ratio` is the device pixel ratio. Returns true when
  /// the font atlas was rebuilt and the renderer must upload it again.
  bool prepare_frame(float pixel_ratio);
  /// Draws one frame of the interface into the current ImGui context.
  void draw();

  [[nodiscard]] const Preferences& preferences() const { return m_prefs; }
  /// Applies preferences loaded from storage (theme, scale, page).
  void set_preferences(const Preferences& prefs);

  /// For browser tests: app state and widget rectangles (in ImGui pixels) as JSON.
  [[nodiscard]] std::string test_state_json() const;

 private:
  Session& m_session;
  Platform& m_platform;
  Preferences m_prefs;
  float m_pixel_ratio = 0.0F;
  std::map<std::string, ImVec4> m_marks;  ///< test id → (x, y, w, h) of the last frame
};

}  // namespace nurture::ui
