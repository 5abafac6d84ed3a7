#include "core/import/lead_row.hpp"

#include <algorithm>
#include <charconv>
#include <utility>

#include "core/model/contact.hpp"
#include "core/util/text.hpp"

namespace nurture::detail {

namespace {

constexpr std::size_t k_max_cell_text = 10000;  // the lead commands' limit

// HubSpot lifecycle stages and a few plain words → our funnel.
constexpr std::pair<std::string_view, Stage> k_stage_words[] = {
    {"subscriber", Stage::awareness},
    {"lead", Stage::awareness},
    {"new", Stage::awareness},
    {"marketingqualifiedlead", Stage::consideration},
    {"salesqualifiedlead", Stage::consideration},
    {"mql", Stage::consideration},
    {"sql", Stage::consideration},
    {"opportunity", Stage::conversion},
    {"customer", Stage::patient},
    {"evangelist", Stage::retained},
};

// Meta platforms and HubSpot's Original Source enumeration → readable sources.
constexpr std::pair<std::string_view, std::string_view> k_sources[] = {
    {"fb", "facebook"},
    {"ig", "instagram"},
    {"organic_search", "organic search"},
    {"paid_search", "paid search"},
    {"social_media", "organic social"},
    {"paid_social", "paid social"},
    {"email_marketing", "email marketing"},
    {"referrals", "referral"},
    {"direct_traffic", "direct"},
    {"offline", "offline"},
    {"other_campaigns", "other campaigns"},
    {"ai_referrals", "ai referral"},
};

constexpr std::pair<std::string_view, std::string_view> k_countries[] = {
    {"united states", "US"},
    {"usa", "US"},
    {"united states of america", "US"},
    {"canada", "CA"},
    {"united kingdom", "GB"},
    {"uk", "GB"},
    {"great britain", "GB"},
    {"ireland", "IE"},
    {"australia", "AU"},
    {"germany", "DE"},
    {"france", "FR"},
    {"spain", "ES"},
    {"italy", "IT"},
    {"mexico", "MX"},
    {"greece", "GR"},
    {"poland", "PL"},
    {"netherlands", "NL"},
    {"ukraine", "UA"},
};

struct Evidence {
  std::string optin_time, optin_ip, confirm_time, confirm_ip, unsub_time, unsub_reason, unsub_other,
      clean_time;
  std::string consent[k_channel_count];
  std::string do_not_contact;
};

std::optional<Stage> parse_stage_text(std::string_view text) {
  const std::string lower = ascii_lower(text);
  if (auto s = parse_stage(lower)) return s;
  const std::string n = normalize_header(lower);
  for (const auto& [word, stage] : k_stage_words) {
    if (word == n) return stage;
  }
  return std::nullopt;
}

std::string source_name(std::string_view text) {
  const std::string lower = ascii_lower(text);
  for (const auto& [code, name] : k_sources) {
    if (code == lower) return std::string(name);
  }
  return std::string(text);
}

std::optional<Gender> parse_gender_text(std::string_view text) {
  const std::string g = ascii_lower(text);
  if (g == "f" || g == "female" || g == "woman" || g == "w") return Gender::female;
  if (g == "m" || g == "male" || g == "man") return Gender::male;
  if (g == "nonbinary" || g == "non-binary" || g == "nb" || g == "x") return Gender::nonbinary;
  if (g == "unknown" || g == "prefer not to say" || g == "u") return Gender::unknown;
  return std::nullopt;
}

std::optional<std::string> country_code(std::string_view text) {
  const std::string lower = ascii_lower(text);
  if (lower.size() == 2 &&
      std::all_of(lower.begin(), lower.end(), [](char c) { return c >= 'a' && c <= 'z'; })) {
    return std::string{static_cast<char>(lower[0] - 'a' + 'A'), static_cast<char>(lower[1] - 'a' + 'A')};
  }
  for (const auto& [name, code] : k_countries) {
    if (name == lower) return std::string(code);
  }
  return std::nullopt;
}

void split_full_name(Lead& lead, std::string_view full) {
  const auto comma = full.find(',');
  if (comma != std::string_view::npos) {  // "Núñez, José"
    lead.last_name = std::string(trim(full.substr(0, comma)));
    lead.first_name = std::string(trim(full.substr(comma + 1)));
    return;
  }
  const auto space = full.find(' ');
  lead.first_name = std::string(trim(full.substr(0, space)));
  if (space != std::string_view::npos) lead.last_name = std::string(trim(full.substr(space + 1)));
}

void add_unique(std::vector<std::string>& list, const std::vector<std::string>& items) {
  for (const auto& item : items) {
    if (std::find(list.begin(), list.end(), item) == list.end()) list.push_back(item);
  }
}

// Sets the consent record for its (channel, purpose), honouring opt-out-wins.
bool put_consent(Lead& lead, const ConsentRecord& record) {
  const bool blocked = std::any_of(lead.do_not_contact.begin(), lead.do_not_contact.end(),
                                   [&](const DoNotContact& d) { return d.channel == record.channel; });
  if (record.granted && blocked) return false;
  auto it = std::find_if(lead.consent.begin(), lead.consent.end(), [&](const ConsentRecord& r) {
    return r.channel == record.channel && r.purpose == record.purpose;
  });
  if (it == lead.consent.end()) {
    lead.consent.push_back(record);
    return true;
  }
  if (it->granted && !record.granted) {
    *it = record;
    return true;
  }
  return false;
}

bool put_dnc(Lead& lead, const DoNotContact& dnc) {
  if (std::any_of(lead.do_not_contact.begin(), lead.do_not_contact.end(),
                  [&](const DoNotContact& d) { return d.channel == dnc.channel; })) {
    return false;
  }
  lead.do_not_contact.push_back(dnc);
  // Opt-out wins: granted consent on the channel is revoked with the same reason.
  for (auto& c : lead.consent) {
    if (c.channel == dnc.channel && c.granted)
      c = {c.channel, c.purpose, false, dnc.at, c.method, c.text, dnc.reason};
  }
  return true;
}

std::string describe_optin(const Evidence& e) {
  std::string text = "Subscribed to the practice's Mailchimp audience";
  if (!e.optin_time.empty()) {
    text += "; opted in " + e.optin_time + " UTC";
    if (!e.optin_ip.empty()) text += " from " + e.optin_ip;
  }
  if (!e.confirm_time.empty()) {
    text += "; confirmed " + e.confirm_time + " UTC";
    if (!e.confirm_ip.empty()) text += " from " + e.confirm_ip;
  }
  return text;
}

// Turns Mailchimp and generic consent columns into records; returns an error or "".
std::string apply_evidence(Lead& lead, const Evidence& e, const RowContext& ctx) {
  const auto time_of = [&](const std::string& text, const char* what, UnixMillis& out) -> std::string {
    if (text.empty()) return {};
    const auto t = parse_timestamp(text, ctx.date_order, 0);  // Mailchimp times are UTC
    if (!t) return std::string(what) + ": \"" + text + "\" is not a date and time";
    out = *t;
    return {};
  };
  UnixMillis optin = 0;
  UnixMillis confirm = 0;
  UnixMillis unsub = 0;
  UnixMillis clean = 0;
  for (auto error :
       {time_of(e.optin_time, "OPTIN_TIME", optin), time_of(e.confirm_time, "CONFIRM_TIME", confirm),
        time_of(e.unsub_time, "UNSUB_TIME", unsub), time_of(e.clean_time, "CLEAN_TIME", clean)}) {
    if (!error.empty()) return error;
  }
  MailchimpKind kind = ctx.mailchimp_kind;
  if (ctx.format != ImportFormat::mailchimp) {
    kind = !e.unsub_time.empty()                                ? MailchimpKind::unsubscribed
           : !e.clean_time.empty()                              ? MailchimpKind::cleaned
           : (!e.optin_time.empty() || !e.confirm_time.empty()) ? MailchimpKind::subscribed
                                                                : MailchimpKind::detect;
  }
  const UnixMillis granted_at = confirm != 0 ? confirm : (optin != 0 ? optin : ctx.now);
  if (kind == MailchimpKind::subscribed) {
    put_consent(lead, {Channel::email, Purpose::marketing, true, granted_at, "Mailchimp opt-in",
                       describe_optin(e), ""});
  } else if (kind == MailchimpKind::unsubscribed) {
    std::string reason = e.unsub_reason.empty() ? "Unsubscribed in Mailchimp" : e.unsub_reason;
    if (!e.unsub_other.empty()) reason += ": " + e.unsub_other;
    const UnixMillis at = unsub != 0 ? unsub : ctx.now;
    put_consent(lead, {Channel::email, Purpose::marketing, false, at, "Mailchimp unsubscribe",
                       describe_optin(e), reason});
    put_dnc(lead, {Channel::email, reason, at});
  } else if (kind == MailchimpKind::cleaned) {
    put_dnc(lead, {Channel::email, "bounced (Mailchimp cleaned)", clean != 0 ? clean : ctx.now});
  }
  // Generic columns (and our own export): yes/no per channel, a list of blocked channels.
  const UnixMillis at = lead.created_at != 0 ? lead.created_at : ctx.now;
  for (std::size_t ch = 0; ch < k_channel_count; ++ch) {
    if (e.consent[ch].empty()) continue;
    const auto granted = parse_bool(e.consent[ch]);
    const auto channel = static_cast<Channel>(ch);
    if (!granted)
      return std::string(to_string(channel)) + "_consent: \"" + e.consent[ch] + "\" is not yes or no";
    put_consent(lead, {channel, Purpose::marketing, *granted, at, "imported", "",
                       *granted ? "" : "Imported as revoked"});
  }
  for (const auto& item : split_list(e.do_not_contact)) {
    const auto channel = parse_channel(ascii_lower(item));
    if (!channel) return "do_not_contact: \"" + item + "\" is not email, sms or call";
    put_dnc(lead, {*channel, "Imported as do-not-contact", at});
  }
  return {};
}

}  // namespace

std::string normalize_newlines(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') continue;
    out.push_back(text[i]);
  }
  return out;
}

