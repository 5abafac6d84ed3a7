#include "web/ui/format.hpp"

#include <array>
#include <cstdio>

#include "core/util/civil_time.hpp"
#include "core/util/text.hpp"

namespace nurture::ui {

namespace {

constexpr std::array<const char*, 12> k_months = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

}  // namespace

const char* stage_label(Stage stage) {
  switch (stage) {
    case Stage::awareness:
      return "Awareness";
    case Stage::consideration:
      return "Consideration";
    case Stage::conversion:
      return "Conversion";
    case Stage::patient:
      return "Patient";
    case Stage::retained:
      return "Retained";
  }
  return "?";
}

const char* content_kind_label(ContentKind kind) {
  switch (kind) {
    case ContentKind::article:
      return "Article";
    case ContentKind::guide:
      return "Guide";
    case ContentKind::video:
      return "Video";
    case ContentKind::faq:
      return "FAQ";
    case ContentKind::testimonial:
      return "Testimonial";
    case ContentKind::before_after:
      return "Before & after";
  }
  return "Other";
}

const char* channel_label(Channel channel) {
  switch (channel) {
    case Channel::email:
      return "Email";
    case Channel::sms:
      return "Text (SMS)";
    case Channel::call:
      return "Phone calls";
  }
  return "?";
}

const char* purpose_label(Purpose purpose) {
  return purpose == Purpose::marketing ? "Marketing" : "Treatment & reminders";
}

const char* gender_label(Gender gender) {
  switch (gender) {
    case Gender::unknown:
      return "Not given";
    case Gender::female:
      return "Female";
    case Gender::male:
      return "Male";
    case Gender::nonbinary:
      return "Non-binary";
  }
  return "?";
}

const char* event_label(EventType type) {
  static constexpr std::array<const char*, k_event_type_count> k_labels = {"Email sent",
                                                                           "Email opened",
                                                                           "Email link clicked",
                                                                           "Replied to an email",
                                                                           "Email bounced",
                                                                           "Unsubscribed",
                                                                           "Text sent",
                                                                           "Replied to a text",
                                                                           "Phone call",
                                                                           "Submitted a form",
                                                                           "Viewed content",
                                                                           "Booked an appointment",
                                                                           "Attended",
                                                                           "Missed an appointment",
                                                                           "Cancelled an appointment",
                                                                           "Purchase",
                                                                           "Left a review"};
  const auto i = static_cast<std::size_t>(type);
  return i < k_labels.size() ? k_labels[i] : "Event";
}

Icon event_icon(EventType type) {
  switch (type) {
    case EventType::email_sent:
    case EventType::email_opened:
    case EventType::email_clicked:
    case EventType::email_replied:
    case EventType::email_bounced:
      return Icon::mail;
    case EventType::text_sent:
    case EventType::text_replied:
    case EventType::call:
      return Icon::message;
    case EventType::unsubscribed:
    case EventType::appointment_no_show:
    case EventType::appointment_cancelled:
      return Icon::cross;
    case EventType::form_submitted:
    case EventType::purchase:
      return Icon::check;
    case EventType::content_viewed:
      return Icon::eye;
    case EventType::appointment_booked:
    case EventType::appointment_attended:
      return Icon::today;
    case EventType::review:
      return Icon::star;
  }
  return Icon::info;
}

std::string format_count(std::size_t n) { return format_thousands(n); }

std::string format_day(std::int64_t t, int offset_minutes) {
  const CivilDate d = utc_date(t + static_cast<std::int64_t>(offset_minutes) * 60000);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%s %u, %d", k_months[(d.month - 1) % 12], d.day, d.year);
  return buf;
}

std::string format_day_time(std::int64_t t, int offset_minutes) {
  const std::int64_t local = t + static_cast<std::int64_t>(offset_minutes) * 60000;
  const std::int64_t minutes = ((local / 60000) % 1440 + 1440) % 1440;
  char buf[16];
  std::snprintf(buf, sizeof buf, " %02d:%02d", static_cast<int>(minutes / 60),
                static_cast<int>(minutes % 60));
  return format_day(t, offset_minutes) + buf;
}

std::string event_details(const Event& e) {
  std::string out;
  const auto add = [&out](const std::string& part) {
    if (part.empty()) return;
    if (!out.empty()) out += " · ";
    out += part;
  };
  add(e.service);
  add(e.content);
  if (e.amount_cents != 0) {
    char buf[32];
    const std::int64_t a = e.amount_cents < 0 ? -e.amount_cents : e.amount_cents;
    std::snprintf(buf, sizeof buf, "%s$%lld.%02lld", e.amount_cents < 0 ? "−" : "",
                  static_cast<long long>(a / 100), static_cast<long long>(a % 100));
    add(buf);
  }
  if (e.seconds != 0) {
    const std::uint32_t m = e.seconds / 60;
    const std::uint32_t s = e.seconds % 60;
    add(m == 0 ? std::to_string(s) + " s" : std::to_string(m) + " min " + std::to_string(s) + " s");
  }
  if (!e.sequence.empty())
    add(e.sequence + (e.step != 0 ? " step " + std::to_string(e.step) : std::string()));
  return out;
}

std::string join_list(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out += ", ";
    out += item;
  }
  return out;
}

std::vector<std::string> split_list(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t comma = text.find(',', start);
    const std::size_t end = comma == std::string::npos ? text.size() : comma;
    const std::string_view item = trim(std::string_view(text).substr(start, end - start));
    if (!item.empty()) out.emplace_back(item);
    start = end + 1;
  }
  return out;
}

}  // namespace nurture::ui
