#include "core/sequence/template_render.hpp"

#include <catch_amalgamated.hpp>

#include "core/sequence/template_syntax.hpp"
#include "template_test_support.hpp"

namespace template_render_test {

using namespace nurture;
using nurture::test::message_step;
using nurture::test::sequence_of;
using nurture::test::template_workspace;

namespace {

constexpr LeadId k_sofia{0x1};
// Times worked out from the calendar (1970-01-01 + days × 86,400,000): noted where used.
constexpr UnixMillis k_mar_5 = 1772668800000;   // 2026-03-05T00:00Z
constexpr UnixMillis k_mar_11 = 1773187200000;  // 2026-03-11T00:00Z
constexpr UnixMillis k_apr_2 = 1775088000000;   // 2026-04-02T00:00Z
constexpr UnixMillis k_jun_1 = 1780272000000;   // 2026-06-01T00:00Z

// The footer the Lumen practice's marketing emails get (template_render.cpp, can_spam_footer).
const std::string k_footer =
    "\n\n--\nLumen Aesthetics & Laser\n1450 Bayshore Palms Avenue, Suite 210, Tampa, FL 33606\n"
    "To unsubscribe from these emails: mailto:hello@lumen.example.com?subject=unsubscribe";

Event booked(std::uint64_t id, UnixMillis at, std::string service, std::string appointment_at) {
  Event e;
  e.id = EventId{id};
  e.lead = k_sofia;
  e.at = at;
  e.type = EventType::appointment_booked;
  e.service = std::move(service);
  if (!appointment_at.empty()) e.properties.emplace_back("appointment_at", std::move(appointment_at));
  return e;
}

// Sofía, interested in fillers, with four bookings: one for a past HydraFacial, one for Botox on
// 10 March, one for fillers on 1 April (booked an hour later) and an imported booking (the
// event's own time is the appointment) on 2 May without a service.
Workspace sofia_workspace() {
  Workspace ws = template_workspace();
  Lead l;
  l.id = k_sofia;
  l.first_name = "Sofía";
  l.last_name = "Reyes";
  l.interests = {"filler"};
  ws.leads.append_row(l, Stamp{1, 0, 1});
  ws.events.add({
      booked(11, 1768921200000, "hydrafacial", "2026-02-01T15:00:00Z"),  // booked 2026-01-20T15:00Z
      booked(12, 1772377200000, "botox", "2026-03-10T18:30:00Z"),        // booked 2026-03-01T15:00Z
      booked(13, 1772380800000, "filler", "2026-04-01T13:00:00Z"),       // booked 2026-03-01T16:00Z
      booked(14, 1777738500000, "", ""),                                 // 2026-05-02T16:15Z
  });
  return ws;
}

RenderedMessage render(const Workspace& ws, const Step& step, UnixMillis now, int offset = -240,
                       bool first_text = false, LeadId lead = k_sofia) {
  return render_touch(ws, sequence_of({step}), step, lead, RenderContext{now, offset, first_text});
}

}  // namespace

TEST_CASE("tokenize_template splits fields, escapes and stray braces with their offsets", "[template]") {
  const auto t = tokenize_template("Hi {first_name}}{{x} {");
  // "Hi " [0,3) · {first_name} [3,15) · "}" stray at 15 · "{{" escape at 16 then "x" merge into
  // one literal "{x" [16,19) · "}" stray at 19 · " " [20,21) · "{" stray at 21.
  REQUIRE(t.size() == 7);
  CHECK((t[0].kind == TemplateTokenKind::text && t[0].text == "Hi " && t[0].offset == 0));
  CHECK((t[1].kind == TemplateTokenKind::field && t[1].text == "first_name" && t[1].offset == 3 &&
         t[1].length == 12));
  CHECK((t[2].kind == TemplateTokenKind::stray_close && t[2].offset == 15));
  CHECK((t[3].kind == TemplateTokenKind::text && t[3].text == "{x" && t[3].offset == 16 && t[3].length == 3));
  CHECK((t[4].kind == TemplateTokenKind::stray_close && t[4].offset == 19));
  CHECK((t[5].kind == TemplateTokenKind::text && t[5].text == " " && t[5].offset == 20));
  CHECK((t[6].kind == TemplateTokenKind::stray_open && t[6].offset == 21));
  // The last "{" has no "}" after it.
  const auto open = tokenize_template("a {b {c}");
  REQUIRE(open.size() == 4);
  CHECK((open[1].kind == TemplateTokenKind::stray_open && open[1].offset == 2));
  CHECK((open[3].kind == TemplateTokenKind::field && open[3].text == "c" && open[3].offset == 5));
}

TEST_CASE("find_words matches whole words and phrases, plurals, any case", "[template]") {
  const std::string_view text = "Lips, LIP-filler and clip; fillers or lip filler";
  const auto lip = find_words(text, "lip");
  REQUIRE(lip.size() == 3);  // "Lips" (plural), "LIP" before the hyphen, "lip"; not "clip"
  CHECK((lip[0].offset == 0 && lip[0].length == 4));
  CHECK((lip[1].offset == 6 && lip[1].length == 3));
  CHECK(lip[2].offset == 38);
  const auto phrase = find_words(text, "lip-filler");  // the id form matches "LIP-filler" and "lip filler"
  REQUIRE(phrase.size() == 2);
  CHECK((phrase[0].offset == 6 && phrase[0].length == 10));
  CHECK((phrase[1].offset == 38 && phrase[1].length == 10));
  CHECK(find_words("Botoxing", "botox").empty());
  CHECK(has_stop_wording("Reply STOP to end"));
  CHECK(has_stop_wording("reply stop to opt out"));
  CHECK_FALSE(has_stop_wording("Don't stop glowing"));
}

TEST_CASE("display_phone and practice_address_line", "[template]") {
  CHECK(display_phone("+18135550100") == "(813) 555-0100");
  CHECK(display_phone("+442071234567") == "+442071234567");
  PracticeProfile p = template_workspace().practice;
  CHECK(practice_address_line(p) == "1450 Bayshore Palms Avenue, Suite 210, Tampa, FL 33606");
  p.country = "CA";
  p.state = "";
  CHECK(practice_address_line(p) == "1450 Bayshore Palms Avenue, Suite 210, Tampa, 33606, CA");
  p.street = " ";
  CHECK(practice_address_line(p).empty());
}

TEST_CASE("a marketing email fills the fields and gets the CAN-SPAM footer", "[template]") {
  const Workspace ws = sofia_workspace();
  Step s = message_step(
      "hello", StepChannel::email, MessagePurpose::promotion, "{first_name}, your glow plan",
      "Hi {first_name},\nRead {content_link} or call {practice_phone}.\nBook at {booking_link}.");
  s.message.content = "first-visit";
  const auto r = render(ws, s, k_jun_1);
  CHECK(r.subject == "Sofía, your glow plan");
  CHECK(r.body ==
        "Hi Sofía,\nRead https://lumen.example.com/learn/first-visit or call (813) 555-0100.\n"
        "Book at https://lumen.example.com." +
            k_footer);
}

TEST_CASE("the footer is not repeated when the body has the address and an unsubscribe line", "[template]") {
  const Workspace ws = sofia_workspace();
  const Step both = message_step("n", StepChannel::email, MessagePurpose::promotion, "News",
                                 "News.\n{practice_address}\nUnsubscribe: {unsubscribe_link}");
  CHECK(render(ws, both, k_jun_1).body ==
        "News.\n1450 Bayshore Palms Avenue, Suite 210, Tampa, FL 33606\n"
        "Unsubscribe: mailto:hello@lumen.example.com?subject=unsubscribe");
  // The address alone is not enough: the footer comes.
  const Step address_only = message_step("n", StepChannel::email, MessagePurpose::sponsored, "News",
                                         "News from {practice_address}");
  CHECK(render(ws, address_only, k_jun_1).body ==
        "News from 1450 Bayshore Palms Avenue, Suite 210, Tampa, FL 33606" + k_footer);
  // Reminders are not marketing: no footer.
  const Step reminder =
      message_step("r", StepChannel::email, MessagePurpose::reminder, "See you", "See you soon");
  CHECK(render(ws, reminder, k_jun_1).body == "See you soon");
}

TEST_CASE("the appointment comes from the next booking, in the recipient's time", "[template]") {
  const Workspace ws = sofia_workspace();
  Step s = message_step("remind", StepChannel::email, MessagePurpose::reminder, "See you {appointment_date}",
                        "{first_name}, we'll see you at {appointment_time} on {appointment_date}.");
  // On 5 March the next booking is Botox on 2026-03-10T18:30Z: 14:30 at UTC-4 (EDT), and 10 March
  // 2026 is a Tuesday (1 March 2026 is a Sunday).
  auto r = render(ws, s, k_mar_5);
  CHECK(r.subject == "See you Tuesday, March 10");
  CHECK(r.body == "Sofía, we'll see you at 2:30 PM on Tuesday, March 10.");
  // On 11 March: the filler booking, 2026-04-01T13:00Z = 09:00 EDT, a Wednesday.
  CHECK(render(ws, s, k_mar_11).body == "Sofía, we'll see you at 9:00 AM on Wednesday, April 1.");
  // On 2 April: the imported booking whose own time is the appointment, 16:15Z = 12:15 EDT on
  // Saturday 2 May; with offset 0 it is 4:15 PM.
  CHECK(render(ws, s, k_apr_2).body == "Sofía, we'll see you at 12:15 PM on Saturday, May 2.");
  CHECK(render(ws, s, k_apr_2, 0).body == "Sofía, we'll see you at 4:15 PM on Saturday, May 2.");
  // Nothing booked after 1 June: neutral words, never the field names.
  CHECK(render(ws, s, k_jun_1).body == "Sofía, we'll see you at the scheduled time on the scheduled day.");
  CHECK(next_appointment(ws, k_sofia, k_jun_1) == std::nullopt);
  CHECK(next_appointment(ws, k_sofia, k_mar_5) == 1773167400000);  // 2026-03-10T18:30Z
}

TEST_CASE("a cancelled appointment is not the next one; a rebooking is", "[template]") {
  Workspace ws = sofia_workspace();
  // 2026-03-03T15:00Z (5 March minus 33 h): the Botox visit of 10 March is cancelled by its time.
  Event cancel;
  cancel.id = EventId{15};
  cancel.lead = k_sofia;
  cancel.at = 1772550000000;
  cancel.type = EventType::appointment_cancelled;
  cancel.properties.emplace_back("appointment_at", "2026-03-10T18:30:00Z");
  ws.events.add({cancel});
  // On 5 March the next is then the filler visit, 2026-04-01T13:00Z (2 April minus 11 h), and the
  // messages are about fillers.
  CHECK(next_appointment(ws, k_sofia, k_mar_5) == 1775048400000);
  CHECK(lead_treatment(ws, k_sofia, k_mar_5) == "filler");
  // Rebooked on 2026-03-04T10:00Z (5 March minus 14 h) for 2026-03-12T17:00Z (11 March + 41 h).
  ws.events.add({booked(16, 1772618400000, "botox", "2026-03-12T17:00:00Z")});
  CHECK(next_appointment(ws, k_sofia, k_mar_5) == 1773334800000);
  CHECK(lead_treatment(ws, k_sofia, k_mar_5) == "botox");
}

TEST_CASE("the variant follows the booked service, else the first interest, else the family", "[template]") {
  const Workspace ws = sofia_workspace();
  Step s = message_step("edu", StepChannel::email, MessagePurpose::reminder, "For you", "General");
  s.message.variants = {{"botox", "About {treatment}", "Botox body: {treatment}"},
                        {"hydrafacial", "", "Skin body"}};
  // 5 March: the next booking is for Botox, so the Botox variant.
  auto r = render(ws, s, k_mar_5);
  CHECK(r.subject == "About Botox");
  CHECK(r.body == "Botox body: Botox");
  // 11 March: the next booking is for fillers, which has no variant of its own; Botox is the
  // same category (injectables), so its variant speaks, with {treatment} the filler's name.
  r = render(ws, s, k_mar_11);
  CHECK(r.subject == "About Dermal fillers");
  CHECK(r.body == "Botox body: Dermal fillers");
  CHECK(lead_treatment(ws, k_sofia, k_apr_2) == "filler");  // the latest booking with a service
  // A variant of its own beats the family's, and an empty variant subject keeps the step's.
  s.message.variants.push_back({"filler", "", "Filler body"});
  r = render(ws, s, k_mar_11);
  CHECK(r.subject == "For you");
  CHECK(r.body == "Filler body");
  // A lead with no bookings and no interests gets the step's own text and "treatment".
  Workspace bare = template_workspace();
  Lead l;
  l.id = LeadId{2};
  bare.leads.append_row(l, Stamp{1, 0, 1});
  s.message.body = "Your {treatment} questions";
  CHECK(render(bare, s, k_mar_5, -240, false, LeadId{2}).body == "Your treatment questions");
}

TEST_CASE("missing values fall back to neutral words", "[template]") {
  Workspace ws = template_workspace();
  ws.practice.name = "";
  ws.practice.website = "";
  ws.practice.email = "";
  ws.practice.phone = "";
  Lead l;
  l.id = LeadId{2};
  l.first_name = "  ";
  ws.leads.append_row(l, Stamp{1, 0, 1});
  const Step s =
      message_step("x", StepChannel::text, MessagePurpose::reminder, "ignored",
                   "{first_name}|{last_name}|{practice_name}|{practice_phone}|{booking_link}|"
                   "{unsubscribe_link}|{treatment}|{appointment_time}|{appointment_date}|{content_link}");
  const std::string expected = "there||our practice||||treatment|the scheduled time|the scheduled day|";
  const auto r = render(ws, s, k_mar_5, 0, false, LeadId{2});
  CHECK(r.subject.empty());  // texts have no subject
  CHECK(r.body == expected);
  // A lead that does not exist renders the same way.
  CHECK(render(ws, s, k_mar_5, 0, false, LeadId{99}).body == expected);
}

TEST_CASE("escaped braces are literal and unknown fields stay as written", "[template]") {
  const Workspace ws = sofia_workspace();
  const Step s = message_step("x", StepChannel::text, MessagePurpose::reminder, "",
                              "{{first_name}} is {first_name}; {nope} stays; a } alone");
  CHECK(render(ws, s, k_mar_5).body == "{first_name} is Sofía; {nope} stays; a } alone");
}

TEST_CASE("the first text gets the carrier line unless it has STOP wording", "[template]") {
  const Workspace ws = sofia_workspace();
  const Step s = message_step("t", StepChannel::text, MessagePurpose::promotion, "",
                              "Hi {first_name}, we saved you a spot. Call {practice_phone}.");
  CHECK(render(ws, s, k_mar_5, -240, true).body ==
        "Hi Sofía, we saved you a spot. Call (813) 555-0100.\n"
        "Lumen Aesthetics & Laser: Reply STOP to opt out, HELP for help. Msg & data rates may apply.");
  CHECK(render(ws, s, k_mar_5, -240, false).body == "Hi Sofía, we saved you a spot. Call (813) 555-0100.");
  const Step with_stop = message_step("t", StepChannel::text, MessagePurpose::promotion, "",
                                      "{practice_name}: see you soon. Reply STOP to end.");
  CHECK(render(ws, with_stop, k_mar_5, -240, true).body ==
        "Lumen Aesthetics & Laser: see you soon. Reply STOP to end.");
  // Emails never get the carrier line.
  const Step email = message_step("e", StepChannel::email, MessagePurpose::reminder, "Hi", "Hello");
  CHECK(render(ws, email, k_mar_5, -240, true).body == "Hello");
}

}  // namespace template_render_test
