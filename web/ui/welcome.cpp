#include "web/ui/welcome.hpp"

#include <algorithm>

#include "core/commands/command.hpp"
#include "core/demo/demo_practice.hpp"
#include "core/demo/demo_sequences.hpp"
#include "core/io/sequence_json.hpp"
#include "web/ui/demo_job.hpp"
#include "web/ui/widgets.hpp"

namespace nurture::ui {

std::string load_demo(Ui& ui) {
  if (!ui.editable()) return {};
  if (ui.demo != nullptr) {
    ui.demo->start(ui);
    return {};
  }
  const auto now = ui.platform.now_ms();
  // With the sequences' history (docs/demo.md), so the dashboard's per-step figures have data.
  Workspace demo = make_demo_practice({k_demo_seed, 2000, now, ui.session.clock().device(), true});
  // The demo's sequences come from the bundled playbooks; one that cannot be read is left out
  // (the demo still loads), which the playbook test in the native suite would have caught.
  std::vector<Sequence> playbooks;
  for (const char* file : k_demo_playbooks) {
    auto seq = sequence_from_json_text(ui.platform.read_asset(std::string("playbooks/") + file));
    if (seq) playbooks.push_back(std::move(seq).value());
  }
  add_demo_sequences(demo, std::move(playbooks), now, ui.session.clock().device());
  const CommandResult r = ui.mutable_session.execute(ReplaceWorkspace{std::move(demo)});
  if (!r.ok) return r.message;
  std::string msg = "Demo practice loaded. Undo with Ctrl+Z";
  ui.notice = msg;
  ui.announce(msg);
  return msg;
}

std::string start_empty(Ui& ui) {
  if (!ui.editable()) return {};
  const CommandResult r = ui.mutable_session.execute(ReplaceWorkspace{Workspace{}});
  if (!r.ok) return r.message;
  std::string msg = "Started over with an empty practice. Undo with Ctrl+Z";
  ui.notice = msg;
  ui.announce(msg);
  return msg;
}

void Welcome::draw(Ui& ui, Preferences& prefs, bool& prefs_changed) {
  const bool applies =
      !m_dismissed && !prefs.welcome_done && ui.editable() && ui.session.workspace().is_empty();
  if (applies && !m_visible) {
    ImGui::OpenPopup("welcome");
    m_visible = true;
    m_focus_frames = 2;
    ui.announce("Welcome to Nurture. Explore the demo practice, or start with an empty practice.");
  }
  if (!m_visible) return;
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(ui.px(32), ui.px(28)));
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(vp->GetCenter(), ImGuiCond_Always, ImVec2(0.5F, 0.5F));
  ImGui::SetNextWindowSize(ImVec2(std::min(ui.px(520), vp->Size.x - ui.px(40)), 0));
  bool open = false;
  if (ImGui::BeginPopupModal(
          "welcome", nullptr,
          ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings)) {
    open = true;
    icon_badge(ui, Icon::info, 48);
    gap(ui, 4);
    heading(ui, "Welcome to Nurture");
    paragraph(ui,
              "Nurture keeps your leads, their consent and every touch in this browser, on this device. "
              "How would you like to begin?");
    gap(ui, 10);
    label(ui, "Look around first");
    caption(ui,
            "Lumen Aesthetics & Laser is a fictional Tampa practice with 2,000 invented leads and a year of "
            "emails, visits and reviews. Reset it from Settings whenever you like.");
    gap(ui, 4);
    // Keyboard focus starts on the first choice, once the modal has its size (an auto-sized
    // window skips its items on the frame it appears, which would drop the request).
    if (m_focus_frames > 0 && --m_focus_frames == 0) ImGui::SetKeyboardFocusHere();
    bool chosen = false;
    if (button(ui, "Explore the demo practice", ButtonKind::primary, "welcome.demo")) {
      load_demo(ui);
      chosen = true;
    }
    ImGui::SetItemDefaultFocus();
    gap(ui, 12);
    label(ui, "Start for real");
    caption(ui, "Begin with an empty practice: add your profile in Settings, then import your leads.");
    gap(ui, 4);
    if (button(ui, "Start with an empty practice", ButtonKind::secondary, "welcome.empty")) {
      ui.notice = "Empty practice. Start with your practice profile in Settings";
      ui.announce(ui.notice);
      chosen = true;
    }
    if (chosen) {
      prefs.welcome_done = true;
      prefs_changed = true;
      m_visible = false;
      ImGui::CloseCurrentPopup();
    } else if (m_dismissed || !ui.session.workspace().is_empty()) {
      // Something else filled the workspace (another tab, a restore): the question is moot.
      m_visible = false;
      ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
  }
  ImGui::PopStyleVar();
  if (!open) m_visible = false;
}

}  // namespace nurture::ui
