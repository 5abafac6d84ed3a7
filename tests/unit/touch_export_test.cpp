#include "core/export/touch_export.hpp"

#include <catch_amalgamated.hpp>

namespace touch_export_test {

using namespace nurture;

namespace {

// 2026-12-07 14:00:00 UTC = 1796652000000 ms (20429 days × 86400 + 14 h).
constexpr UnixMillis k_due = 1'796'652'000'000;
constexpr UnixMillis k_now = 1'796'630'400'000;  // 2026-12-07 08:00:00 UTC

std::vector<TouchLine> lines() {
  TouchLine email{"welcome/1/0/hello",
                  "Ana",
                  "Lima",
                  "ana@example.com",
                  "+13055550100",
                  StepChannel::email,
                  MessagePurpose::promotion,
                  "Welcome",
                  "Hello, Ana",
                  "Thanks for asking, Ana.\nSee you soon.",
                  k_due};
  TouchLine text{"reminders/2/0/t24",
                 "Ben",
                 "=Cruz",
                 "",
                 "+13055550101",
                 StepChannel::text,
                 MessagePurpose::reminder,
                 "Consultation reminders",
                 "",
                 "See you tomorrow at 10:00, Ben; reply C",
                 k_due + 3'600'000};
  TouchLine call{"reminders/3/0/call",
                 "",
                 "",
                 "",
                 "+13055550102",
                 StepChannel::call,
                 MessagePurpose::promotion,
                 "Follow-up",
                 "",
                 "Call to follow up",
                 k_due};
  return {email, text, call};
}

}  // namespace

TEST_CASE("emails_csv writes the email touches only, neutralised and quoted", "[touch-export]") {
  const std::string csv = emails_csv(lines());
  CHECK(csv ==
        "\xEF\xBB\xBF"
        "Email,First Name,Last Name,Subject,Body,Sequence,Due (UTC),Touch\r\n"
        "ana@example.com,Ana,Lima,\"Hello, Ana\",\"Thanks for asking, Ana.\nSee you soon.\",Welcome,"
        "2026-12-07 14:00,welcome/1/0/hello\r\n");
  CHECK(count_for_emails_csv(lines()) == 1);
}

TEST_CASE("texts_csv writes phones as digits and neutralises formula-like names", "[touch-export]") {
  const std::string csv = texts_csv(lines());
  CHECK(csv ==
        "\xEF\xBB\xBF"
        "Phone,First Name,Last Name,Message,Sequence,Due (UTC),Touch\r\n"
        "13055550101,Ben,'=Cruz,\"See you tomorrow at 10:00, Ben; reply C\",Consultation reminders,"
        "2026-12-07 15:00,reminders/2/0/t24\r\n");
  CHECK(count_for_texts_csv(lines()) == 1);
}

TEST_CASE("reminders_ics holds one escaped, folded event per reminder touch", "[touch-export]") {
  const std::string ics = reminders_ics(lines(), k_now);
  CHECK(count_for_ics(lines()) == 1);
  CHECK(ics ==
        "BEGIN:VCALENDAR\r\n"
        "VERSION:2.0\r\n"
        "PRODID:-//Nurture//Today//EN\r\n"
        "CALSCALE:GREGORIAN\r\n"
        "METHOD:PUBLISH\r\n"
        "BEGIN:VEVENT\r\n"
        "UID:reminders/2/0/t24@nurture.local\r\n"
        "DTSTAMP:20261207T080000Z\r\n"
        "DTSTART:20261207T150000Z\r\n"
        "DURATION:PT15M\r\n"
        "SUMMARY:Text reminder: Ben =Cruz\r\n"
        // 75 octets, then continuation lines starting with a space.
        "DESCRIPTION:See you tomorrow at 10:00\\, Ben\\; reply C\\n\\nPhone: +1305555010\r\n"
        " 1\r\n"
        "END:VEVENT\r\n"
        "END:VCALENDAR\r\n");
}

TEST_CASE("ics folding never splits a UTF-8 sequence", "[touch-export]") {
  TouchLine l;
  l.key = "k";
  l.purpose = MessagePurpose::reminder;
  l.first_name = "Zoë";
  l.body = std::string(60, 'a') + "ééééé";  // the 2-byte é straddles octet 75 unless folding backs off
  const std::string ics = reminders_ics({l}, k_now);
  const auto start = ics.find("DESCRIPTION:");
  REQUIRE(start != std::string::npos);
  const auto end = ics.find("\r\n", start);
  const std::string first = ics.substr(start, end - start);
  CHECK(first.size() <= 75);
  // The line ends on a whole character: its last byte is not a lead byte of a 2-byte sequence.
  CHECK((static_cast<unsigned char>(first.back()) & 0xE0U) != 0xC0U);
  CHECK(ics.substr(end, 3) == "\r\n ");
}

}  // namespace touch_export_test
