#include "core/model/segments.hpp"

#include <algorithm>
#include <map>

#include "core/model/catalog.hpp"
#include "core/util/text.hpp"

namespace nurture {

namespace {

bool ascii_iequal(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

bool has_control(std::string_view text) {
  return std::any_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20; });
}

}  // namespace

std::vector<FieldError> validate(const SavedSegment& segment) {
  std::vector<FieldError> errors;
  if (!is_catalog_id(segment.id))
    errors.push_back({"id", "must be 1–64 lowercase letters, digits, '-' or '_'"});
  if (!is_valid_utf8(segment.name)) {
    errors.push_back({"name", "contains invalid characters (not UTF-8)"});
  } else if (trim(segment.name).empty()) {
    errors.push_back({"name", "is required"});
  } else if (utf8_length(segment.name) > k_max_segment_name) {
    errors.push_back({"name", "is longer than " + std::to_string(k_max_segment_name) + " characters"});
  } else if (has_control(segment.name)) {
    errors.push_back({"name", "cannot contain line breaks or control characters"});
  }
  if (!is_valid_utf8(segment.query)) {
    errors.push_back({"query", "contains invalid characters (not UTF-8)"});
  } else if (segment.query.size() > k_max_segment_query) {
    errors.push_back({"query", "is longer than " + std::to_string(k_max_segment_query) + " characters"});
  }
  if (!is_valid_utf8(segment.description) || utf8_length(segment.description) > 1000)
    errors.push_back({"description", "must be valid text of at most 1000 characters"});
  return errors;
}

bool same_segment_name(std::string_view a, std::string_view b) { return ascii_iequal(a, b); }

const SavedSegment* find_segment_by_name(const std::vector<SavedSegment>& segments, std::string_view name) {
  for (const auto& s : segments) {
    if (!s.deleted && same_segment_name(s.name, name)) return &s;
  }
  return nullptr;
}

std::vector<LeadId> recorded_members(const std::vector<MembershipChange>& history, std::string_view segment) {
  // Latest change per lead; ties at the same moment resolve to "entered" (the later in sort order).
  std::map<LeadId, std::pair<UnixMillis, bool>> latest;
  for (const auto& c : history) {
    if (c.segment != segment) continue;
    auto [it, fresh] = latest.try_emplace(c.lead, c.at, c.entered);
    if (!fresh && std::pair(c.at, c.entered) > it->second) it->second = {c.at, c.entered};
  }
  std::vector<LeadId> members;
  for (const auto& [lead, last] : latest) {
    if (last.second) members.push_back(lead);
  }
  return members;
}

}  // namespace nurture
