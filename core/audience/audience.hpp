#pragma once
/// Retargeting audiences: a segment's members as the file an ad platform takes for a customer
/// list — Meta's custom audience (customer list) or Google Ads Customer Match — normalised and
/// hashed on this device the way the platforms match them, so no contact detail leaves it in
/// clear text (docs/audience.md).
///
/// Who is in the file (the same rule for both formats; retargeting needs marketing consent):
///  - a member with do-not-contact on any channel is left out (do_not_contact);
///  - a member who withdrew marketing consent on any channel (a revoked marketing consent
///    record, or an `unsubscribed` event at or after their latest granted marketing consent) is
///    left out: an objection to marketing is absolute, whatever the channel (withdrew_consent);
///  - each contact key needs marketing consent on its own channel: the email with email
///    consent, the phone (E.164) with text or call consent (may_contact); a member with neither
///    key usable is left out (no_contact when there is no email and no E.164 phone at all,
///    no_consent when there is one but without consent). A key without consent is left empty.
///  - fewer than k_min_audience qualifying members: no file, an error saying how many qualify.
///
/// Files: UTF-8 without byte-order mark (Google checks the header text exactly), LF line ends,
/// one row per qualifying member in store row order, every text cell through csv_text_cell
/// (formula-neutralised, quoted when needed). The name is neutral — "audience-YYYY-MM-DD-meta.csv"
/// or "…-google.csv" — never the segment's name (Meta blocks health-suggestive names).

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/model/workspace.hpp"
#include "core/segment/lead_set.hpp"
#include "core/util/civil_time.hpp"
#include "core/util/expected.hpp"

namespace nurture {

enum class AudienceFormat : std::uint8_t { meta, google };
inline constexpr std::size_t k_audience_format_count = 2;
/// "meta", "google" (the CLI's --format values).
std::string_view to_string(AudienceFormat v);
/// Exact inverse of to_string; nullopt for anything else.
std::optional<AudienceFormat> parse_audience_format(std::string_view text);
/// "Meta", "Google" (for messages).
std::string_view display_name(AudienceFormat v);

/// Meta and Google refuse smaller lists; a tiny list could single people out.
inline constexpr std::size_t k_min_audience = 100;

/// Why a member is not in the file (see above for the order they are checked in).
enum class AudienceSkip : std::uint8_t { do_not_contact, withdrew_consent, no_contact, no_consent };
inline constexpr std::size_t k_audience_skip_count = 4;
/// "do_not_contact", "withdrew_consent", "no_contact", "no_consent".
std::string_view to_string(AudienceSkip v);
/// A short phrase for the UI: "do not contact", "withdrew marketing consent", …
std::string_view describe(AudienceSkip v);

/// Who of a set of leads qualifies, and why the others do not.
struct AudienceCount {
  std::size_t members = 0;     ///< live leads in the set
  std::size_t qualifying = 0;  ///< members that get a row
  std::size_t with_email = 0;  ///< qualifying members whose email is in the file
  std::size_t with_phone = 0;  ///< qualifying members whose phone is in the file
  std::array<std::size_t, k_audience_skip_count> skipped{};
  [[nodiscard]] std::size_t skipped_for(AudienceSkip why) const {
    return skipped[static_cast<std::size_t>(why)];
  }
};

/// The file to hand to the ad platform.
struct AudienceFile {
  AudienceFormat format = AudienceFormat::meta;
  std::string file_name;  ///< "audience-2026-12-06-meta.csv"
  std::string csv;        ///< header and rows
  AudienceCount count;    ///< count.qualifying rows follow the header
};

/// Counts `members` (rows of ws.leads; deleted rows are ignored) without building a file: the
/// dialog shows this live.
AudienceCount count_audience(const Workspace& ws, const segment::LeadSet& members);

/// The audience file for `members` in `format`, named after `today` (the user's local date).
/// An Error, with nothing built, when fewer than k_min_audience members qualify: "only 42 leads
/// qualify; Meta and Google need at least 100 …".
Expected<AudienceFile> build_audience(const Workspace& ws, const segment::LeadSet& members,
                                      AudienceFormat format, CivilDate today);

/// "audience-YYYY-MM-DD-meta.csv" / "…-google.csv".
std::string audience_file_name(AudienceFormat format, CivilDate today);

/// The refusal for an audience of `qualifying` members (k_min_audience or more: empty).
std::string audience_too_small(std::size_t qualifying);

/// The per-key normalisations, before hashing (exposed for tests and docs/audience.md). Each
/// returns "" when nothing usable is left; an empty value is never hashed.
namespace audience {
/// Trimmed, ASCII-lowercased (both formats).
std::string normalize_email(std::string_view email);
/// Meta: the E.164 number's digits, country code included, no '+'. "" unless `e164` is
/// '+' followed by 8 to 15 digits (spaces, dots, dashes and brackets are ignored).
std::string meta_phone(std::string_view e164);
/// Google: the same number as E.164 with its '+'.
std::string google_phone(std::string_view e164);
/// Meta fn, ln, ct, st: letters only, lowercase. ASCII digits, punctuation and white space go;
/// non-ASCII letters (é, ß, ñ, Cyrillic, Greek, CJK…) stay as UTF-8, lowercased where they
/// have a simple case pair (Latin-1, Latin Extended-A, Greek, Cyrillic); non-ASCII spaces and
/// punctuation (no-break space, ’, –, «») go too. Invalid UTF-8 bytes are dropped.
std::string meta_letters(std::string_view text);
/// Google First Name / Last Name: trimmed and lowercased (the same case mapping), nothing
/// removed inside ("mary ann", "o'brien").
std::string google_name(std::string_view text);
/// Meta zip: the part before the first '-', white space removed, lowercased ("33602-1234" →
/// "33602", "SW1A 1AA" → "sw1a1aa").
std::string meta_zip(std::string_view zip);
/// ISO 3166-1 alpha-2, lowercase for Meta ("us"); "" unless two ASCII letters after trimming.
std::string meta_country(std::string_view country);
/// Lowercase hex SHA-256 of `normalized`, or "" for "".
std::string hash_key(std::string_view normalized);
}  // namespace audience

}  // namespace nurture
