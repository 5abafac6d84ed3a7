// Property: for random templates made of braces, letters and field names, render_touch and the
// lint agree with a naive oracle that scans the text directly (prefix checks on the string, no
// tokens): `{{`/`}}` are braces, `{name}` with no brace inside is a field (known ones filled in,
// unknown ones kept), any other brace is kept and is a syntax error.
#include <catch_amalgamated.hpp>

#include <map>
#include <string>

#include "core/sequence/template_lint.hpp"
#include "core/sequence/template_render.hpp"
#include "core/util/splitmix.hpp"
#include "template_test_support.hpp"

namespace template_property_test {

using namespace nurture;

namespace {

struct Oracle {
  std::string rendered;
  bool syntax_error = false;
};

Oracle naive(const std::string& t, const std::map<std::string, std::string>& values) {
  Oracle o;
  std::size_t i = 0;
  while (i < t.size()) {
    if (t.compare(i, 2, "{{") == 0 || t.compare(i, 2, "}}") == 0) {
      o.rendered += t[i];
      i += 2;
    } else if (t[i] == '{') {
      std::size_t j = i + 1;
      while (j < t.size() && t[j] != '{' && t[j] != '}') ++j;
      if (j < t.size() && t[j] == '}') {
        const std::string name = t.substr(i + 1, j - i - 1);
        const auto v = values.find(name);
        o.rendered += v != values.end() ? v->second : t.substr(i, j - i + 1);
        if (v == values.end()) o.syntax_error = true;
        i = j + 1;
      } else {
        o.rendered += '{';
        o.syntax_error = true;
        ++i;
      }
    } else {
      if (t[i] == '}') o.syntax_error = true;
      o.rendered += t[i];
      ++i;
    }
  }
  return o;
}

}  // namespace

TEST_CASE("render and lint agree with a naive scan on random templates", "[template]") {
  Workspace ws = test::template_workspace();
  Lead l;
  l.id = LeadId{1};
  l.first_name = "Sofía";
  ws.leads.append_row(l, Stamp{1, 0, 1});
  const std::map<std::string, std::string> values = {{"first_name", "Sofía"},
                                                     {"practice_name", "Lumen Aesthetics & Laser"}};
  SplitMix64 rng(20261206);
  for (int round = 0; round < 2000; ++round) {
    std::string t;
    const std::size_t pieces = rng.below(12);
    for (std::size_t p = 0; p < pieces; ++p) {
      t += rng.pick({"{", "}", "{{", "}}", "a", " ", "first_name", "practice_name", "nope", "{first_name}"});
    }
    INFO(t);
    const Oracle expected = naive(t, values);
    // A reminder text that is not the first: nothing is appended, so the body is the template
    // filled in. The lint sees it after a compliant first text, so only syntax can be an error.
    Step step = test::message_step("x", StepChannel::text, MessagePurpose::reminder, "", t);
    const Sequence s =
        test::sequence_of({test::message_step("first", StepChannel::text, MessagePurpose::reminder, "",
                                              "Hi. Reply STOP to opt out."),
                           step});
    CHECK(render_touch(ws, s, step, LeadId{1}, {0, 0, false}).body == expected.rendered);
    CHECK(has_lint_errors(lint_sequence(s, ws)) == expected.syntax_error);
  }
}

}  // namespace template_property_test
