// Workspace file benchmark: generates a seeded workspace (L: 100,000 leads, 3,000,000 events by
// default), times export and import, and reports file size and peak memory. Runs natively and
// as wasm under node (see bench/README.md):
//   json_bench gen FILE [leads] [events]   generate, export (timed), write FILE
//   json_bench import FILE                 read FILE, import (timed), report peak memory, export
//                                          again (timed) and check the bytes are the same
//   json_bench parse FILE                  read FILE and import it, nothing else
//   json_bench stepped FILE                as parse, through WorkspaceJsonReader in 1 MB steps
//   json_bench read FILE                   read FILE, nothing else
// The last two let a whole-process timer tell the import's and export's share from the rest.

#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>

#include "bench_platform.hpp"
#include "core/io/workspace_json.hpp"

using namespace nurture;

namespace {

struct Rng {
  std::uint64_t state;
  std::uint64_t next() {
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  std::uint64_t below(std::uint64_t n) { return next() % n; }
};

const char* const k_first[] = {"Ana", "Bea", "Carla", "Dana", "Eve", "Fiona", "Gina", "Hana", "Iris", "Zoë"};
const char* const k_last[] = {"Souza", "Miller", "Nguyen", "García", "Smith", "Kowalski", "Okafor", "Rossi"};
const char* const k_cities[] = {"Tampa", "Miami", "Orlando", "Clearwater", "St. Petersburg", "Sarasota"};
const char* const k_sources[] = {"facebook", "google-ads", "website", "referral", "instagram"};
const char* const k_interests[] = {"botox", "fillers", "laser", "peel", "coolsculpting", "microneedling"};
constexpr UnixMillis k_start = 1735689600000;  // 2025-01-01

double seconds_since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

// As the app reads a file: one budgeted step per frame.
Expected<Workspace> read_stepped(std::string_view text) {
  WorkspaceJsonReader reader(text);
  while (!reader.step(std::size_t{1} << 20)) {
  }
  return reader.take();
}

double cpu_seconds() { return bench::cpu_ms() / 1000.0; }

Workspace generate(std::size_t leads, std::size_t events) {
  Rng rng{42};
  Workspace ws;
  ws.practice.name = "Lumen Aesthetics & Laser";
  ws.practice_stamp = Stamp{k_start, 0, 1};
  ws.leads.reserve(leads);
  for (std::size_t i = 0; i < leads; ++i) {
    Lead l;
    l.id = LeadId{rng.next() | 1};
    l.first_name = k_first[rng.below(std::size(k_first))];
    l.last_name = k_last[rng.below(std::size(k_last))];
    l.email = "lead" + std::to_string(i) + "@example.com";
    l.phone = "+1813" + std::to_string(5000000 + i);
    l.city = k_cities[rng.below(std::size(k_cities))];
    l.state = "FL";
    l.country = "US";
    l.source = k_sources[rng.below(std::size(k_sources))];
    l.campaign = "spring-" + std::to_string(rng.below(12));
    l.interests = {k_interests[rng.below(std::size(k_interests))]};
    if (rng.below(4) == 0) l.tags = {"vip"};
    if (rng.below(3) == 0) l.custom_fields["skin type"] = "III";
    if (rng.below(5) == 0) l.notes = "Prefers morning appointments; asked about pricing.";
    l.created_at = k_start + static_cast<UnixMillis>(rng.below(300ULL * 86400000));
    l.stage = static_cast<Stage>(rng.below(k_stage_count));
    l.stage_history = {{Stage::awareness, l.created_at}};
    if (l.stage != Stage::awareness) l.stage_history.push_back({l.stage, l.created_at + 86400000});
    l.consent = {{Channel::email, Purpose::marketing, true, l.created_at, "web form", "Send me offers", ""}};
    const Stamp s{l.created_at, 0, 1 + rng.below(3)};
    std::array<Stamp, k_lead_field_count> stamps{};
    for (std::size_t f = 0; f < k_lead_field_count; ++f) {
      if (field_is_set(l, static_cast<LeadField>(f))) stamps[f] = s;
    }
    if (rng.below(10) == 0) stamps[static_cast<std::size_t>(LeadField::notes)] = Stamp{s.millis + 5000, 1, 2};
    const bool deleted = rng.below(100) == 0;
    ws.leads.append_row(l, stamps, deleted, deleted ? Stamp{s.millis + 9000, 0, 1} : Stamp{});
  }
  ws.events.reserve(events);
  std::vector<Event> batch;
  UnixMillis at = k_start;
  for (std::size_t i = 0; i < events; ++i) {
    Event e;
    e.id = EventId{rng.next() | 1};
    e.lead = ws.leads.id(static_cast<std::uint32_t>(rng.below(leads)));
    at += static_cast<UnixMillis>(rng.below(17000));
    e.at = at;
    e.type = static_cast<EventType>(rng.below(k_event_type_count));
    if (rng.below(5) == 0) e.content = "botox-guide";
    if (rng.below(10) == 0) {
      e.sequence = "welcome";
      e.step = static_cast<std::uint16_t>(1 + rng.below(5));
    }
    if (e.type == EventType::call) e.seconds = static_cast<std::uint32_t>(rng.below(900));
    if (e.type == EventType::purchase) {
      e.amount_cents = static_cast<std::int64_t>(10000 + rng.below(90000));
      e.service = "botox";
    }
    if (rng.below(20) == 0) e.properties = {{"utm_source", "newsletter"}};
    batch.push_back(std::move(e));
    if (batch.size() == 65536) {
      ws.events.add(batch);
      batch.clear();
    }
  }
  ws.events.add(batch);
  for (std::size_t i = 0; i < 100 && events > 0; ++i) {
    ws.events.set_deleted(ws.events.id(static_cast<std::uint32_t>(rng.below(events))), Stamp{at, 0, 1});
  }
  return ws;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr,
                 "usage: json_bench gen FILE [leads] [events] | json_bench import|parse|stepped|read FILE\n");
    return 2;
  }
  const std::string mode = argv[1];
  const std::string file = argv[2];
  if (mode == "gen") {
    const std::size_t leads = argc > 3 ? std::stoul(argv[3]) : 100000;
    const std::size_t events = argc > 4 ? std::stoul(argv[4]) : 3000000;
    auto t = std::chrono::steady_clock::now();
    const Workspace ws = generate(leads, events);
    std::printf("generate: %.2f s\n", seconds_since(t));
    t = std::chrono::steady_clock::now();
    const double c = cpu_seconds();
    const std::string text = workspace_to_json(ws);
    std::printf("export: %.2f s wall, %.2f s CPU, %.1f MB (%.0f bytes/event)\n", seconds_since(t),
                cpu_seconds() - c, text.size() / 1048576.0,
                events ? static_cast<double>(text.size()) / static_cast<double>(events) : 0.0);
    std::ofstream(file, std::ios::binary) << text;
    return 0;
  }
  // One copy of the file, as the browser hands the app its bytes.
  std::ifstream in(file, std::ios::binary | std::ios::ate);
  std::string text(static_cast<std::size_t>(in.tellg()), '\0');
  in.seekg(0);
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  std::printf("read: %.1f MB, peak so far %.0f MB\n", text.size() / 1048576.0, bench::peak_memory_mb());
  if (mode == "read") return text.empty() ? 1 : 0;
  const auto t = std::chrono::steady_clock::now();
  const double c = cpu_seconds();
  const auto ws = mode == "stepped" ? read_stepped(text) : workspace_from_json(text);
  const double s = seconds_since(t);
  const double cpu = cpu_seconds() - c;
  if (!ws.ok()) {
    std::printf("import failed: %s\n", ws.error().describe().c_str());
    return 1;
  }
  std::printf("import: %.2f s wall, %.2f s CPU, %zu leads, %zu events, peak memory %.0f MB\n", s, cpu,
              ws.value().leads.rows(), ws.value().events.size(), bench::peak_memory_mb());
  if (mode == "parse" || mode == "stepped") return 0;
  const auto t2 = std::chrono::steady_clock::now();
  const double c2 = cpu_seconds();
  const std::string again = workspace_to_json(ws.value());
  std::printf("export of the imported workspace: %.2f s wall, %.2f s CPU, byte-identical: %s\n",
              seconds_since(t2), cpu_seconds() - c2, again == text ? "yes" : "NO");
  return again == text ? 0 : 1;
}
