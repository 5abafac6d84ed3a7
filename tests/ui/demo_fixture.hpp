#pragma once
// The demo practice on a Monday afternoon, driven as a whole App: the shared fixture of the UI
// tests that need realistic data (content, forecast, dashboard, sequences, leads).

#include <cstdint>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include <imgui.h>

#include "app_driver.hpp"
#include "core/demo/demo_practice.hpp"
#include "core/demo/demo_sequences.hpp"
#include "core/io/sequence_json.hpp"
#include "fake_platform.hpp"
#include "web/ui/app.hpp"

namespace nurture::test {

/// Monday 2026-12-07 18:00 UTC: 13:00 in New York, 10:00 in Los Angeles (inside every send
/// window).
inline constexpr std::int64_t k_monday = 1'796'666'400'000;

/// A fake browser whose clock stands at k_monday.
inline FakePlatform at_monday() {
  FakePlatform p;
  p.now = k_monday;
  return p;
}

/// The demo practice at k_monday (seed 1, `leads` leads; `history`: with its sequence history)
/// with the shipped playbooks added as its sequences, as Settings → Demo does.
inline Workspace demo_with_playbooks(std::size_t leads = 400, bool history = false) {
  Workspace ws = make_demo_practice(DemoOptions{1, leads, k_monday, 0, history});
  std::vector<Sequence> playbooks;
  for (const char* file : k_demo_playbooks) {
    std::ifstream in(std::string(NURTURE_ASSETS_DIR) + "/playbooks/" + file);
    std::stringstream text;
    text << in.rdbuf();
    auto s = sequence_from_json_text(text.str());
    REQUIRE(s.ok());
    playbooks.push_back(std::move(s).value());
  }
  add_demo_sequences(ws, std::move(playbooks), k_monday, 0);
  return ws;
}

/// The whole App on `ws` at k_monday, in a `size` window (tall, so a page's widgets are on screen
/// and clickable), opened on `page` (none: where it starts) and run `n_frames` frames.
struct DemoApp : TestApp {
  explicit DemoApp(Workspace ws, std::optional<ui::Page> page = std::nullopt,
                   ImVec2 size = ImVec2(1440, 2400), int n_frames = 2)
      : TestApp(std::move(ws), AppSetup{page, size, n_frames, true, std::nullopt}, at_monday()) {}
};

}  // namespace nurture::test
