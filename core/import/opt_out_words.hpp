#pragma once
/// The word lists behind classify_reply() (opt_out.hpp), in folded form: lowercase, accents
/// removed, apostrophes dropped ("don't" → "dont", "l'iscrizione" → "liscrizione"), words
/// separated by one space. Internal to core/import/opt_out.cpp.

#include <string_view>

#include "core/import/opt_out.hpp"

namespace nurture::opt_out_words {

using I = ReplyIntent;

/// Keywords: they count when they make up the message with fillers only. `strong` ones also
/// count as a clause of their own anywhere in the message.
struct Keyword {
  std::string_view words;
  ReplyIntent intent;
  bool strong;
};

inline constexpr Keyword k_keywords[] = {
    // English (carrier keywords, and the FCC's "reasonable means" list)
    {"stop all", I::opt_out_all, true},
    {"stopall", I::opt_out_all, true},
    {"stop everything", I::opt_out_all, true},
    {"unsubscribe all", I::opt_out_all, true},
    {"stop", I::opt_out, true},
    {"stop it", I::opt_out, true},
    {"stop that", I::opt_out, true},
    {"unsubscribe", I::opt_out, true},
    {"unsub", I::opt_out, true},
    {"opt out", I::opt_out, true},
    {"optout", I::opt_out, true},
    {"revoke", I::opt_out, true},
    {"cancel", I::opt_out, false},
    {"end", I::opt_out, false},
    {"quit", I::opt_out, false},
    {"remove me", I::opt_out, false},
    {"remove", I::opt_out, false},
    // Spanish
    {"alto", I::opt_out, false},
    {"parar", I::opt_out, false},
    {"basta", I::opt_out, false},
    {"cancelar", I::opt_out, false},
    {"no mas", I::opt_out, false},
    {"no more", I::opt_out, false},
    {"baja", I::opt_out, false},
    // French
    {"arret", I::opt_out, true},
    {"arreter", I::opt_out, true},
    {"arretez", I::opt_out, true},
    {"desabonner", I::opt_out, true},
    {"desinscrire", I::opt_out, true},
    // Portuguese
    {"pare", I::opt_out, false},
    {"parem", I::opt_out, false},
    {"sair", I::opt_out, false},
    {"descadastrar", I::opt_out, true},
    // German
    {"stopp", I::opt_out, true},
    {"abmelden", I::opt_out, true},
    {"abbestellen", I::opt_out, true},
    {"austragen", I::opt_out, true},
    // Italian
    {"annulla iscrizione", I::opt_out, true},
    {"disiscrivimi", I::opt_out, true},
    {"cancellami", I::opt_out, true},
};

/// Words that add nothing to a keyword: politeness, "now", "not interested", the channel.
inline constexpr std::string_view k_fillers[] = {
    "please", "pls", "plz", "thanks", "thank you", "thx", "ty", "now", "right now", "immediately", "asap",
    "already", "again", "sorry", "ok", "okay", "no", "nope", "no thanks", "no thank you", "not interested",
    "im not interested", "hi", "hello", "hey", "messages", "texts", "text messages", "emails", "e mails",
    "calls", "the messages", "the texts", "the emails", "the calls",
    // Spanish, Portuguese
    "por favor", "porfa", "gracias", "muchas gracias", "no gracias", "ya", "ahora", "no me interesa",
    "mensajes", "obrigado", "obrigada", "agora", "nao obrigado", "nao obrigada", "nao tenho interesse",
    "mensagens",
    // French
    "svp", "stp", "sil vous plait", "merci", "non merci", "maintenant", "pas interesse", "pas interessee",
    // German
    "bitte", "danke", "nein danke", "sofort", "jetzt", "kein interesse", "nachrichten",
    // Italian
    "per favore", "grazie", "no grazie", "subito", "non mi interessa", "messaggi"};

/// Refusals that count anywhere in the message (unless negated just before).
struct Phrase {
  std::string_view words;
  ReplyIntent intent;
};

inline constexpr Phrase k_phrases[] = {
    // English, every channel
    {"unsubscribe from everything", I::opt_out_all},
    {"unsubscribe from all", I::opt_out_all},
    {"unsubscribe me from everything", I::opt_out_all},
    {"unsubscribe me from all", I::opt_out_all},
    {"remove me from everything", I::opt_out_all},
    {"remove me from all", I::opt_out_all},
    {"take me off all", I::opt_out_all},
    {"stop all messages", I::opt_out_all},
    {"stop all texts", I::opt_out_all},
    {"stop all emails", I::opt_out_all},
    {"stop all contact", I::opt_out_all},
    {"stop all communication", I::opt_out_all},
    {"stop all communications", I::opt_out_all},
    {"stop contacting me at all", I::opt_out_all},
    {"no contact at all", I::opt_out_all},
    // English
    {"stop texting", I::opt_out},
    {"stop emailing", I::opt_out},
    {"stop contacting", I::opt_out},
    {"stop messaging", I::opt_out},
    {"stop calling me", I::opt_out},
    {"stop sending me", I::opt_out},
    {"stop sending these", I::opt_out},
    {"stop sending texts", I::opt_out},
    {"stop sending messages", I::opt_out},
    {"stop sending emails", I::opt_out},
    {"stop spamming", I::opt_out},
    {"stop bothering me", I::opt_out},
    {"stop the texts", I::opt_out},
    {"stop the messages", I::opt_out},
    {"stop the emails", I::opt_out},
    {"stop these texts", I::opt_out},
    {"stop these messages", I::opt_out},
    {"stop these emails", I::opt_out},
    {"quit texting", I::opt_out},
    {"quit emailing", I::opt_out},
    {"quit messaging", I::opt_out},
    {"quit contacting", I::opt_out},
    {"quit sending me", I::opt_out},
    {"quit calling me", I::opt_out},
    {"remove me from your", I::opt_out},
    {"remove me from the list", I::opt_out},
    {"remove me from this list", I::opt_out},
    {"remove me from list", I::opt_out},
    {"remove me from the mailing", I::opt_out},
    {"remove me from mailing", I::opt_out},
    {"remove me from these", I::opt_out},
    {"remove me from the text", I::opt_out},
    {"remove my number", I::opt_out},
    {"remove my email", I::opt_out},
    {"take me off your", I::opt_out},
    {"take me off the list", I::opt_out},
    {"take me off this list", I::opt_out},
    {"take me off list", I::opt_out},
    {"take me off the mailing", I::opt_out},
    {"take me off mailing", I::opt_out},
    {"take me off these", I::opt_out},
    {"leave me alone", I::opt_out},
    {"not interested stop", I::opt_out},
    {"no more messages", I::opt_out},
    {"no more texts", I::opt_out},
    {"no more text messages", I::opt_out},
    {"no more emails", I::opt_out},
    {"no more e mails", I::opt_out},
    {"no more calls", I::opt_out},
    {"no more contact", I::opt_out},
    {"lose my number", I::opt_out},
    {"delete my number", I::opt_out},
    {"delete my email", I::opt_out},
    {"unsubscribe me", I::opt_out},
    {"want to unsubscribe", I::opt_out},
    {"wish to unsubscribe", I::opt_out},
    {"like to unsubscribe", I::opt_out},
    {"how do i unsubscribe", I::opt_out},
    {"how to unsubscribe", I::opt_out},
    {"please unsubscribe", I::opt_out},
    {"opt me out", I::opt_out},
    {"want to opt out", I::opt_out},
    {"revoke my consent", I::opt_out},
    {"revoke consent", I::opt_out},
    {"withdraw my consent", I::opt_out},
    {"i said stop", I::opt_out},
    {"already said stop", I::opt_out},
    // Spanish
    {"no mas mensajes", I::opt_out},
    {"no mas textos", I::opt_out},
    {"no mas correos", I::opt_out},
    {"no mas llamadas", I::opt_out},
    {"no me escriban", I::opt_out},
    {"no me escribas", I::opt_out},
    {"no me llamen", I::opt_out},
    {"no me llames", I::opt_out},
    {"no me contacten", I::opt_out},
    {"no me contactes", I::opt_out},
    {"no me manden", I::opt_out},
    {"no me envien", I::opt_out},
    {"no me molesten", I::opt_out},
    {"no quiero recibir", I::opt_out},
    {"no quiero mas mensajes", I::opt_out},
    {"dejen de escribirme", I::opt_out},
    {"deja de escribirme", I::opt_out},
    {"dejen de enviarme", I::opt_out},
    {"deja de enviarme", I::opt_out},
    {"dejen de mandarme", I::opt_out},
    {"deja de mandarme", I::opt_out},
    {"dejen de llamarme", I::opt_out},
    {"dejen de contactarme", I::opt_out},
    {"darme de baja", I::opt_out},
    {"dar de baja", I::opt_out},
    {"denme de baja", I::opt_out},
    {"sacame de la lista", I::opt_out},
    {"saquenme de la lista", I::opt_out},
    {"borrenme de la lista", I::opt_out},
    {"eliminame de la lista", I::opt_out},
    // French
    {"ne plus recevoir", I::opt_out},
    {"ne veux plus recevoir", I::opt_out},
    {"ne souhaite plus recevoir", I::opt_out},
    {"ne voulons plus recevoir", I::opt_out},
    {"desabonner", I::opt_out},
    {"desabonnez moi", I::opt_out},
    {"desinscrire", I::opt_out},
    {"desinscrivez moi", I::opt_out},
    {"arretez de menvoyer", I::opt_out},
    {"arretez de mecrire", I::opt_out},
    {"arretez de me contacter", I::opt_out},
    {"arretez de mappeler", I::opt_out},
    {"arretez les messages", I::opt_out},
    {"arretez les sms", I::opt_out},
    {"ne me contactez plus", I::opt_out},
    {"ne mecrivez plus", I::opt_out},
    {"ne mappelez plus", I::opt_out},
    {"plus de messages", I::opt_out},
    {"plus de sms", I::opt_out},
    {"retirez moi de", I::opt_out},
    {"supprimez moi de", I::opt_out},
    {"laissez moi tranquille", I::opt_out},
    // Portuguese
    {"nao quero mais receber", I::opt_out},
    {"nao quero receber", I::opt_out},
    {"nao quero mais mensagens", I::opt_out},
    {"parem de enviar", I::opt_out},
    {"pare de enviar", I::opt_out},
    {"parem de mandar", I::opt_out},
    {"pare de mandar", I::opt_out},
    {"pare de me mandar", I::opt_out},
    {"parem de me mandar", I::opt_out},
    {"pare de me enviar", I::opt_out},
    {"parem de me enviar", I::opt_out},
    {"nao me mande", I::opt_out},
    {"nao me mandem", I::opt_out},
    {"nao me envie", I::opt_out},
    {"nao me enviem", I::opt_out},
    {"nao me liguem", I::opt_out},
    {"nao me contatem", I::opt_out},
    {"descadastrar", I::opt_out},
    {"me descadastre", I::opt_out},
    {"me descadastrem", I::opt_out},
    {"sair da lista", I::opt_out},
    {"me tire da lista", I::opt_out},
    {"me tirem da lista", I::opt_out},
    {"cancelar inscricao", I::opt_out},
    {"cancelar minha inscricao", I::opt_out},
    {"chega de mensagens", I::opt_out},
    // German
    {"abmelden", I::opt_out},
    {"abbestellen", I::opt_out},
    {"keine nachrichten mehr", I::opt_out},
    {"keine sms mehr", I::opt_out},
    {"keine emails mehr", I::opt_out},
    {"keine e mails mehr", I::opt_out},
    {"keine anrufe mehr", I::opt_out},
    {"keine werbung mehr", I::opt_out},
    {"nicht mehr kontaktieren", I::opt_out},
    {"nicht mehr schreiben", I::opt_out},
    {"nicht mehr anschreiben", I::opt_out},
    {"nicht mehr anrufen", I::opt_out},
    {"kontaktieren sie mich nicht", I::opt_out},
    {"schreiben sie mir nicht mehr", I::opt_out},
    {"lassen sie mich in ruhe", I::opt_out},
    // Italian
    {"annulla iscrizione", I::opt_out},
    {"annulla liscrizione", I::opt_out},
    {"annullare liscrizione", I::opt_out},
    {"disiscrivimi", I::opt_out},
    {"disiscrivetemi", I::opt_out},
    {"disiscrivermi", I::opt_out},
    {"cancellatemi", I::opt_out},
    {"rimuovetemi", I::opt_out},
    {"non voglio piu ricevere", I::opt_out},
    {"non voglio ricevere", I::opt_out},
    {"non scrivetemi piu", I::opt_out},
    {"non contattatemi piu", I::opt_out},
    {"non mi contattate piu", I::opt_out},
    {"non chiamatemi piu", I::opt_out},
    {"basta messaggi", I::opt_out},
    {"niente piu messaggi", I::opt_out},
    {"smettete di scrivermi", I::opt_out},
    {"smettetela di scrivermi", I::opt_out},
    {"lasciatemi in pace", I::opt_out},
};

/// Negations that cancel a phrase right after them ("don't stop texting me"), and the words
/// that may sit between ("I don't want you to stop texting me").
inline constexpr std::string_view k_negators[] = {"dont", "not",    "never",    "didnt",   "doesnt", "wont",
                                                  "cant", "cannot", "shouldnt", "wouldnt", "no",     "nao",
                                                  "pas",  "jamais", "nicht",    "kein",    "non"};
inline constexpr std::string_view k_between[] = {"to",   "you",    "want",    "wanted", "wish",  "mean",
                                                 "need", "would",  "like",    "them",   "it",    "me",
                                                 "ever", "really", "quiero",  "quero",  "veux",  "souhaite",
                                                 "mich", "mochte", "moechte", "will",   "voglio"};

/// "don't/do not/never" + contact verbs + "me" + an allowed ending.
inline constexpr std::string_view k_refusal_starts[] = {"dont",      "do not",      "never",
                                                        "dont ever", "do not ever", "never ever"};
inline constexpr std::string_view k_contact_verbs[] = {"text", "txt",   "email",   "e mail",  "mail",
                                                       "call", "phone", "contact", "message", "msg",
                                                       "sms",  "write", "send"};
inline constexpr std::string_view k_refusal_ends[] = {"again",      "anymore",        "any more", "ever",
                                                      "ever again", "please",         "thanks",   "thank you",
                                                      "here",       "on this number", "no more"};

}  // namespace nurture::opt_out_words
