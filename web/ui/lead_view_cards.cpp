// The right-hand column of the lead view: stage, consent and do-not-contact, timeline.
#include <algorithm>

#include <imgui.h>
#include <imgui_stdlib.h>

#include "core/commands/command.hpp"
#include "core/util/text.hpp"
#include "web/ui/format.hpp"
#include "web/ui/lead_view.hpp"
#include "web/ui/widgets.hpp"

namespace nurture::ui {

namespace {

constexpr std::size_t k_timeline_limit = 200;

}  // namespace

void LeadView::stage_card(Ui& ui, const Lead& lead, float width) {
  Card card(ui, width);
  heading(ui, "Stage");
  ImGui::SetNextItemWidth(card.inner_width());
  if (!ui.editable()) ImGui::BeginDisabled();
  if (ImGui::BeginCombo("##stage", stage_label(lead.stage))) {
    for (std::size_t s = 0; s < k_stage_count; ++s) {
      const auto stage = static_cast<Stage>(s);
      const std::string mark = std::string("lead.stage.") + std::string(to_string(stage));
      if (ImGui::Selectable(stage_label(stage), stage == lead.stage)) {
        const CommandResult r = ui.mutable_session.execute(SetStage{m_id, stage, ui.platform.now_ms()});
        report(ui, r, "Stage changed.");
      }
      ui.marks.mark(mark);
    }
    ImGui::EndCombo();
  }
  if (!ui.editable()) ImGui::EndDisabled();
  ui.marks.mark("lead.stage");
  gap(ui, 4);
  // History, newest first, with the date each stage began and who moved the lead there.
  for (auto it = lead.stage_history.rbegin(); it != lead.stage_history.rend(); ++it) {
    const char* cause = it->cause == StageCause::rule     ? "by rule"
                        : it->cause == StageCause::manual ? "moved by you"
                                                          : "imported";
    const std::string line = std::string(stage_label(it->stage)) + "  ·  since " +
                             format_day(it->at, ui.platform.local_utc_offset_minutes(it->at)) + "  ·  " +
                             cause;
    caption(ui, line.c_str(), it == lead.stage_history.rbegin() ? &ui.pal.text : nullptr);
    ui.marks.mark("lead.stage_history." + std::to_string(lead.stage_history.rend() - it - 1) + "." +
                  std::string(to_string(it->cause)));
  }
}

void LeadView::consent_card(Ui& ui, const Lead& lead, float width) {
  Card card(ui, width);
  heading(ui, "Consent");
  caption(ui, "Marketing goes out only on channels with consent; an opt-out always wins.");
  gap(ui, 4);
  const bool editable = ui.editable();
  const float inner = card.inner_width();
  for (std::size_t c = 0; c < k_channel_count; ++c) {
    const auto channel = static_cast<Channel>(c);
    const std::string ch(to_string(channel));
    ImGui::PushID(static_cast<int>(c));
    label(ui, channel_label(channel));
    const auto dnc = std::find_if(lead.do_not_contact.begin(), lead.do_not_contact.end(),
                                  [&](const DoNotContact& d) { return d.channel == channel; });
    if (dnc != lead.do_not_contact.end()) {
      const std::string text = "Do not contact since " +
                               format_day(dnc->at, ui.platform.local_utc_offset_minutes(dnc->at)) + ": " +
                               dnc->reason;
      caption(ui, text.c_str(), &ui.pal.danger);
      if (button(ui, "Allow contact again", ButtonKind::quiet, ("lead.dnc." + ch + ".clear").c_str(),
                 editable)) {
        const CommandResult r =
            ui.mutable_session.execute(SetDoNotContact{m_id, channel, false, "", ui.platform.now_ms()});
        report(ui, r, "Do-not-contact cleared.");
      }
      ImGui::PopID();
      gap(ui, 4);
      continue;
    }
    for (std::size_t p = 0; p < k_purpose_count; ++p) {
      const auto purpose = static_cast<Purpose>(p);
      ImGui::PushID(static_cast<int>(p));
      const auto rec = std::find_if(lead.consent.begin(), lead.consent.end(), [&](const ConsentRecord& r) {
        return r.channel == channel && r.purpose == purpose;
      });
      std::string status = std::string(purpose_label(purpose)) + ": ";
      const ImVec4* color = nullptr;
      if (rec == lead.consent.end()) {
        status += "not asked";
      } else {
        const std::string day = format_day(rec->at, ui.platform.local_utc_offset_minutes(rec->at));
        status += rec->granted ? "granted " + day + " via " + rec->method
                               : "revoked " + day + " (" + rec->reason + ")";
        color = rec->granted ? &ui.pal.success : &ui.pal.warning;
      }
      const bool granted = rec != lead.consent.end() && rec->granted;
      const std::string mark = "lead.consent." + ch + "." + std::string(to_string(purpose));
      ImGui::PushFont(ui.fonts.small);
      const float bw = ImGui::CalcTextSize(granted ? "Revoke" : "Grant").x + ui.px(20);
      ImGui::PopFont();
      ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + inner - bw - ui.px(8));
      caption(ui, status.c_str(), color);
      ImGui::PopTextWrapPos();
      if (granted && !rec->text.empty() && ImGui::IsItemHovered())
        ImGui::SetTooltip("Wording: %s", rec->text.c_str());
      ImGui::SameLine(inner - bw);
      ImGui::PushFont(ui.fonts.small);
      if (button(ui, granted ? "Revoke" : "Grant", ButtonKind::quiet, mark.c_str(), editable)) {
        m_dialog = granted ? Dialog::revoke : Dialog::grant;
        m_dialog_channel = channel;
        m_dialog_purpose = purpose;
        m_dialog_opening = true;
      }
      ImGui::PopFont();
      ImGui::PopID();
    }
    if (button(ui, "Mark do not contact…", ButtonKind::quiet, ("lead.dnc." + ch).c_str(), editable)) {
      m_dialog = Dialog::block;
      m_dialog_channel = channel;
      m_dialog_opening = true;
    }
    ImGui::PopID();
    gap(ui, 4);
  }
}

