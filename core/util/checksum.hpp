#pragma once
/// Integrity checksums for stored snapshots. Detects torn or corrupted writes; not a security
/// primitive (encryption and authentication live in the export layer).

#include <cstdint>
#include <string>
#include <string_view>

namespace nurture {

/// 64-bit FNV-1a of `bytes`.
std::uint64_t fnv1a64(std::string_view bytes);
/// A 64-bit checksum in the style of xxHash64 (four independent lanes over 8-byte words, then
/// an avalanche; not xxHash-compatible). About eight times faster than FNV-1a, which reads one
/// byte per dependent multiply; used for binary workspace images of hundreds of megabytes.
std::uint64_t checksum64(std::string_view bytes);
/// checksum64 computed piece by piece, for work sliced over frames (core/storage/image_decoder):
/// add_blocks() any number of times, then finish() once with the rest;
/// `add_blocks(a); finish(b)` equals `checksum64(a + b)`.
class Checksum64 {
 public:
  /// Whole 32-byte blocks; a trailing partial block is ignored (pass it to finish).
  void add_blocks(std::string_view blocks);
  /// The rest of the bytes (any length); returns the checksum of everything added.
  [[nodiscard]] std::uint64_t finish(std::string_view rest);

 private:
  std::uint64_t m_lanes[4] = {0x9E3779B185EBCA87ULL + 0xC2B2AE3D27D4EB4FULL, 0xC2B2AE3D27D4EB4FULL, 0,
                              0 - 0x9E3779B185EBCA87ULL};
  std::uint64_t m_length = 0;
};
/// 16 lowercase hex digits.
std::string to_hex64(std::uint64_t value);

}  // namespace nurture
