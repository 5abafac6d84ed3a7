#pragma once
// Internal to core/demo: the fixed parts of the demo practice (profile, catalogs, the names and
// places people are drawn from). The generator (demo_generator.hpp) combines them.

#include <array>
#include <span>
#include <string_view>
#include <vector>

#include "core/model/ad_spend.hpp"
#include "core/model/catalog.hpp"
#include "core/model/practice.hpp"
#include "core/model/segments.hpp"

namespace nurture::demo {

PracticeProfile practice();
std::vector<Treatment> treatments();
std::vector<LeadSource> sources();
/// The paid sources' spend for the 12 months before the month of `now` (that month is left to
/// the monthly cost, as an estimate, the way a practice's invoices lag), growing with the
/// practice and varying a little month to month; sorted like Workspace::ad_spend. Drawn from
/// its own generator, so the rest of the demo does not change with it.
std::vector<AdSpend> ad_spend(const std::vector<LeadSource>& sources, std::uint64_t seed, UnixMillis now,
                              const Stamp& stamp);
std::vector<ContentItem> content();
/// Saved segments a practice like this would keep (their queries use the demo's ids).
std::vector<SavedSegment> segments();

/// How many leads of a hundred come from each source, in sources() order.
std::span<const int> source_weights();
/// How often each treatment is the main interest, in treatments() order.
std::span<const int> treatment_weights();

struct Name {
  std::string_view display;  ///< as written, accents and all
  std::string_view ascii;    ///< for the email address
};
std::span<const Name> female_first_names();
std::span<const Name> male_first_names();
std::span<const Name> last_names();

struct Place {
  std::string_view city;
  std::string_view state;
  std::string_view zip;
  std::string_view time_zone;
  int weight;
};
std::span<const Place> places();
std::span<const std::string_view> streets();
std::span<const std::string_view> area_codes();

}  // namespace nurture::demo