void LeadView::consent_dialog(Ui& ui) {
  if (m_dialog_opening) {
    m_method = m_dialog == Dialog::block ? "" : (m_dialog == Dialog::grant ? "verbal, in clinic" : "");
    m_text.clear();
    m_reason.clear();
    m_dialog_errors.clear();
    ImGui::OpenPopup("consent_dialog");
  }
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(ImVec2(vp->Pos.x + vp->Size.x * 0.5F, vp->Pos.y + vp->Size.y * 0.4F),
                          ImGuiCond_Always, ImVec2(0.5F, 0.5F));
  ImGui::SetNextWindowSize(ImVec2(std::min(ui.px(460), vp->Size.x - ui.px(32)), 0));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(ui.px(24), ui.px(20)));
  if (ImGui::BeginPopupModal(
          "consent_dialog", nullptr,
          ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoMove)) {
    const std::string what =
        std::string(channel_label(m_dialog_channel)) +
        (m_dialog == Dialog::block ? "" : " · " + std::string(purpose_label(m_dialog_purpose)));
    heading(ui, m_dialog == Dialog::grant    ? "Record consent"
                : m_dialog == Dialog::revoke ? "Revoke consent"
                                             : "Do not contact");
    caption(ui, what.c_str());
    gap(ui, 6);
    const float w = ImGui::GetContentRegionAvail().x;
    if (m_dialog_opening) ImGui::SetKeyboardFocusHere(0);
    m_dialog_opening = false;
    if (m_dialog != Dialog::block) {
      text_field(ui, m_dialog == Dialog::grant ? "How was it given?" : "How was it revoked?",
                 "consent.method", m_method, error_for(m_dialog_errors, "method"), w,
                 "web form, signed form, reply STOP…");
    }
    if (m_dialog == Dialog::grant) {
      text_field(ui, "Wording shown (optional)", "consent.text", m_text, "", w,
                 "I agree to receive offers by email");
    } else {
      text_field(ui, "Reason", "consent.reason", m_reason, error_for(m_dialog_errors, "reason"), w,
                 "asked by phone, moved away…");
    }
    if (const auto& e = error_for(m_dialog_errors, "consent"); !e.empty())
      caption(ui, e.c_str(), &ui.pal.danger);
    gap(ui, 6);
    bool close_it = false;
    const bool confirm = button(ui, m_dialog == Dialog::grant ? "Record consent" : "Confirm",
                                ButtonKind::primary, "consent.confirm") ||
                         (ImGui::IsKeyPressed(ImGuiKey_Enter, false) && ImGui::IsWindowFocused());
    ImGui::SameLine(0, ui.px(10));
    if (button(ui, "Cancel", ButtonKind::secondary, "consent.cancel") || ImGui::IsKeyPressed(ImGuiKey_Escape))
      close_it = true;
    if (confirm && !close_it) {
      const auto now = ui.platform.now_ms();
      const CommandResult r =
          m_dialog == Dialog::block
              ? ui.mutable_session.execute(SetDoNotContact{m_id, m_dialog_channel, true, m_reason, now})
              : ui.mutable_session.execute(SetConsent{m_id, m_dialog_channel, m_dialog_purpose,
                                                      m_dialog == Dialog::grant, m_method, m_text, m_reason,
                                                      now});
      m_dialog_errors.clear();
      for (const FieldError& e : r.field_errors) m_dialog_errors.emplace(e.field, e.message);
      if (r.ok) {
        report(ui, r, r.message.c_str());
        close_it = true;
      }
    }
    if (close_it) {
      m_dialog = Dialog::none;
      ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
  }
  ImGui::PopStyleVar();
}

