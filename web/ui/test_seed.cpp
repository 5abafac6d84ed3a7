#include "web/ui/test_seed.hpp"

#include <array>
#include <string>
#include <vector>

#include "core/commands/command.hpp"
#include "core/util/time_units.hpp"
#include "web/ui/lead_list.hpp"

namespace nurture::ui {

namespace {

constexpr std::array<const char*, 16> k_first = {"Ana",   "Zoë",    "Mia",   "Olivia", "Sofía", "Emma",
                                                 "Chloe", "Grace",  "Lucía", "Amelia", "Nora",  "Priya",
                                                 "James", "Daniel", "Mateo", "Łucja"};
constexpr std::array<const char*, 16> k_last = {
    "García",   "Ångström", "Nguyen", "Smith", "Johnson", "Dvořák",  "Williams", "Brown",
    "Martínez", "Lee",      "Patel",  "Kim",   "Rossi",   "Schmidt", "Cohen",    "Novak"};
constexpr std::array<const char*, 5> k_sources = {"facebook", "google", "website", "referral", "instagram"};
constexpr std::array<const char*, 6> k_interests = {"botox",         "fillers",       "laser hair removal",
                                                    "chemical peel", "microneedling", "coolsculpting"};
constexpr std::array<const char*, 3> k_tags = {"vip", "newsletter", "spring-promo"};

std::string ascii(std::string_view name) {
  std::string out;
  for (const char c : fold_text(name)) {
    if (c >= 'a' && c <= 'z') out.push_back(c);
  }
  return out;
}

}  // namespace

bool seed_leads(Session& session, Platform& platform, std::size_t count) {
  const std::int64_t now = platform.now_ms();
  std::vector<Event> events;
  for (std::size_t i = 0; i < count; ++i) {
    Lead lead;
    lead.id = LeadId{platform.random_u64() | 1U};
    lead.first_name = k_first[i % k_first.size()];
    lead.last_name = k_last[(i / k_first.size() + i * 7) % k_last.size()];
    lead.email = ascii(lead.first_name) + "." + ascii(lead.last_name) + std::to_string(i) + "@example.com";
    lead.phone = "+1305555" + std::to_string(1000000 + i).substr(3);
    lead.source = k_sources[(i * 3) % k_sources.size()];
    lead.interests = {k_interests[i % k_interests.size()]};
    if (i % 4 == 0) lead.interests.emplace_back(k_interests[(i + 2) % k_interests.size()]);
    if (i % 5 == 0) lead.tags = {k_tags[i % k_tags.size()]};
    lead.stage = static_cast<Stage>((i * 13 / 7) % k_stage_count);
    lead.created_at = now - static_cast<std::int64_t>(12 + (i * 37) % 400) * k_day_ms -
                      static_cast<std::int64_t>(i % 997) * 60000;
    lead.stage_history = {{Stage::awareness, lead.created_at}};
    if (lead.stage != Stage::awareness)
      lead.stage_history.push_back({lead.stage, lead.created_at + 9 * k_day_ms});
    if (i % 3 != 2) {
      lead.consent.push_back({Channel::email, Purpose::marketing, true, lead.created_at, "web form",
                              "Yes, send me news and offers by email", ""});
    }
    if (i % 11 == 0)
      lead.consent.push_back(
          {Channel::sms, Purpose::treatment, true, lead.created_at, "signed intake form", "", ""});
    if (!session.execute(AddLead{lead, now}).ok) return false;
    if (i < 2000) {
      const std::uint64_t base = platform.random_u64() & ~0xFFULL;
      Event e;
      e.lead = lead.id;
      e.id = EventId{base | 1U};
      e.type = EventType::form_submitted;
      e.at = lead.created_at;
      e.properties = {{"form", "Consultation request"}};
      events.push_back(e);
      e = Event{};
      e.lead = lead.id;
      e.id = EventId{base | 2U};
      e.type = EventType::email_opened;
      e.sequence = "Welcome";
      e.step = 1;
      e.at = lead.created_at + k_day_ms;
      events.push_back(e);
      if (i % 2 == 0) {
        e = Event{};
        e.lead = lead.id;
        e.id = EventId{base | 3U};
        e.type = EventType::content_viewed;
        e.content =
            "What to expect from your first " + std::string(k_interests[i % k_interests.size()]) + " visit";
        e.seconds = static_cast<std::uint32_t>(40 + i % 200);
        e.at = lead.created_at + 2 * k_day_ms;
        events.push_back(e);
      }
      if (lead.stage >= Stage::conversion) {
        e = Event{};
        e.lead = lead.id;
        e.id = EventId{base | 4U};
        e.type = EventType::appointment_booked;
        e.service = "Consultation";
        e.at = lead.created_at + 8 * k_day_ms;
        events.push_back(e);
      }
      if (lead.stage >= Stage::patient) {
        e = Event{};
        e.lead = lead.id;
        e.id = EventId{base | 5U};
        e.type = EventType::purchase;
        e.service = k_interests[i % k_interests.size()];
        e.amount_cents = 35000 + static_cast<std::int64_t>(i % 5) * 5000;
        e.at = lead.created_at + 10 * k_day_ms;
        events.push_back(e);
      }
    }
  }
  return events.empty() || session.execute(AddEvents{std::move(events), now}).ok;
}

}  // namespace nurture::ui
