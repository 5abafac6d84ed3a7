#pragma once
/// Does an imported reply ask not to be contacted? Opt-out may be given "by any reasonable
/// wording" (DOMAIN.md, consent row), so this knows the carrier keywords, their Spanish,
/// French, Portuguese, German and Italian counterparts and plain-language refusals, while
/// leaving ordinary replies alone ("stop by on Friday", "cancel my appointment").
///
/// The text is read as words: ASCII case and Latin-1 accents are folded ("ARRÊT" = "arret"),
/// apostrophes join ("don't" = "dont"), hyphens, spaces, symbols and emoji separate, and
/// . , ; : ! ? ¡ ¿ … and line breaks end a clause. Then, with "fillers" being politeness and
/// filler words (please, thanks, now, not interested, gracias, merci, bitte, grazie…):
/// - a keyword (STOP, STOPALL, UNSUBSCRIBE, CANCEL, END, QUIT, REVOKE, OPT OUT, ALTO, PARAR,
///   BASTA, CANCELAR, NO MÁS, ARRÊT, PARE, STOPP, ABMELDEN…) fires when the whole message is
///   keywords and fillers ("Stop.", "STOP please", "Not interested, STOP");
/// - an unambiguous keyword (STOP, STOP ALL, UNSUBSCRIBE, OPT OUT, REVOKE, STOPP, ARRÊT…) also
///   fires as a clause of its own inside a longer message ("Who is this? STOP"); the words
///   that also mean something else (CANCEL, END, QUIT, BASTA, ALTO…) only as the whole message;
/// - a refusal phrase fires anywhere ("please stop texting me", "remove me from your list",
///   "no más mensajes", "je ne veux plus recevoir", "keine Nachrichten mehr"), unless a
///   negation comes just before it in its clause ("please don't stop texting me");
/// - "don't/do not/never text/email/call/contact me" fires when the clause ends there or goes
///   on only with again/anymore/ever/please ("don't call me before 10" is not an opt-out).
/// STOP ALL, STOPALL, "unsubscribe from everything", "do not contact me at all" and the like
/// are opt_out_all: every channel. Quoted text of the message replied to is not the lead's:
/// lines starting with ">" are skipped and reading stops at "-----Original Message-----" or a
/// line ending in "wrote:". Invalid UTF-8 bytes count as separators. Pure and total.

#include <cstdint>
#include <string>
#include <string_view>

namespace nurture {

enum class ReplyIntent : std::uint8_t {
  none,        ///< an ordinary reply
  opt_out,     ///< stop contacting me on this channel (the one the reply came by)
  opt_out_all  ///< stop contacting me on every channel
};

/// "none", "opt_out", "opt_out_all".
std::string_view to_string(ReplyIntent intent);

struct ReplyClassification {
  ReplyIntent intent = ReplyIntent::none;
  /// The keyword or phrase that decided it, in folded form ("stop", "no mas mensajes"); empty
  /// for none. For tests and for explaining the decision in the UI.
  std::string matched;
};

/// The rules above; when several match, the strongest intent wins (opt_out_all > opt_out).
ReplyClassification explain_reply(std::string_view text);
/// explain_reply(text).intent.
ReplyIntent classify_reply(std::string_view text);

}  // namespace nurture
