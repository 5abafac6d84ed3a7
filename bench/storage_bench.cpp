// Storage benchmark: generates seeded S/M/L workspaces and measures opening the stored image,
// encoding it, and JSON export/import, one operation per process so each reports its own peak
// memory. Built natively and as wasm for node (same source); bench/run_storage.mjs drives it
// and the sql.js peer. Usage:
//   nurture_storage_bench generate S|M|L DIR [SEED]   writes DIR/<size>.image, .json, .leads.tsv, .events.tsv
//   nurture_storage_bench measure OP FILE [REPEAT]    OP: open, open_index, encode, export, import,
//                                                     merge (MergeWorkspace with undo of a copy
//                                                     edited on another device: 1% of the leads
//                                                     edited, 1% more events); merge_two_pass:
//                                                     the same as MergeWorkspace did before
//                                                     (preview, copy for undo, merge), for comparison
//   nurture_storage_bench parts [FILE] [REPEAT]       split_parts (snapshot_parts.hpp, default limits) over
//                                                     FILE, or a seeded 64 MiB buffer, against its peer
//                                                     checksum64 over the same bytes in the same run
//   nurture_storage_bench smoke                       S in memory: generate, encode, decode, compare
//                                                     (the test command's quick check, no files)
// Prints one JSON line per run.

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "bench_platform.hpp"
#include "core/commands/command.hpp"
#include "core/io/workspace_json.hpp"
#include "core/storage/snapshot_parts.hpp"
#include "core/storage/workspace_image.hpp"
#include "core/util/checksum.hpp"
#include "core/util/splitmix.hpp"

using namespace nurture;

