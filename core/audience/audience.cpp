// Audience files for Meta and Google (see audience.hpp for the rules). Normalisation follows the
// platforms' published matching rules: a key normalised differently
// from how the platform normalises its own users' data simply never matches, so each function
// here is small and tested against hand-worked values.
#include "core/audience/audience.hpp"

#include <algorithm>
#include <limits>
#include <unordered_map>
#include <vector>

#include "core/crypto/sha256.hpp"
#include "core/export/leads_csv.hpp"
#include "core/import/values.hpp"
#include "core/util/text.hpp"

namespace nurture {

namespace {

constexpr std::array<std::string_view, k_audience_format_count> k_formats = {"meta", "google"};
constexpr std::array<std::string_view, k_audience_format_count> k_format_names = {"Meta", "Google"};
constexpr std::array<std::string_view, k_audience_skip_count> k_skips = {"do_not_contact", "withdrew_consent",
                                                                         "no_contact", "no_consent"};
constexpr std::array<std::string_view, k_audience_skip_count> k_skip_phrases = {
    "do not contact", "withdrew marketing consent", "no email or phone", "no marketing consent"};

// Decodes one UTF-8 code point at `i` (advancing it); nullopt for a malformed sequence, whose
// first byte is then skipped. Lead fields are validated UTF-8, so this is only a safety net.
std::optional<std::uint32_t> next_code_point(std::string_view s, std::size_t& i) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  std::size_t len = 0;
  std::uint32_t cp = 0;
  if (b0 < 0x80U) {
    ++i;
    return b0;
  }
  if ((b0 & 0xE0U) == 0xC0U) {
    len = 2;
    cp = b0 & 0x1FU;
  } else if ((b0 & 0xF0U) == 0xE0U) {
    len = 3;
    cp = b0 & 0x0FU;
  } else if ((b0 & 0xF8U) == 0xF0U) {
    len = 4;
    cp = b0 & 0x07U;
  } else {
    ++i;
    return std::nullopt;
  }
  if (i + len > s.size()) {
    ++i;
    return std::nullopt;
  }
  for (std::size_t k = 1; k < len; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if ((b & 0xC0U) != 0x80U) {
      ++i;
      return std::nullopt;
    }
    cp = (cp << 6U) | (b & 0x3FU);
  }
  i += len;
  return cp;
}

void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80U) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800U) {
    out.push_back(static_cast<char>(0xC0U | (cp >> 6U)));
    out.push_back(static_cast<char>(0x80U | (cp & 0x3FU)));
  } else if (cp < 0x10000U) {
    out.push_back(static_cast<char>(0xE0U | (cp >> 12U)));
    out.push_back(static_cast<char>(0x80U | ((cp >> 6U) & 0x3FU)));
    out.push_back(static_cast<char>(0x80U | (cp & 0x3FU)));
  } else {
    out.push_back(static_cast<char>(0xF0U | (cp >> 18U)));
    out.push_back(static_cast<char>(0x80U | ((cp >> 12U) & 0x3FU)));
    out.push_back(static_cast<char>(0x80U | ((cp >> 6U) & 0x3FU)));
    out.push_back(static_cast<char>(0x80U | (cp & 0x3FU)));
  }
}

// Simple (one-to-one) lowercase for the scripts practices' leads mostly write names in. Full
// Unicode case folding would need the Unicode tables; the platforms lowercase the same way for
// these blocks, and anything else passes through unchanged.
std::uint32_t lower(std::uint32_t cp) {
  if (cp >= 'A' && cp <= 'Z') return cp + 0x20U;
  if (cp < 0xC0U) return cp;
  if (cp <= 0xDEU) return cp == 0xD7U ? cp : cp + 0x20U;  // À–Þ, not ×
  if (cp >= 0x100U && cp <= 0x177U) {
    // Latin Extended-A pairs upper/lower, even/odd, except between U+0138 and U+0149 where
    // they pair odd/even; U+0130 (dotted I) lowercases to plain i.
    if (cp == 0x130U) return 'i';
    if (cp >= 0x139U && cp <= 0x148U) return (cp % 2U == 1U) ? cp + 1U : cp;
    if (cp == 0x138U || cp == 0x149U || cp == 0x131U) return cp;
    return (cp % 2U == 0U) ? cp + 1U : cp;
  }
  if (cp == 0x178U) return 0xFFU;                                           // Ÿ
  if (cp >= 0x179U && cp <= 0x17EU) return (cp % 2U == 1U) ? cp + 1U : cp;  // Ź…Ž
  if (cp >= 0x391U && cp <= 0x3ABU && cp != 0x3A2U) return cp + 0x20U;      // Greek capitals
  if (cp >= 0x400U && cp <= 0x40FU) return cp + 0x50U;                      // Ѐ…Џ
  if (cp >= 0x410U && cp <= 0x42FU) return cp + 0x20U;                      // А…Я
  return cp;
}

