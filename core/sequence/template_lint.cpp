#include "core/sequence/template_lint.hpp"

#include <algorithm>
#include <cctype>
#include <functional>
#include <optional>
#include <set>

#include "core/import/values.hpp"
#include "core/sequence/template_syntax.hpp"
#include "core/util/text.hpp"

namespace nurture {

namespace {

// The kinds of text a field holds decide which rules apply to it.
struct FieldText {
  std::string name;  // "subject", "variants[1].body"
  std::string_view text;
  bool text_body = false;      // the body of a text message (minimum necessary, length)
  bool email_subject = false;  // an email's subject line (minimum necessary)
};

std::vector<FieldText> fields_of(const Step& step) {
  std::vector<FieldText> out;
  const bool email = step.channel == StepChannel::email;
  const bool text = step.channel == StepChannel::text;
  if (email) out.push_back({"subject", step.message.subject, false, true});
  out.push_back({"body", step.message.body, text, false});
  for (std::size_t v = 0; v < step.message.variants.size(); ++v) {
    const std::string at = "variants[" + std::to_string(v) + "]";
    if (email) out.push_back({at + ".subject", step.message.variants[v].subject, false, true});
    out.push_back({at + ".body", step.message.variants[v].body, text, false});
  }
  return out;
}

// The words that reveal a treatment: the practice's own catalog, then the built-in list.
std::vector<std::string> treatment_terms(const Workspace& ws) {
  std::vector<std::string> terms;
  std::set<std::string> seen;
  const auto add = [&](std::string_view term) {
    std::string t = ascii_lower(trim(term));
    if (t.size() < 3) return;  // "lip" is the shortest real one; two letters match too much
    if (seen.insert(t).second) terms.push_back(std::move(t));
  };
  for (const auto& t : ws.treatments) {
    if (t.deleted) continue;
    add(t.name);
    add(t.id);
  }
  for (const auto w : builtin_treatment_words()) add(w);
  return terms;
}

void lint_syntax(std::vector<LintMessage>& out, const std::string& step_id, const FieldText& f,
                 const Workspace& ws, const Step& step) {
  for (const auto& token : tokenize_template(f.text)) {
    switch (token.kind) {
      case TemplateTokenKind::text:
        break;
      case TemplateTokenKind::stray_open:
        out.push_back({step_id, f.name, token.offset, 1, true,
                       "this { opens no merge field: close it with } or write {{ for a brace"});
        break;
      case TemplateTokenKind::stray_close:
        out.push_back(
            {step_id, f.name, token.offset, 1, true, "this } closes nothing: write }} for a brace"});
        break;
      case TemplateTokenKind::field: {
        if (!is_merge_field(token.text)) {
          std::string msg = "{" + token.text + "} is not a merge field";
          const std::string guess = ascii_lower(trim(token.text));
          if (is_merge_field(guess)) msg += ": did you mean {" + guess + "}?";
          out.push_back({step_id, f.name, token.offset, token.length, true, msg});
        } else if (token.text == "treatment" && (f.text_body || f.email_subject)) {
          out.push_back({step_id, f.name, token.offset, token.length, true,
                         std::string("{treatment} reveals the treatment in ") +
                             (f.text_body ? "a text" : "a subject line") +
                             " (HIPAA minimum necessary): use it in an email body only"});
        } else if (token.text == "content_link" && f.text_body) {
          const ContentItem* item = find_item(ws.content, step.message.content);
          if (item != nullptr && !item->treatment.empty()) {
            out.push_back({step_id, f.name, token.offset, token.length, false,
                           "the linked content is about a treatment and its address may say which: "
                           "link general content in texts"});
          }
        }
        break;
      }
    }
  }
}

void lint_treatment_words(std::vector<LintMessage>& out, const std::string& step_id, const FieldText& f,
                          const std::vector<std::string>& terms, std::string_view practice_name) {
  if (!f.text_body && !f.email_subject) return;
  // The practice's own name is its brand, not health information ("Lumen Aesthetics & Laser"):
  // words inside it are not findings.
  const std::vector<TextMatch> brand =
      trim(practice_name).empty() ? std::vector<TextMatch>{} : find_words(f.text, trim(practice_name));
  const auto in_brand = [&](const TextMatch& m) {
    return std::any_of(brand.begin(), brand.end(), [&](const TextMatch& b) {
      return m.offset >= b.offset && m.offset + m.length <= b.offset + b.length;
    });
  };
  std::vector<TextMatch> matches;
  for (const auto& term : terms) {
    for (const auto& m : find_words(f.text, term)) {
      if (!in_brand(m)) matches.push_back(m);
    }
  }
  // Overlapping matches ("laser hair removal" and "laser") are one finding: the longest.
  std::sort(matches.begin(), matches.end(), [](const TextMatch& a, const TextMatch& b) {
    return a.offset != b.offset ? a.offset < b.offset : a.length > b.length;
  });
  std::size_t covered = 0;
  for (const auto& m : matches) {
    if (m.offset < covered) continue;
    covered = m.offset + m.length;
    const std::string word(f.text.substr(m.offset, m.length));
    out.push_back({step_id, f.name, m.offset, m.length, true,
                   '"' + word + R"(" reveals a treatment or condition in )" +
                       (f.text_body ? "a text" : "a subject line") +
                       R"( (HIPAA minimum necessary): say "your appointment" or "your visit" instead)"});
  }
}

// "Re:" or "Fwd:" on a marketing email pretends to continue a conversation that never happened.
void lint_subject_prefix(std::vector<LintMessage>& out, const std::string& step_id, const FieldText& f) {
  if (!f.email_subject) return;
  const std::string_view t = f.text;
  const std::size_t start = t.find_first_not_of(" \t");
  if (start == std::string_view::npos) return;
  const std::string head = ascii_lower(t.substr(start, 4));
  std::size_t length = 0;
  if (head.rfind("re:", 0) == 0 || head.rfind("fw:", 0) == 0) length = 3;
  if (head.rfind("fwd:", 0) == 0) length = 4;
  if (length == 0) return;
  out.push_back({step_id, f.name, start, length, true,
                 "\"" + std::string(t.substr(start, length)) +
                     "\" pretends to be a reply or forward: marketing emails must not have deceptive "
                     "subject lines (CAN-SPAM)"});
}

void lint_length(std::vector<LintMessage>& out, const std::string& step_id, const FieldText& f) {
  if (!f.text_body || !is_valid_utf8(f.text) || utf8_length(f.text) <= k_long_text_chars) return;
  // The byte offset where character k_long_text_chars + 1 starts: underline what is too much.
  std::size_t chars = 0;
  std::size_t at = 0;
  for (; at < f.text.size(); ++at) {
    const auto c = static_cast<unsigned char>(f.text[at]);
    if ((c & 0xC0U) != 0x80U) {
      if (chars == k_long_text_chars) break;
      ++chars;
    }
  }
  out.push_back({step_id, f.name, at, f.text.size() - at, false,
                 "this text is " + std::to_string(utf8_length(f.text)) + " characters; over " +
                     std::to_string(k_long_text_chars) + " it arrives as several messages"});
}

// The steps a lead can go to from step `i`.
std::vector<std::size_t> successors(const Sequence& s, std::size_t i) {
  std::vector<std::size_t> out;
  const auto go = [&](const std::string& target) {
    if (target.empty()) {
      if (i + 1 < s.steps.size()) out.push_back(i + 1);
    } else if (target != k_end_step) {
      if (const auto j = step_index(s, target)) out.push_back(*j);
    }
  };
  const Step& step = s.steps[i];
  switch (step.kind) {
    case StepKind::message:
      go(step.next);
      break;
    case StepKind::wait:
      go(step.yes_next);
      go(step.no_next);
      break;
    case StepKind::split:
      for (const auto& arm : step.arms) go(arm.next);
      break;
  }
  return out;
}

// Steps reachable from `start` (inclusive). `stop` ends a path at a step (it is still listed).
template <class Stop>
std::vector<std::size_t> reachable(const Sequence& s, std::size_t start, Stop&& stop) {
  std::vector<bool> seen(s.steps.size(), false);
  std::vector<std::size_t> todo{start};
  std::vector<std::size_t> out;
  while (!todo.empty()) {
    const std::size_t i = todo.back();
    todo.pop_back();
    if (seen[i]) continue;
    seen[i] = true;
    out.push_back(i);
    if (stop(s.steps[i])) continue;
    for (const std::size_t j : successors(s, i)) todo.push_back(j);
  }
  std::sort(out.begin(), out.end());
  return out;
}

bool is_text_step(const Step& st) { return st.kind == StepKind::message && st.channel == StepChannel::text; }
bool is_review_step(const Step& st) { return st.kind == StepKind::message && st.message.review_request; }

// The wording of a review request: two requests are "the same" when every text is.
std::string wording(const Step& st) {
  std::string w = std::string(to_string(st.channel)) + '\x1f' + st.message.subject + '\x1f' + st.message.body;
  for (const auto& v : st.message.variants) w += '\x1f' + v.treatment + '\x1f' + v.subject + '\x1f' + v.body;
  return w;
}

// True when a segment query picks people by how happy they are: a rating, a satisfaction or
// promoter score, stars, sentiment. Mentioning reviews alone (never(review): "has not reviewed
// yet") is not gating; a review score is.
bool filters_on_satisfaction(std::string_view query) {
  static const std::set<std::string, std::less<>> k_parts = {
      "rating",     "ratings",   "rated",       "stars",        "star",     "nps",       "csat",
      "sentiment",  "happy",     "unhappy",     "happiness",    "promoter", "promoters", "detractor",
      "detractors", "satisfied", "unsatisfied", "dissatisfied", "thumbs_up"};
  const std::string q = ascii_lower(query);
  std::size_t i = 0;
  while (i < q.size()) {
    // One identifier (letters, digits, '_', '.'), then its parts split at '_' and '.'.
    std::size_t j = i;
    while (j < q.size() &&
           (std::isalnum(static_cast<unsigned char>(q[j])) != 0 || q[j] == '_' || q[j] == '.'))
      ++j;
    if (j == i) {
      ++i;
      continue;
    }
    bool review = false;
    bool score = false;
    std::size_t p = i;
    while (p < j) {
      std::size_t e = p;
      while (e < j && q[e] != '_' && q[e] != '.') ++e;
      const std::string_view part(q.data() + p, e - p);
      if (k_parts.count(part) != 0 || part.substr(0, 6) == "satisf") return true;
      review = review || part == "review" || part == "reviews";
      score = score || part == "score";
      p = e + 1;
    }
    if (review && score) return true;
    i = j;
  }
  return false;
}

void lint_gating(std::vector<LintMessage>& out, const Sequence& s, const Workspace& ws) {
  if (std::none_of(s.steps.begin(), s.steps.end(), is_review_step)) return;
  const auto check_segment = [&](const std::string& member, const std::string& id) {
    const SavedSegment* seg = find_item(ws.segments, id);
    if (seg == nullptr || !filters_on_satisfaction(seg->query)) return;
    out.push_back({"", member, 0, 0, true,
                   "review gating: this sequence asks for reviews but depends on segment \"" + seg->name +
                       "\", which filters on ratings or satisfaction; every eligible patient must get "
                       "the same request (FTC)"});
  };
  for (std::size_t t = 0; t < s.triggers.size(); ++t) {
    if (s.triggers[t].kind == TriggerKind::segment_entry)
      check_segment("triggers[" + std::to_string(t) + "]", s.triggers[t].segment);
  }
  for (std::size_t g = 0; g < s.goals.size(); ++g) {
    if (s.goals[g].kind == GoalKind::left_segment)
      check_segment("goals[" + std::to_string(g) + "]", s.goals[g].segment);
  }
  const auto never = [](const Step&) { return false; };
  for (std::size_t i = 0; i < s.steps.size(); ++i) {
    const Step& st = s.steps[i];
    if (st.kind != StepKind::split || st.arms.size() < 2) continue;
    std::vector<std::set<std::string>> asked;
    for (const auto& arm : st.arms) {
      std::set<std::string> words;
      std::optional<std::size_t> first;
      if (arm.next.empty()) {
        if (i + 1 < s.steps.size()) first = i + 1;
      } else if (arm.next != k_end_step) {
        first = step_index(s, arm.next);
      }
      if (first) {
        for (const std::size_t j : reachable(s, *first, never)) {
          if (is_review_step(s.steps[j])) words.insert(wording(s.steps[j]));
        }
      }
      asked.push_back(std::move(words));
    }
    if (std::adjacent_find(asked.begin(), asked.end(), std::not_equal_to<>()) != asked.end()) {
      out.push_back({st.id, "arms", 0, 0, true,
                     "review gating: the arms of this split lead to different review requests (or "
                     "some to none); every eligible patient must get the same request (FTC)"});
    }
  }
}

}  // namespace

