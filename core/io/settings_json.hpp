#pragma once
/// The workspace file's settings members: "saved_segments" (saved segments), "segment_history" (who
/// entered and left them), "scoring" (the scoring model) and "funnel" (the funnel model; a file
/// without it has the default model, which is not written). They are small documents, so they
/// are written and read through nlohmann's DOM instead of the streaming reader: the reader
/// captures them like unknown members and take_settings_members() decodes them at the end.
/// A member is written only when it holds something, so files without segments or scoring
/// are byte for byte what older versions wrote. See docs/schema.md.

#include <string>

#include "core/model/workspace.hpp"
#include "core/util/expected.hpp"

namespace nurture {

/// Appends `,\n  "saved_segments": […]` and the other settings members that are not empty.
void append_settings_members(std::string& out, const Workspace& ws);

/// Moves the settings members out of `ws.unknown_members` into their typed members, checking
/// every value. On error `ws` may be partly filled and must be discarded; the message names the
/// member and the item ("segments[2].name: is required").
Status take_settings_members(Workspace& ws);

}  // namespace nurture
