#include "core/model/catalog.hpp"

#include "core/model/field_checks.hpp"
#include "core/util/text.hpp"

namespace nurture {

namespace {

constexpr std::array<std::string_view, k_source_kind_count> k_source_kinds = {
    "paid", "organic", "social", "referral", "email", "offline", "other"};
constexpr std::array<std::string_view, k_content_kind_count> k_content_kinds = {
    "article", "guide", "video", "faq", "testimonial", "before_after"};

template <class E, std::size_t N>
std::optional<E> parse_enum(const std::array<std::string_view, N>& names, std::string_view text) {
  for (std::size_t i = 0; i < N; ++i) {
    if (names[i] == text) return static_cast<E>(i);
  }
  return std::nullopt;
}

void check_id(std::vector<FieldError>& errors, const std::string& id) {
  if (!is_catalog_id(id)) {
    errors.push_back({"id", "must be 1–64 lowercase letters, digits, '-' or '_'"});
  }
}

}  // namespace

void check_text(std::vector<FieldError>& errors, const std::string& field, const std::string& value,
                std::size_t max, bool required) {
  if (!is_valid_utf8(value)) {
    errors.push_back({field, "contains invalid characters (not UTF-8)"});
  } else if (utf8_length(value) > max) {
    errors.push_back({field, "is longer than " + std::to_string(max) + " characters"});
  } else if (required && trim(value).empty()) {
    errors.push_back({field, "is required"});
  }
}

std::string_view to_string(SourceKind v) { return k_source_kinds.at(static_cast<std::size_t>(v)); }
std::optional<SourceKind> parse_source_kind(std::string_view text) {
  return parse_enum<SourceKind>(k_source_kinds, text);
}
std::string_view to_string(ContentKind v) { return k_content_kinds.at(static_cast<std::size_t>(v)); }
std::optional<ContentKind> parse_content_kind(std::string_view text) {
  return parse_enum<ContentKind>(k_content_kinds, text);
}

bool is_catalog_id(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  for (const char c : id) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    if (!ok) return false;
  }
  return true;
}

std::vector<FieldError> validate(const Treatment& t) {
  std::vector<FieldError> errors;
  check_id(errors, t.id);
  check_text(errors, "name", t.name, 120, true);
  check_text(errors, "category", t.category, 60, false);
  if (t.retreatment_days > 3650) errors.push_back({"retreatment_days", "must be at most 3650 days"});
  if (t.price_cents < 0) errors.push_back({"price_cents", "must not be negative"});
  return errors;
}

std::vector<FieldError> validate(const LeadSource& s) {
  std::vector<FieldError> errors;
  check_id(errors, s.id);
  check_text(errors, "name", s.name, 120, true);
  if (s.monthly_cost_cents < 0) errors.push_back({"monthly_cost_cents", "must not be negative"});
  return errors;
}

std::vector<FieldError> validate(const ContentItem& c) {
  std::vector<FieldError> errors;
  check_id(errors, c.id);
  check_text(errors, "title", c.title, 200, true);
  check_text(errors, "url", c.url, 2000, false);
  if (!c.treatment.empty() && !is_catalog_id(c.treatment)) {
    errors.push_back({"treatment", "is not a treatment id"});
  }
  return errors;
}

}  // namespace nurture
