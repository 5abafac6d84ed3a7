// Lead import at scale: a seeded spreadsheet of N rows (default 100,000) read, matched and
// applied as the app does it, reported per phase in CPU time with peak memory. The peer is
// reading the same CSV without importing it (the floor any importer pays), measured in the
// same process. Natively and in wasm under node; see bench/README.md.
//
//   lead_import_bench [rows]
//
// The file has what practices' exports have: quoted fields with separators, accented names,
// phones in several formats, about 3 % of rows repeating an earlier person (another case or
// format of the same email), and about 1 % of rows with a malformed email (reported errors).

#include <cstdio>
#include <cstdlib>
#include <string>

#include "bench/bench_platform.hpp"
#include "core/commands/command.hpp"
#include "core/import/lead_import.hpp"
#include "core/io/csv.hpp"
#include "core/util/splitmix.hpp"

using namespace nurture;

namespace {

constexpr UnixMillis k_now = 1795000000000;  // 2026-11-19

const char* const k_first[] = {"Ana",   "Béa",  "Carla", "Dana", "Élodie",
                               "Fiona", "Gina", "Hana",  "Iris", "Zoë"};
const char* const k_last[] = {"Souza", "Miller",   "Nguyen", "García",
                              "Smith", "Kowalski", "Okafor", "O'Brien"};
const char* const k_cities[] = {"Tampa", "Miami", "Orlando", "Clearwater", "St. Petersburg", "Sarasota"};
const char* const k_sources[] = {"facebook", "google-ads", "website", "referral", "instagram"};

std::string phone_text(SplitMix64& rng, std::size_t person) {
  const std::string digits = std::to_string(5000000 + person);
  switch (rng.below(3)) {
    case 0:
      return "(813) " + digits.substr(0, 3) + "-" + digits.substr(3);
    case 1:
      return "+1 813 " + digits;
    default:
      return "813." + digits.substr(0, 3) + "." + digits.substr(3);
  }
}

std::string make_csv(std::size_t rows) {
  SplitMix64 rng(20261127);
  std::string out = "First Name,Last Name,Email,Phone Number,City,State/Region,Lead Source,Tags,Notes\n";
  out.reserve(rows * 130);
  std::size_t people = 0;
  for (std::size_t i = 0; i < rows; ++i) {
    // A repeat names an earlier person, with the email in capitals.
    const bool repeat = people > 0 && rng.chance(3);
    const std::size_t person = repeat ? rng.below(people) : people++;
    std::string email = "lead" + std::to_string(person) + "@example.com";
    if (repeat) email = "LEAD" + std::to_string(person) + "@Example.com";
    if (rng.chance(1)) email = "lead" + std::to_string(person) + "@example";  // refused row
    out += k_first[person % std::size(k_first)];
    out += ',';
    out += k_last[(person / 10) % std::size(k_last)];
    out += ',';
    out += email;
    out += ',';
    out += phone_text(rng, person);
    out += ",\"";
    out += k_cities[rng.below(std::size(k_cities))];
    out += "\",FL,";
    out += k_sources[rng.below(std::size(k_sources))];
    out += rng.chance(30) ? ",\"vip,botox\"" : ",";
    out += rng.chance(20) ? ",\"Asked about pricing, prefers \"\"evenings\"\"\"\n" : ",\n";
  }
  return out;
}

struct Phase {
  double cpu_ms = 0;
  double mb = 0;
};

template <class F>
Phase measure(F&& work) {
  const double start = bench::cpu_ms();
  work();
  return {bench::cpu_ms() - start, bench::peak_memory_mb()};
}

LeadImportOptions options() {
  LeadImportOptions o;
  o.now = k_now;
  o.next_id = [rng = SplitMix64(7)]() mutable { return rng.next(); };
  return o;
}

// As the UI runs it: a few hundred rows per frame, then the plan.
Expected<LeadImportPlan> plan_in_frames(const std::string& csv, const Workspace& ws) {
  LeadImport job(csv, options());
  if (!job.status().ok()) return Error{job.status().message};
  while (!job.done()) job.step(ws, 500);
  return job.finish(ws);
}

void print(const char* phase, std::size_t rows, const Phase& p, double parse_ms) {
  std::printf(
      "{\"platform\":\"%s\",\"phase\":\"%s\",\"rows\":%zu,\"cpu_ms\":%.1f,\"ratio_to_csv_read\":%.2f,"
      "\"peak_mb\":%.0f}\n",
      bench::platform_name(), phase, rows, p.cpu_ms, parse_ms > 0 ? p.cpu_ms / parse_ms : 0.0, p.mb);
}

bool check(bool ok, const char* what) {
  if (!ok) std::fprintf(stderr, "lead_import_bench: %s\n", what);
  return ok;
}

}  // namespace

int main(int argc, char** argv) {
  const std::size_t rows = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 100000;
  const std::string csv = make_csv(rows);

  std::size_t records = 0;
  const Phase read = measure([&] {
    CsvReader reader(csv);
    CsvRecord record;
    while (reader.next(record)) ++records;
  });
  print("csv_read", rows, read, read.cpu_ms);

  Workspace ws;
  Expected<LeadImportPlan> first = Error{"not run"};
  const Phase plan_new = measure([&] { first = plan_in_frames(csv, ws); });
  if (!check(first.ok(), "the first plan failed")) return 1;
  print("plan_into_empty", rows, plan_new, read.cpu_ms);
  const auto& r1 = first.value().report;
  // Every row is accounted for: added, merged into an earlier row, or refused.
  if (!check(r1.rows == rows && r1.added + r1.merged + r1.errors + r1.skipped == rows,
             "rows lost in the report"))
    return 1;

  CommandResult applied;
  const Phase apply_new = measure([&] { applied = apply(ws, first.value().command); });
  if (!check(applied.ok, "applying the first plan failed")) return 1;
  print("apply_new", rows, apply_new, read.cpu_ms);

  // The same file again: every row now matches a stored lead (the dedupe path).
  Expected<LeadImportPlan> second = Error{"not run"};
  const Phase plan_again = measure([&] { second = plan_in_frames(csv, ws); });
  if (!check(second.ok(), "the second plan failed")) return 1;
  print("plan_again_all_match", rows, plan_again, read.cpu_ms);
  const auto& r2 = second.value().report;
  if (!check(r2.added == 0 && r2.unchanged + r2.merged + r2.updated + r2.errors + r2.skipped == rows,
             "the second import added leads"))
    return 1;
  std::printf("{\"records\":%zu,\"added\":%zu,\"merged\":%zu,\"errors\":%zu,\"leads\":%zu,\"csv_mb\":%.1f}\n",
              records, r1.added, r1.merged, r1.errors, ws.leads.rows(),
              static_cast<double>(csv.size()) / 1e6);
  return 0;
}
