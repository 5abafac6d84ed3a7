#include "web/ui/app.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <utility>

#include <imgui_internal.h>
#include <nlohmann/json.hpp>

#include "core/demo/demo_practice.hpp"
#include "web/ui/import_export_page.hpp"
#include "web/ui/pages.hpp"
#include "web/ui/sidebar.hpp"
#include "web/ui/theme.hpp"
#include "web/ui/widgets.hpp"

namespace nurture::ui {

namespace {

constexpr float k_sidebar_width = 240.0F;
constexpr float k_status_height = 34.0F;

}  // namespace

App::App(Session& session, Platform& platform) : m_session(session), m_platform(platform) {
  // Keyboard only (U10): arrows and Tab move between widgets, Space/Enter activate.
  ImGui::GetIO().ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
  // Double-click (opens a lead) within half a second, the desktop systems' default; ImGui's
  // 0.3 s missed the double-clicks of slower hands and of a busy, slow-framing browser.
  ImGui::GetIO().MouseDoubleClickTime = 0.5F;
}

const Palette& App::effective_palette() const {
  switch (m_prefs.theme) {
    case ThemeChoice::light:
      return palette(false);
    case ThemeChoice::dark:
      return palette(true);
    case ThemeChoice::high_contrast:
      return high_contrast_palette();
    case ThemeChoice::system:
      break;
  }
  // The system's "more contrast" wish outranks its colour scheme (U12).
  if (m_platform.system_prefers_more_contrast()) return high_contrast_palette();
  return palette(m_platform.system_prefers_dark());
}

bool App::prepare_frame(float pixel_ratio) {
  m_pixel_ratio = pixel_ratio;
  const float scale = m_prefs.ui_scale * pixel_ratio;
  bool rebuilt = false;
  if (scale != m_fonts.built_for) {
    m_fonts.build(m_platform, scale);
    rebuilt = true;
  }
  const Palette& pal = effective_palette();
  if (!m_style_built || &pal != m_pal || scale != m_style_scale) {
    // Always from the unscaled style: scaling a scaled style would compound rounding.
    ImGuiStyle style = make_style(pal);
    style.ScaleAllSizes(scale);
    // ScaleAllSizes leaves border widths alone; at DPR 3 a 1-pixel outline all but vanishes.
    style.FrameBorderSize = std::max(1.0F, std::floor(scale)) * (pal.high_contrast ? 2.0F : 1.0F);
    style.PopupBorderSize = style.FrameBorderSize;
    ImGui::GetStyle() = style;
    m_pal = &pal;
    m_style_scale = scale;
    m_style_built = true;
  }
  return rebuilt;
}

void App::set_preferences(const Preferences& prefs) {
  m_prefs = prefs;
  m_prefs.ui_scale = std::clamp(m_prefs.ui_scale, Preferences::k_min_scale, Preferences::k_max_scale);
  m_page = page_from_key(m_prefs.page).value_or(Page::today);
  m_prefs.page = page_info(m_page).key;
}

void App::navigate(Page page) {
  if (page == m_page) return;
  // Leaving the dashboard drops an index build in progress (nothing half-built stays).
  if (m_page == Page::funnel) m_dashboard.leave();
  m_page = page;
  m_prefs.page = page_info(page).key;
  m_platform.save_preferences(m_prefs);
  // The canvas is opaque to screen readers: say where the user landed.
  m_announcer.say(page_info(page).title);
}

void App::handle_shortcuts(Ui& ui) {
  const ImGuiIO& io = ImGui::GetIO();
  const bool mod = io.KeyCtrl || io.KeySuper;  // Cmd on a Mac arrives as Super
  if (!mod || io.KeyAlt) return;
  if (ImGui::IsKeyPressed(ImGuiKey_S, false)) {
    // On Settings, Ctrl+S also commits the practice form: "save" means what is on screen.
    if (m_page == Page::settings) m_settings.save_draft(ui);
    if (m_page == Page::leads) m_leads.save_draft(ui);
    m_platform.save_now();
    m_status.confirm_next_save(m_platform.now_ms());
  }
  // Ctrl+Z undoes the last command; inside a text field it belongs to the field.
  if (ImGui::IsKeyPressed(ImGuiKey_Z, false) && !io.KeyShift && !io.WantTextInput && ui.editable() &&
      m_session.undo()) {
    ui.notice = "Undone";
    ui.announce(ui.notice);
  }
  if (ImGui::IsKeyPressed(ImGuiKey_F, false)) {
    navigate(Page::leads);
    m_focus_search = true;
  }
  // Ctrl+Shift+L: lock now (the shell keeps Ctrl+L from the browser's address bar).
  if (io.KeyShift && ImGui::IsKeyPressed(ImGuiKey_L, false) && m_platform.storage().lock_enabled) {
    m_platform.lock_now();
  }
  // Ctrl+1…9 open the pages in sidebar order (Today … Settings), so every page is one chord
  // away without Tab-walking the sidebar.
  for (std::size_t i = 0; i < std::size(k_pages) && i < 9; ++i) {
    if (ImGui::IsKeyPressed(static_cast<ImGuiKey>(ImGuiKey_1 + static_cast<int>(i)), false))
      navigate(k_pages[i]);
  }
}

void App::draw_page(Ui& ui, bool& prefs_changed) {
  switch (m_page) {
    case Page::today:
      m_today.draw(ui, m_sequence_runtime);
      break;
    case Page::leads:
      ui.focus_search = m_focus_search;
      m_leads.draw(ui);
      m_focus_search = ui.focus_search;
      break;
    case Page::segments:
      m_segments.draw(ui, m_runtime);
      break;
    case Page::sequences:
      m_sequences.draw(ui, m_runtime, m_sequence_runtime);
      break;
    case Page::forecast:
      m_forecast.draw(ui);
      break;
    case Page::funnel:
      m_dashboard.draw(ui);
      break;
    case Page::content:
      m_content.draw(ui);
      break;
    case Page::import_export:
      m_import_export.draw(ui);
      break;
    case Page::settings:
      m_settings.draw(ui, m_prefs, prefs_changed);
      break;
  }
}

void App::draw_content(Ui& ui, float width, float height, bool& prefs_changed) {
  ImGui::BeginChild(
      "content", ImVec2(width, height), ImGuiChildFlags_None,
      ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse | ImGuiWindowFlags_NavFlattened);
  // The reading column is centred: on a wide monitor a left-hugging column looks unfinished.
  // Leads is a table: it takes the width a table needs, other pages keep the reading column.
  // Content is a table too once it has items (its empty state keeps the reading column).
  const bool wide_page = m_page == Page::leads || m_page == Page::segments || m_page == Page::funnel ||
                         (m_page == Page::content && ContentPage::wide(m_session.workspace()));
  const float column = ui.px(wide_page ? 1400 : 760);
  const float pad_x = std::max(ui.px(wide_page ? 28 : 40), (width - column) * 0.5F);
  const float inner = std::min(width - 2 * pad_x, column);
  ImGui::SetCursorPos(ImVec2(pad_x, ui.px(20)));
  ImGui::BeginGroup();
  m_banners.draw(ui, inner);
  gap(ui, 8);
  const PageInfo& info = page_info(m_page);
  title_text(ui, info.title);
  ImGui::SetCursorPosY(ImGui::GetCursorPosY() - ui.px(6));
  paragraph(ui, info.subtitle, true);
  ImGui::EndGroup();
  gap(ui, 10);

  // The page body scrolls under a fixed header; its padding keeps focus rings and card
  // borders clear of the clip edge.
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(pad_x, ui.px(6)));
  ImGui::SetCursorPosX(0);
  // Each page opens at its top; returning to a page never lands mid-way down another's scroll.
  if (m_page != m_body_page) ImGui::SetNextWindowScroll(ImVec2(0, 0));
  m_body_page = m_page;
  ImGui::BeginChild(info.key, ImVec2(width, ImGui::GetContentRegionAvail().y),
                    ImGuiChildFlags_AlwaysUseWindowPadding, ImGuiWindowFlags_NavFlattened);
  ImGui::PopStyleVar();
  ImGui::PushID(info.key);
  draw_page(ui, prefs_changed);
  ImGui::PopID();
  m_scroll_y = ImGui::GetScrollY();
  m_scroll_max = ImGui::GetScrollMaxY();
  ImGui::EndChild();
  ImGui::EndChild();
}

