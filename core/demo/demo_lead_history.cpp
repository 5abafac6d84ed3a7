// The demo's history, lead by lead: emails with their opens, clicks and unsubscribes, texts
// and STOP replies, the first call, bookings with their reminders and outcomes, visits,
// purchases, reviews and returns, and the two sequences as the practice ran them before the
// demo's activation (recorded in demo::History). Part of the demo generator
// (demo_generator.hpp); the draws happen in the order the lead's story is told.
#include <algorithm>
#include <string>

#include "core/demo/demo_generator.hpp"
#include "core/demo/demo_sequences.hpp"

namespace nurture::demo {

/// Once the lead has reached consideration: perhaps a first booking some days later.
void Generator::maybe_book(Person& p) {
  if (p.consideration == 0 || p.conversion != 0 || p.booking_drawn) return;
  p.booking_drawn = true;
  const double book = 0.22 + 0.4 * p.engagement + style_of(p.lead.source).booking_boost;
  if (m_rng.chance(book) && p.pending_booking == 0)
    p.pending_booking = p.consideration + m_rng.range(1, 30) * k_day_ms;
}

/// One email with its opens, clicks, content view and perhaps a reply or an unsubscribe.
/// Returns false when the address stopped receiving (bounce, unsubscribe).
bool Generator::email(Person& p, UnixMillis at, const char* sequence, std::uint16_t step,
                      const std::string& content, double unsubscribe) {
  if (!p.email_ok || at >= m_opt.now) return p.email_ok;
  Event* sent = emit(p, at, EventType::email_sent);
  if (sent == nullptr) return true;
  sent->sequence = sequence;
  sent->step = step;
  sent->content = content;
  if (m_email_sent_count++ % 67 == 13 && step <= 1) {
    // A few addresses were mistyped on the form.
    emit(p, at + 2 * k_minute_ms, EventType::email_bounced);
    p.email_ok = false;
    return false;
  }
  if (!m_rng.chance(0.12 + 0.55 * p.engagement)) return true;
  const UnixMillis opened = at + m_rng.range(5, 1800) * k_minute_ms;
  if (Event* e = emit(p, opened, EventType::email_opened); e != nullptr) {
    e->sequence = sequence;
    e->step = step;
    p.opens.push_back(opened);
  }
  if (m_rng.chance(unsubscribe)) {
    unsubscribe_email(p, opened + m_rng.range(1, 5) * k_minute_ms);
    return false;
  }
  if (m_rng.chance(0.04)) {
    if (Event* r = emit(p, opened + m_rng.range(10, 600) * k_minute_ms, EventType::email_replied);
        r != nullptr) {
      r->sequence = sequence;
      r->step = step;
      reach(p.consideration, r->at);
    }
  }
  if (!content.empty() && m_rng.chance(0.12 + 0.3 * p.engagement)) {
    const UnixMillis clicked = opened + m_rng.range(0, 3) * k_minute_ms;
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

void Generator::view(Person& p, UnixMillis at, const std::string& content_id) {
  const ContentItem* item = find_item(m_ws.content, content_id);
  if (item == nullptr) return;
  if (Event* v = emit(p, at, EventType::content_viewed); v != nullptr) {
    v->content = content_id;
    v->seconds = static_cast<std::uint32_t>(item->minutes * 60.0 * (0.2 + m_rng.uniform()));
  }
}

void Generator::unsubscribe_email(Person& p, UnixMillis at) {
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

/// A marketing text of a sequence step; perhaps a reply.
void Generator::text(Person& p, UnixMillis at, std::string_view sequence, std::uint16_t step) {
  Event* sent = emit(p, at, EventType::text_sent);
  if (sent == nullptr) return;
  sent->sequence = sequence;
  sent->step = step;
  if (m_rng.chance(0.04 + 0.08 * p.engagement)) {
    if (Event* r = emit(p, at + m_rng.range(1, 240) * k_minute_ms, EventType::text_replied); r != nullptr) {
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
void Generator::welcome_sequence(Person& p) {
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
    return demo::next_in_window(due, 9, 18, true, k_offset_hours) + m_rng.range(0, 45) * k_minute_ms;
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
  at = when(at + k_hour_ms);
  if (ended(at) || at >= m_opt.now) return;
  if (p.text_ok) {
    m_history.touch(e, "hello", TouchOutcome::sent, at);
    text(p, at, demo::k_welcome_sequence, 2);
  } else {
    m_history.touch(e, "hello", TouchOutcome::skipped, at);
  }
  // The wait: the first open after the text, up to three days (lead_scheduler's wait_event).
  const UnixMillis wait_end = at + 3 * k_day_ms;
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
  at = when(demo::next_at_hour(at + 4 * k_day_ms, 10, k_offset_hours));
  if (!send(at, "stories", 5, "patient-stories")) return;
  at = when(demo::next_at_hour(at + 5 * k_day_ms, 10, k_offset_hours));
  if (!send(at, "first-visit", 6, "first-visit")) return;
  if (!ended(at)) m_history.end(e, at, "finished");
}

void Generator::newsletters(Person& p) {
  // Every other Tuesday-ish at 10:00 for the whole practice, from two weeks after sign-up.
  const UnixMillis first = p.lead.created_at + 16 * k_day_ms;
  for (std::uint16_t issue = 1; issue <= 26; ++issue) {
    const UnixMillis at = local_time(m_opt.now - k_year + static_cast<UnixMillis>(issue) * 14 * k_day_ms, 10);
    if (at < first) continue;
    const std::string& content = m_newsletter_content[issue % m_newsletter_content.size()];
    if (!email(p, at, "newsletter", issue, content, 0.006)) return;
  }
}

void Generator::marketing_texts(Person& p) {
  for (std::uint16_t step = 1; p.text_ok; ++step) {
    const UnixMillis at =
        local_time(p.lead.created_at + (20 + 75 * (step - 1)) * k_day_ms, 12, m_rng.range(0, 40));
    if (at >= m_opt.now) return;
    Event* sent = emit(p, at, EventType::text_sent);
    if (sent == nullptr) return;
    sent->sequence = "seasonal-offer";
    sent->step = step;
    if (m_rng.chance(0.025)) {
      opt_out_text(p, at + m_rng.range(1, 90) * k_minute_ms);
    } else if (m_rng.chance(0.05 + 0.1 * p.engagement)) {
      if (Event* r = emit(p, at + m_rng.range(1, 240) * k_minute_ms, EventType::text_replied); r != nullptr) {
        r->properties.emplace_back("text", "Do you have anything open next week?");
        reach(p.consideration, r->at);
      }
    }
  }
}

void Generator::opt_out_text(Person& p, UnixMillis at) {
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

void Generator::first_call(Person& p) {
  if (!may_contact(p.lead, Channel::call, Purpose::marketing)) return;
  if (p.lead.source != "meta-lead-ads" && p.lead.source != "google-ads" && p.lead.source != "website") return;
  if (!m_rng.chance(0.7)) return;
  const UnixMillis at = p.lead.created_at + m_rng.range(20, 1560) * k_minute_ms;
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
UnixMillis Generator::book_visit(Person& p, UnixMillis booked, bool first, const Treatment* treatment) {
  const Treatment& t = treatment != nullptr ? *treatment : *p.treatment;
  for (int attempt = 0; attempt < 3; ++attempt) {
    Event* b = emit(p, booked, EventType::appointment_booked);
    if (b == nullptr) return 0;
    const UnixMillis appointment = local_time(booked + m_rng.range(first ? 2 : 1, first ? 14 : 7) * k_day_ms,
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
        attended || no_show ? 0 : std::max(booked + k_hour_ms, appointment - m_rng.range(3, 40) * k_hour_ms);
    reminders(p, booked, appointment, cancelled);
    if (appointment >= m_opt.now) return 0;  // still ahead
    if (attended) {
      attend(p, t, appointment);
      return appointment;
    }
    if (no_show) {
      Event* ns = emit(p, appointment + 15 * k_minute_ms, EventType::appointment_no_show);
      if (ns != nullptr) ns->service = t.id;
    } else {
      Event* c = emit(p, cancelled, EventType::appointment_cancelled);
      if (c != nullptr) c->service = t.id;
    }
    if (!m_rng.chance(0.45)) return 0;
    booked = appointment + m_rng.range(1, 20) * k_day_ms;
  }
  return 0;
}

/// The consultation-reminders playbook for a booking made before the demo's sequences were
/// last activated (later ones are the app's catch-up): an email 48 hours before the
/// appointment, texts 24 and 2 hours before, each when due inside its window (8–20 every
/// day), or at once when the booking came later than that. A cancellation ends it (by hand,
/// as the practice would); a step due at or after now is left to the scheduler.
void Generator::reminders(Person& p, UnixMillis booked, UnixMillis appointment, UnixMillis cancelled) {
  if (booked >= m_since || booked >= m_opt.now) return;
  const std::size_t e =
      m_history.enrol(demo::k_reminder_sequence, p.lead.id, booked, "event: appointment_booked");
  static constexpr std::string_view k_steps[] = {"email-48h", "text-24h", "text-2h"};
  static constexpr UnixMillis k_before[] = {48 * k_hour_ms, 24 * k_hour_ms, 2 * k_hour_ms};
  UnixMillis prev = booked;
  for (std::uint16_t i = 0; i < 3; ++i) {
    UnixMillis at = std::max(appointment - k_before[i], prev + m_rng.range(2, 30) * k_minute_ms);
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
          if (Event* c = emit(p, at + m_rng.range(2, 120) * k_minute_ms, EventType::text_replied);
              c != nullptr)
            c->properties.emplace_back("text", "C");
        }
      }
    }
    prev = at;
  }
  m_history.end(e, prev, "finished");
}

void Generator::attend(Person& p, const Treatment& t, UnixMillis at) {
  if (Event* a = emit(p, at, EventType::appointment_attended); a != nullptr) a->service = t.id;
  reach(p.patient, at);
  if (m_rng.chance(0.92)) {
    if (Event* buy = emit(p, at + 45 * k_minute_ms, EventType::purchase); buy != nullptr) {
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
  if (p.email_ok) email(p, at + k_day_ms, "post-visit", 1, aftercare, 0.0);
  if (p.purchases == 1 && m_rng.chance(0.35)) {
    if (p.email_ok) email(p, at + 4 * k_day_ms, "post-visit", 2, "", 0.0);
    if (Event* r = emit(p, at + m_rng.range(4, 12) * k_day_ms, EventType::review); r != nullptr) {
      const double s = m_rng.uniform();
      r->properties.emplace_back("rating", s < 0.72 ? "5" : s < 0.92 ? "4" : s < 0.97 ? "3" : "2");
      static constexpr std::string_view k_sites[] = {"Google", "Google", "RealSelf", "Yelp", "Facebook"};
      r->properties.emplace_back("site", std::string(m_rng.pick(std::span<const std::string_view>(k_sites))));
    }
  }
}

/// Patients who come back: at about the treatment's interval, or for another treatment.
void Generator::returns(Person& p, UnixMillis first_visit) {
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
        static_cast<UnixMillis>(static_cast<double>(interval) * (0.9 + 0.4 * m_rng.uniform())) * k_day_ms;
    if (due >= m_opt.now) return;
    email(p, local_time(due - 14 * k_day_ms, 9), "recall", visit,
          visit % 2 == 1 ? "between-treatments" : "glow-club", 0.0);
    const UnixMillis seen = book_visit(p, due - m_rng.range(3, 10) * k_day_ms, false, t);
    if (seen == 0 || m_rng.chance(0.15)) return;
    last = seen;
  }
}

}  // namespace nurture::demo