namespace {

using Rng = SplitMix64;

/// True `n` times in a thousand: the generator's proportions are per mille.
bool per_mille(Rng& rng, unsigned n) { return rng.below(1000) < n; }

const std::vector<std::string> k_first = {
    "Ana",   "Bea",  "Carla", "Diana", "Elena", "Fatima", "Grace", "Hana", "Irene", "Julia", "Kim",  "Laura",
    "Maria", "Nina", "Olga",  "Paula", "Rosa",  "Sophie", "Tina",  "Zoë",  "James", "Mike",  "Omar", "Luis"};
const std::vector<std::string> k_last = {"Silva",  "Smith", "Núñez", "Johnson", "Garcia", "Lee",
                                         "Brown",  "Davis", "Lopez", "Kim",     "Nguyen", "Miller",
                                         "Wilson", "Moore", "Clark", "Hall"};
const std::vector<std::string> k_domains = {"gmail.com", "yahoo.com", "outlook.com", "icloud.com",
                                            "example.org"};
const std::vector<std::string> k_cities = {"Tampa",   "St. Petersburg", "Clearwater",
                                           "Brandon", "Largo",          "Lutz"};
const std::vector<std::string> k_sources = {"facebook", "facebook", "instagram",
                                            "google",   "website",  "referral"};
const std::vector<std::string> k_campaigns = {"", "spring-botox", "summer-laser", "fillers-q3",
                                              "holiday-gift"};
const std::vector<std::string> k_forms = {"", "consult-request", "price-guide", "newsletter"};
const std::vector<std::string> k_interests = {"botox",         "fillers",       "laser hair removal",
                                              "chemical peel", "microneedling", "coolsculpting"};
const std::vector<std::string> k_tags = {"vip", "price-sensitive", "follow-up", "bride", "returning"};
const std::vector<std::string> k_content = {"", "", "guide-botox", "video-laser", "blog-fillers", "faq"};
const std::vector<std::string> k_sequences = {"", "welcome", "consult-follow-up", "win-back"};
const std::vector<std::string> k_services = {"Botox", "Juvederm", "Laser hair removal", "HydraFacial"};

constexpr UnixMillis k_start = 1764547200000;  // 2025-12-01
constexpr UnixMillis k_year = 365LL * 86400000;

// Funnel-like proportions, per mille.
const std::vector<std::pair<EventType, unsigned>> k_type_mix = {{EventType::email_sent, 400},
                                                                {EventType::email_opened, 200},
                                                                {EventType::email_clicked, 60},
                                                                {EventType::email_replied, 10},
                                                                {EventType::email_bounced, 5},
                                                                {EventType::unsubscribed, 5},
                                                                {EventType::text_sent, 80},
                                                                {EventType::text_replied, 10},
                                                                {EventType::call, 20},
                                                                {EventType::form_submitted, 30},
                                                                {EventType::content_viewed, 100},
                                                                {EventType::appointment_booked, 30},
                                                                {EventType::appointment_attended, 20},
                                                                {EventType::appointment_no_show, 5},
                                                                {EventType::appointment_cancelled, 5},
                                                                {EventType::purchase, 15},
                                                                {EventType::review, 5}};

EventType pick_type(Rng& rng) {
  auto r = static_cast<unsigned>(rng.below(1000));
  for (const auto& [type, share] : k_type_mix) {
    if (r < share) return type;
    r -= share;
  }
  return EventType::email_sent;
}

void must(const CommandResult& r) {
  if (!r.ok) {
    std::cerr << "generator command failed: " << r.message << "\n";
    std::exit(1);
  }
}

Workspace generate(std::size_t leads, std::size_t events, std::uint64_t seed) {
  Rng rng{seed};
  Workspace ws;
  ws.practice.name = "Lumen Aesthetics & Laser";
  ws.practice.city = "Tampa";
  ws.practice.state = "FL";
  ws.practice.country = "US";
  ws.practice.time_zone = "America/New_York";
  HybridClock clock(seed);
  std::vector<std::uint64_t> ids;
  ids.reserve(leads);
  ws.leads.reserve(leads);
  for (std::size_t i = 0; i < leads; ++i) {
    // Leads arrive over the year; the first tenth were there before it started.
    const UnixMillis now = k_start + static_cast<UnixMillis>((i * static_cast<std::size_t>(k_year)) / leads);
    Lead l;
    l.id = LeadId{rng.next() | 1};
    l.first_name = rng.pick(k_first);
    l.last_name = rng.pick(k_last);
    if (!per_mille(rng, 80)) {
      std::string local = l.first_name.substr(0, 1) + "." + l.last_name + std::to_string(rng.below(10000));
      std::transform(local.begin(), local.end(), local.begin(),
                     [](unsigned char c) { return c < 128 ? static_cast<char>(std::tolower(c)) : 'x'; });
      l.email = local + "@" + rng.pick(k_domains);
    }
    if (!per_mille(rng, 300)) l.phone = "+1813" + std::to_string(2000000 + rng.below(7999999));
    if (per_mille(rng, 250))
      l.birth_date =
          CivilDate{1960 + static_cast<int>(rng.below(45)), 1 + static_cast<unsigned>(rng.below(12)),
                    1 + static_cast<unsigned>(rng.below(28))};
    l.gender = per_mille(rng, 850) ? Gender::female : static_cast<Gender>(rng.below(k_gender_count));
    l.city = rng.pick(k_cities);
    l.state = "FL";
    l.country = "US";
    l.time_zone = "America/New_York";
    l.source = rng.pick(k_sources);
    l.campaign = rng.pick(k_campaigns);
    l.form = rng.pick(k_forms);
    for (std::size_t n = rng.below(3); n > 0; --n) l.interests.push_back(rng.pick(k_interests));
    if (per_mille(rng, 300)) l.tags.push_back(rng.pick(k_tags));
    if (per_mille(rng, 200)) l.custom_fields["skin type"] = "Fitzpatrick " + std::to_string(1 + rng.below(6));
    if (per_mille(rng, 150)) l.notes = "Asked about " + rng.pick(k_interests) + " pricing; prefers evenings.";
    must(apply(ws, AddLead{l, now}, clock));
    ids.push_back(l.id.value);
    if (per_mille(rng, 400))
      must(apply(ws, SetStage{l.id, static_cast<Stage>(1 + rng.below(3)), now + 3600000}, clock));
    if (per_mille(rng, 600)) {
      must(apply(ws,
                 SetConsent{l.id, Channel::email, Purpose::marketing, true, "web form",
                            "Yes, send me offers and news by email.", "", now},
                 clock));
    }
    if (per_mille(rng, 50))
      must(apply(ws, SetDoNotContact{l.id, Channel::sms, true, "reply STOP", now + 7200000}, clock));
    if (per_mille(rng, 10)) must(apply(ws, DeleteLead{l.id, now + 86400000}, clock));
  }
  // Events in time order, in batches, each for a lead that exists by then (ids[0, live)).
  const UnixMillis end = k_start + k_year;
  std::vector<UnixMillis> times(events);
  for (auto& t : times) t = k_start + static_cast<UnixMillis>(rng.below(static_cast<std::size_t>(k_year)));
  std::sort(times.begin(), times.end());
  const std::size_t batch = 250000;
  ws.events.reserve(events);
  for (std::size_t first = 0; first < events; first += batch) {
    AddEvents add{{}, end};
    const auto last = std::min(events, first + batch);
    add.events.reserve(last - first);
    for (std::size_t i = first; i < last; ++i) {
      const auto known = std::max<std::size_t>(
          1, static_cast<std::size_t>((times[i] - k_start) * static_cast<UnixMillis>(leads) / k_year));
      std::uint64_t lead = ids[rng.below(std::min(known, leads))];
      if (!ws.leads.find(LeadId{lead})) lead = ids[0];
      Event e;
      e.id = EventId{rng.next() | 1};
      e.lead = LeadId{lead};
      e.at = times[i];
      e.type = pick_type(rng);
      if (e.type == EventType::content_viewed || e.type == EventType::email_clicked) {
        e.content = rng.pick(k_content);
        e.seconds = static_cast<std::uint32_t>(rng.below(600));
      }
      if (e.type == EventType::email_sent || e.type == EventType::text_sent) {
        e.sequence = rng.pick(k_sequences);
        e.step = static_cast<std::uint16_t>(rng.below(6));
      }
      if (e.type == EventType::purchase || e.type == EventType::appointment_booked) {
        e.service = rng.pick(k_services);
        if (e.type == EventType::purchase)
          e.amount_cents = 15000 + static_cast<std::int64_t>(rng.below(150000));
      }
      if (e.type == EventType::form_submitted)
        e.properties = {{"utm_source", "facebook"}, {"utm_medium", "paid"}};
      add.events.push_back(std::move(e));
    }
    must(apply(ws, add, clock));
  }
  return ws;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::cerr << "cannot read " << path << "\n";
    std::exit(1);
  }
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

void write_file(const std::string& path, std::string_view bytes) {
  std::ofstream out(path, std::ios::binary);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out) {
    std::cerr << "cannot write " << path << "\n";
    std::exit(1);
  }
}

