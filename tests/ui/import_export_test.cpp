// Long work on Import / Export, headless (U13): the workspace export written a slice per frame
// (progress, Cancel, the guard against a workspace that changes underneath), and the sync read
// of another device's file (progress, Cancel, preview, a damaged file), with the shared file
// intake and undo summary. The browser side is tests/e2e/sync.test.mjs.
#include <catch_amalgamated.hpp>

#include <imgui.h>

#include "core/commands/command.hpp"
#include "core/io/workspace_json.hpp"
#include "fake_platform.hpp"
#include "web/ui/export_job.hpp"
#include "web/ui/sync_panel.hpp"
#include "web/ui/test_seed.hpp"

namespace import_export_test {

using namespace nurture;

namespace {

/// An ImGui context and the per-frame Ui for drawing one panel at a time.
class Harness {
 public:
  Harness() {
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(1280, 800);
    unsigned char* pixels = nullptr;
    int w = 0;
    int h = 0;
    io.Fonts->GetTexDataAsAlpha8(&pixels, &w, &h);
  }
  ~Harness() { ImGui::DestroyContext(); }
  Harness(const Harness&) = delete;
  Harness& operator=(const Harness&) = delete;

  template <class Draw>
  void frame(Session& session, test::FakePlatform& platform, Draw&& draw) {
    ImGui::GetIO().DeltaTime = 1.0F / 60.0F;
    ImGui::NewFrame();
    ImGui::Begin("test");
    ui::Ui ui{session, session, platform, ui::palette(false), m_fonts,     m_marks, 1.0F, std::nullopt, false,
              {},      false,   nullptr,  std::nullopt,       std::nullopt};
    m_marks.begin_frame();
    draw(ui);
    ImGui::End();
    ImGui::Render();
  }
  ui::TestMarks& marks() { return m_marks; }