void App::draw() {
  m_marks.begin_frame();
  const Palette& pal = *m_pal;
  Ui ui{m_session, m_session, m_platform, pal,     m_fonts,      m_marks,      m_style_scale, std::nullopt,
        false,     {},        false,      nullptr, std::nullopt, std::nullopt, &m_announcer};
  ui.demo = &m_demo;
  ui.restore = &m_restore;
  // Locked: nothing of the workspace is drawn, and the pages do not run (there is no data).
  if (m_platform.storage().mode == StorageStatus::Mode::locked) {
    m_lock_screen.draw(ui);
    keep_keyboard_focus_reachable();
    m_announcer.flush(m_platform);
    return;
  }
  handle_shortcuts(ui);
  m_demo.update(ui);  // a finished demo replaces the workspace before anything reads it
  if (m_pending_restore) m_restore.start(ui, *std::exchange(m_pending_restore, std::nullopt));
  m_restore.update(ui);  // so does a restored backup
  // Scores, saved-segment counts and the app's own records, before any page reads them.
  m_runtime.update(ui);
  ui.segments = &m_runtime;
  // The funnel's stage rules, before the triggers so that stage-change enrolments see the moves.
  m_stage_runtime.update(ui);
  // Trigger enrolments, ended enrolments and the day's schedule, after the segment records.
  m_sequence_runtime.update(ui);
  bool prefs_changed = false;

  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(vp->Pos);
  ImGui::SetNextWindowSize(vp->Size);
  ImGui::Begin("Nurture", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                   ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoSavedSettings);
  // Keyboard only (U10): after a dialog closes ImGui can leave no window focused, and then Tab
  // does nothing. The main window takes the focus back, so Tab always has somewhere to go.
  if (ImGui::GetCurrentContext()->NavWindow == nullptr) ImGui::FocusWindow(ImGui::GetCurrentWindow());
  const float status_h = ui.px(k_status_height);
  const float sidebar_w = std::min(ui.px(k_sidebar_width), vp->Size.x * 0.4F);
  const float body_h = std::max(1.0F, vp->Size.y - status_h);

  // The sidebar scrolls only when it must (a short window at 200 %): every page stays reachable.
  ImGui::PushStyleVar(ImGuiStyleVar_ScrollbarSize, ui.px(6));
  ImGui::BeginChild("sidebar", ImVec2(sidebar_w, body_h), ImGuiChildFlags_None,
                    ImGuiWindowFlags_NavFlattened);
  ImGui::PopStyleVar();
  draw_sidebar(ui, m_page);
  ImGui::EndChild();
  ImGui::SameLine(0, 0);
  draw_content(ui, std::max(1.0F, vp->Size.x - sidebar_w), body_h, prefs_changed);

  ImGui::SetCursorPos(ImVec2(0, body_h));
  ImGui::BeginChild(
      "status", ImVec2(vp->Size.x, status_h), ImGuiChildFlags_None,
      ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse | ImGuiWindowFlags_NavFlattened);
  m_status.draw(ui);
  ImGui::EndChild();
  // Inside the main window, so the modal never spawns ImGui's implicit debug window.
  m_welcome.draw(ui, m_prefs, prefs_changed);
  m_demo.draw(ui);
  m_restore.draw(ui);
  ImGui::End();
  keep_keyboard_focus_reachable();
  draw_focus_ring(pal, m_style_scale);

  if (!ui.notice.empty()) m_status.notify(ui.notice, m_platform.now_ms());

  if (ui.new_segment) {
    m_segments.start_new(std::move(ui.new_segment->first), std::move(ui.new_segment->second));
    ui.go_to = Page::segments;
  }
  if (ui.open_sequence) {
    m_sequences.open(std::move(*ui.open_sequence));
    ui.go_to = Page::sequences;
  }
  if (ui.go_to) navigate(*ui.go_to);
  if (ui.export_requested) m_import_export.request_export();
  if (prefs_changed) m_platform.save_preferences(m_prefs);
  // Everything this frame reported, spoken once (after navigate, so a page change made by a
  // panel's action follows its outcome).
  m_announcer.flush(m_platform);
}

