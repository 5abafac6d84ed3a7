#pragma once
/// What every panel receives for one frame: the session (read const, change via execute), the
/// platform, the palette and fonts, the test marks, the pixel scale, and a place to ask for
/// navigation. Panels never keep pointers to it beyond the frame.

#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "core/session.hpp"
#include "web/ui/announcer.hpp"
#include "web/ui/fonts.hpp"
#include "web/ui/icons.hpp"
#include "web/ui/platform_api.hpp"
#include "web/ui/test_marks.hpp"
#include "web/ui/theme.hpp"

namespace nurture::ui {

class SegmentRuntime;
class DemoJob;
class RestoreJob;

enum class Page { today, leads, segments, sequences, forecast, funnel, content, import_export, settings };

inline constexpr Page k_pages[] = {Page::today,     Page::leads,         Page::segments,
                                   Page::sequences, Page::forecast,      Page::funnel,
                                   Page::content,   Page::import_export, Page::settings};

struct PageInfo {
  const char* key;       ///< stored in Preferences::page, e.g. "import_export"
  const char* label;     ///< nav label
  const char* title;     ///< page heading
  const char* subtitle;  ///< one line under the heading
  const char* mark;      ///< nav item test id, e.g. "nav.leads"
  Icon icon;
};

const PageInfo& page_info(Page page);
/// The page stored under `key`; nullopt for unknown keys (older or newer versions).
std::optional<Page> page_from_key(std::string_view key);

struct Ui {
  const Session& session;
  Session& mutable_session;  ///< only for execute() and undo()
  Platform& platform;
  const Palette& pal;
  const FontSet& fonts;
  TestMarks& marks;
  float s = 1.0F;                 ///< physical pixels per design pixel (UI scale × DPR)
  std::optional<Page> go_to;      ///< set by a panel to navigate after this frame
  bool focus_search = false;      ///< Ctrl+F: the Leads page focuses its search field
  std::string notice;             ///< set by a panel: a short outcome for the status bar ("Undo with Ctrl+Z")
  bool export_requested = false;  ///< set by a panel: export the workspace (see export_workspace)
  /// Scores and saved segments, kept current by the app (null in tests that draw a page alone).
  const SegmentRuntime* segments = nullptr;
  /// Set by a panel: open the segment editor on a new segment {name, query} (Leads' "Save as
  /// segment").
  std::optional<std::pair<std::string, std::string>> new_segment;
  /// Set by a panel: show the sequence with this id on the Sequences page (Content's "used in").
  std::optional<std::string> open_sequence;
  /// Speaks status messages once per change (null in tests that draw a page alone: then
  /// announce() goes straight to the platform).
  Announcer* announcer = nullptr;
  /// Builds the demo practice a slice per frame (null in tests that draw a page alone: then
  /// load_demo builds it at once).
  DemoJob* demo = nullptr;
  /// Restores a daily backup a slice per frame (null in tests that draw a page alone).
  RestoreJob* restore = nullptr;

  [[nodiscard]] float px(float design) const { return design * s; }
  /// True when this tab may change data (loaded and the writer).
  /// An outcome happened ("Changes saved.", an import's result): spoken once, at frame end.
  void announce(std::string message) const {
    if (announcer != nullptr) {
      announcer->say(std::move(message));
    } else if (!message.empty()) {
      platform.announce(message);
    }
  }
  /// `text` is on screen in `slot` this frame (an error under a form): spoken when it changes.
  void announce_shown(std::string_view slot, const std::string& text) const {
    if (announcer != nullptr) announcer->shown(slot, text);
  }
  [[nodiscard]] bool editable() const { return platform.storage().mode == StorageStatus::Mode::ready; }
};

}  // namespace nurture::ui
