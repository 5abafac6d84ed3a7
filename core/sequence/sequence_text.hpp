#pragma once
/// Sequences in words, for the Sequences page and the CLI: what starts one, what stops it early,
/// when it sends, each step's title and timing, and a lint message as a compiler-style line.

#include <string>

#include "core/model/workspace.hpp"
#include "core/sequence/template_lint.hpp"

namespace nurture {

/// "a form is submitted" / "entering “VIP”" / "by hand only"; several joined with " or ".
std::string trigger_summary(const Workspace& ws, const Sequence& seq);
/// "a booking, a reply or unsubscribing" / "nothing (runs to the end)".
std::string goal_summary(const Workspace& ws, const Sequence& seq);
/// "09:00–18:00, Monday to Friday" / "08:00–20:00, every day".
std::string window_summary(const SendWindow& window);
/// "Email: Welcome" / "Text: Hi {first_name}, see you…" (no subject: the body's first line) /
/// "Wait up to 3 days for an open" / "A/B split". The subject or line is cut to 40 characters.
std::string step_title(const Step& step);
/// The timing or the branches: "Right after enrolment, at 10:00 · promotion" /
/// "Opened: go to “thanks” · not opened: go to “nudge”" / "A 50 % → “a1” · B 50 % → “b1”".
std::string step_detail(const Sequence& seq, const Step& step);
/// "step “welcome”, body 3:14: error: …" (line and column counted in the field's text).
std::string lint_line(const Sequence& seq, const LintMessage& message);

}  // namespace nurture
