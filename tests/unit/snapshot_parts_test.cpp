#include "core/storage/snapshot_parts.hpp"

#include <catch_amalgamated.hpp>

#include <algorithm>
#include <array>
#include <map>
#include <set>

#include "core/util/checksum.hpp"
#include "core/util/splitmix.hpp"

namespace snapshot_parts_test {

using namespace nurture;

namespace {

/// The gear table as snapshot_parts.cpp documents it: SplitMix64 seeded with "nurture\0"
/// (big-endian), drawn in order for bytes 0..255.
std::array<std::uint64_t, 256> gear_table() {
  std::array<std::uint64_t, 256> gear{};
  SplitMix64 rng(0x6E75727475726500ULL);
  for (auto& g : gear) g = rng.next();
  return gear;
}

/// The naive oracle: hashes every byte from each part's start (no skipped head), checks every
/// position at or past min, cuts at max, and returns the part lengths.
std::vector<std::size_t> naive_cuts(std::string_view bytes, const PartLimits& limits) {
  static const auto gear = gear_table();
  const std::uint64_t mask = (std::uint64_t{1} << limits.mask_bits) - 1;
  std::vector<std::size_t> lengths;
  std::size_t start = 0;
  while (start < bytes.size()) {
    std::uint64_t h = 0;
    std::size_t length = 0;
    while (start + length < bytes.size()) {
      h = (h << 1U) + gear[static_cast<unsigned char>(bytes[start + length])];
      ++length;
      if (length == limits.max_bytes) break;
      if (length >= limits.min_bytes && (h & mask) == 0) break;
    }
    lengths.push_back(length);
    start += length;
  }
  return lengths;
}

std::vector<std::size_t> lengths_of(const std::vector<PartRef>& parts) {
  std::vector<std::size_t> out;
  for (const PartRef& p : parts) out.push_back(static_cast<std::size_t>(p.length));
  return out;
}

std::string random_bytes(std::uint64_t seed, std::size_t size) {
  SplitMix64 rng(seed);
  std::string out(size, '\0');
  for (std::size_t i = 0; i < size; i += 8) {
    const std::uint64_t word = rng.next();
    for (std::size_t k = 0; k < 8 && i + k < size; ++k)
      out[i + k] = static_cast<char>((word >> (8 * k)) & 0xFFU);
  }
  return out;
}

/// Random bytes with runs and repeats, like the columns of a workspace image: long runs of one
/// byte, repeated blocks, and noise.
std::string structured_bytes(std::uint64_t seed, std::size_t size) {
  SplitMix64 rng(seed);
  std::string out;
  out.reserve(size);
  while (out.size() < size) {
    const std::size_t n = std::min(size - out.size(), 1 + rng.below(3000));
    switch (rng.below(3)) {
      case 0:
        out.append(n, static_cast<char>(rng.below(4)));
        break;
      case 1:
        out += random_bytes(rng.next(), n);
        break;
      default: {
        const std::size_t from = out.empty() ? 0 : rng.below(out.size());
        const std::size_t len = std::min(n, out.size() - from);
        if (len == 0) {
          out.append(n, 'x');
        } else {
          const std::string copy = out.substr(from, len);
          out += copy;
        }
      }
    }
  }
  out.resize(size);
  return out;
}

using PartFiles = std::map<std::string, std::string>;

PartFiles store_parts(std::string_view bytes, const std::vector<PartRef>& parts) {
  PartFiles files;
  std::size_t at = 0;
  for (const PartRef& p : parts) {
    files[part_name(p)] = std::string(bytes.substr(at, static_cast<std::size_t>(p.length)));
    at += static_cast<std::size_t>(p.length);
  }
  return files;
}

PartReader reader_of(const PartFiles& files) {
  return [&files](const std::string& name) -> std::optional<std::string> {
    const auto it = files.find(name);
    if (it == files.end()) return std::nullopt;
    return it->second;
  };
}

const PartLimits k_tiny{64, 1024, 6};
const PartLimits k_small{2048, 65536, 12};

}  // namespace

TEST_CASE("split_parts cuts exactly where the naive gear-hash oracle does", "[snapshot_parts]") {
  SplitMix64 rng(0x5eed0001);
  const std::vector<PartLimits> limits = {k_tiny,        {1, 16, 2},    {63, 200, 3}, {64, 64, 5},
                                          {65, 4096, 7}, {100, 300, 0}, k_small};
  for (int round = 0; round < 40; ++round) {
    const std::size_t size = rng.pick({std::size_t{0}, std::size_t{1}, std::size_t{63}, std::size_t{64},
                                       std::size_t{65}, rng.below(5000), rng.below(200000)});
    const std::string bytes =
        rng.chance(50) ? random_bytes(rng.next(), size) : structured_bytes(rng.next(), size);
    for (const PartLimits& lim : limits) {
      INFO("round " << round << " size " << size << " limits " << lim.min_bytes << "/" << lim.max_bytes << "/"
                    << lim.mask_bits);
      const auto parts = split_parts(bytes, lim);
      REQUIRE(lengths_of(parts) == naive_cuts(bytes, lim));
    }
  }
}

TEST_CASE("parts concatenate to the bytes, each with its checksum and within the limits",
          "[snapshot_parts]") {
  SplitMix64 rng(0x5eed0002);
  for (const PartLimits& lim : {k_tiny, k_small, PartLimits{}}) {
    const std::uint64_t seed = rng.next();  // one call per statement: argument order is unspecified
    const std::string bytes = structured_bytes(seed, 300000 + rng.below(300000));
    const auto parts = split_parts(bytes, lim);
    REQUIRE_FALSE(parts.empty());
    std::size_t at = 0;
    for (std::size_t i = 0; i < parts.size(); ++i) {
      const auto len = static_cast<std::size_t>(parts[i].length);
      CHECK(parts[i].checksum == checksum64(std::string_view(bytes).substr(at, len)));
      CHECK(len <= lim.max_bytes);
      if (i + 1 < parts.size()) CHECK(len >= lim.min_bytes);
      at += len;
    }
    CHECK(at == bytes.size());
  }
  CHECK(split_parts("").empty());
  CHECK(split_parts("a") == std::vector<PartRef>{{checksum64("a"), 1}});
}

TEST_CASE("a splitter stepped with small budgets cuts the same parts", "[snapshot_parts]") {
  SplitMix64 rng(0x5eed0003);
  for (int round = 0; round < 8; ++round) {
    const PartLimits lim = rng.chance(50) ? k_tiny : k_small;
    const std::uint64_t seed = rng.next();
    const std::string bytes = structured_bytes(seed, rng.below(400000));
    PartSplitter splitter(bytes, lim);
    double last = splitter.progress();
    CHECK(last == (bytes.empty() ? 1.0 : 0.0));
    int calls = 0;
    while (!splitter.done()) {
      const std::size_t before = splitter.parts().size();
      std::uint64_t cut_before = 0;
      for (const PartRef& p : splitter.parts()) cut_before += p.length;
      const std::size_t budget = rng.below(3 * lim.max_bytes);
      const bool finished = splitter.step(budget);
      CHECK(finished == splitter.done());
      REQUIRE(splitter.parts().size() > before);  // progress on every call
      std::uint64_t cut_after = 0;
      for (const PartRef& p : splitter.parts()) cut_after += p.length;
      CHECK(cut_after - cut_before < budget + lim.max_bytes);  // at most about the budget
      CHECK(splitter.progress() > last);
      last = splitter.progress();
      ++calls;
    }
    CHECK(splitter.step(100));  // done stays done
    CHECK(splitter.progress() == 1.0);
    CHECK(splitter.parts() == split_parts(bytes, lim));
    if (bytes.size() > 4 * lim.max_bytes) CHECK(calls > 1);
  }
}

TEST_CASE("an edit changes only the parts around it", "[snapshot_parts]") {
  const std::string original = structured_bytes(0x5eed0004, 4 << 20);
  SplitMix64 rng(0x5eed0005);
  const std::size_t mid = original.size() / 2 + rng.below(1000);
  const std::map<std::string, std::string> edits = {
      {"insert", original.substr(0, mid) + "hello" + original.substr(mid)},
      {"delete", original.substr(0, mid) + original.substr(mid + 7)},
      {"overwrite", original.substr(0, mid) + "xyz" + original.substr(mid + 3)}};
  for (const PartLimits& lim : {k_small, PartLimits{}}) {
    const auto before = split_parts(original, lim);
    std::set<std::pair<std::uint64_t, std::uint64_t>> known;
    for (const PartRef& p : before) known.insert({p.checksum, p.length});
    for (const auto& [kind, edited] : edits) {
      INFO(kind << " with min " << lim.min_bytes);
      const auto after = split_parts(edited, lim);
      // Every part that ends before the edit is the same part at the same place.
      std::size_t at = 0;
      std::size_t i = 0;
      for (; i < before.size() && at + before[i].length <= mid; at += before[i++].length) {
        REQUIRE(i < after.size());
        CHECK(after[i] == before[i]);
      }
      std::size_t shared = 0;
      for (const PartRef& p : after) shared += known.count({p.checksum, p.length});
      const std::size_t fresh = after.size() - shared;
      CHECK(fresh >= 1);
      CHECK(fresh <= 3);
      if (lim.max_bytes == k_small.max_bytes) {
        REQUIRE(after.size() > 300);  // about 4 MiB / (2 KiB + 4 KiB)
        CHECK(shared * 10 >= after.size() * 9);
      }
    }
  }
}

TEST_CASE("golden cuts: runs of one byte and a fixed splitmix stream", "[snapshot_parts]") {
  const auto gear = gear_table();
  // A run of byte b hashes, k bytes into a part, to h = gear[b] * (2^k - 1). With gear[b] odd,
  // h is odd (odd times odd), its low bit is never zero, so no content boundary exists: every
  // part is cut at max (24), the last holds the rest: 100 = 24 + 24 + 24 + 24 + 4.
  int odd = 0;
  while (gear[static_cast<std::size_t>(odd)] % 2 == 0) ++odd;
  const PartLimits lim{8, 24, 3};
  CHECK(lengths_of(split_parts(std::string(100, static_cast<char>(odd)), lim)) ==
        std::vector<std::size_t>{24, 24, 24, 24, 4});
  // With gear[b] a multiple of 8, h is too, its low 3 bits are zero everywhere: every part is
  // cut at the first allowed place, min (8): 20 = 8 + 8 + 4.
  int even8 = 0;
  while (gear[static_cast<std::size_t>(even8)] % 8 != 0) ++even8;
  CHECK(lengths_of(split_parts(std::string(20, static_cast<char>(even8)), lim)) ==
        std::vector<std::size_t>{8, 8, 4});

  CHECK(odd == 2);  // gear[0] and gear[1] are even
  CHECK(even8 == 3);

  // 400 bytes of SplitMix64(42) (each word's bytes low first), limits 8/24/3. Worked out by an
  // independent Python rewrite of the oracle (SplitMix64, the gear table, the cut rule) and
  // pinned, so that a change to the gear table or the hash shows. The two 24s are forced: for
  // the part at byte 21 the low 3 bits of the hash at lengths 8..24 are 1 7 3 5 1 4 7 3 3 5 5 1
  // 7 4 1 7 1, for the part at byte 45 they are 5 2 3 7 4 4 2 6 5 5 3 7 6 2 3 6 1: never 0, so
  // max cuts. The first part is 8 (a 0 right at min); the last, 5, is the rest (sum 400).
  const std::string stream = random_bytes(42, 400);
  const std::vector<std::size_t> golden = {8,  13, 24, 24, 8,  10, 12, 10, 15, 20, 10, 9, 12, 8,  18, 9,
                                           13, 11, 14, 23, 10, 8,  8,  20, 16, 11, 19, 9, 10, 13, 5};
  CHECK(naive_cuts(stream, lim) == golden);
  CHECK(lengths_of(split_parts(stream, lim)) == golden);
}

TEST_CASE("part names round-trip and reject anything else", "[snapshot_parts]") {
  const PartRef ref{0x0123456789abcdefULL, 65536};
  CHECK(part_name(ref) == "part-0123456789abcdef-65536");
  CHECK(parse_part_name("part-0123456789abcdef-65536") == ref);
  CHECK(parse_part_name("part-ffffffffffffffff-18446744073709551615") ==
        PartRef{~std::uint64_t{0}, ~std::uint64_t{0}});
  for (const char* bad : {"",
                          "part-",
                          "part-0123456789abcdef-",
                          "part-0123456789abcdef-0",
                          "part-0123456789abcdef-065536",
                          "part-0123456789abcdef-+5",
                          "part-0123456789abcdef--5",
                          "part-0123456789ABCDEF-5",
                          "part-0123456789abcdeg-5",
                          "part-0123456789abcde-5",
                          "part-0123456789abcdef0-5",
                          "part-0123456789abcdef-5x",
                          "part-0123456789abcdef-5 ",
                          "part-0123456789abcdef-18446744073709551616",
                          "part-0123456789abcdef-99999999999999999999999",
                          "Part-0123456789abcdef-5",
                          "part_0123456789abcdef-5",
                          "part-0123456789abcdef_5",
                          "xpart-0123456789abcdef-5",
                          "part-0x23456789abcdef-5"}) {
    INFO(bad);
    CHECK_FALSE(parse_part_name(bad).has_value());
  }
}

TEST_CASE("a manifest round-trips and joins back to the bytes", "[snapshot_parts]") {
  const std::string bytes = structured_bytes(0x5eed0006, 200000);
  const auto parts = split_parts(bytes, k_tiny);
  const std::string text = encode_manifest(bytes, parts);
  CHECK(text.starts_with("NURTURE-PARTS 1\n200000 " + to_hex64(checksum64(bytes)) + "\n" +
                         part_name(parts[0]) + "\n"));
  CHECK(text.ends_with(part_name(parts.back()) + "\n"));
  CHECK(is_manifest(text));
  const auto manifest = parse_manifest(text);
  REQUIRE(manifest.ok());
  CHECK(manifest.value().length == bytes.size());
  CHECK(manifest.value().checksum == checksum64(bytes));
  CHECK(manifest.value().parts == parts);
  const PartFiles files = store_parts(bytes, parts);
  const auto joined = join_parts(manifest.value(), reader_of(files));
  REQUIRE(joined.ok());
  CHECK(joined.value() == bytes);

  const auto names = referenced_parts(text);
  REQUIRE(names.size() == parts.size());
  for (std::size_t i = 0; i < parts.size(); ++i) CHECK(names[i] == part_name(parts[i]));
  CHECK(referenced_parts(bytes).empty());
  CHECK(referenced_parts("{\"format\":\"nurture.workspace\"}").empty());
  CHECK(referenced_parts(text.substr(0, text.size() - 1)).empty());

  // The empty snapshot: no parts, total 0.
  const std::string empty = encode_manifest("", {});
  CHECK(empty == "NURTURE-PARTS 1\n0 " + to_hex64(checksum64("")) + "\n");
  const auto none = parse_manifest(empty);
  REQUIRE(none.ok());
  CHECK(none.value().parts.empty());
  const auto joined_none = join_parts(none.value(), reader_of(files));
  REQUIRE(joined_none.ok());
  CHECK(joined_none.value().empty());
  CHECK(referenced_parts(empty).empty());
}

TEST_CASE("joining reports the first missing or damaged part", "[snapshot_parts]") {
  const std::string bytes = structured_bytes(0x5eed0007, 50000);
  const auto parts = split_parts(bytes, k_tiny);
  REQUIRE(parts.size() > 4);
  const auto manifest = parse_manifest(encode_manifest(bytes, parts)).value();
  const std::string third = part_name(parts[2]);
  const auto join_with = [&](const std::function<void(PartFiles&)>& damage) {
    PartFiles files = store_parts(bytes, parts);
    damage(files);
    return join_parts(manifest, reader_of(files));
  };

  const auto missing = join_with([&](PartFiles& f) { f.erase(third); });
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().message == "part " + third + " of the snapshot is missing");

