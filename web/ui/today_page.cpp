// Today: the morning view. On first run it is a welcome with a short checklist, because an
// empty "nothing due" list teaches nothing to someone who has not set anything up. Then it is
// the queue: the day's touches by channel, each opening to its message and one-click actions.
#include "web/ui/today_page.hpp"

#include <algorithm>
#include <string>

#include <imgui.h>
#include <nlohmann/json.hpp>

#include "core/commands/command.hpp"
#include "core/sequence/touch_message.hpp"
#include "core/util/text.hpp"
#include "web/ui/empty_state.hpp"
#include "web/ui/format.hpp"
#include "web/ui/widgets.hpp"

namespace nurture::ui {

namespace {

/// One checklist row: a done/pending circle, a title and a line of help, and the action on the
/// right, so the three steps scan as one list rather than three separate forms.
void checklist_row(Ui& ui, float width, bool done, const char* title, const char* help, const char* action,
                   const char* mark, Page target, bool primary, bool last = false) {
  const ImVec2 pos = ImGui::GetCursorScreenPos();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float row_h = ui.px(56);
  const float d = ui.px(24);
  const ImVec2 c(pos.x + d * 0.5F, pos.y + row_h * 0.5F);
  if (done) {
    dl->AddCircleFilled(c, d * 0.5F, col(ui.pal.accent), 24);
    draw_icon(dl, Icon::check, c, d * 0.6F, col(ui.pal.accent_text));
  } else {
    dl->AddCircle(c, d * 0.5F - ui.px(1), col(ui.pal.faint), 24, ui.px(1.5F));
  }
  ImGui::PushFont(ui.fonts.strong);
  const float button_w = ImGui::CalcTextSize(action).x + ui.px(32);
  ImGui::PopFont();
  const float text_x = pos.x + d + ui.px(14);
  ImGui::SetCursorScreenPos(ImVec2(text_x, pos.y + ui.px(9)));
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width - d - ui.px(28) - button_w);
  ImGui::PushStyleColor(ImGuiCol_Text, done ? ui.pal.muted : ui.pal.text);
  label(ui, title);
  ImGui::PopStyleColor();
  ImGui::SetCursorScreenPos(ImVec2(text_x, ImGui::GetCursorScreenPos().y - ui.px(8)));
  caption(ui, help);
  ImGui::PopTextWrapPos();
  const float bottom = std::max(pos.y + row_h, ImGui::GetCursorScreenPos().y);
  if (done) {
    ImGui::SetCursorScreenPos(ImVec2(pos.x + width - button_w, c.y - ui.px(9)));
    caption(ui, "Done", &ui.pal.success);
  } else {
    ImGui::SetCursorScreenPos(ImVec2(pos.x + width - button_w, pos.y + (row_h - ui.px(35)) * 0.5F));
    if (button(ui, action, primary ? ButtonKind::primary : ButtonKind::secondary, mark)) ui.go_to = target;
  }
  if (!last)
    dl->AddLine(ImVec2(pos.x, bottom + ui.px(6)), ImVec2(pos.x + width, bottom + ui.px(6)),
                col(ui.pal.border));
  ImGui::SetCursorScreenPos(pos);
  ImGui::Dummy(ImVec2(width, bottom - pos.y + ui.px(6)));
}

bool any_active_sequence(const Workspace& ws) {
  return std::any_of(ws.sequences.begin(), ws.sequences.end(),
                     [](const Sequence& s) { return !s.deleted && s.status == SequenceStatus::active; });
}

void welcome(Ui& ui, float width) {
  const Workspace& ws = ui.session.workspace();
  // Each step is done by what is in the workspace, whatever the order they were taken in (leads
  // imported before the profile is set up, say), and the primary button is the first one left.
  const bool profile_done = has_postal_address(ws.practice);
  const bool leads_done = ws.leads.size() > 0;
  const bool sequence_done = any_active_sequence(ws);
  Card card(ui, width);
  icon_badge(ui, Icon::today, 48);
  gap(ui, 4);
  ImGui::PushFont(ui.fonts.title);
  ImGui::TextWrapped("Welcome to Nurture");
  ImGui::PopFont();
  paragraph(ui,
            "Nurture keeps every lead warm until they become a patient — welcome emails, education, consult "
            "reminders and follow-ups, due each morning on this page.");
  paragraph(ui,
            "Everything stays in this browser: your leads and patients never leave this device unless you "
            "export them.",
            true);
  gap(ui, 10);
  const float w = card.inner_width();
  checklist_row(ui, w, profile_done, "Set up your practice profile",
                "Your name and postal address go into every email, as anti-spam law requires.",
                "Set up your practice profile", "today.setup_profile", Page::settings, true);
  checklist_row(ui, w, leads_done, "Bring in your leads",
                "From Meta lead ads, Mailchimp, HubSpot, your booking system or a spreadsheet.",
                "Go to Leads", "today.go_leads", Page::leads, profile_done);
  checklist_row(ui, w, sequence_done, "Choose a welcome sequence",
                "New leads get a friendly hello and a consultation invitation within minutes.",
                "See sequences", "today.go_sequences", Page::sequences, profile_done && leads_done, true);
}

constexpr StepChannel k_channels[] = {StepChannel::email, StepChannel::text, StepChannel::call,
                                      StepChannel::social, StepChannel::letter};

const char* channel_title(StepChannel c) {
  switch (c) {
    case StepChannel::email:
      return "Emails";
    case StepChannel::text:
      return "Texts";
    case StepChannel::call:
      return "Calls";
    case StepChannel::social:
      return "Social messages";
    case StepChannel::letter:
      return "Letters";
  }
  return "";
}

Icon channel_icon(StepChannel c) { return c == StepChannel::email ? Icon::mail : Icon::message; }

std::string lead_name(const Lead& lead) {
  std::string name = lead.first_name;
  if (!lead.last_name.empty()) name += (name.empty() ? "" : " ") + lead.last_name;
  return name.empty() ? (lead.email.empty() ? lead.phone : lead.email) : name;
}

/// The first line of the message, for the collapsed row.
std::string preview(const TouchView& v) {
  if (!v.message.subject.empty()) return v.message.subject;
  const auto nl = v.message.body.find('\n');
  return v.message.body.substr(0, nl);
}

bool any_live_sequence(const Workspace& ws) {
  return std::any_of(ws.sequences.begin(), ws.sequences.end(), [](const Sequence& s) { return !s.deleted; });
}

/// "2026-12-07" in the practitioner's local time, for export file names.
std::string local_date(UnixMillis t, int offset) {
  return format_date(utc_date(t + UnixMillis{offset} * 60'000));
}

/// "Dec 4" in the practitioner's local time.
std::string short_day(UnixMillis t, int offset) {
  static constexpr const char* k_months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                             "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const CivilDate d = utc_date(t + UnixMillis{offset} * 60'000);
  return std::string(k_months[d.month - 1]) + " " + std::to_string(d.day);
}

}  // namespace

void TodayPage::record(Ui& ui, const SequenceRuntime& rt, const DueTouch& touch, TouchOutcome outcome,
                       UnixMillis until) {
  const CommandResult r = ui.mutable_session.execute(
      RecordTouches{{TouchEntry{touch.key, outcome, until}}, ui.platform.now_ms()});
  m_message_ok = r.ok;
  m_message = r.ok ? r.message + " — Ctrl+Z undoes" : r.message;
  if (r.ok) m_open.clear();
  ui.announce(m_message);
  (void)rt;
}

void TodayPage::draw_open_touch(Ui& ui, const SequenceRuntime& rt, const DueTouch& touch, float width,
                                bool actionable) {
  const Workspace& ws = ui.session.workspace();
  const auto view = view_touch(ws, touch, rt.now());
  if (!view) return;
  const float pad = ui.px(12);
  ImGui::Indent(pad);
  const float inner = width - 2 * pad;
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + inner);
  // Who and how: the address the action will use.
  std::string to = touch.channel == StepChannel::email ? view->lead.email : view->lead.phone;
  if (touch.channel == StepChannel::letter) to = view->lead.street + ", " + view->lead.city;
  caption(ui, ("To " + lead_name(view->lead) + (to.empty() ? "" : "  ·  " + to) + "  ·  " +
               view->sequence->name + ", step \"" + touch.step + "\"")
                  .c_str());
  gap(ui, 4);
  if (!view->message.subject.empty()) label(ui, view->message.subject.c_str());
  ImGui::TextUnformatted(view->message.body.c_str());
  ImGui::PopTextWrapPos();
  gap(ui, 8);
  if (actionable) {
    // The one-click action opens the practitioner's own app with the message ready.
    switch (touch.channel) {
      case StepChannel::email:
        if (button(ui, "Open in mail app", ButtonKind::primary, "today.open_app"))
          ui.platform.open_url(mailto_link(view->lead.email, view->message.subject, view->message.body));
        break;
      case StepChannel::text:
        if (button(ui, "Open in messages", ButtonKind::primary, "today.open_app"))
          ui.platform.open_url(sms_link(view->lead.phone, view->message.body));
        break;
      case StepChannel::call:
        if (button(ui, "Call", ButtonKind::primary, "today.open_app"))
          ui.platform.open_url(tel_link(view->lead.phone));
        break;
      case StepChannel::social:
      case StepChannel::letter:
        break;
    }
    if (touch.channel != StepChannel::social && touch.channel != StepChannel::letter) ImGui::SameLine();
    if (button(ui, "Copy message", ButtonKind::secondary, "today.copy")) {
      std::string text = view->message.subject.empty() ? "" : view->message.subject + "\n\n";
      text += view->message.body;
      ImGui::SetClipboardText(text.c_str());
      m_message_ok = true;
      m_message = "Message copied";
    }
    gap(ui, 6);
    small_text(ui, "How did it go?");
    const bool editable = ui.editable();
    if (button(ui, touch.channel == StepChannel::call ? "Called" : "Sent", ButtonKind::secondary,
               "today.sent", editable))
      record(ui, rt, touch, TouchOutcome::sent);
    ImGui::SameLine();
    if (button(ui, "Replied", ButtonKind::secondary, "today.replied", editable))
      record(ui, rt, touch, TouchOutcome::replied);
    ImGui::SameLine();
    if (button(ui, "Booked", ButtonKind::secondary, "today.booked", editable))
      record(ui, rt, touch, TouchOutcome::booked);
    if (touch.channel == StepChannel::call) {
      ImGui::SameLine();
      if (button(ui, "No answer", ButtonKind::secondary, "today.no_answer", editable))
        record(ui, rt, touch, TouchOutcome::no_answer);
      ImGui::SameLine();
      if (button(ui, "Wrong number", ButtonKind::secondary, "today.wrong_number", editable))
        record(ui, rt, touch, TouchOutcome::wrong_number);
    }
    ImGui::SameLine();
    if (button(ui, "Skip", ButtonKind::quiet, "today.skip", editable))
      record(ui, rt, touch, TouchOutcome::skipped);
    ImGui::SameLine();
    if (button(ui, "Snooze 1 h", ButtonKind::quiet, "today.snooze_hour", editable))
      record(ui, rt, touch, TouchOutcome::snoozed, rt.now() + 3'600'000);
    ImGui::SameLine();
    if (button(ui, "Tomorrow", ButtonKind::quiet, "today.snooze_day", editable))
      record(ui, rt, touch, TouchOutcome::snoozed, rt.now() + 86'400'000);
  }
  ImGui::Unindent(pad);
  gap(ui, 8);
}

void TodayPage::draw_touch(Ui& ui, const SequenceRuntime& rt, const DueTouch& touch, float width,
                           bool actionable) {
  const Workspace& ws = ui.session.workspace();
  const auto view = view_touch(ws, touch, rt.now());
  if (!view) return;
  ImGui::PushID(touch.key.c_str());
  const ImVec2 pos = ImGui::GetCursorScreenPos();
  const float h = ui.px(50);
  const bool open = m_open == touch.key;
  if (ImGui::InvisibleButton("row", ImVec2(width, h))) m_open = open ? std::string() : touch.key;
  ui.marks.mark("today.touch." + touch.key);
  const bool hovered = ImGui::IsItemHovered();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  if (hovered || open)
    dl->AddRectFilled(pos, ImVec2(pos.x + width, pos.y + h), col(open ? ui.pal.accent_soft : ui.pal.hover),
                      ui.px(6));
  const float pad = ui.px(12);
  // Today's touches show their time; one left over from an earlier day (the tab was closed)
  // shows its day, so "15:00" never reads as later than "14:00" of today.
  const int offset = ui.platform.local_utc_offset_minutes(touch.due_at);
  const int now_offset = ui.platform.local_utc_offset_minutes(rt.now());
  const bool earlier_day = local_date(touch.due_at, offset) != local_date(rt.now(), now_offset);
  const std::string time = earlier_day ? short_day(touch.due_at, offset) : format_clock(touch.due_at, offset);
  ImGui::PushFont(ui.fonts.strong);
  dl->AddText(ImVec2(pos.x + pad, pos.y + ui.px(7)), col(ui.pal.text), time.c_str());
  const float name_x = pos.x + pad + ui.px(64);
  const std::string name = lead_name(view->lead);
  dl->PushClipRect(pos, ImVec2(pos.x + width - pad, pos.y + h), true);
  dl->AddText(ImVec2(name_x, pos.y + ui.px(7)), col(ui.pal.text), name.c_str());
  const float name_w = ImGui::CalcTextSize(name.c_str()).x;
  ImGui::PopFont();
  ImGui::PushFont(ui.fonts.small);
  const std::string where = view->sequence->name;
  dl->AddText(ImVec2(name_x + name_w + ui.px(10), pos.y + ui.px(10)), col(ui.pal.muted), where.c_str());
  const std::string line = preview(*view);
  dl->AddText(ImVec2(name_x, pos.y + ui.px(29)), col(ui.pal.muted), line.c_str());
  ImGui::PopFont();
  dl->PopClipRect();
  ImGui::PopID();
  if (open) draw_open_touch(ui, rt, touch, width, actionable);
}

void TodayPage::draw_group(Ui& ui, const SequenceRuntime& rt, StepChannel channel, float width) {
  const auto& due = rt.schedule().due;
  const auto n = static_cast<std::size_t>(
      std::count_if(due.begin(), due.end(), [&](const DueTouch& t) { return t.channel == channel; }));
  if (n == 0) return;
  Card card(ui, width);
  const ImVec2 pos = ImGui::GetCursorScreenPos();
  draw_icon(ImGui::GetWindowDrawList(), channel_icon(channel), ImVec2(pos.x + ui.px(9), pos.y + ui.px(12)),
            ui.px(16), col(ui.pal.accent));
  ImGui::SetCursorScreenPos(ImVec2(pos.x + ui.px(26), pos.y));
  heading(ui, (std::string(channel_title(channel)) + "  ·  " + format_count(n)).c_str());
  gap(ui, 2);
  for (const auto& t : due) {
    if (t.channel == channel) draw_touch(ui, rt, t, card.inner_width(), true);
  }
}

void TodayPage::draw_later(Ui& ui, const SequenceRuntime& rt, float width) {
  const auto& later = rt.schedule().upcoming;
  if (later.empty()) return;
  gap(ui, 12);
  Card card(ui, width);
  heading(ui, ("Later today  ·  " + format_count(later.size())).c_str());
  caption(ui, "These come due as the day goes on; open one to read it ahead.");
  gap(ui, 2);
  for (const auto& t : later) draw_touch(ui, rt, t, card.inner_width(), false);
}

void TodayPage::draw_held(Ui& ui, const SequenceRuntime& rt, float width) {
  const auto& held = rt.schedule().held;
  if (held.empty()) return;
  const Workspace& ws = ui.session.workspace();
  gap(ui, 12);
  Card card(ui, width);
  heading(ui, ("Held back  ·  " + format_count(held.size())).c_str());
  caption(
      ui,
      "Nurture never drops a touch silently: each one waits here with the rule that holds it, and goes out "
      "when the rule allows.");
  gap(ui, 4);
  const float inner = card.inner_width();
  for (const auto& h : held) {
    const auto view = view_touch(ws, h.touch, rt.now());
    if (!view) continue;
    ImGui::PushID(h.touch.key.c_str());
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    ui.marks.mark_rect("today.held." + h.touch.key, pos, ImVec2(pos.x + inner, pos.y + ui.px(20)));
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + inner);
    label(ui,
          (lead_name(view->lead) + "  ·  " + view->sequence->name + "  ·  " + channel_title(h.touch.channel))
              .c_str());
    std::string why = h.reason;
    if (h.retry_at > 0)
      why += "  ·  next try " + format_day_time(h.retry_at, ui.platform.local_utc_offset_minutes(h.retry_at));
    caption(ui, why.c_str(), &ui.pal.warning);
    ImGui::PopTextWrapPos();
    ImGui::PopID();
    gap(ui, 4);
  }
}

