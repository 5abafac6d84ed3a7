#pragma once
/// The app's fonts: Inter Regular and SemiBold at a few sizes, built into the ImGui atlas at
/// base size × UI scale × device pixel ratio so text is crisp at any zoom (U4, U5).

#include <string>

#include <imgui.h>

namespace nurture::ui {

class Platform;

struct FontSet {
  ImFont* body = nullptr;    ///< 15 px regular: running text, inputs
  ImFont* small = nullptr;   ///< 13 px regular: hints, status bar, captions
  ImFont* strong = nullptr;  ///< 15 px semibold: labels, buttons, nav
  ImFont* h2 = nullptr;      ///< 18 px semibold: card titles
  ImFont* title = nullptr;   ///< 26 px semibold: page titles

  /// Rebuilds the atlas for `pixel_scale` (UI scale × DPR). Uses Inter from the platform's
  /// assets, or ImGui's built-in font when they are missing (the native test). Sets
  /// io.FontGlobalScale when the requested scale is above what the atlas is built at.
  void build(const Platform& platform, float pixel_scale);

  /// Pixel scale the atlas was last built for, 0 before the first build.
  float built_for = 0.0F;
  /// True when Inter was loaded (false: fallback font).
  bool inter = false;

 private:
  // The atlas reads font bytes lazily and does not own them, so they live as long as the set.
  std::string m_regular;
  std::string m_semibold;
};

}  // namespace nurture::ui
