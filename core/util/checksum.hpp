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
/// 16 lowercase hex digits.
std::string to_hex64(std::uint64_t value);

}  // namespace nurture
