#pragma once
/// Little-endian, length-prefixed reading and writing of column arrays for the binary
/// workspace image (core/storage/workspace_image.hpp). An array is a u64 element count and
/// the elements' bytes, so writing and reading a column is one memcpy. The reader checks every
/// length against the bytes left before allocating, and only reads element types for which
/// every bit pattern is a valid value (integers and structs of integers without padding);
/// enums and flags are read as bytes and range-checked by the caller.

#include <bit>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace nurture {

static_assert(std::endian::native == std::endian::little,
              "the image format is little-endian and copies columns as they are in memory");

class ImageWriter {
 public:
  void u64(std::uint64_t v) { raw(&v, sizeof v); }
  /// A length-prefixed byte string.
  void bytes(std::string_view s) {
    u64(s.size());
    raw(s.data(), s.size());
  }
  /// A length-prefixed array of trivially copyable elements without padding.
  template <class T>
  void array(const std::vector<T>& v) {
    static_assert(std::is_trivially_copyable_v<T> && std::has_unique_object_representations_v<T>);
    u64(v.size());
    raw(v.data(), v.size() * sizeof(T));
  }
  void reserve(std::size_t bytes) { m_out.reserve(bytes); }
  [[nodiscard]] std::string& out() { return m_out; }

 private:
  void raw(const void* p, std::size_t n) {
    if (n > 0) m_out.append(static_cast<const char*>(p), n);
  }
  std::string m_out;
};

class ImageReader {
 public:
  explicit ImageReader(std::string_view bytes) : m_in(bytes) {}

  /// Records the first failure and returns false, so decoders can `return in.fail(...)`.
  bool fail(const std::string& why) {
    if (m_error.empty()) m_error = why;
    return false;
  }
  [[nodiscard]] bool failed() const { return !m_error.empty(); }
  [[nodiscard]] const std::string& error() const { return m_error; }
  [[nodiscard]] std::size_t remaining() const { return m_in.size() - m_pos; }

  bool u64(std::uint64_t& v) {
    if (remaining() < sizeof v) return fail("image is truncated");
    std::memcpy(&v, m_in.data() + m_pos, sizeof v);
    m_pos += sizeof v;
    return true;
  }
  /// A length-prefixed byte string, viewed in place.
  bool bytes(std::string_view& out) {
    std::uint64_t n = 0;
    if (!u64(n)) return false;
    if (n > remaining()) return fail("image is truncated");
    out = m_in.substr(m_pos, static_cast<std::size_t>(n));
    m_pos += static_cast<std::size_t>(n);
    return true;
  }
  /// A length-prefixed array; fails when the count is not `expected` (unless k_any).
  template <class T>
  bool array(std::vector<T>& out, std::uint64_t expected = k_any) {
    static_assert(std::is_trivially_copyable_v<T> && std::has_unique_object_representations_v<T>);
    std::uint64_t n = 0;
    if (!u64(n)) return false;
    if (expected != k_any && n != expected) return fail("image column has the wrong length");
    if (n > remaining() / sizeof(T)) return fail("image is truncated");
    out.resize(static_cast<std::size_t>(n));
    if (n > 0) std::memcpy(out.data(), m_in.data() + m_pos, static_cast<std::size_t>(n) * sizeof(T));
    m_pos += static_cast<std::size_t>(n) * sizeof(T);
    return true;
  }

  static constexpr std::uint64_t k_any = ~std::uint64_t{0};

 private:
  std::string_view m_in;
  std::size_t m_pos = 0;
  std::string m_error;
};

}  // namespace nurture