// Non-ASCII code points that are spaces, punctuation or symbols rather than letters: the
// Latin-1 punctuation block (no-break space, ¡, «, ·, ¿ — but not ª, µ, º), × and ÷, General
// Punctuation (’, –, —, zero-width spaces), CJK punctuation, variation selectors, the BOM and
// full-width ASCII punctuation.
bool non_ascii_non_letter(std::uint32_t cp) {
  if (cp >= 0x80U && cp <= 0xBFU) return cp != 0xAAU && cp != 0xB5U && cp != 0xBAU;
  if (cp == 0xD7U || cp == 0xF7U) return true;
  if (cp >= 0x2000U && cp <= 0x206FU) return true;
  if ((cp >= 0x3000U && cp <= 0x3003U) || (cp >= 0x3008U && cp <= 0x3011U)) return true;
  if (cp >= 0xFE00U && cp <= 0xFE0FU) return true;
  if (cp == 0xFEFFU) return true;
  if ((cp >= 0xFF01U && cp <= 0xFF0FU) || (cp >= 0xFF1AU && cp <= 0xFF20U) ||
      (cp >= 0xFF3BU && cp <= 0xFF40U) || (cp >= 0xFF5BU && cp <= 0xFF65U))
    return true;
  return false;
}

// The digits of an E.164 number, or "" when `text` is not '+' and 8–15 digits (after dropping
// the separators people type). The store keeps phones in E.164 already; this guards imports
// that could not tell the country code (no '+'): without it the platform matches nobody.
std::string e164_digits(std::string_view text) {
  const std::string_view t = trim(text);
  if (t.empty() || t.front() != '+') return "";
  std::string digits;
  for (const char c : t.substr(1)) {
    if (c >= '0' && c <= '9') {
      digits.push_back(c);
    } else if (c != ' ' && c != '-' && c != '.' && c != '(' && c != ')') {
      return "";
    }
  }
  if (digits.size() < 8 || digits.size() > 15 || digits.front() == '0') return "";
  return digits;
}

bool has_dnc(const Lead& lead) { return !lead.do_not_contact.empty(); }

bool revoked_marketing(const Lead& lead) {
  return std::any_of(lead.consent.begin(), lead.consent.end(),
                     [](const ConsentRecord& c) { return c.purpose == Purpose::marketing && !c.granted; });
}

// The latest granted marketing consent's evidence time, or nullopt when there is none.
std::optional<UnixMillis> latest_marketing_grant(const Lead& lead) {
  std::optional<UnixMillis> latest;
  for (const auto& c : lead.consent) {
    if (c.purpose == Purpose::marketing && c.granted && (!latest || c.at > *latest)) latest = c.at;
  }
  return latest;
}

// Per lead, the time of its latest live `unsubscribed` event (only leads that have one).
std::unordered_map<std::uint64_t, UnixMillis> latest_unsubscribes(const EventLog& events) {
  std::unordered_map<std::uint64_t, UnixMillis> out;
  const auto positions = events.of_type(EventType::unsubscribed, std::numeric_limits<UnixMillis>::min(),
                                        std::numeric_limits<UnixMillis>::max());
  for (const std::uint32_t pos : positions) {
    const auto [it, added] = out.try_emplace(events.lead(pos).value, events.at(pos));
    if (!added) it->second = std::max(it->second, events.at(pos));
  }
  return out;
}

// One member's verdict and, when it qualifies, which contact keys go in the file.
struct Verdict {
  std::optional<AudienceSkip> skip;
  bool email = false;
  bool phone = false;
};