  const auto flipped = join_with([&](PartFiles& f) { f[third][3] = static_cast<char>(f[third][3] ^ 0x10); });
  REQUIRE_FALSE(flipped.ok());
  CHECK(flipped.error().message ==
        "part " + third + " of the snapshot is damaged (its checksum does not match)");

  const auto truncated = join_with([&](PartFiles& f) { f[third].pop_back(); });
  REQUIRE_FALSE(truncated.ok());
  CHECK(truncated.error().message == "part " + third + " of the snapshot is truncated (" +
                                         std::to_string(parts[2].length - 1) + " of " +
                                         std::to_string(parts[2].length) + " bytes)");

  const auto longer = join_with([&](PartFiles& f) { f[third] += 'x'; });
  REQUIRE_FALSE(longer.ok());
  CHECK(longer.error().message.starts_with("part " + third + " of the snapshot is damaged"));

  // Reordered parts: each one checks out, the whole does not.
  Manifest reordered = manifest;
  std::size_t other = 2;
  while (other < parts.size() && parts[other] == parts[1]) ++other;
  REQUIRE(other < parts.size());
  std::swap(reordered.parts[1], reordered.parts[other]);
  const PartFiles files = store_parts(bytes, parts);
  const auto swapped = join_parts(reordered, reader_of(files));
  REQUIRE_FALSE(swapped.ok());
  CHECK(swapped.error().message.starts_with("snapshot checksum does not match its manifest"));