std::string_view unneutralize(std::string_view value) {
  if (value.size() >= 2 && value[0] == '\'') {
    const char c = value[1];
    if (c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r') value.remove_prefix(1);
  }
  return value;
}

ParsedRow parse_lead_row(const std::vector<std::string>& fields, const RowContext& ctx) {
  ParsedRow out;
  Lead& lead = out.lead;
  Evidence evidence;
  std::string full_name;
  std::string raw_email;
  std::string raw_phone;
  bool any = false;
  const auto set_once = [](std::string& slot, std::string_view value) {
    if (slot.empty()) slot = std::string(value);
  };
  for (std::size_t i = 0; i < fields.size() && out.error.empty(); ++i) {
    if (i >= ctx.mapping.size()) {
      if (!trim(fields[i]).empty()) {
        out.error = "has " + std::to_string(fields.size()) + " fields but the header has " +
                    std::to_string(ctx.mapping.size());
      }
      continue;
    }
    const ColumnTarget& target = ctx.mapping[i];
    if (target.field == ImportField::ignore) continue;
    std::string_view value = unneutralize(trim(fields[i]));
    if (value.empty()) continue;
    // Quoted cells from Windows files carry CRLF inside: stored text uses LF.
    std::string lf;
    if (value.find("\r\n") != std::string_view::npos) {
      lf = normalize_newlines(value);
      value = lf;
    }
    any = true;
    const auto column = [&] { return "column " + std::to_string(i + 1) + " (" + to_string(target) + ")"; };
    if (!is_valid_utf8(value)) {
      out.error = column() + " is not valid UTF-8 text";
      break;
    }
    if (value.size() > k_max_cell_text) {
      out.error = column() + " is longer than " + std::to_string(k_max_cell_text) + " bytes";
      break;
    }
    switch (target.field) {
      case ImportField::ignore:
        break;
      case ImportField::first_name:
        set_once(lead.first_name, value);
        break;
      case ImportField::last_name:
        set_once(lead.last_name, value);
        break;
      case ImportField::full_name:
        set_once(full_name, value);
        break;
      case ImportField::email:
        set_once(raw_email, value);
        break;
      case ImportField::phone:
        set_once(raw_phone, value);
        break;
      case ImportField::birth_date: {
        if (lead.birth_date) break;
        if (auto date = parse_spreadsheet_date(value, ctx.date_order)) {
          if (days_from_civil(*date) * 86'400'000 > ctx.now) {
            out.error = "birth date " + format_date(*date) + " is in the future";
          } else {
            lead.birth_date = date;
          }
          break;
        }
        // Mailchimp's Birthday is "MM/DD" without a year: kept as custom field "birthday".
        const auto slash = value.find('/');
        unsigned m = 0;
        unsigned d = 0;
        if (slash != std::string_view::npos && value.size() <= 5 &&
            std::from_chars(value.data(), value.data() + slash, m).ptr == value.data() + slash &&
            std::from_chars(value.data() + slash + 1, value.data() + value.size(), d).ptr ==
                value.data() + value.size() &&
            m >= 1 && m <= 12 && d >= 1 && d <= 31) {
          std::string md = format_date({2000, m, d}).substr(5);
          lead.custom_fields.emplace("birthday", md);
          break;
        }
        out.error = "birth date \"" + std::string(value) + "\" is not a date";
        break;
      }
      case ImportField::age: {
        unsigned age = 0;
        const auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), age);
        // A range such as "25-34" or "65+" keeps its lower bound.
        const bool rest_ok = ptr == value.data() + value.size() || *ptr == '-' || *ptr == '+' || *ptr == ' ';
        if (ec != std::errc{} || !rest_ok || age > 120) {
          out.error = "age \"" + std::string(value) + "\" is not a number from 0 to 120";
        } else if (!lead.age) {
          lead.age = static_cast<std::uint8_t>(age);
        }
        break;
      }
      case ImportField::gender:
        if (auto g = parse_gender_text(value)) {
          lead.gender = *g;
        } else {
          out.warnings.push_back("gender \"" + std::string(value) + "\" is not recognised; left unknown");
        }
        break;
      case ImportField::street:
        set_once(lead.street, value);
        break;
      case ImportField::city:
        set_once(lead.city, value);
        break;
      case ImportField::state:
        set_once(lead.state, value);
        break;
      case ImportField::zip:
        set_once(lead.zip, value.substr(0, 2) == "z:" ? trim(value.substr(2)) : value);  // Meta
        break;
      case ImportField::country:
        if (auto code = country_code(value)) {
          set_once(lead.country, *code);
        } else {
          out.warnings.push_back("country \"" + std::string(value) + "\" is not an ISO code; left empty");
        }
        break;
      case ImportField::time_zone:
        set_once(lead.time_zone, value);
        break;
      case ImportField::source:
        set_once(lead.source, source_name(value));
        break;
      case ImportField::campaign:
        set_once(lead.campaign, value);
        break;
      case ImportField::ad:
        set_once(lead.ad, value);
        break;
      case ImportField::form:
        set_once(lead.form, value);
        break;
      case ImportField::interests:
        add_unique(lead.interests, split_list(value));
        break;
      case ImportField::tags:
        add_unique(lead.tags, split_list(value));
        break;
      case ImportField::notes:
        lead.notes = lead.notes.empty() ? std::string(value) : lead.notes + "\n" + std::string(value);
        break;
      case ImportField::created_at: {
        if (lead.created_at != 0) break;
        const auto t = parse_timestamp(value, ctx.date_order, ctx.utc_offset_minutes);
        if (!t) {
          out.error = "created_at \"" + std::string(value) + "\" is not a date and time";
        } else if (*t > ctx.now + 86'400'000) {
          out.error = "created_at " + format_iso8601_utc(*t) + " is in the future";
        } else {
          lead.created_at = *t;
        }
        break;
      }
      case ImportField::stage:
        if (auto s = parse_stage_text(value)) {
          lead.stage = *s;
          out.stage_given = true;
        } else {
          out.warnings.push_back("stage \"" + std::string(value) + "\" is not recognised; ignored");
        }
        break;
      case ImportField::external_id:
        lead.custom_fields.emplace("external_id", value.substr(0, 2) == "l:" ? value.substr(2) : value);
        break;
      case ImportField::custom:
        lead.custom_fields.emplace(target.custom, value);
        break;
      case ImportField::email_consent:
      case ImportField::sms_consent:
      case ImportField::call_consent:
        set_once(evidence.consent[static_cast<std::size_t>(target.field) -
                                  static_cast<std::size_t>(ImportField::email_consent)],
                 value);
        break;
      case ImportField::do_not_contact:
        set_once(evidence.do_not_contact, value);
        break;
      case ImportField::optin_time:
        set_once(evidence.optin_time, value);
        break;
      case ImportField::optin_ip:
        set_once(evidence.optin_ip, value);
        break;
      case ImportField::confirm_time:
        set_once(evidence.confirm_time, value);
        break;
      case ImportField::confirm_ip:
        set_once(evidence.confirm_ip, value);
        break;
      case ImportField::unsub_time:
        set_once(evidence.unsub_time, value);
        break;
      case ImportField::unsub_reason:
        set_once(evidence.unsub_reason, value);
        break;
      case ImportField::unsub_reason_other:
        set_once(evidence.unsub_other, value);
        break;
      case ImportField::clean_time:
        set_once(evidence.clean_time, value);
        break;
    }
  }
  if (!out.error.empty()) return out;
  if (!any) {
    out.empty = true;
    return out;
  }
  if (lead.first_name.empty() && lead.last_name.empty() && !full_name.empty())
    split_full_name(lead, full_name);
  if (!raw_email.empty()) {
    auto email = normalize_email(raw_email);
    if (!email) {
      out.error = "email \"" + raw_email + "\" is not an email address";
      return out;
    }
    lead.email = std::move(*email);
  }
  if (!raw_phone.empty()) {
    const std::string_view country =
        lead.country.empty() ? std::string_view(ctx.default_country) : lead.country;
    auto phone = normalize_phone(raw_phone, country);
    if (!phone) {
      out.error = "phone \"" + raw_phone + "\" cannot be read as a phone number";
      return out;
    }
    lead.phone = std::move(*phone);
  }
  if (lead.first_name.empty() && lead.last_name.empty() && lead.email.empty() && lead.phone.empty()) {
    out.error = "has no name, email or phone";
    return out;
  }
  out.error = apply_evidence(lead, evidence, ctx);
  return out;
}

