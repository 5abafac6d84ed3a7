// The demo generator: people drawn from demo_data, then a year of their history simulated lead
// by lead with simple, believable rates (open, click, book, attend, return). One seeded
// generator drives everything, so a seed always gives the same practice. It appends straight
// to the stores with one stamp: thousands of commands with undo steps would be slower and
// nothing here needs undoing (ReplaceWorkspace keeps the inverse of loading the demo).
// This file drives the generator (demo_generator.hpp) and holds the public entry points; the
// people are drawn in demo_people.cpp and their history in demo_lead_history.cpp.
#include "core/demo/demo_practice.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>

#include "core/demo/demo_generator.hpp"
#include "core/demo/demo_sequences.hpp"
#include "core/funnel/stage_rules.hpp"

namespace nurture::demo {

Generator::Generator(const DemoOptions& o) : m_opt(o), m_rng(o.seed) {
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
    if (c.stage == Stage::awareness || c.stage == Stage::consideration) m_newsletter_content.push_back(c.id);
  }
  m_event_base = mix(o.seed ^ 0x5eedULL) << 1U;
  m_history = demo::History(m_stamp);
  m_since = o.now - k_demo_activated_ago;
}

/// Draws every lead's arrival (the generator's first random numbers), before any step.
void Generator::begin() {
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
    if (at >= m_opt.now) at = m_opt.now - m_rng.range(1, 600) * k_minute_ms;
  }
  std::sort(m_arrivals.begin(), m_arrivals.end());
  m_ws.leads.reserve(n);
  // `emit` hands out pointers into m_events while a lead is simulated: no reallocation then
  // (about 25 events a lead; a lead's own are appended before the next reserve could happen).
  m_events.reserve(n * 30);
}

/// Simulates up to `count` more leads, in arrival order. True when every lead is done.
bool Generator::step(std::size_t count) {
  const std::size_t n = m_arrivals.size();
  const std::size_t end = count >= n - m_next ? n : m_next + count;
  for (; m_next < end; ++m_next) simulate(m_next, m_arrivals[m_next]);
  return m_next == n;
}

/// After every lead is simulated, in parts a step each: the events in time order; the ad
/// spend, the sequences' history and the stage rules; then the consent ledger, `count` leads
/// at a time (hashing its entries is the longest part). True when the workspace is complete.
bool Generator::finish_step(std::size_t count) {
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
double Generator::finished_share() const {
  const std::size_t rows = m_ws.leads.rows();
  const double ledger = rows == 0 ? 0.0 : static_cast<double>(m_ledger_row) / static_cast<double>(rows);
  return 0.1 * static_cast<double>(std::min<std::size_t>(m_finish_part, 2)) + 0.8 * ledger;
}

Event* Generator::emit(Person& p, UnixMillis at, EventType type) {
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

void Generator::simulate(std::size_t index, UnixMillis created) {
  Person p;
  make_person(p, index, created);
  Event* form = emit(p, created, EventType::form_submitted);
  if (form != nullptr && !p.lead.form.empty()) form->properties.emplace_back("form", p.lead.form);
  if (!p.lead.campaign.empty() && form != nullptr) form->properties.emplace_back("campaign", p.lead.campaign);
  // The call comes first: a booking on the phone ends the welcome sequence (its goal).
  first_call(p);
  welcome_sequence(p);
  newsletters(p);
  marketing_texts(p);
  maybe_book(p);
  if (p.pending_booking != 0) book_visit(p, p.pending_booking, true);
  finish(p);
}

/// The default funnel rules, as the app applies them (docs/funnel.md): a lead whose events
/// call for a later stage than the story gave it moves there, dated by the event, "by rule".
/// So the demo opens with nothing left for the app to move.
void Generator::apply_stage_rules() {
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

void Generator::finish(Person& p) {
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
  if (p.spent > 200000) l.tags.emplace_back("vip");
  if (l.stage == Stage::retained && m_rng.chance(0.3)) l.tags.emplace_back("glow-club");
  m_ws.leads.append_row(l, m_stamp);
}

}  // namespace nurture::demo

namespace nurture {

// The builder is the generator itself; Impl only gives it a name the header can declare.
class DemoBuilder::Impl : public demo::Generator {
 public:
  using demo::Generator::Generator;
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
