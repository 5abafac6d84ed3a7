#pragma once
/// Per-device interface preferences. Stored beside the workspace but never exported or merged:
/// a phone and a desktop may want different scales.

#include <cstdint>
#include <string>
#include <string_view>

#include "core/util/expected.hpp"

namespace nurture {

/// `system` follows the browser: `prefers-contrast: more` picks high contrast, else
/// `prefers-color-scheme` picks light or dark. `high_contrast` is white on black (U12).
enum class ThemeChoice { system, light, dark, high_contrast };

struct Preferences {
  ThemeChoice theme = ThemeChoice::system;
  float ui_scale = 1.0F;  ///< multiplies font and spacing sizes; clamped to [k_min_scale, k_max_scale]
  /// The page that was open last, restored on reload ("today", "leads", ...).
  std::string page = "today";
  /// This install's identity in change stamps: random, chosen on first start, never exported.
  /// 0 means "not chosen yet".
  std::uint64_t device_id = 0;
  /// The first-run choice (demo or empty practice) was made on this device: don't ask again.
  bool welcome_done = false;
  /// App lock: minutes without input before the app locks itself (0 = never). Only one of
  /// k_auto_lock_choices; anything else read from a file becomes 0.
  int auto_lock_minutes = 0;

  static constexpr int k_auto_lock_choices[] = {0, 5, 15, 30, 60};

  static constexpr float k_min_scale = 0.75F;
  static constexpr float k_max_scale = 2.0F;
  friend bool operator==(const Preferences&, const Preferences&) = default;
};

/// "system", "light", "dark" or "high_contrast", as stored in the preferences file.
std::string_view to_string(ThemeChoice theme);
/// JSON text with a format name and version.
std::string preferences_to_json(const Preferences& prefs);
/// Parses what preferences_to_json wrote; unknown keys are ignored, out-of-range values clamped.
Expected<Preferences> preferences_from_json(std::string_view text);

}  // namespace nurture
