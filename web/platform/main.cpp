// Entry point of the browser app: creates the WebGL2 window through GLFW, sets up ImGui, and
// hands every animation frame to the WebHost. Exported C functions are the page's way in.
#include <cstdio>
#include <memory>
#include <string>

#include <GLFW/glfw3.h>
#include <emscripten.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

#include "web/platform/browser.hpp"
#include "web/platform/web_host.hpp"

namespace {

// The one piece of process-wide state in the app: exported functions called from JavaScript
// have no other way to reach the host.
nurture::web::WebHost* g_host = nullptr;
std::string g_state_buffer;
std::string g_copy_buffer;

void frame_callback(void* host) { static_cast<nurture::web::WebHost*>(host)->frame(); }

// A tap reaches GLFW as the browser's mouse events for it (shell/pre.js): the pointer arrives
// and presses in the same frame, with no hover before. Told the events come from a touch
// screen, ImGui's input queue gives the move a frame of its own before the press; without it,
// items that allow overlap (table headers) only count as hovered from the frame after the
// pointer arrived and the tap was lost. ImGui's GLFW backend calls these before it queues
// its own event (it chains to the callbacks installed before it).
void note_pointer_source() {
  ImGui::GetIO().AddMouseSourceEvent(nurture::web::pointer_is_touch() ? ImGuiMouseSource_TouchScreen
                                                                      : ImGuiMouseSource_Mouse);
}
void on_cursor_pos(GLFWwindow* /*window*/, double /*x*/, double /*y*/) { note_pointer_source(); }
void on_mouse_button(GLFWwindow* /*window*/, int /*button*/, int /*action*/, int /*mods*/) {
  note_pointer_source();
}

// A held key repeats at the pace of the browser (the user's own keyboard settings), never by
// ImGui's timer: ImGui counted a key as held for as long as the frame it was pressed in lasted,
// so on a busy machine a quick Tab could fall between two slow frames and move the focus
// twice. The browser's repeated keydowns reach us as GLFW_REPEAT, which ImGui's backend
// ignores; each becomes a release and a press of the key here.
void on_key(GLFWwindow* window, int key, int scancode, int action, int mods) {
  if (action != GLFW_REPEAT) return;
  ImGui_ImplGlfw_KeyCallback(window, key, scancode, GLFW_RELEASE, mods);
  ImGui_ImplGlfw_KeyCallback(window, key, scancode, GLFW_PRESS, mods);
}

}  // namespace

