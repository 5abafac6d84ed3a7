#pragma once
/// Words and dates as people read them, in one place for every page (leads, content): stage,
/// content-kind and event names, "Nov 27, 2026 10:42", "$120.00", "2 min 5 s", "1,234". Times
/// are shown in the browser's local time zone (the practice's IANA zone needs a time-zone
/// database the app does not ship yet).

#include <array>
#include <cstdint>
#include <string>

#include "core/model/catalog.hpp"
#include "core/model/lead_types.hpp"
#include "web/ui/icons.hpp"

namespace nurture::ui {

/// "Jan".."Dec" and "Mon".."Sun" (Monday first), for chart axes and pickers.
inline constexpr std::array<const char*, 12> k_month_short = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                              "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
inline constexpr std::array<const char*, 7> k_weekday_short = {"Mon", "Tue", "Wed", "Thu",
                                                               "Fri", "Sat", "Sun"};

const char* stage_label(Stage stage);
/// "Article", "Before & after"…
const char* content_kind_label(ContentKind kind);
const char* channel_label(Channel channel);
const char* purpose_label(Purpose purpose);
const char* gender_label(Gender gender);
const char* event_label(EventType type);
Icon event_icon(EventType type);
/// "1,234" (core's format_thousands; count_noun in core/util/text.hpp adds the noun).
std::string format_count(std::size_t n);
/// "Nov 27, 2026" for Unix ms `t` shifted by `offset_minutes`.
std::string format_day(std::int64_t t, int offset_minutes);
/// "Nov 27, 2026 10:42".
std::string format_day_time(std::int64_t t, int offset_minutes);
/// The details of an event worth a line: "Botox consultation · $350.00 · 2 min 5 s".
std::string event_details(const Event& e);
/// "a, b, c" ⇄ {"a", "b", "c"} (trimmed, empty items dropped).
std::string join_list(const std::vector<std::string>& items);
std::vector<std::string> split_list(const std::string& text);

}  // namespace nurture::ui
