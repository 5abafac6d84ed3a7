// The demo generator: people drawn from demo_data, then a year of their history simulated lead
// by lead with simple, believable rates (open, click, book, attend, return). One seeded
// generator drives everything, so a seed always gives the same practice. It appends straight
// to the stores with one stamp: thousands of commands with undo steps would be slower and
// nothing here needs undoing (ReplaceWorkspace keeps the inverse of loading the demo).
#include "core/demo/demo_practice.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>
#include <set>

#include "core/demo/demo_data.hpp"
#include "core/demo/demo_history.hpp"
#include "core/demo/demo_rng.hpp"
#include "core/demo/demo_sequences.hpp"
#include "core/funnel/stage_rules.hpp"

namespace nurture {

namespace {

using demo::mix;
using demo::Rng;

constexpr UnixMillis k_minute = 60000;
constexpr UnixMillis k_hour = 60 * k_minute;
constexpr UnixMillis k_day = 24 * k_hour;
constexpr UnixMillis k_year = 365 * k_day;
constexpr std::int64_t k_offset_hours = 5;  // Eastern standard time: local hour h is UTC h + 5

/// `day` (any time that day) at local hour `hour` plus `minutes`.
UnixMillis local_time(UnixMillis day, std::int64_t hour, std::int64_t minutes = 0) {
  return (day / k_day) * k_day + (hour + k_offset_hours) * k_hour + minutes * k_minute;
}

struct SourceStyle {
  const char* consent_method;
  const char* form;
  const char* campaign;
  double booking_boost;
};

SourceStyle style_of(std::string_view source) {
  if (source == "meta-lead-ads") return {"Meta lead form", "Free consultation", "Glow for less", 0.0};
  if (source == "google-ads") return {"web form", "Book a consultation", "Search: injectables Tampa", 0.05};
  if (source == "referral") return {"front desk", "Front desk sign-in", "", 0.3};
  if (source == "events") return {"front desk", "Open house sign-up", "Spring open house", 0.15};
  if (source == "newsletter") return {"Mailchimp opt-in", "Newsletter sign-up", "", 0.0};
  return {"web form", "Contact us", "", 0.05};
}

constexpr const char* k_email_consent_text =
    "Yes, send me emails about treatments, events and offers from Lumen Aesthetics & Laser. I can "
    "unsubscribe at any time.";
constexpr const char* k_text_consent_text =
    "Yes, text me about appointments and offers from Lumen Aesthetics & Laser. Up to 4 msgs/month. Msg & "
    "data rates may apply. Reply STOP to opt out, HELP for help.";
constexpr const char* k_call_consent_text = "You may call me about my inquiry and appointments.";

class Generator {
 public:
  explicit Generator(const DemoOptions& o) : m_opt(o), m_rng(o.seed) {
    HybridClock clock(o.device);
    m_stamp = clock.tick(o.now);
    m_ws.practice = demo::practice();
    m_ws.treatments = demo::treatments();
    m_ws.sources = demo::sources();
    m_ws.content = demo::content();
    m_ws.segments = demo::segments();
    m_ws.scoring = demo_scoring_model();
    for (auto& s : m_ws.segments) s.stamp = m_stamp;
    m_ws.scoring.stamp = m_stamp;
    for (auto& t : m_ws.treatments) t.stamp = m_stamp;
    for (auto& s : m_ws.sources) s.stamp = m_stamp;
    for (auto& c : m_ws.content) {
      c.stamp = m_stamp;
      if (c.stage == Stage::awareness || c.stage == Stage::consideration)
        m_newsletter_content.push_back(c.id);
    }
    m_event_base = mix(o.seed ^ 0x5eedULL) << 1U;
    m_history = demo::History(m_stamp);
    m_since = o.now - k_demo_activated_ago;
  }

