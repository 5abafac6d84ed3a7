#pragma once
/// Hybrid logical clock stamps for merging workspaces edited on several devices. Every field
/// and every deletion carries a Stamp; merging keeps the larger stamp, which makes merge
/// idempotent, commutative and associative. A stamp never goes backwards on a device even when
/// its wall clock does, and after seeing a stamp from a device whose clock runs ahead, local
/// edits still get larger stamps (so a later local edit wins, R12).

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace nurture {

struct Stamp {
  std::int64_t millis = 0;    ///< physical part: Unix milliseconds
  std::uint32_t counter = 0;  ///< logical part: orders events within one millisecond
  std::uint64_t device = 0;   ///< the device that made the change; breaks exact ties

  // NOLINTNEXTLINE(modernize-use-nullptr): clang-tidy 14 flags the 0 of the rewritten "a <=> b < 0"
  friend auto operator<=>(const Stamp&, const Stamp&) = default;
  [[nodiscard]] bool is_zero() const { return millis == 0 && counter == 0 && device == 0; }
};

/// "2026-11-27T08:42:05.123Z/00000003/00000000deadbeef": fixed width, so text order equals
/// stamp order; used in the workspace file.
std::string to_string(const Stamp& stamp);
std::optional<Stamp> parse_stamp(std::string_view text);

/// The clock of one device. Pure: the caller passes the wall clock in.
class HybridClock {
 public:
  explicit HybridClock(std::uint64_t device) : m_device(device) {}

  /// A stamp for a local change at wall time `now`, larger than every stamp issued or seen.
  Stamp tick(std::int64_t now);
  /// Takes a stamp from another device into account (on import or merge).
  void observe(const Stamp& remote);

  [[nodiscard]] std::uint64_t device() const { return m_device; }
  [[nodiscard]] Stamp last() const { return Stamp{m_millis, m_counter, m_device}; }

 private:
  std::uint64_t m_device;
  std::int64_t m_millis = 0;
  std::uint32_t m_counter = 0;
};

}  // namespace nurture