const std::vector<std::string_view>& builtin_treatment_words() {
  // Procedures, products and conditions a practice like ours names; each reveals health
  // information when a text or subject line is seen by someone else.
  static const std::vector<std::string_view> k_words = {
      "botox",
      "dysport",
      "xeomin",
      "jeuveau",
      "daxxify",
      "neurotoxin",
      "injectable",
      "injection",
      "filler",
      "juvederm",
      "restylane",
      "sculptra",
      "radiesse",
      "kybella",
      "lip",
      "breast",
      "augmentation",
      "implant",
      "liposuction",
      "lipo",
      "rhinoplasty",
      "nose job",
      "blepharoplasty",
      "eyelid surgery",
      "facelift",
      "face lift",
      "neck lift",
      "brow lift",
      "thread lift",
      "tummy tuck",
      "abdominoplasty",
      "mommy makeover",
      "butt lift",
      "bbl",
      "laser",
      "ipl",
      "photofacial",
      "microneedling",
      "chemical peel",
      "hydrafacial",
      "coolsculpting",
      "fat reduction",
      "body contouring",
      "hair removal",
      "hair loss",
      "hair restoration",
      "prp",
      "acne",
      "wrinkle",
      "scar",
      "rosacea",
      "melasma",
      "cellulite",
      "double chin",
      "sun damage",
      "spider vein",
      "varicose",
      "sclerotherapy",
      "hyperhidrosis",
      "weight loss",
      "semaglutide",
      "tirzepatide",
      "ozempic",
      "wegovy",
      "hormone",
      "testosterone",
      "menopause",
      "erectile",
      "vaginal",
      "plastic surgery",
      "cosmetic surgery",
      "surgery",
      "surgical",
      "resurfacing",
  };
  return k_words;
}