  /// Draws every lead's arrival (the generator's first random numbers), before any step.
  void begin() {
    const std::size_t n = m_opt.leads;
    // Arrivals through the year, a little busier towards the end (the practice is growing).
    m_arrivals.resize(n);
    for (auto& at : m_arrivals) {
      // Density rising linearly from 0.7 to 1.3 over the year; x inverts its distribution.
      const double u = m_rng.uniform();
      const double x = (-0.7 + std::sqrt(0.49 + 1.2 * u)) / 0.6;
      const auto day =
          m_opt.now - k_year + static_cast<UnixMillis>(std::min(x, 0.999) * static_cast<double>(k_year));
      at = local_time(day, m_rng.range(7, 21), m_rng.range(0, 59));
      if (at >= m_opt.now) at = m_opt.now - m_rng.range(1, 600) * k_minute;
    }
    std::sort(m_arrivals.begin(), m_arrivals.end());
    m_ws.leads.reserve(n);
    // `emit` hands out pointers into m_events while a lead is simulated: no reallocation then
    // (about 25 events a lead; a lead's own are appended before the next reserve could happen).
    m_events.reserve(n * 30);
  }

  /// Simulates up to `count` more leads, in arrival order. True when every lead is done.
  bool step(std::size_t count) {
    const std::size_t n = m_arrivals.size();
    const std::size_t end = count >= n - m_next ? n : m_next + count;
    for (; m_next < end; ++m_next) simulate(m_next, m_arrivals[m_next]);
    return m_next == n;
  }
  [[nodiscard]] std::size_t simulated() const { return m_next; }
  [[nodiscard]] std::size_t total() const { return m_arrivals.size(); }

  /// After every lead is simulated, in parts a step each: the events in time order; the ad
  /// spend, the sequences' history and the stage rules; then the consent ledger, `count` leads
  /// at a time (hashing its entries is the longest part). True when the workspace is complete.
  bool finish_step(std::size_t count) {
    if (m_finish_part == 0) {
      std::stable_sort(m_events.begin(), m_events.end(),
                       [](const Event& a, const Event& b) { return a.at < b.at; });
      ++m_finish_part;
      return false;
    }
    if (m_finish_part == 1) {
      m_ws.events.reserve(m_events.size());
      m_ws.events.add(m_events);
      m_events = {};
      m_ws.ad_spend = demo::ad_spend(m_ws.sources, m_opt.seed, m_opt.now, m_stamp);
      if (m_opt.sequence_history) m_history.put_into(m_ws);
      apply_stage_rules();
      ++m_finish_part;
      return false;
    }
    // The demo's consent came with its leads: the ledger starts from it (source "baseline").
    const std::size_t rows = m_ws.leads.rows();
    const std::size_t end = count >= rows - m_ledger_row ? rows : m_ledger_row + count;
    for (; m_ledger_row < end; ++m_ledger_row)
      m_ws.ledger.derive_missing(m_ws.leads.get(static_cast<std::uint32_t>(m_ledger_row)),
                                 LedgerSource::baseline);
    return m_ledger_row == rows;
  }
  /// 0..1 of the finishing parts done.
  [[nodiscard]] double finished_share() const {
    const std::size_t rows = m_ws.leads.rows();
    const double ledger = rows == 0 ? 0.0 : static_cast<double>(m_ledger_row) / static_cast<double>(rows);
    return 0.1 * static_cast<double>(std::min<std::size_t>(m_finish_part, 2)) + 0.8 * ledger;
  }
  Workspace take() { return std::move(m_ws); }

 private:
  // Everything known about the lead being simulated.
  struct Person {
    Lead lead;
    const Treatment* treatment = nullptr;
    double engagement = 0;
    bool email_ok = false;  // may still receive email
    bool text_ok = false;
    UnixMillis consideration = 0;  // 0: not reached
    UnixMillis conversion = 0;
    UnixMillis patient = 0;
    UnixMillis retained = 0;
    int purchases = 0;
    std::int64_t spent = 0;
    std::vector<UnixMillis> opens;  // in the order emitted (a welcome wait reads them)
    UnixMillis unsubscribed = 0;
    bool booking_drawn = false;  // whether reaching consideration has had its booking chance
    // A first booking decided but not yet written: bookings are written last, so that the
    // emails they bring (reminders, aftercare) see every opt-out simulated before them.
    UnixMillis pending_booking = 0;
  };