bool merge_lead(Lead& into, const Lead& from, bool stage_given, bool existing,
                std::vector<std::string>& conflicts) {
  bool changed = false;
  const auto text = [&](std::string& a, const std::string& b, const char* name) {
    if (b.empty() || a == b) return;
    if (a.empty()) {
      a = b;
      changed = true;
    } else {
      conflicts.push_back(std::string(name) + ": kept \"" + a + "\", the file has \"" + b + "\"");
    }
  };
  text(into.first_name, from.first_name, "first_name");
  text(into.last_name, from.last_name, "last_name");
  text(into.email, from.email, "email");
  text(into.phone, from.phone, "phone");
  text(into.street, from.street, "street");
  text(into.city, from.city, "city");
  text(into.state, from.state, "state");
  text(into.zip, from.zip, "zip");
  text(into.country, from.country, "country");
  text(into.time_zone, from.time_zone, "time_zone");
  text(into.source, from.source, "source");
  text(into.campaign, from.campaign, "campaign");
  text(into.ad, from.ad, "ad");
  text(into.form, from.form, "form");
  text(into.notes, from.notes, "notes");
  if (!into.birth_date && from.birth_date) {
    into.birth_date = from.birth_date;
    changed = true;
  }
  if (!into.age && from.age) {
    into.age = from.age;
    changed = true;
  }
  if (into.gender == Gender::unknown && from.gender != Gender::unknown) {
    into.gender = from.gender;
    changed = true;
  }
  const auto list = [&](std::vector<std::string>& a, const std::vector<std::string>& b) {
    const auto before = a.size();
    add_unique(a, b);
    changed = changed || a.size() != before;
  };
  list(into.interests, from.interests);
  list(into.tags, from.tags);
  for (const auto& [key, value] : from.custom_fields) {
    const auto [it, inserted] = into.custom_fields.emplace(key, value);
    if (inserted) {
      changed = true;
    } else if (it->second != value) {
      std::string message = key;
      message += ": kept \"" + it->second + "\", the file has \"";
      message += value + "\"";
      conflicts.push_back(std::move(message));
    }
  }
  if (stage_given && from.stage > into.stage) {
    into.stage = from.stage;
    changed = true;
  }
  if (!existing && from.created_at != 0 && (into.created_at == 0 || from.created_at < into.created_at)) {
    into.created_at = from.created_at;
    changed = true;
  }
  for (const auto& d : from.do_not_contact) changed = put_dnc(into, d) || changed;
  for (const auto& c : from.consent) changed = put_consent(into, c) || changed;
  return changed;
}

}  // namespace nurture::detail
