#include "web/ui/lock_screen.hpp"

#include <algorithm>

#include "web/ui/icons.hpp"
#include "web/ui/widgets.hpp"

namespace nurture::ui {

void wipe_secret(std::string& secret) {
  std::fill(secret.begin(), secret.end(), '\0');
  secret.clear();
}

void LockScreen::submit(Ui& ui) {
  if (m_passphrase.empty() || ui.platform.lock_task().busy) return;
  ui.platform.unlock(m_passphrase);
  wipe_secret(m_passphrase);
  m_message.clear();
}

void LockScreen::draw(Ui& ui) {
  const TaskStatus& task = ui.platform.lock_task();
  if (task.finished != m_seen_finished) {
    m_seen_finished = task.finished;
    if (task.failed) {
      m_message = task.message;
      m_focus = true;  // straight back to the field for another try
      ui.announce(m_message);
    }
  }
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(vp->Pos);
  ImGui::SetNextWindowSize(vp->Size);
  ImGui::Begin("Locked", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings);
  const float width = std::min(ui.px(440), vp->Size.x - ui.px(40));
  ImGui::SetCursorPos(ImVec2((vp->Size.x - width) * 0.5F, std::max(ui.px(40), vp->Size.y * 0.22F)));
  ImGui::BeginGroup();
  {
    Card card(ui, width);
    icon_badge(ui, Icon::lock, 48);
    gap(ui, 4);
    heading(ui, "Nurture is locked");
    paragraph(ui, "Enter the passphrase to open the data kept in this browser.");
    gap(ui, 8);
    if (m_focus && !task.busy) {
      ImGui::SetKeyboardFocusHere();
      m_focus = false;
    }
    text_field(ui, "Passphrase", "lock.passphrase", m_passphrase, m_message, card.inner_width(), "",
               !task.busy, nullptr, true);
    const bool enter = ImGui::IsKeyPressed(ImGuiKey_Enter) || ImGui::IsKeyPressed(ImGuiKey_KeypadEnter);
    gap(ui, 6);
    if (button(ui, task.busy ? "Unlocking…" : "Unlock", ButtonKind::primary, "lock.unlock",
               !task.busy && !m_passphrase.empty()) ||
        (enter && !m_passphrase.empty())) {
      submit(ui);
    }
    gap(ui, 10);
    caption(ui,
            "Forgot the passphrase? It cannot be reset: the data in this browser stays encrypted. Your "
            "latest export can be imported into a new browser profile.");
  }
  ImGui::EndGroup();
  ImGui::End();
}

}  // namespace nurture::ui
