#include "web/ui/fonts.hpp"

#include <algorithm>
#include <string>

#include "web/ui/platform_api.hpp"

namespace nurture::ui {

namespace {

// Names of real patients: Latin with every extension, Greek and Cyrillic; plus the symbols the
// copy uses (• – … € £ → − ≤ ≥ ✓ ▲).
constexpr ImWchar k_full_ranges[] = {
    0x0020, 0x024F,  // Basic Latin, Latin-1, Latin Extended-A and -B
    0x0370, 0x03FF,  // Greek
    0x0400, 0x052F,  // Cyrillic and Cyrillic Supplement
    0x1E00, 0x1EFF,  // Latin Extended Additional (Vietnamese and more)
    0x2000, 0x206F,  // General Punctuation
    0x20A0, 0x20CF,  // Currency symbols
    0x2190, 0x21FF,  // Arrows
    0x2200, 0x22FF,  // Mathematical operators (≤ ≥)
    0x25A0, 0x25FF,  // Geometric shapes
    0x2713, 0x2713,  // ✓
    0,
};
// Captions show the same names but rarely the symbol blocks; a smaller range keeps the atlas
// small at DPR 3 and scale 200 %.
constexpr ImWchar k_caption_ranges[] = {
    0x0020, 0x024F, 0x0370, 0x03FF, 0x0400, 0x052F, 0x1E00, 0x1EFF, 0x2000, 0x206F, 0x20A0,
    0x20CF, 0x2190, 0x21FF, 0x2212, 0x2212, 0x2264, 0x2265, 0x2713, 0x2713, 0,
};
// Headings and titles only ever show the app's own copy, never a patient's name.
constexpr ImWchar k_copy_ranges[] = {0x0020, 0x00FF, 0x2000, 0x206F, 0x2190, 0x21FF,
                                     0x2212, 0x2212, 0x2713, 0x2713, 0};
// The page title also shows a patient's name (the open lead's header): Latin Extended, Greek
// and Cyrillic, without the symbol blocks, so "Ελένη Ñúñez-Łódź" never draws as "?????" (U4).
constexpr ImWchar k_title_ranges[] = {0x0020, 0x024F, 0x0370, 0x03FF, 0x0400, 0x04FF, 0x2000, 0x206F,
                                      0x2190, 0x21FF, 0x2212, 0x2212, 0x2713, 0x2713, 0};

// Above this the atlas would grow past ~64 MB of RGBA; the remainder is scaled at draw time.
constexpr float k_max_atlas_scale = 4.5F;

ImFont* add_font(ImFontAtlas& atlas, std::string& bytes, float size_px, const ImWchar* ranges) {
  ImFontConfig cfg;
  // ImGui must not free memory it does not own: the bytes are FontSet members.
  cfg.FontDataOwnedByAtlas = false;
  // Oversampling only pays off at small pixel sizes; at DPR 2+ it just doubles the atlas.
  cfg.OversampleH = size_px < 24.0F ? 2 : 1;
  cfg.OversampleV = 1;
  cfg.PixelSnapH = size_px >= 24.0F;
  return atlas.AddFontFromMemoryTTF(bytes.data(), static_cast<int>(bytes.size()), size_px, &cfg, ranges);
}

ImFont* add_default(ImFontAtlas& atlas, float size_px) {
  ImFontConfig cfg;
  cfg.SizePixels = size_px;
  return atlas.AddFontDefault(&cfg);
}

}  // namespace

void FontSet::build(const Platform& platform, float pixel_scale) {
  if (m_regular.empty()) m_regular = platform.read_asset("fonts/Inter-Regular.otf");
  if (m_semibold.empty()) m_semibold = platform.read_asset("fonts/Inter-SemiBold.otf");
  std::string& regular = m_regular;
  std::string& semibold = m_semibold;

  ImGuiIO& io = ImGui::GetIO();
  ImFontAtlas& atlas = *io.Fonts;
  atlas.Clear();
  // Wide rather than tall: WebGL caps texture height (often 8192) before total size matters.
  atlas.TexDesiredWidth = 4096;
  const float k = std::min(pixel_scale, k_max_atlas_scale);
  inter = !regular.empty() && !semibold.empty();
  if (inter) {
    body = add_font(atlas, regular, 15.0F * k, k_full_ranges);
    small = add_font(atlas, regular, 13.0F * k, k_caption_ranges);
    strong = add_font(atlas, semibold, 15.0F * k, k_full_ranges);
    h2 = add_font(atlas, semibold, 18.0F * k, k_copy_ranges);
    title = add_font(atlas, semibold, 26.0F * k, k_title_ranges);
  } else {
    body = add_default(atlas, 15.0F * k);
    small = add_default(atlas, 13.0F * k);
    strong = add_default(atlas, 15.0F * k);
    h2 = add_default(atlas, 18.0F * k);
    title = add_default(atlas, 26.0F * k);
  }
  atlas.Build();
  io.FontDefault = body;
  io.FontGlobalScale = pixel_scale / k;
  built_for = pixel_scale;
}

}  // namespace nurture::ui