Verdict judge(const Lead& lead, const std::unordered_map<std::uint64_t, UnixMillis>& unsubscribes) {
  Verdict v;
  if (has_dnc(lead)) {
    v.skip = AudienceSkip::do_not_contact;
    return v;
  }
  bool withdrew = revoked_marketing(lead);
  if (!withdrew) {
    // An unsubscribe counts unless marketing consent was granted again after it.
    const auto unsub = unsubscribes.find(lead.id.value);
    if (unsub != unsubscribes.end()) {
      const auto grant = latest_marketing_grant(lead);
      withdrew = !grant || unsub->second >= *grant;
    }
  }
  if (withdrew) {
    v.skip = AudienceSkip::withdrew_consent;
    return v;
  }
  const bool has_email = !audience::normalize_email(lead.email).empty();
  const bool has_phone = !e164_digits(lead.phone).empty();
  if (!has_email && !has_phone) {
    v.skip = AudienceSkip::no_contact;
    return v;
  }
  v.email = has_email && may_contact(lead, Channel::email, Purpose::marketing);
  v.phone = has_phone && (may_contact(lead, Channel::sms, Purpose::marketing) ||
                          may_contact(lead, Channel::call, Purpose::marketing));
  if (!v.email && !v.phone) v.skip = AudienceSkip::no_consent;
  return v;
}

std::string two_digits(unsigned n) {
  std::string s = std::to_string(n);
  return n < 10 ? "0" + s : s;
}

// The lead's country, else the practice's (a lead without one is almost always local, and
// both platforms match far better with a country).
std::string_view country_of(const Lead& lead, const Workspace& ws) {
  return trim(lead.country).empty() ? std::string_view(ws.practice.country) : std::string_view(lead.country);
}

void append_row(std::string& out, const std::vector<std::string>& cells) {
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (i > 0) out.push_back(',');
    out += csv_text_cell(cells[i]);
  }
  out.push_back('\n');
}

void meta_row(std::string& out, const Lead& lead, const Verdict& v, const Workspace& ws) {
  using namespace audience;
  std::string doby;
  std::string dobm;
  std::string dobd;
  if (lead.birth_date) {
    doby = std::to_string(lead.birth_date->year);
    dobm = two_digits(lead.birth_date->month);
    dobd = two_digits(lead.birth_date->day);
  }
  const char* gen = lead.gender == Gender::female ? "f" : (lead.gender == Gender::male ? "m" : "");
  append_row(out, {hash_key(v.email ? audience::normalize_email(lead.email) : ""),
                   hash_key(v.phone ? meta_phone(lead.phone) : ""), hash_key(meta_letters(lead.first_name)),
                   hash_key(meta_letters(lead.last_name)), hash_key(meta_zip(lead.zip)),
                   hash_key(meta_letters(lead.city)), hash_key(meta_letters(lead.state)),
                   hash_key(meta_country(country_of(lead, ws))), hash_key(doby), hash_key(dobm),
                   hash_key(dobd), hash_key(gen), to_string(lead.id)});
}

void google_row(std::string& out, const Lead& lead, const Verdict& v, const Workspace& ws) {
  using namespace audience;
  // Country and Zip stay in clear text (Google matches them unhashed): ISO-2 upper case as
  // Google's template shows, the postal code as the practice typed it.
  std::string country = meta_country(country_of(lead, ws));
  for (char& c : country) c = static_cast<char>(c - 'a' + 'A');
  append_row(out, {hash_key(v.email ? audience::normalize_email(lead.email) : ""),
                   hash_key(v.phone ? google_phone(lead.phone) : ""), hash_key(google_name(lead.first_name)),
                   hash_key(google_name(lead.last_name)), country, std::string(trim(lead.zip))});
}

}  // namespace

std::string_view to_string(AudienceFormat v) { return k_formats[static_cast<std::size_t>(v)]; }
std::string_view display_name(AudienceFormat v) { return k_format_names[static_cast<std::size_t>(v)]; }
std::optional<AudienceFormat> parse_audience_format(std::string_view text) {
  for (std::size_t i = 0; i < k_formats.size(); ++i) {
    if (k_formats[i] == text) return static_cast<AudienceFormat>(i);
  }
  return std::nullopt;
}
std::string_view to_string(AudienceSkip v) { return k_skips[static_cast<std::size_t>(v)]; }
std::string_view describe(AudienceSkip v) { return k_skip_phrases[static_cast<std::size_t>(v)]; }