std::string clean(std::string s) {
  std::replace(s.begin(), s.end(), '\t', ' ');
  std::replace(s.begin(), s.end(), '\n', ' ');
  return s;
}

// The same rows as tab-separated text for the sql.js peer: lists as JSON, times as Unix ms.
void write_tsv(const Workspace& ws, const std::string& prefix) {
  std::string out;
  for (std::uint32_t r = 0; r < ws.leads.rows(); ++r) {
    const Lead l = ws.leads.get(r);
    nlohmann::json history = nlohmann::json::array(), consent = nlohmann::json::array(),
                   dnc = nlohmann::json::array();
    for (const auto& h : l.stage_history) history.push_back({to_string(h.stage), h.at});
    for (const auto& c : l.consent)
      consent.push_back(
          {to_string(c.channel), to_string(c.purpose), c.granted, c.at, c.method, c.text, c.reason});
    for (const auto& d : l.do_not_contact) dnc.push_back({to_string(d.channel), d.reason, d.at});
    Stamp latest;
    for (std::size_t f = 0; f < k_lead_field_count; ++f)
      latest = std::max(latest, ws.leads.stamp(r, static_cast<LeadField>(f)));
    const std::vector<std::string> cols = {to_string(l.id),
                                           l.first_name,
                                           l.last_name,
                                           l.email,
                                           l.phone,
                                           l.birth_date ? format_date(*l.birth_date) : "",
                                           l.age ? std::to_string(*l.age) : "",
                                           std::string(to_string(l.gender)),
                                           l.street,
                                           l.city,
                                           l.state,
                                           l.zip,
                                           l.country,
                                           l.time_zone,
                                           l.source,
                                           l.campaign,
                                           l.ad,
                                           l.form,
                                           nlohmann::json(l.interests).dump(),
                                           nlohmann::json(l.tags).dump(),
                                           nlohmann::json(l.custom_fields).dump(),
                                           l.notes,
                                           std::string(to_string(l.stage)),
                                           history.dump(),
                                           consent.dump(),
                                           dnc.dump(),
                                           std::to_string(l.created_at),
                                           ws.leads.is_deleted(r) ? "1" : "0",
                                           to_string(latest)};
    for (std::size_t c = 0; c < cols.size(); ++c) out += (c ? "\t" : "") + clean(cols[c]);
    out += '\n';
  }
  write_file(prefix + ".leads.tsv", out);
  out.clear();
  for (std::uint32_t p = 0; p < ws.events.size(); ++p) {
    const Event e = ws.events.get(p);
    nlohmann::json props = nlohmann::json::array();
    for (const auto& [k, v] : e.properties) props.push_back({k, v});
    const std::vector<std::string> cols = {to_string(e.id),
                                           to_string(e.lead),
                                           std::to_string(e.at),
                                           std::string(to_string(e.type)),
                                           e.content,
                                           e.sequence,
                                           std::to_string(e.step),
                                           std::to_string(e.seconds),
                                           std::to_string(e.amount_cents),
                                           e.service,
                                           e.properties.empty() ? "" : props.dump(),
                                           ws.events.is_deleted(p) ? "1" : "0"};
    for (std::size_t c = 0; c < cols.size(); ++c) out += (c ? "\t" : "") + clean(cols[c]);
    out += '\n';
  }
  write_file(prefix + ".events.tsv", out);
}

