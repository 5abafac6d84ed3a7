#pragma once
/// The template lint: what in a sequence's messages breaks the messaging rules of DOMAIN.md.
/// Errors block activation; warnings are shown but do not. Each message names the step and the
/// field it is about and, where it is about some words, their position in that field's text so
/// the editor can underline them.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/model/workspace.hpp"
#include "core/sequence/sequence.hpp"

namespace nurture {

struct LintMessage {
  std::string step;        ///< the step id; empty for the sequence as a whole
  std::string field;       ///< "subject", "body", "variants[0].body", "purpose"; for the sequence
                           ///< as a whole a member such as "triggers[0]" or "goals[1]"
  std::size_t offset = 0;  ///< byte offset into the field's text
  std::size_t length = 0;  ///< bytes to underline; 0: the field as a whole
  bool error = true;       ///< false: a warning
  std::string message;
  friend bool operator==(const LintMessage&, const LintMessage&) = default;
};

/// Texts longer than this many characters are split into several messages by carriers (and
/// cost more): a warning.
inline constexpr std::size_t k_long_text_chars = 320;

/// Checks every message step of `sequence` against `ws` (its practice, treatments, content and
/// saved segments), in step order, then the sequence-wide rules:
/// - treatment words (the workspace's treatment names and ids, and a built-in list of common
///   procedure and condition words) or {treatment} in a text body or an email subject: error
///   (HIPAA minimum necessary);
///   words inside the practice's own name (its brand) do not count;
/// - an unknown merge field, or a brace that opens or closes nothing: error;
/// - a promotion or sponsored email whose subject starts with "Re:", "Fw:" or "Fwd:": error
///   (CAN-SPAM: no deceptive subject lines);
/// - a promotion or sponsored email while the practice has no postal address: error (CAN-SPAM);
/// - a text step that can be the first text a lead gets from the sequence, without STOP
///   wording: error (carrier rules);
/// - a sponsored step while the sequence has no sponsor_authorization: error (HIPAA);
/// - review gating (FTC): a sequence with a review request whose segment trigger or
///   left_segment goal names a saved segment whose query filters on ratings, satisfaction or
///   similar scores, or a split whose arms lead to different review requests (or some to
///   none): error;
/// - {content_link} in a text to a content item about a treatment (its address may say which):
///   warning;
/// - a text body longer than k_long_text_chars characters: warning, underlining the excess.
std::vector<LintMessage> lint_sequence(const Sequence& sequence, const Workspace& ws);

/// True when any message is an error.
bool has_lint_errors(const std::vector<LintMessage>& messages);

/// The built-in treatment and condition words (lowercase; see lint_sequence).
const std::vector<std::string_view>& builtin_treatment_words();

}  // namespace nurture
