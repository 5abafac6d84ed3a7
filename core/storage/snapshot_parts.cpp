#include "core/storage/snapshot_parts.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <limits>

#include "core/util/checksum.hpp"
#include "core/util/splitmix.hpp"

namespace nurture {

namespace {

// The gear table: 256 values from SplitMix64 seeded with "nurture\0" read as a big-endian
// number, drawn in order for bytes 0..255. Fixed forever: changing it would cut every stored
// snapshot differently, so no part of an old save would be shared with the next one (nothing
// would break, but the first save after the change would store everything again). The unit
// test rebuilds the same table for its naive oracle.
constexpr std::uint64_t k_gear_seed = 0x6E75727475726500ULL;

constexpr std::array<std::uint64_t, 256> make_part_gear() {
  std::array<std::uint64_t, 256> gear{};
  SplitMix64 rng(k_gear_seed);
  for (auto& g : gear) g = rng.next();
  return gear;
}

constexpr std::array<std::uint64_t, 256> k_part_gear = make_part_gear();

// The hash after byte i is sum(gear[b[i-k]] << k): a term shifted by 64 or more is gone, so
// it depends on the last 64 bytes only. A part's first possible boundary is after min bytes,
// so hashing may start 64 bytes before it and skip the rest of the part's head.
constexpr std::size_t k_gear_window = 64;

// A snapshot must fit in memory as one string; wasm memory ends at 4 GiB. A manifest claiming
// more is damaged, and join_parts must not try to reserve it.
constexpr std::uint64_t k_max_snapshot_bytes = (std::uint64_t{1} << 32U) - 1;

constexpr std::string_view k_part_prefix = "part-";

/// Limits that always cut, whatever the caller passed: max >= 1 and 1 <= min <= max.
PartLimits sane_part_limits(PartLimits limits) {
  limits.max_bytes = std::max<std::size_t>(limits.max_bytes, 1);
  limits.min_bytes = std::clamp<std::size_t>(limits.min_bytes, 1, limits.max_bytes);
  return limits;
}

/// mask_bits of 64 or more ask for a hash of zero: in practice a boundary only at max.
std::uint64_t part_mask(unsigned mask_bits) {
  if (mask_bits >= 64) return ~std::uint64_t{0};
  return (std::uint64_t{1} << mask_bits) - 1;
}

/// The length of the part starting at `p` with `avail` bytes left. The hot loop of a save:
/// one table load, a shift, an add and a test per byte, no calls and no bounds checks.
std::size_t cut_part_length(const unsigned char* p, std::size_t avail, std::size_t min_bytes,
                            std::size_t max_bytes, std::uint64_t mask) {
  const std::size_t limit = std::min(avail, max_bytes);
  if (limit <= min_bytes) return limit;
  const std::uint64_t* gear = k_part_gear.data();
  std::uint64_t h = 0;
  std::size_t i = min_bytes > k_gear_window ? min_bytes - k_gear_window : 0;
  // Bytes before the min_bytes-th only feed the hash: no boundary may fall before it.
  for (; i + 1 < min_bytes; ++i) h = (h << 1U) + gear[p[i]];
  for (; i < limit; ++i) {
    h = (h << 1U) + gear[p[i]];
    if ((h & mask) == 0) return i + 1;
  }
  return limit;
}

bool is_part_hex_digit(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); }

/// Exactly 16 lowercase hex digits.
std::optional<std::uint64_t> parse_part_hex16(std::string_view text) {
  if (text.size() != 16 || !std::all_of(text.begin(), text.end(), is_part_hex_digit)) return std::nullopt;
  std::uint64_t value = 0;
  std::from_chars(text.data(), text.data() + text.size(), value, 16);
  return value;
}

/// A decimal with digits only: no sign, no leading zero (a lone "0" only when `allow_zero`),
/// nothing after, no overflow.
std::optional<std::uint64_t> parse_part_decimal(std::string_view text, bool allow_zero) {
  if (text.empty() || text.size() > 20) return std::nullopt;
  if (!std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return std::nullopt;
  if (text[0] == '0' && (text.size() > 1 || !allow_zero)) return std::nullopt;
  std::uint64_t value = 0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || ptr != text.data() + text.size()) return std::nullopt;
  return value;
}

std::string manifest_damage(const std::string& why) { return "snapshot manifest is damaged (" + why + ")"; }

}  // namespace

