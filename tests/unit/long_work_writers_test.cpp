// The export writers the app runs a slice per frame (U13, docs/long-work.md): any slicing must
// write the one-shot file byte for byte. Oracles: write_leads_csv, the function the CLI uses,
// and ledger_export_json, one unbounded pass of the same writer (its bytes are pinned by the
// golden files in consent_ledger_test.cpp; its count and digest are checked here against
// ledger_export_entries and ledger_digest). Workspaces: the demo practice at a few seeds (its
// consent gives every lead ledger entries), and an empty one.
#include <catch_amalgamated.hpp>

#include <string>

#include "core/demo/demo_practice.hpp"
#include "core/export/leads_csv.hpp"
#include "core/io/ledger_json.hpp"
#include "core/util/splitmix.hpp"

namespace long_work_writers_test {

using namespace nurture;

namespace {

constexpr UnixMillis k_now = 1795768925000;  // 2026-11-27T08:42:05Z

template <class Writer>
std::string sliced(Writer& writer, SplitMix64& rng, std::size_t largest, std::size_t& calls) {
  std::string out;
  calls = 0;
  for (;;) {
    ++calls;
    if (writer.write(out, rng.below(largest) + (rng.below(4) == 0 ? 0 : 1))) return out;
    REQUIRE(calls < 100000);
  }
}

}  // namespace

TEST_CASE("the ledger export in any slices equals the one-shot export", "[ledger][export][long-work]") {
  SplitMix64 rng(0x1ED6E5);
  for (int round = 0; round < 6; ++round) {
    const Workspace ws = make_demo_practice({rng.next(), 20 + rng.below(50), k_now, 5});
    REQUIRE(ws.ledger.size() > 20);
    std::optional<LeadId> lead;
    if (round % 3 == 2) lead = ws.leads.id(static_cast<std::uint32_t>(rng.below(ws.leads.rows())));
    const std::string whole = ledger_export_json(ws, lead, k_now + 1);
    LedgerJsonWriter writer(ws, lead, k_now + 1);
    CHECK(writer.progress() == 0.0);
    std::size_t calls = 0;
    const std::string out = sliced(writer, rng, round < 3 ? 4 : 40, calls);
    CHECK(out == whole);
    CHECK(writer.progress() == 1.0);
    CHECK(writer.entry_count() == ledger_export_entries(ws, lead).size());
    CHECK(writer.digest() == ledger_digest(ledger_export_entries(ws, lead)));
    if (!lead) CHECK(calls > 2);
    // Finished is finished: another call writes nothing more.
    std::string again = out;
    CHECK(writer.write(again, 10));
    CHECK(again == out);
  }
  const Workspace empty;
  LedgerJsonWriter writer(empty, std::nullopt, k_now);
  std::string out;
  CHECK(writer.write(out, 1));
  CHECK(out == ledger_export_json(empty, std::nullopt, k_now));
}

TEST_CASE("the leads CSV in any slices equals the one-shot CSV", "[export][long-work]") {
  SplitMix64 rng(0xC5F);
  for (int round = 0; round < 3; ++round) {
    const Workspace ws = make_demo_practice({rng.next(), 30 + rng.below(40), k_now, 5});
    LeadsCsvWriter writer(ws);
    std::size_t calls = 0;
    CHECK(sliced(writer, rng, 7, calls) == write_leads_csv(ws));
    CHECK(calls > 3);
  }
}

}  // namespace long_work_writers_test
