// Long work in the app (U13, docs/long-work.md). Loading the demo practice (web/ui/demo_job.hpp):
// Settings → Demo builds the demo a slice per frame under a progress dialog, the app asks for
// the next frame meanwhile, Cancel leaves the workspace, its revision and the undo history as
// they were, and a finished build replaces the workspace in one undoable step. The leads CSV
// and the consent ledger exports (web/ui/export_job.hpp): written over many frames, Cancel
// downloads nothing, a finished one downloads exactly the one-shot file.
#include <catch_amalgamated.hpp>

#include <imgui.h>
#include <nlohmann/json.hpp>

#include "app_driver.hpp"
#include "core/export/leads_csv.hpp"
#include "core/io/ledger_json.hpp"
#include "core/storage/workspace_image.hpp"
#include "demo_fixture.hpp"
#include "web/ui/app.hpp"

namespace long_work_ui_test {

using namespace nurture;
using namespace nurture::test;

namespace {

// Settings on a 300-lead practice (not the app's demo: the demo's 2,000 leads must replace it),
// tall enough that the demo card is on screen; one slice (25 leads) a frame.
struct DemoLoad : DemoApp {
  DemoLoad() : DemoApp(renamed(demo_with_playbooks(300)), ui::Page::settings, ImVec2(1280, 9000)) {
    app.set_io_budget(ui::FrameBudget{1, 0, false});
  }
  static Workspace renamed(Workspace ws) {
    ws.practice.name = "Harbor Skin Clinic";
    ws.practice.email = "desk@harbor.example.com";
    return ws;
  }
  void confirm_load() {
    click(app, "settings.demo.load");
    click(app, "settings.demo.confirm");
  }
};

}  // namespace

TEST_CASE("loading the demo shows progress over many frames; Cancel changes nothing", "[ui][long-work]") {
  DemoLoad f;
  const Workspace before = f.session.workspace();
  const auto revision = f.session.revision();
  const bool could_undo = f.session.can_undo();
  CHECK_FALSE(f.app.wants_next_frame());

  f.confirm_load();
  auto s = state(f.app);
  REQUIRE(s["demo_job"]["step"] == "building");
  CHECK(s["widgets"].contains("demo.progress"));
  CHECK(s["widgets"].contains("demo.cancel"));
  // The browser host draws only on input unless asked: the build would stall without this.
  CHECK(f.app.wants_next_frame());
  // Several frames, each a slice: the progress moves, the workspace does not.
  double last = s["demo_job"]["progress"].get<double>();
  CHECK(last > 0.0);
  for (int i = 0; i < 6; ++i) {
    run_frame(f.app);
    const double now = state(f.app)["demo_job"]["progress"].get<double>();
    CHECK(now > last);
    last = now;
    CHECK(f.app.wants_next_frame());
  }
  CHECK(last < 0.5);
  CHECK(f.session.revision() == revision);
  CHECK(f.session.workspace().leads.size() == 300);

  click(f.app, "demo.cancel");
  s = state(f.app);
  CHECK(s["demo_job"]["step"] == "cancelled");
  CHECK(s["notice"] == "Demo not loaded; nothing was changed.");
  CHECK_FALSE(s["widgets"].contains("demo.progress"));
  CHECK_FALSE(f.app.wants_next_frame());
  CHECK(f.session.revision() == revision);
  CHECK(f.session.can_undo() == could_undo);
  CHECK(f.session.workspace() == before);
  // Frames after the cancel do nothing either.
  for (int i = 0; i < 5; ++i) run_frame(f.app);
  CHECK(f.session.revision() == revision);
  CHECK(f.session.workspace() == before);
}

TEST_CASE("a finished demo build replaces the workspace once; Ctrl+Z brings the old one back",
          "[ui][long-work]") {
  DemoLoad f;
  const Workspace before = f.session.workspace();
  f.confirm_load();
  int frames = 0;
  while (f.app.demo_job().running()) {
    CHECK(f.app.wants_next_frame());
    CHECK(f.session.workspace().leads.size() == 300);  // nothing applied before the end
    run_frame(f.app);
    REQUIRE(++frames < 500);
  }
  // 2,000 leads at 25 a step, then the ledger at 25 a step: about 160 frames (the confirm
  // click's own frames ran a few).
  CHECK(frames > 120);
  auto s = state(f.app);
  CHECK(s["demo_job"]["step"] == "done");
  CHECK(s["demo_job"]["progress"] == 1.0);
  CHECK(s["notice"] == "Demo practice loaded. Undo with Ctrl+Z");
  CHECK_FALSE(f.app.wants_next_frame());
  CHECK(f.session.workspace().leads.size() == 2000);
  CHECK(s["workspace"]["demo"] == true);
  CHECK(f.session.workspace().sequences.size() >= 2);
  REQUIRE(f.session.undo());
  CHECK(f.session.workspace().leads.size() == 300);
  CHECK(f.session.workspace().practice.name == "Harbor Skin Clinic");
}

TEST_CASE("a workspace changed during the demo build stops it without loading", "[ui][long-work]") {
  DemoLoad f;
  f.confirm_load();
  REQUIRE(state(f.app)["demo_job"]["step"] == "building");
  // What can still reach the session under the dialog: another tab's change, an undo shortcut.
  auto profile = f.session.workspace().practice;
  profile.name = "Renamed elsewhere";
  REQUIRE(f.session.execute(SetPracticeProfile{profile, k_monday}).ok);
  const auto revision = f.session.revision();
  run_frame(f.app);
  run_frame(f.app);
  const auto s = state(f.app);
  CHECK(s["demo_job"]["step"] == "failed");
  CHECK(s["demo_job"]["message"] ==
        "The workspace changed while the demo was being prepared, so it was not loaded.");
  CHECK(f.session.revision() == revision);
  CHECK(f.session.workspace().leads.size() == 300);
  CHECK_FALSE(f.app.wants_next_frame());
}

namespace {

// Import / Export on a 400-lead demo; eight rows or ledger entries a frame (8 KB / 1 KB).
struct Exports : DemoApp {
  Exports() : DemoApp(demo_with_playbooks(400), ui::Page::import_export, ImVec2(1280, 4000)) {
    app.set_io_budget(ui::FrameBudget{8192, 0, false});
  }
};

}  // namespace

TEST_CASE("the consent ledger export runs over many frames; Cancel downloads nothing", "[ui][long-work]") {
  Exports f;
  const auto revision = f.session.revision();
  REQUIRE(f.session.workspace().ledger.size() > 400);
  click(f.app, "import_export.export_ledger");
  auto s = state(f.app);
  REQUIRE(s["export"]["step"] == "writing");
  CHECK(s["export"]["kind"] == "consent_ledger");
  CHECK(s["widgets"].contains("export.progress"));
  CHECK(f.app.wants_next_frame());
  double last = s["export"]["progress"].get<double>();
  CHECK(last > 0.0);
  for (int i = 0; i < 5; ++i) {
    run_frame(f.app);
    const double now = state(f.app)["export"]["progress"].get<double>();
    CHECK(now > last);
    last = now;
  }
  CHECK(last < 1.0);
  CHECK(f.platform.downloads.empty());
  click(f.app, "export.cancel");
  s = state(f.app);
  CHECK(s["export"]["step"] == "cancelled");
  CHECK_FALSE(f.app.wants_next_frame());
  for (int i = 0; i < 5; ++i) run_frame(f.app);
  CHECK(f.platform.downloads.empty());
  CHECK(f.session.revision() == revision);

  // Again to the end: the file is the one-shot export, and the digest is said.
  click(f.app, "import_export.export_ledger");
  int frames = 0;
  while (state(f.app)["export"]["step"] == "writing") {
    run_frame(f.app);
    REQUIRE(++frames < 2000);
  }
  CHECK(frames > 20);
  REQUIRE(f.platform.downloads.size() == 1);
  CHECK(f.platform.downloads[0] == "nurture-consent-ledger-2026-12-07.json");
  CHECK(f.platform.download_bytes[0] == ledger_export_json(f.session.workspace(), std::nullopt, k_monday));
  const std::string digest = ledger_digest(f.session.workspace().ledger.entries());
  CHECK(state(f.app)["export"]["job_message"].get<std::string>().find(digest) != std::string::npos);
  CHECK(f.session.revision() == revision);
}

TEST_CASE("the leads CSV export runs over many frames and downloads the one-shot file", "[ui][long-work]") {
  Exports f;
  click(f.app, "import_export.export_csv");
  REQUIRE(state(f.app)["export"]["kind"] == "leads_csv");
  int frames = 0;
  while (state(f.app)["export"]["step"] == "writing") {
    CHECK(f.app.wants_next_frame());
    CHECK(f.platform.downloads.empty());
    run_frame(f.app);
    REQUIRE(++frames < 2000);
  }
  CHECK(frames > 20);  // 400 rows at 8 a frame
  REQUIRE(f.platform.downloads.size() == 1);
  CHECK(f.platform.downloads[0] == "nurture-leads-2026-12-07.csv");
  CHECK(f.platform.download_bytes[0] == write_leads_csv(f.session.workspace()));
}

namespace {

/// Presses and releases the mouse on widget `mark` with no frames after the release frame, so
/// the test sees the frame right after the click.
void press_release(ui::App& app, const std::string& mark) {
  const auto r = state(app)["widgets"][mark];
  REQUIRE(r.is_array());
  ImGuiIO& io = ImGui::GetIO();
  io.AddMousePosEvent(r[0].get<float>() + r[2].get<float>() * 0.5F,
                      r[1].get<float>() + r[3].get<float>() * 0.5F);
  run_frame(app);
  io.AddMouseButtonEvent(0, true);
  run_frame(app);
  io.AddMouseButtonEvent(0, false);
  run_frame(app);
}

}  // namespace

namespace {

constexpr const char* k_backup = "backup-2026-11-26.snap";

// Settings on a 300-lead practice with one daily backup: a different, 200-lead practice stored
// as the app stores it (a binary image). One 2 KB slice a frame: the restore takes many frames.
struct RestoreFixture : DemoApp {
  Workspace backup;
  std::string image;
  RestoreFixture()
      : DemoApp(DemoLoad::renamed(demo_with_playbooks(300)), ui::Page::settings, ImVec2(1280, 9000)) {
    backup = demo_with_playbooks(200);
    backup.practice.name = "Morning Clinic";
    image = encode_image(backup);
    platform.status.backups = {k_backup};
    platform.backup_files[k_backup] = image;
    app.set_io_budget(ui::FrameBudget{2048, 0, false});
    frames(app, 2);
  }
  void confirm_restore() {
    click(app, std::string("settings.backup.restore.") + k_backup);
    const auto s = state(app);
    REQUIRE(s["widgets"].contains("settings.backup.confirm"));
    press_release(app, "settings.backup.confirm");
    run_frame(app);  // the confirmation has closed; the progress dialog shows (the header read)
  }
};

}  // namespace

TEST_CASE("restoring a backup shows progress over many frames; Cancel changes nothing", "[ui][long-work]") {
  RestoreFixture f;
  const Workspace before = f.session.workspace();
  const auto revision = f.session.revision();
  const bool could_undo = f.session.can_undo();
  CHECK_FALSE(f.app.wants_next_frame());

  f.confirm_restore();
  auto s = state(f.app);
  REQUIRE(s["restore_job"]["step"] == "decoding");
  CHECK(count_prefix(f.platform.calls, std::string("read_backup:") + k_backup) == 1);
  CHECK(s["widgets"].contains("restore.progress"));
  CHECK(s["widgets"].contains("restore.cancel"));
  CHECK_FALSE(s["widgets"].contains("settings.backup.confirm"));  // the confirm dialog closed
  CHECK(count_prefix(f.platform.announcements, "Restoring the backup of Nov 26, 2026…") == 1);
  CHECK(f.app.wants_next_frame());
  double last = s["restore_job"]["progress"].get<double>();
  for (int i = 0; i < 8; ++i) {
    run_frame(f.app);
    const double now = state(f.app)["restore_job"]["progress"].get<double>();
    CHECK(now > last);  // the checksum's slices: each frame moves the bar
    last = now;
    CHECK(f.app.wants_next_frame());
  }
  CHECK(last < 0.5);
  CHECK(f.session.revision() == revision);
  CHECK(f.session.workspace().practice.name == "Harbor Skin Clinic");

  click(f.app, "restore.cancel");
  s = state(f.app);
  CHECK(s["restore_job"]["step"] == "cancelled");
  CHECK(s["notice"] == "Backup not restored; nothing was changed.");
  CHECK(s["restore_result"] == "Backup not restored; nothing was changed.");
  CHECK(s["widgets"].contains("settings.backup.result"));
  CHECK_FALSE(s["widgets"].contains("restore.progress"));
  CHECK_FALSE(f.app.wants_next_frame());
  for (int i = 0; i < 5; ++i) run_frame(f.app);
  CHECK(f.session.revision() == revision);
  CHECK(f.session.can_undo() == could_undo);
  CHECK(f.session.workspace() == before);
}

TEST_CASE("a restored backup replaces the workspace once; Ctrl+Z brings the old one back",
          "[ui][long-work]") {
  RestoreFixture f;
  const auto revision = f.session.revision();
  f.confirm_restore();
  int frames = 0;
  while (f.app.restore_job().running()) {
    CHECK(f.app.wants_next_frame());
    CHECK(f.session.revision() == revision);  // nothing applied before the end
    run_frame(f.app);
    REQUIRE(++frames < 5000);
  }
  // The image is hundreds of KB; at 2 KB a step the checksum alone takes dozens of frames.
  CHECK(static_cast<std::size_t>(frames) > f.image.size() / (2048 * 4 * 2));
  auto s = state(f.app);
  CHECK(s["restore_job"]["step"] == "done");
  CHECK(s["restore_job"]["progress"] == 1.0);
  CHECK(s["restore_result"] == "Backup of Nov 26, 2026 restored. Ctrl+Z goes back.");
  CHECK(s["notice"] == "Backup of Nov 26, 2026 restored. Ctrl+Z goes back.");
  CHECK(count_prefix(f.platform.announcements, "Backup of Nov 26, 2026 restored.") == 1);
  CHECK(s["widgets"].contains("settings.backup.result"));
  CHECK_FALSE(f.app.wants_next_frame());
  CHECK(f.session.workspace().practice.name == "Morning Clinic");
  CHECK(f.session.workspace().leads.size() == 200);
  CHECK(f.session.workspace().events == f.backup.events);
  press(f.app, ImGuiKey_Z, true);
  CHECK(f.session.workspace().practice.name == "Harbor Skin Clinic");
  CHECK(f.session.workspace().leads.size() == 300);
}

TEST_CASE("a restore that cannot start or cannot open the backup says why and changes nothing",
          "[ui][long-work]") {
  SECTION("a damaged backup fails after reading it, with the decoder's reason") {
    RestoreFixture f;
    const Workspace before = f.session.workspace();
    f.image[f.image.size() / 2] = static_cast<char>(~f.image[f.image.size() / 2]);
    f.platform.backup_files[k_backup] = f.image;
    f.confirm_restore();
    for (int frames = 0; f.app.restore_job().running(); ++frames) {
      run_frame(f.app);
      REQUIRE(frames < 5000);
    }
    const auto s = state(f.app);
    CHECK(s["restore_job"]["step"] == "failed");
    const std::string why = "Could not restore the backup of Nov 26, 2026: snapshot checksum does not match";
    CHECK(s["restore_result"] == why);
    CHECK(s["notice"] == why);
    CHECK(count_prefix(f.platform.announcements, why) == 1);
    CHECK(f.session.workspace() == before);
  }
  SECTION("a missing file fails at once, without a progress dialog") {
    RestoreFixture f;
    f.platform.backup_files.clear();
    const auto revision = f.session.revision();
    f.confirm_restore();
    const auto s = state(f.app);
    CHECK(s["restore_job"]["step"] == "failed");
    CHECK(s["restore_result"] == std::string("Could not restore the ") + k_backup + ": the file is missing.");
    CHECK_FALSE(s["widgets"].contains("restore.progress"));
    CHECK_FALSE(f.app.wants_next_frame());
    CHECK(f.session.revision() == revision);
  }
  SECTION("the workspace changing under the dialog stops the restore") {
    RestoreFixture f;
    f.confirm_restore();
    auto profile = f.session.workspace().practice;
    profile.name = "Renamed elsewhere";
    REQUIRE(f.session.execute(SetPracticeProfile{profile, k_monday}).ok);
    frames(f.app, 2);
    const auto s = state(f.app);
    CHECK(s["restore_job"]["step"] == "failed");
    CHECK(s["restore_result"] ==
          "The workspace changed while the backup was being read, so it was not restored.");
    CHECK(f.session.workspace().practice.name == "Renamed elsewhere");
  }
}

}  // namespace long_work_ui_test
