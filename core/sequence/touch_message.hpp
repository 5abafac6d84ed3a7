#pragma once
/// A due touch made concrete for the person sending it: its sequence, step and lead, the message
/// rendered for that lead, the line the batch exports write, and the one-click links (mailto:,
/// sms:, tel:) that open the practitioner's own mail, messages or phone app with it ready.

#include <optional>
#include <string>
#include <string_view>

#include "core/export/touch_export.hpp"
#include "core/model/workspace.hpp"
#include "core/sequence/scheduler.hpp"
#include "core/sequence/template_render.hpp"

namespace nurture {

struct TouchView {
  const Sequence* sequence = nullptr;
  const Step* step = nullptr;
  Lead lead;
  RenderedMessage message;
};

/// The touch's sequence, step, lead and message rendered at `now`; nullopt when the sequence,
/// the step or the lead no longer exists (the schedule is from an older revision).
std::optional<TouchView> view_touch(const Workspace& ws, const DueTouch& touch, UnixMillis now);

/// The export line of a viewed touch.
TouchLine touch_line(const TouchView& view, const DueTouch& touch);

/// RFC 3986 percent-encoding of everything but unreserved characters (UTF-8 bytes as %XX).
std::string percent_encode(std::string_view text);
/// "mailto:ana@example.com?subject=…&body=…" (line breaks as %0D%0A, as RFC 6068 asks).
std::string mailto_link(std::string_view email, std::string_view subject, std::string_view body);
/// "sms:+13055550100?body=…" (the form iOS and Android both open).
std::string sms_link(std::string_view phone, std::string_view body);
/// "tel:+13055550100".
std::string tel_link(std::string_view phone);

}  // namespace nurture
