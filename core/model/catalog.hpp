#pragma once
/// The practice's catalogs: the treatments it offers (with the typical interval after which a
/// patient is due again), the lead sources it buys or earns leads from, and its library of
/// educational content. Each item has a stable text id (used by leads, events and sequences),
/// one change stamp for the whole item (last writer wins in a merge) and a tombstone, so a
/// deletion on one device survives a merge with another.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/model/lead_types.hpp"
#include "core/model/practice.hpp"
#include "core/sync/hlc.hpp"

namespace nurture {

/// A treatment or service, e.g. {"botox", "Botox", "injectables", 90}.
struct Treatment {
  std::string id;  ///< lowercase slug: letters, digits, '-', '_'; 1–64 characters
  std::string name;
  std::string category;                ///< "injectables", "laser", "surgery", "skin"…
  std::uint16_t retreatment_days = 0;  ///< typical interval before the next visit; 0: one-off
  std::int64_t price_cents = 0;        ///< typical price, for revenue estimates; 0: unknown
  Stamp stamp;
  bool deleted = false;
  friend bool operator==(const Treatment&, const Treatment&) = default;
};

enum class SourceKind : std::uint8_t { paid, organic, social, referral, email, offline, other };
inline constexpr std::size_t k_source_kind_count = 7;
std::string_view to_string(SourceKind v);
std::optional<SourceKind> parse_source_kind(std::string_view text);

/// Where leads come from; `Lead::source` holds the id.
struct LeadSource {
  std::string id;  ///< "facebook", "google-ads", "website", "referral"
  std::string name;
  SourceKind kind = SourceKind::other;
  std::int64_t monthly_cost_cents = 0;  ///< spend, for return-on-investment reports
  Stamp stamp;
  bool deleted = false;
  friend bool operator==(const LeadSource&, const LeadSource&) = default;
};

enum class ContentKind : std::uint8_t { article, guide, video, faq, testimonial, before_after };
inline constexpr std::size_t k_content_kind_count = 6;
std::string_view to_string(ContentKind v);
std::optional<ContentKind> parse_content_kind(std::string_view text);

/// An educational piece; `Event::content` of content_viewed / email_clicked holds the id.
struct ContentItem {
  std::string id;
  std::string title;
  ContentKind kind = ContentKind::article;
  Stage stage = Stage::consideration;  ///< the funnel stage it is written for
  std::string treatment;               ///< a Treatment id, or empty for general content
  std::string url;
  std::uint16_t minutes = 0;  ///< reading or watching time
  Stamp stamp;
  bool deleted = false;
  friend bool operator==(const ContentItem&, const ContentItem&) = default;
};

/// Whether `id` is a valid catalog id (see Treatment::id).
bool is_catalog_id(std::string_view id);

/// Field problems of one item (empty: valid). Ids must be unique among live items, which the
/// commands check against the catalog.
std::vector<FieldError> validate(const Treatment& t);
std::vector<FieldError> validate(const LeadSource& s);
std::vector<FieldError> validate(const ContentItem& c);

/// The live item with `id`, or nullptr.
template <class Item>
const Item* find_item(const std::vector<Item>& items, std::string_view id) {
  for (const auto& item : items) {
    if (!item.deleted && item.id == id) return &item;
  }
  return nullptr;
}

}  // namespace nurture
