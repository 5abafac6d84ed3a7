#pragma once
// Internal to core/demo, not a public API (that is demo_practice.hpp): the demo generator behind
// make_demo_practice and DemoBuilder. One class in three files: demo_practice.cpp drives it
// (arrivals, one lead at a time, then the finishing parts), demo_people.cpp draws each person
// (name, contact details, demographics, consent) and demo_lead_history.cpp simulates their year
// (emails, texts, calls, visits, returns). One seeded Rng drives all of it in one fixed order of
// draws, so a seed always gives the same practice: moving a draw changes every demo.

#include <cstddef>
#include <cstdint>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/demo/demo_data.hpp"
#include "core/demo/demo_history.hpp"
#include "core/demo/demo_practice.hpp"
#include "core/demo/demo_rng.hpp"
#include "core/model/workspace.hpp"
#include "core/util/time_units.hpp"

namespace nurture::demo {

inline constexpr UnixMillis k_year = 365 * k_day_ms;
/// Eastern standard time: local hour h is UTC h + 5.
inline constexpr std::int64_t k_offset_hours = 5;

/// `day` (any time that day) at local hour `hour` plus `minutes`.
inline UnixMillis local_time(UnixMillis day, std::int64_t hour, std::int64_t minutes = 0) {
  return (day / k_day_ms) * k_day_ms + (hour + k_offset_hours) * k_hour_ms + minutes * k_minute_ms;
}

/// How leads from one source arrive: the consent's method, the form, the campaign, and how much
/// likelier they are to book.
struct SourceStyle {
  const char* consent_method;
  const char* form;
  const char* campaign;
  double booking_boost;
};
SourceStyle style_of(std::string_view source);

class Generator {
 public:
  explicit Generator(const DemoOptions& o);

  /// Draws every lead's arrival (the generator's first random numbers), before any step.
  void begin();
  /// Simulates up to `count` more leads, in arrival order. True when every lead is done.
  bool step(std::size_t count);
  [[nodiscard]] std::size_t simulated() const { return m_next; }
  [[nodiscard]] std::size_t total() const { return m_arrivals.size(); }
  /// After every lead is simulated, in parts a step each: the events in time order; the ad
  /// spend, the sequences' history and the stage rules; then the consent ledger, `count` leads
  /// at a time (hashing its entries is the longest part). True when the workspace is complete.
  bool finish_step(std::size_t count);
  /// 0..1 of the finishing parts done.
  [[nodiscard]] double finished_share() const;
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

  // demo_practice.cpp: one lead from arrival to its final stage, and the finishing parts.
  Event* emit(Person& p, UnixMillis at, EventType type);
  void simulate(std::size_t index, UnixMillis created);
  void finish(Person& p);
  void apply_stage_rules();

  // demo_people.cpp: who the lead is and what they agreed to.
  void make_person(Person& p, std::size_t index, UnixMillis created);
  void contact_details(Person& p, const demo::Name& first, const demo::Name& last);
  std::span<const int> place_weights();
  void demographics(Lead& l);
  void consent(Person& p, const SourceStyle& style);

  // demo_lead_history.cpp: the lead's year with the practice.
  void maybe_book(Person& p);
  bool email(Person& p, UnixMillis at, const char* sequence, std::uint16_t step, const std::string& content,
             double unsubscribe);
  void view(Person& p, UnixMillis at, const std::string& content_id);
  void unsubscribe_email(Person& p, UnixMillis at);
  void text(Person& p, UnixMillis at, std::string_view sequence, std::uint16_t step);
  void welcome_sequence(Person& p);
  void newsletters(Person& p);
  void marketing_texts(Person& p);
  void opt_out_text(Person& p, UnixMillis at);
  void first_call(Person& p);
  UnixMillis book_visit(Person& p, UnixMillis booked, bool first, const Treatment* treatment = nullptr);
  void reminders(Person& p, UnixMillis booked, UnixMillis appointment, UnixMillis cancelled);
  void attend(Person& p, const Treatment& t, UnixMillis at);
  void returns(Person& p, UnixMillis first_visit);

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

}  // namespace nurture::demo
