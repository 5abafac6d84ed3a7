#include "web/platform/web_host.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>

#include <GLES3/gl3.h>
#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>
#include <imgui_internal.h>
#include <nlohmann/json.hpp>

#include "web/platform/browser.hpp"

namespace nurture::web {

namespace {

const char* css_cursor(ImGuiMouseCursor cursor) {
  switch (cursor) {
    case ImGuiMouseCursor_TextInput:
      return "text";
    case ImGuiMouseCursor_ResizeAll:
      return "move";
    case ImGuiMouseCursor_ResizeNS:
      return "ns-resize";
    case ImGuiMouseCursor_ResizeEW:
      return "ew-resize";
    case ImGuiMouseCursor_ResizeNESW:
      return "nesw-resize";
    case ImGuiMouseCursor_ResizeNWSE:
      return "nwse-resize";
    case ImGuiMouseCursor_Hand:
      return "pointer";
    case ImGuiMouseCursor_NotAllowed:
      return "not-allowed";
    case ImGuiMouseCursor_None:
      return "none";
    default:
      return "default";
  }
}

const char* clipboard_get(void* user_data) { return static_cast<WebHost*>(user_data)->clipboard().c_str(); }

void clipboard_set(void* user_data, const char* text) {
  static_cast<WebHost*>(user_data)->set_clipboard(text);
}

}  // namespace

WebHost::WebHost(GLFWwindow* /*window*/)
    : m_storage(m_session), m_app(std::make_unique<ui::App>(m_session, *this)) {
  ImGuiIO& io = ImGui::GetIO();
  // The backend's GLFW clipboard is a stub in Emscripten 3.1.6; ours talks to the browser.
  io.ClipboardUserData = this;
  io.GetClipboardTextFn = clipboard_get;
  io.SetClipboardTextFn = clipboard_set;
  // We set the CSS cursor ourselves (GLFW's standard cursors do nothing here).
  io.ConfigFlags |= ImGuiConfigFlags_NoMouseCursorChange;
  io.IniFilename = nullptr;  // layout is ours, not a stored ini
  m_last_input_at = now_ms();
  m_storage.start();
}

std::int64_t WebHost::now_ms() const { return wall_clock_ms(); }

std::uint64_t WebHost::random_u64() { return web::random_u64(); }

void WebHost::download(const std::string& file_name, const std::string& mime, const std::string& bytes) {
  web::download(file_name, mime, bytes);
  // A JSON download is a workspace export (CSV and other formats are partial views); it resets
  // the "last export is old" reminder.
  if (mime == "application/json") m_storage.note_export(now_ms());
}

void WebHost::open_url(const std::string& url) { web::open_url(url); }

void WebHost::download_encrypted(const std::string& file_name, const std::string& bytes,
                                 const std::string& passphrase) {
  if (m_encryption.busy) return;
  m_encryption.busy = true;
  m_encryption.failed = false;
  m_encryption.message.clear();
  web::download_encrypted(file_name, bytes, passphrase);
}

void WebHost::on_crypto_event(const std::string& kind, const std::string& detail) {
  m_encryption.busy = false;
  m_encryption.failed = kind != "encrypted";
  m_encryption.message =
      m_encryption.failed ? "Encryption failed: " + detail : "Exported " + detail + " (encrypted)";
  ++m_encryption.finished;
  if (!m_encryption.failed) m_storage.note_export(now_ms());
  // Spoken by the UI (ImportExportPage) through its Announcer, like every status message.
  request_redraw();
}

void WebHost::pick_file(const std::string& accept) { web::pick_file(accept); }

void WebHost::decrypt(const std::string& bytes, const std::string& passphrase) {
  if (m_decryption.busy) return;
  m_decryption.busy = true;
  m_decryption.failed = false;
  m_decryption.message = "Decrypting…";
  web::decrypt(bytes, passphrase);
}

char* WebHost::file_buffer(std::size_t size) {
  if (size > ui::k_max_incoming_file) return nullptr;
  try {
    m_incoming.assign(size, '\0');
  } catch (const std::bad_alloc&) {
    m_incoming = std::string();
    return nullptr;
  }
  // A zero-length file still needs a valid pointer for the page to hand back.
  return size == 0 ? &m_incoming[0] : m_incoming.data();
}

void WebHost::on_file_ready(const std::string& kind, const std::string& name) {
  if (kind == "decrypted") {
    m_decrypted = std::move(m_incoming);
    m_decryption = ui::TaskStatus{false, false, "Decrypted", m_decryption.finished + 1};
  } else {
    m_file = ui::IncomingFile{name, std::move(m_incoming)};
    m_intake = ui::TaskStatus{false, false, "Read " + name, m_intake.finished + 1};
  }
  m_incoming = std::string();
  request_redraw();
}

void WebHost::on_file_event(const std::string& kind, const std::string& detail) {
  if (kind == "reading") {
    m_intake.busy = true;
    m_intake.failed = false;
    m_intake.message = "Reading " + detail + "…";
  } else if (kind == "cancelled") {
    m_intake.busy = false;
    m_intake.message.clear();
  } else if (kind == "blocked") {
    // The page found no user activation when it was about to open the chooser (shell/pre.js,
    // openFileChooser): the browser would have ignored the click without a word.
    m_intake =
        ui::TaskStatus{false, true, "The browser blocked the file chooser.", m_intake.finished + 1, true};
  } else if (kind == "decrypt-failed") {
    m_decryption = ui::TaskStatus{false, true, detail, m_decryption.finished + 1};
  } else {
    // The import and sync panels show the failure and speak it (Ui::announce_shown).
    m_intake = ui::TaskStatus{false, true, detail, m_intake.finished + 1};
  }
  request_redraw();
}

void WebHost::announce(const std::string& message) { web::announce(message); }

bool WebHost::system_prefers_dark() const { return prefers_dark(); }

bool WebHost::system_prefers_more_contrast() const { return prefers_more_contrast(); }

int WebHost::local_utc_offset_minutes(std::int64_t t) const { return web::local_utc_offset_minutes(t); }

std::string WebHost::read_asset(const std::string& path) const {
  // Assets are embedded in the module's file system under /assets (see CMakeLists.txt).
  std::ifstream in("/assets/" + path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

void WebHost::set_clipboard(std::string text) {
  m_clipboard = std::move(text);
  clipboard_write(m_clipboard);
}

std::string WebHost::copy_text() const {
  const ImGuiContext& g = *ImGui::GetCurrentContext();
  const ImGuiInputTextState& field = g.InputTextState;
  if (g.ActiveId == 0 || field.ID != g.ActiveId) return {};
  if ((field.Flags & ImGuiInputTextFlags_Password) != 0) return {};
  const bool selection = field.HasSelection();
  if (!selection && (field.Flags & ImGuiInputTextFlags_Multiline) != 0) return {};
  const int begin = selection ? std::min(field.Stb.select_start, field.Stb.select_end) : 0;
  const int end = selection ? std::max(field.Stb.select_start, field.Stb.select_end) : field.CurLenW;
  // At most 4 UTF-8 bytes per character, plus the terminator ImTextStrToUtf8 writes.
  std::string out(static_cast<std::size_t>(end - begin) * 4 + 1, '\0');
  const int n = ImTextStrToUtf8(out.data(), static_cast<int>(out.size()), field.TextW.Data + begin,
                                field.TextW.Data + end);
  out.resize(static_cast<std::size_t>(n));
  return out;
}

void WebHost::on_paste(std::string text, bool from_shortcut) {
  m_clipboard = std::move(text);
  if (from_shortcut) {
    // The page kept Ctrl+V's keydown from ImGui until the browser handed over the text: a
    // frame between the two would have pasted the previous clipboard. Ctrl is still held.
    ImGuiIO& io = ImGui::GetIO();
    io.AddKeyEvent(ImGuiKey_V, true);
    io.AddKeyEvent(ImGuiKey_V, false);
  }
  request_redraw();
}

void WebHost::on_text(const char* utf8) {
  ImGui::GetIO().AddInputCharactersUTF8(utf8);
  request_redraw();
}

void WebHost::on_blur() {
  // Keys released while the page was in the background never reach us: drop every held key
  // and modifier so Ctrl does not stay "stuck" (U3). Focus returns with the next input.
  ImGuiIO& io = ImGui::GetIO();
  io.AddFocusEvent(false);
  io.AddFocusEvent(true);
  request_redraw();
}

void WebHost::on_visibility_hidden() { m_storage.on_page_hidden(); }

void WebHost::on_storage_event(const std::string& kind, const std::string& detail) {
  m_storage.on_event(kind, detail);
  request_redraw();
}

void WebHost::update_display_size() {
  double css_w = 0;
  double css_h = 0;
  canvas_css_size(css_w, css_h);
  const float dpr = device_pixel_ratio();
  const int w = std::max(1, static_cast<int>(std::lround(css_w * dpr)));
  const int h = std::max(1, static_cast<int>(std::lround(css_h * dpr)));
  if (w != m_width || h != m_height || dpr != m_dpr) {
    m_width = w;
    m_height = h;
    m_dpr = dpr;
    set_canvas_size(w, h);
    request_redraw();
  }
}

bool WebHost::needs_frame() {
  update_display_size();
  const auto seq = input_sequence();
  if (seq != m_seen_input) {
    m_seen_input = seq;
    request_redraw();
  }
  const auto& st = m_storage.status();
  if (m_session.revision() != m_drawn_revision || st.mode != m_drawn_mode ||
      st.save_state != m_drawn_save_state) {
    m_drawn_revision = m_session.revision();
    m_drawn_mode = st.mode;
    m_drawn_save_state = st.save_state;
    request_redraw();
  }
  // Long work (an import check, a sync read, an export) advances one slice per frame.
  if (m_app->wants_next_frame()) return true;
  // Events ImGui trickles over several frames (fast key taps) must all be processed.
  if (!ImGui::GetCurrentContext()->InputEventsQueue.empty()) return true;
  // A focused text field blinks its caret: two frames a second are enough.
  const auto now = now_ms();
  if (ImGui::GetIO().WantTextInput && now >= m_next_blink_frame_at) {
    m_next_blink_frame_at = now + 500;
    return true;
  }
  if (m_redraw_frames > 0) {
    --m_redraw_frames;
    return true;
  }
  return false;
}

void WebHost::update_cursor() {
  // While a field wants text the bridge must hold the focus; a click on the canvas moves the
  // browser's focus to the canvas, so it is claimed again on every drawn frame (a cheap check).
  const int text_input = ImGui::GetIO().WantTextInput ? 1 : 0;
  if (text_input != 0 || text_input != m_text_input) set_text_input(text_input != 0);
  m_text_input = text_input;
  const ImGuiMouseCursor cursor = ImGui::GetMouseCursor();
  if (cursor != m_cursor) {
    m_cursor = cursor;
    set_cursor(css_cursor(cursor));
  }
}

void WebHost::adopt_device_id() {
  // Preferences are loaded by now (or absent on a first start): an install keeps one id.
  Preferences prefs = m_app->preferences();
  if (prefs.device_id == 0) {
    while (prefs.device_id == 0) prefs.device_id = random_u64();
    m_app->set_preferences(prefs);
    if (m_storage.can_edit()) save_preferences(prefs);
  }
  m_session.set_device(prefs.device_id);
}

void WebHost::frame() {
  const auto now = now_ms();
  m_storage.tick(now);
  if (auto prefs = m_storage.take_loaded_preferences()) m_app->set_preferences(*prefs);
  using Mode = ui::StorageStatus::Mode;
  const Mode mode = m_storage.status().mode;
  if (!m_ready_signalled && mode != Mode::loading) {
    m_ready_signalled = true;  // the lock screen counts: it is what this page shows
    request_redraw();
  }
  // Only once the stored preferences are in: a locked page has not read them yet.
  if (!m_device_adopted && mode != Mode::loading && mode != Mode::locked) {
    m_device_adopted = true;
    adopt_device_id();
    request_redraw();
  }
  update_lock(now);
  set_unsaved_changes(m_storage.has_unsaved_changes());
  if (!needs_frame()) return;
  render();
  // The loading overlay goes away only once a frame with loaded data is on screen.
  if (m_ready_signalled && m_frames_drawn > 0) signal_ready();
}

void WebHost::update_lock(std::int64_t now) {
  const auto seq = input_sequence();
  if (seq != m_idle_input) {
    m_idle_input = seq;
    m_last_input_at = now;
  }
  const auto& st = m_storage.status();
  const std::int64_t minutes = m_app->preferences().auto_lock_minutes;
  if (minutes > 0 && st.lock_enabled && now - m_last_input_at >= minutes * 60000 &&
      (st.mode == ui::StorageStatus::Mode::ready || st.mode == ui::StorageStatus::Mode::read_only)) {
    m_storage.lock();
  }
  const bool locked = m_storage.status().mode == ui::StorageStatus::Mode::locked;
  if (locked && !m_app_is_locked) {
    // Pages keep drafts, selections and search text; ImGui keeps the active field's text. A
    // fresh App and a cleared active item leave nothing of the workspace in the UI's memory.
    const Preferences prefs = m_app->preferences();
    ImGui::ClearActiveID();
    m_app = std::make_unique<ui::App>(m_session, *this);
    m_app->set_preferences(prefs);
    request_redraw();
  }
  if (!locked && m_app_is_locked) m_last_input_at = now;  // just unlocked
  m_app_is_locked = locked;
}

void WebHost::render() {
  if (m_app->prepare_frame(m_dpr)) {
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    ImGui_ImplOpenGL3_CreateFontsTexture();
  }
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplGlfw_NewFrame();
  // HiDPI: GLFW in Emscripten 3.1.6 ignores devicePixelRatio, so ImGui works in physical
  // pixels (mouse positions already arrive in backing-store pixels) and fonts are built at the
  // ratio instead of being scaled.
  ImGuiIO& io = ImGui::GetIO();
  io.DisplaySize = ImVec2(static_cast<float>(m_width), static_cast<float>(m_height));
  io.DisplayFramebufferScale = ImVec2(1.0F, 1.0F);
  // ImGui spreads input that arrived together over several frames (one button change per
  // frame). Those frames must not add their render time between the events: a double-click's
  // second press is three frames after the first, and with slow frames (a busy machine, a
  // software renderer) it looked slower than the double-click time and opened nothing.
  if (m_input_left_over) io.DeltaTime = std::min(io.DeltaTime, 1.0F / 60.0F);
  ImGui::NewFrame();
  m_input_left_over = !ImGui::GetCurrentContext()->InputEventsQueue.empty();
  m_keyboard_pick.clear();
  m_app->draw();
  ImGui::Render();
  update_cursor();
  // Keys still queued may move the focus first: until they are handled, Enter opens nothing
  // early (the frame that sees it still does).
  set_keyboard_pick(m_input_left_over ? std::string() : m_keyboard_pick, !m_input_left_over);

  glViewport(0, 0, m_width, m_height);
  const ImVec4 bg = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
  glClearColor(bg.x, bg.y, bg.z, 1.0F);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  ++m_frames_drawn;
}

std::string WebHost::test_state_json() const {
  auto j = nlohmann::json::parse(m_app->test_state_json());
  const auto& st = m_storage.status();
  static constexpr const char* k_modes[] = {"loading", "ready", "read_only", "unavailable", "locked"};
  static constexpr const char* k_save[] = {"saved", "pending", "saving", "failed"};
  static constexpr const char* k_persist[] = {"unknown", "granted", "denied"};
  j["storage"] = {{"mode", k_modes[static_cast<int>(st.mode)]},
                  {"save_state", k_save[static_cast<int>(st.save_state)]},
                  {"last_saved_at", st.last_saved_at},
                  {"error", st.error},
                  {"quota_exceeded", st.quota_exceeded},
                  {"persistence", k_persist[static_cast<int>(st.persistence)]},
                  {"private_mode", st.private_mode},
                  {"recovery_warning", st.recovery_warning},
                  {"backups", st.backups},
                  {"last_export_at", st.last_export_at},
                  {"lock_enabled", st.lock_enabled},
                  {"idle_ms", now_ms() - m_last_input_at},
                  {"unsaved", m_storage.has_unsaved_changes()},
                  {"save_step", m_storage.save_step()},
                  {"saves_stored", m_storage.saves_stored()},
                  {"last_writing_frames", m_storage.last_writing_frames()}};
  const auto& lt = m_storage.lock_task();
  j["lock_task"] = {{"busy", lt.busy},          {"failed", lt.failed},     {"message", lt.message},
                    {"finished", lt.finished},  {"progress", lt.progress}, {"cancellable", lt.cancellable},
                    {"cancelled", lt.cancelled}};
  j["display"] = {{"width", m_width}, {"height", m_height}, {"dpr", m_dpr}};
  j["frames_drawn"] = m_frames_drawn;
  j["practice_name"] = m_session.workspace().practice.name;
  // The app-lock test looks for a real lead's name and email in the raw IndexedDB records.
  if (const auto& leads = m_session.workspace().leads; leads.rows() > 0) {
    j["sample_lead"] = {
        {"first_name", leads.first_name(0)}, {"last_name", leads.last_name(0)}, {"email", leads.email(0)}};
  }
  j["device_id"] = std::to_string(m_session.clock().device());
  j["want_text_input"] = ImGui::GetIO().WantTextInput;
  return j.dump();
}

}  // namespace nurture::web
