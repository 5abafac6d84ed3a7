#include "web/ui/long_work.hpp"

#include <algorithm>
#include <cmath>

namespace nurture::ui {

std::string percent_text(double fraction) {
  const double clamped = std::clamp(std::isfinite(fraction) ? fraction : 0.0, 0.0, 1.0);
  return std::to_string(static_cast<int>(std::floor(clamped * 100.0))) + " %";
}

void progress_bar(Ui& ui, double fraction, float width, const char* mark) {
  const double clamped = std::clamp(std::isfinite(fraction) ? fraction : 0.0, 0.0, 1.0);
  const std::string text = percent_text(clamped);
  ImGui::ProgressBar(static_cast<float>(clamped), ImVec2(width, ui.px(20)), text.c_str());
  ui.marks.mark(mark);
}

}  // namespace nurture::ui