  static void reach(UnixMillis& stage_at, UnixMillis at) {
    if (stage_at == 0 || at < stage_at) stage_at = at;
  }

  Event* emit(Person& p, UnixMillis at, EventType type) {
    if (at >= m_opt.now || at < p.lead.created_at) return nullptr;
    Event e;
    std::uint64_t id = 0;
    while (id == 0) id = mix(m_event_base + ++m_event_counter);
    e.id = EventId{id};
    e.lead = p.lead.id;
    e.at = at;
    e.type = type;
    m_events.push_back(std::move(e));
    return &m_events.back();
  }

  void simulate(std::size_t index, UnixMillis created) {
    Person p;
    make_person(p, index, created);
    Event* form = emit(p, created, EventType::form_submitted);
    if (form != nullptr && !p.lead.form.empty()) form->properties.emplace_back("form", p.lead.form);
    if (!p.lead.campaign.empty() && form != nullptr)
      form->properties.emplace_back("campaign", p.lead.campaign);
    // The call comes first: a booking on the phone ends the welcome sequence (its goal).
    first_call(p);
    welcome_sequence(p);
    newsletters(p);
    marketing_texts(p);
    maybe_book(p);
    if (p.pending_booking != 0) book_visit(p, p.pending_booking, true);
    finish(p);
  }

  /// Once the lead has reached consideration: perhaps a first booking some days later.
  void maybe_book(Person& p) {
    if (p.consideration == 0 || p.conversion != 0 || p.booking_drawn) return;
    p.booking_drawn = true;
    const double book = 0.22 + 0.4 * p.engagement + style_of(p.lead.source).booking_boost;
    if (m_rng.chance(book) && p.pending_booking == 0)
      p.pending_booking = p.consideration + m_rng.range(1, 30) * k_day;
  }

