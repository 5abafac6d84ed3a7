#pragma once
/// Segments: the practice's saved segments with live counts, and the editor — the query as text
/// and as a visual builder side by side (kept in sync both ways), errors underlined where they
/// are, the count updated on every keystroke with the change against the saved segment's
/// recorded members (+12 / −3), the members, "why is this lead in or out" clause by clause, and
/// the overlap of two or three saved segments. Saving goes through PutSegment (Ctrl+Z undoes).
/// "Export audience…" turns the members into a hashed ad-platform customer list (AudienceDialog).

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "core/segment/ast.hpp"
#include "core/segment/lead_set.hpp"
#include "core/segment/naive.hpp"
#include "core/util/expected.hpp"
#include "web/ui/audience_dialog.hpp"
#include "web/ui/segment_runtime.hpp"
#include "web/ui/ui_context.hpp"

namespace nurture::ui {

class SegmentsPage {
 public:
  void draw(Ui& ui, const SegmentRuntime& rt);
  /// Opens the editor on a new, unsaved segment (Leads' "Save as segment").
  void start_new(std::string name, std::string query);
  /// Opens the editor on saved segment `id`.
  void open(const Workspace& ws, const std::string& id);
  /// For browser and smoke tests: the draft, the live answer, the list.
  void describe(nlohmann::json& out, const Workspace& ws, const SegmentRuntime& rt) const;

  enum class Tab { members, why, overlap };

  /// The segment being edited (a copy of a saved one, or a new one).
  struct Draft {
    bool open = false;
    std::string id;  ///< empty for a new segment
    std::string name;
    std::string query;
    std::string description;
  };
  [[nodiscard]] const Draft& draft() const { return m_draft; }

 private:
  // segments_page.cpp
  void draw_list(Ui& ui, const SegmentRuntime& rt, float width);
  void draw_empty(Ui& ui, float width);
  void save(Ui& ui);
  void remove(Ui& ui);
  // segment_editor.cpp
  void evaluate(Ui& ui, const SegmentRuntime& rt);
  void draw_editor(Ui& ui, const SegmentRuntime& rt, float width);
  /// The card with the name, the text, the builder and the count.
  void draw_definition(Ui& ui, const SegmentRuntime& rt, float width);
  /// Members, Why and Overlap under the card.
  void draw_tabs(Ui& ui, const SegmentRuntime& rt, float width);
  void draw_query_text(Ui& ui, float width);
  void draw_count(Ui& ui, const SegmentRuntime& rt);
  void draw_members(Ui& ui, const SegmentRuntime& rt, float width);
  // segment_insights.cpp
  void draw_why(Ui& ui, const SegmentRuntime& rt, float width);
  void draw_overlap(Ui& ui, const SegmentRuntime& rt, float width);

  Draft m_draft;
  bool m_focus_query = false;
  Tab m_tab = Tab::members;
  bool m_tab_request = false;  ///< select m_tab's tab on the next frame (the Why button)

  // The live answer for the draft's query, recomputed when the text or the runtime changes.
  std::string m_answered_query;
  std::uint64_t m_answered_generation = ~std::uint64_t{0};
  std::optional<segment::Node> m_tree;  ///< the parsed query (the builder edits it)
  std::optional<Error> m_error;         ///< parse or bind error of the text
  bool m_parse_ok = false;              ///< the text parses (the builder can show it)
  std::uint32_t m_error_offset = 0;     ///< byte offset of the error in the text
  segment::LeadSet m_members;
  std::size_t m_entered = 0;  ///< members not in the saved segment's record
  std::size_t m_exited = 0;   ///< recorded members no longer matching
  bool m_has_record = false;  ///< the draft is a saved segment with a record

  // Why: the lead looked at and the search for it.
  std::string m_why_search;
  std::optional<LeadId> m_why_lead;
  std::optional<segment::ClauseValue> m_why;
  std::uint64_t m_why_generation = ~std::uint64_t{0};
  std::string m_why_query;  ///< the query text m_why answers

  // Overlap: up to three saved segment ids.
  std::array<std::string, 3> m_overlap{};

  // "Export audience…": the draft's members as a Meta or Google customer list.
  AudienceDialog m_audience;

  std::string m_message;
  bool m_message_ok = true;
  std::string m_name_error;
};

}  // namespace nurture::ui
