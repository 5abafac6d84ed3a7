#include "web/ui/status_bar.hpp"

#include "core/util/text.hpp"
#include "web/ui/widgets.hpp"

namespace nurture::ui {

namespace {

std::string export_age(const StorageStatus& st, std::int64_t now) {
  if (st.last_export_at == 0) return "Last export: never";
  const std::int64_t days = (now - st.last_export_at) / 86400000;
  if (days <= 0) return "Last export: today";
  if (days == 1) return "Last export: yesterday";
  return "Last export: " + count_noun(static_cast<std::uint64_t>(days), "day", "days") + " ago";
}

const char* persistence_text(const StorageStatus& st) {
  if (st.private_mode) return "Private window: not kept after closing";
  switch (st.persistence) {
    case StorageStatus::Persistence::granted:
      return "Kept on this device";
    case StorageStatus::Persistence::denied:
      return "Browser may clear data when space is low";
    case StorageStatus::Persistence::unknown:
      break;
  }
  return "Storage not yet protected";
}

}  // namespace

std::string save_status_text(const StorageStatus& st, int utc_offset_minutes) {
  using Mode = StorageStatus::Mode;
  switch (st.mode) {
    case Mode::loading:
      return "Loading…";
    case Mode::unavailable:
      return "Storage unavailable";
    case Mode::read_only:
      return "Read-only: open in another tab";
    case Mode::locked:
      return "Locked";
    case Mode::ready:
      break;
  }
  if (st.quota_exceeded) return "Storage full — export your data";
  switch (st.save_state) {
    case SaveState::saving:
      return "Saving…";
    case SaveState::pending:
      return "Unsaved changes";
    case SaveState::failed:
      return "Not saved — " + (st.error.empty() ? std::string("the browser refused to store it") : st.error);
    case SaveState::saved:
      break;
  }
  if (st.last_saved_at == 0) return "All changes saved";
  return "Saved " + format_clock(st.last_saved_at, utc_offset_minutes);
}

void StatusBar::announce_changes(Ui& ui, const std::string& text) {
  // Only states a person must know about are spoken; "Saving…" would be noise.
  const auto& st = ui.platform.storage();
  const bool important = st.mode != StorageStatus::Mode::ready || st.quota_exceeded ||
                         st.save_state == SaveState::failed ||
                         (st.save_state == SaveState::saved && !m_announced.empty() && m_announced != text &&
                          m_announced.rfind("Not saved", 0) == 0);
  if (important && text != m_announced) ui.announce(text);
  if (important || st.save_state == SaveState::saved) m_announced = text;
}

void StatusBar::draw(Ui& ui) {
  const StorageStatus& st = ui.platform.storage();
  const std::int64_t now = ui.platform.now_ms();
  m_text = save_status_text(st, ui.platform.local_utc_offset_minutes(now));
  const bool confirming = now < m_confirm_until && st.mode == StorageStatus::Mode::ready &&
                          st.save_state == SaveState::saved && !st.quota_exceeded;
  if (confirming) m_text += " ✓";
  announce_changes(ui, m_text);

  const ImVec2 wp = ImGui::GetWindowPos();
  const ImVec2 ws = ImGui::GetWindowSize();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(wp, ImVec2(wp.x + ws.x, wp.y + ws.y), col(ui.pal.sidebar));
  dl->AddLine(wp, ImVec2(wp.x + ws.x, wp.y), col(ui.pal.border), std::max(1.0F, ui.px(1)));

  const bool bad = st.mode == StorageStatus::Mode::unavailable || st.quota_exceeded ||
                   (st.mode == StorageStatus::Mode::ready && st.save_state == SaveState::failed);
  const bool busy = st.mode == StorageStatus::Mode::loading || st.save_state != SaveState::saved;
  const ImVec4& dot = bad ? ui.pal.danger : busy ? ui.pal.warning : ui.pal.success;

  ImGui::PushFont(ui.fonts.small);
  const float h = ws.y;
  const float th = ImGui::GetTextLineHeight();
  const float y = wp.y + (h - th) * 0.5F;
  float x = wp.x + ui.px(20);
  dl->AddCircleFilled(ImVec2(x + ui.px(4), wp.y + h * 0.5F), ui.px(4), col(dot), 12);
  x += ui.px(16);
  ImGui::SetCursorScreenPos(ImVec2(x, y));
  ImGui::PushStyleColor(ImGuiCol_Text, bad ? ui.pal.danger : confirming ? ui.pal.accent : ui.pal.text);
  ImGui::TextUnformatted(m_text.c_str());
  ImGui::PopStyleColor();
  ui.marks.mark("status.save");
  x = ImGui::GetItemRectMax().x + ui.px(12);
  if (now >= m_notice_until) m_notice.clear();
  if (!m_notice.empty()) {
    ImGui::SetCursorScreenPos(ImVec2(x + ui.px(12), y));
    ImGui::PushStyleColor(ImGuiCol_Text, ui.pal.accent);
    ImGui::TextUnformatted(m_notice.c_str());
    ImGui::PopStyleColor();
    ui.marks.mark("status.notice");
    x = ImGui::GetItemRectMax().x + ui.px(12);
  }

  if (st.mode == StorageStatus::Mode::ready && st.save_state == SaveState::failed) {
    ImGui::SetCursorScreenPos(ImVec2(x, wp.y + (h - th - ui.px(8)) * 0.5F));
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(ui.px(10), ui.px(4)));
    if (ImGui::Button("Retry")) ui.platform.save_now();
    if (ImGui::IsItemHovered()) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    ui.marks.mark("status.retry");
    ImGui::PopStyleVar();
  }

  // Right side: persistence and export age, quieter than the save state.
  const std::string exported = export_age(st, now);
  const char* kept = persistence_text(st);
  const float sep = ui.px(24);
  const float right = wp.x + ws.x - ui.px(20);
  const float export_w = ImGui::CalcTextSize(exported.c_str()).x;
  const float kept_w = ImGui::CalcTextSize(kept).x;
  const float kept_x = right - export_w - sep - kept_w;
  if (kept_x > x + sep) {
    ImGui::SetCursorScreenPos(ImVec2(kept_x, y));
    ImGui::PushStyleColor(ImGuiCol_Text,
                          st.persistence == StorageStatus::Persistence::granted && !st.private_mode
                              ? ui.pal.muted
                              : ui.pal.warning);
    // Clicking the persistence state opens Settings, where it can be changed.
    if (ImGui::Selectable(kept, false, ImGuiSelectableFlags_None, ImVec2(kept_w, 0)))
      ui.go_to = Page::settings;
    if (ImGui::IsItemHovered()) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    ImGui::PopStyleColor();
    ui.marks.mark("status.persistence");
    ImGui::SetCursorScreenPos(ImVec2(right - export_w, y));
    ImGui::PushStyleColor(ImGuiCol_Text, ui.pal.muted);
    ImGui::TextUnformatted(exported.c_str());
    ImGui::PopStyleColor();
    ui.marks.mark("status.export");
  }
  ImGui::PopFont();
}

}  // namespace nurture::ui