  void make_person(Person& p, std::size_t index, UnixMillis created) {
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
      l.custom_fields["preferred_contact"] =
          std::string(m_rng.pick(std::span<const std::string_view>(k_pref)));
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

  void contact_details(Person& p, const demo::Name& first, const demo::Name& last) {
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

  std::span<const int> place_weights() {
    if (m_place_weights.empty()) {
      for (const auto& pl : demo::places()) m_place_weights.push_back(pl.weight);
    }
    return m_place_weights;
  }

  void demographics(Lead& l) {
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

  void consent(Person& p, const SourceStyle& style) {
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

  /// One email with its opens, clicks, content view and perhaps a reply or an unsubscribe.
  /// Returns false when the address stopped receiving (bounce, unsubscribe).
  bool email(Person& p, UnixMillis at, const char* sequence, std::uint16_t step, const std::string& content,
             double unsubscribe) {
    if (!p.email_ok || at >= m_opt.now) return p.email_ok;
    Event* sent = emit(p, at, EventType::email_sent);
    if (sent == nullptr) return true;
    sent->sequence = sequence;
    sent->step = step;
    sent->content = content;
    if (m_email_sent_count++ % 67 == 13 && step <= 1) {
      // A few addresses were mistyped on the form.
      emit(p, at + 2 * k_minute, EventType::email_bounced);
      p.email_ok = false;
      return false;
    }
    if (!m_rng.chance(0.12 + 0.55 * p.engagement)) return true;
    const UnixMillis opened = at + m_rng.range(5, 1800) * k_minute;
    if (Event* e = emit(p, opened, EventType::email_opened); e != nullptr) {
      e->sequence = sequence;
      e->step = step;
      p.opens.push_back(opened);
    }
    if (m_rng.chance(unsubscribe)) {
      unsubscribe_email(p, opened + m_rng.range(1, 5) * k_minute);
      return false;
    }
    if (m_rng.chance(0.04)) {
      if (Event* r = emit(p, opened + m_rng.range(10, 600) * k_minute, EventType::email_replied);
          r != nullptr) {
        r->sequence = sequence;
        r->step = step;
        reach(p.consideration, r->at);
      }
    }
    if (!content.empty() && m_rng.chance(0.12 + 0.3 * p.engagement)) {
      const UnixMillis clicked = opened + m_rng.range(0, 3) * k_minute;
      if (Event* c = emit(p, clicked, EventType::email_clicked); c != nullptr) {
        c->sequence = sequence;
        c->step = step;
        c->content = content;
        reach(p.consideration, clicked);
        view(p, clicked + 20000, content);
      }
    }
    return true;
  }

  void view(Person& p, UnixMillis at, const std::string& content_id) {
    const ContentItem* item = find_item(m_ws.content, content_id);
    if (item == nullptr) return;
    if (Event* v = emit(p, at, EventType::content_viewed); v != nullptr) {
      v->content = content_id;
      v->seconds = static_cast<std::uint32_t>(item->minutes * 60.0 * (0.2 + m_rng.uniform()));
    }
  }

  void unsubscribe_email(Person& p, UnixMillis at) {
    if (emit(p, at, EventType::unsubscribed) == nullptr) return;
    p.email_ok = false;
    p.unsubscribed = at;
    for (auto& c : p.lead.consent) {
      if (c.channel == Channel::email && c.granted) {
        c = {Channel::email, c.purpose, false, at, "unsubscribe link", "", "Unsubscribed from email"};
      }
    }
    if (m_rng.chance(0.3)) p.lead.do_not_contact.push_back({Channel::email, "Asked for no more email", at});
  }

  std::string content_for(const Treatment& t, ContentKind a, ContentKind b, const char* fallback) const {
    for (const auto& c : m_ws.content) {
      if (c.treatment == t.id && (c.kind == a || c.kind == b)) return c.id;
    }
    return fallback;
  }

  /// A marketing text of a sequence step; perhaps a reply.
  void text(Person& p, UnixMillis at, std::string_view sequence, std::uint16_t step) {
    Event* sent = emit(p, at, EventType::text_sent);
    if (sent == nullptr) return;
    sent->sequence = sequence;
    sent->step = step;
    if (m_rng.chance(0.04 + 0.08 * p.engagement)) {
      if (Event* r = emit(p, at + m_rng.range(1, 240) * k_minute, EventType::text_replied); r != nullptr) {
        r->properties.emplace_back("text", "Thanks! Do you have anything open next week?");
        reach(p.consideration, r->at);
      }
    }
  }

  /// The welcome-inquiry playbook as the practice ran it before the demo's sequences were last
  /// activated (the app's catch-up enrols the inquiries since): welcome email, a text an hour
  /// later, then wait three days for an open — opened: patient stories four days on, else a
  /// nudge first — and a first-visit email five days after that. Each touch goes out when it
  /// is due inside the sequence's window (weekdays 9–18), and a booking or an unsubscribe ends
  /// the enrolment as the sequence's goals would. A send due at or after now is left to the
  /// scheduler, its enrolment still running.
  void welcome_sequence(Person& p) {
    const UnixMillis enrolled = p.lead.created_at;
    if (enrolled >= m_since) return;
    const std::size_t e =
        m_history.enrol(demo::k_welcome_sequence, p.lead.id, enrolled, "event: form_submitted");
    // Whether the enrolment has ended by `at` (a goal met); ends it when so.
    const auto ended = [&](UnixMillis at) {
      if (p.pending_booking != 0 && p.pending_booking <= at && p.pending_booking < m_opt.now) {
        m_history.end(e, p.pending_booking, "goal met: booked an appointment");
        return true;
      }
      if (p.unsubscribed != 0 && p.unsubscribed <= at) {
        m_history.end(e, p.unsubscribed, "goal met: unsubscribed");
        return true;
      }
      return false;
    };
    const auto when = [&](UnixMillis due) {
      return demo::next_in_window(due, 9, 18, true, k_offset_hours) + m_rng.range(0, 45) * k_minute;
    };
    // One email step; false when the enrolment stops here (ended, or the rest is the scheduler's).
    const auto send = [&](UnixMillis at, std::string_view step, std::uint16_t number,
                          const std::string& content) {
      if (ended(at) || at >= m_opt.now) return false;
      if (!p.email_ok) {
        m_history.touch(e, step, TouchOutcome::skipped, at);
        return true;
      }
      m_history.touch(e, step, TouchOutcome::sent, at);
      email(p, at, demo::k_welcome_sequence.data(), number, content, number == 5 ? 0.02 : 0.005);
      maybe_book(p);
      return true;
    };
    UnixMillis at = when(enrolled);
    if (!send(at, "welcome", 1, "")) return;
    at = when(at + k_hour);
    if (ended(at) || at >= m_opt.now) return;
    if (p.text_ok) {
      m_history.touch(e, "hello", TouchOutcome::sent, at);
      text(p, at, demo::k_welcome_sequence, 2);
    } else {
      m_history.touch(e, "hello", TouchOutcome::skipped, at);
    }
    // The wait: the first open after the text, up to three days (lead_scheduler's wait_event).
    const UnixMillis wait_end = at + 3 * k_day;
    UnixMillis open = 0;
    for (const UnixMillis o : p.opens) {
      if (o > at && o <= wait_end && (open == 0 || o < open)) open = o;
    }
    if (ended(open != 0 ? open : wait_end) || (open != 0 ? open : wait_end) > m_opt.now) return;
    if (open != 0) {
      at = open;
    } else {
      at = when(demo::next_at_hour(wait_end, 10, k_offset_hours));
      if (!send(at, "nudge", 4, "")) return;
    }
    at = when(demo::next_at_hour(at + 4 * k_day, 10, k_offset_hours));
    if (!send(at, "stories", 5, "patient-stories")) return;
    at = when(demo::next_at_hour(at + 5 * k_day, 10, k_offset_hours));
    if (!send(at, "first-visit", 6, "first-visit")) return;
    if (!ended(at)) m_history.end(e, at, "finished");
  }

  void newsletters(Person& p) {
    // Every other Tuesday-ish at 10:00 for the whole practice, from two weeks after sign-up.
    const UnixMillis first = p.lead.created_at + 16 * k_day;
    for (std::uint16_t issue = 1; issue <= 26; ++issue) {
      const UnixMillis at = local_time(m_opt.now - k_year + static_cast<UnixMillis>(issue) * 14 * k_day, 10);
      if (at < first) continue;
      const std::string& content = m_newsletter_content[issue % m_newsletter_content.size()];
      if (!email(p, at, "newsletter", issue, content, 0.006)) return;
    }
  }

  void marketing_texts(Person& p) {
    for (std::uint16_t step = 1; p.text_ok; ++step) {
      const UnixMillis at =
          local_time(p.lead.created_at + (20 + 75 * (step - 1)) * k_day, 12, m_rng.range(0, 40));
      if (at >= m_opt.now) return;
      Event* sent = emit(p, at, EventType::text_sent);
      if (sent == nullptr) return;
      sent->sequence = "seasonal-offer";
      sent->step = step;
      if (m_rng.chance(0.025)) {
        opt_out_text(p, at + m_rng.range(1, 90) * k_minute);
      } else if (m_rng.chance(0.05 + 0.1 * p.engagement)) {
        if (Event* r = emit(p, at + m_rng.range(1, 240) * k_minute, EventType::text_replied); r != nullptr) {
          r->properties.emplace_back("text", "Do you have anything open next week?");
          reach(p.consideration, r->at);
        }
      }
    }
  }

  void opt_out_text(Person& p, UnixMillis at) {
    Event* r = emit(p, at, EventType::text_replied);
    if (r == nullptr) return;
    r->properties.emplace_back("text", "STOP");
    p.text_ok = false;
    for (auto& c : p.lead.consent) {
      if (c.channel == Channel::sms && c.granted)
        c = {Channel::sms, c.purpose, false, at, "reply STOP", "", "Replied STOP"};
    }
    p.lead.do_not_contact.push_back({Channel::sms, "Replied STOP", at});
  }

  void first_call(Person& p) {
    if (!may_contact(p.lead, Channel::call, Purpose::marketing)) return;
    if (p.lead.source != "meta-lead-ads" && p.lead.source != "google-ads" && p.lead.source != "website")
      return;
    if (!m_rng.chance(0.7)) return;
    const UnixMillis at = p.lead.created_at + m_rng.range(20, 1560) * k_minute;
    Event* call = emit(p, at, EventType::call);
    if (call == nullptr) return;
    const bool answered = m_rng.chance(0.55);
    call->seconds = static_cast<std::uint32_t>(answered ? m_rng.range(90, 720) : m_rng.range(20, 45));
    call->properties.emplace_back("outcome", answered ? "answered" : "voicemail");
    if (!answered) return;
    reach(p.consideration, at);
    if (m_rng.chance(0.3 + 0.3 * p.engagement)) p.pending_booking = at;
  }

  /// Books a visit at `booked`; the appointment follows within two weeks. Returns the
  /// appointment time when it was attended before now, else 0.
  UnixMillis book_visit(Person& p, UnixMillis booked, bool first, const Treatment* treatment = nullptr) {
    const Treatment& t = treatment != nullptr ? *treatment : *p.treatment;
    for (int attempt = 0; attempt < 3; ++attempt) {
      Event* b = emit(p, booked, EventType::appointment_booked);
      if (b == nullptr) return 0;
      const UnixMillis appointment = local_time(booked + m_rng.range(first ? 2 : 1, first ? 14 : 7) * k_day,
                                                m_rng.range(9, 16), m_rng.range(0, 3) * 15);
      b->service = t.id;
      b->properties.emplace_back("appointment_at", format_iso8601_utc(appointment));
      reach(p.consideration, booked);
      reach(p.conversion, booked);
      // The outcome is drawn first: a cancellation stops the reminders before it.
      const double outcome = m_rng.uniform();
      const bool attended = outcome < (first ? 0.76 : 0.9);
      const bool no_show = !attended && outcome < (first ? 0.87 : 0.95);
      const UnixMillis cancelled =
          attended || no_show ? 0 : std::max(booked + k_hour, appointment - m_rng.range(3, 40) * k_hour);
      reminders(p, booked, appointment, cancelled);
      if (appointment >= m_opt.now) return 0;  // still ahead
      if (attended) {
        attend(p, t, appointment);
        return appointment;
      }
      if (no_show) {
        Event* ns = emit(p, appointment + 15 * k_minute, EventType::appointment_no_show);
        if (ns != nullptr) ns->service = t.id;
      } else {
        Event* c = emit(p, cancelled, EventType::appointment_cancelled);
        if (c != nullptr) c->service = t.id;
      }
      if (!m_rng.chance(0.45)) return 0;
      booked = appointment + m_rng.range(1, 20) * k_day;
    }
    return 0;
  }

  /// The consultation-reminders playbook for a booking made before the demo's sequences were
  /// last activated (later ones are the app's catch-up): an email 48 hours before the
  /// appointment, texts 24 and 2 hours before, each when due inside its window (8–20 every
  /// day), or at once when the booking came later than that. A cancellation ends it (by hand,
  /// as the practice would); a step due at or after now is left to the scheduler.
  void reminders(Person& p, UnixMillis booked, UnixMillis appointment, UnixMillis cancelled) {
    if (booked >= m_since || booked >= m_opt.now) return;
    const std::size_t e =
        m_history.enrol(demo::k_reminder_sequence, p.lead.id, booked, "event: appointment_booked");
    static constexpr std::string_view k_steps[] = {"email-48h", "text-24h", "text-2h"};
    static constexpr UnixMillis k_before[] = {48 * k_hour, 24 * k_hour, 2 * k_hour};
    UnixMillis prev = booked;
    for (std::uint16_t i = 0; i < 3; ++i) {
      UnixMillis at = std::max(appointment - k_before[i], prev + m_rng.range(2, 30) * k_minute);
      at = demo::next_in_window(at, 8, 20, false, k_offset_hours);
      if (cancelled != 0 && at >= cancelled) {
        m_history.end(e, cancelled, "ended by hand: appointment cancelled");
        return;
      }
      if (at >= m_opt.now) return;
      const bool email_step = i == 0;
      if (email_step ? !p.email_ok : !p.text_ok) {
        m_history.touch(e, k_steps[i], TouchOutcome::skipped, at);
      } else if (email_step) {
        m_history.touch(e, k_steps[i], TouchOutcome::sent, at);
        email(p, at, demo::k_reminder_sequence.data(), 1, "", 0.0);
      } else {
        m_history.touch(e, k_steps[i], TouchOutcome::sent, at);
        Event* r = emit(p, at, EventType::text_sent);
        if (r != nullptr) {
          r->sequence = demo::k_reminder_sequence;
          r->step = static_cast<std::uint16_t>(i + 1);
          r->properties.emplace_back("purpose", "reminder");
          if (i == 1 && m_rng.chance(0.5)) {
            if (Event* c = emit(p, at + m_rng.range(2, 120) * k_minute, EventType::text_replied);
                c != nullptr)
              c->properties.emplace_back("text", "C");
          }
        }
      }
      prev = at;
    }
    m_history.end(e, prev, "finished");
  }

  void attend(Person& p, const Treatment& t, UnixMillis at) {
    if (Event* a = emit(p, at, EventType::appointment_attended); a != nullptr) a->service = t.id;
    reach(p.patient, at);
    if (m_rng.chance(0.92)) {
      if (Event* buy = emit(p, at + 45 * k_minute, EventType::purchase); buy != nullptr) {
        const double factor = 0.85 + 0.4 * m_rng.uniform();
        buy->amount_cents =
            (static_cast<std::int64_t>(static_cast<double>(t.price_cents) * factor) / 500) * 500;
        buy->service = t.id;
        p.spent += buy->amount_cents;
        if (++p.purchases == 2) reach(p.retained, at);
      }
    }
    const std::string aftercare = t.category == "injectables" ? "injectables-aftercare"
                                  : t.category == "laser"     ? "laser-aftercare"
                                                              : "between-treatments";
    if (p.email_ok) email(p, at + k_day, "post-visit", 1, aftercare, 0.0);
    if (p.purchases == 1 && m_rng.chance(0.35)) {
      if (p.email_ok) email(p, at + 4 * k_day, "post-visit", 2, "", 0.0);
      if (Event* r = emit(p, at + m_rng.range(4, 12) * k_day, EventType::review); r != nullptr) {
        const double s = m_rng.uniform();
        r->properties.emplace_back("rating", s < 0.72 ? "5" : s < 0.92 ? "4" : s < 0.97 ? "3" : "2");
        static constexpr std::string_view k_sites[] = {"Google", "Google", "RealSelf", "Yelp", "Facebook"};
        r->properties.emplace_back("site",
                                   std::string(m_rng.pick(std::span<const std::string_view>(k_sites))));
      }
    }
  }

  /// Patients who come back: at about the treatment's interval, or for another treatment.
  void returns(Person& p, UnixMillis first_visit) {
    const Treatment* t = p.treatment;
    if (t->retreatment_days == 0) {
      if (!m_rng.chance(0.3)) return;
      t = &m_ws.treatments[m_rng.chance(0.5) ? 4 : 0];  // a HydraFacial or Botox next
    } else if (!m_rng.chance(0.45 + 0.3 * p.engagement)) {
      return;
    }
    const std::int64_t interval = t->retreatment_days == 0 ? 90 : t->retreatment_days;
    UnixMillis last = first_visit;
    for (std::uint16_t visit = 1; visit < 12; ++visit) {
      const auto due =
          last +
          static_cast<UnixMillis>(static_cast<double>(interval) * (0.9 + 0.4 * m_rng.uniform())) * k_day;
      if (due >= m_opt.now) return;
      email(p, local_time(due - 14 * k_day, 9), "recall", visit,
            visit % 2 == 1 ? "between-treatments" : "glow-club", 0.0);
      const UnixMillis seen = book_visit(p, due - m_rng.range(3, 10) * k_day, false, t);
      if (seen == 0 || m_rng.chance(0.15)) return;
      last = seen;
    }
  }

  /// The default funnel rules, as the app applies them (docs/funnel.md): a lead whose events
  /// call for a later stage than the story gave it moves there, dated by the event, "by rule".
  /// So the demo opens with nothing left for the app to move.
  void apply_stage_rules() {
    const auto moves = plan_stage_moves(m_ws);
    for (std::size_t i = 0; i < moves.size();) {
      const auto row = m_ws.leads.find(moves[i].lead);
      Lead l;
      if (row) m_ws.leads.read(*row, LeadField::stage, l);
      for (; i < moves.size() && (!row || moves[i].lead == m_ws.leads.id(*row)); ++i) {
        l.stage = moves[i].stage;
        l.stage_history.push_back({moves[i].stage, moves[i].at, StageCause::rule});
      }
      if (row) m_ws.leads.set_field(*row, LeadField::stage, l, m_stamp);
    }
  }

  void finish(Person& p) {
    if (p.patient != 0) returns(p, p.patient);
    Lead& l = p.lead;
    l.stage = Stage::awareness;
    l.stage_history = {{Stage::awareness, l.created_at}};
    UnixMillis last = l.created_at;
    const std::pair<Stage, UnixMillis> steps[] = {{Stage::consideration, p.consideration},
                                                  {Stage::conversion, p.conversion},
                                                  {Stage::patient, p.patient},
                                                  {Stage::retained, p.retained}};
    for (const auto& [stage, at] : steps) {
      if (at == 0 || at >= m_opt.now) break;
      last = std::max(last, at);
      l.stage = stage;
      l.stage_history.push_back({stage, last});
    }
    if (p.spent > 300000) l.tags.emplace_back("vip");
    if (l.stage == Stage::retained && m_rng.chance(0.3)) l.tags.emplace_back("glow-club");
    m_ws.leads.append_row(l, m_stamp);
  }

  DemoOptions m_opt;
  std::vector<UnixMillis> m_arrivals;
  std::size_t m_next = 0;  // the next lead to simulate
  int m_finish_part = 0;   // finish_step: 0 sort the events, 1 place them, 2 the ledger
  std::size_t m_ledger_row = 0;
  Rng m_rng;
  Stamp m_stamp;
  Workspace m_ws;
  std::vector<Event> m_events;
  std::vector<std::string> m_newsletter_content;
  std::vector<int> m_place_weights;
  std::set<std::string> m_emails;
  std::set<std::string> m_phones;
  std::uint64_t m_event_base = 0;
  std::uint64_t m_event_counter = 0;
  std::uint64_t m_email_sent_count = 0;
  demo::History m_history{Stamp{}};
  UnixMillis m_since = 0;  // the demo's sequences were last activated here (demo_sequences.hpp)
};

}  // namespace

// The builder is the generator itself; Impl only gives it a name the header can declare.
class DemoBuilder::Impl : public Generator {
 public:
  using Generator::Generator;
};

DemoBuilder::DemoBuilder(const DemoOptions& options) : m_impl(std::make_unique<Impl>(options)) {
  m_impl->begin();
}
DemoBuilder::~DemoBuilder() = default;

// Simulating the leads is about two thirds of the work, finishing (events, ledger) the rest.
bool DemoBuilder::step(std::size_t leads) {
  if (m_done) return true;
  const std::size_t n = std::max<std::size_t>(leads, 1);
  if (!m_simulated) {
    m_simulated = m_impl->step(n);
    return false;
  }
  m_done = m_impl->finish_step(n);
  return m_done;
}

double DemoBuilder::progress() const {
  if (m_done) return 1.0;
  const std::size_t n = m_impl->total();
  const double simulated = n == 0 ? 1.0 : static_cast<double>(m_impl->simulated()) / static_cast<double>(n);
  return 0.65 * simulated + 0.35 * m_impl->finished_share();
}

Workspace DemoBuilder::finish() {
  while (!step(std::numeric_limits<std::size_t>::max())) {
  }
  return m_impl->take();
}

Workspace make_demo_practice(const DemoOptions& options) { return DemoBuilder(options).finish(); }

bool is_demo_practice(const Workspace& ws) {
  return ws.practice.name == k_demo_practice_name && ws.practice.email == k_demo_practice_email;
}

}  // namespace nurture
