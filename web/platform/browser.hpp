#pragma once
/// Thin C++ wrappers over the page's JavaScript (shell/library_nurture.js). Nothing here
/// decides anything; it only moves values across the JS boundary.

#include <cstdint>
#include <string>

namespace nurture::web {

/// Wall-clock time in Unix milliseconds (Date.now()).
std::int64_t wall_clock_ms();
/// 64 bits from crypto.getRandomValues.
std::uint64_t random_u64();
/// The page's device pixel ratio.
float device_pixel_ratio();
/// CSS size of the canvas, in CSS pixels.
void canvas_css_size(double& width, double& height);
/// Sets the canvas backing-store size in physical pixels.
void set_canvas_size(int width, int height);
/// Counts input events seen by the page (keys, pointer, wheel, paste, focus, resize); a change
/// means a frame must be drawn.
std::uint32_t input_sequence();
/// True while the pointer events being handled come from a finger on a touch screen (the
/// browser's mouse events for a tap follow its touch events).
bool pointer_is_touch();
/// Writes text to the system clipboard.
void clipboard_write(const std::string& text);
/// Routes keyboard text through the page's text bridge while an app text field has focus.
void set_text_input(bool active);
/// Sets the CSS cursor of the canvas ("default", "text", "pointer", "ew-resize", ...).
void set_cursor(const char* css_cursor);
/// Offers `bytes` as a downloaded file.
void download(const std::string& file_name, const std::string& mime, const std::string& bytes);
/// Encrypts `bytes` with `passphrase` in the page (WebCrypto) and offers the file as a download;
/// the outcome arrives through nurture_crypto_event.
void download_encrypted(const std::string& file_name, const std::string& bytes,
                        const std::string& passphrase);
/// Opens the file chooser; the file arrives through nurture_file_buffer/nurture_file_ready.
void pick_file(const std::string& accept);
/// After each drawn frame: what Enter or Space on the focused item would pick (`accept`, empty
/// for nothing), so the page can open the chooser inside the key's event handler. `settled`:
/// ImGui has handled every key that arrived, so a pick the page opened for a key and the app
/// did not ask for is forgotten.
void set_keyboard_pick(const std::string& accept, bool settled);
/// Decrypts an encrypted workspace file in the page; the plaintext arrives like a file.
void decrypt(const std::string& bytes, const std::string& passphrase);
/// Opens a URL (mailto:, tel:, sms:, https:).
void open_url(const std::string& url);
/// Tells the page the app has loaded its data: hides the loading overlay.
void signal_ready();
/// Tells the page whether there are unsaved changes (for the leave-page prompt).
void set_unsaved_changes(bool unsaved);
/// Sets the text announced by the page's ARIA live region.
void announce(const std::string& message);
/// True when the user prefers a dark color scheme.
bool prefers_dark();
/// `prefers-contrast: more` or a forced-colours (Windows contrast theme) display.
bool prefers_more_contrast();
/// Local time's offset from UTC at Unix time `t`, in minutes.
int local_utc_offset_minutes(std::int64_t t);

}  // namespace nurture::web