double ms_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

Workspace open_or_die(std::string_view bytes) {
  auto ws = decode_image(bytes);
  if (!ws) {
    std::cerr << "decode failed: " << ws.error().message << "\n";
    std::exit(1);
  }
  return std::move(ws).value();
}

// Another device's copy of `ws`: every 100th live lead's notes edited, and 1% more events.
Workspace edited_elsewhere(const Workspace& ws) {
  Workspace remote = ws;
  HybridClock clock(0xB0B);
  const UnixMillis now = k_start + k_year + 86400000;
  std::vector<LeadId> live;
  remote.leads.for_each_live([&](std::uint32_t r) { live.push_back(remote.leads.id(r)); });
  LeadBatch batch;
  for (std::size_t i = 0; i < live.size(); i += 100) {
    Lead v = remote.leads.get(*remote.leads.find(live[i]));
    v.notes = "Called back from the laptop";
    batch.commands.emplace_back(UpdateLead{live[i], v, now});
  }
  must(apply(remote, batch, clock));
  Rng rng{7};
  AddEvents add{{}, now};
  for (std::size_t i = 0; i < ws.events.size() / 100 && !live.empty(); ++i) {
    Event e;
    e.id = EventId{rng.next() | 1};
    e.lead = live[rng.below(live.size())];
    e.at = now - static_cast<UnixMillis>(rng.below(86400000));
    e.type = pick_type(rng);
    add.events.push_back(std::move(e));
  }
  must(apply(remote, add, clock));
  return remote;
}

