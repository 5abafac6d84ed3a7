#pragma once
/// Building blocks of the columnar stores: a string dictionary for categorical values and a
/// list column that keeps variable-length values (text, tags, consent records) of all rows in
/// one pool. Both are append-only: replacing a row's value appends the new value and leaves
/// the old bytes as garbage until the store is compacted (a later slice), which keeps every
/// update O(size of the value) and makes undo a matter of restoring a span.

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/store/image_io.hpp"

namespace nurture {

/// Maps strings to dense uint32 codes and back. Code 0 is always the empty string, so a
/// zero-initialised column means "not set". Codes are never reused or removed.
class Dictionary {
 public:
  Dictionary();
  // The code table points into the map's nodes: a copy must point into its own map. Moves
  // keep the nodes, so the defaults are right.
  Dictionary(const Dictionary& other);
  Dictionary& operator=(const Dictionary& other);
  Dictionary(Dictionary&&) noexcept = default;
  Dictionary& operator=(Dictionary&&) noexcept = default;
  ~Dictionary() = default;

  /// The code for `text`, adding it when new.
  std::uint32_t intern(std::string_view text);
  /// The code for `text`, or k_missing when it was never interned.
  [[nodiscard]] std::uint32_t find(std::string_view text) const;
  /// Precondition: code < size().
  [[nodiscard]] const std::string& at(std::uint32_t code) const { return *m_values[code]; }
  [[nodiscard]] std::size_t size() const { return m_values.size(); }
  /// Approximate heap bytes (strings, vector, hash nodes).
  [[nodiscard]] std::size_t memory_bytes() const;

  /// Writes the string table: the count, every length, then all the bytes.
  void serialize(ImageWriter& out) const;
  /// Replaces this dictionary with a table written by serialize(). False (the reason in `in`)
  /// when it is malformed, code 0 is not the empty string, a string is not UTF-8 or repeats.
  bool deserialize(ImageReader& in);

  static constexpr std::uint32_t k_missing = 0xFFFFFFFFu;

 private:
  // Node-based map: its keys never move, so the code → text table points into it and each
  // string is stored once.
  std::unordered_map<std::string, std::uint32_t> m_codes;
  std::vector<const std::string*> m_values;
  std::uint32_t m_last = 0;  // the last code interned: bulk loads repeat values in runs
};

/// A span of a row's value inside a ListColumn's pool.
struct PoolSpan {
  std::uint32_t offset = 0;
  std::uint32_t count = 0;
  friend bool operator==(const PoolSpan&, const PoolSpan&) = default;
};

/// One variable-length value of T per row, all stored in one pool (8 bytes per row plus the
/// values). Text columns are ListColumn<char>.
template <class T>
class ListColumn {
 public:
  [[nodiscard]] std::size_t rows() const { return m_spans.size(); }
  void reserve(std::size_t rows, std::size_t values) {
    m_spans.reserve(rows);
    m_pool.reserve(values);
  }
  void push_back(const T* data, std::size_t n) { m_spans.push_back(append(data, n)); }
  void pop_back() { m_spans.pop_back(); }
  void set(std::size_t row, const T* data, std::size_t n) { m_spans[row] = append(data, n); }
  [[nodiscard]] PoolSpan span(std::size_t row) const { return m_spans[row]; }
  void set_span(std::size_t row, PoolSpan s) { m_spans[row] = s; }
  [[nodiscard]] const T* data(std::size_t row) const { return m_pool.data() + m_spans[row].offset; }
  [[nodiscard]] std::size_t size(std::size_t row) const { return m_spans[row].count; }
  [[nodiscard]] std::vector<PoolSpan>& spans() { return m_spans; }
  [[nodiscard]] std::size_t memory_bytes() const {
    return m_spans.capacity() * sizeof(PoolSpan) + m_pool.capacity() * sizeof(T);
  }
  [[nodiscard]] std::size_t span_bytes() const { return m_spans.capacity() * sizeof(PoolSpan); }

  [[nodiscard]] const std::vector<PoolSpan>& span_table() const { return m_spans; }
  [[nodiscard]] const std::vector<T>& pool() const { return m_pool; }
  /// Replaces the contents (image decoding). False, leaving the column unchanged, when a span
  /// reaches outside the pool.
  bool assign(std::vector<PoolSpan> spans, std::vector<T> pool) {
    for (const auto& s : spans) {
      if (std::uint64_t{s.offset} + s.count > pool.size()) return false;
    }
    m_spans = std::move(spans);
    m_pool = std::move(pool);
    return true;
  }
  /// Spans and pool as two arrays (for element types without padding).
  void serialize(ImageWriter& out) const {
    out.array(m_spans);
    out.array(m_pool);
  }
  /// Reads what serialize() wrote for `rows` rows; checks every span against the pool.
  bool deserialize(ImageReader& in, std::size_t rows) {
    std::vector<PoolSpan> spans;
    std::vector<T> pool;
    if (!in.array(spans, rows) || !in.array(pool)) return false;
    return assign(std::move(spans), std::move(pool)) || in.fail("image list column span is out of range");
  }

 private:
  PoolSpan append(const T* data, std::size_t n) {
    PoolSpan s{static_cast<std::uint32_t>(m_pool.size()), static_cast<std::uint32_t>(n)};
    m_pool.insert(m_pool.end(), data, data + n);
    return s;
  }

  std::vector<PoolSpan> m_spans;
  std::vector<T> m_pool;
};

/// Text column: one string per row.
class TextColumn : public ListColumn<char> {
 public:
  void push_back(std::string_view s) { ListColumn<char>::push_back(s.data(), s.size()); }
  void set(std::size_t row, std::string_view s) { ListColumn<char>::set(row, s.data(), s.size()); }
  [[nodiscard]] std::string_view get(std::size_t row) const { return {data(row), size(row)}; }
  /// ListColumn::deserialize, and every row's text must be valid UTF-8.
  bool deserialize(ImageReader& in, std::size_t rows);
};

}  // namespace nurture
