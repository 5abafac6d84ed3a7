// The demo practice's fixed data. Everything here is invented: the practice, its doctor, the
// people's names (a mix as diverse as Tampa's), the street numbers, and the phone numbers,
// which are all in the 555-01xx block set aside for fiction.
#include "core/demo/demo_data.hpp"

#include <algorithm>
#include <cmath>

#include "core/util/splitmix.hpp"

namespace nurture::demo {

namespace {

constexpr std::int64_t dollars(std::int64_t d) { return d * 100; }

}  // namespace

PracticeProfile practice() {
  PracticeProfile p;
  p.name = "Lumen Aesthetics & Laser";
  p.street = "1450 Bayshore Palms Avenue, Suite 210";
  p.city = "Tampa";
  p.state = "FL";
  p.zip = "33606";
  p.country = "US";
  p.time_zone = "America/New_York";
  p.phone = "+18135550100";
  p.email = "hello@lumen.example.com";
  p.website = "https://lumen.example.com";
  // Minutes since midnight: Mon–Thu 9–18, Fri 9–17, Sat 10–14, Sunday closed.
  p.hours = {DayHours{540, 1080}, DayHours{540, 1080}, DayHours{540, 1080}, DayHours{540, 1080},
             DayHours{540, 1020}, DayHours{600, 840},  DayHours{}};
  return p;
}

std::vector<Treatment> treatments() {
  return {
      {"botox", "Botox & Dysport", "injectables", 90, dollars(450), {}, false},
      {"filler", "Dermal fillers", "injectables", 270, dollars(750), {}, false},
      {"lip-filler", "Lip filler", "injectables", 180, dollars(650), {}, false},
      {"laser-hair-removal", "Laser hair removal", "laser", 42, dollars(300), {}, false},
      {"hydrafacial", "HydraFacial", "skin", 30, dollars(199), {}, false},
      {"chemical-peel", "Chemical peel", "skin", 42, dollars(175), {}, false},
      {"microneedling", "Microneedling", "skin", 30, dollars(350), {}, false},
      {"ipl", "IPL photofacial", "laser", 30, dollars(400), {}, false},
      {"coolsculpting", "CoolSculpting", "body", 0, dollars(2400), {}, false},
      {"kybella", "Kybella", "injectables", 0, dollars(1200), {}, false},
      {"laser-resurfacing", "Laser skin resurfacing", "laser", 365, dollars(1500), {}, false},
      {"prp-hair", "PRP hair restoration", "regenerative", 120, dollars(800), {}, false},
  };
}

std::span<const int> treatment_weights() {
  static constexpr std::array<int, 12> k = {24, 12, 10, 14, 12, 5, 6, 5, 5, 2, 3, 2};
  return k;
}

std::vector<LeadSource> sources() {
  return {
      {"meta-lead-ads", "Facebook & Instagram lead ads", SourceKind::paid, dollars(2500), {}, false},
      {"google-ads", "Google Ads", SourceKind::paid, dollars(3000), {}, false},
      {"website", "Website & organic search", SourceKind::organic, dollars(400), {}, false},
      {"instagram", "Instagram (organic)", SourceKind::social, 0, {}, false},
      {"referral", "Patient referrals", SourceKind::referral, 0, {}, false},
      {"newsletter", "Mailchimp newsletter", SourceKind::email, dollars(60), {}, false},
      {"events", "Walk-ins & events", SourceKind::offline, dollars(300), {}, false},
      {"realself", "RealSelf & reviews", SourceKind::other, dollars(250), {}, false},
  };
}

std::vector<AdSpend> ad_spend(const std::vector<LeadSource>& sources, std::uint64_t seed, UnixMillis now,
                              const Stamp& stamp) {
  SplitMix64 rng(seed ^ 0xAD5BE2D0ULL);
  // The practice is in Tampa (UTC-5 in winter); an hour either way does not move a month here.
  constexpr UnixMillis k_five_hours = UnixMillis{5} * 60 * 60 * 1000;
  const CivilDate today = utc_date(now - k_five_hours);
  YearMonth first{today.year - 1, today.month};
  std::vector<AdSpend> out;
  for (const LeadSource& s : sources) {
    if (s.kind != SourceKind::paid || s.monthly_cost_cents == 0) continue;
    const char* note = s.id == "google-ads" ? "Imported from a Google Ads report"
                                            : "Imported from a Meta Ads Manager export";
    YearMonth m = first;
    for (int i = 0; i < 12; ++i) {
      // Budgets grow from about 70% to 130% of today's typical month (like the arrivals), give
      // or take 12%.
      const double growth = 0.7 + 0.6 * (static_cast<double>(i) + 0.5) / 12.0;
      const double noise = 0.88 + 0.24 * (static_cast<double>(rng.next() >> 11U) * 0x1.0p-53);
      const auto cents =
          static_cast<std::int64_t>(std::llround(static_cast<double>(s.monthly_cost_cents) * growth * noise));
      out.push_back(AdSpend{s.id, m, cents, note, stamp, false});
      m = m.month == 12 ? YearMonth{m.year + 1, 1} : YearMonth{m.year, m.month + 1};
    }
  }
  std::sort(out.begin(), out.end(), ad_spend_key_less);
  return out;
}

std::span<const int> source_weights() {
  static constexpr std::array<int, 8> k = {30, 19, 15, 7, 11, 5, 5, 8};
  return k;
}

std::vector<ContentItem> content() {
  using K = ContentKind;
  using S = Stage;
  struct Row {
    const char* id;
    const char* title;
    const char* treatment;
    std::uint16_t minutes;
    K kind;
    S stage;
  };
  static constexpr Row k_rows[] = {
      {"meet-dr-reyes", "Meet Dr. Elena Reyes, board-certified dermatologist", "", 4, K::article,
       S::awareness},
      {"medical-vs-day-spa", "Medical spa or day spa? What the difference means for your safety", "", 5,
       K::article, S::awareness},
      {"florida-sun", "Florida sun and your skin: choosing a sunscreen that works", "", 4, K::article,
       S::awareness},
      {"hydrafacial-video", "What happens during a HydraFacial (3-minute video)", "hydrafacial", 3, K::video,
       S::awareness},
      {"microneedling-scars", "Microneedling for acne scars: what the research says", "microneedling", 6,
       K::article, S::awareness},
      {"prp-thinning-hair", "PRP for thinning hair: who it helps and who it doesn't", "prp-hair", 5,
       K::article, S::awareness},
      {"botox-guide", "Botox vs. Dysport: a plain-English guide to wrinkle relaxers", "botox", 8, K::guide,
       S::consideration},
      {"botox-faq", "Botox FAQ: how long it lasts, how it feels, what it costs", "botox", 5, K::faq,
       S::consideration},
      {"botox-video", "Watch a Botox appointment from start to finish", "botox", 10, K::video,
       S::consideration},
      {"filler-guide", "Dermal fillers explained: cheeks, jawline and under-eyes", "filler", 9, K::guide,
       S::consideration},
      {"lip-filler-results", "Lip filler before & after: subtle, natural results", "lip-filler", 2,
       K::before_after, S::consideration},
      {"laser-hair-sessions", "Laser hair removal: how many sessions you really need", "laser-hair-removal",
       6, K::guide, S::consideration},
      {"laser-hair-faq", "Laser hair removal FAQ for every skin type", "laser-hair-removal", 5, K::faq,
       S::consideration},
      {"peels-compared", "Chemical peels compared: light, medium and deep", "chemical-peel", 7, K::guide,
       S::consideration},
      {"ipl-results", "IPL photofacial before & after: sun spots and redness", "ipl", 2, K::before_after,
       S::consideration},
      {"coolsculpting-guide", "CoolSculpting: is non-surgical fat reduction right for you?", "coolsculpting",
       8, K::guide, S::consideration},
      {"kybella-faq", "Kybella FAQ: treating a double chin without surgery", "kybella", 4, K::faq,
       S::consideration},
      {"resurfacing-recovery", "Laser resurfacing recovery, day by day", "laser-resurfacing", 7, K::article,
       S::consideration},
      {"coolsculpting-story",
       "\u201cI finally feel like myself again\u201d \u2014 Maria's CoolSculpting story", "coolsculpting", 4,
       K::testimonial, S::conversion},
      {"patient-stories", "Patient stories: five Lumen patients share their results", "", 6, K::testimonial,
       S::conversion},
      {"first-visit", "What to expect at your first consultation", "", 4, K::guide, S::conversion},
      {"pricing-financing", "Pricing, packages and financing options", "", 3, K::faq, S::conversion},
      {"injectables-aftercare", "After your injectables: the first 48 hours", "botox", 3, K::guide,
       S::patient},
      {"laser-aftercare", "Caring for your skin after a laser treatment", "laser-hair-removal", 4, K::guide,
       S::patient},
      {"between-treatments", "Your at-home routine between treatments", "", 5, K::article, S::retained},
      {"glow-club", "The Lumen Glow Club: members save on every visit", "", 2, K::article, S::retained},
  };
  std::vector<ContentItem> out;
  out.reserve(std::size(k_rows));
  for (const Row& r : k_rows) {
    ContentItem c;
    c.id = r.id;
    c.title = r.title;
    c.kind = r.kind;
    c.stage = r.stage;
    c.treatment = r.treatment;
    c.url = std::string("https://lumen.example.com/learn/") + r.id;
    c.minutes = r.minutes;
    out.push_back(std::move(c));
  }
  return out;
}

std::span<const Name> female_first_names() {
  static constexpr Name k[] = {
      {"Sofía", "sofia"},
      {"Emily", "emily"},
      {"Jessica", "jessica"},
      {"María", "maria"},
      {"Ashley", "ashley"},
      {"Zoë", "zoe"},
      {"Chloé", "chloe"},
      {"Olivia", "olivia"},
      {"Valentina", "valentina"},
      {"Renée", "renee"},
      {"Priya", "priya"},
      {"Aaliyah", "aaliyah"},
      {"Hannah", "hannah"},
      {"Camila", "camila"},
      {"Lauren", "lauren"},
      {"Inés", "ines"},
      {"Mei", "mei"},
      {"Nicole", "nicole"},
      {"Gabriela", "gabriela"},
      {"Brittany", "brittany"},
      {"Siobhán", "siobhan"},
      {"Amanda", "amanda"},
      {"Lucía", "lucia"},
      {"Tiffany", "tiffany"},
      {"Jennifer", "jennifer"},
      {"Ximena", "ximena"},
      {"Kayla", "kayla"},
      {"Ana", "ana"},
      {"Megan", "megan"},
      {"Daniela", "daniela"},
      {"Stephanie", "stephanie"},
      {"Noémie", "noemie"},
      {"Rachel", "rachel"},
      {"Yuki", "yuki"},
      {"Alexis", "alexis"},
      {"Danielle", "danielle"},
      {"Fatima", "fatima"},
      {"Courtney", "courtney"},
      {"Isabella", "isabella"},
      {"Björk", "bjork"},
      {"Samantha", "samantha"},
      {"Mariana", "mariana"},
      {"Kimberly", "kimberly"},
      {"Léa", "lea"},
      {"Tamika", "tamika"},
      {"Heather", "heather"},
      {"Natalia", "natalia"},
      {"Linh", "linh"},
      {"Dominique", "dominique"},
      {"Paola", "paola"},
      {"Erin", "erin"},
      {"Jasmine", "jasmine"},
      {"Małgorzata", "malgorzata"},
      {"Anaïs", "anais"},
      {"Keisha", "keisha"},
      {"Claire", "claire"},
  };
  return k;
}

std::span<const Name> male_first_names() {
  static constexpr Name k[] = {
      {"Michael", "michael"}, {"José", "jose"},       {"David", "david"}, {"Andrés", "andres"},
      {"Chris", "chris"},     {"Marcus", "marcus"},   {"Raj", "raj"},     {"Jason", "jason"},
      {"Luis", "luis"},       {"Brandon", "brandon"}, {"Kenji", "kenji"}, {"Tomás", "tomas"},
      {"Ryan", "ryan"},       {"Darnell", "darnell"}, {"Eric", "eric"},   {"Mateo", "mateo"},
  };
  return k;
}

std::span<const Name> last_names() {
  static constexpr Name k[] = {
      {"García", "garcia"},       {"Smith", "smith"},       {"Johnson", "johnson"},
      {"Rodríguez", "rodriguez"}, {"Nguyen", "nguyen"},     {"Williams", "williams"},
      {"Martínez", "martinez"},   {"Brown", "brown"},       {"Patel", "patel"},
      {"Hernández", "hernandez"}, {"Davis", "davis"},       {"López", "lopez"},
      {"Miller", "miller"},       {"González", "gonzalez"}, {"Wilson", "wilson"},
      {"Pérez", "perez"},         {"Anderson", "anderson"}, {"Kim", "kim"},
      {"Thomas", "thomas"},       {"Sánchez", "sanchez"},   {"Taylor", "taylor"},
      {"Ramírez", "ramirez"},     {"Moore", "moore"},       {"Chen", "chen"},
      {"Jackson", "jackson"},     {"Torres", "torres"},     {"White", "white"},
      {"Flores", "flores"},       {"Harris", "harris"},     {"Rivera", "rivera"},
      {"Clark", "clark"},         {"Gómez", "gomez"},       {"Lewis", "lewis"},
      {"Díaz", "diaz"},           {"Robinson", "robinson"}, {"Cruz", "cruz"},
      {"Walker", "walker"},       {"Muñoz", "munoz"},       {"O'Brien", "obrien"},
      {"Peña", "pena"},           {"Young", "young"},       {"Reyes", "reyes"},
      {"Allen", "allen"},         {"Morales", "morales"},   {"Shah", "shah"},
      {"Núñez", "nunez"},         {"Rossi", "rossi"},       {"Dvořák", "dvorak"},
      {"Müller", "muller"},       {"Kowalski", "kowalski"}, {"Łukasiewicz", "lukasiewicz"},
      {"Fernández", "fernandez"}, {"Castillo", "castillo"}, {"Baptiste", "baptiste"},
      {"Okafor", "okafor"},       {"Haddad", "haddad"},     {"Murphy", "murphy"},
      {"Ivanova", "ivanova"},     {"Brennan", "brennan"},   {"St. Fleur", "stfleur"},
      {"Vargas", "vargas"},       {"Tanaka", "tanaka"},     {"Jean-Louis", "jeanlouis"},
  };
  return k;
}

std::span<const Place> places() {
  static constexpr Place k[] = {
      {"Tampa", "FL", "33606", "America/New_York", 14},
      {"Tampa", "FL", "33609", "America/New_York", 12},
      {"Tampa", "FL", "33629", "America/New_York", 9},
      {"Tampa", "FL", "33611", "America/New_York", 7},
      {"Tampa", "FL", "33602", "America/New_York", 5},
      {"St. Petersburg", "FL", "33701", "America/New_York", 8},
      {"St. Petersburg", "FL", "33704", "America/New_York", 4},
      {"Clearwater", "FL", "33755", "America/New_York", 5},
      {"Brandon", "FL", "33511", "America/New_York", 6},
      {"Riverview", "FL", "33578", "America/New_York", 4},
      {"Wesley Chapel", "FL", "33543", "America/New_York", 4},
      {"Lutz", "FL", "33548", "America/New_York", 3},
      {"Palm Harbor", "FL", "34683", "America/New_York", 3},
      {"Sarasota", "FL", "34236", "America/New_York", 3},
      {"Lakeland", "FL", "33803", "America/New_York", 2},
      {"Orlando", "FL", "32801", "America/New_York", 2},
      {"Miami", "FL", "33131", "America/New_York", 1},
      {"Atlanta", "GA", "30309", "America/New_York", 1},
      {"New York", "NY", "10011", "America/New_York", 1},
      {"Chicago", "IL", "60614", "America/Chicago", 1},
      {"Boston", "MA", "02116", "America/New_York", 1},
  };
  return k;
}

std::span<const std::string_view> streets() {
  static constexpr std::string_view k[] = {
      "Bayshore Palms Ave", "W Swann Ave",    "S Mangrove St",    "N Pelican Way",  "Coral Reef Dr",
      "Magnolia Ln",        "W Sandpiper Rd", "Cypress Point Ct", "E Heron Blvd",   "Seagrape Ave",
      "Citrus Grove Rd",    "Osprey Landing", "Palmetto Trl",     "Gulf Breeze Dr", "Live Oak Pl",
  };
  return k;
}

std::span<const std::string_view> area_codes() {
  // Mostly Tampa Bay and the rest of Florida; a few out-of-state numbers people kept.
  static constexpr std::string_view k[] = {"813", "727", "813", "941", "727", "813", "863", "352", "407",
                                           "813", "305", "727", "239", "321", "954", "561", "813", "904",
                                           "727", "786", "404", "212", "617", "312", "646"};
  return k;
}

std::vector<SavedSegment> segments() {
  const auto seg = [](const char* id, const char* name, const char* query, const char* description) {
    return SavedSegment{id, name, query, description, {}, false};
  };
  return {
      seg("botox-curious", "Botox-curious, engaged",
          "interest = botox and stage in (awareness, consideration)\n"
          "and count(email_opened within 30d) >= 2\n"
          "and never(appointment_booked)",
          "Reading about Botox this month but not booked yet: the Botox education drip."),
      seg("ready-to-book", "Ready to book",
          "score.engagement >= 25 and stage = consideration and consent.sms",
          "Engaged enough for a personal text from the front desk."),
      seg("hot-leads", "Hot leads", "score >= 60", "High engagement and a good fit: call first."),
      seg("body-contouring", "Body contouring prospects",
          "interest in (coolsculpting, kybella) and age between 30 and 60\n"
          "and not stage in (patient, retained)",
          "Prospects for the CoolSculpting consultation evening."),
      seg("lapsed-patients", "Lapsed patients",
          "ever(appointment_attended) and never(appointment_attended within 6m)\nand not dnc.email",
          "Patients with no visit in six months: the reactivation sequence."),
      seg("birthdays", "Birthdays in the next two weeks", "birthday within 14d and consent.email",
          "For the birthday offer email."),
      seg("vip", "VIP patients", "tag = vip or sum(purchase.amount within 1y) >= 3000",
          "Spent $3,000 or more in a year."),
  };
}

}  // namespace nurture::demo
