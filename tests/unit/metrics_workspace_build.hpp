#pragma once
// Hand-built and random workspaces for the engagement, retention and return-by-source tests.

#include <cstdint>
#include <string>
#include <vector>

#include "core/model/workspace.hpp"
#include "core/util/civil_time.hpp"
#include "core/util/splitmix.hpp"

namespace nurture::test {

constexpr std::int64_t k_metrics_day_ms = std::int64_t{24} * 60 * 60 * 1000;

/// Midnight UTC of a calendar date, plus `hour` hours.
inline UnixMillis utc(int year, unsigned month, unsigned day, int hour = 0) {
  return days_from_civil(CivilDate{year, month, day}) * k_metrics_day_ms +
         std::int64_t{hour} * 60 * 60 * 1000;
}

/// A workspace in UTC (no practice zone) so that local days are UTC days.
inline Workspace utc_workspace() {
  Workspace ws;
  ws.practice.time_zone = "";
  return ws;
}

/// Appends a live lead with id `id` and returns its row.
inline std::uint32_t add_lead(Workspace& ws, std::uint64_t id, std::string source = "",
                              UnixMillis created_at = 0) {
  Lead lead;
  lead.id = LeadId{id};
  lead.first_name = "Lead";
  lead.source = std::move(source);
  lead.created_at = created_at;
  return ws.leads.append_row(lead, Stamp{1, 0, 1});
}

/// Appends a live lead with id `id` at `stage` and returns its row.
inline std::uint32_t add_staged_lead(Workspace& ws, std::uint64_t id, Stage stage) {
  Lead lead;
  lead.id = LeadId{id};
  lead.first_name = "Lead";
  lead.stage = stage;
  return ws.leads.append_row(lead, Stamp{1, 0, 1});
}

/// A content item titled by its id, `minutes` long (0: no length, views are not timed), written
/// for `stage` and `treatment` ("": general).
inline ContentItem content_item(std::string id, std::uint16_t minutes = 0, Stage stage = Stage::consideration,
                                std::string treatment = "") {
  ContentItem c;
  c.id = std::move(id);
  c.title = c.id;
  c.stage = stage;
  c.treatment = std::move(treatment);
  c.minutes = minutes;
  return c;
}

/// Collects events and adds them to the log in one batch.
class EventBatch {
 public:
  Event& add(std::uint64_t lead, UnixMillis at, EventType type) {
    Event e;
    e.id = EventId{++m_next_id};
    e.lead = LeadId{lead};
    e.at = at;
    e.type = type;
    m_events.push_back(e);
    return m_events.back();
  }
  void view(std::uint64_t lead, UnixMillis at, std::string content, std::uint32_t seconds) {
    Event& e = add(lead, at, EventType::content_viewed);
    e.content = std::move(content);
    e.seconds = seconds;
  }
  void commit(Workspace& ws) {
    ws.events.add(m_events);
    m_events.clear();
  }

 private:
  std::vector<Event> m_events;
  std::uint64_t m_next_id = 0;
};

/// A random workspace over 2025-06-01 .. 2027-01-01 UTC: sources fb, google and a deleted
/// "old" one, content a (5 min), b (0 min), c (2 min) and a deleted "old", treatments botox
/// and filler, leads with random sources (some deleted), events of the metric types (some
/// tombstoned).
inline Workspace random_metrics_workspace(SplitMix64& rng, std::size_t leads, std::size_t events) {
  Workspace ws = utc_workspace();
  const UnixMillis start = utc(2025, 6, 1);
  const UnixMillis span = utc(2027, 1, 1) - start;
  const auto random_at = [&] {
    return start + static_cast<UnixMillis>(rng.below(static_cast<std::size_t>(span)));
  };
  ws.sources = {LeadSource{"fb", "Facebook", SourceKind::paid, 31000, {}, false},
                LeadSource{"google", "Google", SourceKind::paid, 0, {}, false},
                LeadSource{"old", "Old", SourceKind::paid, 5000, {}, true},
                LeadSource{"flyer", "Flyer", SourceKind::offline, 12345, {}, false}};
  ws.treatments = {Treatment{"botox", "Botox", "injectables", 90, 45000, {}, false},
                   Treatment{"filler", "Filler", "injectables", 180, 60000, {}, false}};
  const auto item = [](std::string id, Stage stage, std::string treatment, std::uint16_t minutes,
                       bool deleted) {
    ContentItem c;
    c.id = std::move(id);
    c.stage = stage;
    c.treatment = std::move(treatment);
    c.minutes = minutes;
    c.deleted = deleted;
    return c;
  };
  ws.content = {item("a", Stage::consideration, "botox", 5, false), item("b", Stage::awareness, "", 0, false),
                item("c", Stage::consideration, "filler", 2, false),
                item("old", Stage::retained, "botox", 3, true)};
  for (std::size_t i = 0; i < leads; ++i) {
    const std::uint32_t row = add_lead(ws, i + 1,
                                       rng.pick({std::string("fb"), std::string("google"), std::string(""),
                                                 std::string("old"), std::string("flyer")}),
                                       random_at());
    if (rng.chance(10)) ws.leads.set_deleted(row, true, Stamp{2, 0, 1});
  }
  EventBatch batch;
  for (std::size_t i = 0; i < events; ++i) {
    const auto type = rng.pick({EventType::content_viewed, EventType::appointment_attended,
                                EventType::purchase, EventType::appointment_booked, EventType::email_opened});
    // Lead ids up to leads + 2: a few events belong to no lead.
    Event& e = batch.add(rng.below(leads + 2) + 1, random_at(), type);
    e.content =
        rng.pick({std::string("a"), std::string("b"), std::string("c"), std::string("old"), std::string("")});
    e.seconds = static_cast<std::uint32_t>(rng.below(600));
    e.service = rng.pick({std::string("botox"), std::string("filler"), std::string("peel"), std::string("")});
    e.amount_cents = static_cast<std::int64_t>(rng.below(100000));
  }
  batch.commit(ws);
  for (std::size_t i = 0; i < events / 20; ++i) {
    ws.events.set_deleted(EventId{rng.below(events) + 1}, Stamp{3, 0, 1});
  }
  return ws;
}

/// A random range [from, to) inside the random workspace's span.
inline std::pair<UnixMillis, UnixMillis> random_range(SplitMix64& rng) {
  const UnixMillis start = utc(2025, 5, 1);
  const auto span = static_cast<std::size_t>(utc(2027, 2, 1) - start);
  UnixMillis a = start + static_cast<UnixMillis>(rng.below(span));
  UnixMillis b = start + static_cast<UnixMillis>(rng.below(span));
  if (a > b) std::swap(a, b);
  if (a == b) b = a + 1;
  return {a, b};
}

/// Random keep flags per lead row, or none (half the time).
inline std::vector<bool> random_keep(SplitMix64& rng, std::size_t rows) {
  std::vector<bool> keep(rows);
  for (std::size_t i = 0; i < rows; ++i) keep[i] = rng.chance(70);
  return keep;
}

}  // namespace nurture::test
