#include "core/sequence/template_lint.hpp"

#include <catch_amalgamated.hpp>

#include <string>

#include "template_test_support.hpp"

namespace template_lint_test {

using namespace nurture;
using nurture::test::message_step;
using nurture::test::sequence_of;
using nurture::test::template_workspace;

namespace {

// A compliant first text: every text in these tests carries it unless the test is about STOP.
constexpr const char* k_stop = " Reply STOP to opt out.";

Step text(std::string id, std::string body, MessagePurpose purpose = MessagePurpose::reminder) {
  return message_step(std::move(id), StepChannel::text, purpose, "", std::move(body));
}

Step email(std::string id, std::string subject, std::string body,
           MessagePurpose purpose = MessagePurpose::promotion) {
  return message_step(std::move(id), StepChannel::email, purpose, std::move(subject), std::move(body));
}

Step review(std::string id, std::string body) {
  Step s = email(std::move(id), "How did we do?", std::move(body), MessagePurpose::reminder);
  s.message.review_request = true;
  return s;
}

Trigger segment_trigger(std::string segment) {
  Trigger t;
  t.kind = TriggerKind::segment_entry;
  t.segment = std::move(segment);
  return t;
}

std::vector<LintMessage> lint(const std::vector<Step>& steps) {
  return lint_sequence(sequence_of(steps), template_workspace());
}

// The messages whose text contains `what`.
std::vector<LintMessage> about(const std::vector<LintMessage>& all, std::string_view what) {
  std::vector<LintMessage> out;
  for (const auto& m : all) {
    if (m.message.find(what) != std::string::npos) out.push_back(m);
  }
  return out;
}

}  // namespace

TEST_CASE("lint: treatment words in a text body or an email subject are errors", "[template]") {
  Workspace ws = template_workspace();
  ws.treatments.push_back({"glow-ritual", "Glow Ritual", "skin", 30, 0, {}, false});
  // "Your " is 5 bytes: "Botox" at [5, 10). "Time for your " is 14: "glow ritual" (the catalog's own
  // name, not a built-in word) at [14, 25).
  auto m = lint_sequence(sequence_of({text("a", std::string("Your Botox touch-up is due.") + k_stop),
                                      text("b", std::string("Time for your glow ritual!") + k_stop)}),
                         ws);
  REQUIRE(m.size() == 2);
  CHECK((m[0].step == "a" && m[0].field == "body" && m[0].offset == 5 && m[0].length == 5 && m[0].error));
  CHECK((m[1].step == "b" && m[1].offset == 14 && m[1].length == 11));
  // "About " is 6 bytes: "dermal fillers" (a catalog name) covers the built-in "fillers" inside
  // it, so one message at [6, 20).
  m = lint({email("e", "About dermal fillers", "Dermal fillers and Botox are fine in an email body.")});
  REQUIRE(m.size() == 1);
  CHECK((m[0].field == "subject" && m[0].offset == 6 && m[0].length == 14));
  // Variant subjects are checked too; variant bodies of emails are not.
  Step v = email("e", "News from us", "Body");
  v.message.variants = {{"botox", "Your lip refresh", "All about lips"}};
  m = lint({v});
  REQUIRE(m.size() == 1);
  CHECK((m[0].field == "variants[0].subject" && m[0].offset == 5 && m[0].length == 3));
  // Neutral wording passes, and so do words that merely contain a treatment word ("clip", "slip").
  CHECK(lint({text("a", std::string("See you at your appointment. Clip this slip!") + k_stop)}).empty());
}

TEST_CASE("lint: {treatment} is an error in texts and subjects, fine in email bodies", "[template]") {
  auto m = lint({text("t", std::string("Your {treatment} visit.") + k_stop)});
  REQUIRE(m.size() == 1);
  CHECK((m[0].offset == 5 && m[0].length == 11 && m[0].error));
  m = lint({email("e", "About {treatment}", "More about {treatment}")});
  REQUIRE(m.size() == 1);
  CHECK((m[0].field == "subject" && m[0].offset == 6));
}

TEST_CASE("lint: unknown merge fields and unbalanced braces are errors", "[template]") {
  auto m = lint({email("e", "Hi {first_name", "Dear {frist_name}, {First_Name} } and {{literal}}")});
  REQUIRE(m.size() == 4);
  CHECK((m[0].field == "subject" && m[0].offset == 3 && m[0].length == 1));  // opens nothing
  CHECK((m[1].field == "body" && m[1].offset == 5 && m[1].length == 12));    // {frist_name}
  CHECK(m[1].message == "{frist_name} is not a merge field");
  CHECK(m[2].message == "{First_Name} is not a merge field: did you mean {first_name}?");
  CHECK((m[3].offset == 32 && m[3].length == 1));  // the lone "}" after "{First_Name} "
  CHECK(lint({email("e", "Hi {first_name}", "{{literal}} {practice_name}")}).empty());
}

TEST_CASE("lint: marketing email without a postal address is an error", "[template]") {
  Workspace ws = template_workspace();
  const Sequence s = sequence_of(
      {email("promo", "News", "Hello"), email("remind", "See you", "Hello", MessagePurpose::reminder)});
  CHECK(lint_sequence(s, ws).empty());
  ws.practice.street = "";
  const auto m = lint_sequence(s, ws);
  REQUIRE(m.size() == 1);  // the reminder is not marketing
  CHECK((m[0].step == "promo" && m[0].error));
  CHECK(!about(m, "CAN-SPAM").empty());
}

TEST_CASE("lint: the first text of the sequence needs STOP wording", "[template]") {
  // email, then two texts: only the first text a lead can get is checked.
  auto m = lint({email("e", "Hi", "Hello"), text("t1", "See you soon"), text("t2", "Still there?")});
  REQUIRE(m.size() == 1);
  CHECK((m[0].step == "t1" && m[0].field == "body"));
  // After a wait either branch can be the first text.
  Step wait;
  wait.id = "w";
  wait.kind = StepKind::wait;
  wait.yes_next = "yes";
  wait.no_next = "no";
  Step yes = text("yes", "Thanks for reading");
  yes.next = "end";
  m = lint({wait, yes, text("no", "Did you see our email?")});
  REQUIRE(m.size() == 2);
  CHECK((m[0].step == "yes" && m[1].step == "no"));
  CHECK(lint({text("t1", std::string("See you soon.") + k_stop), text("t2", "Still there?")}).empty());
}

TEST_CASE("lint: sponsored content needs a stored authorisation", "[template]") {
  Sequence s = sequence_of({email("s", "A partner offer", "From our partner", MessagePurpose::sponsored)});
  auto m = lint_sequence(s, template_workspace());
  REQUIRE(m.size() == 1);
  CHECK((m[0].field == "purpose" && m[0].error));
  s.sponsor_authorization = "Signed HIPAA marketing authorisation forms, kept in the front-desk binder";
  CHECK(lint_sequence(s, template_workspace()).empty());
}

TEST_CASE("lint: review gating through a segment is an error", "[template]") {
  Sequence s = sequence_of({review("ask", "Would you review us?")});
  s.triggers = {segment_trigger("happy-patients")};
  auto m = lint_sequence(s, template_workspace());
  REQUIRE(m.size() == 1);
  CHECK((m[0].step.empty() && m[0].field == "triggers[0]" && m[0].error));
  CHECK(!about(m, "review gating").empty());
  // "has not reviewed yet" is not gating.
  s.triggers = {segment_trigger("not-reviewed")};
  CHECK(lint_sequence(s, template_workspace()).empty());
  // A goal that pulls out whoever stops being happy gates too.
  Goal left;
  left.kind = GoalKind::left_segment;
  left.segment = "happy-patients";
  s.goals = {left};
  m = lint_sequence(s, template_workspace());
  REQUIRE(m.size() == 1);
  CHECK(m[0].field == "goals[0]");
  // Without a review request the same segment is fine (a VIP thank-you, say).
  s.steps = {email("thanks", "Thank you", "Thank you for visiting", MessagePurpose::reminder)};
  CHECK(lint_sequence(s, template_workspace()).empty());
}

TEST_CASE("lint: a split whose arms ask for reviews differently is gating", "[template]") {
  Step split;
  split.id = "ab";
  split.kind = StepKind::split;
  split.arms = {{"A", 50, "a"}, {"B", 50, "b"}};
  Step a = review("a", "Loved it? Review us!");
  a.next = "end";
  const Step b = review("b", "Please review us");
  auto m = lint({split, a, b});
  REQUIRE(m.size() == 1);
  CHECK((m[0].step == "ab" && m[0].field == "arms"));
  // One arm asks, the other does not: still gating.
  Step thanks = email("b", "Thanks", "Thanks for visiting", MessagePurpose::reminder);
  m = lint({split, a, thanks});
  REQUIRE(m.size() == 1);
  // Both arms meet at the same request: everyone is asked the same way.
  Step a2 = email("a", "Tip", "A tip", MessagePurpose::reminder);
  a2.next = "ask";
  Step b2 = email("b", "Video", "A video", MessagePurpose::reminder);
  b2.next = "ask";
  CHECK(lint({split, a2, b2, review("ask", "Please review us")}).empty());
}

TEST_CASE("lint: long texts and treatment content links are warnings", "[template]") {
  // 313 letters + the 23 bytes of k_stop = 336 characters: 16 past the limit, from offset 320.
  const std::string body = std::string(313, 'a') + k_stop;
  auto m = lint({text("t", body)});
  REQUIRE(m.size() == 1);
  CHECK((!m[0].error && m[0].offset == 320 && m[0].length == 16));
  CHECK_FALSE(has_lint_errors(m));
  CHECK(lint({text("t", std::string(297, 'a') + k_stop)}).empty());  // exactly 320
  // Multi-byte characters count once: 300 × "é" (600 bytes) + k_stop = 323 characters; the excess
  // starts at byte 600 + 20.
  m = lint({text("t", [] {
    std::string s;
    for (int i = 0; i < 300; ++i) s += "\xc3\xa9";
    return s + k_stop;
  }())});
  REQUIRE(m.size() == 1);
  CHECK((m[0].offset == 620 && m[0].length == 3));

  Step link = text("t", std::string("Have a read: {content_link}") + k_stop);
  link.message.content = "botox-guide";
  m = lint({link});
  REQUIRE(m.size() == 1);
  CHECK((!m[0].error && m[0].offset == 13));
  link.message.content = "first-visit";
  CHECK(lint({link}).empty());
}

TEST_CASE("lint: the practice's own name is a brand, not a treatment word", "[template]") {
  // "Lumen Aesthetics & Laser" written out in a text: "Laser" inside it is not a finding, a
  // "laser" elsewhere is. "Thanks from " is 12 bytes, the name 24: the second "laser" starts at
  // 12 + 24 + 2 (". ") + 5 ("Your ") = 43.
  auto m = lint({text("t", std::string("Thanks from Lumen Aesthetics & Laser. Your laser visit.") + k_stop)});
  REQUIRE(m.size() == 1);
  CHECK((m[0].offset == 43 && m[0].length == 5));
}

TEST_CASE("lint: Re: and Fwd: on marketing email subjects are deceptive", "[template]") {
  auto m = lint({email("e", "RE: your question", "Hello"), email("f", " Fwd: news", "Hello")});
  REQUIRE(m.size() == 2);
  CHECK((m[0].step == "e" && m[0].offset == 0 && m[0].length == 3 && m[0].error));
  CHECK((m[1].step == "f" && m[1].offset == 1 && m[1].length == 4));
  // A reminder may continue a real conversation; "Recall" is not "Re:".
  CHECK(lint({email("e", "Re: your appointment", "Hello", MessagePurpose::reminder),
              email("f", "Recall: time to visit", "Hello")})
            .empty());
}

}  // namespace template_lint_test
