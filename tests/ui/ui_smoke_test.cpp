// Draws the whole interface headless with ImGui's null backend (no window, no GPU): every page,
// both themes, several scales. Catches ImGui assertion failures (mismatched Begin/End, ID
// conflicts) and crashes without a browser.
#include <catch_amalgamated.hpp>

#include <imgui.h>

#include "fake_platform.hpp"
#include "web/ui/app.hpp"

using namespace nurture;

namespace {

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

void run_frame(ui::App& app, float dpr = 1.0F) {
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

}  // namespace

TEST_CASE("the interface draws a frame headless", "[ui]") {
  ImGuiContextGuard guard;
  Session session;
  test::FakePlatform platform;
  ui::App app(session, platform);
  unsigned char* pixels = nullptr;
  int w = 0;
  int h = 0;
  ImGui::GetIO().Fonts->GetTexDataAsAlpha8(&pixels, &w, &h);
  for (int i = 0; i < 3; ++i) run_frame(app);
  CHECK(ImGui::GetDrawData()->TotalVtxCount > 0);
}
