#pragma once
/// Name tables for enums written to files: an array of names indexed by the enum's value.

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>

namespace nurture {

/// The name of `v` in `names`, or empty for a value outside the table.
template <class E, std::size_t N>
constexpr std::string_view enum_name(const std::array<std::string_view, N>& names, E v) {
  const auto i = static_cast<std::size_t>(v);
  return i < N ? names[i] : std::string_view{};
}

/// The enum whose name is exactly `text`, or nullopt.
template <class E, std::size_t N>
constexpr std::optional<E> parse_enum_name(const std::array<std::string_view, N>& names,
                                           std::string_view text) {
  for (std::size_t i = 0; i < N; ++i) {
    if (names[i] == text) return static_cast<E>(i);
  }
  return std::nullopt;
}

}  // namespace nurture
