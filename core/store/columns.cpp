#include "core/store/columns.hpp"

#include "core/util/text.hpp"

namespace nurture {

Dictionary::Dictionary() {
  const auto inserted = m_codes.emplace(std::string(), 0).first;
  m_values.push_back(&inserted->first);
}

Dictionary::Dictionary(const Dictionary& other) : m_codes(other.m_codes), m_last(other.m_last) {
  m_values.resize(m_codes.size());
  for (const auto& entry : m_codes) m_values[entry.second] = &entry.first;
}

Dictionary& Dictionary::operator=(const Dictionary& other) {
  if (this != &other) *this = Dictionary(other);
  return *this;
}

std::uint32_t Dictionary::intern(std::string_view text) {
  // Fast paths for the common cases of bulk loads: empty values and runs of the same value.
  if (text.empty()) return 0;
  if (m_last < m_values.size() && *m_values[m_last] == text) return m_last;
  const auto found = m_codes.find(std::string(text));
  if (found != m_codes.end()) return m_last = found->second;
  const auto code = static_cast<std::uint32_t>(m_values.size());
  const auto inserted = m_codes.emplace(std::string(text), code).first;
  m_values.push_back(&inserted->first);
  return m_last = code;
}

std::uint32_t Dictionary::find(std::string_view text) const {
  const auto found = m_codes.find(std::string(text));
  return found == m_codes.end() ? k_missing : found->second;
}

std::size_t Dictionary::memory_bytes() const {
  std::size_t bytes =
      m_values.capacity() * sizeof(const std::string*) + m_codes.bucket_count() * sizeof(void*);
  for (const auto& [text, code] : m_codes) {
    (void)code;
    // A hash node holds the pair, a next pointer and the cached hash; long strings add heap.
    bytes += sizeof(std::pair<const std::string, std::uint32_t>) + 2 * sizeof(void*);
    if (text.size() > 15) bytes += text.capacity() + 1;
  }
  return bytes;
}

void Dictionary::serialize(ImageWriter& out) const {
  std::vector<std::uint32_t> lengths;
  lengths.reserve(m_values.size());
  std::string blob;
  for (const auto* value : m_values) {
    lengths.push_back(static_cast<std::uint32_t>(value->size()));
    blob += *value;
  }
  out.array(lengths);
  out.bytes(blob);
}

bool Dictionary::deserialize(ImageReader& in) {
  std::vector<std::uint32_t> lengths;
  std::string_view blob;
  if (!in.array(lengths) || !in.bytes(blob)) return false;
  if (lengths.empty() || lengths[0] != 0)
    return in.fail("image dictionary does not start with the empty string");
  Dictionary dict;
  dict.m_codes.reserve(lengths.size());
  dict.m_values.reserve(lengths.size());
  std::uint64_t offset = 0;
  for (std::size_t code = 1; code < lengths.size(); ++code) {
    if (offset + lengths[code] > blob.size()) return in.fail("image dictionary is truncated");
    const auto text = blob.substr(static_cast<std::size_t>(offset), lengths[code]);
    offset += lengths[code];
    if (!is_valid_utf8(text)) return in.fail("image dictionary holds invalid UTF-8");
    const auto inserted = dict.m_codes.emplace(std::string(text), static_cast<std::uint32_t>(code));
    if (!inserted.second) return in.fail("image dictionary repeats a value");
    dict.m_values.push_back(&inserted.first->first);
  }
  if (offset != blob.size()) return in.fail("image dictionary has stray bytes");
  *this = std::move(dict);
  return true;
}

bool TextColumn::deserialize(ImageReader& in, std::size_t rows) {
  if (!ListColumn<char>::deserialize(in, rows)) return false;
  for (std::size_t r = 0; r < rows; ++r) {
    if (!is_valid_utf8(get(r))) return in.fail("image text column holds invalid UTF-8");
  }
  return true;
}

}  // namespace nurture