  // A hand-built manifest whose total disagrees with its parts is refused before any read.
  int reads = 0;
  const PartReader counting = [&](const std::string& name) -> std::optional<std::string> {
    ++reads;
    return reader_of(files)(name);
  };
  Manifest wrong_total = manifest;
  wrong_total.length += 1;
  const auto too_long = join_parts(wrong_total, counting);
  REQUIRE_FALSE(too_long.ok());
  CHECK(too_long.error().message.starts_with("snapshot manifest is damaged"));
  wrong_total.length = ~std::uint64_t{0};
  wrong_total.parts.push_back(PartRef{0, ~std::uint64_t{0} - 10});
  CHECK_FALSE(join_parts(wrong_total, counting).ok());
  CHECK(reads == 0);
}

TEST_CASE("parse_manifest refuses damaged and hostile manifests", "[snapshot_parts]") {
  const std::string bytes = random_bytes(0x5eed0008, 3000);
  const auto parts = split_parts(bytes, k_tiny);
  REQUIRE(parts.size() >= 3);
  const std::string good = encode_manifest(bytes, parts);
  REQUIRE(parse_manifest(good).ok());
  const std::string header = "NURTURE-PARTS 1\n";
  const std::string sum = to_hex64(checksum64(bytes));
  const std::string p0 = part_name(parts[0]);

  // Wrong total in the text: the lengths no longer add up.
  const std::string wrong_total = header + "3001 " + sum + good.substr(good.find('\n', header.size()));
  const auto wt = parse_manifest(wrong_total);
  REQUIRE_FALSE(wt.ok());
  CHECK(wt.error().message == "snapshot manifest is damaged (its parts add up to 3000 of its 3001 bytes)");
  // Reordered lines parse (they add up); join_parts finds the checksum wrong (tested above).
  CHECK(parse_manifest(header + "3000 " + sum + "\n" + part_name(parts[1]) + "\n" + p0 + "\n" +
                       good.substr(good.find(part_name(parts[2]))))
            .ok());

  const auto error_of = [](const std::string& text) {
    const auto parsed = parse_manifest(text);
    return parsed.ok() ? std::string("(parsed)") : parsed.error().message;
  };
  CHECK(error_of("") == "not a snapshot manifest");
  CHECK(error_of("NURTURE-SNAPSHOT 1 3 0000000000000000\nabc") == "not a snapshot manifest");
  CHECK(error_of(header) == "snapshot manifest is truncated (it has no header line)");
  CHECK(error_of(good.substr(0, good.size() - 1)) ==
        "snapshot manifest is truncated (its last line is incomplete)");
  CHECK(error_of(header + "3000" + sum + "\n") == "snapshot manifest header is damaged");
  CHECK(error_of(header + "99999999999999999999999 " + sum + "\n") == "snapshot manifest header is damaged");
  CHECK(error_of(header + "18446744073709551615 " + sum + "\n" + p0 + "\n")
            .starts_with("snapshot manifest is damaged (it claims 18446744073709551615 bytes"));
  CHECK(error_of(header + "3000 " + sum + "\n\n") ==
        "snapshot manifest is damaged (line 3 is not a part name)");
  CHECK(error_of(header + "3000 " + sum + "\n" + p0 + "\nnot-a-part\n") ==
        "snapshot manifest is damaged (line 4 is not a part name)");
  CHECK(error_of(header + "3000 " + sum + "\n" + p0 + "\npart-0123456789abcdef-99999999999999999999\n") ==
        "snapshot manifest is damaged (line 4 is not a part name)");
  CHECK(error_of(header + "3000 " + sum + "\npart-0123456789abcdef-3001\n") ==
        "snapshot manifest is damaged (its parts add up to more than its 3000 bytes)");
  for (const std::string& bad :
       {header + "+3000 " + sum + "\n", header + "03000 " + sum + "\n", header + "-3000 " + sum + "\n",
        header + "3000 " + sum.substr(1) + "\n", header + "3000 " + sum + "0\n",
        header + "3000  " + sum + "\n", header + "3000 " + std::string(16, 'G') + "\n",
        header + "0x3000 " + sum + "\n", header + " 3000 " + sum + "\n", header + "3000 " + sum + " \n",
        header + "00 " + sum + "\n", header + "\n", header + "0\n", good + "\n", good + p0 + "\n",
        good + "junk\n", header + "0 " + to_hex64(checksum64("")) + "\n" + p0 + "\n"}) {
    INFO(bad);
    CHECK_FALSE(parse_manifest(bad).ok());
  }
  // Every strict prefix of a good manifest is refused; flipped bytes never crash.
  for (std::size_t n = 0; n < good.size(); ++n) CHECK_FALSE(parse_manifest(good.substr(0, n)).ok());
  SplitMix64 rng(0x5eed0009);
  for (int i = 0; i < 2000; ++i) {
    std::string text = good;
    text[rng.below(text.size())] = static_cast<char>(rng.below(256));
    const auto parsed = parse_manifest(text);
    if (parsed.ok()) {
      std::uint64_t total = 0;
      for (const PartRef& p : parsed.value().parts) total += p.length;
      CHECK(total == parsed.value().length);
    }
  }
}

}  // namespace snapshot_parts_test
