// Step titles as the Sequences, Forecast and Dashboard tables show them.
#include "core/sequence/sequence_text.hpp"

#include <catch_amalgamated.hpp>

namespace sequence_text_test {

using namespace nurture;

namespace {

Step message(StepChannel channel, std::string subject, std::string body) {
  Step s;
  s.id = "s";
  s.kind = StepKind::message;
  s.channel = channel;
  s.message.subject = std::move(subject);
  s.message.body = std::move(body);
  return s;
}

}  // namespace

TEST_CASE("step titles: the subject, else the body's first line, cut to 40 characters", "[sequence][text]") {
  CHECK(step_title(message(StepChannel::email, "Welcome", "Hi")) == "Email: Welcome");
  // No subject: the first line of the body, trimmed.
  CHECK(step_title(message(StepChannel::text, "", "  See you soon!\nReply STOP to opt out")) ==
        "Text: See you soon!");
  // 45 characters: cut at the last space before the 40th (the text before it is 36) and marked.
  CHECK(step_title(message(StepChannel::text, "", "A reminder of your visit tomorrow at 10:00.")) ==
        "Text: A reminder of your visit tomorrow at\u2026");
  // Counted in code points, not bytes: 40 'é' (80 bytes) stay whole; 41 lose one (no space to
  // cut at, so the cut falls after the 40th).
  std::string e40;
  for (int i = 0; i < 40; ++i) e40 += "\u00e9";
  CHECK(step_title(message(StepChannel::email, e40, "")) == "Email: " + e40);
  CHECK(step_title(message(StepChannel::email, e40 + "\u00e9", "")) == "Email: " + e40 + "\u2026");
  // Nothing to say: the channel alone.
  CHECK(step_title(message(StepChannel::call, "", "   ")) == "Call");
}

}  // namespace sequence_text_test
