// The lead view's Score card: the total, each group, and the rules that gave the points.
#include <cmath>

#include <imgui.h>

#include "core/util/text.hpp"
#include "web/ui/format.hpp"
#include "web/ui/lead_view.hpp"
#include "web/ui/segment_runtime.hpp"
#include "web/ui/widgets.hpp"

namespace nurture::ui {

namespace {

std::string points_text(double p) {
  const long rounded = std::lround(p);
  return (rounded > 0 ? "+" : "") + std::to_string(rounded);
}

}  // namespace

void LeadView::score_card(Ui& ui, float width) {
  const SegmentRuntime* rt = ui.segments;
  if (rt == nullptr) return;
  Card card(ui, width);
  heading(ui, "Score");
  const CompiledScoring* scoring = rt->scoring();
  if (scoring == nullptr) {
    caption(
        ui,
        rt->scoring_error().empty()
            ? "No scoring model yet: Settings → Scoring sets the points for opens, clicks, bookings and fit."
            : ("The scoring model has a problem: " + rt->scoring_error()).c_str());
    return;
  }
  const Workspace& ws = ui.session.workspace();
  const auto row = ws.leads.find(m_id);
  if (!row) return;
  if (m_score_version != rt->generation() || m_score_lead != m_id) {
    m_score = explain_score(*scoring, ws, *row, rt->now(), rt->utc_offset(), rt->cache());
    m_score_version = rt->generation();
    m_score_lead = m_id;
  }
  // The total large, the groups beside it.
  ImGui::PushFont(ui.fonts.title);
  ImGui::TextUnformatted(std::to_string(std::lround(m_score.total)).c_str());
  ImGui::PopFont();
  ui.marks.mark("lead.score.total");
  ImGui::SameLine(0, ui.px(14));
  ImGui::BeginGroup();
  gap(ui, 4);
  for (std::size_t g = 0; g < scoring->model.groups.size(); ++g) {
    const std::string line =
        scoring->model.groups[g].name + "  " + std::to_string(std::lround(m_score.group_totals[g]));
    small_text(ui, line.c_str());
  }
  ImGui::EndGroup();
  gap(ui, 4);
  if (m_score.lines.empty()) {
    caption(ui, "No rule has given points yet.");
    return;
  }
  // Each rule that counted: points on the right, what it counted in words.
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float inner = card.inner_width();
  for (const auto& l : m_score.lines) {
    std::string what = l.label;
    if (!l.fit) what += "  ·  " + count_noun(l.events, "event", "events");
    if (l.capped) what += "  ·  capped";
    const std::string pts = points_text(l.points);
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    ImGui::PushFont(ui.fonts.small);
    const float pts_w = ImGui::CalcTextSize(pts.c_str()).x;
    dl->PushClipRect(pos, ImVec2(pos.x + inner - pts_w - ui.px(12), pos.y + ui.px(40)), true);
    dl->AddText(pos, col(ui.pal.muted), what.c_str());
    dl->PopClipRect();
    dl->AddText(ImVec2(pos.x + inner - pts_w, pos.y), col(l.points < 0 ? ui.pal.danger : ui.pal.text),
                pts.c_str());
    ImGui::Dummy(ImVec2(inner, ImGui::GetTextLineHeight() + ui.px(3)));
    ImGui::PopFont();
  }
}

}  // namespace nurture::ui