void LeadView::timeline_card(Ui& ui, float width) {
  Card card(ui, width);
  heading(ui, "Timeline");
  const EventLog& events = ui.session.workspace().events;
  const std::vector<std::uint32_t> positions = events.of_lead(m_id);
  if (positions.empty()) {
    caption(ui,
            "Nothing has happened yet. Emails, texts, visits and purchases appear here as they are logged.");
    return;
  }
  gap(ui, 4);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float d = ui.px(28);
  std::size_t shown = 0;
  for (auto it = positions.rbegin(); it != positions.rend() && shown < k_timeline_limit; ++it, ++shown) {
    const Event e = events.get(*it);
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    const ImVec2 c(pos.x + d * 0.5F, pos.y + d * 0.5F);
    // A line joins the markers, so the list reads as a sequence in time.
    if (shown + 1 < positions.size() && shown + 1 < k_timeline_limit)
      dl->AddLine(ImVec2(c.x, c.y + d * 0.5F), ImVec2(c.x, c.y + d * 1.6F), col(ui.pal.border), ui.px(1.5F));
    dl->AddCircleFilled(c, d * 0.5F, col(ui.pal.accent_soft), 24);
    draw_icon(dl, event_icon(e.type), c, d * 0.5F, col(ui.pal.accent));
    ImGui::SetCursorScreenPos(ImVec2(pos.x + d + ui.px(10), pos.y));
    ImGui::BeginGroup();
    label(ui, event_label(e.type));
    const std::string details = event_details(e);
    const std::string when = format_day_time(e.at, ui.platform.local_utc_offset_minutes(e.at));
    caption(ui, details.empty() ? when.c_str() : (details + "  ·  " + when).c_str());
    ImGui::EndGroup();
    gap(ui, 6);
  }
  if (positions.size() > k_timeline_limit) {
    const std::string more =
        "… and " + count_noun(positions.size() - k_timeline_limit, "earlier event", "earlier events");
    caption(ui, more.c_str());
  }
}

}  // namespace nurture::ui