std::string part_name(const PartRef& part) {
  std::string name(k_part_prefix);
  name += to_hex64(part.checksum);
  name += '-';
  name += std::to_string(part.length);
  return name;
}

std::optional<PartRef> parse_part_name(std::string_view name) {
  // "part-" + 16 hex + "-" + at least one digit.
  if (name.size() < k_part_prefix.size() + 18 || name.substr(0, k_part_prefix.size()) != k_part_prefix)
    return std::nullopt;
  name.remove_prefix(k_part_prefix.size());
  const auto checksum = parse_part_hex16(name.substr(0, 16));
  if (!checksum || name[16] != '-') return std::nullopt;
  const auto length = parse_part_decimal(name.substr(17), false);
  if (!length) return std::nullopt;
  return PartRef{*checksum, *length};
}

PartSplitter::PartSplitter(std::string_view bytes, PartLimits limits)
    : m_bytes(bytes), m_limits(sane_part_limits(limits)) {}

bool PartSplitter::step(std::size_t budget) {
  const auto* base = reinterpret_cast<const unsigned char*>(m_bytes.data());
  const std::uint64_t mask = part_mask(m_limits.mask_bits);
  std::size_t read = 0;
  while (m_at < m_bytes.size()) {
    const std::size_t length =
        cut_part_length(base + m_at, m_bytes.size() - m_at, m_limits.min_bytes, m_limits.max_bytes, mask);
    m_parts.push_back(PartRef{checksum64(m_bytes.substr(m_at, length)), length});
    m_at += length;
    read += length;
    if (read >= budget) break;  // between parts, and always after at least one
  }
  return done();
}

bool PartSplitter::done() const { return m_at == m_bytes.size(); }

double PartSplitter::progress() const {
  if (m_bytes.empty()) return 1.0;
  return static_cast<double>(m_at) / static_cast<double>(m_bytes.size());
}

std::vector<PartRef> split_parts(std::string_view bytes, PartLimits limits) {
  PartSplitter splitter(bytes, limits);
  splitter.step(std::numeric_limits<std::size_t>::max());
  return splitter.parts();
}

std::string encode_manifest(std::string_view bytes, std::span<const PartRef> parts) {
  std::string out(k_parts_magic);
  out.reserve(k_parts_magic.size() + 40 + parts.size() * 44);
  out += std::to_string(bytes.size());
  out += ' ';
  out += to_hex64(checksum64(bytes));
  out += '\n';
  for (const PartRef& part : parts) {
    out += part_name(part);
    out += '\n';
  }
  return out;
}

bool is_manifest(std::string_view stored) { return stored.substr(0, k_parts_magic.size()) == k_parts_magic; }

