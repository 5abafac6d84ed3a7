#include "core/import/opt_out.hpp"

#include <algorithm>
#include <cstddef>
#include <optional>
#include <vector>

#include "core/import/opt_out_words.hpp"

namespace nurture {

namespace {

using namespace opt_out_words;
using I = ReplyIntent;

/// One word of the reply, folded, and the clause it belongs to.
struct Word {
  std::string text;
  std::size_t clause = 0;
};

/// Latin-1 letters U+00C0..U+00DF (and their lowercase U+00E0..U+00FF) without accents; an
/// empty entry is × or ÷ (a separator).
constexpr std::string_view k_latin1_fold[32] = {"a", "a", "a", "a", "a", "a", "ae", "c", "e",  "e", "e",
                                                "e", "i", "i", "i", "i", "d", "n",  "o", "o",  "o", "o",
                                                "o", "",  "o", "u", "u", "u", "u",  "y", "th", "ss"};

/// Decodes one code point at `i`; an invalid byte comes back as U+FFFD with length 1.
char32_t decode(std::string_view s, std::size_t i, std::size_t& length) {
  const auto b = static_cast<unsigned char>(s[i]);
  length = 1;
  if (b < 0x80) return b;
  std::size_t n = 0;
  char32_t cp = 0;
  if (b >= 0xC2 && b <= 0xDF) {
    n = 2;
    cp = b & 0x1FU;
  } else if (b >= 0xE0 && b <= 0xEF) {
    n = 3;
    cp = b & 0x0FU;
  } else if (b >= 0xF0 && b <= 0xF4) {
    n = 4;
    cp = b & 0x07U;
  } else {
    return 0xFFFD;
  }
  if (i + n > s.size()) return 0xFFFD;
  for (std::size_t k = 1; k < n; ++k) {
    const auto c = static_cast<unsigned char>(s[i + k]);
    if ((c & 0xC0U) != 0x80U) return 0xFFFD;
    cp = (cp << 6U) | (c & 0x3FU);
  }
  length = n;
  return cp;
}

bool ends_clause(char32_t cp) {
  switch (cp) {
    case U'.':
    case U',':
    case U';':
    case U':':
    case U'!':
    case U'?':
    case U'\n':
    case U'\r':
    case 0x00A1:  // ¡
    case 0x00BF:  // ¿
    case 0x2026:  // …
    case 0x3002:  // 。
    case 0xFF01:  // ！
    case 0xFF0C:  // ，
    case 0xFF1F:  // ？
      return true;
    default:
      return false;
  }
}

bool joins_word(char32_t cp) {
  // Apostrophes: "don't" and "don’t" are "dont"; "s'il" is "sil".
  return cp == U'\'' || cp == U'`' || cp == 0x00B4 || cp == 0x02BC || cp == 0x2018 || cp == 0x2019;
}

/// The reply without the message it quotes: email replies carry our own text below
/// ("> Reply STOP to opt out", "On Mon, … wrote:", "-----Original Message-----"), which must
/// not count as the lead's words.
std::string_view own_words(std::string_view text, std::string& buffer) {
  if (text.find('>') == std::string_view::npos && text.find("wrote:") == std::string_view::npos &&
      text.find("-----Original") == std::string_view::npos) {
    return text;
  }
  buffer.clear();
  for (std::size_t start = 0; start < text.size();) {
    auto stop = text.find('\n', start);
    if (stop == std::string_view::npos) stop = text.size();
    std::string_view line = text.substr(start, stop - start);
    start = stop + 1;
    const auto first = line.find_first_not_of(" \t");
    if (first != std::string_view::npos && line[first] == '>') continue;
    std::string_view trimmed = line.substr(first == std::string_view::npos ? line.size() : first);
    while (!trimmed.empty() && (trimmed.back() == '\r' || trimmed.back() == ' ')) trimmed.remove_suffix(1);
    if (trimmed.substr(0, 12) == "-----Origina" ||
        (trimmed.size() >= 6 && trimmed.substr(trimmed.size() - 6) == "wrote:")) {
      break;
    }
    buffer.append(line);
    buffer += '\n';
  }
  return buffer;
}

std::vector<Word> words_of(std::string_view text) {
  std::vector<Word> out;
  std::string word;
  std::size_t clause = 0;
  const auto end_word = [&] {
    if (!word.empty()) out.push_back({std::move(word), clause});
    word.clear();
  };
  for (std::size_t i = 0; i < text.size();) {
    std::size_t length = 1;
    const char32_t cp = decode(text, i, length);
    if ((cp >= U'a' && cp <= U'z') || (cp >= U'0' && cp <= U'9')) {
      word += static_cast<char>(cp);
    } else if (cp >= U'A' && cp <= U'Z') {
      word += static_cast<char>(cp - U'A' + U'a');
    } else if (joins_word(cp)) {
      // nothing: the word goes on
    } else if (ends_clause(cp)) {
      end_word();
      if (!out.empty() && out.back().clause == clause) ++clause;
    } else if (cp >= 0xC0 && cp <= 0xFF) {
      const std::string_view folded = cp == 0xFF ? std::string_view("y") : k_latin1_fold[(cp - 0xC0) & 0x1FU];
      if (folded.empty()) {
        end_word();
      } else {
        word += folded;
      }
    } else if (cp == 0x152 || cp == 0x153) {
      word += "oe";
    } else if (cp >= 0x100 && cp < 0x2000) {
      // Other letters (Latin Extended, Greek, Cyrillic…) stay part of the word as they are:
      // no keyword uses them, but they must not split a word into something that does.
      word += text.substr(i, length);
    } else {
      end_word();  // spaces, hyphens, quotes, symbols, emoji, invalid bytes
    }
    i += length;
  }
  end_word();
  return out;
}

template <class T>
bool contains(const T& table, std::string_view word) {
  return std::find(std::begin(table), std::end(table), word) != std::end(table);
}

/// How many words of `phrase` (space-separated) match at words[i], within one clause and
/// before `end`; 0 when it does not match.
std::size_t match_at(const std::vector<Word>& w, std::size_t i, std::size_t end, std::string_view phrase) {
  std::size_t k = 0;
  while (true) {
    const auto space = phrase.find(' ');
    const auto part = phrase.substr(0, space);
    if (i + k >= end || w[i + k].text != part || w[i + k].clause != w[i].clause) return 0;
    ++k;
    if (space == std::string_view::npos) return k;
    phrase.remove_prefix(space + 1);
  }
}

/// The longest entry of `table` (strings, or structs with `.words`) matching at i.
template <class T, class Get>
std::size_t longest(const T& table, const std::vector<Word>& w, std::size_t i, std::size_t end, Get get,
                    std::size_t* which = nullptr) {
  std::size_t best = 0;
  for (std::size_t t = 0; t < std::size(table); ++t) {
    const std::size_t n = match_at(w, i, end, get(table[t]));
    if (n > best) {
      best = n;
      if (which != nullptr) *which = t;
    }
  }
  return best;
}

constexpr auto k_as_is = [](std::string_view s) { return s; };
constexpr auto k_keyword_words = [](const Keyword& k) { return k.words; };

/// When words [begin, end) are keywords and fillers only, with at least one keyword (strong
/// ones only when `strong_only`): the strongest keyword found.
std::optional<ReplyClassification> bare(const std::vector<Word>& w, std::size_t begin, std::size_t end,
                                        bool strong_only) {
  std::optional<ReplyClassification> found;
  for (std::size_t i = begin; i < end;) {
    std::size_t which = 0;
    const std::size_t kw = longest(k_keywords, w, i, end, k_keyword_words, &which);
    const std::size_t filler = longest(k_fillers, w, i, end, k_as_is);
    if (kw > 0 && kw >= filler) {
      const Keyword& k = k_keywords[which];
      if (strong_only && !k.strong) return std::nullopt;
      if (!found || k.intent > found->intent) found = ReplyClassification{k.intent, std::string(k.words)};
      i += kw;
    } else if (filler > 0) {
      i += filler;
    } else {
      return std::nullopt;
    }
  }
  return found;
}

bool negated(const std::vector<Word>& w, std::size_t i) {
  for (std::size_t j = i, steps = 0; j > 0 && steps < 5; --j, ++steps) {
    const Word& before = w[j - 1];
    if (before.clause != w[i].clause) return false;
    // "no"/"não"/"non" alone also answer the message ("No, stop texting me"): they negate only
    // across a verb ("no quiero darme de baja").
    const bool answer = before.text == "no" || before.text == "nao" || before.text == "non";
    if (contains(k_negators, before.text) && (!answer || steps > 0)) return true;
    if (!contains(k_between, before.text)) return false;
  }
  return false;
}

/// "don't text me", "do not email or call me again", "don't contact me at all".
std::optional<ReplyIntent> refusal_at(const std::vector<Word>& w, std::size_t i) {
  const std::size_t end = w.size();
  std::size_t j = i + longest(k_refusal_starts, w, i, end, k_as_is);
  if (j == i) return std::nullopt;
  std::size_t verbs = 0;
  while (j < end) {
    const std::size_t n = longest(k_contact_verbs, w, j, end, k_as_is);
    if (n == 0 || w[j].clause != w[i].clause) break;
    j += n;
    ++verbs;
    if (j < end && (w[j].text == "or" || w[j].text == "and" || w[j].text == "nor")) ++j;
  }
  if (verbs == 0 || j >= end || w[j].text != "me" || w[j].clause != w[i].clause) return std::nullopt;
  ++j;
  ReplyIntent intent = I::opt_out;
  while (j < end && w[j].clause == w[i].clause) {
    if (const std::size_t n = match_at(w, j, end, "at all"); n > 0) {
      intent = I::opt_out_all;
      j += n;
    } else if (const std::size_t m = longest(k_refusal_ends, w, j, end, k_as_is); m > 0) {
      j += m;
    } else {
      return std::nullopt;  // "don't call me before 10": a condition, not a refusal
    }
  }
  return intent;
}

void keep_stronger(ReplyClassification& best, ReplyIntent intent, std::string_view matched) {
  if (intent > best.intent) best = {intent, std::string(matched)};
}

}  // namespace

std::string_view to_string(ReplyIntent intent) {
  switch (intent) {
    case ReplyIntent::none:
      return "none";
    case ReplyIntent::opt_out:
      return "opt_out";
    case ReplyIntent::opt_out_all:
      return "opt_out_all";
  }
  return {};
}

ReplyClassification explain_reply(std::string_view text) {
  std::string buffer;
  const std::vector<Word> w = words_of(own_words(text, buffer));
  ReplyClassification best;
  if (w.empty()) return best;
  // The whole message: keywords and fillers only.
  if (auto whole = bare(w, 0, w.size(), false)) best = std::move(*whole);
  // A clause of its own: strong keywords only ("Who is this? STOP").
  for (std::size_t b = 0; b < w.size();) {
    std::size_t e = b;
    while (e < w.size() && w[e].clause == w[b].clause) ++e;
    if (auto clause = bare(w, b, e, true)) keep_stronger(best, clause->intent, clause->matched);
    b = e;
  }
  // Phrases anywhere.
  for (std::size_t i = 0; i < w.size(); ++i) {
    for (const Phrase& p : k_phrases) {
      if (p.intent > best.intent && match_at(w, i, w.size(), p.words) > 0 && !negated(w, i)) {
        keep_stronger(best, p.intent, p.words);
      }
    }
    if (best.intent != I::opt_out_all) {
      if (auto refusal = refusal_at(w, i); refusal && !negated(w, i)) {
        std::string shown;
        for (std::size_t k = i; k < w.size() && w[k].clause == w[i].clause; ++k) {
          shown += (shown.empty() ? "" : " ") + w[k].text;
        }
        keep_stronger(best, *refusal, shown);
      }
    }
  }
  return best;
}

ReplyIntent classify_reply(std::string_view text) { return explain_reply(text).intent; }

}  // namespace nurture