namespace {

// Characters of the names and symbols practices use that the body font must draw (U4): Latin
// Extended, Greek, Cyrillic and the measurement symbols. Returns those the font lacks.
std::string missing_glyphs(const ImFont* font) {
  static constexpr const char* k_probe =
      "Zoë Ångström-Łukasiewicz Dvořák Ñúñez Şahin Αλεξάνδρα Дмитриева Їжак µ ° ± ≤ ≥ ½ € — … → ✓";
  if (font == nullptr) return k_probe;
  std::string missing;
  const char* p = k_probe;
  const char* end = p + std::strlen(p);
  while (p < end) {
    unsigned int c = 0;
    const int len = ImTextCharFromUtf8(&c, p, end);
    if (len <= 0) break;
    if (c != ' ' && font->FindGlyphNoFallback(static_cast<ImWchar>(c)) == nullptr) missing.append(p, len);
    p += len;
  }
  return missing;
}

}  // namespace

std::string App::test_state_json() const {
  nlohmann::json j;
  j["page"] = page_info(m_page).key;
  j["theme"] = m_pal->high_contrast ? "high_contrast" : m_pal->dark ? "dark" : "light";
  j["theme_choice"] = std::string(to_string(m_prefs.theme));
  j["ui_scale"] = m_prefs.ui_scale;
  j["auto_lock_minutes"] = m_prefs.auto_lock_minutes;
  j["revision"] = m_session.revision();
  const PracticeProfile& d = m_settings.draft();
  j["practice_draft"] = {{"name", d.name},           {"street", d.street}, {"city", d.city},
                         {"state", d.state},         {"zip", d.zip},       {"country", d.country},
                         {"time_zone", d.time_zone}, {"phone", d.phone},   {"email", d.email},
                         {"website", d.website}};
  j["field_errors"] = m_settings.visible_errors();
  j["settings_result"] = m_settings.result();
  j["restore_result"] = m_restore.message();
  j["focused_input"] =
      m_marks.focused().empty() ? nlohmann::json(nullptr) : nlohmann::json(m_marks.focused());
  j["nav_focus"] =
      m_marks.nav_focused().empty() ? nlohmann::json(nullptr) : nlohmann::json(m_marks.nav_focused());
  j["status_text"] = m_status.text();
  j["search"] = m_leads.search();
  j["welcome"] = m_welcome.visible();
  j["notice"] = m_status.notice();
  const Workspace& ws = m_session.workspace();
  j["workspace"] = {
      {"leads", ws.leads.size()},     {"events", ws.events.size()},   {"treatments", ws.treatments.size()},
      {"sources", ws.sources.size()}, {"content", ws.content.size()}, {"demo", is_demo_practice(ws)},
      {"empty", ws.is_empty()}};
  j["catalog_errors"] = m_settings.catalogs().errors();
  j["catalog_message"] = m_settings.catalogs().message();
  m_leads.describe(j["leads"], ws);
  m_content.describe(j["content"], ws);
  m_segments.describe(j, ws, m_runtime);
  m_sequences.describe(j["sequences"], ws, m_sequence_runtime);
  m_today.describe(j["today"], ws, m_sequence_runtime);
  m_forecast.describe(j["forecast"], ws);
  m_dashboard.describe(j["dashboard"], ws);
  j["scoring"] = {{"groups", m_runtime.scores().groups},
                  {"error", m_runtime.scoring_error()},
                  {"history", ws.segment_history.size()}};
  j["can_undo"] = m_session.can_undo();
  const LockSettings& lock = m_settings.lock();
  static constexpr const char* k_steps[] = {"none", "enabling", "changing", "disabling"};
  j["lock"] = {{"step", k_steps[static_cast<int>(lock.step())]},
               {"message", lock.message()},
               {"error", lock.message_is_error()},
               {"screen_message", m_lock_screen.message()}};
  j["scroll"] = {{"y", m_scroll_y},
                 {"max", m_scroll_max},
                 {"line", m_fonts.body != nullptr ? m_fonts.body->FontSize : 0.0F}};
  nlohmann::json widgets = nlohmann::json::object();
  for (const auto& [id, r] : m_marks.rects()) widgets[id] = {r.x, r.y, r.z, r.w};
  j["widgets"] = widgets;
  j["export"] = {{"protect", m_import_export.protect()}, {"message", m_import_export.message()}};
  describe(j["export"], m_import_export.export_job());
  describe(j["import"], m_import_export.wizard());
  describe(j["sync"], m_import_export.sync());
  describe(j["demo_job"], m_demo);
  describe(j["restore_job"], m_restore);
  j["fonts"] = {{"inter", m_fonts.inter}, {"missing_glyphs", missing_glyphs(m_fonts.body)}};
  return j.dump();
}

}  // namespace nurture::ui