std::vector<LintMessage> lint_sequence(const Sequence& sequence, const Workspace& ws) {
  std::vector<LintMessage> out;
  const std::vector<std::string> terms = treatment_terms(ws);
  // The text steps that can be a lead's first text from this sequence: reached from the start
  // without passing another text step.
  std::set<std::size_t> first_texts;
  if (!sequence.steps.empty()) {
    for (const std::size_t i : reachable(sequence, 0, is_text_step)) {
      if (is_text_step(sequence.steps[i])) first_texts.insert(i);
    }
  }
  const bool address = has_postal_address(ws.practice);
  for (std::size_t i = 0; i < sequence.steps.size(); ++i) {
    const Step& step = sequence.steps[i];
    if (step.kind != StepKind::message) continue;
    std::vector<LintMessage> found;
    for (const auto& f : fields_of(step)) {
      std::vector<LintMessage> field;
      lint_syntax(field, step.id, f, ws, step);
      lint_treatment_words(field, step.id, f, terms, ws.practice.name);
      if (step.message.purpose != MessagePurpose::reminder) lint_subject_prefix(field, step.id, f);
      lint_length(field, step.id, f);
      std::stable_sort(field.begin(), field.end(),
                       [](const LintMessage& a, const LintMessage& b) { return a.offset < b.offset; });
      found.insert(found.end(), field.begin(), field.end());
    }
    const bool marketing = step.message.purpose != MessagePurpose::reminder;
    if (step.channel == StepChannel::email && marketing && !address) {
      found.push_back({step.id, "body", 0, 0, true,
                       "marketing emails need the practice's name and postal address (CAN-SPAM): add "
                       "them to the practice profile"});
    }
    if (first_texts.count(i) != 0) {
      for (const auto& f : fields_of(step)) {
        if (f.text_body && !has_stop_wording(f.text)) {
          found.push_back({step.id, f.name, 0, 0, true,
                           "this can be the first text a lead gets from this sequence: add the "
                           "practice name and \"Reply STOP to opt out\""});
        }
      }
    }
    if (step.message.purpose == MessagePurpose::sponsored && trim(sequence.sponsor_authorization).empty()) {
      found.push_back({step.id, "purpose", 0, 0, true,
                       "sponsored content needs the patients' written authorisation (HIPAA): record "
                       "it in the sequence's sponsor authorisation"});
    }
    out.insert(out.end(), found.begin(), found.end());
  }
  lint_gating(out, sequence, ws);
  return out;
}

bool has_lint_errors(const std::vector<LintMessage>& messages) {
  return std::any_of(messages.begin(), messages.end(), [](const LintMessage& m) { return m.error; });
}

}  // namespace nurture
