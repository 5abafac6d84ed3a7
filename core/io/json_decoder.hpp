#pragma once
// Internal to core/io: checked reading of small JSON documents held in nlohmann's DOM (the
// settings members of the workspace file, sequences, playbooks). Not public API.
//
// Every accessor checks the type before it reads (nothing may throw) and the first problem is
// kept with its path: "saved_segments[2].name: is missing".

#include <algorithm>
#include <cstdint>
#include <initializer_list>
#include <limits>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/sync/hlc.hpp"
#include "core/util/text.hpp"

namespace nurture::json_decode {

using Json = nlohmann::ordered_json;

/// `path.key`, or `key` alone at the top (an empty path).
inline std::string join(const std::string& path, std::string_view key) {
  std::string out = path;
  if (!out.empty()) out.push_back('.');
  out.append(key);
  return out;
}

/// `list[i]`.
inline std::string item_path(const std::string& list, std::size_t i) {
  return list + "[" + std::to_string(i) + "]";
}

class Decoder {
 public:
  [[nodiscard]] bool failed() const { return !m_error.empty(); }
  [[nodiscard]] const std::string& error() const { return m_error; }
  void fail(const std::string& path, const std::string& message) {
    if (m_error.empty()) m_error = path.empty() ? message : path + ": " + message;
  }

  /// True when `j` is an object whose members are all in `allowed`.
  bool object(const Json& j, const std::string& path, std::initializer_list<std::string_view> allowed) {
    if (!j.is_object()) {
      fail(path, "must be an object");
      return false;
    }
    for (const auto& [key, value] : j.items()) {
      if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
        fail(join(path, key), "is not a known member");
        return false;
      }
    }
    return true;
  }
  /// The array member `key` (nullptr when absent or on error), of at most `max` items.
  const Json* array(const Json& obj, const std::string& path, const char* key, std::size_t max) {
    const auto it = obj.find(key);
    if (it == obj.end()) return nullptr;
    if (!it->is_array()) {
      fail(join(path, key), "must be an array");
      return nullptr;
    }
    if (it->size() > max) {
      fail(join(path, key), "has more than " + std::to_string(max) + " items");
      return nullptr;
    }
    return &*it;
  }
  std::string text(const Json& obj, const std::string& path, const char* key, bool required = true) {
    const auto it = obj.find(key);
    if (it == obj.end()) {
      if (required) fail(join(path, key), "is missing");
      return {};
    }
    if (!it->is_string()) {
      fail(join(path, key), "must be a string");
      return {};
    }
    auto s = it->get<std::string>();
    if (!is_valid_utf8(s)) fail(join(path, key), "is not valid UTF-8");
    return s;
  }
  double number(const Json& obj, const std::string& path, const char* key, bool required = true) {
    const auto it = obj.find(key);
    if (it == obj.end()) {
      if (required) fail(join(path, key), "is missing");
      return 0;
    }
    if (!it->is_number()) {
      fail(join(path, key), "must be a number");
      return 0;
    }
    return it->get<double>();
  }
  /// A whole number in [lo, hi]; `fallback` when absent and not required.
  std::int64_t integer(const Json& obj, const std::string& path, const char* key, std::int64_t lo,
                       std::int64_t hi, std::int64_t fallback = 0, bool required = false) {
    const auto it = obj.find(key);
    if (it == obj.end()) {
      if (required) fail(join(path, key), "is missing");
      return fallback;
    }
    const auto range = [&] {
      fail(join(path, key),
           "must be a whole number from " + std::to_string(lo) + " to " + std::to_string(hi));
      return fallback;
    };
    if (it->is_number_unsigned()) {
      const auto u = it->get<std::uint64_t>();
      if (u > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) return range();
      const auto v = static_cast<std::int64_t>(u);
      return v < lo || v > hi ? range() : v;
    }
    if (it->is_number_integer()) {
      const auto v = it->get<std::int64_t>();
      return v < lo || v > hi ? range() : v;
    }
    return range();
  }
  bool boolean(const Json& obj, const std::string& path, const char* key, bool fallback = false) {
    const auto it = obj.find(key);
    if (it == obj.end()) return fallback;
    if (!it->is_boolean()) {
      fail(join(path, key), "must be true or false");
      return fallback;
    }
    return it->get<bool>();
  }
  Stamp stamp(const Json& obj, const std::string& path) {
    const std::string s = text(obj, path, "stamp");
    if (failed()) return {};
    auto st = parse_stamp(s);
    if (!st) fail(join(path, "stamp"), "is not a change stamp");
    return st.value_or(Stamp{});
  }
  template <class E, class Parse>
  E name(const Json& obj, const std::string& path, const char* key, Parse parse, E fallback,
         bool required = true) {
    const std::string s = text(obj, path, key, required);
    // An optional name may be absent or empty: both mean the default.
    if (failed() || (s.empty() && !required)) return fallback;
    auto v = parse(s);
    if (!v) fail(join(path, key), "'" + s + "' is not a known value");
    return v.value_or(fallback);
  }

 private:
  std::string m_error;
};

}  // namespace nurture::json_decode