Expected<Manifest> parse_manifest(std::string_view stored) {
  if (!is_manifest(stored)) return Error{"not a snapshot manifest"};
  std::string_view rest = stored.substr(k_parts_magic.size());
  if (rest.empty()) return Error{"snapshot manifest is truncated (it has no header line)"};
  if (rest.back() != '\n') return Error{"snapshot manifest is truncated (its last line is incomplete)"};

  const auto header_end = rest.find('\n');
  const std::string_view header = rest.substr(0, header_end);
  rest.remove_prefix(header_end + 1);
  const auto space = header.find(' ');
  if (space == std::string_view::npos) return Error{"snapshot manifest header is damaged"};
  const auto total = parse_part_decimal(header.substr(0, space), true);
  const auto checksum = parse_part_hex16(header.substr(space + 1));
  if (!total || !checksum) return Error{"snapshot manifest header is damaged"};
  if (*total > k_max_snapshot_bytes)
    return Error{
        manifest_damage("it claims " + std::to_string(*total) + " bytes, more than a snapshot can hold")};

  Manifest manifest{*total, *checksum, {}};
  // Every line is at least "part-" + 16 + "-" + 1 digit + '\n' long: no larger reserve than
  // the input itself justifies.
  manifest.parts.reserve(rest.size() / (k_part_prefix.size() + 19));
  std::uint64_t sum = 0;
  std::size_t line = 2;
  while (!rest.empty()) {
    ++line;
    const auto end = rest.find('\n');  // found: the input ends with '\n'
    const std::string_view name = rest.substr(0, end);
    rest.remove_prefix(end + 1);
    const auto part = parse_part_name(name);
    if (!part) return Error{manifest_damage("line " + std::to_string(line) + " is not a part name")};
    if (part->length > *total - sum)
      return Error{manifest_damage("its parts add up to more than its " + std::to_string(*total) + " bytes")};
    sum += part->length;
    manifest.parts.push_back(*part);
  }
  if (sum != *total) {
    return Error{manifest_damage("its parts add up to " + std::to_string(sum) + " of its " +
                                 std::to_string(*total) + " bytes")};
  }
  return manifest;
}

Expected<std::string> join_parts(const Manifest& manifest, const PartReader& read) {
  // A Manifest may be built by hand: check its arithmetic before trusting its length.
  std::uint64_t sum = 0;
  for (const PartRef& part : manifest.parts) {
    if (part.length == 0 || part.length > manifest.length - sum)  // sum <= length throughout
      return Error{
          manifest_damage("its parts add up to more than its " + std::to_string(manifest.length) + " bytes")};
    sum += part.length;
  }
  if (sum != manifest.length) {
    return Error{manifest_damage("its parts add up to " + std::to_string(sum) + " of its " +
                                 std::to_string(manifest.length) + " bytes")};
  }
  if (manifest.length > k_max_snapshot_bytes || manifest.length > std::string().max_size())
    return Error{manifest_damage("it claims more bytes than a snapshot can hold")};

  std::string out;
  for (std::size_t i = 0; i < manifest.parts.size(); ++i) {
    const PartRef& part = manifest.parts[i];
    const std::string name = part_name(part);
    const std::optional<std::string> bytes = read(name);
    if (!bytes) return Error{"part " + name + " of the snapshot is missing"};
    if (bytes->size() != part.length) {
      if (bytes->size() < part.length) {
        return Error{"part " + name + " of the snapshot is truncated (" + std::to_string(bytes->size()) +
                     " of " + std::to_string(part.length) + " bytes)"};
      }
      return Error{"part " + name + " of the snapshot is damaged (" + std::to_string(bytes->size()) +
                   " bytes instead of " + std::to_string(part.length) + ")"};
    }
    if (checksum64(*bytes) != part.checksum)
      return Error{"part " + name + " of the snapshot is damaged (its checksum does not match)"};
    // Reserve once, but only after the first part proved real: a damaged manifest that merely
    // claims a large length costs no allocation.
    if (i == 0) out.reserve(static_cast<std::size_t>(manifest.length));
    out += *bytes;
  }
  if (checksum64(out) != manifest.checksum)
    return Error{
        "snapshot checksum does not match its manifest (its parts are out of order or from another "
        "snapshot)"};
  return out;
}

std::vector<std::string> referenced_parts(std::string_view stored) {
  std::vector<std::string> names;
  if (!is_manifest(stored)) return names;
  const auto manifest = parse_manifest(stored);
  if (!manifest) return names;
  names.reserve(manifest.value().parts.size());
  for (const PartRef& part : manifest.value().parts) names.push_back(part_name(part));
  return names;
}

}  // namespace nurture
