#include "web/ui/app.hpp"

#include <nlohmann/json.hpp>

namespace nurture::ui {

App::App(Session& session, Platform& platform) : m_session(session), m_platform(platform) {}

bool App::prepare_frame(float pixel_ratio) {
  if (pixel_ratio == m_pixel_ratio) return false;
  m_pixel_ratio = pixel_ratio;
  return false;
}

void App::set_preferences(const Preferences& prefs) { m_prefs = prefs; }

void App::draw() {
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(vp->Pos);
  ImGui::SetNextWindowSize(vp->Size);
  ImGui::Begin("Nurture", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove);
  ImGui::Text("Nurture %s — %s (%s)", NURTURE_VERSION, m_session.workspace().practice.name.c_str(),
              m_platform.storage().mode == StorageStatus::Mode::ready ? "ready" : "loading");
  ImGui::End();
}

std::string App::test_state_json() const {
  nlohmann::json j;
  j["page"] = m_prefs.page;
  j["revision"] = m_session.revision();
  nlohmann::json widgets = nlohmann::json::object();
  for (const auto& [id, r] : m_marks) widgets[id] = {r.x, r.y, r.z, r.w};
  j["widgets"] = widgets;
  return j.dump();
}

}  // namespace nurture::ui
