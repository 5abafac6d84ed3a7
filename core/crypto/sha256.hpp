#pragma once
/// SHA-256 (FIPS 180-4), for hashing audience files (Meta, Google Customer Match) and chaining
/// the consent ledger. Identical results natively and in wasm.

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace nurture {

class Sha256 {
 public:
  Sha256();
  void update(std::string_view bytes);
  /// The digest; the object must not be updated afterwards.
  std::array<std::uint8_t, 32> finish();

 private:
  void block(const std::uint8_t* p);
  std::array<std::uint32_t, 8> m_h{};
  std::array<std::uint8_t, 64> m_buf{};
  std::size_t m_buf_len = 0;
  std::uint64_t m_total = 0;
};

/// Lowercase hex SHA-256 of `bytes`.
std::string sha256_hex(std::string_view bytes);

}  // namespace nurture
