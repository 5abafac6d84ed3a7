#pragma once
// Driving the whole App headless in UI tests (ImGui's null backend: no window, no GPU): a context
// per test, one frame at a time, the test hook's state, clicks, keys and files as a user gives
// them, and the whole App on a workspace with a fake browser (TestApp).

#include <catch_amalgamated.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <imgui.h>
#include <nlohmann/json.hpp>

#include "core/session.hpp"
#include "fake_platform.hpp"
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

/// `n` frames.
inline void frames(ui::App& app, int n) {
  for (int i = 0; i < n; ++i) run_frame(app);
}

/// Clicks at `pos` as a mouse does: the pointer arrives, a frame later the button goes down, then
/// up; three frames follow. `ctrl` holds Ctrl during the press.
inline void click_at(ui::App& app, ImVec2 pos, bool ctrl = false) {
  ImGuiIO& io = ImGui::GetIO();
  io.AddMousePosEvent(pos.x, pos.y);
  run_frame(app);
  if (ctrl) io.AddKeyEvent(ImGuiMod_Ctrl, true);
  io.AddMouseButtonEvent(0, true);
  run_frame(app);
  io.AddMouseButtonEvent(0, false);
  run_frame(app);
  if (ctrl) io.AddKeyEvent(ImGuiMod_Ctrl, false);
  frames(app, 2);
}

/// Clicks the centre of a marked widget (see click_at).
inline void click(ui::App& app, const std::string& mark, bool ctrl = false) {
  const auto s = state(app);
  INFO("widget " << mark);
  REQUIRE(s["widgets"].contains(mark));
  const auto r = s["widgets"][mark];
  click_at(app,
           ImVec2(r[0].get<float>() + r[2].get<float>() * 0.5F, r[1].get<float>() + r[3].get<float>() * 0.5F),
           ctrl);
}

/// Types `text` into the field with the keyboard focus; two frames follow.
inline void type(ui::App& app, const std::string& text) {
  ImGui::GetIO().AddInputCharactersUTF8(text.c_str());
  frames(app, 2);
}

/// Presses and releases `key` in one frame, with Ctrl and/or Shift held; two frames follow.
inline void press(ui::App& app, ImGuiKey key, bool ctrl = false, bool shift = false) {
  ImGuiIO& io = ImGui::GetIO();
  if (ctrl) io.AddKeyEvent(ImGuiMod_Ctrl, true);
  if (shift) io.AddKeyEvent(ImGuiMod_Shift, true);
  io.AddKeyEvent(key, true);
  run_frame(app);
  io.AddKeyEvent(key, false);
  if (shift) io.AddKeyEvent(ImGuiMod_Shift, false);
  if (ctrl) io.AddKeyEvent(ImGuiMod_Ctrl, false);
  frames(app, 2);
}

/// Hands the app a file the user picked (`name`, holding `bytes`), as the browser's file intake
/// does when it finishes; three frames follow.
inline void hand_file(ui::App& app, FakePlatform& platform, std::string name, std::string bytes) {
  platform.incoming = ui::IncomingFile{std::move(name), std::move(bytes)};
  ++platform.intake_status.finished;
  frames(app, 3);
}

/// How many of `said` (announcements, platform calls) start with `prefix`.
inline std::size_t count_prefix(const std::vector<std::string>& said, const std::string& prefix) {
  return static_cast<std::size_t>(
      std::count_if(said.begin(), said.end(), [&](const std::string& s) { return s.starts_with(prefix); }));
}

/// How a TestApp starts.
struct AppSetup {
  std::optional<ui::Page> page;  ///< the page it opens on (none: where the app starts)
  ImVec2 size{1280, 800};        ///< the window: a tall one keeps a whole page on screen and clickable
  int frames = 3;                ///< frames run before the test takes over
  bool dismiss_welcome = true;   ///< false: the welcome dialog shows if the app would show it
  std::optional<std::uint64_t> device = 5;  ///< the session's device (none: Session's default)
};

/// The whole App on `ws` with a fake browser (`platform`: the default fake unless given), set up
/// as `setup` says. The members are the test's to drive and inspect.
struct TestApp {
  ImGuiContextGuard guard;
  FakePlatform platform;
  Session session;
  ui::App app;

  explicit TestApp(Workspace ws, const AppSetup& setup = {}, FakePlatform fake = {})
      : platform(std::move(fake)),
        session(setup.device ? Session(std::move(ws), *setup.device) : Session(std::move(ws))),
        app(session, platform) {
    ImGui::GetIO().DisplaySize = setup.size;
    if (setup.dismiss_welcome) app.dismiss_welcome();
    if (setup.page) app.navigate(*setup.page);
    frames(app, setup.frames);
  }
};

}  // namespace nurture::test
