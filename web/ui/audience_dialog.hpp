#pragma once
/// "Export audience…" on the Segments page: the segment being edited as a Meta customer list or
/// a Google Customer Match file (core/audience/audience.hpp). The dialog shows the format, who
/// qualifies and why the others do not, the neutral file name and that hashing happens on this
/// device, then downloads the file — or says plainly why it will not (fewer than 100 qualify).

#include <cstdint>
#include <string>

#include <nlohmann/json_fwd.hpp>

#include "core/audience/audience.hpp"
#include "core/segment/lead_set.hpp"
#include "web/ui/ui_context.hpp"

namespace nurture::ui {

class AudienceDialog {
 public:
  /// Opens the dialog on the next draw().
  void open() { m_opening = true; }
  /// Draws the dialog when open; `members` are the edited segment's current members. Call every
  /// frame from the same place (a popup lives in its caller's ID stack).
  void draw(Ui& ui, const segment::LeadSet& members);
  /// For tests: whether it is open, the format, the counts, the file name, the refusal and the
  /// last download.
  void describe(nlohmann::json& out) const;

 private:
  void recount(Ui& ui, const segment::LeadSet& members);
  void download(Ui& ui, const segment::LeadSet& members);

  bool m_opening = false;
  bool m_open = false;
  AudienceFormat m_format = AudienceFormat::meta;
  AudienceCount m_count;
  std::uint64_t m_counted_revision = ~std::uint64_t{0};
  std::size_t m_counted_members = 0;
  std::string m_file_name;  ///< today's neutral name for m_format
  std::string m_error;      ///< a refusal or failure from the last download attempt
  std::string m_last_download;
};

}  // namespace nurture::ui
