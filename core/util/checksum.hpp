#pragma once
/// Integrity checksums for stored snapshots. Detects torn or corrupted writes; not a security
/// primitive (encryption and authentication live in the export layer).

#include <cstdint>
#include <string>
#include <string_view>

namespace nurture {

/// 64-bit FNV-1a of `bytes`.
std::uint64_t fnv1a64(std::string_view bytes);
/// 16 lowercase hex digits.
std::string to_hex64(std::uint64_t value);

}  // namespace nurture
