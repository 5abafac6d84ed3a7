#include "web/ui/step_editor.hpp"

#include <algorithm>
#include <cfloat>
#include <misc/cpp/imgui_stdlib.h>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include <imgui.h>

#include "core/commands/command.hpp"
#include "core/sequence/sequence_text.hpp"
#include "core/sequence/template_lint.hpp"
#include "core/sequence/template_render.hpp"
#include "core/sequence/template_syntax.hpp"
#include "web/ui/widgets.hpp"

namespace nurture::ui {

namespace {

// Keeps the cursor's byte offset, so the picker can insert where the user was typing.
int track_cursor(ImGuiInputTextCallbackData* data) {
  *static_cast<int*>(data->UserData) = data->CursorPos;
  return 0;
}

// The same for the message box, which also takes a position to jump to (a click in the wrapped
// view): ImGui applies a cursor the callback changes, and scrolls the box to it.
int track_caret(ImGuiInputTextCallbackData* data) {
  auto* caret = static_cast<StepEditor::Caret*>(data->UserData);
  if (caret->jump >= 0) {
    data->CursorPos = std::clamp(caret->jump, 0, data->BufTextLen);
    data->SelectionStart = data->CursorPos;
    data->SelectionEnd = data->CursorPos;
    caret->jump = -1;
  }
  caret->cursor = data->CursorPos;
  return 0;
}

std::string lead_label(const Lead& lead) {
  std::string name = lead.first_name;
  if (!lead.last_name.empty()) name += (name.empty() ? "" : " ") + lead.last_name;
  return name.empty() ? lead.email : name;
}

/// Leads to preview with: those in the sequence first (up to 30), else the first live leads.
std::vector<LeadId> preview_leads(const Workspace& ws, const std::string& sequence) {
  std::vector<LeadId> out;
  for (const auto& e : ws.enrollments) {
    if (out.size() >= 30) break;
    if (e.sequence == sequence && e.ended_at == 0 && ws.leads.find(e.lead) &&
        std::find(out.begin(), out.end(), e.lead) == out.end())
      out.push_back(e.lead);
  }
  if (out.empty()) {
    ws.leads.for_each_live([&](std::uint32_t row) {
      if (out.size() < 30) out.push_back(ws.leads.id(row));
    });
  }
  return out;
}

// ImGui 1.90.1's InputTextMultiline cannot wrap long lines (ocornut/imgui#952, #1062, #3237: the
// maintainer's answer is that the widget needs a rewrite first). Soft wrapping by putting line
// breaks into the edited buffer and taking them out again on every keystroke would have to carry
// the cursor, selection and undo stack across each rewrite, and one slip writes real newlines
// into the template that goes to patients. So the box stays the editor of the exact text, and
// when a line is wider than the box this read-only view under it shows the same text wrapped at
// the box's width, with a caret where the cursor is while typing; a click in the view puts the
// box's cursor on that character (through the input callback), so the view is also the way to
// get around a long paragraph. The stored text is never touched.
bool needs_wrapping(std::string_view text, float wrap_width) {
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t nl = std::min(text.find('\n', start), text.size());
    const std::string_view line = text.substr(start, nl - start);
    if (ImGui::CalcTextSize(line.data(), line.data() + line.size()).x > wrap_width) return true;
    start = nl + 1;
  }
  return false;
}

// Returns the byte offset clicked, if the view was clicked.
std::optional<int> draw_wrapped_view(Ui& ui, const std::string& text, int cursor, bool caret, float width) {
  ImFont* font = ImGui::GetFont();
  const float size = ImGui::GetFontSize();
  const float pad = ui.px(10);
  const float wrap_w = width - 2 * pad;
  // The visual lines as byte ranges: each paragraph broken where ImGui's own wrapped text would
  // break it, the spaces at a break dropped as ImGui drops them.
  struct Line {
    std::size_t begin;
    std::size_t end;
  };
  std::vector<Line> lines;
  const char* base = text.data();
  std::size_t p = 0;
  while (true) {
    const std::size_t nl = std::min(text.find('\n', p), text.size());
    std::size_t s = p;
    do {
      std::size_t brk = nl;
      if (s < nl) {
        brk = static_cast<std::size_t>(
            font->CalcWordWrapPositionA(size / font->FontSize, base + s, base + nl, wrap_w) - base);
        if (brk <= s) {  // one character wider than the view: take it whole (all its UTF-8 bytes)
          brk = s + 1;
          while (brk < nl && (static_cast<unsigned char>(text[brk]) & 0xC0U) == 0x80U) ++brk;
        }
      }
      lines.push_back({s, brk});
      s = brk;
      while (s < nl && text[s] == ' ') ++s;
    } while (s < nl);
    if (nl >= text.size()) break;
    p = nl + 1;
  }
  const float line_h = ImGui::GetTextLineHeightWithSpacing();
  const ImVec2 pos = ImGui::GetCursorScreenPos();
  const float height = static_cast<float>(lines.size()) * line_h + 2 * pad;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(pos, ImVec2(pos.x + width, pos.y + height), col(ui.pal.bg), ui.px(6));
  const auto at = static_cast<std::size_t>(std::clamp(cursor, 0, static_cast<int>(text.size())));
  bool caret_drawn = false;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const Line& l = lines[i];
    const ImVec2 origin(pos.x + pad, pos.y + pad + static_cast<float>(i) * line_h);
    dl->AddText(font, size, origin, col(ui.pal.muted), base + l.begin, base + l.end);
    const bool here = at >= l.begin &&
                      (at < l.end || (at == l.end && (i + 1 == lines.size() || lines[i + 1].begin > l.end)));
    if (caret && !caret_drawn && here) {
      const float x = origin.x + font->CalcTextSizeA(size, FLT_MAX, 0, base + l.begin, base + at).x;
      dl->AddLine(ImVec2(x, origin.y), ImVec2(x, origin.y + size), col(ui.pal.accent), ui.px(1.5F));
      caret_drawn = true;
    }
  }
  const bool clicked = ImGui::InvisibleButton("##wrapped", ImVec2(width, height));
  ui.marks.mark("sequences.editor.body_wrapped");
  if (ImGui::IsItemHovered()) ImGui::SetMouseCursor(ImGuiMouseCursor_TextInput);
  if (!clicked || lines.empty()) return std::nullopt;
  // The character boundary nearest the click, on the visual line under it.
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  const int row = static_cast<int>((mouse.y - pos.y - pad) / line_h);
  const Line& l = lines[static_cast<std::size_t>(std::clamp(row, 0, static_cast<int>(lines.size()) - 1))];
  float x = pos.x + pad;
  std::size_t offset = l.begin;
  while (offset < l.end) {
    std::size_t next = offset + 1;
    while (next < l.end && (static_cast<unsigned char>(text[next]) & 0xC0U) == 0x80U) ++next;
    const float w = font->CalcTextSizeA(size, FLT_MAX, 0, base + offset, base + next).x;
    if (mouse.x < x + w * 0.5F) break;
    x += w;
    offset = next;
  }
  return static_cast<int>(offset);
}

}  // namespace

