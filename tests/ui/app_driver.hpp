#pragma once
// Driving the whole App headless in UI tests (ImGui's null backend: no window, no GPU): a context
// per test, one frame at a time, the test hook's state, and clicks as a mouse makes them.

#include <catch_amalgamated.hpp>

#include <string>

#include <imgui.h>
#include <nlohmann/json.hpp>

#include "web/ui/app.hpp"

namespace nurture::test {

/// An ImGui context for one test, 1280×800, no .ini file.
struct ImGuiContextGuard {
  ImGuiContextGuard() {
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(1280, 800);
  }
  ~ImGuiContextGuard() { ImGui::DestroyContext(); }
  ImGuiContextGuard(const ImGuiContextGuard&) = delete;
  ImGuiContextGuard& operator=(const ImGuiContextGuard&) = delete;
};

/// One frame at 60 Hz, the font atlas built whenever the app asks for it.
inline void run_frame(ui::App& app, float dpr = 1.0F) {
  if (app.prepare_frame(dpr)) {
    unsigned char* pixels = nullptr;
    int w = 0;
    int h = 0;
    ImGui::GetIO().Fonts->GetTexDataAsAlpha8(&pixels, &w, &h);
  }
  ImGui::GetIO().DeltaTime = 1.0F / 60.0F;
  ImGui::NewFrame();
  app.draw();
  ImGui::Render();
}

/// What the browser tests read: widgets by mark, page state.
inline nlohmann::json state(const ui::App& app) { return nlohmann::json::parse(app.test_state_json()); }

/// Clicks the centre of a marked widget as a mouse does: the pointer arrives, a frame later the
/// button goes down, then up. `ctrl` holds Ctrl during the press.
inline void click(ui::App& app, const std::string& mark, bool ctrl = false) {
  const auto s = state(app);
  INFO("widget " << mark);
  REQUIRE(s["widgets"].contains(mark));
  const auto r = s["widgets"][mark];
  ImGuiIO& io = ImGui::GetIO();
  io.AddMousePosEvent(r[0].get<float>() + r[2].get<float>() * 0.5F,
                      r[1].get<float>() + r[3].get<float>() * 0.5F);
  run_frame(app);
  if (ctrl) io.AddKeyEvent(ImGuiMod_Ctrl, true);
  io.AddMouseButtonEvent(0, true);
  run_frame(app);
  io.AddMouseButtonEvent(0, false);
  run_frame(app);
  if (ctrl) io.AddKeyEvent(ImGuiMod_Ctrl, false);
  run_frame(app);
  run_frame(app);
}

}  // namespace nurture::test
