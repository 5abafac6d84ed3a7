#pragma once
/// The workspace file's settings members: "saved_segments" (saved segments), "segment_history" (who
/// entered and left them), "scoring" (the scoring model) and "funnel" (the funnel model; a file
/// without it has the default model, which is not written). They are small documents, so they
/// are written and read through nlohmann's DOM instead of the streaming reader: the reader
/// captures them like unknown members and take_settings_members() decodes them at the end.
/// A member is written only when it holds something, so files without segments or scoring
/// are byte for byte what older versions wrote. See docs/schema.md.

#include <cstddef>
#include <cstdint>
#include <string>

#include "core/model/workspace.hpp"
#include "core/util/expected.hpp"

namespace nurture {

/// Writes the settings members an item at a time, so the workspace writers (WorkspaceJsonWriter,
/// the image's JSON part) stay sliced when a practice has hundreds of thousands of segment
/// history items, enrolments or touches. The concatenated output equals
/// append_settings_members(ws). `ws` must outlive the writer and not change while it runs.
class SettingsJsonWriter {
 public:
  explicit SettingsJsonWriter(const Workspace& ws) : m_ws(ws) {}
  /// Appends roughly `budget` bytes to `out`: at least one item while any is left (a member
  /// with nothing to write is skipped). True once every member is written.
  bool step(std::string& out, std::size_t budget);
  [[nodiscard]] bool done() const { return m_member == Member::done; }

 private:
  enum class Member : std::uint8_t {
    saved_segments,
    segment_history,
    scoring,
    funnel,
    sequences,
    enrollments,
    touches,
    ad_spend,
    done
  };
  [[nodiscard]] std::size_t item_count() const;
  void write_item(std::string& out, std::size_t i) const;

  const Workspace& m_ws;
  Member m_member = Member::saved_segments;
  std::size_t m_index = 0;  ///< next item of the current member
  std::size_t m_count = 0;  ///< the current member's items (set when it starts)
};

/// Appends `,\n  "saved_segments": […]` and the other settings members that are not empty:
/// SettingsJsonWriter run to the end.
void append_settings_members(std::string& out, const Workspace& ws);

/// One item of "segment_history", "enrollments" or "touches", compact, written as text: the
/// bytes nlohmann's dump() gave for them (these lists grow with the leads, and building a DOM
/// per item was most of the image's JSON time). Text must be valid UTF-8 (the model's rule;
/// nlohmann replaced invalid bytes, these copy them).
void write_history_item(std::string& out, const MembershipChange& c);
void write_enrollment(std::string& out, const Enrollment& e);
void write_touch(std::string& out, const TouchRecord& t);

/// Moves the settings members out of `ws.unknown_members` into their typed members, checking
/// every value. On error `ws` may be partly filled and must be discarded; the message names the
/// member and the item ("segments[2].name: is required").
Status take_settings_members(Workspace& ws);

}  // namespace nurture