void StepEditor::open(const Sequence& seq, const Step& step) {
  m_open = true;
  m_sequence = seq.id;
  m_step = step.id;
  m_subject = step.message.subject;
  m_body = step.message.body;
  m_body_focused = true;
  m_subject_cursor = static_cast<int>(m_subject.size());
  m_body_caret = Caret{static_cast<int>(m_body.size()), -1};
  m_focus_body = false;
  m_preview.reset();
}

Sequence StepEditor::edited(const Sequence& seq) const {
  Sequence s = seq;
  for (auto& step : s.steps) {
    if (step.id != m_step) continue;
    step.message.subject = m_subject;
    step.message.body = m_body;
  }
  return s;
}

void StepEditor::draw(Ui& ui, const Sequence& seq, float width) {
  const Workspace& ws = ui.session.workspace();
  const auto index = step_index(seq, m_step);
  if (!index) {
    m_open = false;
    return;
  }
  const Step& step = seq.steps[*index];
  const bool editable = ui.editable();
  const ImGuiInputTextFlags ro = editable ? 0 : ImGuiInputTextFlags_ReadOnly;

  if (step.channel == StepChannel::email) {
    field_label(ui, "Subject");
    ImGui::SetNextItemWidth(width);
    ImGui::InputText("##subject", &m_subject, ro | ImGuiInputTextFlags_CallbackAlways, track_cursor,
                     &m_subject_cursor);
    if (ImGui::IsItemActive()) m_body_focused = false;
    ui.marks.mark("sequences.editor.subject");
  }
  field_label(ui, "Message");
  if (std::exchange(m_focus_body, false)) ImGui::SetKeyboardFocusHere();
  ImGui::InputTextMultiline("##body", &m_body, ImVec2(width, ui.px(170)),
                            ro | ImGuiInputTextFlags_CallbackAlways, track_caret, &m_body_caret);
  const bool body_active = ImGui::IsItemActive();
  if (body_active) m_body_focused = true;
  ui.marks.mark("sequences.editor.body");
  if (needs_wrapping(m_body,
                     width - 2 * ImGui::GetStyle().FramePadding.x - ImGui::GetStyle().ScrollbarSize)) {
    small_text(ui, "The message, wrapped as it reads");
    if (const auto at = draw_wrapped_view(ui, m_body, m_body_caret.cursor, body_active, width);
        at && editable) {
      m_body_caret.jump = *at;
      m_focus_body = true;
    }
  }

  // The picker: each merge field as a small button that inserts `{field}` at the cursor of the
  // field last typed in (the field is no longer active by the time a button is released).
  small_text(ui, "Insert a merge field");
  const float start_x = ImGui::GetCursorPosX();
  float line_w = 0;
  for (const auto field : k_merge_fields) {
    const std::string text = "{" + std::string(field) + "}";
    // A quiet button is its text plus the frame padding on both sides.
    const float w = ImGui::CalcTextSize(text.c_str()).x + 2 * ImGui::GetStyle().FramePadding.x + ui.px(8);
    if (line_w > 0 && line_w + w <= width) {
      ImGui::SameLine();
    } else if (line_w > 0) {
      line_w = 0;
      ImGui::SetCursorPosX(start_x);
    }
    line_w += w + ui.px(4);
    if (button(ui, text.c_str(), ButtonKind::quiet, ("sequences.editor.field." + std::string(field)).c_str(),
               editable)) {
      std::string& target = m_body_focused || step.channel != StepChannel::email ? m_body : m_subject;
      int& cursor =
          m_body_focused || step.channel != StepChannel::email ? m_body_caret.cursor : m_subject_cursor;
      const auto at = static_cast<std::size_t>(std::clamp(cursor, 0, static_cast<int>(target.size())));
      target.insert(at, text);
      cursor = static_cast<int>(at + text.size());
    }
  }

  // The lint for this step, as the text stands.
  const Sequence draft = edited(seq);
  std::vector<LintMessage> mine;
  for (auto& m : lint_sequence(draft, ws)) {
    if (m.step == m_step) mine.push_back(std::move(m));
  }
  const bool blocking = has_lint_errors(mine);
  m_findings = mine.size();
  gap(ui, 4);
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width);
  if (mine.empty()) {
    caption(ui, "No problems found.", &ui.pal.success);
  } else {
    for (const auto& m : mine)
      caption(ui, lint_line(draft, m).c_str(), m.error ? &ui.pal.danger : &ui.pal.warning);
  }
  ImGui::PopTextWrapPos();

  // The preview, rendered for one lead.
  const auto leads = preview_leads(ws, seq.id);
  if (!m_preview && !leads.empty()) m_preview = leads.front();
  gap(ui, 6);
  small_text(ui, "Preview for");
  std::optional<Lead> lead;
  if (m_preview) {
    if (const auto row = ws.leads.find(*m_preview)) lead = ws.leads.get(*row);
  }
  ImGui::SetNextItemWidth(std::min(width, ui.px(320)));
  if (ImGui::BeginCombo("##preview", lead ? lead_label(*lead).c_str() : "No lead to preview with")) {
    for (const LeadId id : leads) {
      const auto row = ws.leads.find(id);
      if (!row) continue;
      ImGui::PushID(static_cast<int>(*row));
      if (ImGui::Selectable(lead_label(ws.leads.get(*row)).c_str(), m_preview == id)) m_preview = id;
      ImGui::PopID();
    }
    ImGui::EndCombo();
  }
  ui.marks.mark("sequences.editor.preview_lead");
  if (lead) {
    RenderContext ctx;
    ctx.now = ui.platform.now_ms();
    ctx.utc_offset_minutes = ui.platform.local_utc_offset_minutes(ctx.now);
    ctx.first_text = step.channel == StepChannel::text;
    const Step* draft_step = &draft.steps[*index];
    const RenderedMessage preview = render_touch(ws, draft, *draft_step, *m_preview, ctx);
    // A quiet panel rather than a card: this already sits in the Steps card.
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    // Its own splitter: the card around it already splits the window's draw list.
    ImDrawListSplitter splitter;
    splitter.Split(dl, 2);
    splitter.SetCurrentChannel(dl, 1);
    ImGui::SetCursorScreenPos(ImVec2(pos.x + ui.px(12), pos.y + ui.px(10)));
    ImGui::BeginGroup();
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width - ui.px(24));
    if (!preview.subject.empty()) label(ui, preview.subject.c_str());
    ImGui::TextUnformatted(preview.body.c_str());
    ImGui::PopTextWrapPos();
    ImGui::EndGroup();
    ui.marks.mark("sequences.editor.preview");
    const float bottom = ImGui::GetItemRectMax().y + ui.px(10);
    splitter.SetCurrentChannel(dl, 0);
    dl->AddRectFilled(pos, ImVec2(pos.x + width, bottom), col(ui.pal.bg), ui.px(6));
    splitter.Merge(dl);
    ImGui::SetCursorScreenPos(ImVec2(pos.x, bottom));
    ImGui::Dummy(ImVec2(0, 0));
  }

  gap(ui, 8);
  const bool refuse = blocking && seq.status == SequenceStatus::active;
  if (button(ui, "Save", ButtonKind::primary, "sequences.editor.save", editable && !refuse)) m_save = true;
  ImGui::SameLine();
  if (button(ui, "Cancel", ButtonKind::quiet, "sequences.editor.cancel")) m_open = false;
  if (refuse) caption(ui, "Fix the errors first, or pause the sequence to save a draft.", &ui.pal.danger);
}

std::string StepEditor::commit(Ui& ui) {
  if (!std::exchange(m_save, false) || !m_open) return {};
  const Sequence* seq = find_item(ui.session.workspace().sequences, m_sequence);
  if (seq == nullptr) return {};
  const CommandResult r = ui.mutable_session.execute(PutSequence{edited(*seq), ui.platform.now_ms()});
  if (!r.ok) return r.message;
  m_open = false;
  return "Saved step \"" + m_step + "\" — Ctrl+Z undoes";
}

}  // namespace nurture::ui