int measure(const std::string& op, const std::string& path, int repeat) {
  const std::string input = read_file(path);
  std::vector<double> times;
  std::size_t out_bytes = 0;
  std::size_t leads = 0, events = 0;
  std::optional<Workspace> loaded;
  const bool merging = op == "merge" || op == "merge_two_pass";
  if (op == "encode" || op == "export" || merging) loaded = open_or_die(input);
  std::optional<Command> merge;
  if (merging) merge = MergeWorkspace{edited_elsewhere(*loaded), k_start + k_year + 86400000};
  std::vector<double> cpu;
  for (int i = 0; i < repeat; ++i) {
    const double c0 = bench::cpu_ms();
    const auto t0 = std::chrono::steady_clock::now();
    if (op == "open" || op == "open_index") {
      Workspace ws = open_or_die(input);
      if (op == "open_index" && ws.leads.rows() > 0) (void)ws.events.of_lead(ws.leads.id(0));
      times.push_back(ms_since(t0));
      cpu.push_back(bench::cpu_ms() - c0);
      leads = ws.leads.rows();
      events = ws.events.size();
    } else if (op == "encode") {
      out_bytes = encode_image(*loaded).size();
      times.push_back(ms_since(t0));
      cpu.push_back(bench::cpu_ms() - c0);
    } else if (op == "export") {
      out_bytes = workspace_to_json(*loaded).size();
      times.push_back(ms_since(t0));
      cpu.push_back(bench::cpu_ms() - c0);
    } else if (op == "merge") {
      Workspace ws = *loaded;  // not timed: each run merges into a fresh copy
      HybridClock clock(1);
      UndoStep undo;
      const double c1 = bench::cpu_ms();
      const auto t1 = std::chrono::steady_clock::now();
      const auto result = apply(ws, *merge, clock, &undo);
      times.push_back(ms_since(t1));
      cpu.push_back(bench::cpu_ms() - c1);
      if (!result.ok || result.message == "Nothing new") {
        std::cerr << "merge failed: " << result.message << "\n";
        return 1;
      }
      out_bytes = ws.events.size();
    } else if (op == "merge_two_pass") {
      Workspace ws = *loaded;
      const auto& remote = std::get<MergeWorkspace>(*merge);
      const double c1 = bench::cpu_ms();
      const auto t1 = std::chrono::steady_clock::now();
      const MergeReport preview = preview_merge(ws, remote.remote, remote.now);
      std::optional<Workspace> undo;
      if (!preview.nothing_new()) undo = ws;
      (void)merge_into(ws, remote.remote, remote.now);
      times.push_back(ms_since(t1));
      cpu.push_back(bench::cpu_ms() - c1);
      out_bytes = ws.events.size();
    } else if (op == "import") {
      auto ws = workspace_from_json(input);
      times.push_back(ms_since(t0));
      cpu.push_back(bench::cpu_ms() - c0);
      if (!ws) {
        std::cerr << "import failed: " << ws.error().message << "\n";
        return 1;
      }
      leads = ws.value().leads.rows();
      events = ws.value().events.size();
    } else {
      std::cerr << "unknown op " << op << "\n";
      return 2;
    }
  }
  if (loaded) {
    leads = loaded->leads.rows();
    events = loaded->events.size();
  }
  std::sort(times.begin(), times.end());
  std::sort(cpu.begin(), cpu.end());
  nlohmann::json line = {{"op", op},
                         {"platform", bench::platform_name()},
                         {"input_bytes", input.size()},
                         {"output_bytes", out_bytes},
                         {"leads", leads},
                         {"events", events},
                         {"ms_median", times[times.size() / 2]},
                         {"ms_min", times.front()},
                         {"cpu_ms_median", cpu[cpu.size() / 2]},
                         {"cpu_ms_min", cpu.front()},
                         {"runs", repeat},
                         {"rss_mb", bench::peak_rss_mb()}};
  if (bench::wasm_heap_mb() > 0) line["wasm_heap_mb"] = bench::wasm_heap_mb();
  std::cout << line.dump() << std::endl;
  return 0;
}

std::size_t count_parts(std::string_view bytes) { return split_parts(bytes).size(); }

