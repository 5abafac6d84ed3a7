// The demo's people: who each lead is (name, interests, source, contact details, age) and what
// they agreed to when they signed up. Part of the demo generator (demo_generator.hpp).
#include <algorithm>
#include <string>

#include "core/demo/demo_generator.hpp"

namespace nurture::demo {

namespace {

constexpr const char* k_email_consent_text =
    "Yes, send me emails about treatments, events and offers from Lumen Aesthetics & Laser. I can "
    "unsubscribe at any time.";
constexpr const char* k_text_consent_text =
    "Yes, text me about appointments and offers from Lumen Aesthetics & Laser. Up to 4 msgs/month. Msg & "
    "data rates may apply. Reply STOP to opt out, HELP for help.";
constexpr const char* k_call_consent_text = "You may call me about my inquiry and appointments.";

}  // namespace

SourceStyle style_of(std::string_view source) {
  if (source == "meta-lead-ads") return {"Meta lead form", "Free consultation", "Glow for less", 0.0};
  if (source == "google-ads") return {"web form", "Book a consultation", "Search: injectables Tampa", 0.05};
  if (source == "referral") return {"front desk", "Front desk sign-in", "", 0.3};
  if (source == "events") return {"front desk", "Open house sign-up", "Spring open house", 0.15};
  if (source == "newsletter") return {"Mailchimp opt-in", "Newsletter sign-up", "", 0.0};
  return {"web form", "Contact us", "", 0.05};
}

void Generator::make_person(Person& p, std::size_t index, UnixMillis created) {
  Lead& l = p.lead;
  std::uint64_t id = 0;
  while (id == 0) id = mix((m_opt.seed << 20U) + index + 1) ^ m_opt.seed;
  l.id = LeadId{id};
  l.created_at = created;
  const double g = m_rng.uniform();
  l.gender = g < 0.82   ? Gender::female
             : g < 0.97 ? Gender::male
             : g < 0.98 ? Gender::nonbinary
                        : Gender::unknown;
  const auto& first = l.gender == Gender::male ? m_rng.pick(demo::male_first_names())
                                               : m_rng.pick(demo::female_first_names());
  const auto& last = m_rng.pick(demo::last_names());
  l.first_name = first.display;
  l.last_name = last.display;
  p.treatment = &m_ws.treatments[m_rng.weighted(demo::treatment_weights())];
  l.interests.push_back(p.treatment->id);
  for (int extra = static_cast<int>(m_rng.range(0, 2)); extra > 0; --extra) {
    const auto& other = m_ws.treatments[m_rng.weighted(demo::treatment_weights())].id;
    if (std::find(l.interests.begin(), l.interests.end(), other) == l.interests.end())
      l.interests.push_back(other);
  }
  l.source = m_ws.sources[m_rng.weighted(demo::source_weights())].id;
  const SourceStyle style = style_of(l.source);
  l.form = style.form;
  l.campaign = style.campaign;
  if (l.source == "meta-lead-ads") l.ad = p.treatment->id + (m_rng.chance(0.5) ? "-carousel" : "-video");
  if (l.source == "google-ads") l.ad = p.treatment->id + "-search";
  contact_details(p, first, last);
  demographics(l);
  consent(p, style);
  const double e = m_rng.uniform();
  p.engagement = e * e;
  if (l.source == "newsletter") l.tags.emplace_back("newsletter");
  if (l.source == "events") l.tags.emplace_back("open-house");
  if (m_rng.chance(0.03)) l.tags.emplace_back("bride-2027");
  if (m_rng.chance(0.05)) l.tags.emplace_back("price-shopper");
  if (m_rng.chance(0.4)) {
    static constexpr std::string_view k_pref[] = {"email", "text", "phone"};
    l.custom_fields["preferred_contact"] = std::string(m_rng.pick(std::span<const std::string_view>(k_pref)));
  }
  if (p.treatment->category == "laser" && m_rng.chance(0.6)) {
    l.custom_fields["skin_type"] =
        "Fitzpatrick " + std::string(1, static_cast<char>('1' + m_rng.range(0, 5)));
  }
  if (m_rng.chance(0.04)) {
    static constexpr std::string_view k_notes[] = {
        "Prefers appointments after 5 pm.", "Asked about financing at the open house.",
        "Nervous about needles; offer numbing cream.", "Sister is a patient (referred).",
        "Wants results before a wedding in June."};
    l.notes = std::string(m_rng.pick(std::span<const std::string_view>(k_notes)));
  }
}

void Generator::contact_details(Person& p, const demo::Name& first, const demo::Name& last) {
  Lead& l = p.lead;
  if (!m_rng.chance(0.04)) {
    static constexpr std::string_view k_domains[] = {"example.com", "example.net", "example.org"};
    static constexpr std::string_view k_patterns[] = {".", "", "_"};
    const std::string domain(m_rng.pick(std::span<const std::string_view>(k_domains)));
    std::string local = std::string(first.ascii) +
                        std::string(m_rng.pick(std::span<const std::string_view>(k_patterns))) +
                        std::string(last.ascii);
    if (m_rng.chance(0.3)) local += std::to_string(m_rng.range(1, 99));
    std::string email = local + "@" + domain;
    for (int n = 2; m_emails.contains(email); ++n) {
      email = local;
      email += std::to_string(n);
      email += "@";
      email += domain;
    }
    m_emails.insert(email);
    l.email = std::move(email);
  }
  if (m_rng.chance(0.8)) {
    for (int attempt = 0; attempt < 40 && l.phone.empty(); ++attempt) {
      const auto area =
          attempt < 20 ? m_rng.pick(demo::area_codes())
                       : demo::area_codes()[static_cast<std::size_t>(attempt) % demo::area_codes().size()];
      std::string phone = "+1" + std::string(area) + "55501" + std::to_string(m_rng.range(0, 9)) +
                          std::to_string(m_rng.range(0, 9));
      if (m_phones.insert(phone).second) l.phone = std::move(phone);
    }
  }
  // Form leads give an address less often than patients at the front desk.
  const double with_address = l.source == "referral" || l.source == "events" ? 0.8 : 0.45;
  const auto& place = demo::places()[m_rng.weighted(place_weights())];
  l.city = place.city;
  l.state = place.state;
  l.zip = place.zip;
  l.country = "US";
  l.time_zone = place.time_zone;
  if (m_rng.chance(with_address)) {
    l.street = std::to_string(m_rng.range(100, 9899)) + " " + std::string(m_rng.pick(demo::streets()));
  }
}

std::span<const int> Generator::place_weights() {
  if (m_place_weights.empty()) {
    for (const auto& pl : demo::places()) m_place_weights.push_back(pl.weight);
  }
  return m_place_weights;
}

void Generator::demographics(Lead& l) {
  // Most aesthetic patients are 30 to 55; a triangular-ish spread around 40.
  const auto age = static_cast<int>(22 + (m_rng.range(0, 23) + m_rng.range(0, 23)));
  const double known = m_rng.uniform();
  const CivilDate today = utc_date(m_opt.now);
  if (known < 0.55) {
    CivilDate birth{today.year - age, static_cast<unsigned>(m_rng.range(1, 12)),
                    static_cast<unsigned>(m_rng.range(1, 28))};
    l.birth_date = birth;
  } else if (known < 0.75) {
    l.age = static_cast<std::uint8_t>(age);
  }
}

void Generator::consent(Person& p, const SourceStyle& style) {
  Lead& l = p.lead;
  if (!l.email.empty() && m_rng.chance(0.93)) {
    l.consent.push_back({Channel::email, Purpose::marketing, true, l.created_at, style.consent_method,
                         k_email_consent_text, ""});
    p.email_ok = true;
  }
  if (!l.phone.empty() && m_rng.chance(0.6)) {
    l.consent.push_back({Channel::sms, Purpose::marketing, true, l.created_at, style.consent_method,
                         k_text_consent_text, ""});
    p.text_ok = true;
  }
  if (!l.phone.empty() && m_rng.chance(0.5)) {
    l.consent.push_back({Channel::call, Purpose::marketing, true, l.created_at, style.consent_method,
                         k_call_consent_text, ""});
  }
}

}  // namespace nurture::demo