 private:
  ui::FontSet m_fonts;
  ui::TestMarks m_marks;
};

/// One small slice a frame, so even a small workspace takes many frames.
ui::FrameBudget tiny_budget(bool paused = false) {
  ui::FrameBudget b;
  b.chunk_bytes = 1024;
  b.frame_ms = 0;
  b.paused = paused;
  return b;
}

}  // namespace

TEST_CASE("the export is written a slice per frame and handed over once, equal to the one-call file",
          "[ui][io]") {
  Harness h;
  Session session;
  test::FakePlatform platform;
  REQUIRE(ui::seed_leads(session, platform, 120));
  ui::ExportJob job;
  job.set_budget(tiny_budget());
  h.frame(session, platform, [&](ui::Ui& ui) { job.start(ui, "ws.json"); });
  double last = 0.0;
  int frames = 0;
  while (job.running() && frames < 100000) {
    CHECK(platform.downloads.empty());  // nothing leaves before the file is complete
    h.frame(session, platform, [&](ui::Ui& ui) { job.draw(ui); });
    CHECK(job.progress() >= last);
    last = job.progress();
    ++frames;
  }
  CHECK(frames > 10);
  CHECK(job.state() == ui::ExportJob::State::done);
  CHECK(job.progress() == 1.0);
  REQUIRE(platform.downloads.size() == 1);
  CHECK(platform.downloads[0] == "ws.json");
  CHECK(platform.download_bytes[0] == workspace_to_json(session.workspace()));
  CHECK(job.files() == 1);
}

TEST_CASE("an encrypted export hands the written file and the passphrase to the platform", "[ui][io]") {
  Harness h;
  Session session;
  test::FakePlatform platform;
  REQUIRE(ui::seed_leads(session, platform, 20));
  ui::ExportJob job;
  h.frame(session, platform,
          [&](ui::Ui& ui) { job.start(ui, "ws.encrypted.json", "correct horse battery"); });
  for (int i = 0; i < 1000 && job.running(); ++i)
    h.frame(session, platform, [&](ui::Ui& ui) { job.draw(ui); });
  REQUIRE(platform.downloads.size() == 1);
  CHECK(platform.download_bytes[0] == workspace_to_json(session.workspace()));
  CHECK(platform.calls.back() == "encrypt:21");
}

TEST_CASE("a cancelled export hands nothing over; an edit during the export stops it", "[ui][io]") {
  Harness h;
  Session session;
  test::FakePlatform platform;
  REQUIRE(ui::seed_leads(session, platform, 60));
  ui::ExportJob job;
  job.set_budget(tiny_budget());
  h.frame(session, platform, [&](ui::Ui& ui) { job.start(ui, "ws.json"); });
  for (int i = 0; i < 3; ++i) h.frame(session, platform, [&](ui::Ui& ui) { job.draw(ui); });
  REQUIRE(job.running());
  CHECK(job.progress() > 0.0);
  CHECK(h.marks().rects().contains("export.cancel"));  // the dialog offers Cancel
  h.frame(session, platform, [&](ui::Ui& ui) { job.cancel(ui); });
  CHECK(job.state() == ui::ExportJob::State::cancelled);
  for (int i = 0; i < 50; ++i) h.frame(session, platform, [&](ui::Ui& ui) { job.draw(ui); });
  CHECK(platform.downloads.empty());
  CHECK(job.files() == 0);

  // Something reaches the session behind the dialog (Ctrl+Z, a reload): no file from a
  // workspace that changed half-way.
  h.frame(session, platform, [&](ui::Ui& ui) { job.start(ui, "ws.json"); });
  h.frame(session, platform, [&](ui::Ui& ui) { job.draw(ui); });
  REQUIRE(job.running());
  auto profile = session.workspace().practice;
  profile.name = "Changed";
  REQUIRE(session.execute(SetPracticeProfile{profile, platform.now}).ok);
  for (int i = 0; i < 50; ++i) h.frame(session, platform, [&](ui::Ui& ui) { job.draw(ui); });
  CHECK(job.state() == ui::ExportJob::State::failed);
  CHECK(platform.downloads.empty());
}

TEST_CASE("the sync read shows progress, Cancel changes nothing, and the preview follows the read",
          "[ui][io]") {
  Harness h;
  test::FakePlatform platform;
  Session other;
  REQUIRE(ui::seed_leads(other, platform, 40));
  const std::string file = workspace_to_json(other.workspace());
  Session session;
  const auto revision = session.revision();

  ui::SyncPanel panel;
  panel.set_budget(tiny_budget(true));
  h.frame(session, platform, [&](ui::Ui& ui) { panel.open(ui, {"other.json", file}); });
  for (int i = 0; i < 3; ++i) h.frame(session, platform, [&](ui::Ui& ui) { panel.draw(ui, 600); });
  CHECK(panel.step() == ui::SyncPanel::Step::reading);
  CHECK(h.marks().rects().contains("sync.progress"));
  CHECK(h.marks().rects().contains("sync.cancel"));
  panel.cancel();
  h.frame(session, platform, [&](ui::Ui& ui) { panel.draw(ui, 600); });
  CHECK(panel.step() == ui::SyncPanel::Step::pick);
  CHECK(session.revision() == revision);
  CHECK(session.workspace().leads.size() == 0);

  panel.set_budget(tiny_budget());
  h.frame(session, platform, [&](ui::Ui& ui) { panel.open(ui, {"other.json", file}); });
  bool compared = false;
  bool partial = false;  // a frame ended with the file part read
  double last = 0.0;
  auto last_step = panel.step();
  for (int i = 0; i < 100000 && panel.step() != ui::SyncPanel::Step::preview; ++i) {
    h.frame(session, platform, [&](ui::Ui& ui) { panel.draw(ui, 600); });
    compared = compared || panel.step() == ui::SyncPanel::Step::comparing;
    partial = partial || (panel.step() == ui::SyncPanel::Step::reading && panel.progress() > 0.0 &&
                          panel.progress() < 1.0);
    if (panel.step() != last_step) last = 0.0;  // reading, then comparing: each its own bar
    CHECK(panel.progress() >= last);
    last = panel.progress();
    last_step = panel.step();
  }
  CHECK(compared);                    // "Comparing…" was on screen before the preview
  CHECK(panel.compare_frames() > 1);  // and the comparison, too, was spread over frames
  REQUIRE(panel.step() == ui::SyncPanel::Step::preview);
  // 1 KB a frame: the read of a file many times that size spans many frames.
  CHECK(partial);
  CHECK(panel.read_frames() >= file.size() / 1024 / 2);
  CHECK(panel.report().leads_added == 40);
  CHECK(session.revision() == revision);  // a preview changes nothing
}

TEST_CASE("the sync comparison can be cancelled, and starts over after an edit", "[ui][io]") {
  Harness h;
  test::FakePlatform platform;
  Session other;
  REQUIRE(ui::seed_leads(other, platform, 60));
  const std::string file = workspace_to_json(other.workspace());
  Session session;
  ui::SyncPanel panel;
  panel.set_budget(tiny_budget());
  const auto run_until = [&](ui::SyncPanel::Step step) {
    for (int i = 0; i < 100000 && panel.step() != step; ++i)
      h.frame(session, platform, [&](ui::Ui& ui) { panel.draw(ui, 600); });
  };
  h.frame(session, platform, [&](ui::Ui& ui) { panel.open(ui, {"other.json", file}); });
  run_until(ui::SyncPanel::Step::comparing);
  h.frame(session, platform, [&](ui::Ui& ui) { panel.draw(ui, 600); });
  REQUIRE(panel.step() == ui::SyncPanel::Step::comparing);
  CHECK(panel.progress() > 0.0);
  CHECK(panel.progress() < 1.0);
  CHECK(h.marks().rects().contains("sync.cancel"));
  panel.cancel();
  h.frame(session, platform, [&](ui::Ui& ui) { panel.draw(ui, 600); });
  CHECK(panel.step() == ui::SyncPanel::Step::pick);
  CHECK(session.revision() == 0);

  // An edit half-way (a lead the file also holds): the preview describes the workspace after it.
  h.frame(session, platform, [&](ui::Ui& ui) { panel.open(ui, {"other.json", file}); });
  run_until(ui::SyncPanel::Step::comparing);
  h.frame(session, platform, [&](ui::Ui& ui) { panel.draw(ui, 600); });
  REQUIRE(panel.step() == ui::SyncPanel::Step::comparing);
  Lead copy = other.workspace().leads.get(0);
  REQUIRE(session.execute(AddLead{copy, platform.now}).ok);
  run_until(ui::SyncPanel::Step::preview);
  REQUIRE(panel.step() == ui::SyncPanel::Step::preview);
  CHECK(panel.report() == preview_merge(session.workspace(), other.workspace(), platform.now));
  CHECK(panel.report().leads_added == 59);
}

TEST_CASE("a damaged workspace file is refused with the reason and nothing changes", "[ui][io]") {
  Harness h;
  test::FakePlatform platform;
  Session session;
  ui::SyncPanel panel;
  h.frame(session, platform, [&](ui::Ui& ui) {
    panel.open(ui, {"broken.json", R"({"format":"nurture.workspace","version":2,)"});
  });
  for (int i = 0; i < 5; ++i) h.frame(session, platform, [&](ui::Ui& ui) { panel.draw(ui, 600); });
  CHECK(panel.step() == ui::SyncPanel::Step::pick);
  CHECK(panel.error().starts_with("broken.json could not be read"));
  CHECK(session.revision() == 0);
}

TEST_CASE("a protected file dropped on Sync asks for its passphrase first", "[ui][io]") {
  Harness h;
  test::FakePlatform platform;
  Session session;
  ui::SyncPanel panel;
  h.frame(session, platform, [&](ui::Ui& ui) {
    panel.open(ui, {"x.encrypted.json", R"({"format":"nurture.encrypted","data":"AAAA"})"});
  });
  h.frame(session, platform, [&](ui::Ui& ui) { panel.draw(ui, 600); });
  CHECK(panel.step() == ui::SyncPanel::Step::passphrase);
  CHECK(h.marks().rects().contains("sync.passphrase"));
}

}  // namespace import_export_test
