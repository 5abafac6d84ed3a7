#include "core/import/opt_out.hpp"

#include <catch_amalgamated.hpp>

#include <string>
#include <vector>

#include "core/util/splitmix.hpp"

namespace opt_out_test {

using namespace nurture;

namespace {

constexpr auto N = ReplyIntent::none;
constexpr auto O = ReplyIntent::opt_out;
constexpr auto A = ReplyIntent::opt_out_all;

struct Case {
  const char* text;
  ReplyIntent expected;
};

// Each expectation follows from the rules in opt_out.hpp by hand: "bare" = the whole message
// is keywords and fillers; "clause" = a strong keyword alone in a clause; "phrase" = a refusal
// phrase anywhere; "refusal" = don't + contact verb + me + allowed ending.
const Case k_cases[] = {
    // English keywords, bare
    {"STOP", O},
    {"stop", O},
    {"  Stop.  ", O},
    {"STOP!!!", O},
    {"Stop please", O},
    {"please stop", O},
    {"Stop it", O},
    {"UNSUBSCRIBE", O},
    {"Cancel", O},
    {"end", O},
    {"QUIT", O},
    {"Revoke", O},
    {"opt out", O},
    {"Opt-Out", O},
    {"OPTOUT", O},
    {"Not interested, STOP", O},  // fillers "not interested" + stop
    {"Who is this? STOP", O},     // clause: strong keyword alone
    {"No more!", O},              // bare "no more"
    {"STOP ALL", A},              // keyword "stop all"
    {"stopall", A},
    {"Stop all.", A},
    // English phrases
    {"Please stop texting me", O},
    {"please stop emailing me, thanks", O},
    {"Stop contacting me", O},
    {"Don't text me again", O},      // refusal + "again"
    {"do not email me anymore", O},  // refusal + "anymore"
    {"Do not call me.", O},          // refusal, clause ends
    {"don’t contact me", O},         // curly apostrophe joins
    {"Please remove me from your list", O},
    {"take me off your list!!", O},
    {"Leave me alone", O},
    {"no more messages please", O},
    {"lose my number", O},
    {"unsubscribe me", O},
    {"I said STOP", O},
    {"How do I unsubscribe from these?", O},
    {"unsubscribe from everything", A},
    {"Do not contact me at all", A},  // refusal + "at all"
    {"remove me from all your lists", A},
    // English: must not fire
    {"Don't stop", N},
    {"Can't wait!", N},
    {"I'll stop by on Friday", N},
    {"Stop by on Friday?", N},  // "by", "on", "friday" are not fillers
    {"I will stop in tomorrow", N},
    {"The bleeding stopped", N},
    {"End of the week works for me", N},
    {"Can I cancel my appointment?", N},
    {"Cancel my appointment please", N},
    {"Is it too late to cancel?", N},
    {"Please don't stop texting me, I love the deals", N},  // negated phrase
    {"I don't want to unsubscribe", N},                     // negated across "want to"
    {"Don't call me before 10am", N},                       // refusal with a condition
    {"Yes, see you then", N},
    {"Can I opt out of the photo release?", N},                // "opt out" not alone in its clause
    {"The doctor said stop taking it", N},                     // not "I said stop"
    {"Can you stop sending the forms to my old address?", N},  // not "stop sending me"
    {"Stop sending me these offers", O},
    {"", N},
    {"Thanks!", N},
    {"The end result looks great", N},
    {"> Reply STOP to opt out\n", N},  // quoted text of our own message
    {"Sounds good\n\nOn Mon, Nurture Clinic wrote:\nUnsubscribe", N},
    // Spanish
    {"ALTO", O},
    {"Parar", O},
    {"¡Basta!", O},
    {"cancelar por favor", O},
    {"No más mensajes", O},
    {"NO MÁS MENSAJES, gracias", O},
    {"No me interesa, basta", O},  // filler "no me interesa" + basta
    {"Quiero darme de baja", O},
    {"Por favor no me escriban", O},
    {"Basta con llamar al consultorio", N},  // "basta con…": not bare
    {"Alto nivel de servicio", N},
    {"No quiero darme de baja", N},  // negated across "quiero"
    // French
    {"ARRÊT", O},
    {"arret", O},
    {"Arrêt svp", O},
    {"Je veux me désabonner", O},
    {"Je ne veux plus recevoir vos messages", O},
    {"Je ne veux pas me désabonner", N},  // "pas" negates
    {"Arrêt de travail jusqu'à lundi", N},
    // Portuguese
    {"PARE", O},
    {"Pare, obrigado", O},
    {"cancelar inscrição", O},
    {"Não quero mais receber mensagens", O},
    {"Pare de brincadeira", N},  // "de brincadeira": not bare, no phrase
    // German
    {"STOPP", O},
    {"Stopp bitte", O},
    {"Bitte abmelden", O},
    {"Keine Nachrichten mehr!", O},
    {"Ich möchte mich nicht abmelden", N},  // "nicht" negates across "mich"
    // Italian
    {"basta", O},
    {"Basta, grazie", O},
    {"annulla iscrizione", O},
    {"Vorrei annullare l'iscrizione", O},
    {"Non voglio più ricevere messaggi", O},
    {"Basta poco per prenotare", N},
};

}  // namespace

TEST_CASE("Reply classification: golden table in six languages", "[opt-out]") {
  STATIC_REQUIRE(std::size(k_cases) >= 60);
  for (const auto& c : k_cases) {
    const auto got = explain_reply(c.text);
    INFO("text: \"" << c.text << "\" matched: \"" << got.matched << "\"");
    CHECK(to_string(got.intent) == to_string(c.expected));
    CHECK(got.matched.empty() == (got.intent == ReplyIntent::none));
    CHECK(classify_reply(c.text) == got.intent);
  }
}

TEST_CASE("Reply classification: hostile bytes and long texts are total", "[opt-out]") {
  CHECK(classify_reply("\xFF\xFE STOP \xC3") == ReplyIntent::opt_out);    // invalid bytes separate
  CHECK(classify_reply("st\xFFop") == ReplyIntent::none);                 // "st" and "op"
  CHECK(classify_reply("STOP\xF0\x9F\x99\x8F") == ReplyIntent::opt_out);  // emoji separates
  CHECK(classify_reply("Στοπ") == ReplyIntent::none);
  std::string long_text;
  for (int i = 0; i < 2000; ++i) long_text += "see you on friday ";
  CHECK(classify_reply(long_text) == ReplyIntent::none);
  CHECK(classify_reply(long_text + ". Stop texting me") == ReplyIntent::opt_out);
}

TEST_CASE("Reply classification property: casing, punctuation and spaces around a keyword", "[opt-out]") {
  // Oracle: the keyword alone classifies as `expected` (each checked first); wrapping it in
  // white space and punctuation and flipping the case of any letter (ASCII and Latin-1
  // accented: the second UTF-8 byte of U+00C0..U+00FE differs by 0x20 between cases) must
  // not change that.
  const std::vector<Case> keywords = {{"stop", O},
                                      {"stopall", A},
                                      {"stop all", A},
                                      {"unsubscribe", O},
                                      {"cancel", O},
                                      {"end", O},
                                      {"quit", O},
                                      {"revoke", O},
                                      {"opt out", O},
                                      {"optout", O},
                                      {"opt-out", O},
                                      {"alto", O},
                                      {"parar", O},
                                      {"basta", O},
                                      {"cancelar", O},
                                      {"no más mensajes", O},
                                      {"arrêt", O},
                                      {"désabonner", O},
                                      {"ne plus recevoir", O},
                                      {"pare", O},
                                      {"stopp", O},
                                      {"abmelden", O},
                                      {"annulla iscrizione", O},
                                      {"please stop texting me", O},
                                      {"do not contact me at all", A},
                                      {"leave me alone", O}};
  const std::vector<std::string> around = {
      " ",       "  ", "\t", "\n", "\r\n", "!", "!!!", ".", "...", "?", ",",
      ";",       ":",  "\"", "*",  "(",    ")", "-",   "¡", "¿",   "…", "\xF0\x9F\x99\x8F",
      "\xC2\xA0"};
  SplitMix64 rng(20261206);
  for (const auto& k : keywords) REQUIRE(classify_reply(k.text) == k.expected);
  for (int round = 0; round < 2000; ++round) {
    const Case& k = rng.pick(keywords);
    std::string text;
    for (std::size_t n = rng.below(4); n > 0; --n) text += rng.pick(around);
    const std::string word = k.text;
    for (std::size_t i = 0; i < word.size(); ++i) {
      char c = word[i];
      if (c >= 'a' && c <= 'z' && rng.chance(50)) c = static_cast<char>(c - 'a' + 'A');
      if (c == ' ' && rng.chance(30)) text += "  ";  // more space between the words
      if (static_cast<unsigned char>(c) == 0xC3 && i + 1 < word.size()) {
        text += c;
        auto next = static_cast<unsigned char>(word[++i]);
        if (rng.chance(50)) next = static_cast<unsigned char>(next ^ 0x20U);
        text += static_cast<char>(next);
        continue;
      }
      text += c;
    }
    for (std::size_t n = rng.below(4); n > 0; --n) text += rng.pick(around);
    INFO("text: \"" << text << "\"");
    REQUIRE(classify_reply(text) == k.expected);
  }
}

}  // namespace opt_out_test
