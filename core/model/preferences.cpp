#include "core/model/preferences.hpp"

#include <algorithm>
#include <optional>

#include <nlohmann/json.hpp>

namespace nurture {

namespace {
constexpr std::string_view k_format = "nurture.preferences";
constexpr int k_version = 1;

std::string to_hex16(std::uint64_t v) {
  static constexpr char k_digits[] = "0123456789abcdef";
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i, v >>= 4U) out[static_cast<std::size_t>(i)] = k_digits[v & 15U];
  return out;
}

std::optional<std::uint64_t> parse_hex16(std::string_view s) {
  if (s.size() != 16) return std::nullopt;
  std::uint64_t v = 0;
  for (const char c : s) {
    const int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
    if (d < 0) return std::nullopt;
    v = (v << 4U) | static_cast<std::uint64_t>(d);
  }
  return v;
}
}  // namespace

std::string_view to_string(ThemeChoice theme) {
  switch (theme) {
    case ThemeChoice::light:
      return "light";
    case ThemeChoice::dark:
      return "dark";
    case ThemeChoice::high_contrast:
      return "high_contrast";
    case ThemeChoice::system:
      break;
  }
  return "system";
}

std::string preferences_to_json(const Preferences& prefs) {
  nlohmann::ordered_json j;
  j["format"] = k_format;
  j["version"] = k_version;
  j["theme"] = to_string(prefs.theme);
  j["ui_scale"] = prefs.ui_scale;
  j["page"] = prefs.page;
  // As hex text: JSON numbers lose precision above 2^53 in JavaScript tools.
  j["device_id"] = to_hex16(prefs.device_id);
  j["welcome_done"] = prefs.welcome_done;
  j["auto_lock_minutes"] = prefs.auto_lock_minutes;
  return j.dump(2);
}

Expected<Preferences> preferences_from_json(std::string_view text) {
  const auto j = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) return Error{"preferences are not a JSON object"};
  if (j.value("format", std::string{}) != k_format) return Error{"not a Nurture preferences file"};
  Preferences prefs;
  if (const auto it = j.find("theme"); it != j.end() && it->is_string()) {
    const auto& s = it->get_ref<const std::string&>();
    // Unknown names (a newer version's theme) fall back to System rather than failing the file.
    prefs.theme = s == "light"           ? ThemeChoice::light
                  : s == "dark"          ? ThemeChoice::dark
                  : s == "high_contrast" ? ThemeChoice::high_contrast
                                         : ThemeChoice::system;
  }
  if (const auto it = j.find("ui_scale"); it != j.end() && it->is_number()) {
    const double v = it->get<double>();
    // NaN compares false everywhere, so it falls back to the default scale.
    prefs.ui_scale =
        (v == v) ? std::clamp(static_cast<float>(v), Preferences::k_min_scale, Preferences::k_max_scale)
                 : 1.0F;
  }
  if (const auto it = j.find("page");
      it != j.end() && it->is_string() && it->get_ref<const std::string&>().size() < 32) {
    prefs.page = it->get<std::string>();
  }
  if (const auto it = j.find("device_id"); it != j.end() && it->is_string()) {
    prefs.device_id = parse_hex16(it->get_ref<const std::string&>()).value_or(0);
  }
  if (const auto it = j.find("welcome_done"); it != j.end() && it->is_boolean()) {
    prefs.welcome_done = it->get<bool>();
  }
  if (const auto it = j.find("auto_lock_minutes"); it != j.end() && it->is_number_integer()) {
    const auto v = it->get<std::int64_t>();
    // Only the offered choices: a hand-edited 1 would lock the app between two keystrokes.
    for (const int choice : Preferences::k_auto_lock_choices) {
      if (v == choice) prefs.auto_lock_minutes = choice;
    }
  }
  return prefs;
}

}  // namespace nurture