extern "C" {

/// JSON describing app state and widget rectangles; for browser tests. Valid until next call.
EMSCRIPTEN_KEEPALIVE const char* nurture_test_state() {
  g_state_buffer = g_host != nullptr ? g_host->test_state_json() : std::string("{\"ready\":false}");
  return g_state_buffer.c_str();
}

/// Text from the page's paste event. `from_shortcut` is 1 when the page held back the Ctrl+V
/// that caused it, so the app replays that key now that the text is here.
EMSCRIPTEN_KEEPALIVE void nurture_on_paste(const char* text, int from_shortcut) {
  if (g_host != nullptr && text != nullptr) g_host->on_paste(text, from_shortcut != 0);
}

/// The text the page's copy or cut event puts on the clipboard (WebHost::copy_text): the event
/// fires with the key, before the frame in which the app sees Ctrl+C, and the app's own
/// asynchronous clipboard write may be refused. Valid until the next call.
EMSCRIPTEN_KEEPALIVE const char* nurture_copy_text() {
  g_copy_buffer = g_host != nullptr ? g_host->copy_text() : std::string();
  return g_copy_buffer.c_str();
}

/// Text from the page's text bridge (typed while an app text field has focus).
EMSCRIPTEN_KEEPALIVE void nurture_on_text(const char* text) {
  if (g_host != nullptr && text != nullptr) g_host->on_text(text);
}

EMSCRIPTEN_KEEPALIVE void nurture_on_blur() {
  if (g_host != nullptr) g_host->on_blur();
}

EMSCRIPTEN_KEEPALIVE void nurture_on_visibility_hidden() {
  if (g_host != nullptr) g_host->on_visibility_hidden();
}

/// Storage notifications from shell JS: kind ("synced", "sync-failed", "lock-lost", ...) and
/// a detail string.
EMSCRIPTEN_KEEPALIVE void nurture_storage_event(const char* kind, const char* detail) {
  if (g_host != nullptr)
    g_host->on_storage_event(kind != nullptr ? kind : "", detail != nullptr ? detail : "");
}

/// Outcome of an encrypted export from shell/crypto.js: "encrypted" (file name) or "failed".
EMSCRIPTEN_KEEPALIVE void nurture_crypto_event(const char* kind, const char* detail) {
  if (g_host != nullptr)
    g_host->on_crypto_event(kind != nullptr ? kind : "", detail != nullptr ? detail : "");
}

/// The page is about to copy a file of `size` bytes in: where to put them (0: refused).
EMSCRIPTEN_KEEPALIVE char* nurture_file_buffer(double size) {
  if (g_host == nullptr || size < 0) return nullptr;
  return g_host->file_buffer(static_cast<std::size_t>(size));
}

/// The bytes are in the buffer: kind "file" (named `name`) or "decrypted".
EMSCRIPTEN_KEEPALIVE void nurture_file_ready(const char* kind, const char* name) {
  if (g_host != nullptr) g_host->on_file_ready(kind != nullptr ? kind : "", name != nullptr ? name : "");
}

/// Progress and failures of incoming files: "reading", "cancelled", "failed", "decrypt-failed".
EMSCRIPTEN_KEEPALIVE void nurture_file_event(const char* kind, const char* detail) {
  if (g_host != nullptr) g_host->on_file_event(kind != nullptr ? kind : "", detail != nullptr ? detail : "");
}

EMSCRIPTEN_KEEPALIVE void nurture_request_redraw() {
  if (g_host != nullptr) g_host->request_redraw();
}

/// TEST-ONLY: lets browser tests edit, undo, restore and take over without the UI's widgets
/// (see WebHost::test_command). Returns a JSON result valid until the next call.
EMSCRIPTEN_KEEPALIVE const char* nurture_test_command(const char* json) {
  g_state_buffer =
      g_host != nullptr && json != nullptr ? g_host->test_command(json) : std::string("{\"ok\":false}");
  return g_state_buffer.c_str();
}

EMSCRIPTEN_KEEPALIVE int nurture_has_unsaved_changes() {
  return g_host != nullptr && g_host->has_unsaved_changes() ? 1 : 0;
}

/// Starts saving pending changes at once and reports where they stand: 0 stored, 1 saving,
/// 2 failed, 3 storage unavailable (WebStorage::Durability). The page calls it again while the
/// answer is 1 (the lost-display overlay, the update banner's Reload).
EMSCRIPTEN_KEEPALIVE int nurture_flush_save() {
  return g_host != nullptr ? static_cast<int>(g_host->flush_save()) : 3;
}

}  // extern "C"

int main() {
  if (glfwInit() == GLFW_FALSE) {
    std::fprintf(stderr, "Nurture could not start: GLFW failed to initialise\n");
    return 1;
  }
  glfwWindowHint(GLFW_CLIENT_API, GLFW_OPENGL_ES_API);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
  GLFWwindow* window = glfwCreateWindow(1280, 800, "Nurture", nullptr, nullptr);
  if (window == nullptr) {
    std::fprintf(stderr, "Nurture could not start: WebGL 2 is not available in this browser\n");
    return 1;
  }
  glfwMakeContextCurrent(window);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  glfwSetCursorPosCallback(window, on_cursor_pos);
  glfwSetMouseButtonCallback(window, on_mouse_button);
  glfwSetKeyCallback(window, on_key);      // ImGui's backend chains to it, and calls it first
  ImGui::GetIO().KeyRepeatDelay = 1.0e6F;  // repeats come from the browser (on_key)
  ImGui_ImplGlfw_InitForOpenGL(window, true);
  ImGui_ImplOpenGL3_Init("#version 300 es");

  // Lives for the whole page; the main loop never returns.
  g_host = new nurture::web::WebHost(window);  // NOLINT(cppcoreguidelines-owning-memory)
  emscripten_set_main_loop_arg(frame_callback, g_host, 0, true);
  return 0;
}
