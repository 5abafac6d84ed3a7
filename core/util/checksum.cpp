#include "core/util/checksum.hpp"

#include <cstring>

namespace nurture {

namespace {

constexpr std::uint64_t k_p1 = 0x9E3779B185EBCA87ULL;
constexpr std::uint64_t k_p2 = 0xC2B2AE3D27D4EB4FULL;
constexpr std::uint64_t k_p3 = 0x165667B19E3779F9ULL;

constexpr std::uint64_t rotl(std::uint64_t x, int r) { return (x << r) | (x >> (64 - r)); }
constexpr std::uint64_t round(std::uint64_t acc, std::uint64_t word) {
  return rotl(acc + word * k_p2, 31) * k_p1;
}

std::uint64_t load64(const char* p) {
  std::uint64_t w = 0;
  std::memcpy(&w, p, sizeof w);  // little-endian on every target we build for
  return w;
}

}  // namespace

void Checksum64::add_blocks(std::string_view blocks) {
  const char* p = blocks.data();
  for (std::size_t n = blocks.size(); n >= 32; n -= 32, p += 32) {
    for (std::size_t i = 0; i < 4; ++i) m_lanes[i] = round(m_lanes[i], load64(p + 8 * i));
  }
  m_length += blocks.size() / 32 * 32;
}

std::uint64_t Checksum64::finish(std::string_view rest) {
  const std::size_t whole = rest.size() / 32 * 32;
  add_blocks(rest.substr(0, whole));
  const char* p = rest.data() + whole;
  std::size_t n = rest.size() - whole;
  std::uint64_t h = rotl(m_lanes[0], 1) + rotl(m_lanes[1], 7) + rotl(m_lanes[2], 12) + rotl(m_lanes[3], 18);
  h += m_length + n;
  for (; n >= 8; n -= 8, p += 8) h = rotl(h ^ round(0, load64(p)), 27) * k_p1 + k_p3;
  for (; n > 0; --n, ++p) h = rotl(h ^ (static_cast<unsigned char>(*p) * k_p3), 11) * k_p1;
  h ^= h >> 33;
  h *= k_p2;
  h ^= h >> 29;
  h *= k_p3;
  h ^= h >> 32;
  return h;
}

std::uint64_t checksum64(std::string_view bytes) { return Checksum64{}.finish(bytes); }

std::uint64_t fnv1a64(std::string_view bytes) {
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  for (const char c : bytes) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001b3ULL;
  }
  return hash;
}

std::string to_hex64(std::uint64_t value) {
  static constexpr char k_digits[] = "0123456789abcdef";
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i) {
    out[static_cast<std::size_t>(i)] = k_digits[value & 0xF];
    value >>= 4;
  }
  return out;
}

}  // namespace nurture