namespace audience {

std::string normalize_email(std::string_view email) { return ascii_lower(trim(email)); }

std::string meta_phone(std::string_view e164) { return e164_digits(e164); }

std::string google_phone(std::string_view e164) {
  const std::string digits = e164_digits(e164);
  return digits.empty() ? digits : "+" + digits;
}

std::string meta_letters(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    const auto cp = next_code_point(text, i);
    if (!cp) continue;
    if (*cp < 0x80U) {
      const auto c = static_cast<char>(lower(*cp));
      if (c >= 'a' && c <= 'z') out.push_back(c);
      continue;
    }
    if (!non_ascii_non_letter(*cp)) append_utf8(out, lower(*cp));
  }
  return out;
}

std::string google_name(std::string_view text) {
  const std::string_view t = trim(text);
  std::string out;
  for (std::size_t i = 0; i < t.size();) {
    const auto cp = next_code_point(t, i);
    if (cp) append_utf8(out, lower(*cp));
  }
  return out;
}

std::string meta_zip(std::string_view zip) {
  const std::string_view t = trim(zip);
  std::string out;
  for (const char c : t.substr(0, t.find('-'))) {
    if (c != ' ' && c != '\t') out.push_back(c);
  }
  return ascii_lower(out);
}

std::string meta_country(std::string_view country) {
  std::string lowered = ascii_lower(trim(country));
  if (lowered.size() != 2) return "";
  for (const char c : lowered) {
    if (c < 'a' || c > 'z') return "";
  }
  return lowered;
}

std::string hash_key(std::string_view normalized) {
  return normalized.empty() ? std::string() : sha256_hex(normalized);
}

}  // namespace audience

std::string audience_file_name(AudienceFormat format, CivilDate today) {
  return "audience-" + format_date(today) + "-" + std::string(to_string(format)) + ".csv";
}

std::string audience_too_small(std::size_t qualifying) {
  if (qualifying >= k_min_audience) return "";
  return "only " + count_noun(qualifying, "lead qualifies", "leads qualify") +
         "; Meta and Google need at least " + std::to_string(k_min_audience) +
         " people in a customer list, and a smaller list could single people out, so no file was made";
}

AudienceCount count_audience(const Workspace& ws, const segment::LeadSet& members) {
  AudienceCount count;
  const auto unsubscribes = latest_unsubscribes(ws.events);
  members.for_each([&](std::uint32_t row) {
    if (row >= ws.leads.rows() || ws.leads.is_deleted(row)) return;
    ++count.members;
    const Verdict v = judge(ws.leads.get(row), unsubscribes);
    if (v.skip) {
      ++count.skipped[static_cast<std::size_t>(*v.skip)];
      return;
    }
    ++count.qualifying;
    count.with_email += v.email ? 1 : 0;
    count.with_phone += v.phone ? 1 : 0;
  });
  return count;
}

Expected<AudienceFile> build_audience(const Workspace& ws, const segment::LeadSet& members,
                                      AudienceFormat format, CivilDate today) {
  AudienceFile file;
  file.format = format;
  file.file_name = audience_file_name(format, today);
  file.count = count_audience(ws, members);
  if (file.count.qualifying < k_min_audience) return Error{audience_too_small(file.count.qualifying)};

  // Hex digests are 64 bytes; a Meta row holds up to 12 of them.
  const std::size_t row_bytes = format == AudienceFormat::meta ? 800 : 300;
  file.csv.reserve(row_bytes * (file.count.qualifying + 1));
  file.csv += format == AudienceFormat::meta
                  ? "email,phone,fn,ln,zip,ct,st,country,doby,dobm,dobd,gen,extern_id\n"
                  : "Email,Phone,First Name,Last Name,Country,Zip\n";
  const auto unsubscribes = latest_unsubscribes(ws.events);
  members.for_each([&](std::uint32_t row) {
    if (row >= ws.leads.rows() || ws.leads.is_deleted(row)) return;
    const Lead lead = ws.leads.get(row);
    const Verdict v = judge(lead, unsubscribes);
    if (v.skip) return;
    if (format == AudienceFormat::meta) {
      meta_row(file.csv, lead, v, ws);
    } else {
      google_row(file.csv, lead, v, ws);
    }
  });
  return file;
}

}  // namespace nurture