/// split_parts against checksum64 over the same bytes: the split reads every byte once (less
/// each part's skipped head) and checksums each part, so checksum64 is its floor.
int measure_parts(const std::string& file, int repeat) {
  std::string bytes;
  if (file.empty()) {
    Rng rng(20261206);
    bytes.resize(std::size_t{64} << 20);
    for (std::size_t i = 0; i < bytes.size(); i += 8) {
      const std::uint64_t word = rng.next();
      for (std::size_t k = 0; k < 8; ++k) bytes[i + k] = static_cast<char>((word >> (8 * k)) & 0xFFU);
    }
  } else {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream buffer;
    buffer << in.rdbuf();
    bytes = buffer.str();
  }
  std::vector<double> split_ms;
  std::vector<double> sum_ms;
  std::size_t parts = 0;
  std::uint64_t sink = 0;
  // Called through a pointer the optimiser cannot see through: wasm-opt inlines a function
  // called once, and V8 replaces a wasm function's baseline code by its optimised code only on
  // the next call (no on-stack replacement), so a loop inlined into this one long call would be
  // measured in baseline code all along (about 3.5 ns/byte instead of 0.8 under node 20).
  std::size_t (*volatile split_fn)(std::string_view) = count_parts;
  for (int r = 0; r < repeat; ++r) {
    const double c0 = bench::cpu_ms();
    parts = split_fn(bytes);
    const double c1 = bench::cpu_ms();
    sink ^= checksum64(bytes);
    split_ms.push_back(c1 - c0);
    sum_ms.push_back(bench::cpu_ms() - c1);
  }
  std::sort(split_ms.begin(), split_ms.end());
  std::sort(sum_ms.begin(), sum_ms.end());
  const double split = split_ms[split_ms.size() / 2];
  const double sum = sum_ms[sum_ms.size() / 2];
  std::cout << nlohmann::json{{"op", "parts"},
                              {"platform", bench::platform_name()},
                              {"bytes", bytes.size()},
                              {"parts", parts},
                              {"split_ms_median", split},
                              {"split_ns_per_byte", split * 1e6 / static_cast<double>(bytes.size())},
                              {"checksum64_ms_median", sum},
                              {"ratio_to_checksum64", split / sum},
                              {"sink", sink & 1U}}
                   .dump()
            << std::endl;
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  if (args.size() >= 3 && args[0] == "generate") {
    const std::string& size = args[1];
    const std::size_t leads = size == "S" ? 2000 : size == "M" ? 20000 : 100000;
    const std::size_t events = leads * 30;
    const std::uint64_t seed = args.size() >= 4 ? std::stoull(args[3]) : 20261127;
    const auto t0 = std::chrono::steady_clock::now();
    const Workspace ws = generate(leads, events, seed);
    const double gen_ms = ms_since(t0);
    const std::string prefix = args[2] + "/" + size;
    const auto image = encode_image(ws);
    write_file(prefix + ".image", image);
    write_file(prefix + ".json", workspace_to_json(ws));
    write_tsv(ws, prefix);
    std::cout << nlohmann::json{{"op", "generate"},
                                {"size", size},
                                {"seed", seed},
                                {"leads", ws.leads.rows()},
                                {"events", ws.events.size()},
                                {"image_bytes", image.size()},
                                {"ms", gen_ms}}
                     .dump()
              << std::endl;
    return 0;
  }
  if (args.size() == 1 && args[0] == "smoke") {
    const Workspace ws = generate(2000, 60000, 20261127);
    const auto t0 = std::chrono::steady_clock::now();
    const auto image = encode_image(ws);
    const double encode_ms = ms_since(t0);
    const auto t1 = std::chrono::steady_clock::now();
    const auto back = decode_image(image);
    const double open_ms = ms_since(t1);
    const bool same =
        back.ok() && back.value() == ws && workspace_to_json(back.value()) == workspace_to_json(ws);
    std::cout << nlohmann::json{{"op", "smoke"},
                                {"platform", bench::platform_name()},
                                {"image_bytes", image.size()},
                                {"encode_ms", encode_ms},
                                {"open_ms", open_ms},
                                {"round_trip", same}}
                     .dump()
              << std::endl;
    return same ? 0 : 1;
  }
  if (!args.empty() && args[0] == "parts") {
    return measure_parts(args.size() >= 2 ? args[1] : "", args.size() >= 3 ? std::stoi(args[2]) : 7);
  }
  if (args.size() >= 3 && args[0] == "measure") {
    return measure(args[1], args[2], args.size() >= 4 ? std::stoi(args[3]) : 3);
  }
  std::cerr << "usage: nurture_storage_bench generate S|M|L DIR [SEED] | measure OP FILE [REPEAT] | parts "
               "[FILE] [REPEAT] | smoke\n";
  return 2;
}
