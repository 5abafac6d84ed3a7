#include "core/sequence/touch_message.hpp"

#include "core/sequence/recipient_clock.hpp"
#include "core/util/time_zone.hpp"

namespace nurture {

std::optional<TouchView> view_touch(const Workspace& ws, const DueTouch& touch, UnixMillis now) {
  const Sequence* sequence = find_item(ws.sequences, touch.sequence);
  if (sequence == nullptr) return std::nullopt;
  const auto index = step_index(*sequence, touch.step);
  if (!index) return std::nullopt;
  const auto row = ws.leads.find(touch.lead);
  if (!row) return std::nullopt;
  TouchView view;
  view.sequence = sequence;
  view.step = &sequence->steps[*index];
  view.lead = ws.leads.get(*row);
  // Appointment times read in the recipient's own zone (the first one known or inferred).
  const RecipientClock clock = recipient_clock(view.lead, ws.practice);
  RenderContext ctx;
  ctx.now = now;
  ctx.utc_offset_minutes = clock.zones.empty() ? 0 : utc_offset_minutes(*clock.zones.front(), touch.due_at);
  ctx.first_text = touch.first_text;
  view.message = render_touch(ws, *sequence, *view.step, touch.lead, ctx);
  return view;
}

TouchLine touch_line(const TouchView& view, const DueTouch& touch) {
  TouchLine line;
  line.key = touch.key;
  line.first_name = view.lead.first_name;
  line.last_name = view.lead.last_name;
  line.email = view.lead.email;
  line.phone = view.lead.phone;
  line.channel = touch.channel;
  line.purpose = view.step->message.purpose;
  line.sequence_name = view.sequence->name;
  line.subject = view.message.subject;
  line.body = view.message.body;
  line.due_at = touch.due_at;
  return line;
}

std::string percent_encode(std::string_view text) {
  static constexpr char k_hex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    const bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                            c == '-' || c == '.' || c == '_' || c == '~';
    if (unreserved) {
      out.push_back(ch);
    } else {
      out.push_back('%');
      out.push_back(k_hex[c >> 4U]);
      out.push_back(k_hex[c & 15U]);
    }
  }
  return out;
}

namespace {

/// Bare LF line breaks become CRLF first: RFC 6068 wants %0D%0A in a mailto body.
std::string crlf(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n' && (i == 0 || text[i - 1] != '\r')) out.push_back('\r');
    out.push_back(text[i]);
  }
  return out;
}

/// The address part keeps '@' and '+' readable; everything else that could end it is encoded.
std::string encode_address(std::string_view address) {
  std::string out;
  for (const char c : address) {
    if (c == '@' || c == '+') {
      out.push_back(c);
    } else {
      out += percent_encode(std::string_view(&c, 1));
    }
  }
  return out;
}

}  // namespace

std::string mailto_link(std::string_view email, std::string_view subject, std::string_view body) {
  std::string url = "mailto:" + encode_address(email);
  char sep = '?';
  if (!subject.empty()) {
    url += sep;
    url += "subject=" + percent_encode(subject);
    sep = '&';
  }
  if (!body.empty()) {
    url += sep;
    url += "body=" + percent_encode(crlf(body));
  }
  return url;
}

std::string sms_link(std::string_view phone, std::string_view body) {
  std::string url = "sms:" + encode_address(phone);
  if (!body.empty()) url += "?body=" + percent_encode(body);
  return url;
}

std::string tel_link(std::string_view phone) { return "tel:" + encode_address(phone); }

}  // namespace nurture
