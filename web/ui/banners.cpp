#include "web/ui/banners.hpp"

#include "core/demo/demo_practice.hpp"
#include "web/ui/import_export_page.hpp"
#include "web/ui/widgets.hpp"

namespace nurture::ui {

bool draw_banner(Ui& ui, float width, BannerTone tone, const char* message, const char* action,
                 const char* mark) {
  const ImVec4& bg = tone == BannerTone::info      ? ui.pal.info_bg
                     : tone == BannerTone::warning ? ui.pal.warning_bg
                                                   : ui.pal.danger_bg;
  const ImVec4& fg = tone == BannerTone::info      ? ui.pal.accent
                     : tone == BannerTone::warning ? ui.pal.warning
                                                   : ui.pal.danger;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 pos = ImGui::GetCursorScreenPos();
  const float pad = ui.px(14);
  float button_w = 0;
  if (action != nullptr) {
    ImGui::PushFont(ui.fonts.strong);
    button_w = ImGui::CalcTextSize(action).x + ui.px(32);
    ImGui::PopFont();
  }
  const float text_w = width - pad * 2 - ui.px(28) - (button_w > 0 ? button_w + pad : 0);
  const float text_h = ImGui::CalcTextSize(message, nullptr, false, text_w).y;
  const float h = std::max(text_h + pad * 2, action != nullptr ? ui.px(56) : 0.0F);
  dl->AddRectFilled(pos, ImVec2(pos.x + width, pos.y + h), col(bg), ui.px(10));
  draw_icon(dl, tone == BannerTone::info ? Icon::info : Icon::warning,
            ImVec2(pos.x + pad + ui.px(9), pos.y + h * 0.5F), ui.px(18), col(fg));
  ImGui::SetCursorScreenPos(ImVec2(pos.x + pad + ui.px(28), pos.y + (h - text_h) * 0.5F));
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + text_w);
  ImGui::TextUnformatted(message);
  ImGui::PopTextWrapPos();
  bool pressed = false;
  if (action != nullptr) {
    ImGui::SetCursorScreenPos(ImVec2(pos.x + width - pad - button_w, pos.y + (h - ui.px(36)) * 0.5F));
    pressed =
        button(ui, action, tone == BannerTone::danger ? ButtonKind::secondary : ButtonKind::primary, mark);
  }
  ImGui::SetCursorScreenPos(pos);
  ImGui::Dummy(ImVec2(width, h));
  gap(ui, 4);
  return pressed;
}

void Banners::draw(Ui& ui, float width) {
  const StorageStatus& st = ui.platform.storage();
  using Mode = StorageStatus::Mode;
  if (st.mode == Mode::read_only &&
      draw_banner(ui, width, BannerTone::info, "Nurture is open in another tab. This tab is read-only.",
                  "Use here", "banner.use_here")) {
    ui.platform.take_over();
  }
  if (st.mode == Mode::unavailable) {
    const std::string msg =
        "Storage is unavailable, so nothing you change here can be kept. Your saved data is untouched. " +
        (st.error.empty() ? std::string("Reload the page to try again.") : st.error);
    draw_banner(ui, width, BannerTone::danger, msg.c_str(), nullptr, nullptr);
  }
  if (st.mode == Mode::ready && st.quota_exceeded &&
      draw_banner(
          ui, width, BannerTone::danger,
          "Storage is full, so recent changes are not saved. Export your data now, then free space in the "
          "browser.",
          "Export now", "banner.export")) {
    export_workspace(ui);
  }
  if (st.private_mode) {
    draw_banner(
        ui, width, BannerTone::warning,
        "This is a private window: the browser deletes everything when it closes. Export your data before "
        "you leave.",
        nullptr, nullptr);
  }
  if (is_demo_practice(ui.session.workspace()) &&
      draw_banner(
          ui, width, BannerTone::info,
          "You are looking at Lumen Aesthetics & Laser, a fictional demo practice: every lead in it is "
          "invented. Reset it or start with an empty practice in Settings.",
          "Open Settings", "banner.demo")) {
    ui.go_to = Page::settings;
  }
  if (!st.recovery_warning.empty() && st.recovery_warning != m_dismissed_recovery &&
      draw_banner(ui, width, BannerTone::warning, st.recovery_warning.c_str(), "Dismiss",
                  "banner.recovery.dismiss")) {
    m_dismissed_recovery = st.recovery_warning;
  }
}

}  // namespace nurture::ui
