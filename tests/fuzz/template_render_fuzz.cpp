// libFuzzer target for the message template renderer. The input is a control byte (channel,
// purpose, first text, which lead), then the subject, a NUL byte and the body. The rendering is
// compared with a naive oracle written from docs/templates.md (left to right: `{{` and `}}` are
// braces, `{name}` a known field's value, anything else kept as written), and:
// - merge-field values are never expanded again (a lead named "{last_name}" stays so);
// - a template the oracle finds clean (known fields only, no stray or escaped brace) renders
//   with no brace at all: no merge field is left unresolved;
// - the lint flags every template the oracle finds unclean in a rendered field, and nothing
//   else about braces;
// - what follows the filled body is exactly the carrier STOP line or the CAN-SPAM footer when
//   the rules ask for them.
// Build with the `fuzz` preset (or `asan` with clang); run:
//   build/fuzz/tests/template_render_fuzz tests/fuzz/corpus/template -dict=tests/fuzz/template.dict

#include <cstdint>
#include <cstdlib>
#include <map>
#include <string>
#include <string_view>

#include "core/commands/command.hpp"
#include "core/model/workspace.hpp"
#include "core/sequence/template_lint.hpp"
#include "core/sequence/template_render.hpp"
#include "core/sequence/template_syntax.hpp"

