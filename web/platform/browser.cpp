#include "web/platform/browser.hpp"

#include <emscripten.h>
#include <emscripten/html5.h>

// Implemented in shell/library_nurture.js.
extern "C" {
double nurture_js_now();
void nurture_js_random(std::uint32_t* out, int count);
std::uint32_t nurture_js_input_seq();
int nurture_js_pointer_is_touch();
void nurture_js_clipboard_write(const char* text);
void nurture_js_set_cursor(const char* cursor);
void nurture_js_set_text_input(int active);
void nurture_js_download(const char* name, const char* mime, const char* bytes, std::size_t len);
void nurture_js_open_url(const char* url);
void nurture_js_download_encrypted(const char* name, const char* bytes, std::size_t len,
                                   const char* passphrase);
void nurture_js_pick_file(const char* accept);
void nurture_js_set_keyboard_pick(const char* accept, int settled);
void nurture_js_decrypt(const char* bytes, std::size_t len, const char* passphrase);
void nurture_js_app_ready();
void nurture_js_set_unsaved(int unsaved);
void nurture_js_announce(const char* text);
int nurture_js_prefers_dark();
int nurture_js_prefers_more_contrast();
int nurture_js_utc_offset_minutes(double t);
}

namespace nurture::web {

std::int64_t wall_clock_ms() { return static_cast<std::int64_t>(nurture_js_now()); }

std::uint64_t random_u64() {
  std::uint32_t words[2] = {0, 0};
  nurture_js_random(words, 2);
  return (static_cast<std::uint64_t>(words[0]) << 32) | words[1];
}

float device_pixel_ratio() {
  const double dpr = emscripten_get_device_pixel_ratio();
  return dpr > 0.25 && dpr < 8.0 ? static_cast<float>(dpr) : 1.0F;
}

void canvas_css_size(double& width, double& height) {
  emscripten_get_element_css_size("#canvas", &width, &height);
}

void set_canvas_size(int width, int height) { emscripten_set_canvas_element_size("#canvas", width, height); }

std::uint32_t input_sequence() { return nurture_js_input_seq(); }

bool pointer_is_touch() { return nurture_js_pointer_is_touch() != 0; }

void clipboard_write(const std::string& text) { nurture_js_clipboard_write(text.c_str()); }

void set_cursor(const char* css_cursor) { nurture_js_set_cursor(css_cursor); }

void set_text_input(bool active) { nurture_js_set_text_input(active ? 1 : 0); }

void download(const std::string& file_name, const std::string& mime, const std::string& bytes) {
  nurture_js_download(file_name.c_str(), mime.c_str(), bytes.data(), bytes.size());
}

void open_url(const std::string& url) { nurture_js_open_url(url.c_str()); }

void pick_file(const std::string& accept) { nurture_js_pick_file(accept.c_str()); }

void set_keyboard_pick(const std::string& accept, bool settled) {
  nurture_js_set_keyboard_pick(accept.c_str(), settled ? 1 : 0);
}

void decrypt(const std::string& bytes, const std::string& passphrase) {
  nurture_js_decrypt(bytes.data(), bytes.size(), passphrase.c_str());
}

void download_encrypted(const std::string& file_name, const std::string& bytes,
                        const std::string& passphrase) {
  nurture_js_download_encrypted(file_name.c_str(), bytes.data(), bytes.size(), passphrase.c_str());
}

void signal_ready() { nurture_js_app_ready(); }

void set_unsaved_changes(bool unsaved) { nurture_js_set_unsaved(unsaved ? 1 : 0); }

void announce(const std::string& message) { nurture_js_announce(message.c_str()); }

bool prefers_dark() { return nurture_js_prefers_dark() != 0; }

bool prefers_more_contrast() { return nurture_js_prefers_more_contrast() != 0; }

int local_utc_offset_minutes(std::int64_t t) { return nurture_js_utc_offset_minutes(static_cast<double>(t)); }

}  // namespace nurture::web