void TodayPage::draw_exports(Ui& ui, const SequenceRuntime& rt) {
  const Workspace& ws = ui.session.workspace();
  std::vector<TouchLine> lines;
  const auto add = [&](const std::vector<DueTouch>& touches) {
    for (const auto& t : touches) {
      if (auto v = view_touch(ws, t, rt.now())) lines.push_back(touch_line(*v, t));
    }
  };
  add(rt.schedule().due);
  add(rt.schedule().upcoming);
  const std::string day = local_date(rt.now(), ui.platform.local_utc_offset_minutes(rt.now()));
  const auto emails = count_for_emails_csv(lines);
  const auto texts = count_for_texts_csv(lines);
  const auto reminders = count_for_ics(lines);
  small_text(ui, "Export today's batch");
  if (button(ui, ("Emails CSV (" + format_count(emails) + ")").c_str(), ButtonKind::secondary,
             "today.export_emails", emails > 0))
    ui.platform.download("emails-" + day + ".csv", "text/csv", emails_csv(lines));
  ImGui::SameLine();
  if (button(ui, ("Texts CSV (" + format_count(texts) + ")").c_str(), ButtonKind::secondary,
             "today.export_texts", texts > 0))
    ui.platform.download("texts-" + day + ".csv", "text/csv", texts_csv(lines));
  ImGui::SameLine();
  if (button(ui, ("Reminders .ics (" + format_count(reminders) + ")").c_str(), ButtonKind::secondary,
             "today.export_ics", reminders > 0))
    ui.platform.download("reminders-" + day + ".ics", "text/calendar", reminders_ics(lines, rt.now()));
}

