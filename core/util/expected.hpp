#pragma once
/// A value or an error, for every boundary of the core (parsing, import, storage).
/// Nothing in the core API throws; callers check `ok()` and read `error()` for a message
/// (and, for text input, a 1-based line and column).

#include <cstdint>
#include <string>
#include <utility>
#include <variant>

namespace nurture {

/// What went wrong, in words a user can act on. `line`/`column` are 1-based, 0 when unknown.
struct Error {
  std::string message;
  std::uint32_t line = 0;
  std::uint32_t column = 0;

  /// "LINE:COL: message" when a position is known, else the message alone.
  [[nodiscard]] std::string describe() const {
    if (line == 0) return message;
    return std::to_string(line) + ":" + std::to_string(column) + ": " + message;
  }
};

/// Either a T or an Error. Deliberately small: C++20 has no std::expected.
template <class T>
class Expected {
 public:
  Expected(T value) : m_v(std::in_place_index<0>, std::move(value)) {}      // NOLINT: implicit by design
  Expected(Error error) : m_v(std::in_place_index<1>, std::move(error)) {}  // NOLINT

  [[nodiscard]] bool ok() const { return m_v.index() == 0; }
  explicit operator bool() const { return ok(); }
  /// Precondition: ok().
  [[nodiscard]] T& value() & { return std::get<0>(m_v); }
  [[nodiscard]] const T& value() const& { return std::get<0>(m_v); }
  [[nodiscard]] T&& value() && { return std::get<0>(std::move(m_v)); }
  /// Precondition: !ok().
  [[nodiscard]] const Error& error() const { return std::get<1>(m_v); }

 private:
  std::variant<T, Error> m_v;
};

/// Success with no value, or an Error.
struct Status {
  std::string message;  ///< empty when successful
  static Status success() { return {}; }
  static Status failure(std::string why) { return {std::move(why)}; }
  [[nodiscard]] bool ok() const { return message.empty(); }
};

}  // namespace nurture