namespace {

using nurture::LeadId;

constexpr nurture::UnixMillis k_now = 1'780'000'000'000;  // 2026-05-28

const nurture::Workspace& workspace() {
  static const nurture::Workspace ws = [] {
    nurture::Workspace w;
    w.practice.name = "Lumen Aesthetics & Laser";
    w.practice.street = "100 Bayshore Blvd";
    w.practice.city = "Tampa";
    w.practice.state = "FL";
    w.practice.zip = "33606";
    w.practice.phone = "+18135550100";
    w.practice.email = "hello@lumen.example";
    w.practice.website = "https://lumen.example/book";
    w.treatments.push_back({"botox", "Botox", "injectables", 90, 0, {}, false});
    const auto add = [&](std::uint64_t id, const char* first, const char* last) {
      nurture::Lead lead;
      lead.id = LeadId{id};
      lead.first_name = first;
      lead.last_name = last;
      lead.email = "lead" + std::to_string(id) + "@example.com";
      lead.interests = {"botox"};
      if (!nurture::apply(w, nurture::Command{nurture::AddLead{lead, k_now - 1000}}).ok) std::abort();
    };
    add(1, "Zoë", "Ångström-Łukasiewicz");
    add(2, "{last_name}}{{", "{first_name}");  // values that look like template syntax
    return w;
  }();
  return ws;
}

// What each field renders as for `lead` (docs/templates.md's fallbacks), worked out by hand.
std::map<std::string, std::string, std::less<>> expected_values(std::uint64_t lead) {
  std::map<std::string, std::string, std::less<>> v{
      {"first_name", "there"},
      {"last_name", ""},
      {"practice_name", "Lumen Aesthetics & Laser"},
      {"practice_phone", "(813) 555-0100"},
      {"practice_address", "100 Bayshore Blvd, Tampa, FL 33606"},
      {"booking_link", "https://lumen.example/book"},
      {"appointment_time", "the scheduled time"},
      {"appointment_date", "the scheduled day"},
      {"treatment", "treatment"},
      {"unsubscribe_link", "mailto:hello@lumen.example?subject=unsubscribe"},
      {"content_link", "https://lumen.example/book"}};
  if (lead == 1) {
    v["first_name"] = "Zoë";
    v["last_name"] = "Ångström-Łukasiewicz";
  } else if (lead == 2) {
    v["first_name"] = "{last_name}}{{";
    v["last_name"] = "{first_name}";
  }
  if (lead == 1 || lead == 2) v["treatment"] = "Botox";
  return v;
}

struct Naive {
  std::string out;
  bool escaped = false;  // a `{{` or `}}`
  bool bad = false;      // an unknown field or a stray brace: what the lint blocks
  [[nodiscard]] bool clean() const { return !escaped && !bad; }
};

Naive naive_fill(std::string_view t, const std::map<std::string, std::string, std::less<>>& values) {
  Naive r;
  std::size_t i = 0;
  while (i < t.size()) {
    const char c = t[i];
    if ((c == '{' || c == '}') && i + 1 < t.size() && t[i + 1] == c) {
      r.out += c;
      r.escaped = true;
      i += 2;
      continue;
    }
    if (c == '}') {
      r.out += c;
      r.bad = true;
      ++i;
      continue;
    }
    if (c != '{') {
      r.out += c;
      ++i;
      continue;
    }
    std::size_t j = i + 1;
    while (j < t.size() && t[j] != '{' && t[j] != '}') ++j;
    if (j == t.size() || t[j] == '{') {
      r.out += c;
      r.bad = true;
      ++i;
      continue;
    }
    const std::string_view name = t.substr(i + 1, j - i - 1);
    if (const auto it = values.find(name); it != values.end()) {
      r.out += it->second;
    } else {
      r.out += t.substr(i, j - i + 1);
      r.bad = true;
    }
    i = j + 1;
  }
  return r;
}

bool is_brace_lint(const nurture::LintMessage& m) {
  return m.error && (m.message.find("is not a merge field") != std::string::npos ||
                     m.message.find("opens no merge field") != std::string::npos ||
                     m.message.find("closes nothing") != std::string::npos);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace nurture;
  if (size == 0) return 0;
  const std::uint8_t control = data[0];
  const std::string_view rest(reinterpret_cast<const char*>(data + 1), size - 1);
  const std::size_t nul = rest.find('\0');
  const std::string_view subject = nul == std::string_view::npos ? std::string_view() : rest.substr(0, nul);
  const std::string_view body = nul == std::string_view::npos ? rest : rest.substr(nul + 1);

  Sequence seq;
  seq.id = "fuzz";
  seq.name = "Fuzz";
  Step step;
  step.id = "s1";
  step.channel = static_cast<StepChannel>((control & 7U) % k_step_channel_count);
  step.message.purpose = static_cast<MessagePurpose>(((control >> 3U) & 3U) % k_message_purpose_count);
  step.message.subject = std::string(subject);
  step.message.body = std::string(body);
  seq.steps.push_back(step);
  RenderContext ctx;
  ctx.now = k_now;
  ctx.first_text = (control & 0x20U) != 0;
  const std::uint64_t lead = (control >> 6U) % 3U;  // 0: no such lead

  const Workspace& ws = workspace();
  const RenderedMessage msg = render_touch(ws, seq, step, LeadId{lead}, ctx);
  const auto values = expected_values(lead);
  const bool email = step.channel == StepChannel::email;

  const Naive want_subject = naive_fill(subject, values);
  if (email ? msg.subject != want_subject.out : !msg.subject.empty()) std::abort();
  const Naive want_body = naive_fill(body, values);
  if (msg.body.compare(0, want_body.out.size(), want_body.out) != 0) std::abort();

  // Nothing unresolved: with brace-free values, a clean template leaves no brace behind.
  if (lead != 2) {
    if (want_body.clean() && msg.body.find_first_of("{}") != std::string::npos) std::abort();
    if (email && want_subject.clean() && msg.subject.find_first_of("{}") != std::string::npos) std::abort();
  }

  // What may follow the filled body.
  std::string tail;
  if (step.channel == StepChannel::text && ctx.first_text && !has_stop_wording(want_body.out))
    tail = "\nLumen Aesthetics & Laser: Reply STOP to opt out, HELP for help. Msg & data rates may apply.";
  if (email && step.message.purpose != MessagePurpose::reminder) {
    const bool has_address = want_body.out.find(values.at("practice_address")) != std::string::npos;
    if (!has_address || !mentions_unsubscribe(want_body.out)) {
      tail =
          "\n\n--\nLumen Aesthetics & Laser\n100 Bayshore Blvd, Tampa, FL 33606\n"
          "To unsubscribe from these emails: mailto:hello@lumen.example?subject=unsubscribe";
    }
  }
  if (msg.body.size() != want_body.out.size() + tail.size() ||
      msg.body.compare(want_body.out.size(), std::string::npos, tail) != 0) {
    std::abort();
  }

  // The lint blocks exactly the unclean templates (escaped braces are fine: they are meant).
  bool body_flagged = false;
  bool subject_flagged = false;
  for (const auto& m : lint_sequence(seq, ws)) {
    if (!is_brace_lint(m)) continue;
    if (m.field == "body") body_flagged = true;
    if (m.field == "subject") subject_flagged = true;
  }
  const auto unresolved = [](std::string_view t) { return naive_fill(t, expected_values(0)).bad; };
  if (unresolved(body) != body_flagged) std::abort();
  if (email && unresolved(subject) && !subject_flagged) std::abort();
  return 0;
}