void TodayPage::draw_queue(Ui& ui, const SequenceRuntime& rt, float width) {
  const Schedule& s = rt.schedule();
  {
    Card card(ui, width);
    std::string summary =
        format_count(s.due.size()) + (s.due.size() == 1 ? " touch due now" : " touches due now");
    summary += "  ·  " + format_count(s.upcoming.size()) + " later today";
    if (!s.held.empty()) summary += "  ·  " + format_count(s.held.size()) + " held back";
    heading(ui, summary.c_str());
    caption(ui, s.due.empty()
                    ? "All caught up. Touches appear here as soon as they are due."
                    : "Open a touch to read it, send it from your own mail or phone, and log how it went.");
    gap(ui, 6);
    draw_exports(ui, rt);
    if (!m_message.empty()) {
      gap(ui, 4);
      caption(ui, m_message.c_str(), m_message_ok ? &ui.pal.success : &ui.pal.danger);
    }
  }
  for (const StepChannel c : k_channels) {
    gap(ui, 12);
    draw_group(ui, rt, c, width);
  }
  draw_later(ui, rt, width);
  draw_held(ui, rt, width);
}

void TodayPage::draw(Ui& ui, const SequenceRuntime& rt) {
  const float width = content_width(ui);
  const Workspace& ws = ui.session.workspace();
  if (trim(ws.practice.name).empty()) {
    welcome(ui, width);
    return;
  }
  const Schedule& s = rt.schedule();
  if (any_live_sequence(ws) || !s.due.empty() || !s.held.empty()) {
    draw_queue(ui, rt, width);
    return;
  }
  EmptyState st;
  st.icon = Icon::today;
  st.title = "Nothing is due today";
  st.what =
      "Each morning this page lists the touches that are due — welcome emails, educational messages, consult "
      "reminders, post-visit follow-ups and review requests — with a one-click way to send each and log how "
      "it went.";
  st.why =
      "Leads who hear back within a day are far more likely to book. Today keeps that promise without a "
      "spreadsheet.";
  st.steps = {"Add a sequence from a ready-made playbook, such as the welcome for new inquiries.",
              "Activate it and enrol a segment; its first touches appear here the same day."};
  st.primary = "Go to Sequences";
  st.primary_mark = "today.go_sequences";
  st.secondary = "Go to Leads";
  st.secondary_mark = "today.go_leads";
  switch (draw_empty_state(ui, st, width)) {
    case EmptyAction::primary:
      ui.go_to = Page::sequences;
      break;
    case EmptyAction::secondary:
      ui.go_to = Page::leads;
      break;
    case EmptyAction::none:
      break;
  }
}

void TodayPage::describe(nlohmann::json& out, const Workspace& ws, const SequenceRuntime& rt) const {
  (void)ws;
  const auto list = [](const std::vector<DueTouch>& touches) {
    auto arr = nlohmann::json::array();
    for (const auto& t : touches)
      arr.push_back({{"key", t.key},
                     {"lead", to_string(t.lead)},
                     {"channel", to_string(t.channel)},
                     {"sequence", t.sequence},
                     {"step", t.step},
                     {"due_at", t.due_at}});
    return arr;
  };
  out["due"] = list(rt.schedule().due);
  out["later"] = list(rt.schedule().upcoming);
  auto held = nlohmann::json::array();
  for (const auto& h : rt.schedule().held) held.push_back({{"key", h.touch.key}, {"reason", h.reason}});
  out["held"] = held;
  out["open"] = m_open;
}

}  // namespace nurture::ui
