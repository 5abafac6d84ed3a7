// The Today exports. The CSVs follow the leads export's cell rules (csv_text_cell); the calendar
// follows RFC 5545 closely enough for Google Calendar, Outlook and Apple Calendar: CRLF, folding
// at 75 octets without splitting a UTF-8 sequence, and TEXT escaping.
#include "core/export/touch_export.hpp"

#include <algorithm>

#include "core/export/leads_csv.hpp"

namespace nurture {

namespace {

constexpr std::string_view k_utf8_bom = "\xEF\xBB\xBF";

/// "2026-12-07 14:00" in UTC: what a spreadsheet reads as a date and time.
std::string due_cell(UnixMillis t) {
  std::string iso = format_iso8601_utc(t);  // 2026-12-07T14:00:00Z
  return iso.substr(0, 10) + " " + iso.substr(11, 5);
}

/// Phones go out as digits with the country code and no '+': a leading '+' would be
/// neutralised as a formula, which texting tools would then reject.
std::string phone_cell(std::string_view e164) {
  std::string digits;
  for (const char c : e164) {
    if (c >= '0' && c <= '9') digits.push_back(c);
  }
  return digits;
}

void row(std::string& out, std::initializer_list<std::string_view> cells) {
  bool first = true;
  for (const auto cell : cells) {
    if (!first) out.push_back(',');
    first = false;
    out += csv_text_cell(cell);
  }
  out += "\r\n";
}

bool is_reminder(const TouchLine& l) { return l.purpose == MessagePurpose::reminder; }

/// 20261207T140000Z
std::string ics_time(UnixMillis t) {
  const std::string iso = format_iso8601_utc(t);
  std::string out;
  for (const char c : iso.substr(0, 19)) {
    if (c != '-' && c != ':') out.push_back(c);
  }
  return out + "Z";
}

std::string ics_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\\' || c == ';' || c == ',') {
      out.push_back('\\');
      out.push_back(c);
    } else if (c == '\r') {
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
      out += "\\n";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out.push_back(c);
    }
  }
  return out;
}

/// Appends one content line folded at 75 octets (continuations start with a space, which counts
/// towards their 75), never inside a UTF-8 sequence.
void ics_line(std::string& out, std::string_view line) {
  std::size_t limit = 75;
  while (line.size() > limit) {
    std::size_t cut = limit;
    while (cut > 0 && (static_cast<unsigned char>(line[cut]) & 0xC0U) == 0x80U) --cut;
    out.append(line.substr(0, cut));
    out += "\r\n ";
    line.remove_prefix(cut);
    limit = 74;
  }
  out.append(line);
  out += "\r\n";
}

}  // namespace

std::string emails_csv(const std::vector<TouchLine>& lines) {
  std::string out(k_utf8_bom);
  row(out, {"Email", "First Name", "Last Name", "Subject", "Body", "Sequence", "Due (UTC)", "Touch"});
  for (const auto& l : lines) {
    if (l.channel != StepChannel::email) continue;
    row(out,
        {l.email, l.first_name, l.last_name, l.subject, l.body, l.sequence_name, due_cell(l.due_at), l.key});
  }
  return out;
}

std::string texts_csv(const std::vector<TouchLine>& lines) {
  std::string out(k_utf8_bom);
  row(out, {"Phone", "First Name", "Last Name", "Message", "Sequence", "Due (UTC)", "Touch"});
  for (const auto& l : lines) {
    if (l.channel != StepChannel::text) continue;
    row(out,
        {phone_cell(l.phone), l.first_name, l.last_name, l.body, l.sequence_name, due_cell(l.due_at), l.key});
  }
  return out;
}

std::string reminders_ics(const std::vector<TouchLine>& lines, UnixMillis now) {
  std::string out;
  ics_line(out, "BEGIN:VCALENDAR");
  ics_line(out, "VERSION:2.0");
  ics_line(out, "PRODID:-//Nurture//Today//EN");
  ics_line(out, "CALSCALE:GREGORIAN");
  ics_line(out, "METHOD:PUBLISH");
  for (const auto& l : lines) {
    if (!is_reminder(l)) continue;
    std::string who = l.first_name;
    if (!l.last_name.empty()) who += (who.empty() ? "" : " ") + l.last_name;
    if (who.empty()) who = "a lead";
    std::string description;
    if (!l.subject.empty()) description = "Subject: " + l.subject + "\n\n";
    description += l.body;
    if (!l.phone.empty()) description += "\n\nPhone: " + l.phone;
    if (!l.email.empty()) description += "\nEmail: " + l.email;
    ics_line(out, "BEGIN:VEVENT");
    ics_line(out, "UID:" + ics_escape(l.key) + "@nurture.local");
    ics_line(out, "DTSTAMP:" + ics_time(now));
    ics_line(out, "DTSTART:" + ics_time(l.due_at));
    ics_line(out, "DURATION:PT15M");
    ics_line(out, "SUMMARY:" + ics_escape(std::string(channel_label(l.channel)) + " reminder: " + who));
    ics_line(out, "DESCRIPTION:" + ics_escape(description));
    ics_line(out, "END:VEVENT");
  }
  ics_line(out, "END:VCALENDAR");
  return out;
}

std::size_t count_for_emails_csv(const std::vector<TouchLine>& lines) {
  return static_cast<std::size_t>(std::count_if(
      lines.begin(), lines.end(), [](const TouchLine& l) { return l.channel == StepChannel::email; }));
}

std::size_t count_for_texts_csv(const std::vector<TouchLine>& lines) {
  return static_cast<std::size_t>(std::count_if(
      lines.begin(), lines.end(), [](const TouchLine& l) { return l.channel == StepChannel::text; }));
}

std::size_t count_for_ics(const std::vector<TouchLine>& lines) {
  return static_cast<std::size_t>(std::count_if(lines.begin(), lines.end(), is_reminder));
}

}  // namespace nurture
