#pragma once
/// The whole interface: sidebar navigation, the current page, banners and the status bar.
/// Reads the session's workspace, changes it only through Session::execute (and undo), and
/// reaches the browser only through the Platform interface.

#include <optional>
#include <string>

#include <imgui.h>

#include "core/model/preferences.hpp"
#include "core/session.hpp"
#include "web/ui/banners.hpp"
#include "web/ui/content_page.hpp"
#include "web/ui/dashboard_page.hpp"
#include "web/ui/demo_job.hpp"
#include "web/ui/fonts.hpp"
#include "web/ui/forecast_page.hpp"
#include "web/ui/import_export_page.hpp"
#include "web/ui/leads_page.hpp"
#include "web/ui/lock_screen.hpp"
#include "web/ui/platform_api.hpp"
#include "web/ui/restore_job.hpp"
#include "web/ui/segment_runtime.hpp"
#include "web/ui/segments_page.hpp"
#include "web/ui/sequence_runtime.hpp"
#include "web/ui/sequences_page.hpp"
#include "web/ui/settings_page.hpp"
#include "web/ui/stage_runtime.hpp"
#include "web/ui/status_bar.hpp"
#include "web/ui/test_marks.hpp"
#include "web/ui/today_page.hpp"
#include "web/ui/ui_context.hpp"
#include "web/ui/welcome.hpp"

namespace nurture::ui {

class App {
 public:
  App(Session& session, Platform& platform);

  /// Call before ImGui::NewFrame. `pixel_ratio` is the device pixel ratio. Rebuilds fonts and
  /// style when the scale, ratio or theme changed. Returns true when the font atlas was rebuilt
  /// and the renderer must upload it again.
  bool prepare_frame(float pixel_ratio);
  /// Draws one frame of the interface into the current ImGui context.
  void draw();

  [[nodiscard]] const Preferences& preferences() const { return m_prefs; }
  /// Applies preferences loaded from storage (theme, scale, page).
  void set_preferences(const Preferences& prefs);
  [[nodiscard]] Page page() const { return m_page; }
  /// True while the page shown runs long work a slice per frame: draw the next frame too.
  /// Without it the host draws only on input, and a slice-per-frame job stalls until the mouse
  /// moves (the forecast once stopped at 59 % until then).
  [[nodiscard]] bool wants_next_frame() const {
    return (m_page == Page::import_export && m_import_export.busy()) ||
           (m_page == Page::funnel && m_dashboard.updating()) ||
           (m_page == Page::forecast && m_forecast.running()) || m_demo.running() || m_restore.running();
  }
  /// The Leads page (tests open a lead or the add form directly).
  [[nodiscard]] LeadsPage& leads() { return m_leads; }
  /// The Segments page and the scores and counts behind it (tests drive them directly).
  [[nodiscard]] SegmentsPage& segments() { return m_segments; }
  [[nodiscard]] const SegmentRuntime& segment_runtime() const { return m_runtime; }
  /// The Sequences and Today pages and the schedule behind them (tests drive them directly).
  [[nodiscard]] SequencesPage& sequences() { return m_sequences; }
  [[nodiscard]] TodayPage& today() { return m_today; }
  [[nodiscard]] ForecastPage& forecast() { return m_forecast; }
  [[nodiscard]] DashboardPage& dashboard() { return m_dashboard; }
  [[nodiscard]] const SequenceRuntime& sequence_runtime() const { return m_sequence_runtime; }
  /// The Content page (tests drive its form directly).
  [[nodiscard]] ContentPage& content() { return m_content; }
  /// Shows `page` and remembers it in the preferences.
  void navigate(Page page);

  /// For browser tests: app state and widget rectangles (in ImGui pixels) as JSON.
  [[nodiscard]] std::string test_state_json() const;
  /// For browser tests of other features: closes the first-run dialog for this page load.
  void dismiss_welcome() { m_welcome.dismiss(); }
  /// For browser tests: how much of a workspace file a frame reads or writes on Import / Export.
  void set_io_budget(const FrameBudget& budget) {
    m_import_export.set_budget(budget);
    m_demo.set_budget(budget);
    m_restore.set_budget(budget);
  }
  /// Restoring a daily backup (tests drive its budget and Cancel directly).
  [[nodiscard]] RestoreJob& restore_job() { return m_restore; }
  /// For browser tests: starts restoring backup `name` in the next frame, as its Restore button.
  void request_restore(const std::string& name) { m_pending_restore = name; }
  /// Loading the demo practice (tests drive its budget and Cancel directly).
  [[nodiscard]] DemoJob& demo_job() { return m_demo; }

 private:
  /// The palette the theme choice (and, for System, the browser's wishes) asks for.
  [[nodiscard]] const Palette& effective_palette() const;
  void handle_shortcuts(Ui& ui);
  void draw_content(Ui& ui, float width, float height, bool& prefs_changed);
  void draw_page(Ui& ui, bool& prefs_changed);

  Session& m_session;
  Platform& m_platform;
  Preferences m_prefs;
  Page m_page = Page::today;
  Page m_body_page = Page::today;  ///< the page the scrolling body showed last frame
  float m_pixel_ratio = 0.0F;
  float m_style_scale = 0.0F;
  const Palette* m_pal = &palette(false);  ///< the palette the current style was built from
  bool m_style_built = false;
  FontSet m_fonts;
  TestMarks m_marks;
  Announcer m_announcer;
  StatusBar m_status;
  Banners m_banners;
  LeadsPage m_leads;
  SegmentRuntime m_runtime;
  SegmentsPage m_segments;
  SequenceRuntime m_sequence_runtime;
  StageRuntime m_stage_runtime;
  SequencesPage m_sequences;
  TodayPage m_today;
  ForecastPage m_forecast;
  DashboardPage m_dashboard;
  ContentPage m_content;
  ImportExportPage m_import_export;
  SettingsPage m_settings;
  Welcome m_welcome;
  DemoJob m_demo;
  RestoreJob m_restore;
  std::optional<std::string> m_pending_restore;  ///< request_restore's backup, started next frame
  LockScreen m_lock_screen;
  bool m_focus_search = false;
  float m_scroll_y = 0.0F;
  float m_scroll_max = 0.0F;
};

}  // namespace nurture::ui
