#pragma once
/// Batch exports of the day's touches (Today): emails as a CSV for a mail-merge tool, texts as a
/// CSV for a texting tool, and appointment reminders as an iCalendar file (RFC 5545) for the
/// practitioner's own calendar. Text cells are formula-neutralised (DOMAIN.md, CSV exports).

#include <string>
#include <string_view>
#include <vector>

#include "core/sequence/sequence.hpp"
#include "core/util/civil_time.hpp"

namespace nurture {

/// One touch with its message rendered, as the exports need it.
struct TouchLine {
  std::string key;  ///< the touch key (the ICS UID and the CSV's last column)
  std::string first_name;
  std::string last_name;
  std::string email;
  std::string phone;  ///< E.164
  StepChannel channel = StepChannel::email;
  MessagePurpose purpose = MessagePurpose::promotion;
  std::string sequence_name;
  std::string subject;
  std::string body;
  UnixMillis due_at = 0;
};

/// `Email,First Name,Last Name,Subject,Body,Sequence,Due (UTC),Touch` with a UTF-8 BOM and CRLF
/// rows; only the email touches of `lines`, in their order.
std::string emails_csv(const std::vector<TouchLine>& lines);

/// `Phone,First Name,Last Name,Message,Sequence,Due (UTC),Touch`; only the text touches.
std::string texts_csv(const std::vector<TouchLine>& lines);

/// A VCALENDAR with one 15-minute VEVENT per reminder touch (purpose reminder, any channel) at
/// its due time: "Text reminder: Ana Lima" with the message as the description. CRLF lines
/// folded at 75 octets, text escaped; DTSTAMP is `now`. Empty of events when none qualify.
std::string reminders_ics(const std::vector<TouchLine>& lines, UnixMillis now);

/// How many of `lines` each export would hold.
std::size_t count_for_emails_csv(const std::vector<TouchLine>& lines);
std::size_t count_for_texts_csv(const std::vector<TouchLine>& lines);
std::size_t count_for_ics(const std::vector<TouchLine>& lines);

}  // namespace nurture
