#include "core/sync/hlc.hpp"

#include <catch_amalgamated.hpp>

#include <random>

namespace hlc_test {

using namespace nurture;

TEST_CASE("stamps print fixed-width and parse back", "[hlc]") {
  const Stamp s{1795768925123, 3, 0xdeadbeef};
  CHECK(to_string(s) == "2026-11-27T08:42:05.123Z/00000003/00000000deadbeef");
  CHECK(parse_stamp(to_string(s)) == s);
  CHECK_FALSE(parse_stamp("2026-11-27T08:42:05Z").has_value());
  CHECK_FALSE(parse_stamp("2026-11-27T25:42:05.123Z/00000003/00000000deadbeef").has_value());
  CHECK_FALSE(parse_stamp("2026-11-27T08:42:05.123Z/0000000g/00000000deadbeef").has_value());
}

TEST_CASE("text order equals stamp order", "[hlc][property]") {
  std::mt19937_64 rng(7);
  for (int i = 0; i < 2000; ++i) {
    const Stamp a{static_cast<std::int64_t>(rng() % 4'000'000'000'000ULL),
                  static_cast<std::uint32_t>(rng() % 5), rng() % 4};
    const Stamp b{a.millis + static_cast<std::int64_t>(rng() % 3) - 1, static_cast<std::uint32_t>(rng() % 5),
                  rng() % 4};
    REQUIRE((a < b) == (to_string(a) < to_string(b)));
    REQUIRE(parse_stamp(to_string(a)) == a);
  }
}

TEST_CASE("local ticks always increase, even when the wall clock goes back", "[hlc]") {
  HybridClock clock(1);
  const Stamp a = clock.tick(1000);
  const Stamp b = clock.tick(1000);
  const Stamp c = clock.tick(500);  // clock moved back
  const Stamp d = clock.tick(2000);
  CHECK(a < b);
  CHECK(b < c);
  CHECK(c < d);
  CHECK(d.millis == 2000);
  CHECK(d.counter == 0);
}

TEST_CASE("after seeing a stamp from a clock a year ahead, local edits still win", "[hlc]") {
  constexpr std::int64_t k_year = 365LL * 86'400'000;
  HybridClock local(1);
  local.tick(1'000'000);
  const Stamp remote{1'000'000 + k_year, 7, 2};
  local.observe(remote);
  const Stamp next = local.tick(1'000'500);  // local wall clock is still "now"
  CHECK(remote < next);
}

TEST_CASE("observing an older stamp changes nothing", "[hlc]") {
  HybridClock clock(1);
  const Stamp a = clock.tick(5000);
  clock.observe(Stamp{10, 0, 9});
  CHECK(clock.last() == a);
}

}  // namespace hlc_test
