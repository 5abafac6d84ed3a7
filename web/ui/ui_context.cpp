#include "web/ui/ui_context.hpp"

namespace nurture::ui {

namespace {

// The nav label and the page's heading and subtitle, written as one would explain each page to
// a new front-desk coordinator.
constexpr PageInfo k_info[] = {
    {"today", "Today", "Today", "The touches due today, across email, text, phone and social.", "nav.today",
     Icon::today},
    {"leads", "Leads", "Leads", "Everyone who has shown interest in your practice.", "nav.leads",
     Icon::leads},
    {"segments", "Segments", "Segments", "Saved groups of leads, counted live.", "nav.segments",
     Icon::segments},
    {"sequences", "Sequences", "Sequences", "Timed series of touches that nurture leads toward a visit.",
     "nav.sequences", Icon::sequences},
    {"forecast", "Forecast", "Forecast",
     "The days ahead if every touch goes out as it comes due: nothing here changes your data.",
     "nav.forecast", Icon::forecast},
    {"funnel", "Dashboard", "Dashboard", "Your funnel, conversions and return, against the period before.",
     "nav.funnel", Icon::funnel},
    {"content", "Content", "Content", "Educational pieces your sequences share.", "nav.content",
     Icon::content},
    {"import_export", "Import / Export", "Import / Export",
     "Bring leads in; take your whole workspace with you.", "nav.import_export", Icon::import_export},
    {"settings", "Settings", "Settings", "Your practice, this device's appearance, storage and backups.",
     "nav.settings", Icon::settings},
};

}  // namespace

const PageInfo& page_info(Page page) { return k_info[static_cast<int>(page)]; }

std::optional<Page> page_from_key(std::string_view key) {
  for (const Page p : k_pages) {
    if (key == page_info(p).key) return p;
  }
  return std::nullopt;
}

}  // namespace nurture::ui
