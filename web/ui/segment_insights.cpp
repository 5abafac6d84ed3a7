// The segment editor's insight tabs: why one lead is in or out (each clause's value for that
// lead), and the overlap of two or three saved segments (each intersection's count).
#include <algorithm>
#include <cmath>

#include <imgui.h>
#include <imgui_stdlib.h>

#include "core/segment/engine.hpp"
#include "core/util/text.hpp"
#include "web/ui/format.hpp"
#include "web/ui/lead_list.hpp"
#include "web/ui/segments_page.hpp"
#include "web/ui/widgets.hpp"

namespace nurture::ui {

namespace {

constexpr std::size_t k_why_matches = 6;

void draw_clause(Ui& ui, const segment::ClauseValue& c, int depth) {
  const float size = ui.px(14);
  const ImVec2 pos = ImGui::GetCursorScreenPos();
  const float x = pos.x + static_cast<float>(depth) * ui.px(22);
  const float line_h = ImGui::GetTextLineHeight();
  draw_icon(ImGui::GetWindowDrawList(), c.holds ? Icon::check : Icon::cross,
            ImVec2(x + size * 0.5F, pos.y + line_h * 0.5F), size,
            col(c.holds ? ui.pal.success : ui.pal.danger));
  ImGui::SetCursorScreenPos(ImVec2(x + size + ui.px(8), pos.y));
  ImGui::PushFont(depth == 0 || !c.children.empty() ? ui.fonts.strong : ui.fonts.body);
  ImGui::TextUnformatted(c.label.c_str());
  ImGui::PopFont();
  if (!c.detail.empty()) {
    ImGui::SameLine(0, ui.px(10));
    ImGui::PushStyleColor(ImGuiCol_Text, ui.pal.muted);
    ImGui::TextUnformatted(("— " + c.detail).c_str());
    ImGui::PopStyleColor();
  }
  gap(ui, 2);
  for (const auto& child : c.children) draw_clause(ui, child, depth + 1);
}

// Venn regions of up to three sets: index bit i set means "in set i" (region 0 is unused).
std::array<std::size_t, 8> regions(const std::vector<segment::LeadSet>& sets) {
  std::array<std::size_t, 8> out{};
  if (sets.empty()) return out;
  const std::size_t rows = sets[0].size();
  for (std::uint32_t r = 0; r < rows; ++r) {
    unsigned mask = 0;
    for (std::size_t i = 0; i < sets.size(); ++i) {
      if (sets[i].contains(r)) mask |= 1U << i;
    }
    ++out.at(mask);
  }
  return out;
}

}  // namespace

void SegmentsPage::draw_why(Ui& ui, const SegmentRuntime& rt, float width) {
  const Workspace& ws = ui.session.workspace();
  if (!m_parse_ok || !m_tree) {
    paragraph(ui, "The query has an error: fix it first, then pick a lead.", true);
    return;
  }
  text_field(ui, "Find a lead", "segments.why.search", m_why_search, "", std::min(width, ui.px(420)),
             "Name, email or phone");
  const std::string needle = fold_text(trim(m_why_search));
  if (!needle.empty()) {
    std::size_t shown = 0;
    Lead scratch;
    ws.leads.for_each_live([&](std::uint32_t row) {
      if (shown >= k_why_matches) return;
      const std::string name = display_name(ws.leads, row);
      if (fold_text(name).find(needle) == std::string::npos &&
          std::string(ws.leads.email(row)).find(needle) == std::string::npos)
        return;
      ImGui::PushID(static_cast<int>(row));
      const bool in = m_members.contains(row);
      const std::string text = name + (in ? "   · in the segment" : "   · not in the segment");
      if (ImGui::Selectable(text.c_str(), m_why_lead && *m_why_lead == ws.leads.id(row))) {
        m_why_lead = ws.leads.id(row);
        m_why_generation = ~std::uint64_t{0};
      }
      ui.marks.mark("segments.why.match." + std::to_string(shown));
      ImGui::PopID();
      ++shown;
    });
    if (shown == 0) small_text(ui, "No lead by that name, email or phone.");
  }
  gap(ui, 10);
  if (!m_why_lead) {
    paragraph(ui, "Pick a lead to see each condition's value for them — or press Why beside a member.", true);
    return;
  }
  const auto row = ws.leads.find(*m_why_lead);
  if (!row) {
    paragraph(ui, "That lead was deleted.", true);
    return;
  }
  if (m_why_generation != m_answered_generation || m_why_query != m_answered_query) {
    m_why_generation = m_answered_generation;
    m_why_query = m_answered_query;
    auto why = segment::explain(*m_tree, rt.context(ws), *row);
    if (why) {
      m_why = std::move(why).value();
    } else {
      m_why.reset();
    }
  }
  Card card(ui, width);
  const std::string who = display_name(ws.leads, *row);
  const bool in = m_why && m_why->holds;
  ImGui::PushFont(ui.fonts.h2);
  ImGui::PushStyleColor(ImGuiCol_Text, in ? ui.pal.success : ui.pal.text);
  ImGui::TextUnformatted((who + (in ? " is in this segment" : " is not in this segment")).c_str());
  ImGui::PopStyleColor();
  ImGui::PopFont();
  ui.marks.mark("segments.why.verdict");
  gap(ui, 6);
  if (!m_why) {
    paragraph(ui, m_error ? m_error->describe().c_str() : "This query cannot be explained.", true);
    return;
  }
  draw_clause(ui, *m_why, 0);
}

void SegmentsPage::draw_overlap(Ui& ui, const SegmentRuntime& rt, float width) {
  const Workspace& ws = ui.session.workspace();
  const auto& entries = rt.parsed().entries();
  if (entries.size() < 2) {
    paragraph(ui, "Save at least two segments to compare them: how many leads are in both, or in all three.",
              true);
    return;
  }
  // Sensible picks: this segment (when saved) and the next ones in the list.
  if (m_overlap[0].empty()) {
    std::size_t k = 0;
    if (!m_draft.id.empty()) m_overlap[k++] = m_draft.id;
    for (const auto& e : entries) {
      if (k >= 2) break;
      if (e.segment.id != m_overlap[0]) m_overlap[k++] = e.segment.id;
    }
  }
  const auto name_of = [&](const std::string& id) -> std::string {
    for (const auto& e : entries) {
      if (e.segment.id == id) return e.segment.name;
    }
    return "(none)";
  };
  const float combo_w = std::min((width - ui.px(24)) / 3.0F, ui.px(260));
  for (std::size_t i = 0; i < 3; ++i) {
    if (i > 0) ImGui::SameLine(0, ui.px(12));
    ImGui::BeginGroup();
    const std::string label = i == 2 ? "Third (optional)" : (i == 0 ? "First" : "Second");
    field_label(ui, label.c_str());
    ImGui::SetNextItemWidth(combo_w);
    const std::string id = "##overlap" + std::to_string(i);
    if (ImGui::BeginCombo(id.c_str(),
                          m_overlap.at(i).empty() ? "(none)" : name_of(m_overlap.at(i)).c_str())) {
      if (i == 2 && ImGui::Selectable("(none)", m_overlap.at(i).empty())) m_overlap.at(i).clear();
      for (const auto& e : entries) {
        if (ImGui::Selectable(e.segment.name.c_str(), e.segment.id == m_overlap.at(i)))
          m_overlap.at(i) = e.segment.id;
      }
      ImGui::EndCombo();
    }
    ui.marks.mark("segments.overlap." + std::to_string(i));
    ImGui::EndGroup();
  }
  gap(ui, 12);

  // The chosen segments' members, evaluated again only when something changed.
  std::vector<segment::LeadSet> sets;
  std::vector<std::string> names;
  const auto ctx = rt.context(ws);
  for (const auto& id : m_overlap) {
    if (id.empty()) continue;
    for (const auto& e : entries) {
      if (e.segment.id != id || !e.query.ok()) continue;
      auto members = segment::evaluate(e.query.value(), e.segment.query, ctx, rt.cache());
      if (members) {
        sets.push_back(std::move(members).value());
        names.push_back(e.segment.name);
      }
    }
  }
  if (sets.size() < 2) {
    paragraph(ui, "Pick two segments whose queries work.", true);
    return;
  }
  const auto counts = regions(sets);

  // A Venn diagram: circles with the count of each region at its centre.
  const float h = ui.px(250);
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float r = ui.px(80);
  const float cx = origin.x + std::min(width, ui.px(420)) * 0.5F;
  const float cy = origin.y + h * 0.5F;
  const float d = r * 0.95F;
  std::vector<ImVec2> centres;
  if (sets.size() == 2) {
    centres = {ImVec2(cx - d * 0.55F, cy), ImVec2(cx + d * 0.55F, cy)};
  } else {
    centres = {ImVec2(cx - d * 0.55F, cy - d * 0.35F), ImVec2(cx + d * 0.55F, cy - d * 0.35F),
               ImVec2(cx, cy + d * 0.6F)};
  }
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec4 tints[3] = {ui.pal.accent, ui.pal.warning, ui.pal.success};
  for (std::size_t i = 0; i < centres.size(); ++i) {
    ImVec4 fill = tints[i];
    fill.w = 0.16F;
    dl->AddCircleFilled(centres[i], r, col(fill), 64);
    dl->AddCircle(centres[i], r, col(tints[i]), 64, ui.px(1.5F));
  }
  const auto put = [&](ImVec2 at, std::size_t n) {
    const std::string t = format_count(n);
    ImGui::PushFont(ui.fonts.strong);
    const ImVec2 ts = ImGui::CalcTextSize(t.c_str());
    dl->AddText(ImVec2(at.x - ts.x * 0.5F, at.y - ts.y * 0.5F), col(ui.pal.text), t.c_str());
    ImGui::PopFont();
  };
  const auto mid = [](ImVec2 a, ImVec2 b) { return ImVec2((a.x + b.x) * 0.5F, (a.y + b.y) * 0.5F); };
  const auto away = [&](ImVec2 c, ImVec2 from, float k) {
    return ImVec2(c.x + (c.x - from.x) * k, c.y + (c.y - from.y) * k);
  };
  if (sets.size() == 2) {
    put(away(centres[0], centres[1], 0.45F), counts[1]);
    put(away(centres[1], centres[0], 0.45F), counts[2]);
    put(mid(centres[0], centres[1]), counts[3]);
  } else {
    const ImVec2 all(cx, (centres[0].y + centres[1].y + centres[2].y) / 3.0F);
    put(away(centres[0], all, 0.5F), counts[1]);
    put(away(centres[1], all, 0.5F), counts[2]);
    put(away(centres[2], all, 0.5F), counts[4]);
    put(away(mid(centres[0], centres[1]), all, 0.6F), counts[3]);
    put(away(mid(centres[0], centres[2]), all, 0.6F), counts[5]);
    put(away(mid(centres[1], centres[2]), all, 0.6F), counts[6]);
    put(all, counts[7]);
  }
  ImGui::Dummy(ImVec2(std::min(width, ui.px(420)), h));
  ui.marks.mark("segments.overlap.venn");

  // The same figures as a table, with names, for reading and for screen readers.
  if (sets.size() < 3 || width >= ui.px(700)) ImGui::SameLine(0, ui.px(24));
  ImGui::BeginGroup();
  const auto line = [&](const std::string& what, std::size_t n) {
    ImGui::TextUnformatted(what.c_str());
    ImGui::SameLine(ui.px(300));
    ImGui::PushFont(ui.fonts.strong);
    ImGui::TextUnformatted(format_count(n).c_str());
    ImGui::PopFont();
  };
  for (std::size_t i = 0; i < sets.size(); ++i) line("All of " + names[i], sets[i].count());
  gap(ui, 4);
  for (unsigned mask = 1; mask < (1U << sets.size()); ++mask) {
    std::string what;
    unsigned bits = 0;
    for (std::size_t i = 0; i < sets.size(); ++i) {
      if ((mask & (1U << i)) == 0) continue;
      what += (bits++ == 0 ? "" : " and ") + names[i];
    }
    line((bits == 1 ? "Only " : "In ") + what, counts.at(mask));
  }
  ImGui::EndGroup();
}

}  // namespace nurture::ui
